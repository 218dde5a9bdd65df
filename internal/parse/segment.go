package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/document"
)

// mayEnd marks the bytes that may start sentence-final punctuation: ".",
// "!", "?" and the lead bytes of "…", "。", "！" and "？".
var mayEnd = [256]bool{'.': true, '!': true, '?': true, 0xE2: true, 0xE3: true, 0xEF: true}

// nextMayEnd returns the offset of the first byte at or after i that may
// start terminal punctuation (see mayEnd), or len(text). It tests eight
// bytes at a time for ".", "!", "?" and non-ASCII bytes (a superset of
// mayEnd), and looks at single bytes only in a group that has one.
func nextMayEnd(text string, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i+8 <= len(text) {
		b := text[i : i+8]
		v := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		// A byte of x is zero where v has the byte c; (x-ones)&^x&highs
		// is non-zero exactly when x has a zero byte.
		dot, bang, ques := v^(ones*'.'), v^(ones*'!'), v^(ones*'?')
		if (v|(dot-ones)&^dot|(bang-ones)&^bang|(ques-ones)&^ques)&highs == 0 {
			i += 8
			continue
		}
		for k := 0; k < 8; k++ {
			if mayEnd[b[k]] {
				return i + k
			}
		}
		i += 8
	}
	for i < len(text) && !mayEnd[text[i]] {
		i++
	}
	return i
}

// abbrevClass says how an abbreviation affects sentence boundaries.
type abbrevClass uint8

const (
	abbrevNone   abbrevClass = iota
	abbrevNever              // never ends a sentence
	abbrevNumber             // does not end one before a number
	abbrevFinal              // ends one only before a capital or a quote
)

// Segmenter splits prose into sentences by rule: a sentence ends after
// ".", "!", "?" or "…" (and any closing quotes or brackets) when white
// space and then a capital letter, digit, opening quote or bracket, a
// placeholder or the end of the text follow, except after abbreviations
// from the lexicon, single-letter initials and a leading list number. It is
// safe for concurrent use.
type Segmenter struct {
	abbrevs map[string]abbrevClass
}

// NewSegmenter returns a Segmenter using lex's abbreviations.
func NewSegmenter(lex *Lexicon) *Segmenter {
	s := &Segmenter{abbrevs: make(map[string]abbrevClass)}
	if lex == nil {
		return s
	}
	for _, w := range lex.FinalAbbreviations {
		s.abbrevs[w] = abbrevFinal
	}
	for _, w := range lex.NumberAbbreviations {
		s.abbrevs[w] = abbrevNumber
	}
	for _, w := range lex.Abbreviations {
		s.abbrevs[w] = abbrevNever
	}
	return s
}

// Sentences splits text into sentences. Sentences do not include the white
// space between them; text that is only white space has none.
func (s *Segmenter) Sentences(text string) []document.Sentence {
	return s.AppendSentences(nil, text)
}

// AppendSentences appends the sentences of text to out and returns it.
// Sentence offsets are int32: text beyond the first math.MaxInt32 bytes is
// not segmented (Parse never gives it such text; see MaxInputSize).
func (s *Segmenter) AppendSentences(out []document.Sentence, text string) []document.Sentence {
	return s.appendSentences(out, text, nil, false)
}

// appendSentencesAt is AppendSentences for text in which terminal
// punctuation may start only at the offsets ends lists, in order (as
// appendTokens gives them): it looks there instead of reading every byte
// of text. Where AppendSentences's scan by nextMayEnd stops at other
// bytes, it finds no terminal punctuation, or a "." before a digit, after
// which it finds no white space and moves on without effect; so the
// sentences are the same.
func (s *Segmenter) appendSentencesAt(out []document.Sentence, text string, ends []int32) []document.Sentence {
	return s.appendSentences(out, text, ends, true)
}

