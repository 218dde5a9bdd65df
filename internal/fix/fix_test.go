package fix

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/finding"
)

func del(start, end int) finding.Edit { return finding.Edit{Start: start, End: end} }

func fx(msg string, edits ...finding.Edit) finding.Fix {
	return finding.Fix{Message: msg, Edits: edits}
}

func TestApply(t *testing.T) {
	src := []byte("one\ntwo\nthree\nfour\nfive\n")
	tests := []struct {
		name    string
		fixes   []finding.Fix
		want    string
		applied int
	}{
		{"none", nil, string(src), 0},
		{"delete line", []finding.Fix{fx("d", del(4, 8))}, "one\nthree\nfour\nfive\n", 1},
		{"two deletions any order", []finding.Fix{fx("b", del(14, 19)), fx("a", del(0, 4))}, "two\nthree\nfive\n", 2},
		{"overlapping deletions merge", []finding.Fix{fx("a", del(4, 14)), fx("b", del(8, 19))}, "one\nfive\n", 2},
		{"touching deletions", []finding.Fix{fx("a", del(0, 4)), fx("b", del(4, 8))}, "three\nfour\nfive\n", 2},
		{"duplicate counted once", []finding.Fix{fx("a", del(0, 4)), fx("a", del(0, 4))}, "two\nthree\nfour\nfive\n", 1},
		{"replacement", []finding.Fix{fx("r", finding.Edit{Start: 0, End: 3, NewText: "ONE"})}, "ONE\ntwo\nthree\nfour\nfive\n", 1},
		{"conflicting replacement skipped", []finding.Fix{
			fx("r1", finding.Edit{Start: 0, End: 3, NewText: "1"}),
			fx("r2", finding.Edit{Start: 1, End: 3, NewText: "2"}),
		}, "1\ntwo\nthree\nfour\nfive\n", 1},
		{"replacement inside deletion skipped", []finding.Fix{
			fx("d", del(0, 8)),
			fx("r", finding.Edit{Start: 4, End: 7, NewText: "2"}),
		}, "three\nfour\nfive\n", 1},
		{"fix is all or nothing", []finding.Fix{
			fx("a", finding.Edit{Start: 0, End: 3, NewText: "X"}),
			fx("b", finding.Edit{Start: 1, End: 2, NewText: "Y"}, del(8, 14)),
		}, "X\ntwo\nthree\nfour\nfive\n", 1},
		{"insertions at one point conflict", []finding.Fix{
			fx("a", finding.Edit{Start: 0, End: 0, NewText: "A"}),
			fx("b", finding.Edit{Start: 0, End: 0, NewText: "B"}),
		}, "Aone\ntwo\nthree\nfour\nfive\n", 1},
		{"insertion at deletion edge", []finding.Fix{
			fx("a", finding.Edit{Start: 4, End: 4, NewText: "new\n"}),
			fx("b", del(4, 8)),
		}, "one\nnew\nthree\nfour\nfive\n", 2},
		{"empty fix ignored", []finding.Fix{fx("empty")}, string(src), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, n, err := Apply(src, tt.fixes)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want || n != tt.applied {
				t.Errorf("Apply = %q, %d; want %q, %d", got, n, tt.want, tt.applied)
			}
		})
	}
}

func TestApplyOrderIndependent(t *testing.T) {
	src := []byte("abcdefghij")
	fixes := []finding.Fix{
		fx("x", finding.Edit{Start: 2, End: 5, NewText: "X"}),
		fx("y", finding.Edit{Start: 4, End: 7, NewText: "Y"}),
		fx("z", finding.Edit{Start: 8, End: 9, NewText: "Z"}),
	}
	first, n1, err := Apply(src, fixes)
	if err != nil {
		t.Fatal(err)
	}
	rev := []finding.Fix{fixes[2], fixes[1], fixes[0]}
	second, n2, err := Apply(src, rev)
	if err != nil {
		t.Fatal(err)
	}
	if string(first) != string(second) || n1 != n2 {
		t.Errorf("order changed the result: %q/%d vs %q/%d", first, n1, second, n2)
	}
	if string(first) != "abXfghZj" {
		t.Errorf("got %q", first)
	}
}

func TestApplyOutOfRange(t *testing.T) {
	src := []byte("short")
	for _, e := range []finding.Edit{del(2, 10), del(-1, 2), del(3, 2)} {
		out, n, err := Apply(src, []finding.Fix{fx("bad", e)})
		if err == nil {
			t.Errorf("edit %+v: no error", e)
		}
		if string(out) != "short" || n != 0 {
			t.Errorf("edit %+v: got %q, %d", e, out, n)
		}
	}
}

func TestApplyDoesNotModifyInput(t *testing.T) {
	src := []byte("keep me\n")
	edits := []finding.Edit{del(5, 8), del(0, 5)}
	if _, _, err := Apply(src, []finding.Fix{{Message: "m", Edits: edits}}); err != nil {
		t.Fatal(err)
	}
	if string(src) != "keep me\n" || edits[0].Start != 5 {
		t.Error("Apply modified its arguments")
	}
}

