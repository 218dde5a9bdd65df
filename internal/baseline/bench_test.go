package baseline

import (
	"fmt"
	"testing"

	"github.com/galley-lint/galley/internal/finding"
)

// BenchmarkMatch matches 20,000 findings (in 500 files) against a baseline
// of the same size in which every tenth finding has moved and every
// twentieth is new. Bytes are the findings' snippet bytes.
func BenchmarkMatch(b *testing.B) {
	const n = 20000
	old := make([]finding.Finding, n)
	now := make([]finding.Finding, n)
	var size int64
	for i := range old {
		path := fmt.Sprintf("articles/post-%03d.md", i%500)
		snippet := fmt.Sprintf("the repeated words number %d", i%37)
		old[i] = fnd(path, i/500+1, i*40, "style/repeated-word", snippet)
		now[i] = old[i]
		if i%10 == 0 {
			now[i].Location.Start.Line += 3
		}
		if i%20 == 0 {
			now[i].Snippet = fmt.Sprintf("brand new %d", i)
		}
		size += int64(len(snippet))
	}
	base := New(old, nil)
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m := base.Match(now, nil, nil)
		if len(m.New) != n/20 {
			b.Fatalf("new = %d, want %d", len(m.New), n/20)
		}
	}
}
