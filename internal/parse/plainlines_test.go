package parse

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/document"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// plainLines reports whether lines are non-empty, lie in src without
// padding, and hold no inline trigger byte: the lines of a plain block.
// plainRange decides the same; this is its reference, the test that
// plainRange replaced.
func plainLines(lines *text.Segments, src []byte) bool {
	n := lines.Len()
	if n == 0 {
		return false
	}
	last := lines.At(n - 1).Stop
	for i := 0; i < n; i++ {
		seg := lines.At(i)
		if seg.Padding != 0 || seg.Start < 0 || seg.Start >= seg.Stop || seg.Stop > len(src) || seg.Start >= last {
			return false
		}
		for _, c := range src[seg.Start:seg.Stop] {
			if inlineTrigger[c] {
				return false
			}
		}
	}
	return true
}

// TestInlineTriggers checks inlineTrigger against the trigger bytes of the
// inline parsers New configures: a byte missing from it would let the
// plain-lines path skip an inline construct.
func TestInlineTriggers(t *testing.T) {
	var want [256]bool
	var ips []parser.InlineParser
	for _, v := range parser.DefaultInlineParsers() {
		ips = append(ips, v.Value.(parser.InlineParser))
	}
	ips = append(ips, extension.NewStrikethroughParser(), extension.NewTaskCheckBoxParser())
	for _, ip := range ips {
		for _, c := range ip.Trigger() {
			want[c] = true
		}
	}
	if want != inlineTrigger {
		for c := range 256 {
			if want[c] != inlineTrigger[c] {
				t.Errorf("byte %q: trigger %v, inlineTrigger %v", rune(c), want[c], inlineTrigger[c])
			}
		}
	}
	if want[' '] || want['\t'] {
		t.Error("an inline parser triggers on white space; plain lines would not be plain")
	}
}

// plainPair returns the test parser and a copy with the plain-lines path
// turned off.
func plainPair(tb testing.TB) (on, off *Parser) {
	on = testParser(tb)
	off = New(nil)
	off.seg = on.seg
	off.noPlain = true
	return on, off
}

// plainAgree reports whether both parsers give the same document for src.
func plainAgree(t *testing.T, on, off *Parser, src []byte) bool {
	t.Helper()
	a, errA := on.ParseAs("x.md", src, document.Markdown)
	b, errB := off.ParseAs("x.md", src, document.Markdown)
	if (errA == nil) != (errB == nil) {
		t.Errorf("errors differ: %v / %v", errA, errB)
		return false
	}
	if errA != nil {
		return true
	}
	return digest(a) == digest(b)
}

// plainCases are blocks with and without inline markup, with every kind of
// line ending the inline parser treats specially.
var plainCases = []string{
	"| a | b  |\n|---|:-:|\n| c  |  d |\n|e|f\\|g|\n| `h\\|i` | j |\n| k *l* |  |\n",
	"a|b\n-|-\nc  |d\\\n| e \t|\r\n",
	"a *b*\nc (d)\ne",
	"a [b](c\nd)\ne",
	"a [b](c\n\"d\"\n)",
	"a [b](<c>\n)\nx (y)",
	"a ![b](c 'd\ne')",
	"a <b\nc='d'\n>\ne",
	"a <b c=(d)\ne> f)",
	"a [b]\n(c)",
	"x `y` [z](\nw)\nv",
	"a *b* [c]\n(d) > e",
	"plain line\nsecond line\nthird",
	"hard  \nbreak\\\nvisible\\\r\nbreak  \r\nend  ",
	"\\\nx",
	"a\\\\\nb",
	"trailing spaces   \n   next\t\n",
	"# Heading plain\n\nSetext plain\n===\n\nPara\n---\n",
	"- tight item\n- second item\n  continued\n\n- loose\n\n  para two\n",
	"> quoted plain\n> more\nlazy line\n\n> [!NOTE]\n> alert text\n",
	"1. one\n2. two *em* here\n3. three",
	"| a | b |\n|---|---|\n| plain | cell |\n\nafter table",
	"[ref]: http://example.com\nplain after ref\n\n[ref]",
	"para https://example.com/a_b and www.x.y and a@b.co\n{{ tmpl }} {% x %}",
	// Code spans (codeSpanExtent): runs of other lengths inside, over
	// lines, unclosed, in containers, next to other inline markup.
	"`a`` b` c ``d`e`` f ```g``` h `` ` `` i",
	"a `b\nc` d ``e\nf\n`` g",
	"`unclosed *em* ``also`",
	"> `quoted\n> code` and `\n> more`` x`",
	"- `item\n  code` [`link`](u) *`em`*\n\n  ``tail",
	"````\n\n`a\tb`  \nc\\`d` \\`e`",
	// Partly plain blocks: plain lines before and after the markup.
	"plain\nlines  \n*em* [l](u)\nmore\\\nplain",
	"> quoted\n>*.b*. c\n\n> quoted\n> *.b*. c\n\nlazy\n>**a**",
	"- item\n  [ ] not a box *x*\n- [x] box\n  *y*\n  tail",
	"a\nb *c* [d](\ne\n)\nf\n\na\nb <x\ny='z'\n>w\n\na\n![i](u)\nb\nc",
	"a\n<http://x.y>\nb\n\na\n`code\nb`\nc ``\nd",
	"one\ntwo ~~s~~\nthree\r\nfour *a\r\nfive* six\r\nseven",
	"\ta\n\tb *c*\n\td",
	"Setext\nheading *x*\nlines\n===\n\n| a |\n|---|\n| *b* |",

	"\tindented code\n\npara\n\n```\nfenced\n```\nafter",
	"line\r\nwith CRLF\r\nendings\r\n",
	"Title\n=====\nbody text\n\n- a\n  - b\n    - c deep\n",
	"<div>\nhtml\n</div>\n\nplain & entity &amp; \\* escaped",
}

