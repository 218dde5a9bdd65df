package style

import (
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
// memo (nil: nothing shared), and returns the diagnostics by check.
func runFamily(tb testing.TB, checks []*check.Check, doc *document.Document, memo *check.Memo) map[string][]check.Diagnostic {
	out := map[string][]check.Diagnostic{}
	for _, c := range checks {
		pass := &check.Pass{Check: c, Doc: doc, Memo: memo,
			Report:     func(d check.Diagnostic) { out[c.ID] = append(out[c.ID], d) },
			ExportFact: func(any) {},
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

// BenchmarkFamily measures every rule of the style family (style and
// usage) over half of the shared corpus, as the engine runs them: one
// memo per document, then the corpus phase.
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
		facts := map[string][]check.DocFact{}
		for _, doc := range docs {
			memo := check.NewMemo()
			for _, c := range checks {
				pass := &check.Pass{Check: c, Doc: doc, Memo: memo, Report: func(check.Diagnostic) {},
					ExportFact: func(f any) { facts[c.ID] = append(facts[c.ID], check.DocFact{Path: doc.Path, Fact: f}) }}
				if err := c.Run(pass); err != nil {
					b.Fatal(err)
				}
			}
		}
		for _, c := range checks {
			if c.RunCorpus != nil {
				if err := c.RunCorpus(&check.CorpusPass{Check: c, Facts: facts[c.ID], Report: func(finding.Finding) {}}); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}
