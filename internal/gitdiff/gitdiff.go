// Package gitdiff finds the files and lines changed in a git repository
// since a reference, for galley's pull-request mode (--changed-since,
// --changed-lines). It runs the git command; it never writes to the
// repository.
//
// "Changed since REF" means what `git diff REF...HEAD` shows (the changes on
// this branch since it left REF) plus uncommitted changes, staged or not,
// and untracked files that are not ignored:
//
//	ch, err := gitdiff.Since(ctx, dir, "origin/main")
//	if err != nil { ... }
//	if ch.File(absPath) && ch.Line(absPath, 12) { ... }
package gitdiff

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Changes are the files and lines changed since a reference.
type Changes struct {
	// Root is the repository's top-level directory, absolute and with
	// symbolic links resolved.
	Root string
	// Base is the commit the changes are measured from: the merge base of
	// the reference and HEAD.
	Base string
	// files maps slash-separated paths relative to Root to their changed
	// lines; a nil LineSet means every line (an untracked or re-added
	// file).
	files map[string]*LineSet
}

// LineSet is a set of 1-based line numbers, kept as sorted ranges.
type LineSet struct {
	ranges [][2]int // inclusive [first, last], sorted, non-overlapping
}

// Contains reports whether line is in the set.
func (s *LineSet) Contains(line int) bool {
	if s == nil {
		return true
	}
	lo, hi := 0, len(s.ranges)
	for lo < hi {
		m := (lo + hi) / 2
		switch r := s.ranges[m]; {
		case line < r[0]:
			hi = m
		case line > r[1]:
			lo = m + 1
		default:
			return true
		}
	}
	return false
}

// Overlaps reports whether any line in [first, last] is in the set.
func (s *LineSet) Overlaps(first, last int) bool {
	if s == nil {
		return true
	}
	if last < first {
		last = first
	}
	for _, r := range s.ranges {
		if r[0] <= last && first <= r[1] {
			return true
		}
	}
	return false
}

// add appends [first, last]; hunks arrive in order, so ranges stay sorted.
func (s *LineSet) add(first, last int) {
	if n := len(s.ranges); n > 0 && first <= s.ranges[n-1][1]+1 {
		s.ranges[n-1][1] = max(s.ranges[n-1][1], last)
		return
	}
	s.ranges = append(s.ranges, [2]int{first, last})
}

// Paths returns the changed files, relative to Root and slash-separated,
// sorted.
func (c *Changes) Paths() []string {
	out := make([]string, 0, len(c.files))
	for p := range c.files {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// File reports whether the file at path (absolute, or relative to the
// process's working directory) changed.
func (c *Changes) File(path string) bool {
	_, ok := c.files[c.rel(path)]
	return ok
}

// Lines returns the changed lines of the file at path, and false when the
// file did not change. A nil set with true means every line.
func (c *Changes) Lines(path string) (*LineSet, bool) {
	s, ok := c.files[c.rel(path)]
	return s, ok
}

// Line reports whether line (1-based) of the file at path changed.
func (c *Changes) Line(path string, line int) bool {
	s, ok := c.Lines(path)
	return ok && s.Contains(line)
}

// rel returns path relative to Root, slash-separated, or "" when it is
// outside the repository.
func (c *Changes) rel(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		abs = resolved
	} else if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(dir, filepath.Base(abs))
	}
	rel, err := filepath.Rel(c.Root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	return filepath.ToSlash(rel)
}

// Since returns the changes in the repository containing dir since ref:
// the files changed between the merge base of ref and HEAD and the working
// tree, plus untracked files. With lines, it also records which lines of
// each file were added or changed (otherwise every line of a changed file
// counts). The error says plainly when dir is not in a git repository, git
// is missing, or ref is unknown.
func Since(ctx context.Context, dir, ref string, lines bool) (*Changes, error) {
	if strings.TrimSpace(ref) == "" {
		return nil, errors.New("empty git reference")
	}
	if strings.HasPrefix(ref, "-") {
		return nil, fmt.Errorf("git reference %q: must not start with '-'", ref)
	}
	g := &git{ctx: ctx, dir: dir}
	top, err := g.run("rev-parse", "--show-toplevel")
	if err != nil {
		var ee *exec.Error
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("git not found: %w", err)
		}
		return nil, fmt.Errorf("%s is not in a git repository: %w", dir, err)
	}
	root := strings.TrimRight(string(top), "\r\n")
	if resolved, err := filepath.EvalSymlinks(root); err == nil {
		root = resolved
	}
	if _, err := g.run("rev-parse", "--verify", "--quiet", "HEAD^{commit}"); err != nil {
		return nil, fmt.Errorf("the repository has no commits yet (HEAD is unborn)")
	}
	if _, err := g.run("rev-parse", "--verify", "--quiet", "--end-of-options", ref+"^{commit}"); err != nil {
		return nil, fmt.Errorf("unknown git reference %q (fetch it first, e.g. 'git fetch origin main', or check the name)", ref)
	}
	base, err := g.run("merge-base", "--end-of-options", ref, "HEAD")
	if err != nil {
		return nil, fmt.Errorf("no common ancestor of %q and HEAD (a shallow clone? fetch more history): %w", ref, err)
	}
	ch := &Changes{Root: root, Base: strings.TrimSpace(string(base)), files: map[string]*LineSet{}}

	// Every path from here on is relative to the top level.
	g.dir = root
	diffArgs := []string{"-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames", "--diff-filter=d", "--ignore-submodules"}
	if lines {
		out, err := g.run(append(diffArgs, "--unified=0", "--src-prefix=a/", "--dst-prefix=b/", ch.Base, "--")...)
		if err != nil {
			return nil, fmt.Errorf("git diff %s: %w", ch.Base, err)
		}
		if err := parseUnified(out, ch.files); err != nil {
			return nil, fmt.Errorf("git diff %s: %w", ch.Base, err)
		}
	} else {
		out, err := g.run(append(diffArgs, "--name-only", "-z", ch.Base, "--")...)
		if err != nil {
			return nil, fmt.Errorf("git diff %s: %w", ch.Base, err)
		}
		for _, p := range splitNUL(out) {
			ch.files[p] = nil
		}
	}
	untracked, err := g.run("ls-files", "-z", "--others", "--exclude-standard")
	if err != nil {
		return nil, fmt.Errorf("git ls-files: %w", err)
	}
	for _, p := range splitNUL(untracked) {
		ch.files[p] = nil
	}
	return ch, nil
}

