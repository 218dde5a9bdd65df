package citation

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/parse"
	"github.com/galley-lint/galley/internal/rulepack"
	"github.com/galley-lint/galley/rules"
)

// loadChecks loads rules/citation.yaml with this package's kinds, merging
// user options (YAML) over every citation rule when given.
func loadChecks(t testing.TB) []*check.Check {
	t.Helper()
	data, err := rules.FS.ReadFile("citation.yaml")
	if err != nil {
		t.Fatal(err)
	}
	set, err := rulepack.Load(Kinds(), []rulepack.Source{{Name: "rules/citation.yaml", Data: data}})
	if err != nil {
		t.Fatalf("loading rules/citation.yaml: %v", err)
	}
	return set.Checks()
}

var (
	parserOnce sync.Once
	testParser *parse.Parser
)

func docParser(t testing.TB) *parse.Parser {
	parserOnce.Do(func() {
		lex, err := parse.LoadLexicon(rules.FS)
		if err != nil {
			t.Fatal(err)
		}
		testParser = parse.New(lex)
	})
	return testParser
}

// diag is a diagnostic with its check's ID.
type diag struct {
	Rule string
	check.Diagnostic
}

// runChecks parses src as path and runs checks over it.
func runChecks(t testing.TB, checks []*check.Check, path string, src []byte) (*document.Document, []diag) {
	t.Helper()
	doc, err := docParser(t).Parse(path, src)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	var out []diag
	memo := check.NewMemo()
	for _, c := range checks {
		if c.Run == nil {
			continue
		}
		pass := &check.Pass{Check: c, Doc: doc, Report: func(d check.Diagnostic) { out = append(out, diag{c.ID, d}) }, ExportFact: func(any) {}, Memo: memo}
		if err := c.Run(pass); err != nil {
			t.Fatalf("%s on %s: %v", c.ID, path, err)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Span.Start != out[j].Span.Start {
			return out[i].Span.Start < out[j].Span.Start
		}
		return out[i].Rule < out[j].Rule
	})
	return doc, out
}

// format renders diagnostics as "line rule: message [text]" lines.
func format(doc *document.Document, ds []diag) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "%d %s: %s [%s]\n", doc.Line(d.Span.Start), d.Rule, d.Message, doc.Text(d.Span))
	}
	return b.String()
}

func TestDumpSeeds(t *testing.T) {
	if os.Getenv("CITATION_DUMP") == "" {
		t.Skip("set CITATION_DUMP=glob to dump findings")
	}
	checks := loadChecks(t)
	paths, _ := filepath.Glob(os.Getenv("CITATION_DUMP"))
	for _, p := range paths {
		src, _ := os.ReadFile(p)
		doc, ds := runChecks(t, checks, p, src)
		if len(ds) > 0 {
			t.Logf("%s:\n%s", p, format(doc, ds))
		}
	}
}

func TestDumpCorpus(t *testing.T) {
	root := os.Getenv("CITATION_CORPUS")
	if root == "" {
		t.Skip("set CITATION_CORPUS=dir to dump findings over a corpus")
	}
	checks := loadChecks(t)
	counts := map[string]int{}
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".txt")) {
			return nil
		}
		src, _ := os.ReadFile(p)
		doc, err := docParser(t).Parse(p, src)
		if err != nil {
			return nil
		}
		_, ds := runChecks(t, checks, p, src)
		for _, d := range ds {
			counts[d.Rule]++
		}
		if len(ds) > 0 {
			t.Logf("%s:\n%s", p, format(doc, ds))
		}
		return nil
	})
	t.Logf("counts: %v", counts)
}
