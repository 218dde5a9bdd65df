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
// builds it, except that link reference definitions are looked for only in
// paragraphs that can hold one (see linkRefFilter).
func newMarkdownParser() parser.Parser {
	p := parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		// The same priority as the default transformer it wraps.
		parser.WithParagraphTransformers(util.Prioritized(linkRefFilter{}, 100)),
	)
	md := goldmark.New(
		goldmark.WithParser(p),
		goldmark.WithExtensions(
			extension.Table,
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
