package boilerplate

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestAppendNormRandom checks appendNorm, which reads eight ASCII bytes
// at a time, against normalize on random lines of words of every length
// and separators (runs ending at, before and after eight-byte
// boundaries, separators in runs, non-ASCII letters and symbols),
// appended to a prefix or not.
func TestAppendNormRandom(t *testing.T) {
	pieces := []string{"a", "Ab", "word", "WORDS", "x9", "2024", "abcdefgh", "ABCDEFGHIJ", "abcdefghijklmnopq", " ", "  ", ",", ", ", ".", "'", "-", "\t", "é", "Ä", "€", "»", "ß", "İ", "\uFFFD", "\u212a", "1.5", "[", "z", "**", "](", "\x7f", "\x00"}
	rng := rand.New(rand.NewPCG(8, 1))
	for range 200000 {
		var b strings.Builder
		for range rng.IntN(20) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		for _, prefix := range []string{"", "p", "p "} {
			if got, want := string(appendNorm([]byte(prefix), []byte(s))), prefix+normalize(s); got != want {
				t.Fatalf("appendNorm(%q, %q) = %q, want %q", prefix, s, got, want)
			}
		}
	}
}