func TestDiff(t *testing.T) {
	if d := Diff("x.md", []byte("same\n"), []byte("same\n")); d != "" {
		t.Errorf("equal inputs: %q", d)
	}
	d := Diff(filepath.Join("dir", "x.md"), []byte("a\nb\nc\n"), []byte("a\nc\n"))
	for _, want := range []string{"--- a/dir/x.md\n", "+++ b/dir/x.md\n", "@@ -1,3 +1,2 @@", "\n-b\n", "\n a\n"} {
		if !strings.Contains(d, want) {
			t.Errorf("diff lacks %q:\n%s", want, d)
		}
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.md")
	if err := os.WriteFile(path, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "new" {
		t.Errorf("content %q", got)
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", info.Mode().Perm())
	}
	assertOnlyFiles(t, dir, "a.md")
}

func TestWriteFileNew(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "n.txt")
	if err := WriteFile(path, []byte("x")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o644 {
		t.Fatalf("stat: %v %v", info, err)
	}
}

func TestWriteFileSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.md")
	link := filepath.Join(dir, "link.md")
	if err := os.WriteFile(real, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.md", link); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := WriteFile(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("symlink was replaced")
	}
	if got, _ := os.ReadFile(real); string(got) != "new" {
		t.Errorf("target content %q", got)
	}
}

func TestWriteFileReadOnlyFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ro.md")
	if err := os.WriteFile(path, []byte("old"), 0o444); err != nil {
		t.Fatal(err)
	}
	err := WriteFile(path, []byte("new"))
	if !errors.Is(err, os.ErrPermission) {
		t.Fatalf("err = %v, want permission error", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("read-only file changed to %q", got)
	}
	assertOnlyFiles(t, dir, "ro.md")
}

func TestWriteFileReadOnlyDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write into read-only directories")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "a.md")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	if err := WriteFile(path, []byte("new")); err == nil {
		t.Fatal("no error writing into a read-only directory")
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("file changed to %q", got)
	}
	assertOnlyFiles(t, dir, "a.md")
}

func TestWriteFileErrors(t *testing.T) {
	dir := t.TempDir()
	if err := WriteFile(filepath.Join(dir, "missing", "a.md"), []byte("x")); err == nil {
		t.Error("no error for a missing directory")
	}
	if err := WriteFile(dir, []byte("x")); err == nil {
		t.Error("no error for a directory")
	}
	assertOnlyFiles(t, dir)
}

func assertOnlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("directory holds %v, want %v (temp file left behind?)", got, names)
	}
}

func FuzzApply(f *testing.F) {
	f.Add([]byte("one\ntwo\nthree\n"), 0, 4, 2, 8, "x")
	f.Add([]byte(""), 0, 0, 0, 0, "")
	f.Fuzz(func(t *testing.T, src []byte, s1, e1, s2, e2 int, text string) {
		fixes := []finding.Fix{fx("a", del(s1, e1)), fx("b", finding.Edit{Start: s2, End: e2, NewText: text})}
		out, n, err := Apply(src, fixes)
		if err != nil {
			if string(out) != string(src) || n != 0 {
				t.Fatal("error but output changed")
			}
			return
		}
		if n > 2 {
			t.Fatalf("applied %d of 2", n)
		}
	})
}

// BenchmarkApply deletes every other line of a 1 MB file.
func BenchmarkApply(b *testing.B) {
	var sb strings.Builder
	var fixes []finding.Fix
	for sb.Len() < 1<<20 {
		start := sb.Len()
		sb.WriteString("a line of residue that goes away\n")
		fixes = append(fixes, fx("d", del(start, sb.Len())))
		sb.WriteString("a line of the article that stays\n")
	}
	src := []byte(sb.String())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, _, err := Apply(src, fixes); err != nil {
			b.Fatal(err)
		}
	}
}

// Deleting the tail of a file takes the blank lines before it, so the file
// does not end in blank lines; a deletion elsewhere leaves them alone.
func TestApplyTailDeletion(t *testing.T) {
	src := "text.\n\nShare this:\n\n© 2024 Site.\n"
	share := strings.Index(src, "Share")
	copyright := strings.Index(src, "©")
	for _, tc := range []struct {
		name  string
		fixes []finding.Fix
		want  string
	}{
		{"two blocks to the end", []finding.Fix{fx("share", del(share, copyright)), fx("copyright", del(copyright-1, len(src)))}, "text.\n"},
		{"last block only", []finding.Fix{fx("copyright", del(copyright, len(src)))}, "text.\n\nShare this:\n"},
		{"middle block", []finding.Fix{fx("share", del(share, copyright))}, "text.\n\n© 2024 Site.\n"},
	} {
		out, _, err := Apply([]byte(src), tc.fixes)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, out, tc.want)
		}
	}
}
