package kinds

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/parse"
	"github.com/galley-lint/galley/internal/wordscan"
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
		"a\u00a0lot web\nsite", "--- - -- x-", "\xffa\xe2\x80lot", "k\u212a ka\u212a rec\u212a re_c",
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

// BenchmarkFindAll compares findAll with the reference over the prose of
// part of the corpus, with the phrases of rules/usage.yaml's misspelling
// rule.
func BenchmarkFindAll(b *testing.B) {
	texts, size := corpusProse(b)
	ps := newPhraseSet(strings.Fields("alot recieve recieved recieves recieving seperate seperated seperately seperates definately occured occuring occurence occurences untill accomodate accomodation acheive acheived beleive begining calender commited concious enviroment enviroments existance goverment independant neccessary noticable persistant posession publically recomend recomended refered succesful succesfully tommorow wierd withold"), false)
	for _, impl := range []struct {
		name string
		find func(string) []phraseMatch
	}{{"fast", ps.findAll}, {"reference", ps.findAllRef}} {
		b.Run(impl.name, func(b *testing.B) {
			b.SetBytes(size)
			for b.Loop() {
				for _, t := range texts {
					impl.find(t)
				}
			}
		})
	}
}

// BenchmarkRuleOut measures ruling blocks out by their runs
// (mayHaveLead) with the phrases of rules/usage.yaml's misspelling rule
// over the prose of part of the corpus, from the blocks' words.
func BenchmarkRuleOut(b *testing.B) {
	texts, size := corpusProse(b)
	ps := newPhraseSet(strings.Fields("alot recieve recieved recieves recieving seperate seperated seperately seperates definately occured occuring occurence occurences untill accomodate accomodation acheive acheived beleive begining calender commited concious enviroment enviroments existance goverment independant neccessary noticable persistant posession publically recomend recomended refered succesful succesfully tommorow wierd withold"), false)
	words := make([][]wordscan.Word, len(texts))
	under := make([]bool, len(texts))
	for i, t := range texts {
		words[i] = wordscan.BlockWords(nil, t, parse.Tokenize(t))
		under[i] = strings.IndexByte(t, '_') >= 0
	}
	b.SetBytes(size)
	for b.Loop() {
		for i, t := range texts {
			ps.mayHaveLead(t, words[i], under[i])
		}
	}
}

// corpusProse returns the prose block texts of a quarter of the shared
// corpus and their total size, or skips.
func corpusProse(b *testing.B) ([]string, int64) {
	dir := filepath.Join("..", "..", "..", "shared", "corpora", "markdown-docs")
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		b.Skipf("no corpus at %s", dir)
	}
	p := parse.New(nil)
	var texts []string
	var size int64
	for i, f := range files {
		if i%4 != 0 {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := p.Parse(f, src)
		if err != nil {
			continue
		}
		for _, bl := range doc.ProseBlocks() {
			texts = append(texts, bl.Text)
			size += int64(len(bl.Text))
		}
	}
	return texts, size
}

// FuzzFindAllIn checks that ruling blocks out by their word hashes
// (findAllIn) finds exactly what the reference finds, for phrase sets with
// and without phrases that have no lead, over a document whose one block
// is the fuzzed text.
func FuzzFindAllIn(f *testing.F) {
	for _, s := range []string{
		"", "We recieve alot of e-mail on the web site.", "Alot ALOT aLoT", "recieve_x x_y _x",
		"e.g. email e-mail", "web\n\tsite web  site", "k\u212a kelvin KELVIN", "re rec recieve\xff",
		"it's on-line", "a", "A lot", "-- -", "x_y_z x_y", "web\u00a0site ßtraße", "éte café e-mail’s",
		"\u0130stanbul i\u0307stanbul", "\u212aelvin", "a\u2003lot “alot” ÉTÉ", "\xffrecieve\xff",
	} {
		f.Add(s)
	}
	// Phrases that start with an ASCII word byte, then also those that
	// start with a non-ASCII rune, then all.
	var asciiLead, withLead []string
	for _, p := range referencePhrases {
		key, _, ascii := leadKey(newPhraseSet([]string{p}, false).fields[0])
		if key != "" {
			asciiLead = append(asciiLead, p)
		}
		if key != "" || !ascii {
			withLead = append(withLead, p)
		}
	}
	var sets []*phraseSet
	for _, ps := range [][]string{asciiLead, withLead, referencePhrases} {
		sets = append(sets, newPhraseSet(ps, false), newPhraseSet(ps, true))
	}
	if sets[0].noLead || sets[0].nonASCIILead || sets[2].noLead || !sets[2].nonASCIILead || !sets[4].noLead {
		f.Fatal("want sets with phrases of every kind of lead")
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc := document.New("f.md", document.Markdown, []byte(text))
		// The words of the block scanned (no tokens), and read through
		// the parser's tokens.
		for _, toks := range [][]document.Token{nil, parse.Tokenize(text)} {
			doc.Blocks = []document.Block{{Kind: document.CodeBlock}, {Kind: document.Paragraph, Text: text, Tokens: toks}}
			for _, ps := range sets {
				w := newDocWords(doc, wordscan.NewDoc(doc))
				got, want := ps.findAllIn(w, 1, text), ps.findAllRef(text)
				if !slices.Equal(got, want) {
					t.Fatalf("case-sensitive %v, no lead %v, non-ASCII lead %v, %d tokens, %q: %v, reference %v", ps.caseSensitive, ps.noLead, ps.nonASCIILead, len(toks), text, got, want)
				}
				if w.words[0] != nil || w.info[0].full {
					t.Fatal("a code block has words")
				}
			}
		}
	})
}

