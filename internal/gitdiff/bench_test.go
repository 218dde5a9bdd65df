package gitdiff

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkParseUnified parses a 2,000-file, 20,000-hunk zero-context diff.
func BenchmarkParseUnified(b *testing.B) {
	var sb strings.Builder
	for f := range 2000 {
		fmt.Fprintf(&sb, "diff --git a/docs/article-%d.md b/docs/article-%d.md\nindex 1..2 100644\n--- a/docs/article-%d.md\n+++ b/docs/article-%d.md\n", f, f, f, f)
		for h := range 10 {
			fmt.Fprintf(&sb, "@@ -%d,2 +%d,3 @@ Heading\n-old line one\n-old line two\n+new line one\n+new line two\n+new line three\n", h*20+1, h*21+1)
		}
	}
	diff := []byte(sb.String())
	b.SetBytes(int64(len(diff)))
	b.ReportAllocs()
	for b.Loop() {
		files := map[string]*LineSet{}
		if err := parseUnified(diff, files); err != nil {
			b.Fatal(err)
		}
		if len(files) != 2000 {
			b.Fatalf("%d files", len(files))
		}
	}
}
