package style

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/wordscan"
)

// word is a word of a block's Text (see wordscan): a run of letters,
// digits and marks with inner apostrophes, hyphens or underscores.
type word = wordscan.Word

// isWordRune reports whether r can be part of a word.
func isWordRune(r rune) bool { return wordscan.IsWordRune(r) }

// isJoiner reports whether r joins two runs of word runes into one word
// ("don't", "e-mail", "snake_case").
func isJoiner(r rune) bool { return isApostrophe(r) || r == '-' || r == '_' }

// isApostrophe reports whether r can join two parts of one word.
func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// scanWords returns the words of text in order.
func scanWords(text string) []word { return wordscan.AppendWords(nil, text) }

// hasDigit reports whether s has a decimal digit.
func hasDigit(s string) bool {
	for _, r := range s {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// runeBefore returns the rune ending at text[off], or -1 at the start.
func runeBefore(text string, off int) rune {
	if off <= 0 {
		return -1
	}
	r, _ := utf8.DecodeLastRuneInString(text[:off])
	return r
}

// runeAt returns the rune starting at text[off], or -1 at the end.
func runeAt(text string, off int) rune {
	if off >= len(text) {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(text[off:])
	return r
}

// onlySpace reports whether s is nothing but white space.
func onlySpace[T string | []byte](s T) bool {
	for _, c := range string(s) {
		if !unicode.IsSpace(c) {
			return false
		}
	}
	return true
}

// verbatim reports whether Text[start:end] maps to identical source bytes,
// so an edit of the mapped span changes exactly that text.
func verbatim(doc *document.Document, b *document.Block, start, end int) bool {
	s := b.SourceSpan(start, end)
	return doc.Text(s) == b.Text[start:end]
}

// maskTemplates returns text with template tags ({% … %} as in Liquid and
// Nunjucks, {{ … }} and {{< … >}} as in Hugo and Jinja) overwritten by NUL
// bytes, keeping every offset. Markdown parsers leave such tags in prose,
// but they are markup: attribute values, shortcode arguments.
func maskTemplates(text string) string {
	if !hasTagOpener(text) {
		return text
	}
	b := []byte(text)
	// Once a closer is missing from the rest of the text it stays missing,
	// so each kind of tag stops being looked for (keeping this linear).
	missing := map[string]bool{}
	for i := 0; i+1 < len(b); i++ {
		if b[i] != '{' || (b[i+1] != '%' && b[i+1] != '{') {
			continue
		}
		closer := "}}"
		if b[i+1] == '%' {
			closer = "%}"
		}
		if missing[closer] {
			continue
		}
		j := strings.Index(text[i+2:], closer)
		if j < 0 {
			missing[closer] = true
			continue
		}
		end := i + 2 + j + len(closer)
		for k := i; k < end; k++ {
			b[k] = 0
		}
		i = end - 1
	}
	return string(b)
}

// hasTagOpener reports whether text has "{%" or "{{", looking only at
// its '{' bytes (found with strings.IndexByte).
func hasTagOpener(text string) bool {
	for i := 0; ; {
		j := strings.IndexByte(text[i:], '{')
		if j < 0 {
			return false
		}
		i += j + 1
		if i < len(text) && (text[i] == '%' || text[i] == '{') {
			return true
		}
	}
}

// proseText returns a block's text with template tags masked.
func proseText(b *document.Block) string { return maskTemplates(b.Text) }

// byteFinder finds the next occurrence of any of a few bytes in a text.
// Each byte is searched for with strings.IndexByte (vectorised), and
// where it occurs next is remembered, so each byte's occurrences are
// searched for once however many queries there are.
type byteFinder struct {
	text  string
	bytes []byte
	// next[k] is where bytes[k] occurs next at or after the last query
	// (len(text) when it does not); -1 before the first query.
	next [4]int
}

// newByteFinder returns a finder of up to four bytes in text.
func newByteFinder(text string, bytes ...byte) byteFinder {
	return byteFinder{text: text, bytes: bytes, next: [4]int{-1, -1, -1, -1}}
}

// from returns the offset of the first of the bytes at or after off, or
// len(text). Successive calls must not decrease off.
func (f *byteFinder) from(off int) int {
	best := len(f.text)
	for k, b := range f.bytes {
		if f.next[k] < off {
			if j := strings.IndexByte(f.text[off:], b); j < 0 {
				f.next[k] = len(f.text)
			} else {
				f.next[k] = off + j
			}
		}
		best = min(best, f.next[k])
	}
	return best
}
