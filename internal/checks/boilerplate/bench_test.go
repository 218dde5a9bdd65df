package boilerplate

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/prefilter"
	"github.com/galley-lint/galley/internal/rulepack"
	"github.com/galley-lint/galley/rules"
)

// benchDocs parses up to n Markdown files of the shared corpus (or the
// fixtures when the corpus is absent).
func benchDocs(b *testing.B, n int) ([]*document.Document, int64) { return benchDocsT(b, n) }

func benchDocsT(b testing.TB, n int) ([]*document.Document, int64) {
	dir, ok := sharedPath("corpora/markdown-docs")
	if !ok {
		dir = filepath.Join("..", "..", "..", "testdata", "boilerplate")
	}
	p := newParser(b)
	var docs []*document.Document
	var size int64
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || len(docs) >= n {
			return err
		}
		if !strings.HasSuffix(path, ".md") && !strings.HasSuffix(path, ".txt") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		doc, err := p.Parse(path, src)
		if err != nil {
			return nil
		}
		docs = append(docs, doc)
		size += int64(len(src))
		return nil
	})
	if len(docs) == 0 {
		b.Skip("no documents to benchmark")
	}
	return docs, size
}

// BenchmarkLines runs every boilerplate-lines rule over parsed documents.
func BenchmarkLines(b *testing.B) {
	docs, size := benchDocs(b, 300)
	var checks []*check.Check
	for _, c := range loadChecks(b) {
		if c.RunCorpus == nil {
			checks = append(checks, c)
		}
	}
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		for _, doc := range docs {
			memo := check.NewMemo() // as the engine does: one per document
			for _, c := range checks {
				pass := &check.Pass{Check: c, Doc: doc, Report: func(check.Diagnostic) {}, ExportFact: func(any) {}, Memo: memo}
				if err := c.Run(pass); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}

// BenchmarkFamily runs every boilerplate rule (the line rules and
// template-line's per-document part) over parsed documents, as the engine
// does: one memo, released after each document.
func BenchmarkFamily(b *testing.B) {
	docs, size := benchDocs(b, 1500)
	checks := loadChecks(b)
	b.SetBytes(size)
	b.ResetTimer()
	memo := check.NewMemo()
	loopCPU(b, func() {
		for _, doc := range docs {
			for _, c := range checks {
				if c.Run == nil {
					continue
				}
				pass := &check.Pass{Check: c, Doc: doc, Report: func(check.Diagnostic) {}, ExportFact: func(any) {}, Memo: memo}
				if err := c.Run(pass); err != nil {
					b.Fatal(err)
				}
			}
			memo.Release()
		}
	})
}

// BenchmarkTable builds the cheap line table of documents.
func BenchmarkTable(b *testing.B) {
	docs, size := benchDocs(b, 1500)
	b.SetBytes(size)
	b.ResetTimer()
	loopCPU(b, func() {
		for _, doc := range docs {
			buildTable(doc, 8)
		}
	})
}

// BenchmarkGate runs the seed gate over prebuilt line tables.
func BenchmarkGate(b *testing.B) {
	docs, size := benchDocs(b, 1500)
	a := builtinAnalyzer(b)
	tables := make([]*lineTable, len(docs))
	for i, doc := range docs {
		tables[i] = buildTable(doc, a.cls.SentenceWords)
	}
	b.SetBytes(size)
	b.ResetTimer()
	loopCPU(b, func() {
		for _, t := range tables {
			a.mayHaveSeed(t)
		}
	})
}

// BenchmarkTemplateFact extracts template-line facts from prebuilt line
// tables.
func BenchmarkTemplateFact(b *testing.B) {
	docs, size := benchDocs(b, 1500)
	tables := make([]*lineTable, len(docs))
	for i, doc := range docs {
		tables[i] = buildTable(doc, 8)
	}
	o := templateOptions{MinArticles: 3, MinFraction: 0.05, MinWords: 2, MaxWords: 40, MaxGap: 2}
	b.SetBytes(size)
	b.ResetTimer()
	loopCPU(b, func() {
		for i, doc := range docs {
			templateFact(doc, tables[i], o, 8)
		}
	})
}

// cpuTime returns the CPU time the process has used (user and system):
// on a busy machine it varies far less than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loopCPU runs f b.N times and reports its CPU time per op as cpu-ms/op.
func loopCPU(b *testing.B, f func()) {
	start := cpuTime()
	n := 0
	for b.Loop() {
		f()
		n++
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(n), "cpu-ms/op")
}

// BenchmarkBuild builds every boilerplate rule from its loaded spec, as
// start-up does (the YAML decoding of rulepack.Load aside).
func BenchmarkBuild(b *testing.B) {
	data, err := rules.FS.ReadFile("boilerplate.yaml")
	if err != nil {
		b.Fatal(err)
	}
	set, err := rulepack.Load(Kinds(), []rulepack.Source{{Name: "rules/boilerplate.yaml", Data: data}})
	if err != nil {
		b.Fatal(err)
	}
	var specs []*check.Spec
	for _, r := range set.Rules() {
		specs = append(specs, r.Spec)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		kinds := Kinds()
		for _, s := range specs {
			for _, k := range kinds {
				if k.Name != s.Kind {
					continue
				}
				if _, err := k.Build(s); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}

// BenchmarkTemplateCorpus runs template-line's corpus phase over the
// facts of documents.
func BenchmarkTemplateCorpus(b *testing.B) {
	docs, size := benchDocs(b, 1500)
	o := templateOptions{MinArticles: 3, MinFraction: 0.05, MinWords: 2, MaxWords: 40, MaxGap: 2}
	var facts []check.DocFact
	for _, doc := range docs {
		facts = append(facts, check.DocFact{Path: doc.Path, Fact: templateFact(doc, buildTable(doc, 8), o, 8)})
	}
	c, err := buildTemplate(&check.Spec{ID: "boilerplate/template-line", Message: "{{.Text}}"}, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ResetTimer()
	loopCPU(b, func() {
		if err := c.RunCorpus(&check.CorpusPass{Check: c, Facts: facts, Report: func(finding.Finding) {}}); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkGateSets runs the gate's pattern and count filter sets over
// the visible text of the lines the gate tests them on (as mayMatch and
// mayHaveClaimedFeature choose them), prepared once.
func BenchmarkGateSets(b *testing.B) {
	docs, size := benchDocs(b, 1500)
	a := builtinAnalyzer(b)
	var pats, counts []*prefilter.Text
	for _, doc := range docs {
		t := buildTable(doc, a.cls.SentenceWords)
		for i := range t.lines {
			l := &t.lines[i]
			if !l.candidate || !l.known || l.long || l.tokens == 0 {
				continue
			}
			txt := new(prefilter.Text)
			txt.Reset(t.visible(i))
			if int(l.words) <= maxMatchWords && l.tokens <= maxPatternWords {
				pats = append(pats, txt)
			}
			if !l.inProse && int(l.words) <= 2*a.cls.ShortWords && !l.terminal {
				counts = append(counts, txt)
			}
		}
	}
	var cands []int
	b.SetBytes(size)
	b.ResetTimer()
	loopCPU(b, func() {
		for _, txt := range pats {
			cands = a.patternSet.MayMatch(txt, cands[:0])
		}
		for _, txt := range counts {
			cands = a.countSet.MayMatch(txt, cands[:0])
		}
	})
}
