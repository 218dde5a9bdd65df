package parse

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestMayHaveURL checks the trigger lookup against a direct search of the
// range, with runs looked up in and out of source order.
func TestMayHaveURL(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("w.:/@ ax")
	for round := 0; round < 200; round++ {
		src := make([]byte, rng.IntN(300))
		for i := range src {
			src[i] = alphabet[rng.IntN(len(alphabet))]
		}
		var tb textBuilder
		tb.init(src)
		for q := 0; q < 100; q++ {
			start := rng.IntN(len(src) + 1)
			end := start + rng.IntN(len(src)-start+1)
			r := src[start:end]
			want := bytes.Contains(r, schemeSep) || bytes.Contains(r, wwwDot) || bytes.IndexByte(r, '@') >= 0
			if got := tb.mayHaveURL(start, end); got != want {
				t.Fatalf("%q [%d,%d) %q: mayHaveURL = %v, want %v", src, start, end, r, got, want)
			}
		}
	}
}
