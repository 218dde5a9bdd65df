package parse

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/galley-lint/galley/internal/document"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

func BenchmarkParseMarkdown(b *testing.B) { benchParseMarkdown(b, false) }

// BenchmarkParseMarkdownWorker is BenchmarkParseMarkdown through one
// Worker, as a worker goroutine of the engine parses: each document reuses
// the storage of the one before.
func BenchmarkParseMarkdownWorker(b *testing.B) { benchParseMarkdown(b, true) }

func benchParseMarkdown(b *testing.B, worker bool) {
	names, data := corpusFiles(b, 64<<20)
	p := testParser(b)
	parse := p.Parse
	if worker {
		parse = p.NewWorker().Parse
	}
	total := 0
	for _, d := range data {
		total += len(d)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		for i := range data {
			if _, err := parse(names[i], data[i]); err != nil {
				_ = err
			}
		}
	}
	reportCPURate(b, total, cpu0)
}

// BenchmarkGoldmark parses the same files with goldmark alone, as
// configured by New: the floor under BenchmarkParseMarkdown, whose excess
// over it is galley's own share (conversion to blocks, text, sentences,
// tokens, line table).
func BenchmarkGoldmark(b *testing.B) { benchGoldmark(b, testParser(b).md) }

// BenchmarkGoldmarkStock parses the same files with stock goldmark (GFM
// tables, strikethrough and task lists, none of galley's replacements
// and filters): the floor galley's whole parse is measured against.
func BenchmarkGoldmarkStock(b *testing.B) { benchGoldmark(b, stockParser()) }

func benchGoldmark(b *testing.B, p parser.Parser) {
	_, data := corpusFiles(b, 64<<20)
	total := 0
	for _, d := range data {
		total += len(d)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		for i := range data {
			p.Parse(text.NewReader(data[i]))
		}
	}
	reportCPURate(b, total, cpu0)
}

// cpuTime returns the process's user and system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPURate reports throughput per CPU second as "cpu-MB/s", which a
// loaded machine distorts less than wall-clock MB/s.
func reportCPURate(b *testing.B, bytesPerOp int, cpu0 time.Duration) {
	if d := cpuTime() - cpu0; d > 0 {
		b.ReportMetric(float64(bytesPerOp)*float64(b.N)/1e6/d.Seconds(), "cpu-MB/s")
	}
}

// seedText returns the plain-text seed articles joined, or skips.
func seedText(b *testing.B) []byte {
	dir, _ := filepath.Abs(filepath.Join("..", "..", "..", "shared", "seeds"))
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var sb strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(data)
		sb.WriteString("\n\n")
	}
	if sb.Len() == 0 {
		b.Skip("seed articles not available (../shared/seeds from the repository root)")
	}
	return []byte(sb.String())
}

func BenchmarkParsePlainText(b *testing.B) {
	src := seedText(b)
	p := testParser(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		if _, err := p.ParseAs("seeds.txt", src, document.PlainText); err != nil {
			b.Fatal(err)
		}
	}
	reportCPURate(b, len(src), cpu0)
}

func BenchmarkSegment(b *testing.B) {
	src := seedText(b)
	doc, err := testParser(b).ParseAs("seeds.txt", src, document.PlainText)
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	n := 0
	for _, bl := range doc.ProseBlocks() {
		texts = append(texts, bl.Text)
		n += len(bl.Text)
	}
	seg := testParser(b).Segmenter()
	b.SetBytes(int64(n))
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, t := range texts {
			seg.Sentences(t)
		}
	}
	reportCPURate(b, n, cpu0)
}

func BenchmarkTokenize(b *testing.B) {
	src := seedText(b)
	doc, err := testParser(b).ParseAs("seeds.txt", src, document.PlainText)
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	n := 0
	for _, bl := range doc.ProseBlocks() {
		texts = append(texts, bl.Text)
		n += len(bl.Text)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, t := range texts {
			Tokenize(t)
		}
	}
	reportCPURate(b, n, cpu0)
}

