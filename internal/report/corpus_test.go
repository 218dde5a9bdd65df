package report

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/galley-lint/galley/internal/finding"
)

// sharedDir returns ../shared/<name> relative to the repository root, or
// skips the test when it is absent.
func sharedDir(t *testing.T, name string) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", name))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared data %s not available: %v", name, err)
	}
	return dir
}

// wordRe finds words: spans that start at a letter, as checks report them.
var wordRe = regexp.MustCompile(`\pL[\pL\pM]*`)

// expandTabs expands tabs in s to tabWidth stops, counting display width.
func expandTabs(s string) string {
	var b strings.Builder
	col := 0
	for _, part := range strings.SplitAfter(s, "\t") {
		text, tab := strings.CutSuffix(part, "\t")
		b.WriteString(text)
		col += uniseg.StringWidth(text)
		if tab {
			n := tabWidth - col%tabWidth
			b.WriteString(strings.Repeat(" ", n))
			col += n
		}
	}
	return b.String()
}

// checkAlignment reports a finding on every word of src (up to limit) and
// checks, independently of lineCells, that each caret sits under its word.
func checkAlignment(t *testing.T, path string, src []byte, limit int) int {
	t.Helper()
	s := string(src)
	lineStarts := []int{0}
	for i := range len(s) {
		if s[i] == '\n' {
			lineStarts = append(lineStarts, i+1)
		}
	}
	// pos is srcPosition, without rescanning the text before the line.
	pos := func(off int) finding.Position {
		line := sort.SearchInts(lineStarts, off+1)
		p := srcPosition(s[lineStarts[line-1]:], off-lineStarts[line-1])
		p.Line, p.Offset = line, off
		return p
	}
	var findings []finding.Finding
	for _, m := range wordRe.FindAllStringIndex(s, limit) {
		loc := finding.Location{Path: path, Start: pos(m[0]), End: pos(m[1])}
		findings = append(findings, mk("test/word", finding.SeverityInfo, "word", s, loc))
	}
	out := render(t, "text", Options{}, &Run{Findings: findings})
	assertNoControls(t, out, false)
	blocks := strings.Split(out, "\n")
	checked := 0
	for i, f := range findings {
		// Each finding prints a header, the source line and the marks.
		src, marks := blocks[3*i+1], blocks[3*i+2]
		line := f.SourceLine
		startByte := f.Location.Start.Offset - (strings.LastIndexByte(s[:f.Location.Start.Offset], '\n') + 1)
		if uniseg.StringWidth(expandTabs(sanitize(line, true))) > maxExcerpt {
			continue // cut to a window; covered by TestExcerptLongLine
		}
		wantCol := uniseg.StringWidth(expandTabs(sanitize(line[:startByte], true)))
		caret := strings.IndexByte(marks, '^') - 4
		if caret != wantCol {
			t.Errorf("%s:%d:%d: caret at display column %d, want %d\n%s\n%s", path, f.Location.Start.Line, f.Location.Start.Column, caret, wantCol, src, marks)
			continue
		}
		wantWidth := max(uniseg.StringWidth(f.Snippet), 1)
		if got := len(marks) - strings.IndexByte(marks, '^'); got != wantWidth {
			t.Errorf("%s:%d:%d: underline %d wide, want %d\n%s\n%s", path, f.Location.Start.Line, f.Location.Start.Column, got, wantWidth, src, marks)
		}
		checked++
	}
	return checked
}

func TestAlignmentSeeds(t *testing.T) {
	dir := sharedDir(t, "seeds")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	total := 0
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		total += checkAlignment(t, filepath.Base(p), b, -1)
	}
	if total == 0 {
		t.Skip("no words in seeds")
	}
}

// TestAlignmentCorpus checks alignment on corpus files with wide
// characters, tabs or emoji.
func TestAlignmentCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus scan skipped in -short mode")
	}
	dir := sharedDir(t, filepath.Join("corpora", "markdown-docs"))
	picked, total := 0, 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") || picked >= 30 {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil || !utf8.Valid(b) || !interesting(b) {
			return nil
		}
		picked++
		rel, _ := filepath.Rel(dir, p)
		total += checkAlignment(t, filepath.ToSlash(rel), b, 1000)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("checked %d carets in %d files", total, picked)
}

// interesting reports whether b has text whose display width differs
// from its character count.
func interesting(b []byte) bool {
	if bytes.IndexByte(b, '\t') >= 0 {
		return true
	}
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r >= 0x1100 {
			return true
		}
		b = b[n:]
	}
	return false
}
