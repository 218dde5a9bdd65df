package boilerplate

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/document"
)

// TestIsBlank compares isBlank with bytes.TrimSpace, the test it stands
// for, on every byte alone and ahead of others, and on random lines of
// white space, Unicode spaces and text.
func TestIsBlank(t *testing.T) {
	check := func(b []byte) {
		if got, want := isBlank(b), len(bytes.TrimSpace(b)) == 0; got != want {
			t.Fatalf("isBlank(%q) = %v, want %v", b, got, want)
		}
	}
	check(nil)
	for c := range 256 {
		check([]byte{byte(c)})
		check([]byte{byte(c), ' ', 'x'})
		check([]byte{byte(c), '\t'})
	}
	alphabet := []string{" ", "\t", "\r", "\v", "\f", "\u00a0", "\u2003", "\u0085", "x", "\xff", "é"}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 50000 {
		var b []byte
		for range rng.IntN(6) {
			b = append(b, alphabet[rng.IntN(len(alphabet))]...)
		}
		check(b)
	}
}

// hasRealSentenceRef is hasRealSentence's test of segmented sentences as
// it was before it trimmed a sentence only when its last byte asks for
// it: always trimmed.
func hasRealSentenceRef(b *document.Block, minWords int) bool {
	for _, s := range b.Sentences {
		if s.Start < 0 || int(s.End) > len(b.Text) || s.Start > s.End {
			continue
		}
		t := strings.TrimSpace(b.Text[s.Start:s.End])
		if endsSentence(t) && hasWords(t, minWords) {
			return true
		}
	}
	return false
}

// TestHasRealSentenceTrim compares hasRealSentence with the reference on
// random sentences with white space, quotes and punctuation at their ends.
func TestHasRealSentenceTrim(t *testing.T) {
	alphabet := []string{" ", "\t", "\n", "\u00a0", "\u2003", "word", "Word", ".", "!", "?", ")", "\"", "”", "’", "…", "'", "*", "x", "\xff"}
	rng := rand.New(rand.NewPCG(9, 10))
	for range 100000 {
		var b []byte
		for range rng.IntN(14) {
			b = append(b, alphabet[rng.IntN(len(alphabet))]...)
		}
		blk := &document.Block{Text: string(b), Sentences: []document.Sentence{{Start: 0, End: int32(len(b))}}}
		for _, minWords := range []int{1, 3} {
			if got, want := hasRealSentence(blk, minWords), hasRealSentenceRef(blk, minWords); got != want {
				t.Fatalf("hasRealSentence(%q, %d) = %v, want %v", b, minWords, got, want)
			}
		}
	}
}

// TestHasWWW compares hasWWW with bytes.Contains on lines of w, . and
// other bytes.
func TestHasWWW(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 4))
	for range 100000 {
		b := make([]byte, rng.IntN(12))
		for k := range b {
			b[k] = "ww.W x"[rng.IntN(6)]
		}
		if got, want := hasWWW(b), bytes.Contains(b, []byte("www.")); got != want {
			t.Fatalf("hasWWW(%q) = %v, want %v", b, got, want)
		}
	}
}
