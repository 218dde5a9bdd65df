package parse

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// paragraphParser is goldmark's paragraph block parser (parser/paragraph.go,
// copied), except that, when the parse is given a scratch (scratchKey),
// it takes its nodes from the scratch's paragraph slots. A slot is reused
// by the next document parsed with the same scratch, together with the
// line storage its last paragraph grew, so that paragraphs, goldmark's most
// numerous block, cost no allocation once a worker has warmed up. The
// goldmark tree of a document is dropped before its scratch is reused.
type paragraphParser struct{}

// Trigger implements parser.BlockParser.
func (paragraphParser) Trigger() []byte { return nil }

// Open implements parser.BlockParser.
func (paragraphParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, segment := reader.PeekLine()
	if util.IsBlank(line) {
		return nil, parser.NoChildren
	}
	var node *ast.Paragraph
	if sc, _ := pc.Get(scratchKey).(*scratch); sc != nil {
		node = sc.paras.next()
	} else {
		node = ast.NewParagraph()
	}
	node.Lines().Append(segment)
	reader.AdvanceToEOL()
	return node, parser.NoChildren
}

// Continue implements parser.BlockParser.
func (paragraphParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, segment := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Close
	}
	node.Lines().Append(segment)
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

// Close implements parser.BlockParser.
func (paragraphParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	if lines.Len() != 0 {
		// trim leading spaces
		for i := range lines.Len() {
			l := lines.At(i)
			lines.Set(i, l.TrimLeftSpace(reader.Source()))
		}
		// trim trailing spaces
		length := lines.Len()
		lastLine := node.Lines().At(length - 1)
		node.Lines().Set(length-1, lastLine.TrimRightSpace(reader.Source()))
	}
	if lines.Len() == 0 {
		node.Parent().RemoveChild(node.Parent(), node)
		return
	}
}

// CanInterruptParagraph implements parser.BlockParser.
func (paragraphParser) CanInterruptParagraph() bool { return false }

// CanAcceptIndentedLine implements parser.BlockParser.
func (paragraphParser) CanAcceptIndentedLine() bool { return false }

// paraSlots hands out paragraph nodes for one document at a time. Slots
// live in fixed-size chunks, so a node's address never changes.
type paraSlots struct {
	chunks [][]ast.Paragraph
	used   int // slots handed out for the current document
}

const paraChunk = 256

// maxParaChunks bounds the chunks kept between documents, so that one huge
// document does not pin its paragraphs for the rest of the run.
const maxParaChunks = 64

// next returns a zeroed paragraph whose lines are empty but keep the
// storage of the slot's previous paragraph.
func (s *paraSlots) next() *ast.Paragraph {
	c, i := s.used/paraChunk, s.used%paraChunk
	if c == len(s.chunks) {
		s.chunks = append(s.chunks, make([]ast.Paragraph, paraChunk))
	}
	s.used++
	p := &s.chunks[c][i]
	lines := *p.Lines()
	lines.SetSliced(0, 0)
	*p = ast.Paragraph{}
	p.SetLines(&lines)
	return p
}

// reset makes every slot available again; the previous document's tree
// must no longer be in use.
func (s *paraSlots) reset() {
	s.used = 0
	if len(s.chunks) > maxParaChunks {
		clear(s.chunks[maxParaChunks:])
		s.chunks = s.chunks[:maxParaChunks]
	}
}

// paragraphIndex returns the index of goldmark's paragraph parser in
// blocks, or -1.
func paragraphIndex(blocks []util.PrioritizedValue) int {
	stock := parser.NewParagraphParser()
	for i, v := range blocks {
		if v.Value == stock {
			return i
		}
	}
	return -1
}
