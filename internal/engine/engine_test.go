package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"weak"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/parse"
	"github.com/galley-lint/galley/rules"
)

// newParser builds the real parser from the built-in lexicon.
func newParser(t testing.TB) *parse.Parser {
	t.Helper()
	lex, err := parse.LoadLexicon(rules.FS)
	if err != nil {
		t.Fatalf("LoadLexicon: %v", err)
	}
	return parse.New(lex)
}

// wordCheck reports every occurrence of word (case-sensitive) in prose,
// with a fix that upper-cases it.
func wordCheck(id, word string, sev finding.Severity) *check.Check {
	return &check.Check{
		ID:       id,
		Severity: sev,
		Run: func(p *check.Pass) error {
			for _, b := range p.Doc.ProseBlocks() {
				for off := 0; ; {
					i := strings.Index(b.Text[off:], word)
					if i < 0 {
						break
					}
					s := b.SourceSpan(off+i, off+i+len(word))
					p.Report(check.Diagnostic{
						Span:    s,
						Message: fmt.Sprintf("found %q", word),
						Fixes:   []check.Fix{{Message: "shout", Edits: []check.Edit{{Span: s, NewText: strings.ToUpper(word)}}}},
					})
					off += i + len(word)
				}
			}
			return nil
		},
	}
}

// titleFact is what titleCheck exports: the first prose line of a document.
type titleFact struct {
	Title    string
	Location finding.Location
}

// titleCheck reports documents whose first prose block has the same text as
// another document's (a corpus check).
func titleCheck(id string) *check.Check {
	return &check.Check{
		ID:       id,
		Severity: finding.SeverityWarning,
		NewFact:  func() any { return new(titleFact) },
		Run: func(p *check.Pass) error {
			bs := p.Doc.ProseBlocks()
			if len(bs) == 0 {
				return nil
			}
			b := bs[0]
			p.ExportFact(&titleFact{Title: strings.TrimSpace(b.Text), Location: p.Doc.Location(b.SourceSpan(0, len(b.Text)))})
			return nil
		},
		RunCorpus: func(p *check.CorpusPass) error {
			first := map[string]string{}
			for _, f := range p.Facts {
				tf := f.Fact.(*titleFact)
				if prev, ok := first[tf.Title]; ok {
					p.Report(finding.Finding{Message: "same title as " + prev, Location: tf.Location})
					continue
				}
				first[tf.Title] = f.Path
			}
			return nil
		},
	}
}

func run(t *testing.T, opts Options, srcs ...Source) *Result {
	t.Helper()
	if opts.Parser == nil {
		opts.Parser = newParser(t)
	}
	res, err := Run(context.Background(), opts, srcs)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return res
}

func src(path, text string) Source { return BytesSource(path, []byte(text)) }

// brief renders findings as "path:line:col rule message" lines.
func brief(fs []finding.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s:%d:%d %s %s %s", f.Location.Path, f.Location.Start.Line, f.Location.Start.Column, f.RuleID, f.Severity, f.Message))
	}
	return out
}

func notes(ns []finding.Notification) []string {
	out := []string{}
	for _, n := range ns {
		out = append(out, fmt.Sprintf("%s %s %s", n.Path, n.Level, strings.SplitN(n.Message, "\n", 2)[0]))
	}
	return out
}

