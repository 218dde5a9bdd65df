package parse

import (
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/document"
)

// TestWorkerMatchesParse parses corpus files one after another with one
// Worker, interleaving formats and a large document, and compares each
// document with the Parser's, which shares no storage.
func TestWorkerMatchesParse(t *testing.T) {
	limit := 8 << 20
	if testing.Short() || raceEnabled {
		limit = 1 << 20
	}
	names, data := corpusFiles(t, limit)
	p := testParser(t)
	w := p.NewWorker()
	big := []byte(strings.Repeat("A *b* `c` https://d.example/e f@g.example. {{ h }}\n\n- i\n  - j\n\n", 2000))
	check := func(name string, src []byte, format document.Format) {
		t.Helper()
		want, werr := p.ParseAs(name, src, format)
		got, gerr := w.ParseAs(name, src, format)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("%s: Parser error %v, Worker error %v", name, werr, gerr)
		}
		if werr == nil && digest(got) != digest(want) {
			t.Fatalf("%s as %s: Worker's document differs from Parser's", name, format)
		}
	}
	for i := range names {
		check(names[i], data[i], document.Markdown)
		if i%7 == 0 {
			check(names[i], data[i], document.PlainText)
		}
		if i%50 == 0 {
			check("big.md", big, document.Markdown)
		}
	}
	check("bad.md", []byte("a\x00b"), document.Markdown)
	check("empty.md", nil, document.Markdown)
	check("after-error.md", data[0], document.Markdown)
}

// TestWorkerKeeps checks what a Worker's document keeps after the next
// parse: its path, its blocks' text and its directives.
func TestWorkerKeeps(t *testing.T) {
	p := testParser(t)
	w := p.NewWorker()
	first := "# Title\n\nSome *prose* here. And more.\n\n<!-- galley-disable style/x -->\n"
	doc, err := w.Parse("a.md", []byte(first))
	if err != nil {
		t.Fatal(err)
	}
	path := doc.Path
	var texts []string
	for _, b := range doc.Blocks {
		texts = append(texts, b.Text)
	}
	dirs := doc.Directives
	if len(dirs) != 1 || len(texts) < 2 {
		t.Fatalf("first parse: %d directives, %d blocks", len(dirs), len(texts))
	}
	second, err := w.Parse("b.md", []byte("Other text entirely, longer than the first one was.\n\n## Heading\n"))
	if err != nil {
		t.Fatal(err)
	}
	if second != doc {
		t.Errorf("the Worker allocated a new Document instead of reusing it")
	}
	want, _ := p.Parse("a.md", []byte(first))
	if path != "a.md" {
		t.Errorf("path %q", path)
	}
	for i, b := range want.Blocks {
		if texts[i] != b.Text {
			t.Errorf("block %d text %q after the next parse, want %q", i, texts[i], b.Text)
		}
	}
	if dirs[0].Kind != document.Disable || len(dirs[0].Rules) != 1 || dirs[0].Rules[0] != "style/x" {
		t.Errorf("directive after the next parse: %+v", dirs[0])
	}
}

// FuzzWorker parses two inputs one after the other through one Worker, in
// both formats, and compares each document with the Parser's.
func FuzzWorker(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add(s, fuzzSeeds[(i+1)%len(fuzzSeeds)])
	}
	p := testParser(f)
	w := p.NewWorker()
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, format := range []document.Format{document.Markdown, document.PlainText} {
			for _, src := range []string{a, b, a} {
				want, werr := p.ParseAs("x", []byte(src), format)
				got, gerr := w.ParseAs("x", []byte(src), format)
				if (werr == nil) != (gerr == nil) {
					t.Fatalf("%q: Parser error %v, Worker error %v", src, werr, gerr)
				}
				if werr == nil && digest(got) != digest(want) {
					t.Fatalf("%q as %s after %q: Worker's document differs from Parser's", src, format, a)
				}
			}
		}
	})
}