// git runs git commands in dir.
type git struct {
	ctx context.Context
	dir string
}

// run runs git with args and returns its standard output; the error
// carries git's standard error.
func (g *git) run(args ...string) ([]byte, error) {
	cmd := exec.CommandContext(g.ctx, "git", args...)
	cmd.Dir = g.dir
	cmd.Env = append(os.Environ(), "LC_ALL=C", "GIT_OPTIONAL_LOCKS=0", "GIT_PAGER=cat", "GIT_TERMINAL_PROMPT=0")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
		}
		return nil, fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return stdout.Bytes(), nil
}

func splitNUL(b []byte) []string {
	var out []string
	for _, p := range bytes.Split(b, []byte{0}) {
		if len(p) > 0 {
			out = append(out, string(p))
		}
	}
	return out
}

// hunkHeader matches "@@ -a[,b] +c[,d] @@".
var hunkHeader = regexp.MustCompile(`^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@`)

// parseUnified reads `git diff --unified=0` output into files: for each
// file after "+++ b/PATH", the new-side lines of its hunks. A binary file
// counts as wholly changed (nil set); a file whose mode alone changed
// counts as changed with no changed lines.
func parseUnified(out []byte, files map[string]*LineSet) error {
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 64<<10), 64<<20)
	var cur *LineSet
	var pending string // path from "diff --git", until "+++" names it
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "diff --git "):
			cur = nil
			pending = ""
			if p, ok := diffGitPath(line); ok {
				pending = p
				files[p] = &LineSet{}
			}
		case strings.HasPrefix(line, "Binary files ") && pending != "":
			files[pending] = nil
		case strings.HasPrefix(line, "+++ "):
			// git ends a name holding a space with a tab; a name that
			// really ends in a tab is quoted.
			name := strings.TrimSuffix(strings.TrimPrefix(line, "+++ "), "\t")
			p, err := unquote(name)
			if err != nil {
				return fmt.Errorf("bad file header %q: %w", line, err)
			}
			p, ok := strings.CutPrefix(p, "b/")
			if !ok {
				cur = nil
				continue
			}
			if pending != "" && pending != p {
				delete(files, pending)
			}
			pending = p
			cur = files[p]
			if cur == nil {
				cur = &LineSet{}
				files[p] = cur
			}
		case strings.HasPrefix(line, "@@ "):
			m := hunkHeader.FindStringSubmatch(line)
			if m == nil {
				return fmt.Errorf("bad hunk header %q", line)
			}
			if cur == nil {
				continue
			}
			start, _ := strconv.Atoi(m[1])
			count := 1
			if m[2] != "" {
				count, _ = strconv.Atoi(m[2])
			}
			if count > 0 {
				cur.add(start, start+count-1)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading diff: %w", err)
	}
	return nil
}

// diffGitPath returns the new path of a "diff --git a/X b/X" line when it
// can be read without ambiguity (the two paths are equal, as without
// renames they are).
func diffGitPath(line string) (string, bool) {
	rest := strings.TrimPrefix(line, "diff --git ")
	if strings.HasPrefix(rest, `"`) {
		return "", false
	}
	// "a/P b/P": the halves have equal length.
	if len(rest)%2 == 0 || len(rest) < 5 {
		return "", false
	}
	half := (len(rest) - 1) / 2
	a, b := rest[:half], rest[half+1:]
	if rest[half] != ' ' || !strings.HasPrefix(a, "a/") || !strings.HasPrefix(b, "b/") || a[2:] != b[2:] {
		return "", false
	}
	return b[2:], true
}

// unquote undoes git's C-style quoting of a path ("a\tb\303\251"), used
// for names with control characters or quotes even when core.quotePath
// is off.
func unquote(s string) (string, error) {
	if !strings.HasPrefix(s, `"`) {
		return s, nil
	}
	if len(s) < 2 || !strings.HasSuffix(s, `"`) {
		return "", errors.New("unterminated quoted path")
	}
	s = s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(s) {
			return "", errors.New("trailing backslash")
		}
		switch c = s[i]; c {
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		case '\\', '"':
			b.WriteByte(c)
		case '0', '1', '2', '3':
			if i+2 >= len(s) {
				return "", errors.New("short octal escape")
			}
			v, err := strconv.ParseUint(s[i:i+3], 8, 8)
			if err != nil {
				return "", fmt.Errorf("bad octal escape: %w", err)
			}
			b.WriteByte(byte(v))
			i += 2
		default:
			return "", fmt.Errorf("unknown escape \\%c", c)
		}
	}
	return b.String(), nil
}
