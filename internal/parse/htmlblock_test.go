package parse

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// openHTMLBlock runs bp's Open on the first line of src, after a paragraph
// when afterPara is set, and renders what it returns and where it leaves
// the reader.
func openHTMLBlock(bp parser.BlockParser, src []byte, afterPara bool) string {
	reader := text.NewReader(src)
	pc := parser.NewContext()
	var last ast.Node = ast.NewDocument()
	if afterPara {
		last = ast.NewParagraph()
	}
	pc.SetOpenedBlocks([]parser.Block{{Node: last}})
	node, state := bp.Open(ast.NewDocument(), reader, pc)
	_, pos := reader.Position()
	if node == nil {
		return fmt.Sprintf("nil %v pos=%d", state, pos.Start)
	}
	b := node.(*ast.HTMLBlock)
	var sb strings.Builder
	fmt.Fprintf(&sb, "type=%d %v pos=%d", b.HTMLBlockType, state, pos.Start)
	for i := 0; i < b.Lines().Len(); i++ {
		s := b.Lines().At(i)
		fmt.Fprintf(&sb, " [%d,%d]", s.Start, s.Stop)
	}
	return sb.String()
}

func htmlBlockAgree(t *testing.T, line string) bool {
	t.Helper()
	stock := parser.NewHTMLBlockParser()
	fast := htmlBlockFast{stock}
	for _, para := range []bool{false, true} {
		got := openHTMLBlock(fast, []byte(line), para)
		want := openHTMLBlock(stock, []byte(line), para)
		if got != want {
			t.Errorf("%q after paragraph %v: got %s, want %s", line, para, got, want)
			return false
		}
	}
	return true
}

var htmlBlockCases = []string{
	"<div>\n", "<DIV class=\"x\">\n", "</div>\n", "</ div>\n", "<div\n", "<div", "<div\r\n", "<div\r",
	"<div/>\n", "<div/ >\n", "<div\t>\n", "<divx>\n", "<div-x>\n", "<h1>Title</h1>\n", "<h7>\n",
	"<img src=\"a.png\">\n", "<img src=\"a.png\"> text\n", "<a href='x'>link</a>\n", "<br>\n", "<br/>\n",
	"<kbd>x</kbd>\n", "<https://example.com>\n", "<user@example.com>\n", "< div>\n", "<1>\n", "<>\n",
	"<\n", "<", "</\n", "</ \n", "</1>\n", "<!-- c -->\n", "<!--", "<!-\n", "<!- -\n", "<!--\r", "<!DOCTYPE html>\n", "<!doctype html>\n", "<!D", "<!\n", "<!", "<?", "<![CDATA[", "<![CDATA\n", "<![cdata[x\n", "<!Ä\n", "<?php\n", "<![CDATA[x\n",
	"<script>\n", "<SCRIPT src=x>\n", "</script>\n", "<pre>\n", "<preview>\n", "<style\n", "<textarea>\n",
	"<ſcript>\n", "<ſtyle>\n", "<é>\n", "   <div>\n", "    <div>\n", "\t<div>\n", " <custom-element attr>\n",
	"<custom-element>\n", "</custom-element>\n", "</custom x=1>\n", "<averyveryverylongname>\n",
	"<figcaption>\n", "<span>x</span>\n", "<a href=\"x\">y</a>\n", "<a href='x>y'>\n", "<a title=\"it's\">\n",
	"<a b='\"<'>\n", "<a b=\"x\"<>\n", "<a b=x> \n", "<a b=x>  \r\n", "<a b=x>\r", "<a b=x>.\n", "<a\n", "<a b=\"<\"\n", "<a b=\">\">\n", "<figcaptionx>\n", "<search>\n", "<p\x00>\n", "<p \xff>\n", "<p>\xff\n",
	"</ A A>", "</ a b=c>\n", "</a b>\n", "</  x>\n",
	"<table><tr><td>x</td></tr></table>\n", "<details><summary>x</summary>\n", "<P>\n", "<Li>\n",
}

func TestHTMLBlockFastMatchesStock(t *testing.T) {
	for _, c := range htmlBlockCases {
		htmlBlockAgree(t, c)
	}
	// Random lines of the bytes tags are made of.
	pieces := []string{"<", "</", ">", "/>", "/", "div", "p", "img", "h1", "x-y", "SCRIPT", "pre", " ", "\t", "\r", "\n", "=", "'", "\"", "!", "?", "ſ", "--", "a", "span", "b=\"x>\"", "='", "<a>", "[CDATA[", "D", "\xff", "1", "-", " b=c", " d='e f'", " g=\"h\"", " i", "\tj = k", " l=`", " m=<", "custom-tag", "</x", "</ ", "/ "}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var sb strings.Builder
		if rng.IntN(4) > 0 {
			sb.WriteString(strings.Repeat(" ", rng.IntN(5)))
			sb.WriteString("<")
		}
		for k := rng.IntN(8); k >= 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if !htmlBlockAgree(t, sb.String()) {
			return
		}
	}
}

