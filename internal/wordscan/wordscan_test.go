package wordscan

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/parse"
)

// wordsRef is the rune-by-rune scan of the words of text, as the style
// rules first wrote it: a word starts at a word rune and goes on over word
// runes and over a joiner (' ’ - _) followed by a word rune.
func wordsRef(text string) []Word {
	isJoiner := func(r rune) bool { return r == '\'' || r == '’' || r == '-' || r == '_' }
	isWord := func(r rune) bool {
		if r < utf8.RuneSelf {
			return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
		}
		return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
	}
	var out []Word
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWord(r) {
			i += size
			continue
		}
		s := i
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if isWord(r) {
				i += size
				continue
			}
			if isJoiner(r) && i+size < len(text) {
				if next, _ := utf8.DecodeRuneInString(text[i+size:]); isWord(next) {
					i += size
					continue
				}
			}
			break
		}
		plain := true
		for _, c := range []byte(text[s:i]) {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
				plain = false
			}
		}
		out = append(out, NewWord(text, int32(s), int32(i), plain))
	}
	return out
}

// compare checks AppendWords and, with the parser's tokens, BlockWords
// against the reference.
func compare(t *testing.T, text string, toks []document.Token) {
	t.Helper()
	want := wordsRef(text)
	if got := AppendWords(nil, text); !slices.Equal(got, want) {
		t.Fatalf("%q: AppendWords %v, reference %v", text, got, want)
	}
	if got := BlockWords(nil, text, toks); !slices.Equal(got, want) {
		t.Fatalf("%q: BlockWords %v, reference %v", text, got, want)
	}
	for _, w := range want {
		if got := WordCode(w.In(text)); got != w.Code() {
			t.Fatalf("%q: WordCode(%q) = %d, the word's code is %d", text, w.In(text), got, w.Code())
		}
	}
	if got := HasNonASCII(text); got != (strings.IndexFunc(text, func(r rune) bool { return r >= utf8.RuneSelf }) >= 0) {
		t.Fatalf("%q: HasNonASCII %v", text, got)
	}
	if !MayRepeat(text, want) {
		for k := 1; k < len(want); k++ {
			if strings.EqualFold(want[k-1].In(text), want[k].In(text)) {
				t.Fatalf("%q: MayRepeat false, but words %d and %d are equal", text, k-1, k)
			}
		}
	}
}

var seeds = []string{
	"", "a", "don't e-mail snake_case", "x'", "-a- 'b' _c_", "naïve café 12ab ٣٤ x\u0301y",
	"“quoted” ‘single’ don’t readers’ ’90s „low“", "a\xffb \xe2\x80 \xe2\x80\x99x", "K\u212a s\u017f",
	"word’", "’", "a’’b", "1-2-3 a--b a-'b", "\uFFFC's `x` e-mails Web\nSites", "a-’b a’-b é-a a-é",
	"3.5 1,000.25 v1.2.3 x.5 5.x 3,5a", "Ⅻ ½ ² x²y Ⅻabc", "\x00\x7f\x80\xbf\xc0\xff",
	"ǅ ǈ ß ſ", "a\u200bb a\u2010b a\u2011b a\u00adb", "©\u0301abc +\u0301x ☺\u200déx ❤️ok 👍🏽x",
	"\U000E0041x", "abcdefghij abcdefgh abcdefg", "a\u0301b \u0301x", "don’t-stop rock'n'roll",
	"the The", "the thE", "thee the", "\u212a k", "k \u212a", "Straße STRASSE", "ab9 AB9", "a-b A-B",
}

func TestSeeds(t *testing.T) {
	for _, text := range seeds {
		compare(t, text, parse.Tokenize(text))
		compare(t, text, nil)
	}
}

func FuzzWords(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		compare(t, text, parse.Tokenize(text))
	})
}

// TestBadTokens checks that tokens that do not fit the text are not
// trusted.
func TestBadTokens(t *testing.T) {
	text := "one two"
	for _, toks := range [][]document.Token{
		{{Start: 0, End: 9, Kind: document.Word}},
		{{Start: 4, End: 7, Kind: document.Word}, {Start: 0, End: 3, Kind: document.Word}},
		{{Start: 2, End: 2, Kind: document.Word}},
	} {
		if got, want := BlockWords(nil, text, toks), wordsRef(text); !slices.Equal(got, want) {
			t.Errorf("%v: %v, want %v", toks, got, want)
		}
	}
}

// TestIsWordRuneFast checks the runes IsWordRune rules out without the
// unicode tables.
func TestIsWordRuneFast(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
		if r < utf8.RuneSelf {
			want = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
		}
		if got := IsWordRune(r); got != want {
			t.Fatalf("IsWordRune(%U) = %v", r, got)
		}
	}
}

// TestCorpus compares the words of the prose blocks of a sample of the
// shared corpus, read through their tokens, with the reference.
func TestCorpus(t *testing.T) {
	blocks, _ := corpusBlocks(t, 10)
	for _, b := range blocks {
		compare(t, b.Text, b.Tokens)
	}
}