func TestFindingsResolved(t *testing.T) {
	text := "# Heading\n\nSay héllo 🙂 foo here.\r\nAnd foo again.\n"
	res := run(t, Options{Checks: []*check.Check{wordCheck("test/foo", "foo", finding.SeverityInfo)}}, src("docs/a.md", text))
	if res.Files != 1 || res.Bytes != int64(len(text)) {
		t.Errorf("Files %d Bytes %d", res.Files, res.Bytes)
	}
	want := []string{
		"docs/a.md:3:13 test/foo info found \"foo\"",
		"docs/a.md:4:5 test/foo info found \"foo\"",
	}
	if got := brief(res.Findings); !reflect.DeepEqual(got, want) {
		t.Fatalf("findings\n%q\nwant\n%q", got, want)
	}
	f := res.Findings[0]
	if f.Location.Start.ColumnUTF16 != 14 || f.Location.End.Column != 16 || f.Location.End.ColumnUTF16 != 17 {
		t.Errorf("columns: %+v", f.Location)
	}
	if f.Snippet != "foo" || f.SourceLine != "Say héllo 🙂 foo here." {
		t.Errorf("Snippet %q SourceLine %q", f.Snippet, f.SourceLine)
	}
	start := strings.Index(text, "foo")
	wantFix := []finding.Fix{{Message: "shout", Edits: []finding.Edit{{Path: "docs/a.md", Start: start, End: start + 3, NewText: "FOO"}}}}
	if !reflect.DeepEqual(f.Fixes, wantFix) {
		t.Errorf("fixes %+v, want %+v", f.Fixes, wantFix)
	}
}

func TestSeverityAndRelatedAndSnippet(t *testing.T) {
	c := &check.Check{ID: "test/sev", Severity: finding.SeverityWarning, Run: func(p *check.Pass) error {
		p.Report(check.Diagnostic{Span: document.Span{Start: 0, End: 5}, Message: "default"})
		p.Report(check.Diagnostic{Span: document.Span{Start: 6, End: 1000}, Message: "own", Severity: finding.SeverityError,
			Related: []check.RelatedSpan{{Span: document.Span{Start: 0, End: 5}, Message: "here"}}})
		p.Report(check.Diagnostic{Span: document.Span{Start: -5, End: -1}, Message: "clamped"})
		return nil
	}}
	text := "Alpha  " + strings.Repeat("é", 150) + "\nsecond line\n"
	res := run(t, Options{Checks: []*check.Check{c}}, src("a.md", text))
	want := []string{"a.md:1:1 test/sev warning clamped", "a.md:1:1 test/sev warning default", "a.md:1:7 test/sev error own"}
	if got := brief(res.Findings); !reflect.DeepEqual(got, want) {
		t.Fatalf("findings %q, want %q", got, want)
	}
	own := res.Findings[2]
	if len(own.Snippet) > 200 || !strings.HasPrefix(own.Snippet, "éé") || strings.Contains(own.Snippet, "second") {
		t.Errorf("snippet %q (len %d) not the trimmed first line cut to 200 bytes", own.Snippet, len(own.Snippet))
	}
	if own.Location.End.Offset != len(text) {
		t.Errorf("end not clamped: %+v", own.Location.End)
	}
	if len(own.Related) != 1 || own.Related[0].Location.Path != "a.md" || own.Related[0].Location.End.Column != 6 || own.Related[0].Message != "here" {
		t.Errorf("related %+v", own.Related)
	}
}

func manySources(n int) []Source {
	var out []Source
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "Title %d\n\n", i%7)
		for j := range i % 5 {
			fmt.Fprintf(&b, "Paragraph %d with foo and bar, foo again.\n\n", j)
		}
		if i%11 == 3 {
			b.WriteString("<!-- galley-disable test/foo -->\nfoo hidden\n")
		}
		out = append(out, src(fmt.Sprintf("dir%d/doc%03d.md", i%3, (i*37)%n), b.String()))
	}
	out = append(out, src("bin.md", "a\x00b"), src("empty.md", ""))
	return out
}

