package checktest

import (
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/finding"
)

// badCheck reports each "bad" (any case) in prose.
func badCheck() *check.Check {
	return &check.Check{ID: "test/bad", Severity: finding.SeverityWarning, Run: func(p *check.Pass) error {
		for _, b := range p.Doc.ProseBlocks() {
			lower := strings.ToLower(b.Text)
			for off := 0; ; {
				i := strings.Index(lower[off:], "bad")
				if i < 0 {
					break
				}
				p.Reportf(b.SourceSpan(off+i, off+i+3), "%q is bad", "bad")
				off += i + 3
			}
		}
		return nil
	}}
}

// countCheck is a corpus check that counts documents; it reports nothing
// but records what it saw.
func countCheck(seen *[]string) *check.Check {
	return &check.Check{ID: "test/count", NewFact: func() any { return new(string) },
		Run: func(p *check.Pass) error { s := p.Doc.Path; p.ExportFact(&s); return nil },
		RunCorpus: func(p *check.CorpusPass) error {
			for _, f := range p.Facts {
				*seen = append(*seen, *f.Fact.(*string))
			}
			return nil
		}}
}

func TestRunPasses(t *testing.T) {
	var seen []string
	fs := Run(t, filepath.Join("testdata", "ok"), badCheck(), countCheck(&seen))
	if len(fs) != 8 {
		t.Errorf("got %d findings, want 8", len(fs))
	}
	if want := []string{"a.md", "sub/b.txt"}; !reflect.DeepEqual(seen, want) {
		t.Errorf("corpus phase saw %q, want %q", seen, want)
	}
}

// recorder is a T that keeps failures.
type recorder struct {
	errs  []string
	fatal bool
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.fatal = true
	r.Errorf(format, args...)
}

func TestRunReportsMismatches(t *testing.T) {
	dir := filepath.Join("testdata", "fail")
	var r recorder
	run(&r, dir, badCheck())
	got := r.errs
	sort.Strings(got)
	p := func(s string) string { return filepath.Join(dir, s) }
	want := []string{
		p("c.md") + ":5: bad expectation: rule \"test/bad\" has no quoted regexp after it",
		p("d.txt") + ".want:1: want `LINE rule-id \"regexp\"`, got \"one test/bad \\\"bad\\\"\"",
		p("c.md") + ":1:9: unexpected finding test/bad: \"bad\" is bad",
		p("c.md") + ":3: no finding test/bad matching \"bad\"",
		p("c.md") + ":7: no finding test/bad matching \"^good$\"",
		p("c.md") + ":7:9: unexpected finding test/bad: \"bad\" is bad",
		p("d.txt") + ":1: no finding test/other matching \"bad\"",
		p("d.txt") + ":1:1: unexpected finding test/bad: \"bad\" is bad",
	}
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("failures:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestRunEmptyDir(t *testing.T) {
	var r recorder
	run(&r, t.TempDir(), badCheck())
	if !r.fatal {
		t.Errorf("no fatal error for a directory without test files: %q", r.errs)
	}
}

func TestPairs(t *testing.T) {
	ws, err := pairs("x.md", 3, ` "a/b" "re1"  c/d `+"`re2`")
	if err != nil || len(ws) != 2 || ws[0].rule != "a/b" || ws[0].re.String() != "re1" || ws[1].rule != "c/d" || ws[1].re.String() != "re2" {
		t.Errorf("pairs = %+v, %v", ws, err)
	}
	for _, bad := range []string{"", `"a"`, `a "("`, `a "unterminated`, `"unterminated`} {
		if _, err := pairs("x.md", 1, bad); err == nil {
			t.Errorf("pairs(%q): no error", bad)
		}
	}
}

func FuzzPairs(f *testing.F) {
	for _, s := range []string{`"a/b" "re"`, "a `x` b `y`", `"a`, `a "(" `, ``, `a "\xff"`, `"" ""`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ws, err := pairs("x.md", 1, s)
		if err == nil && len(ws) == 0 {
			t.Errorf("pairs(%q): no expectations and no error", s)
		}
		for _, w := range ws {
			if w.re == nil || w.line != 1 || w.path != "x.md" {
				t.Errorf("pairs(%q): bad want %+v", s, w)
			}
		}
	})
}
