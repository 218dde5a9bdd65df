package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkCheckSmallFile measures one `galley check` of a small file
// in-process: loading the configuration and every built-in rule, building
// the parser, checking and reporting. Process start-up is not included.
func BenchmarkCheckSmallFile(b *testing.B) {
	dir := b.TempDir()
	src := []byte("# Title\n\nWe went the the shop. then it rained.\n")
	if err := os.WriteFile(filepath.Join(dir, "a.md"), src, 0o644); err != nil {
		b.Fatal(err)
	}
	app := New(io.Discard, io.Discard, Env{Dir: dir})
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if code := app.Run(context.Background(), []string{"galley", "check", "--fail-level", "none", "a.md"}); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkCheckCorpus is `galley check --enable '**'` over the shared
// Markdown corpus in-process, every built-in rule on, reading the files
// (from the page cache after the first run) and writing a JSON report: the
// run scripts/bench.sh times, for CPU and heap profiles:
//
//	go test -run XXX -bench CheckCorpus -benchtime 3x -cpuprofile cpu.prof ./internal/cli
//	go tool pprof -top -cum cli.test cpu.prof
//
// It skips when ../shared is absent.
func BenchmarkCheckCorpus(b *testing.B) {
	corpus, err := filepath.Abs(filepath.FromSlash("../../../shared/corpora/markdown-docs"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := os.Stat(corpus); err != nil {
		b.Skipf("shared corpus not available at %s: %v", corpus, err)
	}
	dir := b.TempDir()
	if err := writeFile(dir, "galley.yaml", "# built-in rules only\n"); err != nil {
		b.Fatal(err)
	}
	var size int64
	filepath.WalkDir(corpus, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(d.Name()) == ".md" {
			if info, err := d.Info(); err == nil {
				size += info.Size()
			}
		}
		return nil
	})
	app := New(io.Discard, io.Discard, Env{Dir: dir})
	args := []string{"galley", "check", corpus, "--config", filepath.Join(dir, "galley.yaml"),
		"--enable", "**", "--format", "json", "--fail-level", "none"}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if code := app.Run(context.Background(), args); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

func writeFile(dir, name, text string) error {
	return os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
}
