package boilerplate

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// checkWriteShort fails when writeShort differs from shorten on s, a
// visible text (valid UTF-8 without space at its ends).
func checkWriteShort(t *testing.T, s string, n int) {
	t.Helper()
	if !utf8.ValidString(s) || s != strings.TrimSpace(s) || n < 2 {
		return
	}
	var b strings.Builder
	writeShort(&b, s, n)
	if got, want := b.String(), shorten(s, n); got != want {
		t.Errorf("writeShort(%q, %d) = %q, want %q", s, n, got, want)
	}
}

func TestWriteShort(t *testing.T) {
	for _, s := range []string{
		"", "a", "abcdef", "abcde", "abcdefg", "ab de fgh", "abcd é", "abcdé", "abcdéf", "ééééé", "éééééé",
		"a é b", "abc défg", "abcd\u00a0efgh", strings.Repeat("x", 70), strings.Repeat("x", 59) + "é",
		strings.Repeat("x", 58) + "é", strings.Repeat("x", 60) + "é", strings.Repeat("x", 58) + " yz",
	} {
		checkWriteShort(t, s, 6)
		checkWriteShort(t, s, 60)
	}
}

func FuzzWriteShort(f *testing.F) {
	f.Add("abcdéfgh ijk", 6)
	f.Add("a b c d e f", 4)
	f.Fuzz(func(t *testing.T, s string, n int) { checkWriteShort(t, s, n%80) })
}
