// Package fix applies the edits that findings suggest: it merges and orders
// them, skips conflicting ones deterministically, renders the result as a
// unified diff and writes files atomically. It knows no check; it works on
// finding.Fix values, so any family with safe edits can use it.
package fix

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/aymanbagabas/go-udiff"

	"github.com/galley-lint/galley/internal/finding"
)

// Apply applies fixes to src and returns the new text and the number of
// fixes applied. The Path of each edit is not consulted: the caller passes
// the fixes of one file.
//
// Fixes are considered in a fixed order (by their first edit's start, then
// end, then message), so the outcome never depends on the order they were
// found in. A fix is applied whole or not at all: it is skipped when one of
// its edits conflicts with an edit already accepted. Two deletions (edits
// with empty NewText) never conflict: overlapping deletions are merged. A
// fix identical to an accepted one is counted once. An edit outside src is
// an error, and then src is returned unchanged.
func Apply(src []byte, fixes []finding.Fix) (out []byte, applied int, err error) {
	type cand struct {
		fix   finding.Fix
		edits []finding.Edit
	}
	cands := make([]cand, 0, len(fixes))
	for _, f := range fixes {
		if len(f.Edits) == 0 {
			continue
		}
		edits := slices.Clone(f.Edits)
		for _, e := range edits {
			if e.Start < 0 || e.End < e.Start || e.End > len(src) {
				return src, 0, fmt.Errorf("fix %q: edit [%d,%d) outside the %d-byte file", f.Message, e.Start, e.End, len(src))
			}
		}
		slices.SortStableFunc(edits, compareEdits)
		cands = append(cands, cand{f, edits})
	}
	slices.SortStableFunc(cands, func(a, b cand) int {
		if c := compareEdits(a.edits[0], b.edits[0]); c != 0 {
			return c
		}
		if c := cmp.Compare(a.fix.Message, b.fix.Message); c != 0 {
			return c
		}
		return cmp.Compare(len(a.edits), len(b.edits))
	})

	var accepted []finding.Edit
	var prev []finding.Edit
	maxEnd := -1 // the largest End of the accepted edits
	for _, c := range cands {
		if prev != nil && slices.EqualFunc(prev, c.edits, sameEdit) {
			continue // a duplicate of the fix just applied
		}
		if conflictsWithin(c.edits) {
			continue
		}
		// Fixes come sorted by start, so most lie wholly after every
		// accepted edit and need no comparison.
		if c.edits[0].Start <= maxEnd && conflictsWith(c.edits, accepted) {
			continue
		}
		accepted = append(accepted, c.edits...)
		for _, e := range c.edits {
			maxEnd = max(maxEnd, e.End)
		}
		prev = c.edits
		applied++
	}
	if applied == 0 {
		return src, 0, nil
	}
	slices.SortStableFunc(accepted, compareEdits)
	accepted = mergeDeletions(accepted)
	extendTailDeletion(src, accepted)

	var b strings.Builder
	b.Grow(len(src))
	pos := 0
	for _, e := range accepted {
		b.Write(src[pos:e.Start])
		b.WriteString(e.NewText)
		pos = e.End
	}
	b.Write(src[pos:])
	return []byte(b.String()), applied, nil
}

// compareEdits orders edits by start, then end (insertions first), then new
// text.
func compareEdits(a, b finding.Edit) int {
	if c := cmp.Compare(a.Start, b.Start); c != 0 {
		return c
	}
	if c := cmp.Compare(a.End, b.End); c != 0 {
		return c
	}
	return cmp.Compare(a.NewText, b.NewText)
}

func sameEdit(a, b finding.Edit) bool {
	return a.Start == b.Start && a.End == b.End && a.NewText == b.NewText
}

// conflict reports whether two edits cannot both be applied.
func conflict(a, b finding.Edit) bool {
	if a.NewText == "" && b.NewText == "" {
		return false // deletions merge
	}
	if a.Start == a.End && b.Start == b.End {
		// Two insertions at one point: their order would be arbitrary.
		return a.Start == b.Start && a.NewText != b.NewText
	}
	if a.Start == a.End {
		return a.Start > b.Start && a.Start < b.End
	}
	if b.Start == b.End {
		return b.Start > a.Start && b.Start < a.End
	}
	return a.Start < b.End && b.Start < a.End
}

func conflictsWithin(edits []finding.Edit) bool {
	for i := range edits {
		for j := i + 1; j < len(edits); j++ {
			if conflict(edits[i], edits[j]) {
				return true
			}
		}
	}
	return false
}

func conflictsWith(edits, accepted []finding.Edit) bool {
	for _, e := range edits {
		for _, a := range accepted {
			if conflict(e, a) && !sameEdit(e, a) {
				return true
			}
		}
	}
	return false
}

// mergeDeletions drops repeated edits and joins overlapping or touching
// deletions of a sorted edit list.
func mergeDeletions(edits []finding.Edit) []finding.Edit {
	out := edits[:0:0]
	for _, e := range edits {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if sameEdit(*last, e) {
				continue
			}
			if last.NewText == "" && e.NewText == "" && e.Start <= last.End && e.Start != e.End {
				last.End = max(last.End, e.End)
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// Diff returns a unified diff from old to new, labelled "a/path" and
// "b/path", or "" when they are equal.
func Diff(path string, old, new []byte) string {
	if string(old) == string(new) {
		return ""
	}
	p := filepath.ToSlash(path)
	return udiff.Unified("a/"+p, "b/"+p, string(old), string(new))
}

// WriteFile replaces the file at path with data atomically: it writes a
// temporary file in the same directory, syncs it, gives it the original
// file's permissions and renames it over the original. On error the
// original is untouched and the temporary file is removed. A file without
// its owner's write permission is refused (even when running as root), so
// --write never silently replaces a file its owner protected. A path that
// does not exist yet is created with mode 0o644.
func WriteFile(path string, data []byte) (err error) {
	mode := os.FileMode(0o644)
	info, statErr := os.Stat(path)
	switch {
	case statErr == nil:
		if !info.Mode().IsRegular() {
			return fmt.Errorf("write %s: not a regular file", path)
		}
		mode = info.Mode().Perm()
		if mode&0o200 == 0 {
			return fmt.Errorf("write %s: file is read-only: %w", path, os.ErrPermission)
		}
	case !errors.Is(statErr, os.ErrNotExist):
		return fmt.Errorf("write %s: %w", path, statErr)
	}
	// Write through symlinks to the file they name, so the link survives.
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved
	}

	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".galley-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Chmod(mode); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: sync: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// extendTailDeletion widens a deletion that runs to the end of the file and
// starts at a line start back over the blank lines just before it: they
// only separated the deleted tail from the text, and left behind they would
// end the file with blank lines. edits are sorted and do not overlap.
func extendTailDeletion(src []byte, edits []finding.Edit) {
	if len(edits) == 0 {
		return
	}
	last := &edits[len(edits)-1]
	if last.NewText != "" || last.End != len(src) || (last.Start > 0 && src[last.Start-1] != '\n') {
		return
	}
	floor := 0
	if len(edits) > 1 {
		floor = edits[len(edits)-2].End
	}
	start := last.Start
	for start > floor {
		// The line before start: [ls, start).
		ls := bytes.LastIndexByte(src[:start-1], '\n') + 1
		if ls < floor || len(bytes.TrimSpace(src[ls:start])) != 0 {
			break
		}
		start = ls
	}
	last.Start = start
}
