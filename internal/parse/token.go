package parse

import (
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/document"
)

// ASCII character classes for the tokenizer's fast path.
const (
	clsSpace uint8 = iota
	clsLetter
	clsDigit
	clsPunct
	clsSymbol
	clsOther
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		r := rune(c)
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v':
			t[c] = clsSpace
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			t[c] = clsLetter
		case r >= '0' && r <= '9':
			t[c] = clsDigit
		case unicode.IsPunct(r):
			t[c] = clsPunct
		case unicode.IsSymbol(r):
			t[c] = clsSymbol
		default:
			t[c] = clsOther
		}
	}
	return t
}()

// classAt returns the class and size of the rune at text[i:].
func classAt(text string, i int) (uint8, rune, int) {
	c := text[i]
	if c < utf8.RuneSelf {
		return asciiClass[c], rune(c), 1
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	switch {
	case r >= 0x2010 && r <= 0x2027:
		// Dashes, quotes, bullets and ellipses: the most common
		// non-ASCII characters in English prose.
		return clsPunct, r, size
	case r == document.Placeholder:
		return clsSymbol, r, size
	case unicode.IsLetter(r) || unicode.IsMark(r):
		return clsLetter, r, size
	case unicode.IsDigit(r) || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.No, r) && unicode.IsDigit(r):
		return clsDigit, r, size
	case unicode.IsSpace(r):
		return clsSpace, r, size
	case unicode.IsPunct(r):
		return clsPunct, r, size
	case unicode.IsSymbol(r):
		return clsSymbol, r, size
	case r == utf8.RuneError && size == 1:
		return clsSymbol, r, size
	}
	return clsOther, r, size
}

// isJoiner reports whether r may join two parts of a word: an apostrophe or
// a hyphen.
func isJoiner(r rune) bool {
	return r == '\'' || r == '-' || r == '’' || r == '‐' || r == '‑'
}

// clampText returns text cut to the math.MaxInt32 bytes int32 offsets
// can address.
func clampText(text string) string {
	if len(text) > math.MaxInt32 {
		return text[:math.MaxInt32]
	}
	return text
}

// Tokenize splits text into words, numbers, punctuation and symbols.
// Words are letters and digits with internal apostrophes and hyphens
// ("don’t", "e-mail"); numbers are digits with internal separators
// ("3.5", "1,000"); every punctuation or symbol character is its own token
// (a symbol keeps any combining marks, variation selectors and joined
// characters that follow it, as in emoji sequences). White space and
// format characters are not tokens.
func Tokenize(text string) []document.Token {
	return AppendTokens(make([]document.Token, 0, len(text)/4+1), text)
}

// placeholderUTF8 is document.Placeholder in UTF-8, and placeholder0 to
// placeholder2 its bytes (TestPlaceholderBytes).
const (
	placeholderUTF8                          = string(document.Placeholder)
	placeholder0, placeholder1, placeholder2 = 0xEF, 0xBF, 0xBC
)

// wordByte marks the ASCII bytes of words: wordLetter for letters,
// wordDigit for digits, 0 for everything else (non-ASCII bytes included,
// which take the slow path).
var wordByte = func() (t [256]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch asciiClass[c] {
		case clsLetter:
			t[c] = wordLetter
		case clsDigit:
			t[c] = wordDigit
		}
	}
	return t
}()

const (
	wordLetter uint8 = 1
	wordDigit  uint8 = 2
)

// wordCont marks the bytes after a run of ASCII letters and digits that
// may continue the token: non-ASCII bytes, joiners (contJoiner) and the
// separators of numbers (contNumber).
var wordCont = func() (t [256]uint8) {
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = contJoiner
	}
	t['\''], t['-'] = contJoiner, contJoiner
	t['.'], t[','] = contNumber, contNumber
	return t
}()

const (
	contJoiner uint8 = 1
	contNumber uint8 = 2
)

// AppendTokens appends the tokens of text to toks and returns it. Token
// offsets are int32: text beyond the first math.MaxInt32 bytes is not
// tokenized (Parse never gives it such text; see MaxInputSize).
func AppendTokens(toks []document.Token, text string) []document.Token {
	return appendTokens(toks, text, nil)
}