// TestWordHashesRuleOut checks that the hashes do rule blocks out: an
// ASCII block without a phrase's lead needs no stops.
func TestWordHashesRuleOut(t *testing.T) {
	ps := newPhraseSet([]string{"recieve", "e-mail", "web site"}, false)
	text := "We receive mail on the website, every day."
	doc := document.New("t.md", document.Markdown, []byte(text))
	doc.Blocks = []document.Block{{Kind: document.Paragraph, Text: text}}
	w := newDocWords(doc, wordscan.NewDoc(doc))
	if ms := ps.findAllIn(w, 0, text); ms != nil || w.info[0].done {
		t.Fatalf("matches %v, stops computed %v; want the block ruled out", ms, w.info[0].done)
	}
	text = "We recieve e-mail on the web site, every day."
	doc.Blocks[0].Text = text
	w = newDocWords(doc, wordscan.NewDoc(doc))
	if ms := ps.findAllIn(w, 0, text); len(ms) != 3 {
		t.Fatalf("matches %v, want 3", ms)
	}
}

// TestFoldsToASCII checks foldsToASCII: the non-ASCII runes that fold to
// ASCII.
func TestFoldsToASCII(t *testing.T) {
	var got []string
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if unicode.ToLower(r) < utf8.RuneSelf {
			got = append(got, string(r))
		}
	}
	if !slices.Equal(got, foldsToASCII) {
		t.Errorf("runes that fold to ASCII: %q, foldsToASCII %q", got, foldsToASCII)
	}
}

// TestRunHash checks that a run hashes the same wherever it sits in a
// text (the short path at the start and the eight-byte loads), in either
// case.
func TestRunHash(t *testing.T) {
	for _, w := range []string{"a", "ab", "Email", "recieve", "receives", "seperately", "x_y_Z09", "abcdefghijklmnopq"} {
		want := runHash(strings.ToLower(w), 0, len(w))
		for _, pre := range []string{"", " ", "1234567 ", "-- x "} {
			text := pre + strings.ToUpper(w) + " tail"
			if got := runHash(text, len(pre), len(pre)+len(w)); got != want {
				t.Errorf("%q in %q: %x, want %x", w, text, got, want)
			}
		}
		if w != "a" && runHash(w[1:], 0, len(w)-1) == want {
			t.Errorf("%q hashes like %q", w, w[1:])
		}
	}
}

// FuzzRunHashes checks runHashes (which hashes short runs inline)
// against runHash and withNext applied to each run of a text.
func FuzzRunHashes(f *testing.F) {
	for _, s := range []string{"", "a", " a b ", "abcdefgh_abcdefghi x", "Email e-mail\tWEB site\u00a0é", "\xff\x80 Z9_ \x7f~{[`@/:", "12345678 1234567 123456789"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for i := 0; i < len(text); {
			if !asciiWordAt(text, i) {
				i++
				continue
			}
			s := i
			for i < len(text) && asciiWordAt(text, i) {
				i++
			}
			next := byte(0)
			if i < len(text) {
				next = text[i]
				if next >= utf8.RuneSelf || strings.ContainsRune(" \t\n\v\f\r", rune(next)) {
					next = ' '
				}
			}
			h := runHash(text, s, i)
			if got, want := runHashes(text, s, i), top16(h)<<16|top16(withNext(h, next)); got != want {
				t.Fatalf("%q: run %d-%d: %x, want %x", text, s, i, got, want)
			}
		}
	})
}

// asciiWordAt reports whether text[i] is an ASCII letter, digit or '_'.
func asciiWordAt(text string, i int) bool {
	c := text[i]
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// FuzzCodes checks that a set's test of a word's code (wordscan's
// Word.Code, read through the parser's tokens and scanned) is mayLead's
// test of the word's run.
func FuzzCodes(f *testing.F) {
	for _, s := range []string{"", "a e on web alot also recieve", "E-mail ON-line x y z9 Z_9", strings.Repeat("abc", 30) + " q"} {
		f.Add(s)
	}
	ps := newPhraseSet(referencePhrases, false)
	f.Fuzz(func(t *testing.T, text string) {
		words := wordscan.AppendWords(nil, text)
		if !strings.Contains(text, "_") {
			words = append(words, wordscan.BlockWords(nil, text, parse.Tokenize(text))...)
		}
		for k, w := range words {
			c := w.Code()
			if !w.Plain() {
				if c != codeScan {
					t.Fatalf("%q: word %d is not plain, code %x", text, k, c)
				}
				continue
			}
			s, e := int(w.Start), int(w.End())
			if got, want := ps.leadPairs[c>>6]&(1<<(c&63)) != 0, ps.mayLead(text, s, e); c == codeScan || got != want {
				t.Fatalf("%q: word %q code %x: %v, mayLead %v", text, text[s:e], c, got, want)
			}
		}
	})
}
