package gitdiff

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// repo is a temporary git repository for tests.
type repo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	r := &repo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	return r
}

func (r *repo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(),
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (r *repo) write(name, text string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *repo) commit(msg string) {
	r.t.Helper()
	r.git("add", "-A")
	r.git("commit", "-q", "-m", msg)
}

func TestSince(t *testing.T) {
	r := newRepo(t)
	r.write("a.md", "one\ntwo\nthree\nfour\nfive\n")
	r.write("b.md", "alpha\nbeta\n")
	r.write("docs/c.md", "gamma\n")
	r.write("gone.md", "bye\n")
	r.write(".gitignore", "ignored.md\n")
	r.commit("base")
	r.git("checkout", "-q", "-b", "feature")
	r.write("a.md", "one\nTWO\nthree\nfour\nfive\nsix\n") // lines 2 and 6
	r.git("rm", "-q", "gone.md")
	r.write("name with space.md", "new\nfile\n")
	r.commit("feature work")
	// main moves on after the branch: REF...HEAD ignores its changes.
	r.git("checkout", "-q", "main")
	r.write("main-only.md", "m\n")
	r.commit("main moves on")
	r.git("checkout", "-q", "feature")
	// Uncommitted: a staged edit, an unstaged edit, an untracked file and
	// an ignored one.
	r.write("docs/c.md", "gamma\ndelta\n")
	r.git("add", "docs/c.md")
	r.write("b.md", "alpha\nBETA\n")
	r.write("untracked.md", "x\ny\n")
	r.write("ignored.md", "nope\n")

	ctx := context.Background()
	for _, lines := range []bool{false, true} {
		ch, err := Since(ctx, filepath.Join(r.dir, "docs"), "main", lines)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"a.md", "b.md", "docs/c.md", "name with space.md", "untracked.md"}
		if got := ch.Paths(); !slices.Equal(got, want) {
			t.Fatalf("lines=%v: Paths = %q, want %q", lines, got, want)
		}
		abs := func(p string) string { return filepath.Join(r.dir, p) }
		if ch.File(abs("gone.md")) || ch.File(abs("main-only.md")) || ch.File(abs("ignored.md")) {
			t.Errorf("lines=%v: deleted, main-only or ignored file reported as changed", lines)
		}
		if !ch.File(abs("a.md")) {
			t.Errorf("lines=%v: a.md not changed", lines)
		}
		if !lines {
			if !ch.Line(abs("a.md"), 1) {
				t.Errorf("without lines every line of a changed file counts")
			}
			continue
		}
		for line, want := range map[int]bool{1: false, 2: true, 3: false, 5: false, 6: true} {
			if got := ch.Line(abs("a.md"), line); got != want {
				t.Errorf("a.md line %d changed = %v, want %v", line, got, want)
			}
		}
		if ch.Line(abs("b.md"), 1) || !ch.Line(abs("b.md"), 2) {
			t.Errorf("b.md: want only line 2 changed (unstaged edit)")
		}
		if ch.Line(abs("docs/c.md"), 1) || !ch.Line(abs("docs/c.md"), 2) {
			t.Errorf("docs/c.md: want only line 2 changed (staged edit)")
		}
		if !ch.Line(abs("untracked.md"), 2) || !ch.Line(abs("name with space.md"), 2) {
			t.Errorf("new files: every line changed")
		}
		// Relative paths resolve against the process's working directory.
		t.Chdir(r.dir)
		if !ch.Line("a.md", 2) || ch.Line("a.md", 1) {
			t.Errorf("relative path a.md not resolved")
		}
	}
}

func TestSinceErrors(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	ctx := context.Background()
	notRepo := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(notRepo))
	if _, err := Since(ctx, notRepo, "main", false); err == nil || !strings.Contains(err.Error(), "not in a git repository") {
		t.Errorf("outside a repository: err = %v", err)
	}
	r := newRepo(t)
	if _, err := Since(ctx, r.dir, "main", false); err == nil || !strings.Contains(err.Error(), "no commits") {
		t.Errorf("unborn HEAD: err = %v", err)
	}
	r.write("a.md", "a\n")
	r.commit("one")
	for _, ref := range []string{"no-such-branch", "v9.9.9", "deadbeef"} {
		if _, err := Since(ctx, r.dir, ref, false); err == nil || !strings.Contains(err.Error(), `unknown git reference "`+ref+`"`) {
			t.Errorf("ref %q: err = %v", ref, err)
		}
	}
	for _, ref := range []string{"", "--output=x"} {
		if _, err := Since(ctx, r.dir, ref, false); err == nil {
			t.Errorf("ref %q: no error", ref)
		}
	}
	// An unrelated history has no merge base.
	r.git("checkout", "-q", "--orphan", "other")
	r.write("b.md", "b\n")
	r.commit("unrelated")
	if _, err := Since(ctx, r.dir, "main", false); err == nil || !strings.Contains(err.Error(), "no common ancestor") {
		t.Errorf("unrelated ref: err = %v", err)
	}
	// The same commit: nothing changed.
	ch, err := Since(ctx, r.dir, "HEAD", true)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Paths()) != 0 {
		t.Errorf("HEAD...HEAD: %q changed", ch.Paths())
	}
}

