package files

import (
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/finding"
)

// tree writes files (slash paths relative to dir) with the given contents.
func tree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func paths(in []Input) []string {
	out := []string{}
	for _, i := range in {
		out = append(out, i.Path)
	}
	return out
}

func TestCollectWalk(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{
		"b.md":                   "b",
		"a.txt":                  "a",
		"c.markdown":             "c",
		"UPPER.MD":               "u",
		"skip.go":                "package x",
		"sub/z.md":               "z",
		"sub/deeper/y.txt":       "y",
		".git/HEAD.md":           "hidden",
		".hidden/x.md":           "hidden",
		"node_modules/pkg/re.md": "nm",
		"sub/node_modules/n.md":  "nm",
		"vendor/lib/readme.md":   "v",
		"docs/drafts/wip.md":     "draft",
		"docs/drafts/keep.txt":   "kept",
		"docs/final.md":          "final",
		"cmd":                    "no extension",
		"notmd":                  "no dot",
		"sub/deeper/.dotfile.md": "a hidden file in a walked dir is checked",
	})
	got, notes := Collect(nil, Options{Dir: dir, Ignore: []string{"vendor/**", "**/drafts/*.md"}})
	want := []string{"UPPER.MD", "a.txt", "b.md", "c.markdown", "docs/drafts/keep.txt", "docs/final.md",
		"sub/deeper/.dotfile.md", "sub/deeper/y.txt", "sub/z.md"}
	if !reflect.DeepEqual(paths(got), want) {
		t.Errorf("paths = %q, want %q", paths(got), want)
	}
	if len(notes) != 0 {
		t.Errorf("unexpected notifications %v", notes)
	}
	for _, in := range got {
		if !filepath.IsAbs(in.Abs) {
			t.Errorf("%s: Abs %q not absolute", in.Path, in.Abs)
		}
		if b, err := os.ReadFile(in.Abs); err != nil || int64(len(b)) != in.Size {
			t.Errorf("%s: read %d bytes (%v), Size %d", in.Path, len(b), err, in.Size)
		}
	}
}

func TestCollectExtensions(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"a.md": "", "b.rst": "", "c.txt": "", "d.RST": ""})
	got, _ := Collect([]string{"."}, Options{Dir: dir, Extensions: []string{"rst", ".md"}})
	if want := []string{"a.md", "b.rst", "d.RST"}; !reflect.DeepEqual(paths(got), want) {
		t.Errorf("paths = %q, want %q", paths(got), want)
	}
}

func TestCollectExplicitFileAnyExtension(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"notes.rst": "x", "sub/README": "y", "a.md": "z"})
	got, notes := Collect([]string{"sub/README", "notes.rst", "./notes.rst", "a.md", "."}, Options{Dir: dir})
	if want := []string{"a.md", "notes.rst", "sub/README"}; !reflect.DeepEqual(paths(got), want) {
		t.Errorf("paths = %q, want %q (sorted, deduplicated)", paths(got), want)
	}
	if len(notes) != 0 {
		t.Errorf("unexpected notifications %v", notes)
	}
}

func TestCollectMissing(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"a.md": "a"})
	got, notes := Collect([]string{"path/x.md", "a.md"}, Options{Dir: dir})
	if want := []string{"a.md"}; !reflect.DeepEqual(paths(got), want) {
		t.Errorf("paths = %q, want %q", paths(got), want)
	}
	want := []finding.Notification{{Path: "path/x.md", Level: finding.SeverityError, Message: "no such file or directory"}}
	if !reflect.DeepEqual(notes, want) {
		t.Errorf("notes = %v, want %v", notes, want)
	}
}

func TestCollectMaxSize(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"big.md": strings.Repeat("x", 2048), "small.md": "x", "huge.txt": strings.Repeat("y", 4096)})
	got, notes := Collect([]string{".", "huge.txt"}, Options{Dir: dir, MaxSize: 1024})
	if want := []string{"small.md"}; !reflect.DeepEqual(paths(got), want) {
		t.Errorf("paths = %q, want %q", paths(got), want)
	}
	if len(notes) != 2 || notes[0].Path != "big.md" || notes[1].Path != "huge.txt" {
		t.Fatalf("notes = %v, want one each for big.md and huge.txt", notes)
	}
	if !strings.Contains(notes[0].Message, "2.0 KiB") || !strings.Contains(notes[0].Message, "1.0 KiB") {
		t.Errorf("message %q does not give the sizes", notes[0].Message)
	}
	// No limit.
	got, _ = Collect(nil, Options{Dir: dir, MaxSize: -1})
	if len(got) != 3 {
		t.Errorf("with no limit got %q", paths(got))
	}
}

func TestCollectSymlinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	dir := t.TempDir()
	tree(t, dir, map[string]string{"docs/a.md": "a", "docs/sub/b.md": "b", "other/c.md": "c"})
	link := func(target, name string) {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	link("..", "docs/sub/up")                       // loop back to docs
	link(filepath.Join(dir, "other"), "docs/other") // directory link, followed
	link("a.md", "docs/alias.md")                   // file link, followed
	link("missing.md", "docs/broken.md")            // dangling
	link("self", "docs/self")                       // a link to itself
	got, notes := Collect([]string{"docs"}, Options{Dir: dir})
	want := []string{"docs/a.md", "docs/alias.md", "docs/other/c.md", "docs/sub/b.md"}
	if !reflect.DeepEqual(paths(got), want) {
		t.Errorf("paths = %q, want %q", paths(got), want)
	}
	var msgs []string
	for _, n := range notes {
		msgs = append(msgs, n.Message)
	}
	wantMsgs := []string{
		"broken symbolic link",
		"symbolic link loop",
		"symbolic link loop; not followed",
	}
	if !reflect.DeepEqual(msgs, wantMsgs) {
		t.Errorf("notes = %q, want %q", msgs, wantMsgs)
	}
}