// corpusTexts returns the prose text of every block of the corpus files.
func corpusTexts(b *testing.B) ([]string, int) {
	names, data := corpusFiles(b, 64<<20)
	p := testParser(b)
	var texts []string
	n := 0
	for i := range data {
		doc, err := p.Parse(names[i], data[i])
		if err != nil {
			continue
		}
		for _, bl := range doc.ProseBlocks() {
			texts = append(texts, bl.Text)
			n += len(bl.Text)
		}
	}
	return texts, n
}

// BenchmarkSentencesCorpus segments the prose of the corpus.
func BenchmarkSentencesCorpus(b *testing.B) {
	texts, n := corpusTexts(b)
	seg := testParser(b).Segmenter()
	b.SetBytes(int64(n))
	b.ReportAllocs()
	var out []document.Sentence
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, t := range texts {
			out = seg.AppendSentences(out[:0], t)
		}
	}
	reportCPURate(b, n, cpu0)
}

// BenchmarkTokensCorpus tokenizes the prose of the corpus.
func BenchmarkTokensCorpus(b *testing.B) {
	texts, n := corpusTexts(b)
	b.SetBytes(int64(n))
	b.ReportAllocs()
	var out []document.Token
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, t := range texts {
			out = AppendTokens(out[:0], t)
		}
	}
	reportCPURate(b, n, cpu0)
}

// BenchmarkParseShare parses each corpus file with goldmark alone and then
// with the whole parser, one after the other on one locked thread, and
// reports the thread CPU time of each per run over the corpus: goldmark-s,
// galley-s (the whole parse minus goldmark), and the parser's own split of
// the whole parse in wall time (structure-wall-s, sentences-wall-s from
// ParseTimed). Interleaving the two per file keeps the comparison fair on a
// loaded machine.
func BenchmarkParseShare(b *testing.B) { benchParseShare(b, false) }

// BenchmarkParseShareWorker is BenchmarkParseShare with galley's parse
// through one Worker, as the engine's workers parse.
func BenchmarkParseShareWorker(b *testing.B) { benchParseShare(b, true) }

func benchParseShare(b *testing.B, worker bool) {
	names, data := corpusFiles(b, 64<<20)
	p := testParser(b)
	parse := p.ParseTimed
	if worker {
		parse = p.NewWorker().ParseTimed
	}
	total := 0
	for _, d := range data {
		total += len(d)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if threadCPU() == 0 {
		b.Skip("no thread CPU clock")
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	var gm, all time.Duration
	var tm Timing
	b.ResetTimer()
	for b.Loop() {
		for i := range data {
			t0 := threadCPU()
			p.md.Parse(text.NewReader(data[i]))
			t1 := threadCPU()
			_, _ = parse(names[i], data[i], &tm)
			t2 := threadCPU()
			gm += t1 - t0
			all += t2 - t1
		}
	}
	n := float64(b.N)
	b.ReportMetric(gm.Seconds()/n, "goldmark-s")
	b.ReportMetric((all-gm).Seconds()/n, "galley-s")
	b.ReportMetric(tm.Structure.Seconds()/n, "structure-wall-s")
	b.ReportMetric(tm.Sentences.Seconds()/n, "sentences-wall-s")
}

// BenchmarkParseWorkerSample parses every sixth corpus file (about 7.7 MB)
// through one Worker: a sample small enough for callgrind, whose
// instruction counts (with --toggle-collect on Parser.parse) measure
// galley's parse, goldmark's included, on a loaded machine.
func BenchmarkParseWorkerSample(b *testing.B) {
	names, data := corpusFiles(b, 64<<20)
	var sn []string
	var sd [][]byte
	total := 0
	for i := 0; i < len(data); i += 6 {
		sn, sd = append(sn, names[i]), append(sd, data[i])
		total += len(data[i])
	}
	w := testParser(b).NewWorker()
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i := range sd {
			if _, err := w.Parse(sn[i], sd[i]); err != nil {
				_ = err
			}
		}
	}
}
