package parse

// The tokenizer as it was before it was optimised, kept as the reference
// the optimised one must agree with exactly (TestTokensMatchReference,
// FuzzTokensMatchReference).

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/document"
)

func refAppendTokens(toks []document.Token, text string) []document.Token {
	for i := 0; i < len(text); {
		if c := text[i]; c == ' ' || c == '\n' {
			i++
			continue
		}
		cls, _, size := refClassAt(text, i)
		switch cls {
		case clsSpace, clsOther:
			i += size
		case clsPunct:
			toks = append(toks, document.Token{Start: int32(i), End: int32(i + size), Kind: document.Punct})
			i += size
		case clsSymbol:
			end := refSymbolEnd(text, i+size)
			toks = append(toks, document.Token{Start: int32(i), End: int32(end), Kind: document.Symbol})
			i = end
		default:
			end, number := refWordEnd(text, i)
			kind := document.Word
			if number {
				kind = document.Number
			}
			toks = append(toks, document.Token{Start: int32(i), End: int32(end), Kind: kind})
			i = end
		}
	}
	return toks
}

func refWordEnd(text string, i int) (int, bool) {
	number := true
	for i < len(text) {
		// ASCII letters and digits.
		if c := text[i]; c < utf8.RuneSelf {
			switch asciiClass[c] {
			case clsLetter:
				number = false
				i++
				continue
			case clsDigit:
				i++
				continue
			}
		}
		cls, r, size := refClassAt(text, i)
		switch cls {
		case clsLetter:
			number = false
			i += size
			continue
		case clsDigit:
			i += size
			continue
		}
		// A joiner or, in numbers, a decimal or thousands separator is
		// part of the token only between two word characters.
		if i+size < len(text) {
			ncls, _, _ := refClassAt(text, i+size)
			if (ncls == clsLetter || ncls == clsDigit) && (refIsJoiner(r) || (r == '.' || r == ',') && number && ncls == clsDigit) {
				i += size
				continue
			}
		}
		break
	}
	return i, number
}

func refSymbolEnd(text string, i int) int {
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

func refClassAt(text string, i int) (uint8, rune, int) {
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

func refIsJoiner(r rune) bool {
	return r == '\'' || r == '-' || r == '’' || r == '‐' || r == '‑'
}

func TestTokensMatchReference(t *testing.T) {
	for _, s := range append(fuzzSeeds, tokenSeeds...) {
		tokensMatch(t, s)
	}
}

// tokenSeeds are texts for the tokenizer's edge cases.
var tokenSeeds = []string{
	"don’t can't rock 'n' roll e-mail well--known -dash 3.5 1,000 2019-2020 1.2.3 end. x_y",
	"$5 + 10% = ~ \uFFFC 👍🏽 ❤️ 👨‍👩‍👧 “Quoted” — dash… 日本語のテキスト。 a\u00a0b\u200bc",
	"a.1 a,1 1,a 1.a 1-a a-1 1'a a'1 1’a a’b a‐b a‑b 1‐2 x\u0301y Ⅻ ² ½ ٣ 3٣ a\u0301 \u0301",
	"\xff\xfe bad \xe2\x80 a\xffb 1.\xff 1.",
	"tail-", "tail'", "1.", "1,", "a'", "é-", "\u200d", "👍\u200d", "a\u200d",
	"\uFFFC", "a\uFFFCb", "\uFFFC\u0301x", "\uFFFC\u200d. A", "\uFFFC\u200d", "x\uFFFC", "\uFFFC\uFFFC", "\xef\xbf", "\xef\xbf\xbd",
}

func tokensMatch(t *testing.T, s string) {
	t.Helper()
	got := AppendTokens(nil, s)
	want := refAppendTokens(nil, s)
	if len(got) != len(want) {
		t.Fatalf("%q: %d tokens, reference %d:\n got %v\nwant %v", s, len(got), len(want), got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%q: token %d = %v, reference %v", s, i, got[i], want[i])
		}
	}
}

func FuzzTokensMatchReference(f *testing.F) {
	for _, s := range append(fuzzSeeds, tokenSeeds...) {
		f.Add(s)
	}
	f.Fuzz(tokensMatch)
}

// BenchmarkTokensCorpusReference is BenchmarkTokensCorpus with the
// reference tokenizer, for comparison.
func BenchmarkTokensCorpusReference(b *testing.B) {
	texts, n := corpusTexts(b)
	b.SetBytes(int64(n))
	var out []document.Token
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, t := range texts {
			out = refAppendTokens(out[:0], t)
		}
	}
	reportCPURate(b, n, cpu0)
}
