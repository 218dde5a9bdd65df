package engine

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/files"
	"github.com/galley-lint/galley/internal/finding"
)

// corpusDir is the shared Markdown corpus, relative to this package.
const corpusDir = "../../../shared/corpora/markdown-docs"

// loadCorpus reads every step-th file of the shared corpus into memory,
// skipping when the corpus is absent.
func loadCorpus(tb testing.TB, step int) ([]Source, int64) {
	tb.Helper()
	dir := filepath.FromSlash(corpusDir)
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("shared corpus not available at %s: %v", corpusDir, err)
	}
	inputs, _ := files.Collect([]string{"."}, files.Options{Dir: dir})
	var srcs []Source
	var total int64
	for i, in := range inputs {
		if i%step != 0 {
			continue
		}
		b, err := os.ReadFile(in.Abs)
		if err != nil {
			continue
		}
		srcs = append(srcs, BytesSource(in.Path, b))
		total += int64(len(b))
	}
	if len(srcs) == 0 {
		tb.Skip("shared corpus is empty")
	}
	return srcs, total
}

// BenchmarkEngine runs a trivial check over the shared corpus (read into
// memory first), measuring parsing plus the engine's own work.
func BenchmarkEngine(b *testing.B) {
	srcs, total := loadCorpus(b, 1)
	opts := Options{
		Parser: newParser(b),
		Checks: []*check.Check{wordCheck("bench/todo", "TODO", finding.SeverityInfo), titleCheck("bench/title")},
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		res, err := Run(context.Background(), opts, srcs)
		if err != nil {
			b.Fatal(err)
		}
		if res.Files == 0 {
			b.Fatal("no files checked")
		}
	}
}

// TestCorpusSmoke runs the engine once over the shared corpus (a tenth of
// it under the race detector): no document may make the engine fail.
func TestCorpusSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	step := 1
	if raceEnabled {
		step = 10
	}
	srcs, _ := loadCorpus(t, step)
	res := run(t, Options{Checks: []*check.Check{titleCheck("smoke/title")}}, srcs...)
	if res.Files == 0 {
		t.Fatal("no files checked")
	}
	for _, n := range res.Notifications {
		if n.Level == finding.SeverityError {
			t.Logf("notification: %s", n.Message)
		}
	}
}

// BenchmarkReadCorpus reads every file of the shared corpus through
// FileSources with one reused buffer, as a worker does: the cost of
// opening, reading and closing the files.
func BenchmarkReadCorpus(b *testing.B) {
	dir := filepath.FromSlash(corpusDir)
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("shared corpus not available at %s: %v", corpusDir, err)
	}
	inputs, _ := files.Collect([]string{"."}, files.Options{Dir: dir})
	srcs := FileSources(inputs)
	var total int64
	for _, in := range inputs {
		total += in.Size
	}
	b.SetBytes(total)
	b.ReportAllocs()
	var buf []byte
	for b.Loop() {
		var n int64
		for _, src := range srcs {
			data, err := src.Load(&buf)
			if err != nil {
				b.Fatal(err)
			}
			n += int64(len(data))
		}
		if n != total {
			b.Fatalf("read %d bytes, want %d", n, total)
		}
	}
}

// BenchmarkCollectCorpus walks the shared corpus.
func BenchmarkCollectCorpus(b *testing.B) {
	dir := filepath.FromSlash(corpusDir)
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("shared corpus not available at %s: %v", corpusDir, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		inputs, _ := files.Collect([]string{"."}, files.Options{Dir: dir})
		if len(inputs) == 0 {
			b.Fatal("no inputs")
		}
	}
}
