package style

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/document"
)

// word is a run of letters (and digits and inner apostrophes or hyphens) in
// a block's Text.
type word struct {
	start, end int32 // offsets in Block.Text (int32 keeps the document's words compact)
	digits     bool  // contains a digit
}

// in returns the word's text.
func (w word) in(text string) string { return text[w.start:w.end] }

// isWordRune reports whether r can be part of a word.
func isWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// isJoiner reports whether r joins two runs of word runes into one word
// ("don't", "e-mail", "snake_case").
func isJoiner(r rune) bool { return isApostrophe(r) || r == '-' || r == '_' }

// isApostrophe reports whether r can join two parts of one word.
func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// scanWords returns the words of text in order. An apostrophe, hyphen or
// underscore between two word runes belongs to the word ("don't",
// "e-mail", "snake_case").
func scanWords(text string) []word { return appendWords(nil, text) }

// Byte classes of the ASCII fast path of appendWords; every byte from 0x80
// up is classNonASCII and goes through the unicode tables.
const (
	classOther uint8 = iota
	classLetter
	classDigit
	classJoiner // ' - _
	classNonASCII
)

// byteClass classifies bytes for appendWords.
var byteClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c >= 0x80:
			t[c] = classNonASCII
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			t[c] = classLetter
		case '0' <= c && c <= '9':
			t[c] = classDigit
		case c == '\'' || c == '-' || c == '_':
			t[c] = classJoiner
		}
	}
	return t
}()

// wordRuneAt reports whether a word rune starts at text[i] (false at the
// end of text).
func wordRuneAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	switch byteClass[text[i]] {
	case classLetter, classDigit:
		return true
	case classNonASCII:
		r, _ := utf8.DecodeRuneInString(text[i:])
		return isWordRune(r)
	}
	return false
}

// appendWords appends the words of text to out, as scanWords returns them.
// ASCII bytes are classified by one table lookup; only other bytes are
// decoded and looked up in the unicode tables.
//
// Offsets are int32: a text of 2 GiB or more has no words past that.
func appendWords(out []word, text string) []word {
	text = text[:min(len(text), math.MaxInt32)]
	for i := 0; i < len(text); {
		c := byteClass[text[i]]
		if c == classOther || c == classJoiner {
			i++ // no word starts here
			continue
		}
		if c == classNonASCII {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				i += size
				continue
			}
		}
		w := word{start: int32(i)}
		for i < len(text) {
			c = byteClass[text[i]]
			if c == classLetter {
				i++
				continue
			}
			if c == classDigit {
				w.digits = true
				i++
				continue
			}
			if c == classOther {
				break // how most words end
			}
			if c == classJoiner {
				if !wordRuneAt(text, i+1) {
					break
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				if unicode.IsDigit(r) {
					w.digits = true
				}
			} else if r != '’' || !wordRuneAt(text, i+size) {
				break
			}
			i += size
		}
		w.end = int32(i)
		out = append(out, w)
	}
	return out
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

// proseBlocks returns the document's prose blocks, or none for a nil
// document.
func proseBlocks(doc *document.Document) []*document.Block {
	if doc == nil {
		return nil
	}
	return doc.ProseBlocks()
}

// maskTemplates returns text with template tags ({% … %} as in Liquid and
// Nunjucks, {{ … }} and {{< … >}} as in Hugo and Jinja) overwritten by NUL
// bytes, keeping every offset. Markdown parsers leave such tags in prose,
// but they are markup: attribute values, shortcode arguments.
func maskTemplates(text string) string {
	if !strings.Contains(text, "{%") && !strings.Contains(text, "{{") {
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
