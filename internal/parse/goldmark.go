package parse

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// newMarkdownParser returns the goldmark parser galley uses: CommonMark
// with GFM tables, strikethrough and task lists, exactly as goldmark.New
// builds it, except that link reference definitions and tables are looked
// for only in paragraphs that can hold one (see linkRefFilter and
// tableFilter), inline HTML tags are
// matched within their line first (see rawHTMLLine) and HTML blocks' first
// lines are judged by their first bytes where those decide (see
// htmlBlockFast). The trees it builds are goldmark's
// (TestGoldmarkMatchesStock) unless the parse is given a context holding
// plainLinesKey: then plain lines are hidden from the inline parse (see
// plainlines.go), code spans have no children (see codeSpanExtent) and
// blocks' lines are kept in recycled storage (see recycledLines).
func newMarkdownParser() parser.Parser {
	inlines := parser.DefaultInlineParsers()
	if i := rawHTMLIndex(inlines); i >= 0 {
		inlines[i] = util.Prioritized(rawHTMLLine{stock: parser.NewRawHTMLParser()}, inlines[i].Priority)
	}
	if i := inlineIndex(inlines, parser.NewCodeSpanParser()); i >= 0 {
		inlines[i] = util.Prioritized(codeSpanExtent{stock: parser.NewCodeSpanParser()}, inlines[i].Priority)
	}
	// Triggers on nothing; hides plain blocks' lines (see plainlines.go)
	// when the parse is given a scratch.
	inlines = append(inlines, util.Prioritized(plainLineHider{}, 0))
	blocks := parser.DefaultBlockParsers()
	for i, v := range blocks {
		if bp, ok := v.Value.(parser.BlockParser); ok && growsLines(bp) {
			if bp == parser.NewHTMLBlockParser() {
				bp = htmlBlockFast{bp}
			}
			blocks[i] = util.Prioritized(recycledLines{bp}, v.Priority)
		}
	}
	p := parser.NewParser(
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(inlines...),
		// The same priorities as the transformers they wrap (the
		// table's as extension.Table gives it; that extension adds
		// nothing else a parser uses).
		parser.WithParagraphTransformers(
			util.Prioritized(linkRefFilter{}, 100),
			util.Prioritized(tableFilter{extension.NewTableParagraphTransformer()}, 200),
		),
		parser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0)),
	)
	md := goldmark.New(
		goldmark.WithParser(p),
		goldmark.WithExtensions(
			extension.Strikethrough,
			extension.TaskList,
		),
	)
	return md.Parser()
}

// linkRefFilter runs goldmark's LinkReferenceParagraphTransformer only on
// paragraphs that can start with a link reference definition. That
// transformer allocates a reader and more for every paragraph, and leaves a
// paragraph without a definition at its start unchanged: it skips white
// space (and nothing else), needs "[", the label's closing "]" and then ":"
// right after it in the paragraph's text, and when it finds no definition
// it sets the paragraph's lines to what they were. So a paragraph whose
// first non-space byte is not "[", or in which no "]" is followed by ":"
// within a line or ends a line, is left alone. Paragraphs with no lines or
// only white space go to it as before.
type linkRefFilter struct{}

// Transform implements parser.ParagraphTransformer.
func (linkRefFilter) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	if !mayHoldLinkRef(node.Lines(), reader.Source()) {
		return
	}
	parser.LinkReferenceParagraphTransformer.Transform(node, reader, pc)
}

// tableFilter runs goldmark's table paragraph transformer only on
// paragraphs that may hold a table's delimiter row. That transformer
// looks for one among the lines after the first (a line of nothing but
// white space, "-", "|" and ":", not all "-") and leaves a paragraph
// without one unchanged, after reading each line through a segment's
// Value. So a paragraph none of whose lines after the first starts with
// white space, "-", "|" or ":" is left alone. Lines with padding (which
// starts them with spaces) or empty ones go to it as before.
type tableFilter struct{ parser.ParagraphTransformer }