func TestPlainLinesMatch(t *testing.T) {
	on, off := plainPair(t)
	for _, s := range append(plainCases, fuzzSeeds...) {
		if !plainAgree(t, on, off, []byte(s)) {
			t.Errorf("plain-lines path changes the document of %q", s)
		}
	}
	// Random mixtures of the cases' lines.
	var lines []string
	for _, s := range plainCases {
		lines = append(lines, strings.SplitAfter(s, "\n")...)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var sb strings.Builder
		for range 1 + r.IntN(12) {
			sb.WriteString(lines[r.IntN(len(lines))])
		}
		if !plainAgree(t, on, off, []byte(sb.String())) {
			t.Fatalf("plain-lines path changes the document of %q", sb.String())
		}
	}
}

// TestPlainLinesCorpus compares the two paths over part of the corpus.
func TestPlainLinesCorpus(t *testing.T) {
	names, data := corpusFiles(t, 8<<20)
	on, off := plainPair(t)
	for i := range data {
		if !plainAgree(t, on, off, data[i]) {
			t.Errorf("%s: plain-lines path changes the document", names[i])
		}
	}
}

func FuzzPlainLines(f *testing.F) {
	for _, s := range append(plainCases, fuzzSeeds...) {
		f.Add(s)
	}
	on, off := plainPair(f)
	f.Fuzz(func(t *testing.T, src string) {
		if !plainAgree(t, on, off, []byte(src)) {
			t.Errorf("plain-lines path changes the document of %q", src)
		}
	})
}

// TestPlainLinesInstalled checks that New's goldmark parser hides the lines
// of plain blocks from the inline parse when given a scratch, and only
// those: the paragraph with inline markup keeps its lines.
func TestPlainLinesInstalled(t *testing.T) {
	p := testParser(t)
	sc := newScratch()
	pc := parser.NewContext()
	pc.Set(plainLinesKey, sc)
	src := []byte("# Title\n\nA `code` span and *emphasis*.\n\nA plain paragraph.\n")
	p.md.Parse(text.NewReader(src), parser.WithContext(pc))
	if len(sc.plain) != 1 {
		t.Errorf("%d plain blocks hidden, want 1 (the heading is parsed first)", len(sc.plain))
	}
}

// TestPlainRangeFindsPlainBlocks checks plainRange's verdict on whole
// blocks against plainLines, its reference, on goldmark's trees of the
// cases and part of the corpus.
func TestPlainRangeFindsPlainBlocks(t *testing.T) {
	srcs := append([]string{}, plainCases...)
	_, data := corpusFiles(t, 2<<20)
	for _, d := range data {
		srcs = append(srcs, string(d))
	}
	md := stockParser()
	blocks := 0
	for _, s := range srcs {
		src := []byte(s)
		_ = ast.Walk(md.Parse(text.NewReader(src)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			switch n.(type) {
			case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
				if !entering {
					break
				}
				blocks++
				from, to, ok := plainRange(n, n.Lines(), src)
				plain := ok && from == 0 && to == 0
				if want := plainLines(n.Lines(), src); plain != want {
					t.Errorf("%q: plainRange says plain %v (%d, %d, %v), plainLines %v", src, plain, from, to, ok, want)
				}
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
	}
	if blocks < 100 {
		t.Errorf("only %d blocks checked", blocks)
	}
}

// TestLineClass compares lineClass with the byte loop it replaced, on
// every length up to 40 with each class-carrying byte at each offset, and
// on random lines.
func TestLineClass(t *testing.T) {
	loop := func(line []byte) (cls uint8) {
		for _, c := range line {
			cls |= lineByte[c]
		}
		return cls
	}
	for n := 0; n <= 40; n++ {
		for _, c := range []byte("`![]<*_~)>a \n\x00\xff") {
			for at := 0; at < n; at++ {
				line := bytes.Repeat([]byte("x"), n)
				line[at] = c
				if got, want := lineClass(line), loop(line); got != want {
					t.Fatalf("lineClass(%q) = %b, want %b", line, got, want)
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		line := make([]byte, rng.IntN(64))
		for i := range line {
			line[i] = byte(rng.IntN(128))
			if rng.IntN(4) != 0 {
				line[i] = 'a' + byte(rng.IntN(26))
			}
		}
		if got, want := lineClass(line), loop(line); got != want {
			t.Fatalf("lineClass(%q) = %b, want %b", line, got, want)
		}
	}
}

// TestPlainCellsHidden checks that table cells without inline markup are
// hidden like plain paragraphs (all but the first cell, whose inline
// parse comes first), and a cell with markup is not.
func TestPlainCellsHidden(t *testing.T) {
	p := testParser(t)
	sc := newScratch()
	pc := parser.NewContext()
	pc.Set(plainLinesKey, sc)
	src := []byte("| a | b |\n|---|---|\n| c | *d* |\n| e | f |\n")
	p.md.Parse(text.NewReader(src), parser.WithContext(pc))
	if len(sc.plain) != 4 {
		t.Errorf("%d plain blocks hidden, want 4 (cells b, c, e, f)", len(sc.plain))
	}
}