func TestDeterministicAcrossJobs(t *testing.T) {
	checks := []*check.Check{
		wordCheck("test/foo", "foo", finding.SeverityWarning),
		titleCheck("test/title"),
		wordCheck("test/bar", "bar", finding.SeverityInfo),
	}
	p := newParser(t)
	var prev *Result
	for _, jobs := range []int{1, 8, 3, 0} {
		res := run(t, Options{Checks: checks, Parser: p, Jobs: jobs}, manySources(120)...)
		res.Timings = Timings{}
		if len(res.Findings) < 300 {
			t.Fatalf("only %d findings", len(res.Findings))
		}
		for i := 1; i < len(res.Findings); i++ {
			if finding.Less(&res.Findings[i], &res.Findings[i-1]) {
				t.Fatalf("findings not sorted at %d", i)
			}
		}
		if prev != nil && !reflect.DeepEqual(res, prev) {
			t.Fatalf("Jobs=%d result differs from the previous run", jobs)
		}
		prev = res
	}
}

func TestCorpusPhaseFactsAndOrder(t *testing.T) {
	var mu sync.Mutex
	var order []string
	corpus := func(id string) *check.Check {
		c := titleCheck(id)
		inner := c.RunCorpus
		c.RunCorpus = func(p *check.CorpusPass) error {
			mu.Lock()
			order = append(order, id)
			mu.Unlock()
			var paths []string
			for _, f := range p.Facts {
				paths = append(paths, f.Path)
			}
			if want := []string{"a.md", "b.md", "c.md", "d.md"}; !reflect.DeepEqual(paths, want) {
				t.Errorf("%s: facts for %q, want %q sorted by path", id, paths, want)
			}
			return inner(p)
		}
		return c
	}
	res := run(t, Options{Checks: []*check.Check{corpus("z/title"), corpus("a/title")}, Jobs: 4},
		src("d.md", "Same title\n"), src("b.md", "Same title\n\nmore"), src("a.md", "Other\n"), src("c.md", "Same title\n"))
	if want := []string{"a/title", "z/title"}; !reflect.DeepEqual(order, want) {
		t.Errorf("corpus order %q, want %q", order, want)
	}
	want := []string{
		"c.md:1:1 a/title warning same title as b.md",
		"c.md:1:1 z/title warning same title as b.md",
		"d.md:1:1 a/title warning same title as b.md",
		"d.md:1:1 z/title warning same title as b.md",
	}
	if got := brief(res.Findings); !reflect.DeepEqual(got, want) {
		t.Fatalf("findings %q, want %q", got, want)
	}
	if len(res.Facts["a/title"]) != 4 || res.Facts["a/title"][0].Path != "a.md" {
		t.Errorf("facts %+v", res.Facts)
	}
	for _, f := range res.Findings {
		if f.SourceLine != "Same title" || f.Snippet != "Same title" {
			t.Errorf("corpus finding without context: SourceLine %q Snippet %q", f.SourceLine, f.Snippet)
		}
	}

	// The corpus phase alone over the same facts gives the same findings.
	again, err := RunCorpus(context.Background(), Options{Checks: []*check.Check{titleCheck("z/title"), titleCheck("a/title")}}, res.Facts, res.Suppressions)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(brief(again.Findings), want) {
		t.Errorf("RunCorpus findings %q, want %q", brief(again.Findings), want)
	}
}

