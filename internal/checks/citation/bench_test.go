package citation

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/checks/boilerplate"
	"github.com/galley-lint/galley/internal/checks/style"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/engine"
	"github.com/galley-lint/galley/internal/kinds"
	"github.com/galley-lint/galley/internal/rulepack"
)

// corpus reads the shared Markdown corpus into memory, or skips.
func corpus(b *testing.B) ([]engine.Source, int64) {
	b.Helper()
	root := filepath.Join("..", "..", "..", "..", "shared", "corpora", "markdown-docs")
	if _, err := os.Stat(root); err != nil {
		b.Skip("no corpus at ../shared/corpora/markdown-docs")
	}
	var srcs []engine.Source
	var total int64
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".markdown") || strings.HasSuffix(p, ".txt")) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		total += int64(len(data))
		srcs = append(srcs, engine.BytesSource(p, data))
		return nil
	})
	return srcs, total
}

// allChecks loads every built-in pack whose kinds are registered here
// (the generic kinds and the style, boilerplate and citation families),
// split into citation checks and the rest.
func allChecks(b *testing.B) (citation, others []*check.Check) {
	b.Helper()
	ks := append(append(append(kinds.Generic(), style.Kinds()...), boilerplate.Kinds()...), Kinds()...)
	srcs, err := rulepack.BuiltinSources()
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range srcs {
		set, err := rulepack.Load(ks, []rulepack.Source{s})
		if err != nil {
			b.Logf("skipping %s: %v", s.Name, firstLine(err.Error()))
			continue
		}
		for _, c := range set.Checks() {
			if strings.HasPrefix(c.ID, "citation/") {
				citation = append(citation, c)
			} else {
				others = append(others, c)
			}
		}
	}
	return citation, others
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// cpuTime is the process's user and system CPU time so far. Benchmarks
// report it per operation ("cpu-s/op") because wall time is unreliable on
// a shared machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func benchRun(b *testing.B, checks []*check.Check) {
	srcs, total := corpus(b)
	p := docParser(b)
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	defer func() { b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op") }()
	for i := 0; i < b.N; i++ {
		res, err := engine.Run(context.Background(), engine.Options{Checks: checks, Parser: p}, srcs)
		if err != nil {
			b.Fatal(err)
		}
		if res.Files == 0 {
			b.Fatal("no files checked")
		}
	}
}

// BenchmarkEngineNoChecks is an engine run over the corpus with no checks:
// reading, parsing, sentences and tokens. BenchmarkEngineCitation minus
// this is what citation checking costs.
func BenchmarkEngineNoChecks(b *testing.B) {
	benchRun(b, nil)
}

// BenchmarkEngineCitation is an engine run with only the citation rules.
func BenchmarkEngineCitation(b *testing.B) {
	benchRun(b, loadChecks(b))
}

// BenchmarkFullRunWithoutCitation is a full run over the corpus with every
// registered check except the citation rules: the baseline.
func BenchmarkFullRunWithoutCitation(b *testing.B) {
	_, others := allChecks(b)
	benchRun(b, others)
}

// BenchmarkFullRunWithCitation is the same run with the citation rules;
// compare it with BenchmarkFullRunWithoutCitation (the goal is < 20%
// more time).
func BenchmarkFullRunWithCitation(b *testing.B) {
	cit, others := allChecks(b)
	benchRun(b, append(others, cit...))
}

// BenchmarkCitationChecks runs only the citation rules over pre-parsed
// documents, isolating their cost from parsing.
func BenchmarkCitationChecks(b *testing.B) {
	srcs, total := corpus(b)
	checks := loadChecks(b)
	p := docParser(b)
	var docs []*document.Document
	for _, s := range srcs {
		data, _ := s.Load(nil)
		doc, err := p.Parse(s.Path, data)
		if err != nil {
			continue
		}
		docs = append(docs, doc)
	}
	b.SetBytes(total)
	b.ResetTimer()
	start := cpuTime()
	defer func() { b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op") }()
	for i := 0; i < b.N; i++ {
		n := 0
		for _, doc := range docs {
			memo := check.NewMemo()
			for _, c := range checks {
				if c.Run == nil {
					continue
				}
				pass := &check.Pass{Check: c, Doc: doc, Report: func(check.Diagnostic) { n++ }, ExportFact: func(any) {}, Memo: memo}
				if err := c.Run(pass); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}
