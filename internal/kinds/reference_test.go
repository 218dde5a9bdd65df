package kinds

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/parse"
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
	var ps *phraseSet
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
	ps = newPhraseSet(strings.Fields("alot recieve recieved recieves recieving seperate seperated seperately seperates definately occured occuring occurence occurences untill accomodate accomodation acheive acheived beleive begining calender commited concious enviroment enviroments existance goverment independant neccessary noticable persistant posession publically recomend recomended refered succesful succesfully tommorow wierd withold"), false)
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
