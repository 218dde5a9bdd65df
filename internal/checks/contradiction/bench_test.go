package contradiction_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/checks/contradiction"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/parse"
	"github.com/galley-lint/galley/internal/rulepack"
	"github.com/galley-lint/galley/internal/stance"
	"github.com/galley-lint/galley/rules"
)

// corpusRoot is the shared Markdown corpus, relative to this package.
var corpusRoot = filepath.Join("..", "..", "..", "..", "shared", "corpora", "markdown-docs")

// corpusDocs parses up to max corpus files (0 for all).
func corpusDocs(tb testing.TB, max int) ([]*document.Document, int64) {
	tb.Helper()
	if _, err := os.Stat(corpusRoot); err != nil {
		tb.Skip("no corpus at ../shared/corpora/markdown-docs")
	}
	lex, err := parse.LoadLexicon(rules.FS)
	if err != nil {
		tb.Fatal(err)
	}
	p := parse.New(lex)
	var docs []*document.Document
	var n int64
	filepath.WalkDir(corpusRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || max > 0 && len(docs) >= max {
			return nil
		}
		if ext := strings.ToLower(filepath.Ext(path)); ext != ".md" && ext != ".markdown" && ext != ".txt" {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		doc, err := p.Parse(path, src)
		if err != nil {
			return nil
		}
		docs = append(docs, doc)
		n += int64(len(src))
		return nil
	})
	return docs, n
}

// classifier builds the built-in classifier.
func classifier(tb testing.TB) *stance.Classifier {
	tb.Helper()
	set := loadSet(tb, "")
	r, _ := set.Lookup("contradiction/within-article")
	cl, err := contradiction.Classifier(r.Spec)
	if err != nil {
		tb.Fatal(err)
	}
	return cl
}

// BenchmarkCorpus classifies every document of the shared corpus.
func BenchmarkCorpus(b *testing.B) {
	docs, n := corpusDocs(b, 0)
	cl := classifier(b)
	b.SetBytes(n)
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			cl.Document(d)
		}
	}
}

// TestSlowestDocuments logs the documents the classifier spends most time
// on (STANCE_SLOW=1), to find pathological input.
func TestSlowestDocuments(t *testing.T) {
	if os.Getenv("STANCE_SLOW") == "" {
		t.Skip("set STANCE_SLOW=1")
	}
	docs, _ := corpusDocs(t, 0)
	cl := classifier(t)
	type timing struct {
		path string
		d    time.Duration
		size int
	}
	var ts []timing
	var total time.Duration
	for _, d := range docs {
		start := time.Now()
		cl.Document(d)
		el := time.Since(start)
		total += el
		ts = append(ts, timing{d.Path, el, len(d.Source)})
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].d > ts[j].d })
	t.Logf("total %s over %d documents", total, len(docs))
	for _, x := range ts[:10] {
		t.Logf("%s %d bytes %s", x.d, x.size, x.path)
	}
}

// TestCorpusFalsePositives runs both rules over the shared corpus of
// technical Markdown, which gives no relationship advice: no article may
// contradict itself, and at most a handful may hold a stance at all.
func TestCorpusFalsePositives(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("-short or -race: the whole corpus takes too long")
	}
	if _, err := os.Stat(corpusRoot); err != nil {
		t.Skip("no corpus at ../shared/corpora/markdown-docs")
	}
	set := sharedSet(t)
	res := runDir(t, set, corpusRoot)
	within, cross := 0, 0
	for _, f := range res.Findings {
		switch f.RuleID {
		case "contradiction/within-article":
			within++
			t.Errorf("%s:%d: %s", f.Location.Path, f.Location.Start.Line, f.Message)
		case "contradiction/cross-article":
			cross++
			t.Logf("%s:%d: %s", f.Location.Path, f.Location.Start.Line, f.Message)
		}
	}
	stances := len(res.Facts["contradiction/cross-article"])
	t.Logf("%d files, %d with stance facts, %d cross-article findings", res.Files, stances, cross)
	if stances > res.Files/100 || cross > 5 {
		t.Errorf("%d of %d technical articles hold a stance and %d diverge; want under 1%% and at most 5", stances, res.Files, cross)
	}
}

// BenchmarkAdvice classifies the labelled relationship articles
// (testdata/contradiction), where every topic passes its gates: the
// classifier's throughput on the text it is for.
func BenchmarkAdvice(b *testing.B) {
	lex, err := parse.LoadLexicon(rules.FS)
	if err != nil {
		b.Fatal(err)
	}
	p := parse.New(lex)
	paths, _ := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "contradiction", "*.*"))
	var docs []*document.Document
	var n int64
	for _, path := range paths {
		if strings.HasSuffix(path, ".yaml") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := p.Parse(path, src)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
		n += int64(len(src))
	}
	cl := classifier(b)
	b.SetBytes(n)
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			cl.Document(d)
		}
	}
}

// BenchmarkStartup is what one `galley check` of a single article costs
// the contradiction rules: loading them (built-in topics compile lazily)
// and the first document, which compiles the patterns it needs.
// BenchmarkLoad is the loading alone, what disabled rules cost.
func BenchmarkStartup(b *testing.B) { benchStartup(b, true) }

// BenchmarkLoad loads the contradiction rules and topics.
func BenchmarkLoad(b *testing.B) { benchStartup(b, false) }

func benchStartup(b *testing.B, run bool) {
	lex, err := parse.LoadLexicon(rules.FS)
	if err != nil {
		b.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "contradiction", "01-no-contact-rule.md"))
	if err != nil {
		b.Fatal(err)
	}
	doc, err := parse.New(lex).Parse("a.md", src)
	if err != nil {
		b.Fatal(err)
	}
	srcs := packSources(b)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		set, err := rulepack.Load(contradiction.Kinds(), srcs)
		if err != nil {
			b.Fatal(err)
		}
		if !run {
			continue
		}
		memo := check.NewMemo()
		for _, c := range set.Checks() {
			pass := &check.Pass{Check: c, Doc: doc, Memo: memo, Report: func(check.Diagnostic) {}, ExportFact: func(any) {}}
			if err := c.Run(pass); err != nil {
				b.Fatal(err)
			}
		}
	}
}
