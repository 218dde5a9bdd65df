package parse

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/rules"
)

var (
	testParserOnce sync.Once
	testParserVal  *Parser
)

// testParser returns a Parser built from the embedded lexicon.
func testParser(tb testing.TB) *Parser {
	tb.Helper()
	testParserOnce.Do(func() {
		lex, err := LoadLexicon(rules.FS)
		if err != nil {
			panic(err)
		}
		testParserVal = New(lex)
	})
	return testParserVal
}

// mustParse parses src as format and checks the document's invariants.
func mustParse(tb testing.TB, format document.Format, src string) *document.Document {
	tb.Helper()
	doc, err := testParser(tb).ParseAs("test", []byte(src), format)
	if err != nil {
		tb.Fatalf("parse %q: %v", src, err)
	}
	checkInvariants(tb, doc)
	return doc
}

// checkInvariants fails tb if doc breaks any promise of the document model.
func checkInvariants(tb testing.TB, doc *document.Document) {
	tb.Helper()
	src := doc.Source
	prevEnd := 0
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		if b.Span.Start < 0 || b.Span.End > len(src) || b.Span.Start > b.Span.End {
			tb.Fatalf("block %d (%s): span %v out of bounds (len %d)", bi, b.Kind, b.Span, len(src))
		}
		if b.Span.Start < prevEnd {
			tb.Fatalf("block %d (%s): span %v overlaps or precedes the previous block (end %d)\n%s", bi, b.Kind, b.Span, prevEnd, dump(doc))
		}
		prevEnd = b.Span.End
		if !b.Kind.IsProse() {
			if b.Text != "" || len(b.Pieces) > 0 {
				tb.Fatalf("block %d (%s) has text %q", bi, b.Kind, b.Text)
			}
			continue
		}
		checkPieces(tb, doc, bi)
		if !utf8.ValidString(b.Text) {
			tb.Fatalf("block %d: text is not valid UTF-8: %q", bi, b.Text)
		}
		if strings.Contains(b.Text, "\r\n") {
			tb.Fatalf("block %d: text contains CRLF: %q", bi, b.Text)
		}
		checkSpans(tb, "sentence", b.Text, len(b.Sentences), func(i int) (int, int) { return int(b.Sentences[i].Start), int(b.Sentences[i].End) })
		checkSpans(tb, "token", b.Text, len(b.Tokens), func(i int) (int, int) { return int(b.Tokens[i].Start), int(b.Tokens[i].End) })
		for _, tok := range b.Tokens {
			if strings.TrimFunc(b.Text[tok.Start:tok.End], unicode.IsSpace) == "" {
				tb.Fatalf("block %d: white-space token %q", bi, b.Text[tok.Start:tok.End])
			}
		}
		if strings.TrimSpace(b.Text) != "" && len(b.Sentences) == 0 {
			tb.Fatalf("block %d: text %q has no sentences", bi, b.Text)
		}
	}
	prev := -1
	for i, d := range doc.Directives {
		if d.Span.Start < prev || d.Span.Start < 0 || d.Span.End > len(src) || d.Span.Start > d.Span.End {
			tb.Fatalf("directive %d: span %v out of order or bounds", i, d.Span)
		}
		if d.Line != doc.Line(d.Span.Start) {
			tb.Fatalf("directive %d: line %d, want %d", i, d.Line, doc.Line(d.Span.Start))
		}
		prev = d.Span.Start
	}
}