// TestHTMLBlockFastDecides checks that the fast path, not goldmark's
// regular expressions, decides the common lines.
func TestHTMLBlockFastDecides(t *testing.T) {
	for _, c := range []struct {
		line      string
		afterPara bool
		want      ast.HTMLBlockType
	}{
		{"<div align=\"center\">\n", false, ast.HTMLBlockType6},
		{"</details>\n", false, ast.HTMLBlockType6},
		{"<img src=x>\n", true, htmlBlockNone},
		{"<img src=x>\n", false, ast.HTMLBlockType7},
		{"<img src=x> y\n", false, htmlBlockNone},
		{"</custom x=1>\n", false, htmlBlockNone},
		{"</pre>\n", false, htmlBlockNone},
		{"</textarea>\n", false, ast.HTMLBlockType7},
		{"<https://x.y>\n", true, htmlBlockNone},
		{"<a href=\"x\">y</a>\n", false, htmlBlockNone},
		{"<span class=x>\n", false, ast.HTMLBlockType7},
		{"< x\n", false, htmlBlockNone},
		{"<!-- x -->\n", false, ast.HTMLBlockType2},
		{"<!DOCTYPE html>\n", true, ast.HTMLBlockType4},
		{"<?xml\n", false, ast.HTMLBlockType3},
		{"<pre>\n", false, htmlBlockAsk},
	} {
		if got := htmlBlockKind([]byte(c.line), func() bool { return c.afterPara }); got != c.want {
			t.Errorf("htmlBlockKind(%q, %v) = %d, want %d", c.line, c.afterPara, got, c.want)
		}
	}
}

func FuzzHTMLBlockOpen(f *testing.F) {
	for _, c := range htmlBlockCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, line string) {
		htmlBlockAgree(t, line)
	})
}

// tagLine returns the line the tag scanners see for s in galley's parse:
// goldmark's current line, up to and with its "\n". Invalid UTF-8, which
// galley never parses, is replaced (goldmark reads the paragraph as runes
// where the scanners read bytes, so only valid text is comparable).
func tagLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD") // Parse rejects invalid UTF-8
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i+1]
	}
	return s + "\n"
}

// stockTagEnd returns where goldmark's own inline parsers end a raw HTML
// node starting at the start of line (from tagLine), or -1: the reference
// for bareTagEnd, openTagEnd and closeTagEnd. The line is put in a
// paragraph, after "x" (so that it is inline text) and before a line "y"
// (so that it is not the paragraph's last line, which goldmark trims).
func stockTagEnd(stock parser.Parser, line string) int {
	src := []byte("x" + line + "y")
	para := stock.Parse(text.NewReader(src)).FirstChild()
	if para == nil || para.Kind() != ast.KindParagraph {
		return -1
	}
	for n := para.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.RawHTML); ok && h.Segments.Len() > 0 && h.Segments.At(0).Start == 1 {
			return h.Segments.At(h.Segments.Len()-1).Stop - 1
		}
	}
	return -1
}

// bareTagAgree checks bareTagEnd against goldmark's parser.
func bareTagAgree(t *testing.T, stock parser.Parser, s string) bool {
	t.Helper()
	line := tagLine(s)
	end := bareTagEnd([]byte(line))
	if end < 0 {
		return true
	}
	if want := stockTagEnd(stock, line); want != end {
		t.Errorf("bareTagEnd(%q) = %d, goldmark ends the tag at %d", line, end, want)
		return false
	}
	return true
}

var bareTagCases = []string{
	"<b>", "</b>", "<br/>", "</br/>", "<br />", "<a-b>x", "<a1>", "<1a>", "</ b>", "<b>>", "<b/>>", "<b", "</b", "<",
	"<kbd>Ctrl</kbd>", "<b\n>", "<x-y-z>", "<é>", "</b/>",
}

func TestBareTagEnd(t *testing.T) {
	stock := stockParser()
	for _, c := range bareTagCases {
		bareTagAgree(t, stock, c)
	}
	for _, c := range []struct {
		line string
		want int
	}{{"<b>x", 3}, {"</kbd>", 6}, {"<br/>", 5}, {"<br />", -1}, {"</b/>", -1}, {"<1>", -1}} {
		if got := bareTagEnd([]byte(c.line)); got != c.want {
			t.Errorf("bareTagEnd(%q) = %d, want %d", c.line, got, c.want)
		}
	}
	pieces := []string{"<", "</", ">", "/>", "/", "b", "B-1", "-", " ", "\n", "=", "'", "é", "1"}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		var sb strings.Builder
		sb.WriteString("<")
		for k := rng.IntN(6); k >= 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if !bareTagAgree(t, stock, sb.String()) {
			return
		}
	}
}

func FuzzBareTagEnd(f *testing.F) {
	for _, c := range bareTagCases {
		f.Add(c)
	}
	stock := stockParser()
	f.Fuzz(func(t *testing.T, line string) {
		bareTagAgree(t, stock, "<"+line)
	})
}

