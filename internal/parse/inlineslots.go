package parse

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Code spans and emphasis delimiters are, after text, goldmark's most
// numerous inline nodes. codeSpanParser and emphasisParser are goldmark's
// parsers for them (parser/code_span.go, parser/emphasis.go and
// parser.ScanDelimiter, copied), except that, when the parse is given a
// scratch (scratchKey), their nodes come from the scratch's slots, which
// the next document parsed with the same scratch reuses. Without a scratch
// they allocate as goldmark does, so the trees are stock.

// slots hands out zeroed values of T for one document at a time, from
// fixed-size chunks so that an address never changes.
type slots[T any] struct {
	chunks [][]T
	used   int
}

const slotChunk = 256

// maxSlotChunks bounds the chunks kept between documents.
const maxSlotChunks = 64

// next returns a zeroed T.
func (s *slots[T]) next() *T {
	c, i := s.used/slotChunk, s.used%slotChunk
	if c == len(s.chunks) {
		s.chunks = append(s.chunks, make([]T, slotChunk))
	}
	s.used++
	p := &s.chunks[c][i]
	var zero T
	*p = zero
	return p
}

// undo gives back the value the last next returned.
func (s *slots[T]) undo() { s.used-- }

// reset makes every slot available again; the previous document's tree
// must no longer be in use.
func (s *slots[T]) reset() {
	s.used = 0
	if len(s.chunks) > maxSlotChunks {
		clear(s.chunks[maxSlotChunks:])
		s.chunks = s.chunks[:maxSlotChunks]
	}
}

// inlineSlots are the slots of the inline nodes of one document.
type inlineSlots struct {
	codeSpans  slots[ast.CodeSpan]
	texts      slots[ast.Text]
	delims     slots[parser.Delimiter]
	emphases   slots[ast.Emphasis]
	emphasisDP emphasisDelimiterProcessor
}

func (s *inlineSlots) reset() {
	s.codeSpans.reset()
	s.texts.reset()
	s.delims.reset()
	s.emphases.reset()
}

// scratchOf returns the scratch the parse was given, or nil.
func scratchOf(pc parser.Context) *scratch {
	sc, _ := pc.Get(scratchKey).(*scratch)
	return sc
}

// codeSpanParser is goldmark's code span parser with slot allocation.
type codeSpanParser struct{}

// Trigger implements parser.InlineParser.
func (codeSpanParser) Trigger() []byte { return []byte{'`'} }

// Parse implements parser.InlineParser.
func (codeSpanParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	sc := scratchOf(pc)
	line, startSegment := block.PeekLine()
	opener := 0
	for ; opener < len(line) && line[opener] == '`'; opener++ {
	}
	block.Advance(opener)
	l, pos := block.Position()
	var node *ast.CodeSpan
	if sc != nil {
		node = sc.inline.codeSpans.next()
	} else {
		node = ast.NewCodeSpan()
	}
	rawText := func(seg text.Segment) *ast.Text {
		if sc == nil {
			return ast.NewRawTextSegment(seg)
		}
		t := sc.inline.texts.next()
		t.Segment = seg
		t.SetRaw(true)
		return t
	}
	for {
		line, segment := block.PeekLine()
		if line == nil {
			block.SetPosition(l, pos)
			if sc != nil && !node.HasChildren() {
				sc.inline.codeSpans.undo()
			}
			return ast.NewTextSegment(startSegment.WithStop(startSegment.Start + opener))
		}
		for i := 0; i < len(line); i++ {
			c := line[i]
			if c == '`' {
				oldi := i
				for ; i < len(line) && line[i] == '`'; i++ {
				}
				closure := i - oldi
				if closure == opener && (i >= len(line) || line[i] != '`') {
					segment = segment.WithStop(segment.Start + i - closure)
					if !segment.IsEmpty() {
						node.AppendChild(node, rawText(segment))
					}
					block.Advance(i)
					goto end
				}
			}
		}
		node.AppendChild(node, rawText(segment))
		block.AdvanceLine()
	}
end:
	if !node.IsBlank(block.Source()) {
		// trim first halfspace and last halfspace
		segment := node.FirstChild().(*ast.Text).Segment
		shouldTrimmed := true
		if !(!segment.IsEmpty() && isSpaceOrNewline(block.Source()[segment.Start])) {
			shouldTrimmed = false
		}
		segment = node.LastChild().(*ast.Text).Segment
		if !(!segment.IsEmpty() && isSpaceOrNewline(block.Source()[segment.Stop-1])) {
			shouldTrimmed = false
		}
		if shouldTrimmed {
			t := node.FirstChild().(*ast.Text)
			segment := t.Segment
			t.Segment = segment.WithStart(segment.Start + 1)
			t = node.LastChild().(*ast.Text)
			segment = node.LastChild().(*ast.Text).Segment
			t.Segment = segment.WithStop(segment.Stop - 1)
		}
	}
	return node
}

