package parse

import (
	"math/rand/v2"
	"testing"
)

// refDelimLine is delimLine as it was, finding the line's end byte by
// byte.
func refDelimLine(src []byte, i int) (string, int) {
	e := i
	for e < len(src) && src[e] != '\n' {
		e++
	}
	next := e
	if e < len(src) {
		next = e + 1
	}
	t := trimRightSpace(src, i, e)
	if t-i == 3 {
		return string(src[i:t]), next
	}
	return "", next
}

// TestDelimLine checks delimLine against refDelimLine at every offset of
// random texts of delimiter bytes, and frontMatterEnd on a few documents.
func TestDelimLine(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	alphabet := []byte("-+.\n \r\tx")
	for range 2000 {
		src := make([]byte, rng.IntN(20))
		for i := range src {
			src[i] = alphabet[rng.IntN(len(alphabet))]
		}
		for i := 0; i <= len(src); i++ {
			d, n := delimLine(src, i)
			rd, rn := refDelimLine(src, i)
			if d != rd || n != rn {
				t.Fatalf("delimLine(%q, %d) = %q, %d; want %q, %d", src, i, d, n, rd, rn)
			}
		}
	}
	for _, c := range []struct {
		src  string
		want int
	}{
		{"---\na: b\n---\ntext", 13}, {"+++\na = 1\n+++  \r\nx", 17}, {"---\na: b\n...\n", 13}, {"---\na: b\n", 0}, {"--- \n---", 8}, {"text\n---\n", 0},
	} {
		if got := frontMatterEnd([]byte(c.src), 0); got != c.want {
			t.Errorf("frontMatterEnd(%q) = %d, want %d", c.src, got, c.want)
		}
	}
}