func TestCollectUnreadableDir(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("needs Unix permissions and a non-root user")
	}
	dir := t.TempDir()
	tree(t, dir, map[string]string{"a.md": "a", "locked/b.md": "b"})
	locked := filepath.Join(dir, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	got, notes := Collect(nil, Options{Dir: dir})
	if want := []string{"a.md"}; !reflect.DeepEqual(paths(got), want) {
		t.Errorf("paths = %q, want %q", paths(got), want)
	}
	if len(notes) != 1 || notes[0].Message != "locked: permission denied" || notes[0].Level != finding.SeverityError {
		t.Errorf("notes = %v", notes)
	}
}

func TestCollectPathsOutsideAndAbsolute(t *testing.T) {
	root := t.TempDir()
	tree(t, root, map[string]string{"wd/in.md": "i", "out/o.md": "o"})
	wd := filepath.Join(root, "wd")
	got, notes := Collect([]string{filepath.Join(wd, "in.md"), "../out"}, Options{Dir: wd})
	want := []string{filepath.ToSlash(filepath.Join(root, "out", "o.md")), "in.md"}
	if !reflect.DeepEqual(paths(got), want) {
		t.Errorf("paths = %q, want %q", paths(got), want)
	}
	if len(notes) != 0 {
		t.Errorf("notes = %v", notes)
	}
}

func TestCollectDefaultDirAndIgnoreExplicit(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"a.md": "a", "vendor/v.md": "v", "hidden/.x/y.md": "y"})
	t.Chdir(dir)
	got, notes := Collect([]string{".", "vendor/v.md", "hidden/.x"}, Options{Ignore: []string{"vendor/**", "bad[pattern"}})
	if want := []string{"a.md", "hidden/.x/y.md"}; !reflect.DeepEqual(paths(got), want) {
		t.Errorf("paths = %q, want %q (an explicitly named hidden dir is walked; ignores apply to explicit files)", paths(got), want)
	}
	if len(notes) != 1 || !strings.Contains(notes[0].Message, `"bad[pattern"`) {
		t.Errorf("notes = %v, want one for the bad pattern", notes)
	}
}

// TestWalkStreamsAndStops: Walk hands over each input once, in walk order
// (a directory's files before a sibling that sorts after it by path), the
// same inputs and notifications Collect returns sorted, and stops when
// told.
func TestWalkStreamsAndStops(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{
		"a/b.md": "ab", "a-c.md": "ac", "a/d/e.md": "ade", "z.md": "z", "big.md": strings.Repeat("x", 100),
	})
	args := []string{".", "z.md", "a"}
	opts := Options{Dir: dir, MaxSize: 50, Ignore: []string{"["}}
	var got []Input
	notes := Walk(args, opts, func(in Input) bool {
		got = append(got, in)
		return true
	})
	wantOrder := []string{"a/b.md", "a/d/e.md", "a-c.md", "z.md"}
	if !reflect.DeepEqual(paths(got), wantOrder) {
		t.Errorf("walk order %q, want %q", paths(got), wantOrder)
	}
	all, allNotes := Collect(args, opts)
	if !reflect.DeepEqual(paths(all), []string{"a-c.md", "a/b.md", "a/d/e.md", "z.md"}) {
		t.Errorf("Collect = %q", paths(all))
	}
	if len(notes) != 2 || !reflect.DeepEqual(notes, allNotes) {
		t.Errorf("Walk notifications %v, Collect's %v (want the ignore pattern and big.md)", notes, allNotes)
	}
	for n := 1; n <= len(wantOrder); n++ {
		var some []Input
		Walk(args, opts, func(in Input) bool {
			some = append(some, in)
			return len(some) < n
		})
		if !reflect.DeepEqual(paths(some), wantOrder[:n]) {
			t.Errorf("stopping after %d: got %q", n, paths(some))
		}
	}
}

// TestJoinMatchesStdlib: join, which the walk uses instead of
// filepath.Join and path.Join, gives what they give for the arguments the
// walk passes (a clean directory path other than "." and a directory
// entry's name).
func TestJoinMatchesStdlib(t *testing.T) {
	dirs := []string{"/", "/a", "/a/b", "a", "a/b", "..", "../a", "a b/ç"}
	names := []string{"x", "x.md", ".hidden", "..x", "x..", "ç é.md", "a b"}
	for _, d := range dirs {
		for _, n := range names {
			if got, want := join(d, n, '/'), path.Join(d, n); got != want {
				t.Errorf("join(%q, %q, '/') = %q, path.Join gives %q", d, n, got, want)
			}
			fd := filepath.FromSlash(d)
			if got, want := join(fd, n, filepath.Separator), filepath.Join(fd, n); got != want {
				t.Errorf("join(%q, %q, %q) = %q, filepath.Join gives %q", fd, n, filepath.Separator, got, want)
			}
		}
	}
}
