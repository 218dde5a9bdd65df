package boilerplate

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/engine"
	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/parse"
	"github.com/galley-lint/galley/internal/rulepack"
	"github.com/galley-lint/galley/rules"
)

// loadChecks builds the checks of rules/boilerplate.yaml.
func loadChecks(t testing.TB) []*check.Check {
	t.Helper()
	data, err := rules.FS.ReadFile("boilerplate.yaml")
	if err != nil {
		t.Fatal(err)
	}
	set, err := rulepack.Load(Kinds(), []rulepack.Source{{Name: "rules/boilerplate.yaml", Data: data}})
	if err != nil {
		t.Fatal(err)
	}
	return set.Checks()
}

func newParser(t testing.TB) *parse.Parser {
	t.Helper()
	lex, err := parse.LoadLexicon(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	return parse.New(lex)
}

// runFiles runs checks over named sources through the engine.
func runFiles(t testing.TB, checks []*check.Check, srcs map[string][]byte) []finding.Finding {
	t.Helper()
	paths := make([]string, 0, len(srcs))
	for p := range srcs {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var sources []engine.Source
	for _, p := range paths {
		sources = append(sources, engine.BytesSource(p, srcs[p]))
	}
	res, err := engine.Run(context.Background(), engine.Options{Checks: checks, Parser: newParser(t)}, sources)
	if err != nil {
		t.Fatal(err)
	}
	return res.Findings
}

// repoPath returns the path of rel (relative to the directory above the
// repository root) and whether it exists.
func sharedPath(rel string) (string, bool) {
	p := filepath.Join("..", "..", "..", "..", "shared", rel)
	_, err := os.Stat(p)
	return p, err == nil
}

// testSpec returns the loaded spec of rule id.
func testSpec(t testing.TB, id string) *check.Spec {
	t.Helper()
	data, err := rules.FS.ReadFile("boilerplate.yaml")
	if err != nil {
		t.Fatal(err)
	}
	set, err := rulepack.Load(Kinds(), []rulepack.Source{{Name: "rules/boilerplate.yaml", Data: data}})
	if err != nil {
		t.Fatal(err)
	}
	r, ok := set.Lookup(id)
	if !ok {
		t.Fatalf("no rule %s", id)
	}
	return r.Spec
}

// analyze classifies doc's lines and returns its residue blocks, in order,
// without the seed gate (the check runs analyzeLines through
// sharedAnalysis, after mayHaveSeed).
func (a *analyzer) analyze(doc *document.Document) []block {
	return a.analyzeLines(doc, readLines(doc, a.cls.SentenceWords))
}