// Transform implements parser.ParagraphTransformer.
func (f tableFilter) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines, src := node.Lines(), reader.Source()
	for i := 1; i < lines.Len(); i++ {
		seg := lines.At(i)
		if seg.Padding > 0 || seg.Start < 0 || seg.Start >= seg.Stop || seg.Stop > len(src) {
			f.ParagraphTransformer.Transform(node, reader, pc)
			return
		}
		if c := src[seg.Start]; util.IsSpace(c) || c == '-' || c == '|' || c == ':' {
			f.ParagraphTransformer.Transform(node, reader, pc)
			return
		}
	}
}

var labelEnd = []byte("]:")

// mayHoldLinkRef reports whether lines may start with a link reference
// definition (see linkRefFilter).
func mayHoldLinkRef(lines *text.Segments, src []byte) bool {
	first := true
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		start, stop := max(seg.Start, 0), min(seg.Stop, len(src))
		if start >= stop {
			continue
		}
		line := src[start:stop]
		if first {
			for _, c := range line {
				if util.IsSpace(c) {
					continue
				}
				if c != '[' {
					return false
				}
				first = false
				break
			}
		}
		if !first && (bytes.Contains(line, labelEnd) || line[len(line)-1] == ']') {
			return true
		}
	}
	// Only white space: let goldmark decide.
	return first
}

// rawHTMLIndex returns the index of goldmark's raw inline HTML parser in
// inlines, or -1.
func rawHTMLIndex(inlines []util.PrioritizedValue) int {
	return inlineIndex(inlines, parser.NewRawHTMLParser())
}

// inlineIndex returns the index of the inline parser stock in inlines, or
// -1.
func inlineIndex(inlines []util.PrioritizedValue, stock parser.InlineParser) int {
	for i, v := range inlines {
		if v.Value == stock {
			return i
		}
	}
	return -1
}

// codeSpanExtent stands in for goldmark's code span parser in galley's
// parses (those given a context holding plainLinesKey; otherwise goldmark's
// parser runs). It finds the same code spans, by CommonMark's rule: a run
// of n backticks opens one, which ends after the next run of exactly n
// backticks in the block; without such a run the opening run is text. It
// leaves the reader where goldmark's does and returns the same node, except
// that the ast.CodeSpan has no children: goldmark gives it a RawText node
// per line of its content, an allocation each, and galley never reads them
// (mdWalker.inlines turns a code span into a placeholder found in the
// source). TestPlainLinesMatch, TestPlainLinesCorpus and FuzzPlainLines
// compare galley's documents with and without it.
type codeSpanExtent struct{ stock parser.InlineParser }

// Trigger implements parser.InlineParser.
func (c codeSpanExtent) Trigger() []byte { return c.stock.Trigger() }

// Parse implements parser.InlineParser.
func (c codeSpanExtent) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if pc.Get(plainLinesKey) == nil {
		return c.stock.Parse(parent, block, pc)
	}
	line, start := block.PeekLine()
	n := 0
	for n < len(line) && line[n] == '`' {
		n++
	}
	block.Advance(n)
	l, pos := block.Position()
	for {
		line, _ := block.PeekLine()
		if line == nil {
			// No closing run: the opening run is text.
			block.SetPosition(l, pos)
			return ast.NewTextSegment(start.WithStop(start.Start + n))
		}
		if e := backtickRunEnd(line, n); e >= 0 {
			block.Advance(e)
			return ast.NewCodeSpan()
		}
		block.AdvanceLine()
	}
}

// backtickRunEnd returns the offset just past the first run of exactly n
// backticks in line, or -1.
func backtickRunEnd(line []byte, n int) int {
	for i := 0; i < len(line); {
		k := bytes.IndexByte(line[i:], '`')
		if k < 0 {
			return -1
		}
		s := i + k
		e := s + 1
		for e < len(line) && line[e] == '`' {
			e++
		}
		if e-s == n {
			return e
		}
		i = e
	}
	return -1
}

