package parse

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/rules"
)

func TestSentences(t *testing.T) {
	lex, err := LoadLexicon(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	seg := NewSegmenter(lex)
	// Sentences are separated by " | " in want.
	tests := []struct{ text, want string }{
		{"", ""},
		{"   ", ""},
		{"One sentence", "One sentence"},
		{"One. Two.", "One. | Two."},
		{"Is it? Yes! Fine.", "Is it? | Yes! | Fine."},
		{"Really?! Yes.", "Really?! | Yes."},
		{"Hey! what now?", "Hey! what now?"},
		{"Use tools, e.g. hammers. Then stop.", "Use tools, e.g. hammers. | Then stop."},
		{"That is, i.e. This one.", "That is, i.e. This one."},
		{"See Dr. Smith today. He waits.", "See Dr. Smith today. | He waits."},
		{"Mr. and Mrs. Jones arrived.", "Mr. and Mrs. Jones arrived."},
		{"As Smith et al. (2019) show, it works.", "As Smith et al. (2019) show, it works."},
		{"As shown by Smith et al. The end.", "As shown by Smith et al. | The end."},
		{"See p. 12 and pp. 3-4 for details.", "See p. 12 and pp. 3-4 for details."},
		{"Read vol. 2, no. 3. Next one.", "Read vol. 2, no. 3. | Next one."},
		{"Fig. 3 shows it.", "Fig. 3 shows it."},
		{"Cats vs. dogs. Who wins?", "Cats vs. dogs. | Who wins?"},
		{"Apples, pears, etc. are fruit.", "Apples, pears, etc. are fruit."},
		{"Apples, pears, etc. They are fruit.", "Apples, pears, etc. | They are fruit."},
		{"J. R. R. Tolkien wrote it.", "J. R. R. Tolkien wrote it."},
		{"Written by A. Smith. Published later.", "Written by A. Smith. | Published later."},
		{"It costs 3.5 dollars. Cheap.", "It costs 3.5 dollars. | Cheap."},
		{"Version 1.2.3 is out. Upgrade.", "Version 1.2.3 is out. | Upgrade."},
		{"He said \"Go.\" Then he left.", "He said \"Go.\" | Then he left."},
		{"She said “Stop!” He stopped.", "She said “Stop!” | He stopped."},
		{"(This is aside.) Next.", "(This is aside.) | Next."},
		{"Wait... what happened?", "Wait... what happened?"},
		{"Wait… what happened?", "Wait… what happened?"},
		{"It ended... Then silence.", "It ended... | Then silence."},
		{"Born in 1990. 2020 was hard.", "Born in 1990. | 2020 was hard."},
		{"Visit \uFFFC. Then go.", "Visit \uFFFC. | Then go."},
		{"Run it. \uFFFC prints help.", "Run it. | \uFFFC prints help."},
		{"Line one\nline two. Next\nline.", "Line one\nline two. | Next\nline."},
		{"1. The Paradox and Its Power", "1. The Paradox and Its Power"},
		{"The U.S. economy grew.", "The U.S. economy grew."},
		{"It began in the U.S. Then it spread.", "It began in the U.S. | Then it spread."},
		{"It is 5 p.m. We leave.", "It is 5 p.m. We leave."},
		{"Ends with space.   ", "Ends with space."},
		{"Élan. Über alles.", "Élan. | Über alles."},
		{"今日は晴れ。明日は雨！本当？", "今日は晴れ。 | 明日は雨！ | 本当？"},
		{"¿Qué pasa? ¡Nada!", "¿Qué pasa? | ¡Nada!"},
		{"No. 5 is best. No. It is not.", "No. 5 is best. | No. | It is not."},
		{"The end.\" He left.", "The end.\" | He left."},
		{"Done.) Next.", "Done.) | Next."},
		{"Hello.World", "Hello.World"},
		{"I like it. 'Quoted' start.", "I like it. | 'Quoted' start."},
		{"He said [...] Then more.", "He said [...] Then more."},
		{"Quote (…) And more.", "Quote (…) And more."},
		{"1\\. Escaped Number", "1\\. Escaped Number"},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range seg.Sentences(tt.text) {
			got = append(got, tt.text[s.Start:s.End])
		}
		if g := strings.Join(got, " | "); g != tt.want {
			t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.text, g, tt.want)
		}
	}
}

