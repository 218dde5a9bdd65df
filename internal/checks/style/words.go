package style

import (
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
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isApostrophe reports whether r can join two parts of one word.
func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// scanWords returns the words of text in order. An apostrophe or hyphen
// between two word runes belongs to the word ("don't", "e-mail").
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
			if isApostrophe(r) || r == '-' {
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
func onlySpace(s []byte) bool {
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
