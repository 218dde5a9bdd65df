package boilerplate

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
)

// runDoc runs checks on doc through memo and returns what they reported
// and exported, printed (so that nothing of it can change later).
func runDoc(t *testing.T, checks []*check.Check, doc *document.Document, memo *check.Memo) string {
	t.Helper()
	var out string
	for _, c := range checks {
		if c.Run == nil {
			continue
		}
		pass := &check.Pass{
			Check: c, Doc: doc, Memo: memo,
			Report:     func(d check.Diagnostic) { out += fmt.Sprintf("%s %+v\n", c.ID, d) },
			ExportFact: func(f any) { out += fmt.Sprintf("%s fact %+v\n", c.ID, f) },
		}
		if err := c.Run(pass); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestReleasedTablesLeakNothing: line tables reused from document to
// document (one memo, released after each document, as the engine runs
// it) give every document the findings and facts a fresh memo gives, in
// either order, and the facts exported before a release do not change
// after it.
func TestReleasedTablesLeakNothing(t *testing.T) {
	checks := loadChecks(t)
	p := newParser(t)
	srcs := []string{
		"# Soup\n\nJump to content\n\nLeek soup needs butter, stock and patience, and it improves the next day.\n\nShare this article: Facebook | Twitter | Email\nCopyright © 2024 Soup Weekly. All rights reserved.\n",
		"Short line one\nAnother short line here\n\n- a list item with [a link](https://example.com)\n- `code` and **bold** text\n\nA paragraph that is a real sentence of some length, ending here.\nAnd a second line.\n",
		"",
		"Tiny\n",
		"# Title\n\nBy Jane Doe\n\nBy Jane Doe\n\nPosted March 3, 2024 · 12 comments\n\nThe article starts here with a sentence that runs long enough to count.\n",
	}
	var docs []*document.Document
	for i, s := range srcs {
		doc, err := p.Parse(fmt.Sprintf("doc%d.md", i), []byte(s))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
	}
	fresh := make([]string, len(docs))
	for i, doc := range docs {
		fresh[i] = runDoc(t, checks, doc, check.NewMemo())
	}
	for _, order := range [][]int{{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {1, 0, 1, 4, 0, 2, 1}} {
		memo := check.NewMemo()
		var facts []any
		var printed []string
		for _, i := range order {
			if got := runDoc(t, checks, docs[i], memo); got != fresh[i] {
				t.Errorf("order %v, doc %d after reuse:\n%s\nfresh memo:\n%s", order, i, got, fresh[i])
			}
			// The template fact must not change once its table is
			// released and reused.
			for _, c := range checks {
				if c.Run == nil || c.NewFact == nil {
					continue
				}
				pass := &check.Pass{Check: c, Doc: docs[i], Memo: memo, Report: func(check.Diagnostic) {},
					ExportFact: func(f any) { facts = append(facts, f); printed = append(printed, fmt.Sprintf("%+v", f)) }}
				if err := c.Run(pass); err != nil {
					t.Fatal(err)
				}
			}
			memo.Release()
		}
		for k, f := range facts {
			if got := fmt.Sprintf("%+v", f); got != printed[k] {
				t.Errorf("order %v: fact %d changed after its table was released:\n%s\nwas\n%s", order, k, got, printed[k])
			}
		}
	}
}

// TestTableFillReusesStorage: a table filled again for another document
// equals one built fresh for it.
func TestTableFillReusesStorage(t *testing.T) {
	docs, _ := benchDocsT(t, 60)
	var tp tablePool
	for k := range docs {
		for _, i := range []int{k, (k + 7) % len(docs)} {
			got := tp.build(docs[i], 8)
			want := buildTable(docs[i], 8)
			if !reflect.DeepEqual(got.lines, want.lines) || got.vis != want.vis || got.valid != want.valid {
				t.Fatalf("%s: reused table differs from a fresh one", docs[i].Path)
			}
			got.Release()
		}
	}
}
