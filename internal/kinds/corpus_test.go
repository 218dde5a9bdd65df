package kinds_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/kinds"
	"github.com/galley-lint/galley/internal/parse"
	"github.com/galley-lint/galley/internal/rulepack"
	"github.com/galley-lint/galley/rules"
)

// corpusDir is the shared Markdown corpus, relative to this package.
const corpusDir = "../../../shared/corpora/markdown-docs"

// usageChecks loads rules/usage.yaml with the generic kinds.
func usageChecks(tb testing.TB) []*check.Check {
	tb.Helper()
	srcs, err := rulepack.BuiltinSources()
	if err != nil {
		tb.Fatal(err)
	}
	for _, s := range srcs {
		if s.Name == "rules/usage.yaml" {
			set, err := rulepack.Load(kinds.Generic(), []rulepack.Source{s})
			if err != nil {
				tb.Fatal(err)
			}
			return set.Checks()
		}
	}
	tb.Fatal("rules/usage.yaml not found")
	return nil
}

// corpusFiles returns the corpus's Markdown files, or skips.
func corpusFiles(tb testing.TB) []string {
	tb.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		tb.Skipf("corpus %s not available: %v", corpusDir, err)
	}
	var out []string
	filepath.WalkDir(corpusDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".markdown")) {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	if len(out) == 0 {
		tb.Skip("corpus is empty")
	}
	return out
}

func newParser(tb testing.TB) *parse.Parser {
	tb.Helper()
	lex, err := parse.LoadLexicon(rules.FS)
	if err != nil {
		tb.Fatal(err)
	}
	return parse.New(lex)
}

// runAll runs checks over doc and returns "rule: message: text" lines.
func runAll(checks []*check.Check, doc *document.Document) []string {
	var out []string
	for _, c := range checks {
		pass := &check.Pass{Check: c, Doc: doc, Report: func(d check.Diagnostic) {
			if d.Span.Start < 0 || d.Span.End > len(doc.Source) || d.Span.Start > d.Span.End {
				out = append(out, c.ID+": BAD SPAN")
				return
			}
			out = append(out, c.ID+": "+d.Message+" @ "+doc.Text(d.Span))
		}}
		c.Run(pass)
	}
	return out
}

// TestUsageCorpusQuiet runs the usage pack over the real corpus: it must
// stay near-silent (well-edited documentation has few misspellings), and
// every finding's span must be valid. By default it samples every 20th
// file to keep `go test` fast; GALLEY_CORPUS=full runs the whole corpus
// (about 44 MB, a few minutes) with a stricter bound.
func TestUsageCorpusQuiet(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus run skipped in -short mode")
	}
	all := corpusFiles(t)
	files, limit := all, 1.0
	if os.Getenv("GALLEY_CORPUS") != "full" {
		files, limit = nil, 3.0
		for i := 0; i < len(all); i += 20 {
			files = append(files, all[i])
		}
	}
	checks := usageChecks(t)
	p := newParser(t)
	var total int64
	counts := map[string]int{}
	var findings []string
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		total += int64(len(src))
		doc, err := p.Parse(filepath.ToSlash(f), src)
		if err != nil {
			continue // binary or invalid UTF-8
		}
		for _, line := range runAll(checks, doc) {
			if strings.HasSuffix(line, "BAD SPAN") {
				t.Errorf("%s: %s", f, line)
			}
			counts[strings.SplitN(line, ":", 2)[0]]++
			findings = append(findings, strings.TrimPrefix(f, corpusDir+"/")+": "+line)
		}
	}
	mb := float64(total) / (1 << 20)
	for _, f := range findings {
		t.Log(f)
	}
	for id, n := range counts {
		perMB := float64(n) / mb
		t.Logf("%s: %d findings in %.1f MB (%.2f/MB)", id, n, mb, perMB)
		if perMB > limit {
			t.Errorf("%s is too noisy on the corpus: %.2f findings/MB", id, perMB)
		}
	}
}

// BenchmarkUsageCorpus measures the usage pack's checks (not parsing) on
// the corpus.
func BenchmarkUsageCorpus(b *testing.B) {
	files := corpusFiles(b)
	checks := usageChecks(b)
	p := newParser(b)
	var docs []*document.Document
	var total int64
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		if doc, err := p.Parse(f, src); err == nil {
			docs = append(docs, doc)
			total += int64(len(src))
		}
		if total > 8<<20 {
			break
		}
	}
	b.SetBytes(total)
	b.ResetTimer()
	for range b.N {
		for _, doc := range docs {
			runAll(checks, doc)
		}
	}
}

// FuzzUsageChecks parses arbitrary input and runs the usage pack over it:
// no panics, spans inside the source, fixes only where the source reads
// as the match.
func FuzzUsageChecks(f *testing.F) {
	f.Add("We recieve **alot** of `alot` e-mail.\n\nAn email, an EMAIL, a web\nsite.")
	f.Add("# Alot\n\n| a | recieve |\n|---|---|\n| e-mail | email |\n")
	f.Add("\uFEFFuntill\r\n\r\n> towards\r\n> toward\r\n")
	checks := usageChecks(f)
	p := parse.New(nil)
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := p.Parse("f.md", []byte(src))
		if err != nil {
			return
		}
		for _, c := range checks {
			c.Run(&check.Pass{Check: c, Doc: doc, Report: func(d check.Diagnostic) {
				if d.Span.Start < 0 || d.Span.End > len(doc.Source) || d.Span.Start > d.Span.End {
					t.Fatalf("%s: span %v outside %d bytes", c.ID, d.Span, len(doc.Source))
				}
				for _, fx := range d.Fixes {
					for _, e := range fx.Edits {
						if e.Span != d.Span {
							t.Fatalf("%s: fix edits %v, finding at %v", c.ID, e.Span, d.Span)
						}
					}
				}
			}})
		}
	})
}
