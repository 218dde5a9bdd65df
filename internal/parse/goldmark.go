package parse

import (
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
// paragraphs whose first non-space byte is "[". That transformer allocates
// a reader and more for every paragraph, and a paragraph starting with
// anything else is left unchanged by it: it skips white space (and
// nothing else) and then needs "[" to find a definition, and when it finds
// none it sets the paragraph's lines to what they were. Paragraphs with no
// lines or only white space go to it as before.
type linkRefFilter struct{}

// Transform implements parser.ParagraphTransformer.
func (linkRefFilter) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	if c, ok := firstNonSpace(node.Lines(), reader.Source()); ok && c != '[' {
		return
	}
	parser.LinkReferenceParagraphTransformer.Transform(node, reader, pc)
}

// firstNonSpace returns the first byte of the lines that goldmark does not
// count as white space (padding is white space).
func firstNonSpace(lines *text.Segments, src []byte) (byte, bool) {
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		for j := max(seg.Start, 0); j < seg.Stop && j < len(src); j++ {
			if !util.IsSpace(src[j]) {
				return src[j], true
			}
		}
	}
	return 0, false
}