// appendTokens is AppendTokens that, unless ends is nil, also appends to
// *ends the offsets in text where terminal punctuation may start, as
// appendSentencesAt needs them: every "." (outside a number), "!" and "?"
// token, every non-ASCII punctuation token whose first byte mayEnd marks,
// and every byte mayEnd marks after the first character of a symbol token
// (which takes in any character after a zero-width joiner). A "." the
// tokenizer keeps inside a number is followed by a digit, where a sentence
// cannot end (see appendSentencesAt).
func appendTokens(toks []document.Token, text string, ends *[]int32) []document.Token {
	text = clampText(text)
	// The loop handles the common cases (spaces, ASCII words and
	// numbers, ASCII punctuation) and leaves everything else to
	// appendToken, which keeps this loop small enough to stay in
	// registers.
	for i := 0; i < len(text); {
		c := text[i]
		if c == ' ' {
			i++
			continue
		}
		if k := wordByte[c]; k != 0 {
			j, seen := i+1, k
			if k == wordLetter {
				// A word: what follows its first letter cannot
				// change its kind.
				for j < len(text) && wordByte[text[j]] != 0 {
					j++
				}
			} else {
				for j < len(text) {
					k = wordByte[text[j]]
					if k == 0 {
						break
					}
					seen |= k
					j++
				}
			}
			if j < len(text) {
				if t := wordCont[text[j]]; t == contJoiner || t == contNumber && seen&wordLetter == 0 {
					// The word may go on.
					var number bool
					j, number = wordEndFrom(text, j, seen&wordLetter == 0)
					if !number {
						seen |= wordLetter
					}
				}
			}
			kind := document.Word
			if seen&wordLetter == 0 {
				kind = document.Number
			}
			toks = append(toks, document.Token{Start: int32(i), End: int32(j), Kind: kind})
			i = j
			if i < len(text) && text[i] == ' ' {
				i++
			}
			continue
		}
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case clsSpace, clsOther:
				i++
				continue
			case clsPunct:
				toks = append(toks, document.Token{Start: int32(i), End: int32(i + 1), Kind: document.Punct})
				if ends != nil && mayEnd[c] {
					*ends = append(*ends, int32(i))
				}
				i++
				continue
			case clsSymbol:
				// A symbol extends only over non-ASCII marks and joiners.
				if i+1 == len(text) || text[i+1] < utf8.RuneSelf {
					toks = append(toks, document.Token{Start: int32(i), End: int32(i + 1), Kind: document.Symbol})
					i++
					continue
				}
			}
		}
		if c == placeholder0 && i+2 < len(text) && text[i+1] == placeholder1 && text[i+2] == placeholder2 {
			// document.Placeholder, a symbol: what appendToken
			// would make of it, without decoding it.
			end := i + len(placeholderUTF8)
			if end < len(text) && text[end] >= utf8.RuneSelf {
				end = symbolEnd(text, end)
			}
			toks = append(toks, document.Token{Start: int32(i), End: int32(end), Kind: document.Symbol})
			if ends != nil && end-i > len(placeholderUTF8) {
				*ends = appendEnds(*ends, text, toks[len(toks)-1])
			}
			i = end
			continue
		}
		n := len(toks)
		toks, i = appendToken(toks, text, i)
		if ends != nil && len(toks) > n {
			*ends = appendEnds(*ends, text, toks[n])
		}
	}
	return toks
}

// appendEnds appends to ends the offsets in token t where terminal
// punctuation may start, for a token appendToken made (see appendTokens).
func appendEnds(ends []int32, text string, t document.Token) []int32 {
	switch t.Kind {
	case document.Punct:
		if mayEnd[text[t.Start]] {
			ends = append(ends, t.Start)
		}
	case document.Symbol:
		if t.End-t.Start <= 3 {
			// One character (a placeholder, say) or an ASCII symbol
			// and a two-byte mark: no byte after the first is one
			// mayEnd marks.
			return ends
		}
		_, size := utf8.DecodeRuneInString(text[t.Start:t.End])
		for s := t.Start + int32(size); s < t.End; s++ {
			if mayEnd[text[s]] {
				ends = append(ends, s)
			}
		}
	}
	return ends
}

// appendToken appends the token starting at text[i], if any, and returns
// the offset after it.
func appendToken(toks []document.Token, text string, i int) ([]document.Token, int) {
	cls, _, size := classAt(text, i)
	switch cls {
	case clsSpace, clsOther:
		return toks, i + size
	case clsPunct:
		return append(toks, document.Token{Start: int32(i), End: int32(i + size), Kind: document.Punct}), i + size
	case clsSymbol:
		end := symbolEnd(text, i+size)
		return append(toks, document.Token{Start: int32(i), End: int32(end), Kind: document.Symbol}), end
	}
	end, number := wordEnd(text, i)
	kind := document.Word
	if number {
		kind = document.Number
	}
	return append(toks, document.Token{Start: int32(i), End: int32(end), Kind: kind}), end
}

// wordEnd scans a word or number starting at i and reports where it ends
// and whether it is a number (no letters).
func wordEnd(text string, i int) (int, bool) {
	return wordEndFrom(text, i, true)
}

// wordEndFrom continues scanning a word or number at i, number saying
// whether the part before i had no letters.
func wordEndFrom(text string, i int, number bool) (int, bool) {
	var seen uint8 // wordLetter and wordDigit bits of the ASCII runs
	for i < len(text) {
		// A run of ASCII letters and digits: most of any word.
		for i < len(text) {
			k := wordByte[text[i]]
			if k == 0 {
				break
			}
			seen |= k
			i++
		}
		if seen&wordLetter != 0 {
			number = false
		}
		if i >= len(text) {
			break
		}
		var cls uint8
		var r rune
		size := 1
		if c := text[i]; c < utf8.RuneSelf {
			cls, r = asciiClass[c], rune(c)
		} else {
			cls, r, size = classAt(text, i)
			switch cls {
			case clsLetter:
				number = false
				i += size
				continue
			case clsDigit:
				i += size
				continue
			}
		}
		// A joiner or, in numbers, a decimal or thousands separator is
		// part of the token only between two word characters.
		sep := (r == '.' || r == ',') && number
		if (sep || isJoiner(r)) && i+size < len(text) {
			ncls := clsOther
			if c := text[i+size]; c < utf8.RuneSelf {
				ncls = asciiClass[c]
			} else {
				ncls, _, _ = classAt(text, i+size)
			}
			if ncls == clsDigit || ncls == clsLetter && isJoiner(r) {
				i += size
				continue
			}
		}
		break
	}
	return i, number
}

// symbolEnd extends a symbol past combining marks, variation selectors,
// emoji modifiers and zero-width-joined characters.
func symbolEnd(text string, i int) int {
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			return i
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsMark(r), r >= 0x1F3FB && r <= 0x1F3FF, r >= 0xE0020 && r <= 0xE007F:
			i += size
		case r == 0x200D && i+size < len(text):
			_, nsize := utf8.DecodeRuneInString(text[i+size:])
			i += size + nsize
		default:
			return i
		}
	}
	return i
}