// appendSentences is AppendSentences, looking for terminal punctuation
// at the offsets ends lists when byEnds is set and with nextMayEnd
// otherwise.
func (s *Segmenter) appendSentences(out []document.Sentence, text string, ends []int32, byEnds bool) []document.Sentence {
	text = clampText(text)
	start := skipSpace(text, 0)
	i := start
	ei := 0
	for i < len(text) {
		if byEnds {
			for ei < len(ends) && int(ends[ei]) < i {
				ei++
			}
			if ei == len(ends) {
				break
			}
			i = int(ends[ei])
		} else {
			i = nextMayEnd(text, i)
		}
		if i >= len(text) {
			break
		}
		c := text[i]
		var tlen int
		fullWidth := false // 。！？ end a sentence without white space after
		switch {
		case c == '.' || c == '!' || c == '?':
			tlen = 1
		case c == 0xE2 && i+2 < len(text) && text[i+1] == 0x80 && text[i+2] == 0xA6: // …
			tlen = 3
		case c == 0xEF && i+2 < len(text) && text[i+1] == 0xBC && (text[i+2] == 0x81 || text[i+2] == 0x9F): // ！？
			tlen, fullWidth = 3, true
		case c == 0xE3 && i+2 < len(text) && text[i+1] == 0x80 && text[i+2] == 0x82: // 。
			tlen, fullWidth = 3, true
		default:
			i++
			continue
		}
		termStart := i
		// The run of terminal punctuation.
		j := i + tlen
		onlyPeriod := c == '.'
		for j < len(text) {
			if n := terminalLen(text, j); n > 0 {
				onlyPeriod = false
				j += n
				continue
			}
			break
		}
		// Closing quotes and brackets.
		for j < len(text) {
			if n := closerLen(text, j); n > 0 {
				j += n
				continue
			}
			break
		}
		end := j
		k := skipSpace(text, end)
		if fullWidth && k < len(text) {
			out = append(out, document.Sentence{Start: int32(start), End: int32(end)})
			start, i = k, k
			continue
		}
		if k == end && k < len(text) {
			// No white space after: "3.5", "e.g.x", "a.b".
			i = end
			continue
		}
		if k >= len(text) {
			break
		}
		if s.boundary(text, start, termStart, onlyPeriod, k) {
			out = append(out, document.Sentence{Start: int32(start), End: int32(end)})
			start = k
		}
		i = k
	}
	if start < len(text) {
		end := len(text)
		for end > start {
			r, size := utf8.DecodeLastRuneInString(text[start:end])
			if !unicode.IsSpace(r) {
				break
			}
			end -= size
		}
		if end > start {
			out = append(out, document.Sentence{Start: int32(start), End: int32(end)})
		}
	}
	return out
}

// boundary decides whether the sentence that began at start ends at the
// terminal punctuation at term, given that the next sentence would begin
// at next (after white space).
func (s *Segmenter) boundary(text string, start, term int, onlyPeriod bool, next int) bool {
	r, _ := utf8.DecodeRuneInString(text[next:])
	upper, digit, opener := startsSentence(r)
	if !upper && !digit && !opener {
		return false
	}
	if !onlyPeriod {
		// An ellipsis in brackets marks an omission: "[…] and", "(...)".
		if term > start {
			if p := text[term-1]; (p == '[' || p == '(') && isEllipsisAt(text, term) {
				return false
			}
		}
		return true
	}
	// The word the period ends, without leading brackets or quotes.
	ws := wordStart(text, start, term)
	for ws < term {
		n := openerLen(text, ws)
		if n == 0 {
			break
		}
		ws += n
	}
	word := text[ws : term+1]
	switch s.abbrevs[word] {
	case abbrevNever:
		return false
	case abbrevNumber:
		if digit {
			return false
		}
	case abbrevFinal:
		return upper && r != '(' && r != '['
	}
	w := word[:len(word)-1]
	if w == "" {
		return true
	}
	// A single capital letter: an initial ("J. R. Smith").
	if r0, size := utf8.DecodeRuneInString(w); size == len(w) && unicode.IsUpper(r0) {
		return false
	}
	// A dotted initialism not listed as final ("U.S", "e.g", "a.m").
	if isDotted(w) {
		return false
	}
	// A list number or letter opening the sentence ("1. Introduction",
	// or "1\. Introduction" escaped in Markdown).
	if ws == start && isOrdinal(strings.TrimSuffix(w, "\\")) {
		return false
	}
	return true
}

