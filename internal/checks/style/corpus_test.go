package style

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/parse"
	"github.com/galley-lint/galley/rules"
)

// sharedDir returns ../shared/<sub> relative to the repository root, or
// skips the test when it is absent.
func sharedDir(tb testing.TB, sub string) string {
	tb.Helper()
	dir := sharedDirPath(sub)
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("%s not present (%v)", dir, err)
	}
	return dir
}

// sharedDirPath returns the path of ../shared/<sub> relative to the
// repository root.
func sharedDirPath(sub string) string { return filepath.Join("..", "..", "..", "..", "shared", sub) }

// parseTree parses every step-th .md and .txt file under dir, in path
// order, returning the documents and their total size.
func parseTree(tb testing.TB, dir string, step int) ([]*document.Document, int64) {
	tb.Helper()
	lex, err := parse.LoadLexicon(rules.FS)
	if err != nil {
		tb.Fatal(err)
	}
	p := parse.New(lex)
	var paths []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := filepath.Ext(path); !d.IsDir() && (ext == ".md" || ext == ".txt") {
			paths = append(paths, path)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	sort.Strings(paths)
	var sample []string
	for i := 0; i < len(paths); i += max(step, 1) {
		sample = append(sample, paths[i])
	}
	paths = sample
	var docs []*document.Document
	var size int64
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			tb.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, path)
		doc, err := p.Parse(filepath.ToSlash(rel), src)
		if err != nil {
			continue // binary or invalid UTF-8: not this package's concern
		}
		docs = append(docs, doc)
		size += int64(len(src))
	}
	return docs, size
}

// report is one finding of a corpus run, resolved for reading.
type report struct {
	rule, path string
	line       int
	text, msg  string
	context    string
}

// runAll runs every style check over docs (and the corpus phase).
func runAll(t testing.TB, checks map[string]*check.Check, docs []*document.Document) []report {
	var out []report
	ids := make([]string, 0, len(checks))
	for id := range checks {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		c := checks[id]
		var facts []check.DocFact
		for _, doc := range docs {
			pass := &check.Pass{
				Check: c,
				Doc:   doc,
				Report: func(d check.Diagnostic) {
					if d.Span.Start < 0 || d.Span.End > len(doc.Source) || d.Span.Start > d.Span.End {
						t.Errorf("%s: %s: bad span %v", id, doc.Path, d.Span)
						return
					}
					line := doc.Line(d.Span.Start)
					out = append(out, report{rule: id, path: doc.Path, line: line, text: doc.Text(d.Span), msg: d.Message, context: doc.Text(doc.LineSpan(line))})
				},
				ExportFact: func(f any) { facts = append(facts, check.DocFact{Path: doc.Path, Fact: f}) },
			}
			if err := c.Run(pass); err != nil {
				t.Errorf("%s: %s: %v", id, doc.Path, err)
			}
		}
		if c.RunCorpus != nil {
			cp := &check.CorpusPass{Check: c, Facts: facts, Report: func(f finding.Finding) {
				out = append(out, report{rule: id, path: f.Location.Path, line: f.Location.Start.Line, text: f.Snippet, msg: f.Message})
			}}
			if err := c.RunCorpus(cp); err != nil {
				t.Errorf("%s: %v", id, err)
			}
		}
	}
	return out
}

// TestCorpus runs every rule over a sample of the shared Markdown corpus
// (every tenth file; all of it with GALLEY_STYLE_CORPUS=all). It checks
// that nothing fails and that each rule stays under a ceiling of findings
// set from reading what the rules report: a rule that suddenly reports far
// more has lost precision. With GALLEY_STYLE_DUMP=file it writes every
// finding, with its source line, to that file for reading.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus run skipped in -short mode")
	}
	dir := sharedDir(t, "corpora/markdown-docs")
	step := 10
	if os.Getenv("GALLEY_STYLE_CORPUS") == "all" {
		step = 1
	}
	docs, _ := parseTree(t, dir, step)
	found := runAll(t, buildChecks(t), docs)
	counts := map[string]int{}
	for _, r := range found {
		counts[r.rule]++
	}
	if out := os.Getenv("GALLEY_STYLE_DUMP"); out != "" {
		var b strings.Builder
		for _, r := range found {
			fmt.Fprintf(&b, "%s\t%s:%d\t%q\t%s\n\t| %s\n", r.rule, r.path, r.line, r.text, r.msg, strings.TrimSpace(r.context))
		}
		if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d files: %v", len(docs), counts)
	// Ceilings per 100 files, from reading the full corpus run (most of
	// what remains there is true: repeated words are common in real
	// docs). mixed-quotes and term-consistency are true by definition.
	ceiling := map[string]float64{
		"style/repeated-word":    5,
		"style/quote-balance":    3,
		"style/repeated-line":    2,
		"style/sentence-case":    2,
		"style/mixed-quotes":     6,
		"style/term-consistency": 8,
	}
	for rule, n := range counts {
		if limit := ceiling[rule] * float64(len(docs)) / 100; float64(n) > limit {
			t.Errorf("%s: %d findings over %d files (ceiling %.0f)", rule, n, len(docs), limit)
		}
	}
}

// TestSeeds runs every rule over the shared seed articles and logs what
// they report.
func TestSeeds(t *testing.T) {
	dir := sharedDir(t, "seeds")
	docs, _ := parseTree(t, dir, 1)
	for _, r := range runAll(t, buildChecks(t), docs) {
		t.Logf("%s:%d: %s %q: %s", r.path, r.line, r.rule, r.text, r.msg)
	}
}

// BenchmarkStyle measures each rule over (part of) the shared corpus,
// excluding parse time.
func BenchmarkStyle(b *testing.B) {
	dir := sharedDir(b, "corpora/markdown-docs")
	docs, size := parseTree(b, dir, 4)
	checks := buildChecks(b)
	ids := make([]string, 0, len(checks))
	for id := range checks {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		c := checks[id]
		b.Run(strings.TrimPrefix(id, "style/"), func(b *testing.B) {
			b.SetBytes(size)
			for b.Loop() {
				var facts []check.DocFact
				for _, doc := range docs {
					pass := &check.Pass{Check: c, Doc: doc, Report: func(check.Diagnostic) {},
						ExportFact: func(f any) { facts = append(facts, check.DocFact{Path: doc.Path, Fact: f}) }}
					if err := c.Run(pass); err != nil {
						b.Fatal(err)
					}
				}
				if c.RunCorpus != nil {
					if err := c.RunCorpus(&check.CorpusPass{Check: c, Facts: facts, Report: func(finding.Finding) {}}); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
