package style

import (
	"encoding/json"
	"os"
	"reflect"
	"sort"
	"strconv"
	"testing"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/kinds"
	"github.com/galley-lint/galley/internal/rulepack"
	"github.com/galley-lint/galley/rules"
)

// familyChecks loads rules/style.yaml and rules/usage.yaml, the rules of
// the style family, in ID order.
func familyChecks(tb testing.TB) []*check.Check {
	tb.Helper()
	var srcs []rulepack.Source
	for _, name := range []string{"style.yaml", "usage.yaml"} {
		data, err := rules.FS.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		srcs = append(srcs, rulepack.Source{Name: "rules/" + name, Data: data})
	}
	set, err := rulepack.Load(append(Kinds(), kinds.Generic()...), srcs)
	if err != nil {
		tb.Fatal(err)
	}
	checks := set.Checks()
	sort.Slice(checks, func(i, j int) bool { return checks[i].ID < checks[j].ID })
	return checks
}

// runFamily runs checks over doc as the engine does, every pass sharing
// memo (nil: nothing shared), and returns the diagnostics by check, and
// the facts exported, as JSON, under the check's ID followed by " fact"
// (facts outlive the document, so they are read after the next one).
func runFamily(tb testing.TB, checks []*check.Check, doc *document.Document, memo *check.Memo) map[string][]check.Diagnostic {
	out := map[string][]check.Diagnostic{}
	for _, c := range checks {
		pass := &check.Pass{Check: c, Doc: doc, Memo: memo,
			Report: func(d check.Diagnostic) { out[c.ID] = append(out[c.ID], d) },
			ExportFact: func(f any) {
				data, err := json.Marshal(f)
				if err != nil {
					tb.Fatal(err)
				}
				out[c.ID+" fact"] = []check.Diagnostic{{Message: string(data)}}
			},
		}
		if err := c.Run(pass); err != nil {
			tb.Fatalf("%s: %v", c.ID, err)
		}
	}
	return out
}

// TestSharedMemo checks that rules sharing a document's analysis through
// a memo report exactly what each reports alone.
func TestSharedMemo(t *testing.T) {
	checks := familyChecks(t)
	docs, _ := parseTree(t, "testdata", 1)
	if _, err := os.Stat(sharedDirPath("corpora/markdown-docs")); err == nil {
		more, _ := parseTree(t, sharedDirPath("corpora/markdown-docs"), 40)
		docs = append(docs, more...)
	}
	for _, doc := range docs {
		alone := runFamily(t, checks, doc, nil)
		shared := runFamily(t, checks, doc, check.NewMemo())
		if !reflect.DeepEqual(alone, shared) {
			t.Errorf("%s: with a shared memo\n%v\nalone\n%v", doc.Path, shared, alone)
		}
	}
}

// TestMemoReuse checks that the family's rules, run over one document
// after another through one memo released after each (as the engine's
// worker does, so that the pooled per-document storage of wordscan, kinds
// and style is reused), report exactly what they report with a fresh
// memo per document: nothing of one document leaks into the next. The
// documents go forwards and then backwards, so each follows both larger
// and smaller ones.
func TestMemoReuse(t *testing.T) {
	checks := familyChecks(t)
	docs, _ := parseTree(t, "testdata", 1)
	if _, err := os.Stat(sharedDirPath("corpora/markdown-docs")); err == nil {
		more, _ := parseTree(t, sharedDirPath("corpora/markdown-docs"), 60)
		docs = append(docs, more...)
	}
	// Template tags at different blocks (prose masks them, and scans the
	// masked text's words itself), and a document without prose.
	docs = append(docs,
		textDoc("t1.txt", "Say {{ site.name }} the the word.\n\nHe said \"hi\" and 'bye'.\n\n{% tag %} e-mail email email."),
		textDoc("t2.txt", "```\ncode\n```\n\nOther {{ y }} words words here.\n\nplain text again {{ x }} and and."),
		textDoc("t3.txt", "```\nonly code\n```"),
	)
	fresh := make([]map[string][]check.Diagnostic, len(docs))
	findings := 0
	for i, doc := range docs {
		fresh[i] = runFamily(t, checks, doc, check.NewMemo())
		for _, ds := range fresh[i] {
			findings += len(ds)
		}
	}
	if findings == 0 {
		t.Fatal("no findings at all: the comparison would test nothing")
	}
	memo := check.NewMemo()
	for _, i := range append(seq(len(docs)), reversed(seq(len(docs)))...) {
		got := runFamily(t, checks, docs[i], memo)
		memo.Release()
		if !reflect.DeepEqual(got, fresh[i]) {
			t.Errorf("%s: through a reused memo\n%v\nwith a fresh one\n%v", docs[i].Path, got, fresh[i])
		}
	}
}

// seq returns 0, 1, ..., n-1.
func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// reversed returns s in reverse order.
func reversed(s []int) []int {
	out := make([]int, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}

// BenchmarkFamily measures every rule of the style family (style and
// usage) over half of the shared corpus, as the engine runs them: one
// memo, released after each document, then the corpus phase.
//
// GALLEY_STYLE_BENCH_STEP=n takes every n-th file instead (for running
// under a slow profiler such as valgrind).
func BenchmarkFamily(b *testing.B) {
	step := 2
	if n, err := strconv.Atoi(os.Getenv("GALLEY_STYLE_BENCH_STEP")); err == nil && n > 0 {
		step = n
	}
	docs, size := parseTree(b, sharedDir(b, "corpora/markdown-docs"), step)
	checks := familyChecks(b)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		familyPass(b, checks, docs)
	}
}

// familyPass runs checks over docs as the engine does: one memo, released
// after each document, then the corpus phase. It is a function of its own
// so that a profiler can count it alone (callgrind --toggle-collect).
//
//go:noinline
func familyPass(b *testing.B, checks []*check.Check, docs []*document.Document) {
	facts := map[string][]check.DocFact{}
	memo := check.NewMemo()
	for _, doc := range docs {
		for _, c := range checks {
			pass := &check.Pass{Check: c, Doc: doc, Memo: memo, Report: func(check.Diagnostic) {},
				ExportFact: func(f any) { facts[c.ID] = append(facts[c.ID], check.DocFact{Path: doc.Path, Fact: f}) }}
			if err := c.Run(pass); err != nil {
				b.Fatal(err)
			}
		}
		memo.Release()
	}
	for _, c := range checks {
		if c.RunCorpus != nil {
			if err := c.RunCorpus(&check.CorpusPass{Check: c, Facts: facts[c.ID], Report: func(finding.Finding) {}}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