func TestParseUnified(t *testing.T) {
	diff := `diff --git a/x.md b/x.md
index 1..2 100644
--- a/x.md
+++ b/x.md
@@ -1 +1 @@
-a
+b
@@ -5,0 +6,3 @@ heading
+c
+d
+e
@@ -9,2 +11,0 @@
-f
-g
diff --git a/bin.md b/bin.md
index 1..2 100644
Binary files a/bin.md and b/bin.md differ
diff --git a/mode.md b/mode.md
old mode 100644
new mode 100755
diff --git "a/q\"uote\303\251.md" "b/q\"uote\303\251.md"
--- "a/q\"uote\303\251.md"
+++ "b/q\"uote\303\251.md"
@@ -0,0 +1,2 @@
+x
+y
`
	files := map[string]*LineSet{}
	if err := parseUnified([]byte(diff), files); err != nil {
		t.Fatal(err)
	}
	var got []string
	for p := range files {
		got = append(got, p)
	}
	slices.Sort(got)
	want := []string{"bin.md", "mode.md", "q\"uoteé.md", "x.md"}
	if !slices.Equal(got, want) {
		t.Fatalf("files = %q, want %q", got, want)
	}
	x := files["x.md"]
	for line, want := range map[int]bool{1: true, 2: false, 5: false, 6: true, 8: true, 9: false, 11: false} {
		if x.Contains(line) != want {
			t.Errorf("x.md line %d = %v, want %v", line, !want, want)
		}
	}
	if files["bin.md"] != nil {
		t.Errorf("binary file should be wholly changed")
	}
	if files["mode.md"] == nil || files["mode.md"].Contains(1) {
		t.Errorf("mode-only change should have no changed lines")
	}
	if !files["q\"uoteé.md"].Contains(2) {
		t.Errorf("quoted path lost its lines")
	}
	if !x.Overlaps(2, 7) || x.Overlaps(2, 5) || !x.Overlaps(8, 0) {
		t.Errorf("Overlaps wrong")
	}
	if err := parseUnified([]byte("+++ b/x\n@@ nonsense\n"), map[string]*LineSet{}); err == nil {
		t.Errorf("bad hunk header accepted")
	}
}

func TestUnquote(t *testing.T) {
	for in, want := range map[string]string{
		`plain`:           "plain",
		`"a\tb"`:          "a\tb",
		`"\303\251\\\""`:  "é\\\"",
		`"nl\nfeed\a\v"`:  "nl\nfeed\a\v",
		`"b/dir/x y.md"`:  "b/dir/x y.md",
		`"\001\177"`:      "\x01\x7f",
		`"\r\f\b"`:        "\r\f\b",
		`"b/\"q\".md"`:    `b/"q".md`,
		`"trailing\\"`:    `trailing\`,
		`"\342\202\254"`:  "€",
		`"mixed\tend\n"`:  "mixed\tend\n",
		`"oct\0630"`:      "oct30",
		`"b/a\\b\\c.txt"`: `b/a\b\c.txt`,
	} {
		got, err := unquote(in)
		if err != nil || got != want {
			t.Errorf("unquote(%s) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{`"open`, `"\"`, `"\q"`, `"\39"`, `"\0"`, `"`} {
		if _, err := unquote(bad); err == nil {
			t.Errorf("unquote(%s): no error", bad)
		}
	}
}

// FuzzParseUnified feeds arbitrary diffs to the parser: it must not panic
// and every set it builds must be sorted and non-overlapping.
func FuzzParseUnified(f *testing.F) {
	f.Add([]byte("diff --git a/x b/x\n+++ b/x\n@@ -1 +1,2 @@\n"))
	f.Add([]byte("+++ \"b/\\303\"\n@@ -0,0 +4 @@\n@@ -9 +3,0 @@\n"))
	f.Add([]byte("diff --git a/b b/b\nBinary files a/b and b/b differ\n"))
	f.Add([]byte("@@ -1 +99999999999999999999,1 @@\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		files := map[string]*LineSet{}
		if err := parseUnified(data, files); err != nil {
			return
		}
		for p, s := range files {
			if s == nil {
				continue
			}
			for i, r := range s.ranges {
				if r[1] < r[0] || (i > 0 && r[0] <= s.ranges[i-1][1]) {
					t.Fatalf("%q: bad ranges %v", p, s.ranges)
				}
			}
		}
	})
}

// FuzzUnquote checks that unquote never panics and leaves unquoted text
// alone.
func FuzzUnquote(f *testing.F) {
	f.Add(`"a\tb\303\251"`)
	f.Add(`plain`)
	f.Add(`"\3`)
	f.Fuzz(func(t *testing.T, s string) {
		got, err := unquote(s)
		if err == nil && !strings.HasPrefix(s, `"`) && got != s {
			t.Fatalf("unquote(%q) = %q", s, got)
		}
	})
}
