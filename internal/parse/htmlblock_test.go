package parse

import (
	"fmt"
	"math/rand/v2"
	"regexp"
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

// htmlOpenTagRegexp is goldmark's pattern for inline HTML open tags
// (parser/raw_html.go), copied: the reference for bareTagEnd and
// openTagEnd.
var htmlOpenTagRegexp = regexp.MustCompile("^<" + htmlTagName + `(?:[\r\n \t]+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:[\r\n \t]*=[\r\n \t]*(?:[^\"'=<>` + "`" + `\x00-\x20]+|'[^']*'|"[^"]*"))?)*` + htmlSpaceOrNewline + `*/?>`)

// bareTagAgree checks bareTagEnd against goldmark's inline tag patterns.
func bareTagAgree(t *testing.T, line string) bool {
	t.Helper()
	end := bareTagEnd([]byte(line))
	if end < 0 {
		return true
	}
	re := htmlOpenTagRegexp
	if len(line) > 1 && line[1] == '/' {
		re = htmlCloseTagRegexp
	}
	m := re.FindIndex([]byte(line))
	if m == nil || m[1] != end {
		t.Errorf("bareTagEnd(%q) = %d, pattern matches %v", line, end, m)
		return false
	}
	return true
}

var bareTagCases = []string{
	"<b>", "</b>", "<br/>", "</br/>", "<br />", "<a-b>x", "<a1>", "<1a>", "</ b>", "<b>>", "<b/>>", "<b", "</b", "<",
	"<kbd>Ctrl</kbd>", "<b\n>", "<x-y-z>", "<é>", "</b/>",
}

func TestBareTagEnd(t *testing.T) {
	for _, c := range bareTagCases {
		bareTagAgree(t, c)
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
		if !bareTagAgree(t, sb.String()) {
			return
		}
	}
}

func FuzzBareTagEnd(f *testing.F) {
	for _, c := range bareTagCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, line string) {
		bareTagAgree(t, "<"+line)
	})
}

// openTagAgree checks openTagEnd against goldmark's open tag pattern.
func openTagAgree(t *testing.T, line string) bool {
	t.Helper()
	want := -1
	if m := htmlOpenTagRegexp.FindIndex([]byte(line)); m != nil {
		want = m[1]
	}
	if got := openTagEnd([]byte(line)); got != want {
		t.Errorf("openTagEnd(%q) = %d, pattern matches up to %d", line, got, want)
		return false
	}
	return true
}

var openTagCases = []string{
	"<a href=\"x\">", "<a href='x'>y", "<a href=x>", "<a href=x/>", "<a href=x/ >", "<a b c=d e='f' g=\"h\"/>",
	"<a b = 'c' >", "<a\nb\n=\nc\n>", "<a\r\nb>", "<a\rb>", "<a \r>", "<a \r\n>", "<a b='c>", "<a b=>", "<a b= >",
	"<a b=`c`>", "<a b=c`>", "<a b=<>", "<a _b :c d.e-f>", "<a 1b>", "<a -b>", "<a b='x\ny'>", "<a b=\"\">", "<a b=''>",
	"<img src=\"data:image/png;base64,AAAA\" alt=x>", "<path d=\"m1 2l3 4z\" fill=\"#000\"/>", "<a b=\xff>", "<a b=é c>",
	"<a/>", "<a />", "<a / >", "<a\t>", "<a b\t=\tc>", "<a b=c d>", "<a b=c>d>", "<x-1 y>", "<a", "<a b", "<a b=",
}

func TestOpenTagEnd(t *testing.T) {
	for _, c := range openTagCases {
		openTagAgree(t, c)
	}
	pieces := []string{"<a", " ", "\t", "\n", "\r", "\r\n", "b", "c-d", "_", ":", ".", "=", "'", "\"", "x", "/", ">", "/>", "`", "<", "é", "\xff", "1", "='v'", "=\"w\"", "=u"}
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
		if !openTagAgree(t, sb.String()) {
			return
		}
	}
}

func FuzzOpenTagEnd(f *testing.F) {
	for _, c := range openTagCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, line string) {
		openTagAgree(t, "<"+line)
	})
}
