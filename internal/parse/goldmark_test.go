package parse

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// stockParser is goldmark as goldmark.New builds it with galley's
// extensions: the reference newMarkdownParser must agree with.
func stockParser() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList)).Parser()
}

// astString renders everything of a goldmark tree that galley could read.
func astString(root ast.Node, src []byte) string {
	var sb strings.Builder
	segs := func(s *text.Segments) {
		for i := 0; i < s.Len(); i++ {
			g := s.At(i)
			fmt.Fprintf(&sb, " [%d,%d,%d,%v]", g.Start, g.Stop, g.Padding, g.ForceNewline)
		}
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			sb.WriteString(")")
			return ast.WalkContinue, nil
		}
		fmt.Fprintf(&sb, "(%s pos=%d", n.Kind(), n.Pos())
		if n.Type() != ast.TypeInline {
			fmt.Fprintf(&sb, " blank=%v", n.HasBlankPreviousLines())
			segs(n.Lines())
		}
		switch n := n.(type) {
		case *ast.Text:
			fmt.Fprintf(&sb, " seg=%d,%d soft=%v hard=%v raw=%v", n.Segment.Start, n.Segment.Stop, n.SoftLineBreak(), n.HardLineBreak(), n.IsRaw())
		case *ast.String:
			fmt.Fprintf(&sb, " %q", n.Value)
		case *ast.RawHTML:
			segs(n.Segments)
		case *ast.Link:
			fmt.Fprintf(&sb, " %q %q", n.Destination, n.Title)
		case *ast.Image:
			fmt.Fprintf(&sb, " %q %q", n.Destination, n.Title)
		case *ast.AutoLink:
			fmt.Fprintf(&sb, " %q %d", n.URL(src), n.AutoLinkType)
		case *ast.Heading:
			fmt.Fprintf(&sb, " h%d", n.Level)
		case *ast.List:
			fmt.Fprintf(&sb, " %c %d tight=%v", n.Marker, n.Start, n.IsTight)
		case *ast.ListItem:
			fmt.Fprintf(&sb, " off=%d", n.Offset)
		case *ast.Emphasis:
			fmt.Fprintf(&sb, " em%d", n.Level)
		case *ast.FencedCodeBlock:
			if n.Info != nil {
				fmt.Fprintf(&sb, " info=%d,%d", n.Info.Segment.Start, n.Info.Segment.Stop)
			}
		case *ast.HTMLBlock:
			fmt.Fprintf(&sb, " t%d closure=%v %d,%d", n.HTMLBlockType, n.HasClosure(), n.ClosureLine.Start, n.ClosureLine.Stop)
		case *east.Table:
			fmt.Fprintf(&sb, " %v", n.Alignments)
		case *east.TaskCheckBox:
			fmt.Fprintf(&sb, " %v", n.IsChecked)
		}
		return ast.WalkContinue, nil
	})
	return sb.String()
}

// goldmarkSeeds exercise link reference definitions, which
// newMarkdownParser looks for only where one can start.
var goldmarkSeeds = []string{
	// Tables (see tableFilter).
	"a\n|-|\n", "a | b\n:-|-:\nc | d\n", "text\nmore\n - | - \nx\n", "p\n\t-|-\n", "a\n-\n", "a|b\n--|--\n",
	"a\nb | c\n--- | ---\n", "> a | b\n> - | -\n", "- a | b\n  - | -\n", "a\n:-:\n", "a\n\n|-|", "a\n  |:-|\n",
	"a|b\n-|x\n", "a|b\n|:|\n", "a|b\n\v-|-\n", "a|b\n-\f|-\n", "a | b\n-|-\r\nc|d", "a|b\n:--|--:|\n",
	"h\n- | - | -x\n", "a|b\n-|-\t\n", "a\nb|c\n-:|:-\n", "a|b\nc|d\n-|-\n",
	"[a]: /u\n\n[a]",
	"   [a]: /u 'title'\n[b]: /v\ntext [a] [b]",
	"\t[a]: /u\n\n[a]",
	"> [a]: /u\n> text\n\n[a]",
	"- [a]: /u\n\n  [a]\n",
	"text\n[a]: /u\n\n[a]",
	"[a]:\n/u\n\"t\"\n[a]",
	"[not a def] text\n\n[a]\n\n[a]: /u",
	"Heading\n===\n[a]: /u\n\n[a]",
	"| a |\n|---|\n| [x] |\n\n[x]: /y",
	"[\na\n]: /u\n\n[\na\n]",
	"\\[a]: /u\n\n[a]",
	"[a]: /u\n[a]: /v\n\n[a]",
	"[a]\n: /u\n\n[a]",
	"[a\n]: /u\n\n[a\n]",
	"[a]",
	"[a]:",
	"[a]:/u",
	"> [a\n> ]: /u\n\n[a\n]",
	"[link](http://x.y) text: more",
	"<a href=\"x\">a</a> <b\nclass=c>d</b\n> <c title='x>\ny'> <d e='>' f=\"<\"/> <e/> <f g> <h =x> </ i> <j\n\n>",
	"- <a\n  b=c>\n\t<x y>z</x>\n> <q\n> r='s'>",
	"<a b='c\nd'>e <a b=c d e=\"f\"\r\n g> <1a> <a-b-c> <a_b> </a-b > </a\n>",
	"`<a>` \\<a> <http://x.y> <a@b.c> <!-- c --> <?p?> <!D> <![CDATA[x]]>",
}

