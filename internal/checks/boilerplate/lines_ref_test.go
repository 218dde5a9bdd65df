package boilerplate

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/document"
)

// refEndsSentence is endsSentence as it was written with strings.TrimRight.
func refEndsSentence(s string) bool {
	s = strings.TrimRight(s, " \t\"'”’)]*_»")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '…'
}

func FuzzEndsSentence(f *testing.F) {
	for _, s := range []string{"", "Done.", "Done.”", "Why?) ", "Wait…»", "no", "x\xff", "\xe2\x80", "”", "a._*", "!\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := endsSentence(s), refEndsSentence(s); got != want {
			t.Errorf("endsSentence(%q) = %v, want %v", s, got, want)
		}
		if got, want := endsSentence([]byte(s)), refEndsSentence(s); got != want {
			t.Errorf("endsSentence([]byte(%q)) = %v, want %v", s, got, want)
		}
	})
}

// TestLineFrom: lineFrom finds doc.Line's line from any line before it,
// and from lines after it too.
func TestLineFrom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, src := range []string{"", "x", "a\nb\r\nc\n", "\n\n\n", "\ufeffone\ntwo\n\nthree"} {
		doc := document.New("f.txt", document.PlainText, []byte(src))
		for range 200 {
			off := r.IntN(len(src)+3) - 1
			n := r.IntN(doc.LineCount()+2) - 1
			if got, want := lineFrom(doc, n, off), doc.Line(off); got != want {
				t.Errorf("%q: lineFrom(%d, %d) = %d, want %d", src, n, off, got, want)
			}
		}
	}
}
