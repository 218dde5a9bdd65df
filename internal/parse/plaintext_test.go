package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/document"
)

func TestPlainTextBlocks(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"empty", "", nil},
		{"whitespace only", " \n\t\n\r\n", nil},
		{"one line no newline", "Just text.", []string{"paragraph/0/0: Just text."}},
		{"title and paragraphs", "My Title\n\nFirst para\ncontinues.\n\nA Section\n\nSecond para.\n", []string{
			"heading/1/0: My Title", "paragraph/0/0: First para\ncontinues.", "heading/2/0: A Section", "paragraph/0/0: Second para.",
		}},
		{"long first-line title", "Let Him Go When He Pulls Away, and Watch Him Return: Understanding Relationship Dynamics\n\nBody text.\n",
			[]string{"heading/1/0: Let Him Go When He Pulls Away, and Watch Him Return: Understanding Relationship Dynamics", "paragraph/0/0: Body text."}},
		{"question title", "Will He Come Back?\n\nMaybe.\n", []string{"heading/1/0: Will He Come Back?", "paragraph/0/0: Maybe."}},
		{"not a heading", "A sentence with a period.\n\nShort line ending in a colon:\n\nlower case start\n\nTrailing Title Line\n", []string{
			"paragraph/0/0: A sentence with a period.", "paragraph/0/0: Short line ending in a colon:", "paragraph/0/0: lower case start", "paragraph/0/0: Trailing Title Line",
		}},
		{"too many words", "Text.\n\nOne two three four five six seven eight nine ten eleven twelve thirteen\n\nMore.\n", []string{
			"paragraph/0/0: Text.", "paragraph/0/0: One two three four five six seven eight nine ten eleven twelve thirteen", "paragraph/0/0: More.",
		}},
		{"indented article is prose", "    Title Here\n\n    First paragraph of text,\n    still going.\n\n        Deeper indented line.\n  Less indented.\n", []string{
			"heading/1/0: Title Here", "paragraph/0/0: First paragraph of text,\nstill going.", "paragraph/0/0: Deeper indented line.\nLess indented.",
		}},
		{"list items", "Intro:\n- one\n- two\n  continued\n* three\n• four\n1. five\n2) six\n\nAfter.\n", []string{
			"paragraph/0/0: Intro:", "list-item/1/0: one", "list-item/1/0: two\ncontinued", "list-item/1/0: three", "list-item/1/0: four",
			"list-item/1/0: five", "list-item/1/0: six", "paragraph/0/0: After.",
		}},
		{"nested list items", "- a\n  - b\n    1. c\n  - d\n- e\n\n  - f\n", []string{
			"list-item/1/0: a", "list-item/2/0: b", "list-item/3/0: c", "list-item/2/0: d", "list-item/1/0: e", "list-item/1/0: f",
		}},
		{"not list markers", "-dash\n1.5 million\n2019. A year.\n", []string{"paragraph/0/0: -dash\n1.5 million\n2019. A year."}},
		{"markdown is not markdown", "# Not a heading\n\n```\nnot code\n```\n\n    not code either\n\n*not emphasis* and `not code` [not](link)\n", []string{
			"paragraph/0/0: # Not a heading", "paragraph/0/0: ```\nnot code\n```", "paragraph/0/0: not code either",
			"paragraph/0/0: *not emphasis* and `not code` [not](link)",
		}},
		{"underlined titles", "Main Title\n==========\n\nText.\n\nSection\n-------\nMore text.\n\nnot a title.\n---\n", []string{
			"heading/1/0: Main Title", "paragraph/0/0: Text.", "heading/2/0: Section", "paragraph/0/0: More text.", "paragraph/0/0: not a title.", "thematic-break/0/0: ",
		}},
		{"separator", "Text.\n\n* * *\n\nMore.\n----\nEnd.\n", []string{"paragraph/0/0: Text.", "thematic-break/0/0: ", "paragraph/0/0: More.", "thematic-break/0/0: ", "paragraph/0/0: End."}},
		{"crlf", "Title\r\n\r\nLine one\r\nline two.\r\n", []string{"heading/1/0: Title", "paragraph/0/0: Line one\nline two."}},
		{"bom", "\uFEFFTitle\n\nText.", []string{"heading/1/0: Title", "paragraph/0/0: Text."}},
		{"tabs and nbsp", "\tTabbed line.\u00a0\n\u00a0 Next line.\n", []string{"paragraph/0/0: Tabbed line.\nNext line."}},
		{"multibyte", "Café\n\nNaïve 😀 text.\n", []string{"heading/1/0: Café", "paragraph/0/0: Naïve 😀 text."}},
		{"html comment is text", "<!-- galley-disable -->\n", []string{"paragraph/0/0: <!-- galley-disable -->"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustParse(t, document.PlainText, tt.src)
			got := summaries(doc)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("blocks:\n got %q\nwant %q", got, tt.want)
			}
			if len(doc.Directives) != 0 {
				t.Errorf("plain text has directives: %v", doc.Directives)
			}
		})
	}
}

func TestPlainTextSourceMapping(t *testing.T) {
	src := "\uFEFF    Title\r\n\r\n    First line,\r\n  second 😀 line.\r\n"
	doc := mustParse(t, document.PlainText, src)
	b := doc.Blocks[1]
	if b.Text != "First line,\nsecond 😀 line." {
		t.Fatalf("text = %q", b.Text)
	}
	i := strings.Index(b.Text, "line.")
	pos := doc.Position(b.Source(i))
	if pos.Line != 4 || pos.Column != 12 || pos.ColumnUTF16 != 13 {
		t.Errorf("position = %+v, want 4:12 (UTF-16 13)", pos)
	}
	nl := strings.IndexByte(b.Text, '\n')
	if got := doc.Text(b.SourceSpan(nl, nl+1)); got != "\r\n" {
		t.Errorf("line break maps to %q", got)
	}
}

func TestFormatFor(t *testing.T) {
	for name, want := range map[string]document.Format{
		"a.txt": document.PlainText, "b/C.TXT": document.PlainText, "x.text": document.PlainText,
		"a.md": document.Markdown, "a.markdown": document.Markdown, "README": document.Markdown, "a.txt.md": document.Markdown,
		`dir\file.txt`: document.PlainText,
	} {
		if got := FormatFor(name); got != want {
			t.Errorf("FormatFor(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestSeeds(t *testing.T) {
	dir, _ := filepath.Abs(filepath.Join("..", "..", "..", "shared", "seeds"))
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skip("seed articles not available (../shared/seeds from the repository root)")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := testParser(t).Parse(f, src)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		checkInvariants(t, doc)
		if doc.Format != document.PlainText {
			t.Errorf("%s parsed as %v", f, doc.Format)
		}
		// Every seed starts with its title and has real paragraphs, and
		// no block of prose is treated as code.
		if len(doc.Blocks) == 0 || doc.Blocks[0].Kind == document.CodeBlock {
			t.Errorf("%s: first block %v", filepath.Base(f), doc.Blocks)
		}
		paras := 0
		for _, b := range doc.Blocks {
			if b.Kind == document.CodeBlock {
				t.Errorf("%s: code block in plain text", filepath.Base(f))
			}
			if b.Kind == document.Paragraph && len(b.Sentences) >= 2 {
				paras++
			}
		}
		if paras == 0 {
			t.Errorf("%s: no multi-sentence paragraphs", filepath.Base(f))
		}
	}
}