func TestSentencesNoLexicon(t *testing.T) {
	seg := NewSegmenter(nil)
	got := seg.Sentences("See Dr. Smith. Then go.")
	if len(got) != 3 {
		t.Errorf("without a lexicon Dr. ends a sentence: got %d sentences", len(got))
	}
}

func TestNextMayEnd(t *testing.T) {
	for _, s := range []string{"", "abc", "abcdefgh", "abcdefgh.", "abcdefghijklmnop!x", "é", "abcdefgh…", "abcdefg?", "a\u00e9bcdefghijklmnop.", "0123456789abcdef。"} {
		for i := 0; i <= len(s); i++ {
			want := i
			for want < len(s) && !mayEnd[s[want]] {
				want++
			}
			if got := nextMayEnd(s, i); got != want {
				t.Errorf("nextMayEnd(%q, %d) = %d, want %d", s, i, got, want)
			}
		}
	}
}

// sentenceTokenSeeds are texts where finding terminal punctuation among
// the tokens could go wrong: numbers, symbols joined to punctuation,
// non-ASCII punctuation and letters whose lead bytes nextMayEnd stops at.
var sentenceTokenSeeds = []string{
	"It costs 3.5 dollars. Cheap. Version 1.2.3 is out.",
	"Go 😀\u200D. Next one. Then 😀\u200D! More",
	"+\u200D. A. +\u0301. B. \uFFFC. C.",
	"Wait… what? “Quoted.” Next! (Aside.) ‘Yes’? ¿Qué? ¡Sí!",
	"今日は晴れ。明日は雨！本当？ ⅷ. Ⅷ ok.",
	"Dr. Smith et al. (2019) p. 12. J. R. Smith. 3.5. e.g. x.",
	"a.b. c.d.. E ...F ?!G",
	"\u200D.\u200D. X",
}

// TestSentencesFromTokens checks that sentences found from the tokens
// are those the byte scan finds, on the segmenter cases and the seeds.
func TestSentencesFromTokens(t *testing.T) {
	seg := testParser(t).Segmenter()
	texts := append([]string{}, sentenceTokenSeeds...)
	texts = append(texts, fuzzSeeds...)
	for _, text := range texts {
		checkSentencesFromTokens(t, seg, text)
	}
}

func FuzzSentencesFromTokens(f *testing.F) {
	for _, s := range sentenceTokenSeeds {
		f.Add(s)
	}
	seg := testParser(f).Segmenter()
	f.Fuzz(func(t *testing.T, text string) {
		checkSentencesFromTokens(t, seg, text)
	})
}

func checkSentencesFromTokens(t *testing.T, seg *Segmenter, text string) {
	t.Helper()
	want := seg.AppendSentences(nil, text)
	var ends []int32
	appendTokens(nil, text, &ends)
	got := seg.appendSentencesAt(nil, text, ends)
	if !slices.Equal(got, want) {
		t.Errorf("%q: sentences from tokens %v, byte scan %v", text, got, want)
	}
}

// refWordStart is wordStart as it was, decoding every rune.
func refWordStart(text string, start, term int) int {
	ws := term
	for ws > start {
		r, size := utf8.DecodeLastRuneInString(text[:ws])
		if unicode.IsSpace(r) || r == document.Placeholder {
			break
		}
		ws -= size
	}
	return ws
}

// TestWordStart checks wordStart against refWordStart on every ASCII byte
// and some non-ASCII characters, white space among them, in random texts.
func TestWordStart(t *testing.T) {
	var alphabet []string
	for c := 0; c < utf8.RuneSelf; c++ {
		alphabet = append(alphabet, string(rune(c)))
	}
	alphabet = append(alphabet, "\u0085", "\u00a0", "\u2003", "\u3000", "\uFFFC", "é", "日", "\xff", "\xe2\x80")
	rng := rand.New(rand.NewPCG(11, 12))
	for range 20000 {
		var sb strings.Builder
		for k := rng.IntN(12); k >= 0; k-- {
			sb.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		text := sb.String()
		term := rng.IntN(len(text) + 1)
		start := rng.IntN(term + 1)
		if got, want := wordStart(text, start, term), refWordStart(text, start, term); got != want {
			t.Fatalf("wordStart(%q, %d, %d) = %d, want %d", text, start, term, got, want)
		}
	}
}