// tagAgree checks scan (openTagEnd or closeTagEnd) against goldmark's
// parser on the line tagLine makes of s, where goldmark's raw HTML parser
// would try the pattern scan stands for: after "<" and a letter for an
// open tag (prefix "<"), after "</" and a letter for a close tag
// (prefix "</"). Elsewhere scan must find nothing.
func tagAgree(t *testing.T, stock parser.Parser, scan func([]byte) int, prefix, s string) bool {
	t.Helper()
	line := tagLine(s)
	want := -1
	if strings.HasPrefix(line, prefix) && len(line) > len(prefix) && isAlpha(line[len(prefix)]) {
		want = stockTagEnd(stock, line)
	}
	if got := scan([]byte(line)); got != want {
		t.Errorf("scan of %q = %d, goldmark ends the tag at %d", line, got, want)
		return false
	}
	return true
}

// openTagAgree checks openTagEnd against goldmark's parser.
func openTagAgree(t *testing.T, stock parser.Parser, s string) bool {
	t.Helper()
	return tagAgree(t, stock, openTagEnd, "<", s)
}

var openTagCases = []string{
	"<a href=\"x\">", "<a href='x'>y", "<a href=x>", "<a href=x/>", "<a href=x/ >", "<a b c=d e='f' g=\"h\"/>",
	"<a b = 'c' >", "<a\nb\n=\nc\n>", "<a\r\nb>", "<a\rb>", "<a \r>", "<a \r\n>", "<a b='c>", "<a b=>", "<a b= >",
	"<a b=`c`>", "<a b=c`>", "<a b=<>", "<a _b :c d.e-f>", "<a 1b>", "<a -b>", "<a b='x\ny'>", "<a b=\"\">", "<a b=''>",
	"<img src=\"data:image/png;base64,AAAA\" alt=x>", "<path d=\"m1 2l3 4z\" fill=\"#000\"/>", "<a b=\xff>", "<a b=é c>",
	"<a/>", "<a />", "<a / >", "<a b=\uFFFD>", "<a b='x\uFFFDy'>", "<a b=\"x>\uFFFD\">", "<a b=x>\uFFFD", "<a\t>", "<a b\t=\tc>", "<a b=c d>", "<a b=c>d>", "<x-1 y>", "<a", "<a b", "<a b=",
}

func TestOpenTagEnd(t *testing.T) {
	stock := stockParser()
	for _, c := range openTagCases {
		openTagAgree(t, stock, c)
	}
	pieces := []string{"<a", " ", "\t", "\n", "\r", "\r\n", "b", "c-d", "_", ":", ".", "=", "'", "\"", "x", "/", ">", "/>", "`", "<", "é", "\xff", "\uFFFD", "1", "='v'", "=\"w\"", "=u"}
	rng := rand.New(rand.NewPCG(9, 10))
	for range 50000 {
		var sb strings.Builder
		sb.WriteString("<")
		if rng.IntN(8) > 0 {
			sb.WriteString("t")
		}
		for k := rng.IntN(10); k >= 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if !openTagAgree(t, stock, sb.String()) {
			return
		}
	}
}

func FuzzOpenTagEnd(f *testing.F) {
	for _, c := range openTagCases {
		f.Add(c)
	}
	stock := stockParser()
	f.Fuzz(func(t *testing.T, line string) {
		openTagAgree(t, stock, "<"+line)
	})
}

var closeTagCases = []string{
	"</a>", "</a >", "</a\t>", "</a \t >x", "</a\r\n>", "</a\r>", "</a\n>", "</a-b1>", "</1>", "</ a>", "</a b>",
	"</a/>", "</a", "</>", "</a>>", "</é>", "</a\r\n", "<a>", "</a\n\n>",
}

func TestCloseTagEnd(t *testing.T) {
	stock := stockParser()
	for _, c := range closeTagCases {
		tagAgree(t, stock, closeTagEnd, "</", c)
	}
	for _, c := range []struct {
		line string
		want int
	}{{"</a>", 4}, {"</a \t>x", 6}, {"</a\r\n", -1}, {"</a\r>", -1}, {"</a b>", -1}, {"</1>", -1}} {
		if got := closeTagEnd([]byte(c.line)); got != c.want {
			t.Errorf("closeTagEnd(%q) = %d, want %d", c.line, got, c.want)
		}
	}
	pieces := []string{"</a", "</", "a", "-", "1", " ", "\t", "\r", "\r\n", "\n", ">", "/", "b", "é", "<"}
	rng := rand.New(rand.NewPCG(11, 12))
	for range 20000 {
		var sb strings.Builder
		for k := rng.IntN(8); k >= 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if !tagAgree(t, stock, closeTagEnd, "</", sb.String()) {
			return
		}
	}
}

func FuzzCloseTagEnd(f *testing.F) {
	for _, c := range closeTagCases {
		f.Add(c)
	}
	stock := stockParser()
	f.Fuzz(func(t *testing.T, line string) {
		tagAgree(t, stock, closeTagEnd, "</", "</"+line)
	})
}