// rawHTMLLine is goldmark's raw inline HTML parser, except that an open or
// close tag is first looked for in the rest of the current line as a byte
// slice, by scanning its bytes as goldmark's tag patterns would match them
// (bareTagEnd, openTagEnd, closeTagEnd). Goldmark matches its patterns
// against the rest of the paragraph through an io.RuneReader, which costs
// several times more. The two give
// the same match whenever the line alone matches: a tag's match ends at
// its first ">" outside a quoted attribute value, the pattern leaves no
// choice in where quoted values start and end, so a match that went on
// past the line would have to consume that ">" inside a value, which the
// line's match shows is not one. Otherwise (a tag over several lines, no
// tag, comments and the rest) goldmark's parser runs as before.
type rawHTMLLine struct{ stock parser.InlineParser }

// Trigger implements parser.InlineParser.
func (r rawHTMLLine) Trigger() []byte { return r.stock.Trigger() }

// Parse implements parser.InlineParser.
func (r rawHTMLLine) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	open := len(line) > 1 && util.IsAlphaNumeric(line[1])
	closing := len(line) > 2 && line[1] == '/' && util.IsAlphaNumeric(line[2])
	// Without padding, the line's bytes are the source's from seg.Start.
	if (open || closing) && seg.Padding == 0 {
		end := bareTagEnd(line)
		if end < 0 {
			if open {
				end = openTagEnd(line)
			} else {
				end = closeTagEnd(line)
			}
		}
		if end > 0 {
			node := ast.NewRawHTML()
			node.Segments.Append(text.NewSegment(seg.Start, seg.Start+end))
			block.Advance(end)
			return node
		}
	}
	return r.stock.Parse(parent, block, pc)
}

// bareTagEnd returns the end of the tag at the start of line when it is
// a tag without attributes or spaces ("<b>", "</b>", "<br/>"), or -1. The
// inline tag patterns match such a tag there, and only up to its ">":
// the name they capture is the whole run of name bytes, since what
// follows it in them (white space, "/", ">") is not a name byte.
func bareTagEnd(line []byte) int {
	i := 1
	closing := len(line) > 1 && line[1] == '/'
	if closing {
		i = 2
	}
	if i >= len(line) || !isAlpha(line[i]) {
		return -1
	}
	for i < len(line) && (isAlnum(line[i]) || line[i] == '-') {
		i++
	}
	switch {
	case i < len(line) && line[i] == '>':
		return i + 1
	case !closing && i+1 < len(line) && line[i] == '/' && line[i+1] == '>':
		return i + 2
	}
	return -1
}

// growsLines reports whether bp is one of goldmark's parsers of blocks
// that grow their lines one line at a time: paragraphs, fenced code and
// HTML blocks.
func growsLines(bp parser.BlockParser) bool {
	switch bp {
	case parser.NewParagraphParser(), parser.NewFencedCodeBlockParser(), parser.NewHTMLBlockParser():
		return true
	}
	return false
}

// recycledLines wraps a goldmark block parser whose blocks grow their
// line segments one line at a time, appending to a slice that starts
// empty: a few allocations per block of several lines. In galley's
// parses (given a context holding plainLinesKey) it moves a new block's
// lines into storage the scratch keeps from the blocks of earlier parses
// (see scratch.recycleLines), where appending seldom needs a larger
// slice. The block's lines are the same segments either way; the trees
// are goldmark's (nothing keeps a tree after its parse, so the storage is
// free again at the next one).
type recycledLines struct{ parser.BlockParser }

// Open implements parser.BlockParser.
func (r recycledLines) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	node, state := r.BlockParser.Open(parent, reader, pc)
	if node != nil {
		if sc, _ := pc.Get(plainLinesKey).(*scratch); sc != nil {
			sc.recycleLines(node)
		}
	}
	return node, state
}
