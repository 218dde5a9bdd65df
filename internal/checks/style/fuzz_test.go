package style

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/parse"
	"github.com/galley-lint/galley/rules"
)

// FuzzStyle runs every style rule over arbitrary input parsed as Markdown
// and as plain text (and over hand-built documents, which skip the
// parser's input checks): nothing may panic, and every span, related span
// and fix edit must lie inside the source.
func FuzzStyle(f *testing.F) {
	for _, s := range []string{
		"", "\xef\xbb\xbfThe the end.", "a\r\nb the\r\nthe c", "“‘\"'’”", "'\"'\"“”", "{% x", "{{ a }} {% b %}",
		"x. y? z! … ... i.e. the", "- a\n- b\n\n> “c\n\n> d”", "\x00\x01binary", "\xff\xfe invalid",
		"`code` the `code` the", "# h\n\nthe p.", "e-mail email web\nsite", "„x“ ‘y' 'z’",
	} {
		f.Add([]byte(s))
	}
	if paths, err := filepath.Glob(filepath.Join("testdata", "*", "*")); err == nil {
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	lex, err := parse.LoadLexicon(rules.FS)
	if err != nil {
		f.Fatal(err)
	}
	p := parse.New(lex)
	checks := buildChecks(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		docs := []*document.Document{textDoc("hand.txt", string(src))}
		for _, name := range []string{"a.md", "a.txt"} {
			if doc, err := p.Parse(name, src); err == nil {
				docs = append(docs, doc)
			}
		}
		for _, doc := range docs {
			for id, c := range checks {
				inside := func(what string, s document.Span) {
					if s.Start < 0 || s.End > len(doc.Source) || s.Start > s.End {
						t.Fatalf("%s on %s: %s span %v outside [0,%d] for %q", id, doc.Path, what, s, len(doc.Source), src)
					}
				}
				var facts []check.DocFact
				pass := &check.Pass{Check: c, Doc: doc,
					Report: func(d check.Diagnostic) {
						inside("primary", d.Span)
						for _, r := range d.Related {
							inside("related", r.Span)
						}
						for _, fx := range d.Fixes {
							for _, e := range fx.Edits {
								inside("edit", e.Span)
							}
						}
					},
					ExportFact: func(v any) { facts = append(facts, check.DocFact{Path: doc.Path, Fact: v}) },
				}
				if err := c.Run(pass); err != nil {
					t.Fatalf("%s: %v", id, err)
				}
				if c.RunCorpus != nil {
					facts = append(facts, facts...) // two "articles"
					if err := c.RunCorpus(&check.CorpusPass{Check: c, Facts: facts, Report: func(finding.Finding) {}}); err != nil {
						t.Fatalf("%s: %v", id, err)
					}
				}
			}
		}
	})
}
