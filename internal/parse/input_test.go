package parse

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/galley-lint/galley/internal/document"
)

func TestInputErrors(t *testing.T) {
	p := testParser(t)
	_, err := p.Parse("a.md", []byte("text\x00more"))
	var be *BinaryError
	if !errors.As(err, &be) || be.Offset != 4 || err.Error() != "binary file (NUL byte at offset 4)" {
		t.Errorf("binary: %v", err)
	}
	_, err = p.Parse("a.txt", []byte("ok\n\xef\xbb\xbfé x\xffy\n"))
	var ee *EncodingError
	if !errors.As(err, &ee) || ee.Line != 2 || ee.Column != 5 || ee.Offset != 10 {
		t.Errorf("encoding: %#v", err)
	} else if want := "invalid UTF-8 at line 2, column 5 (byte offset 10)"; err.Error() != want {
		t.Errorf("message %q, want %q", err.Error(), want)
	}
	_, err = p.Parse("a.md", []byte("\xef\xbb\xbfab\xc3"))
	if !errors.As(err, &ee) || ee.Line != 1 || ee.Column != 3 || ee.Offset != 5 {
		t.Errorf("encoding after BOM: %#v", err)
	}
	for _, src := range []string{"", "\uFEFF", "\n", "\r\n", "\t", strings.Repeat("#", 10000), strings.Repeat("> ", 5000) + "x", strings.Repeat("- ", 5000) + "x", strings.Repeat("[", 10000), strings.Repeat("*a", 5000)} {
		for _, f := range []document.Format{document.Markdown, document.PlainText} {
			mustParse(t, f, src)
		}
	}
}

// TestConcurrentParse parses the same inputs from several goroutines; run
// with -race.
func TestConcurrentParse(t *testing.T) {
	p := testParser(t)
	inputs := []string{
		"# T\n\nA *b* `c` https://d.e. F.\n\n- g\n  - h\n\n| i | j |\n|---|---|\n| k | l |\n",
		"Title\n\n    Indented prose. More.\n\n- item\n",
	}
	want := make([]string, len(inputs))
	for i, in := range inputs {
		doc, err := p.ParseAs("x", []byte(in), document.Format(i))
		if err != nil {
			t.Fatal(err)
		}
		want[i] = dump(doc)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 50; n++ {
				i := (g + n) % len(inputs)
				doc, err := p.ParseAs("x", []byte(inputs[i]), document.Format(i))
				if err != nil {
					t.Error(err)
					return
				}
				if got := dump(doc); got != want[i] {
					t.Errorf("concurrent parse differs:\n%s\nwant\n%s", got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestDeepNesting checks that container markers nested absurdly deep on one
// line are cut off at maxContainerDepth (goldmark's time grows with the
// square of the depth), while ordinary nesting is kept.
func TestDeepNesting(t *testing.T) {
	for _, marker := range []string{"- ", "> ", "1. ", "* ", ">"} {
		doc := mustParse(t, document.Markdown, strings.Repeat(marker, 5000)+"x\n")
		for _, b := range doc.Blocks {
			if b.Level > maxContainerDepth || b.Quoted > maxContainerDepth {
				t.Errorf("%q: block nested %d/%d deep", marker, b.Level, b.Quoted)
			}
		}
		if len(doc.Blocks) == 0 {
			t.Errorf("%q: no blocks", marker)
		}
	}
	doc := mustParse(t, document.Markdown, strings.Repeat("> ", maxContainerDepth)+"deep\n")
	if b := doc.Blocks[0]; b.Quoted != maxContainerDepth || b.Text != "deep" {
		t.Errorf("depth %d: got %s", maxContainerDepth, blockSummary(&b))
	}
}

// TestInputTooLarge checks that input beyond MaxInputSize is refused before
// it is read (the slice's pages are never touched), so sentence and token
// offsets always fit in int32.
func TestInputTooLarge(t *testing.T) {
	if MaxInputSize >= 1<<31 {
		t.Fatalf("MaxInputSize %d leaves int32 offsets no margin", MaxInputSize)
	}
	if err := CheckInput(make([]byte, 1000)); errors.As(err, new(*TooLargeError)) {
		t.Fatalf("small input: %v", err)
	}
	p := testParser(t)
	big := make([]byte, MaxInputSize+1)
	_, err := p.Parse("big.md", big)
	var te *TooLargeError
	if !errors.As(err, &te) || te.Size != MaxInputSize+1 {
		t.Fatalf("err = %v, want a *TooLargeError", err)
	}
	if want := "file too large (1073741825 bytes, limit 1073741824)"; err.Error() != want {
		t.Errorf("message %q, want %q", err.Error(), want)
	}
}

func TestClampText(t *testing.T) {
	if got := clampText("abc"); got != "abc" {
		t.Errorf("clampText(abc) = %q", got)
	}
}