// TestNewDoc checks that a document's prose blocks get their words.
func TestNewDoc(t *testing.T) {
	doc, err := parse.New(nil).Parse("a.md", []byte("One two.\n\n```\ncode here\n```\n\n# Head_ing é\n"))
	if err != nil {
		t.Fatal(err)
	}
	d := NewDoc(doc)
	for i, b := range doc.Blocks {
		if got, want := d.Words[i], wordsRef(b.Text); !b.Kind.IsProse() && got != nil || b.Kind.IsProse() && !slices.Equal(got, want) {
			t.Fatalf("block %d (%v): %v, want %v", i, b.Kind, got, want)
		}
	}
	if len(NewDoc(nil).Words) != 0 {
		t.Fatal("a nil document has words")
	}
}

// corpusBlocks returns the prose blocks of every step-th Markdown file of
// the shared corpus and the size of their text, or skips.
func corpusBlocks(tb testing.TB, step int) ([]*document.Block, int64) {
	dir := filepath.Join("..", "..", "..", "shared", "corpora", "markdown-docs")
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		tb.Skipf("no corpus at %s", dir)
	}
	p := parse.New(nil)
	var blocks []*document.Block
	var size int64
	for i := 0; i < len(files); i += step {
		src, err := os.ReadFile(files[i])
		if err != nil {
			tb.Fatal(err)
		}
		doc, err := p.Parse(files[i], src)
		if err != nil {
			continue
		}
		for _, b := range doc.ProseBlocks() {
			blocks = append(blocks, b)
			size += int64(len(b.Text))
		}
	}
	return blocks, size
}

// BenchmarkWords measures the words of the prose of a quarter of the
// corpus read through the tokens (tokens), and scanned byte by byte
// (bytes).
func BenchmarkWords(b *testing.B) {
	blocks, size := corpusBlocks(b, 4)
	var out []Word
	b.Run("tokens", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			for _, bl := range blocks {
				out = BlockWords(out[:0], bl.Text, bl.Tokens)
			}
		}
	})
	b.Run("bytes", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			for _, bl := range blocks {
				out = AppendWords(out[:0], bl.Text)
			}
		}
	})
}

// plain is BlockWords's test of whether text[s:e] (not empty) is ASCII
// letters and digits only.
func plain(text string, s, e int) bool {
	if n := e - s; n <= 8 && e >= 8 {
		return plainLast8(load8(text, e-8), n)
	}
	return plainBytes(text, s, e)
}

// TestPlain checks plain on every word length and position, so that a
// plain word is not sent to the byte scan (which would still be exact).
func TestPlain(t *testing.T) {
	for _, w := range []string{"a", "Z9", "abcdefgh", "abcdefghi", "x0y1z2", "09azAZ"} {
		for _, pre := range []string{"", " ", "12345678 ", "é-"} {
			text := pre + w + " ."
			if !plain(text, len(pre), len(pre)+len(w)) {
				t.Errorf("%q in %q is not plain", w, text)
			}
		}
	}
	for _, w := range []string{"a-b", "don't", "é", "a.b", "@", "[", "`", "{", "/", ":", "a_b", "abcdefgh-"} {
		text := "12345678 " + w + " ."
		if plain(text, 9, 9+len(w)) {
			t.Errorf("%q is plain", w)
		}
	}
}

// TestPoolReuse checks that a Doc whose storage comes back from a Pool,
// through a memo released after each document as the engine does, holds
// exactly the words of a fresh NewDoc: nothing of the document before
// (longer, with more blocks, or with prose where this one has code) is
// left in it.
func TestPoolReuse(t *testing.T) {
	texts := []string{
		"One two three four five.\n\n- item one\n- item two\n\n# Heading here\n\nMore words in a paragraph, and more.\n",
		"```\ncode only\n```\n\nA.\n",
		"Snake_case and e-mail and café.\n\n    indented code\n\nLast one.\n",
		"",
		"# Only a heading\n",
		"Words 1.5 and 2,000 and don't.\n\n| a | b |\n|---|---|\n| cell | more cells |\n",
	}
	p := parse.New(nil)
	var docs []*document.Document
	for i, s := range texts {
		doc, err := p.Parse(fmt.Sprintf("%d.md", i), []byte(s))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
	}
	// Each document after every other, so each follows longer and
	// shorter ones.
	var order []*document.Document
	for _, a := range docs {
		for _, b := range docs {
			order = append(order, a, b)
		}
	}
	pool := NewPool()
	memo := check.NewMemo()
	seen := map[*Doc]bool{}
	reused := 0
	for _, doc := range order {
		got := Shared(&check.Pass{Doc: doc, Memo: memo}, pool)
		if seen[got] {
			reused++
		}
		seen[got] = true
		want := NewDoc(doc)
		if len(got.Words) != len(want.Words) {
			t.Fatalf("%s: %d blocks of words, want %d", doc.Path, len(got.Words), len(want.Words))
		}
		for i := range want.Words {
			if (got.Words[i] == nil) != (want.Words[i] == nil) || !slices.Equal(got.Words[i], want.Words[i]) {
				t.Fatalf("%s: block %d: %v, want %v", doc.Path, i, got.Words[i], want.Words[i])
			}
		}
		memo.Release()
	}
	if reused == 0 {
		t.Fatal("the pool never gave a Doc back: the test tested nothing")
	}
}