func TestGoldmarkMatchesStock(t *testing.T) {
	if rawHTMLIndex(parser.DefaultInlineParsers()) < 0 {
		t.Fatal("goldmark's raw HTML parser not found among its default inline parsers")
	}
	ours, stock := newMarkdownParser(), stockParser()
	for _, s := range append(append([]string{}, fuzzSeeds...), goldmarkSeeds...) {
		goldmarkAgree(t, ours, stock, []byte(s))
	}
	// A quarter of the corpus keeps the test quick; set
	// GALLEY_PARSE_DIGEST (see TestCorpusDigest) to compare all of it.
	limit := 12 << 20
	if os.Getenv("GALLEY_PARSE_DIGEST") != "" {
		limit = 1 << 30
	} else if testing.Short() || raceEnabled {
		limit = 2 << 20
	}
	names, data := corpusFiles(t, limit)
	for i := range data {
		if !goldmarkAgree(t, ours, stock, data[i]) {
			t.Fatalf("in %s", names[i])
		}
	}
}

func goldmarkAgree(t *testing.T, ours, stock parser.Parser, src []byte) bool {
	t.Helper()
	got := astString(ours.Parse(text.NewReader(src)), src)
	want := astString(stock.Parse(text.NewReader(src)), src)
	if got != want {
		t.Errorf("%q:\n got %s\nwant %s", src, got, want)
		return false
	}
	return true
}

func FuzzGoldmarkMatchesStock(f *testing.F) {
	for _, s := range append(append([]string{}, fuzzSeeds...), goldmarkSeeds...) {
		f.Add(s)
	}
	ours, stock := newMarkdownParser(), stockParser()
	f.Fuzz(func(t *testing.T, s string) {
		goldmarkAgree(t, ours, stock, []byte(s))
	})
}

// TestGoldmarkRandomTags compares newMarkdownParser with goldmark on random
// text made of the characters inline HTML tags are made of.
func TestGoldmarkRandomTags(t *testing.T) {
	ours, stock := newMarkdownParser(), stockParser()
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"<", "</", ">", "/>", "a", "b-c", " ", "\n", "\r\n", "\t", "=", "'", "\"", "x y", "> ", "- ", "  ", "`", "1", "\uFFFD"}
	n := 3000
	if testing.Short() {
		n = 300
	}
	for range n {
		var sb strings.Builder
		for k := rng.IntN(30); k >= 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if !goldmarkAgree(t, ours, stock, []byte(sb.String())) {
			return
		}
	}
}

// TestRecycledLinesInstalled checks that galley's parses keep the line
// storage of paragraphs, fenced code and HTML blocks for the next parse
// (without a scratch, TestGoldmarkMatchesStock shows goldmark's trees).
func TestRecycledLinesInstalled(t *testing.T) {
	p := testParser(t)
	src := []byte("a\nb\nc\n\n```\nx\ny\n```\n\n<div>\nz\n</div>\n")
	sc := newScratch()
	pc := parser.NewContext()
	pc.Set(plainLinesKey, sc)
	p.md.Parse(text.NewReader(src), parser.WithContext(pc))
	if len(sc.lineNodes) != 3 {
		t.Fatalf("%d blocks given recycled lines, want 3", len(sc.lineNodes))
	}
	sc.reclaimLines()
	if len(sc.lineNodes) != 0 || len(sc.lineBufs) != 3 {
		t.Fatalf("after reclaiming: %d nodes, %d buffers", len(sc.lineNodes), len(sc.lineBufs))
	}
	for i, want := range []int{3, 2, 3} {
		if got := sc.lineBufs[i].Len(); got != want {
			t.Errorf("buffer %d holds %d lines, want %d", i, got, want)
		}
	}
}

// TestRecycledLinesBudget checks that the line storage a scratch keeps
// stays within its budget and is accounted for exactly.
func TestRecycledLinesBudget(t *testing.T) {
	p := testParser(t)
	w := p.NewWorker()
	para := strings.Repeat("line\n", 1000)
	big := strings.Repeat(para+"\n", 100)
	for _, src := range []string{big, "a\nb\n\nc\n", big} {
		if _, err := w.Parse("x.md", []byte(src)); err != nil {
			t.Fatal(err)
		}
		total := 0
		for i := range w.sc.lineBufs {
			total += segmentsCap(&w.sc.lineBufs[i])
		}
		if total != w.sc.lineTotal || total > maxRecycledTotal {
			t.Fatalf("line storage %d, accounted %d, budget %d", total, w.sc.lineTotal, maxRecycledTotal)
		}
	}
}
