package boilerplate

import (
	"math/rand/v2"
	"testing"
	"unicode"
	"unicode/utf8"
)

// wordTokenStatsRef is wordTokenStats byte by byte, as it was before it
// read eight bytes at a time: the reference the fast path is checked
// against.
func wordTokenStatsRef(s []byte) (n int, first rune, upper, tokens int) {
	in := false
	alnum := false // the previous rune is a letter or digit
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && c != '\'' {
			word := asciiAlnum[c]
			if word && !alnum {
				tokens++
			}
			alnum = word
			if word && !in {
				n++
				if n == 1 {
					first = rune(c)
				}
				if 'A' <= c && c <= 'Z' {
					upper++
				}
			}
			in = word
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(s[i:])
		}
		letterOrDigit := isLetterOrDigit(r)
		if letterOrDigit && !alnum {
			tokens++
		}
		alnum = letterOrDigit
		word := letterOrDigit ||
			((r == '\'' || r == '’') && in && i+size < len(s) && isLetterAtBytes(s, i+size))
		if word && !in {
			n++
			if n == 1 {
				first = r
			}
			if unicode.IsUpper(r) {
				upper++
			}
		}
		in = word
		i += size
	}
	return n, first, upper, tokens
}

// checkWordTokenStats fails when wordTokenStats and the reference
// disagree on s.
func checkWordTokenStats(t *testing.T, s []byte) {
	t.Helper()
	n, first, upper, tokens := wordTokenStats(s)
	rn, rfirst, rupper, rtokens := wordTokenStatsRef(s)
	if n != rn || first != rfirst || upper != rupper || tokens != rtokens {
		t.Fatalf("wordTokenStats(%q) = %d %q %d %d; the reference gives %d %q %d %d",
			s, n, first, upper, tokens, rn, rfirst, rupper, rtokens)
	}
}

// TestWordTokenStatsRandom compares wordTokenStats with the reference on
// random lines drawn from bytes at the edges of the ranges the fast path
// tests (digits, letters, their neighbours, apostrophes, non-ASCII).
func TestWordTokenStatsRandom(t *testing.T) {
	alphabet := []string{"/", "0", "9", ":", "@", "A", "Z", "[", "`", "a", "z", "{", " ", " ", "'", "’", "é", "É", "\x7f", "\x80", "\xff", "\x00", "-"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var b []byte
		for range rng.IntN(40) {
			b = append(b, alphabet[rng.IntN(len(alphabet))]...)
		}
		checkWordTokenStats(t, b)
	}
	for c := range 256 {
		for _, s := range []string{"abcdefg", "abcdefgh", "ABCDEFGHIJKLMNO", " x y z w v u t s r "} {
			for k := range len(s) + 1 {
				b := []byte(s)
				if k < len(b) {
					b[k] = byte(c)
				} else {
					b = append(b, byte(c))
				}
				checkWordTokenStats(t, b)
			}
		}
	}
}

// FuzzWordTokenStats compares wordTokenStats with the reference.
func FuzzWordTokenStats(f *testing.F) {
	for _, s := range []string{"", "Hello world, it's 2024", "abcdefgh'ijklmnop", "12345678 ABCDEFGH abc’s", "\xff\xfe plain ASCII text of some length"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkWordTokenStats(t, []byte(s)) })
}