func isSpaceOrNewline(c byte) bool {
	return c == ' ' || c == '\n'
}

// emphasisDelimiterProcessor is goldmark's, with slot allocation of the
// emphasis nodes when sc is set.
type emphasisDelimiterProcessor struct{ sc *scratch }

// IsDelimiter implements parser.DelimiterProcessor.
func (p *emphasisDelimiterProcessor) IsDelimiter(b byte) bool { return b == '*' || b == '_' }

// CanOpenCloser implements parser.DelimiterProcessor.
func (p *emphasisDelimiterProcessor) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

// OnMatch implements parser.DelimiterProcessor.
func (p *emphasisDelimiterProcessor) OnMatch(consumes int) ast.Node {
	if p.sc == nil {
		return ast.NewEmphasis(consumes)
	}
	e := p.sc.inline.emphases.next()
	e.Level = consumes
	return e
}

// stockEmphasisDP is the processor of parses without a scratch.
var stockEmphasisDP = &emphasisDelimiterProcessor{}

// emphasisParser is goldmark's emphasis parser with slot allocation.
type emphasisParser struct{}

// Trigger implements parser.InlineParser.
func (emphasisParser) Trigger() []byte { return []byte{'*', '_'} }

// Parse implements parser.InlineParser.
func (emphasisParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	node := scanDelimiter(line, before, 1, scratchOf(pc))
	if node == nil {
		return nil
	}
	node.Segment = segment.WithStop(segment.Start + node.OriginalLength)
	block.Advance(node.OriginalLength)
	pc.PushDelimiter(node)
	return node
}

// scanDelimiter is parser.ScanDelimiter for emphasis, taking the delimiter
// from sc's slots when sc is not nil.
func scanDelimiter(line []byte, before rune, minimum int, sc *scratch) *parser.Delimiter {
	i := 0
	c := line[i]
	j := i
	if c != '*' && c != '_' {
		return nil
	}
	for ; j < len(line) && c == line[j]; j++ {
	}
	if (j - i) < minimum {
		return nil
	}
	after := rune(' ')
	if j != len(line) {
		after = util.ToRune(line, j)
	}
	var canOpen, canClose bool
	beforeIsPunctuation := util.IsPunctRune(before)
	beforeIsWhitespace := util.IsSpaceRune(before)
	afterIsPunctuation := util.IsPunctRune(after)
	afterIsWhitespace := util.IsSpaceRune(after)

	isLeft := !afterIsWhitespace &&
		(!afterIsPunctuation || beforeIsWhitespace || beforeIsPunctuation)
	isRight := !beforeIsWhitespace &&
		(!beforeIsPunctuation || afterIsWhitespace || afterIsPunctuation)

	if line[i] == '_' {
		canOpen = isLeft && (!isRight || beforeIsPunctuation)
		canClose = isRight && (!isLeft || afterIsPunctuation)
	} else {
		canOpen = isLeft
		canClose = isRight
	}
	if sc == nil {
		return parser.NewDelimiter(canOpen, canClose, j-i, c, stockEmphasisDP)
	}
	d := sc.inline.delims.next()
	d.CanOpen, d.CanClose = canOpen, canClose
	d.Length, d.OriginalLength = j-i, j-i
	d.Char = c
	d.Processor = &sc.inline.emphasisDP
	return d
}

// replaceInline replaces goldmark's stock inline parser old in inlines by
// p, at the same priority; it reports whether old was there.
func replaceInline(inlines []util.PrioritizedValue, old parser.InlineParser, p parser.InlineParser) bool {
	for i, v := range inlines {
		if v.Value == old {
			inlines[i] = util.Prioritized(p, v.Priority)
			return true
		}
	}
	return false
}