// wordStart returns where the word ending at text[term] starts: after
// the last white space or placeholder before term, and not before start.
func wordStart(text string, start, term int) int {
	ws := term
	for ws > start {
		if c := text[ws-1]; c < utf8.RuneSelf {
			// ASCII: unicode.IsSpace's ASCII cases, without
			// decoding.
			if c == ' ' || c >= '\t' && c <= '\r' {
				break
			}
			ws--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(text[:ws])
		if unicode.IsSpace(r) || r == document.Placeholder {
			break
		}
		ws -= size
	}
	return ws
}

// startsSentence classifies the first rune of a possible next sentence.
func startsSentence(r rune) (upper, digit, opener bool) {
	switch {
	case r < utf8.RuneSelf:
		switch {
		case r >= 'A' && r <= 'Z':
			return true, false, false
		case r >= '0' && r <= '9':
			return false, true, false
		case r == '"' || r == '\'' || r == '(' || r == '[' || r == '{' || r == '`':
			return false, false, true
		}
		return false, false, false
	case r == document.Placeholder || r == '“' || r == '‘' || r == '«' || r == '‹' || r == '„' || r == '¿' || r == '¡':
		return false, false, true
	case unicode.IsUpper(r) || unicode.IsTitle(r):
		return true, false, false
	case unicode.IsLetter(r) && !unicode.IsLower(r):
		// Scripts without case.
		return true, false, false
	case unicode.IsDigit(r):
		return false, true, false
	}
	return false, false, false
}

// terminalLen returns the byte length of sentence-final punctuation at
// text[i:], or 0.
func terminalLen(text string, i int) int {
	switch c := text[i]; {
	case c == '.' || c == '!' || c == '?':
		return 1
	case c == 0xE2 && i+2 < len(text) && text[i+1] == 0x80 && text[i+2] == 0xA6:
		return 3
	}
	return 0
}

// closerLen returns the byte length of a closing quote or bracket at
// text[i:], or 0.
func closerLen(text string, i int) int {
	switch c := text[i]; c {
	case '"', '\'', ')', ']', '}', '*', '_':
		return 1
	case 0xE2:
		if i+2 < len(text) && text[i+1] == 0x80 {
			switch text[i+2] {
			case 0x99, 0x9D, 0xBA: // ’ ” ›
				return 3
			}
		}
	case 0xC2:
		if i+1 < len(text) && text[i+1] == 0xBB { // »
			return 2
		}
	}
	return 0
}

// openerLen returns the byte length of an opening quote or bracket at
// text[i:], or 0.
func openerLen(text string, i int) int {
	switch c := text[i]; c {
	case '"', '\'', '(', '[', '{', '*', '_':
		return 1
	case 0xE2:
		if i+2 < len(text) && text[i+1] == 0x80 {
			switch text[i+2] {
			case 0x98, 0x9C, 0xB9: // ‘ “ ‹
				return 3
			}
		}
	case 0xC2:
		if i+1 < len(text) && text[i+1] == 0xAB { // «
			return 2
		}
	}
	return 0
}

// skipSpace returns the offset of the first non-space rune at or after i.
func skipSpace(text string, i int) int {
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f' && c != '\v' {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			return i
		}
		i += size
	}
	return i
}

// isDotted reports whether w is letters separated by single periods
// ("U.S", "e.g", "a.m").
func isDotted(w string) bool {
	dots := 0
	prevDot := true
	for _, r := range w {
		if r == '.' {
			if prevDot {
				return false
			}
			dots++
			prevDot = true
			continue
		}
		if !unicode.IsLetter(r) || !prevDot {
			return false
		}
		prevDot = false
	}
	return dots > 0 && !prevDot
}

// isOrdinal reports whether w is a list number ("1", "12") or a single
// letter or short roman numeral ("a", "iv").
func isOrdinal(w string) bool {
	if len(w) > 4 {
		return false
	}
	digits := true
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			digits = false
			break
		}
	}
	if digits {
		return true
	}
	if len(w) == 1 && w[0] >= 'a' && w[0] <= 'z' {
		return true
	}
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case 'i', 'v', 'x', 'I', 'V', 'X':
		default:
			return false
		}
	}
	return true
}

// isEllipsisAt reports whether text[i:] starts with "..", "…" or more.
func isEllipsisAt(text string, i int) bool {
	return strings.HasPrefix(text[i:], "..") || strings.HasPrefix(text[i:], "…")
}
