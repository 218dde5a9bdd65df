package style

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/document"
)

// word is a run of letters (and digits and inner apostrophes or hyphens) in
// a block's Text.
type word struct {
	start, end int  // offsets in Block.Text
	digits     bool // contains a digit
}

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
func scanWords(text string) []word {
	var out []word
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		w := word{start: i}
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				if unicode.IsDigit(r) {
					w.digits = true
				}
				i += size
				continue
			}
			if isJoiner(r) {
				next, _ := utf8.DecodeRuneInString(text[i+size:])
				if i+size < len(text) && isWordRune(next) {
					i += size
					continue
				}
			}
			break
		}
		w.end = i
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
