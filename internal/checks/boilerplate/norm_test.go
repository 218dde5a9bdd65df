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

// TestHasWordsRandom checks hasWords, which counts eight ASCII bytes at a
// time, against splitWords on random lines (words and apostrophes at and
// across eight-byte boundaries, non-ASCII letters).
func TestHasWordsRandom(t *testing.T) {
	pieces := []string{"a", "Ab", "word", "abcdefgh", "ABCDEFGHIJ", " ", "  ", ",", "'", "don't", "’", "é", "x9", "-", "\t", "İ", "1.5", "it's"}
	rng := rand.New(rand.NewPCG(8, 2))
	for range 100000 {
		var b strings.Builder
		for range rng.IntN(24) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		n := len(splitWords(s))
		for k := range n + 2 {
			if got := hasWords(s, k); got != (n >= k) {
				t.Fatalf("hasWords(%q, %d) = %v with %d words", s, k, got, n)
			}
		}
	}
}

// TestAlnumBits checks alnumBits on every byte below 0x80 in every lane,
// next to every class of neighbour.
func TestAlnumBits(t *testing.T) {
	for c := range 0x80 {
		for lane := range 8 {
			for _, fill := range []byte{'a', 'Z', '0', ' ', 0x7f, 0x40, 0x5b, 0x60} {
				var b [8]byte
				for k := range b {
					b[k] = fill
				}
				b[lane] = byte(c)
				var x uint64
				for k := range b {
					x |= uint64(b[k]) << (8 * k)
				}
				alnum, upper := alnumBits(x)
				for k := range b {
					hi := uint64(0x80) << (8 * k)
					wantA := asciiAlnum[b[k]]
					wantU := 'A' <= b[k] && b[k] <= 'Z'
					if (alnum&hi != 0) != wantA || (upper&hi != 0) != wantU {
						t.Fatalf("alnumBits(% x): byte %d (%q) alnum %v upper %v", b, k, b[k], alnum&hi != 0, upper&hi != 0)
					}
				}
				if alnum&^hiBits != 0 || upper&^hiBits != 0 {
					t.Fatalf("alnumBits(% x) sets bits other than high ones", b)
				}
			}
		}
	}
}
