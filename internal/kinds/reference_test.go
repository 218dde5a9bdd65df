package kinds

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// findAllRef is phraseSet.findAll as first written: every rune decoded and
// every candidate matched in full. The fuzz test checks that the fast path
// finds exactly the same matches.
func (ps *phraseSet) findAllRef(text string) []phraseMatch {
	var out []phraseMatch
	prevWord := false
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		isWord := isWordRune(r)
		if !(isWord && prevWord) {
			if cands := ps.candidates(r); len(cands) > 0 {
				matched := false
				for _, c := range cands {
					if e, ok := ps.match(text, i, c); ok {
						out = append(out, phraseMatch{i, e, c})
						last, _ := utf8.DecodeLastRuneInString(text[:e])
						prevWord, i, matched = isWordRune(last), e, true
						break
					}
				}
				if matched {
					continue
				}
			}
		}
		prevWord = isWord
		i += size
	}
	return out
}

// referencePhrases are phrase lists for the equivalence fuzz test: ASCII
// and non-ASCII first and second runes, phrases of one rune, phrases with
// spaces, prefixes of each other.
var referencePhrases = []string{
	"alot", "a lot", "a", "recieve", "e-mail", "email", "web site", "kelvin", "ßtraße", "éte", "ÉTÉ",
	"_x", "x_y", "k", "ka", "i̇stanbul", "on-line", "it's", "’tis", "re", "rec", "😀 face", "-", "--",
}

func FuzzFindAllReference(f *testing.F) {
	for _, s := range []string{
		"", "We recieve alot of E-MAIL on the web  site.", "\u212aelvin KELVIN kelvin", "a a-lot alot_ x_y",
		"ÉTÉ été Été", "İstanbul i̇stanbul", "it’s it's ’tis", "😀 face😀  face", "re rec recieve\xff",
		"a\u00a0lot web\nsite", "--- - -- x-", "\xffa\xe2\x80lot",
	} {
		f.Add(s)
	}
	sets := []*phraseSet{newPhraseSet(referencePhrases, false), newPhraseSet(referencePhrases, true)}
	f.Fuzz(func(t *testing.T, text string) {
		for _, ps := range sets {
			got, want := ps.findAll(text), ps.findAllRef(text)
			if !slices.Equal(got, want) {
				t.Fatalf("case-sensitive %v, %q: %v, reference %v", ps.caseSensitive, text, got, want)
			}
		}
	})
}
