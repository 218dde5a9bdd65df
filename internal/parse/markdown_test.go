package parse

import (
	"fmt"
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/document"
)

// blockSummary renders a block as "kind/level/quoted: text".
func blockSummary(b *document.Block) string {
	return fmt.Sprintf("%s/%d/%d: %s", b.Kind, b.Level, b.Quoted, b.Text)
}

// summaries renders every block of doc.
func summaries(doc *document.Document) []string {
	out := make([]string, 0, len(doc.Blocks))
	for i := range doc.Blocks {
		out = append(out, blockSummary(&doc.Blocks[i]))
	}
	return out
}

// placeholders returns the source text each placeholder piece stands for.
func placeholders(doc *document.Document) []string {
	var out []string
	for _, b := range doc.ProseBlocks() {
		for _, p := range b.Pieces {
			if !p.Verbatim && b.Text[p.Text:p.TextEnd] == string(document.Placeholder) {
				out = append(out, string(doc.Source[p.Src:p.SrcEnd]))
			}
		}
	}
	return out
}

func TestMarkdownBlocks(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"empty", "", nil},
		{"whitespace only", "  \n\t\n   \n", nil},
		{"no trailing newline", "Just text", []string{"paragraph/0/0: Just text"}},
		{"headings", "# One\n\nText.\n\nTwo\n---\n\n### Three ###\n", []string{
			"heading/1/0: One", "paragraph/0/0: Text.", "heading/2/0: Two", "heading/3/0: Three",
		}},
		{"soft and hard breaks", "a b\nc  \nd\\\ne", []string{"paragraph/0/0: a b\nc\nd\ne"}},
		{"nested lists", "- one\n  - two\n    - three\n- four\n\n  more\n", []string{
			"list-item/1/0: one", "list-item/2/0: two", "list-item/3/0: three", "list-item/1/0: four", "list-item/1/0: more",
		}},
		{"ordered and task lists", "1. a\n2) b\n\n- [ ] todo\n- [x] done\n", []string{
			"list-item/1/0: a", "list-item/1/0: b", "list-item/1/0: todo", "list-item/1/0: done",
		}},
		{"blockquotes", "> one\n> > two\n> > - three\n\nfour\n", []string{
			"paragraph/0/1: one", "paragraph/0/2: two", "list-item/1/2: three", "paragraph/0/0: four",
		}},
		{"lazy continuation", "> quoted\nlazy\n", []string{"paragraph/0/1: quoted\nlazy"}},
		{"table", "| Name | Note |\n| --- | :-: |\n| *a* | `b` c |\n| d \\| e |\n", []string{
			"table-cell/0/0: Name", "table-cell/0/0: Note", "table-cell/0/0: a", "table-cell/0/0: \uFFFC c", "table-cell/0/0: d \\| e",
		}},
		{"code never in text", "Before.\n\n```go\nfunc x() {}\n```\n\n    indented code\n\nAfter.\n", []string{
			"paragraph/0/0: Before.", "code/0/0: ", "code/0/0: ", "paragraph/0/0: After.",
		}},
		{"unclosed fence", "```\ncode\n", []string{"code/0/0: "}},
		{"html", "<div>\n<p>Hi</p>\n</div>\n\n<!-- note -->\n\nText\n", []string{
			"html/0/0: ", "html/0/0: ", "paragraph/0/0: Text",
		}},
		{"thematic break", "a\n\n***\n\nb\n", []string{"paragraph/0/0: a", "thematic-break/0/0: ", "paragraph/0/0: b"}},
		{"yaml front matter", "---\ntitle: A\nlist: [1]\n---\n# Head\n", []string{"front-matter/0/0: ", "heading/1/0: Head"}},
		{"yaml front matter dots", "---\ntitle: A\n...\nText\n", []string{"front-matter/0/0: ", "paragraph/0/0: Text"}},
		{"toml front matter", "+++\ntitle = \"A\"\n+++\n\nText\n", []string{"front-matter/0/0: ", "paragraph/0/0: Text"}},
		{"unclosed front matter is markdown", "---\ntitle: A\n", []string{"thematic-break/0/0: ", "paragraph/0/0: title: A"}},
		{"front matter only at start", "Text\n\n---\na: b\n---\n", []string{"paragraph/0/0: Text", "thematic-break/0/0: ", "heading/2/0: a: b"}},
		{"emphasis and strike", "*a* **b** ~~c~~ _d_", []string{"paragraph/0/0: a b c d"}},
		{"entities and escapes verbatim", "AT&amp;T \\*not em\\* &copy;", []string{"paragraph/0/0: AT&amp;T \\*not em\\* &copy;"}},
		{"links", "See [the *docs*](http://x.y \"T\") and [ref][r].\n\n[r]: http://r\n", []string{"paragraph/0/0: See the docs and ref."}},
		{"placeholders", "Run `go test` at <http://a.b> or https://c.d/e, <b>x</b> ![i](j.png) <!-- c -->.", []string{
			"paragraph/0/0: Run \uFFFC at \uFFFC or \uFFFC, \uFFFCx\uFFFC \uFFFC \uFFFC.",
		}},
		{"multibyte", "Café — naïve 😀 test.", []string{"paragraph/0/0: Café — naïve 😀 test."}},
		{"tabs", "-\tone\n\n\tmore\n\ntwo\tthree\n\n\tcode\n", []string{"list-item/1/0: one", "list-item/1/0: more", "paragraph/0/0: two\tthree", "code/0/0: "}},
		{"crlf", "# T\r\n\r\nA\r\nB  \r\nC\r\n\r\n- x\r\n", []string{"heading/1/0: T", "paragraph/0/0: A\nB\nC", "list-item/1/0: x"}},
		{"bom", "\uFEFF# Title\n\nText", []string{"heading/1/0: Title", "paragraph/0/0: Text"}},
		{"bom and front matter", "\uFEFF---\na: 1\n---\nText", []string{"front-matter/0/0: ", "paragraph/0/0: Text"}},
		{"cr only line endings", "a\rb\r\rc", []string{"paragraph/0/0: a\rb\r\rc"}},
		{"gfm alerts", "> [!NOTE]\n> Useful *note*.\n\n> [!WARNING]  \r\n> Careful.\n\n> [!TIP]\n\n> [!NOTE] inline stays\n\nText [!NOTE]\nmore\n", []string{
			"paragraph/0/1: Useful note.", "paragraph/0/1: Careful.", "paragraph/0/1: ", "paragraph/0/1: [!NOTE] inline stays", "paragraph/0/0: Text [!NOTE]\nmore",
		}},
		{"heading in list", "- # Head\n  text\n", []string{"heading/1/0: Head", "list-item/1/0: text"}},
		{"empty heading", "#\n\ntext", []string{"heading/1/0: ", "paragraph/0/0: text"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustParse(t, document.Markdown, tt.src)
			got := summaries(doc)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("blocks:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestMarkdownPlaceholderSources(t *testing.T) {
	src := "Run `go  test` at <http://a.b> or https://c.d/e, <b>x</b> ![i *j*](j.png \"t\") and [![badge](b.svg)](http://x) <!-- c -->.\n" +
		"Email me@example.com ``a ` b`` www.example.org/x?y.\n" +
		"A [`code`](http://x) link, *`x`*.\n"
	doc := mustParse(t, document.Markdown, src)
	want := []string{"`go  test`", "<http://a.b>", "https://c.d/e", "<b>", "</b>", "![i *j*](j.png \"t\")", "![badge](b.svg)](http://x)", "<!-- c -->", "me@example.com", "``a ` b``", "www.example.org/x?y", "`code`", "`x`"}
	got := placeholders(doc)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("placeholder sources:\n got %q\nwant %q", got, want)
	}
}

func TestMarkdownLinkDestinationsNotProse(t *testing.T) {
	doc := mustParse(t, document.Markdown, "Read [the guide](https://example.com/guide \"Guide title\") now.\n\n[x]: https://example.com/ref \"Ref title\"\n")
	for _, b := range doc.ProseBlocks() {
		for _, bad := range []string{"example.com", "Guide title", "Ref title", "https"} {
			if strings.Contains(b.Text, bad) {
				t.Errorf("prose %q contains %q", b.Text, bad)
			}
		}
	}
	if got := doc.ProseBlocks()[0].Text; got != "Read the guide now." {
		t.Errorf("text = %q", got)
	}
}

func TestMarkdownSpans(t *testing.T) {
	src := "---\na: b\n---\n# Title #\n\nSetext\n===\n\n- item\n\n> quote\n\n```js\nx\n```\n\n***\n\n| a | b |\n|---|---|\n| c | d |\n"
	doc := mustParse(t, document.Markdown, src)
	var got []string
	for _, b := range doc.Blocks {
		got = append(got, b.Kind.String()+" "+doc.Text(b.Span))
	}
	want := []string{
		"front-matter ---\na: b\n---",
		"heading # Title #",
		"heading Setext\n===",
		"list-item - item",
		"paragraph quote",
		"code ```js\nx\n```",
		"thematic-break ***",
		"table-cell a", "table-cell b", "table-cell c", "table-cell d",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("spans:\n got %q\nwant %q", got, want)
	}
}

func TestFrontMatterSpan(t *testing.T) {
	for src, want := range map[string]string{
		"---\r\na: 1\r\n---\r\nText": "---\r\na: 1\r\n---",
		"\uFEFF+++\nx = 1\n+++":      "+++\nx = 1\n+++",
		"---\n---\n":                 "---\n---",
	} {
		doc := mustParse(t, document.Markdown, src)
		if len(doc.Blocks) == 0 || doc.Blocks[0].Kind != document.FrontMatter {
			t.Errorf("%q: no front matter: %v", src, summaries(doc))
			continue
		}
		if got := doc.Text(doc.Blocks[0].Span); got != want {
			t.Errorf("%q: front matter span %q, want %q", src, got, want)
		}
	}
}

func TestMarkdownSourceMapping(t *testing.T) {
	src := "\uFEFF# Héllo\r\n\r\nA *fine* `code` day 😀 — très *bien*.\r\nNext\tline.\r\n"
	doc := mustParse(t, document.Markdown, src)
	b := doc.ProseBlocks()[1]
	// Each word of the text maps back to the same bytes in the source.
	for _, w := range []string{"fine", "day", "😀", "très", "bien", "Next", "line."} {
		i := strings.Index(b.Text, w)
		if i < 0 {
			t.Fatalf("%q not in %q", w, b.Text)
		}
		sp := b.SourceSpan(i, i+len(w))
		if got := doc.Text(sp); got != w {
			t.Errorf("%q maps to %q", w, got)
		}
	}
	// Positions: "très" is on line 3; columns count characters and UTF-16
	// units (the emoji is two).
	i := strings.Index(b.Text, "très")
	pos := doc.Position(b.Source(i))
	if pos.Line != 3 || pos.Column != 25 || pos.ColumnUTF16 != 26 {
		t.Errorf("position of très = %+v, want line 3, column 25, UTF-16 column 26", pos)
	}
	// The heading's first column is 1 even after a BOM.
	h := doc.ProseBlocks()[0]
	if pos := doc.Position(h.Source(0)); pos.Line != 1 || pos.Column != 3 {
		t.Errorf("heading text position = %+v, want 1:3", pos)
	}
	if sp := doc.Blocks[0].Span; sp.Start != 3 {
		t.Errorf("heading span starts at %d, want 3 (after the BOM)", sp.Start)
	}
	// The line break maps to the CRLF, never into the text.
	nl := strings.IndexByte(b.Text, '\n')
	if got := doc.Text(b.SourceSpan(nl, nl+1)); got != "\r\n" {
		t.Errorf("line break maps to %q, want CRLF", got)
	}
}

func TestDirectives(t *testing.T) {
	src := "<!-- galley-disable style/* , citation/missing -->\n\n" +
		"Text <!-- galley-disable-next-line --> here.\n\n" +
		"> <!-- galley-enable style/passive -->\n\n" +
		"<!-- not a directive -->\n<!-- galley-disabled x -->\n\n" +
		"```\n<!-- galley-disable in code -->\n```\n\n" +
		"    <!-- galley-disable indented code -->\n\n" +
		"`<!-- galley-disable inline code -->`\n\n" +
		"<!--\n  galley-enable\n-->\n"
	doc := mustParse(t, document.Markdown, src)
	var got []string
	for _, d := range doc.Directives {
		got = append(got, fmt.Sprintf("%d@%d%v %s", d.Kind, d.Line, d.Rules, doc.Text(d.Span)))
	}
	want := []string{
		"0@1[style/* citation/missing] <!-- galley-disable style/* , citation/missing -->",
		"2@3[] <!-- galley-disable-next-line -->",
		"1@5[style/passive] <!-- galley-enable style/passive -->",
		"1@18[] <!--\n  galley-enable\n-->",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("directives:\n got %q\nwant %q", got, want)
	}
}
