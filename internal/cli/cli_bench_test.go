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

func writeFile(dir, name, text string) error {
	return os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
}
