package report

import (
	"fmt"
	"io"
	"testing"

	"github.com/galley-lint/galley/internal/finding"
)

// benchRun has 10,000 findings over 100 files, each with a source line,
// half with a related location and a fix.
func benchRun(b *testing.B) *Run {
	run := fixtureRun(b)
	base := run.Findings
	run.Findings = make([]finding.Finding, 0, 10000)
	for i := range 10000 {
		f := base[i%len(base)]
		f.Location.Path = fmt.Sprintf("docs/section-%02d/article-%03d.md", i/1000, i/100)
		if i%2 == 1 {
			f.Related = nil
			f.Fixes = nil
		}
		run.Findings = append(run.Findings, f)
	}
	return run
}

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

func benchmarkFormat(b *testing.B, format string, opts Options) {
	run := benchRun(b)
	r, err := New(format, opts)
	if err != nil {
		b.Fatal(err)
	}
	var cw countingWriter
	if err := r.Report(&cw, run); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(cw.n) // MB/s of output produced
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := r.Report(io.Discard, run); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkText10k(b *testing.B) { benchmarkFormat(b, "text", Options{}) }
func BenchmarkTextColor10k(b *testing.B) {
	benchmarkFormat(b, "text", Options{Color: true, Group: true})
}
func BenchmarkJSON10k(b *testing.B)   { benchmarkFormat(b, "json", Options{}) }
func BenchmarkSARIF10k(b *testing.B)  { benchmarkFormat(b, "sarif", Options{}) }
func BenchmarkGitHub10k(b *testing.B) { benchmarkFormat(b, "github", Options{}) }