func TestDirectives(t *testing.T) {
	text := strings.Join([]string{
		"foo bar one",                              // 1: both
		"<!-- galley-disable test/foo -->",         // 2
		"foo bar two",                              // 3: bar only
		"<!-- galley-enable test/foo -->",          // 4
		"foo bar three",                            // 5: both
		"<!-- galley-disable-next-line test/* -->", // 6
		"",                                // 7
		"foo bar four",                    // 8: none
		"foo bar five",                    // 9: both
		"<!-- galley-disable -->",         // 10
		"foo bar six",                     // 11: none
		"<!-- galley-enable other/* -->",  // 12
		"foo bar seven",                   // 13: none
		"<!-- galley-enable test/bar -->", // 14
		"foo bar eight",                   // 15: bar
		"<!-- galley-enable -->",          // 16
		"<!-- galley-disable-next-line test/bar -->", // 17
		"<!-- galley-disable-next-line other -->",    // 18
		"foo bar nine",                           // 19: foo
		"<!-- galley-disable-next-line test -->", // 20
		"foo bar ten",                            // 21: none (family name)
		"foo bar eleven",                         // 22: both
	}, "\n") + "\n"
	checks := []*check.Check{wordCheck("test/foo", "foo", finding.SeverityWarning), wordCheck("test/bar", "bar", finding.SeverityWarning)}
	res := run(t, Options{Checks: checks}, src("d.md", text))
	got := map[int][]string{}
	for _, f := range res.Findings {
		got[f.Location.Start.Line] = append(got[f.Location.Start.Line], f.RuleID)
	}
	want := map[int][]string{
		1: {"test/foo", "test/bar"}, 3: {"test/bar"}, 5: {"test/foo", "test/bar"}, 9: {"test/foo", "test/bar"},
		15: {"test/bar"}, 19: {"test/foo"}, 22: {"test/foo", "test/bar"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings per line %v, want %v", got, want)
	}
}

func TestDirectivesFilterCorpusFindings(t *testing.T) {
	res := run(t, Options{Checks: []*check.Check{titleCheck("test/title")}},
		src("a.md", "Same\n"),
		src("b.md", "<!-- galley-disable-next-line test/title -->\nSame\n"),
		src("c.md", "Same\n"))
	if got, want := brief(res.Findings), []string{"c.md:1:1 test/title warning same title as a.md"}; !reflect.DeepEqual(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
	if len(res.Suppressions["b.md"]) != 1 || res.Suppressions["b.md"][0].Line != 2 {
		t.Errorf("suppressions %+v", res.Suppressions)
	}
}

// policy disables rules by path prefix and sets severities.
type policy struct {
	off map[string]string           // rule -> path prefix where it is off
	sev map[string]finding.Severity // rule -> severity
}

func (p policy) Rule(path, rule string) (bool, finding.Severity) {
	if pre, ok := p.off[rule]; ok && strings.HasPrefix(path, pre) {
		return false, finding.SeverityNone
	}
	return true, p.sev[rule]
}

func TestPolicy(t *testing.T) {
	ran := map[string]bool{}
	var mu sync.Mutex
	foo := wordCheck("test/foo", "foo", finding.SeverityWarning)
	inner := foo.Run
	foo.Run = func(p *check.Pass) error {
		mu.Lock()
		ran[p.Doc.Path] = true
		mu.Unlock()
		return inner(p)
	}
	pol := policy{
		off: map[string]string{"test/foo": "legacy/", "test/title": "b"},
		sev: map[string]finding.Severity{"test/foo": finding.SeverityError, "test/title": finding.SeverityInfo},
	}
	res := run(t, Options{Checks: []*check.Check{foo, titleCheck("test/title")}, Policy: pol},
		src("legacy/x.md", "foo\n"), src("new/y.md", "foo\n"), src("b.md", "foo\n"), src("c.md", "foo\n"))
	// b.md exports no title fact, so c.md holds the first title.
	want := []string{
		"b.md:1:1 test/foo error found \"foo\"",
		"c.md:1:1 test/foo error found \"foo\"",
		"legacy/x.md:1:1 test/title info same title as c.md",
		"new/y.md:1:1 test/foo error found \"foo\"",
		"new/y.md:1:1 test/title info same title as c.md",
	}
	if got := brief(res.Findings); !reflect.DeepEqual(got, want) {
		t.Errorf("findings %q\nwant %q", got, want)
	}
	if ran["legacy/x.md"] || !ran["new/y.md"] {
		t.Errorf("check ran on %v; a rule disabled for a path must not run on it", ran)
	}
	for _, f := range res.Facts["test/title"] {
		if f.Path == "b.md" {
			t.Errorf("b.md exported a fact for a rule disabled on it")
		}
	}
}

func TestReportFilter(t *testing.T) {
	checks := []*check.Check{wordCheck("test/foo", "foo", finding.SeverityWarning), titleCheck("test/title")}
	res := run(t, Options{Checks: checks, Report: func(p string) bool { return p == "changed.md" }},
		src("a-old.md", "foo title\n"), src("changed.md", "foo title\n"), src("bin.md", "\x00"))
	want := []string{
		"changed.md:1:1 test/foo warning found \"foo\"",
		"changed.md:1:1 test/title warning same title as a-old.md",
	}
	if got := brief(res.Findings); !reflect.DeepEqual(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
	if len(res.Notifications) != 0 {
		t.Errorf("notifications for unreported files: %v", res.Notifications)
	}
	if res.Files != 2 || len(res.Facts["test/title"]) != 2 {
		t.Errorf("Files %d facts %d: every file must still be parsed", res.Files, len(res.Facts["test/title"]))
	}
}

func TestBadInputAndBrokenChecks(t *testing.T) {
	boom := &check.Check{ID: "test/boom", Run: func(p *check.Pass) error {
		if strings.Contains(string(p.Doc.Source), "boom") {
			var m map[string]int
			m["x"]++ // panics
		}
		return nil
	}}
	fail := &check.Check{ID: "test/fail", Run: func(p *check.Pass) error {
		if strings.Contains(string(p.Doc.Source), "fail") {
			return errors.New("cannot cope")
		}
		return nil
	}}
	corpusBoom := &check.Check{ID: "test/corpus-boom", Run: func(*check.Pass) error { return nil },
		RunCorpus: func(*check.CorpusPass) error { panic("corpus trouble") }}
	foo := wordCheck("test/foo", "foo", finding.SeverityWarning)
	res := run(t, Options{Checks: []*check.Check{boom, fail, foo, corpusBoom}, Jobs: 2},
		src("binary.md", "foo\x00bar"),
		src("latin1.txt", "caf\xe9 foo"),
		src("empty.md", ""),
		src("boom.md", "foo boom foo"),
		src("fail.txt", "foo fail"),
		Source{Path: "gone.md", Load: func(*[]byte) ([]byte, error) { return nil, errors.New("vanished") }},
		src("crlf-bom.md", "\ufeffok foo\r\n\r\nfoo\r\n"),
	)
	wantF := []string{
		"boom.md:1:1 test/foo warning found \"foo\"",
		"boom.md:1:10 test/foo warning found \"foo\"",
		"crlf-bom.md:1:4 test/foo warning found \"foo\"",
		"crlf-bom.md:3:1 test/foo warning found \"foo\"",
		"fail.txt:1:1 test/foo warning found \"foo\"",
	}
	if got := brief(res.Findings); !reflect.DeepEqual(got, wantF) {
		t.Errorf("findings %q\nwant %q", got, wantF)
	}
	got := notes(res.Notifications)
	wantPrefix := []string{
		" error check test/corpus-boom panicked in the corpus phase: corpus trouble",
		"binary.md error ",
		"boom.md error check test/boom panicked: assignment to entry in nil map",
		"fail.txt error check test/fail: cannot cope",
		"gone.md error vanished",
		"latin1.txt error ",
	}
	if len(got) != len(wantPrefix) {
		t.Fatalf("notifications %q\nwant %q", got, wantPrefix)
	}
	for i := range got {
		if !strings.HasPrefix(got[i], wantPrefix[i]) {
			t.Errorf("notification %q, want prefix %q", got[i], wantPrefix[i])
		}
	}
	if !strings.Contains(res.Notifications[2].Message, "engine_test.go") {
		t.Errorf("panic notification gives no location: %q", res.Notifications[2].Message)
	}
	if res.Files != 4 {
		t.Errorf("Files = %d, want 4 (empty and panicking files checked, binary/latin1/gone not)", res.Files)
	}
	if res.Timings.Checks["test"] <= 0 || res.Timings.Total <= 0 {
		t.Errorf("timings not recorded: %+v", res.Timings)
	}
}

func TestDuplicatesDropped(t *testing.T) {
	twice := &check.Check{ID: "test/twice", Severity: finding.SeverityInfo, Run: func(p *check.Pass) error {
		for range 2 {
			p.Reportf(document.Span{Start: 0, End: 3}, "dup")
		}
		p.Report(check.Diagnostic{Span: document.Span{Start: 0, End: 3}, Message: "dup", Severity: finding.SeverityError})
		return nil
	}}
	res := run(t, Options{Checks: []*check.Check{twice}}, src("a.md", "abc\n"))
	if got, want := brief(res.Findings), []string{"a.md:1:1 test/twice info dup", "a.md:1:1 test/twice error dup"}; !reflect.DeepEqual(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
}

func TestRunErrors(t *testing.T) {
	if _, err := Run(context.Background(), Options{}, nil); err == nil {
		t.Error("no error without a parser")
	}
	p := newParser(t)
	c := wordCheck("test/a", "a", finding.SeverityInfo)
	if _, err := Run(context.Background(), Options{Parser: p, Checks: []*check.Check{c, c}}, nil); err == nil {
		t.Error("no error for duplicate check IDs")
	}
	res, err := Run(context.Background(), Options{Parser: p, Checks: []*check.Check{c, nil}}, nil)
	if err != nil || res.Files != 0 || res.Findings != nil {
		t.Errorf("empty run: %+v, %v", res, err)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var mu sync.Mutex
	n := 0
	slow := &check.Check{ID: "test/cancel", Run: func(p *check.Pass) error {
		mu.Lock()
		defer mu.Unlock()
		n++
		if n == 3 {
			cancel()
		}
		return nil
	}}
	_, err := Run(ctx, Options{Parser: newParser(t), Checks: []*check.Check{slow}, Jobs: 2}, manySources(200))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n > 20 {
		t.Errorf("%d documents checked after cancellation", n)
	}
}

func TestRuleMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, id string
		want        bool
	}{
		{"style/foo", "style/foo", true},
		{"style/*", "style/foo", true},
		{"style/*", "citation/foo", false},
		{"style", "style/foo", true},
		{"styl", "style/foo", false},
		{"*/foo", "style/foo", true},
		{"**", "style/foo", true},
		{"style/f?o", "style/foo", true},
		{"style/{foo,bar}", "style/bar", true},
		{"style/[", "style/[", true},
		{"style/[", "style/x", false},
	} {
		if got := RuleMatch(tc.pattern, tc.id); got != tc.want {
			t.Errorf("RuleMatch(%q, %q) = %v, want %v", tc.pattern, tc.id, got, tc.want)
		}
	}
}

func TestDocumentsReleased(t *testing.T) {
	var mu sync.Mutex
	var refs []weak.Pointer[document.Document]
	live := -1
	keep := &check.Check{ID: "test/keep", Severity: finding.SeverityInfo,
		Run: func(p *check.Pass) error {
			mu.Lock()
			refs = append(refs, weak.Make(p.Doc))
			mu.Unlock()
			for _, b := range p.Doc.ProseBlocks() {
				// A message cut from the document's text must not pin it.
				p.Report(check.Diagnostic{Span: b.SourceSpan(0, len(b.Text)), Message: b.Text[:min(len(b.Text), 4)]})
			}
			return nil
		},
		// The corpus phase runs after every document: by then the engine
		// must hold none of them.
		RunCorpus: func(*check.CorpusPass) error {
			runtime.GC()
			runtime.GC()
			live = 0
			for _, r := range refs {
				if r.Value() != nil {
					live++
				}
			}
			return nil
		},
	}
	res := run(t, Options{Checks: []*check.Check{keep}, Jobs: 2}, manySources(40)...)
	if len(res.Findings) == 0 || len(refs) == 0 {
		t.Fatal("nothing checked")
	}
	if live != 0 {
		t.Errorf("%d of %d documents still reachable in the corpus phase", live, len(refs))
	}
}

func TestFactTypeChecked(t *testing.T) {
	c := titleCheck("test/title")
	c.Run = func(p *check.Pass) error {
		if strings.HasPrefix(p.Doc.Path, "bad") {
			p.ExportFact(titleFact{Title: "by value"})
			return nil
		}
		if strings.HasPrefix(p.Doc.Path, "nil") {
			p.ExportFact(nil)
			return nil
		}
		p.ExportFact(&titleFact{Title: "t", Location: p.Doc.Location(document.Span{Start: 0, End: 1})})
		return nil
	}
	res := run(t, Options{Checks: []*check.Check{c}}, src("a.md", "x"), src("bad.md", "x"), src("nil.md", "x"), src("z.md", "x"))
	want := []string{
		"bad.md error check test/title exported a fact of type engine.titleFact; its NewFact returns *engine.titleFact",
		"nil.md error check test/title exported a nil fact",
	}
	if got := notes(res.Notifications); !reflect.DeepEqual(got, want) {
		t.Errorf("notifications %q, want %q", got, want)
	}
	if got := brief(res.Findings); len(got) != 1 || !strings.HasPrefix(got[0], "z.md:1:1 test/title") {
		t.Errorf("findings %q: the well-typed facts must still reach the corpus phase", got)
	}
}

// A claiming check's findings hide other checks' findings wholly inside
// them, and nothing else.
func TestClaimedSpans(t *testing.T) {
	text := "Intro line.\n\nJane Doe\nJane Doe\n\nLast line.\n"
	at := func(s string) document.Span {
		i := strings.Index(text, s)
		return document.Span{Start: i, End: i + len(s)}
	}
	claim := &check.Check{ID: "boil/byline", Claims: true, Severity: finding.SeverityWarning, Run: func(p *check.Pass) error {
		p.Report(check.Diagnostic{Span: document.Span{Start: at("Jane Doe").Start, End: at("\n\nLast").Start}, Message: "byline twice"})
		return nil
	}}
	other := &check.Check{ID: "style/x", Severity: finding.SeverityWarning, Run: func(p *check.Pass) error {
		second := strings.LastIndex(text, "Jane Doe")
		p.Report(check.Diagnostic{Span: document.Span{Start: second, End: second + 8}, Message: "repeated line"})
		p.Report(check.Diagnostic{Span: at("Last line."), Message: "outside"})
		p.Report(check.Diagnostic{Span: document.Span{Start: at("Intro").Start, End: at("Last").Start}, Message: "straddles"})
		return nil
	}}
	res := run(t, Options{Checks: []*check.Check{claim, other}}, src("a.md", text))
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.RuleID+": "+f.Message)
	}
	want := []string{"style/x: straddles", "boil/byline: byline twice", "style/x: outside"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
}

// TestReadFileReusesBuffer reads files of several sizes through one
// buffer: each read returns exactly the file, the buffer grows only when a
// file does not fit, and errors are os.ReadFile's.
func TestReadFileReusesBuffer(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := bytes.Repeat([]byte("lorem ipsum\n"), 5000)
	files := []string{
		write("small.md", []byte("Hello.\n")),
		write("big.md", big),
		write("empty.md", nil),
		write("mid.md", big[:1000]),
	}
	var buf []byte
	for _, p := range files {
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := readSized(p, -1, &buf)
		if err != nil {
			t.Fatalf("readSized(%s): %v", p, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("readSized(%s) = %d bytes, want %d", p, len(got), len(want))
		}
	}
	if cap(buf) < len(big) {
		t.Errorf("buffer capacity %d after reading %d bytes: not kept", cap(buf), len(big))
	}
	kept := &buf[:1][0]
	if _, err := readSized(files[0], -1, &buf); err != nil || &buf[:1][0] != kept {
		t.Errorf("a small file after a big one replaced the buffer (err %v)", err)
	}
	missing := filepath.Join(dir, "missing.md")
	_, want := os.ReadFile(missing)
	if _, err := readSized(missing, -1, &buf); err == nil || err.Error() != want.Error() {
		t.Errorf("readSized(missing) error = %v, want %v", err, want)
	}
}

// TestReadSizedWrongSize reads files through readSized with the right
// size, sizes too small or too large (the file changed since the walk) and
// no size: the bytes are always the whole file, through a buffer too small
// or large enough; a directory and a missing file give os.ReadFile's
// errors.
func TestReadSizedWrongSize(t *testing.T) {
	dir := t.TempDir()
	data := bytes.Repeat([]byte("0123456789abcdef\n"), 700)
	for _, n := range []int{0, 1, 17, 511, 512, 513, 4096, len(data)} {
		p := filepath.Join(dir, fmt.Sprintf("f%d.md", n))
		if err := os.WriteFile(p, data[:n], 0o644); err != nil {
			t.Fatal(err)
		}
		for _, size := range []int64{int64(n), -1, 0, 1, int64(n) - 1, int64(n) + 1, int64(n) * 2, 1 << 40} {
			for _, start := range []int{0, 1, n, n + 1, 2*n + 600} {
				buf := make([]byte, 0, start)
				got, err := readSized(p, size, &buf)
				if err != nil {
					t.Fatalf("readSized(%d bytes, size %d): %v", n, size, err)
				}
				if !bytes.Equal(got, data[:n]) {
					t.Errorf("readSized(%d bytes, size %d, buffer %d) = %d bytes", n, size, start, len(got))
				}
			}
		}
	}
	for _, p := range []string{dir, filepath.Join(dir, "missing.md")} {
		_, want := os.ReadFile(p)
		var buf []byte
		if _, err := readSized(p, 10, &buf); err == nil || want == nil || err.Error() != want.Error() {
			t.Errorf("readSized(%s) error = %v, want %v", p, err, want)
		}
	}
}

// TestRunSeqOrderIndependent: RunSeq over the sources in any order (as a
// walk yields them) gives the result Run gives over them sorted by path.
func TestRunSeqOrderIndependent(t *testing.T) {
	checks := []*check.Check{
		wordCheck("test/foo", "foo", finding.SeverityWarning),
		titleCheck("test/title"),
		wordCheck("test/bar", "bar", finding.SeverityInfo),
	}
	p := newParser(t)
	sorted := manySources(90)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	want := run(t, Options{Checks: checks, Parser: p, Jobs: 2}, sorted...)
	want.Timings = Timings{}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 6 {
		order := slices.Clone(sorted)
		if round == 0 {
			slices.Reverse(order)
		} else {
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		}
		got, err := RunSeq(context.Background(), Options{Checks: checks, Parser: p, Jobs: 1 + round%3}, slices.Values(order))
		if err != nil {
			t.Fatal(err)
		}
		got.Timings = Timings{}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d: RunSeq result differs from Run's over sorted sources", round)
		}
	}
	empty, err := RunSeq(context.Background(), Options{Checks: checks, Parser: p}, slices.Values([]Source(nil)))
	if err != nil || empty.Files != 0 || len(empty.Findings) != 0 {
		t.Errorf("empty sequence: %+v, %v", empty, err)
	}
}

// TestRunSeqStopsOnCancel: once the context is cancelled, RunSeq stops
// taking sources from the sequence and returns the context's error.
func TestRunSeqStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	yielded := 0
	seq := func(yield func(Source) bool) {
		for i := range 1000 {
			yielded++
			if i == 10 {
				cancel()
			}
			if !yield(src(fmt.Sprintf("d%d.md", i), "foo\n")) {
				return
			}
		}
	}
	_, err := RunSeq(ctx, Options{Checks: []*check.Check{wordCheck("test/foo", "foo", finding.SeverityInfo)}, Parser: newParser(t), Jobs: 2}, seq)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if yielded > 12 {
		t.Errorf("sequence yielded %d sources after the cancel at 11", yielded)
	}
}