func checkPieces(tb testing.TB, doc *document.Document, bi int) {
	tb.Helper()
	b := &doc.Blocks[bi]
	src := doc.Source
	if len(b.Pieces) == 0 {
		if b.Text != "" {
			tb.Fatalf("block %d: text %q without pieces", bi, b.Text)
		}
		return
	}
	textPos, srcPos := 0, b.Span.Start
	for pi, p := range b.Pieces {
		if p.Text != textPos || p.TextEnd <= p.Text || p.TextEnd > len(b.Text) {
			tb.Fatalf("block %d piece %d: text [%d,%d) not contiguous at %d (len %d)\n%s", bi, pi, p.Text, p.TextEnd, textPos, len(b.Text), dump(doc))
		}
		if p.Src < srcPos || p.SrcEnd < p.Src || p.SrcEnd > b.Span.End {
			tb.Fatalf("block %d piece %d: source [%d,%d) out of order or outside block %v (after %d)\n%s", bi, pi, p.Src, p.SrcEnd, b.Span, srcPos, dump(doc))
		}
		if p.Verbatim && b.Text[p.Text:p.TextEnd] != string(src[p.Src:p.SrcEnd]) {
			tb.Fatalf("block %d piece %d: verbatim text %q != source %q", bi, pi, b.Text[p.Text:p.TextEnd], src[p.Src:p.SrcEnd])
		}
		if p.Verbatim && bytes.ContainsRune(src[p.Src:p.SrcEnd], '\r') && bytes.Contains(src[p.Src:min(p.SrcEnd+1, len(src))], []byte("\r\n")) {
			tb.Fatalf("block %d piece %d: verbatim piece holds a CR of a CRLF: %q", bi, pi, src[p.Src:p.SrcEnd])
		}
		textPos, srcPos = p.TextEnd, p.SrcEnd
	}
	if textPos != len(b.Text) {
		tb.Fatalf("block %d: pieces end at %d, text length %d", bi, textPos, len(b.Text))
	}
}

func checkSpans(tb testing.TB, what, text string, n int, at func(int) (int, int)) {
	tb.Helper()
	prev := 0
	for i := 0; i < n; i++ {
		s, e := at(i)
		if s < prev || e <= s || e > len(text) {
			tb.Fatalf("%s %d [%d,%d) out of order or bounds (prev end %d, len %d) in %q", what, i, s, e, prev, len(text), text)
		}
		if !utf8.RuneStart(text[s]) || (e < len(text) && !utf8.RuneStart(text[e])) {
			tb.Fatalf("%s %d [%d,%d) splits a character in %q", what, i, s, e, text)
		}
		prev = e
	}
}

// corpusDir returns the shared Markdown corpus, skipping tb when absent.
func corpusDir(tb testing.TB) string {
	tb.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpora", "markdown-docs"))
	if err == nil {
		if _, err = os.Stat(dir); err == nil {
			return dir
		}
	}
	tb.Skipf("corpus not available (../shared/corpora/markdown-docs from the repository root): %v", err)
	return ""
}

// corpusFiles reads up to limit bytes of Markdown files from the corpus.
func corpusFiles(tb testing.TB, limit int) (names []string, data [][]byte) {
	tb.Helper()
	dir := corpusDir(tb)
	total := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || total >= limit {
			return nil
		}
		ext := strings.ToLower(filepath.Ext(p))
		if ext != ".md" && ext != ".markdown" && ext != ".mdx" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		names = append(names, p)
		data = append(data, b)
		total += len(b)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(names) == 0 {
		tb.Skip("no Markdown files in the corpus")
	}
	return names, data
}

func TestCorpusInvariants(t *testing.T) {
	limit := 64 << 20
	if testing.Short() || raceEnabled {
		limit = 4 << 20
	}
	names, data := corpusFiles(t, limit)
	p := testParser(t)
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i := range names {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			doc, err := p.Parse(names[i], data[i])
			if err != nil {
				var be *BinaryError
				var ee *EncodingError
				if !asErr(err, &be) && !asErr(err, &ee) {
					t.Errorf("%s: %v", names[i], err)
				}
				return
			}
			st := &subTB{TB: t, name: names[i]}
			func() {
				defer func() {
					if r := recover(); r != nil && r != errStop {
						panic(r)
					}
				}()
				checkInvariants(st, doc)
			}()
		}()
	}
	wg.Wait()
}
