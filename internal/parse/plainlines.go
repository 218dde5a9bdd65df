package parse

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Plain lines: goldmark's inline parser turns every line of a paragraph or
// heading into at least one ast.Text node, an allocation of well over a
// hundred bytes per line, most of them in lines with no inline markup at
// all. For a block none of whose lines holds a byte that starts an inline
// construct (inlineTrigger), goldmark's inline parse (parser.parseBlock)
// does nothing but that: one Text node per line, its segment the line up
// to its line ending with trailing white space trimmed (or, before a
// backslash hard break, up to the backslash), flagged with a soft or hard
// line break. So galley hides such a block's lines from goldmark before the
// inline parse and builds its prose from the lines itself (mdWalker.plain),
// calling the text builder exactly as it would for those Text nodes.
// TestPlainLinesMatch and FuzzPlainLines compare the two paths.

// plainLinesKey is the parser.Context key under which parseMarkdown passes
// its scratch to plainLineHider. Without it (goldmark called directly) the
// hider does nothing and goldmark's trees are stock.
var plainLinesKey = parser.NewContextKey()

// inlineTrigger marks the bytes that start an inline construct in the
// parser New builds: code spans, links and images, autolinks and raw HTML,
// emphasis, strikethrough, task check boxes (TestInlineTriggers checks the
// set against the parsers). No inline parser triggers on white space or at
// the start of a line.
var inlineTrigger = func() (t [256]bool) {
	for _, c := range []byte("`![]<*_~") {
		t[c] = true
	}
	return t
}()

// plainLineHider is an inline parser that triggers on nothing. goldmark
// calls its CloseBlock after the inline parse of every block; at the first
// call, when the block tree is complete and no other paragraph or heading
// has had its inline parse yet, it hides the lines of every plain block
// (see hidePlain).
type plainLineHider struct{}

// Trigger implements parser.InlineParser: no byte.
func (plainLineHider) Trigger() []byte { return nil }

// Parse implements parser.InlineParser; it is never called.
func (plainLineHider) Parse(ast.Node, text.Reader, parser.Context) ast.Node { return nil }

// CloseBlock implements parser.CloseBlocker.
func (plainLineHider) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	sc, _ := pc.Get(plainLinesKey).(*scratch)
	if sc == nil || sc.plainDone {
		return
	}
	sc.plainDone = true
	root := parent
	for root.Parent() != nil {
		root = root.Parent()
	}
	hidePlain(root, parent, block.Source(), sc.plain)
}

// Partly plain blocks: in a block with inline markup, the plain lines
// before its first line holding a trigger byte and after its last one are
// hidden the same way, when goldmark's inline parse of the lines left
// visible gives the nodes it gives them as part of the whole block:
//
//   - Nothing carries from one line to the next in the inline parse except
//     the delimiters and link labels opened so far (which start at trigger
//     bytes) and the escape state (a backslash ending a line is a hard line
//     break, so none is pending at a line's end).
//   - Leading lines: the one thing an inline parser reads before its
//     position is the character preceding it (emphasis and strikethrough
//     delimiters, block.PrecendingCharacter). At the start of the block's
//     first line that is '\n'; at the start of the first visible line it
//     is the source byte before it, which must therefore be white space as
//     well ('\n', ' ' or '\t'), unless the line has padding (' ' either
//     way). And the task list parser looks for a check box only where
//     the first block of a list item has no inline nodes yet: a list
//     item's first block keeps its leading lines.
//   - Trailing lines: a construct opened on the last visible line can
//     only take in the lines after it if they complete it: an inline link
//     needs its ")", raw HTML its ">", code spans, emphasis, strikethrough
//     and link labels a trigger byte, and autolinks cannot span lines. So
//     lines after the last trigger line are hidden only when they hold no
//     ")" or the lines before hold no "](" (the start of an inline link's
//     destination), and no ">" or the lines before hold no "<" (see
//     mayComplete); whatever was opened fails as it would have, and the
//     parse of the visible lines ends as before. mdWalker.prose ends the
//     visible inline nodes where the first hidden line after them starts,
//     as they would end at the Text node goldmark would have made of it.
//
// TestPlainLinesMatch, TestPlainLinesCorpus and FuzzPlainLines compare
// the documents with and without hiding.

// hiddenLines records a block whose lines were hidden from the inline
// parse: all its lines, and the range [from, to) of them left visible
// (empty for a plain block).
type hiddenLines struct {
	all      []text.Segment
	from, to int
}

// lineByte classifies bytes for plainRange: inline triggers, and the
// bytes that can complete a construct opened on an earlier line.
var lineByte = func() (t [256]uint8) {
	for c := range 256 {
		if inlineTrigger[c] {
			t[c] |= byteTrigger
		}
	}
	t[')'] |= byteParen
	t['>'] |= byteAngle
	return t
}()

const (
	byteTrigger uint8 = 1 << iota
	byteParen
	byteAngle
)

// hidePlain records in hidden every paragraph, text block, heading and
// table cell (whose inline parse the table extension changes only in code
// spans, which a trigger byte starts) under n other than done with lines
// to hide (see plainRange), and slices their lines to the ones left
// visible.
func hidePlain(n, done ast.Node, src []byte, hidden map[*text.Segments]hiddenLines) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *east.TableCell:
			if c == done {
				continue
			}
			lines := c.Lines()
			if from, to, ok := plainRange(c, lines, src); ok {
				hidden[lines] = hiddenLines{all: lines.Sliced(0, lines.Len()), from: from, to: to}
				lines.SetSliced(from, to)
			}
		default:
			if c.Type() == ast.TypeBlock && c.HasChildren() {
				hidePlain(c, done, src, hidden)
			}
		}
	}
}

// plainRange returns the lines of block n to leave visible to the inline
// parse, [from, to), and whether any are hidden: none for a plain block
// (plainLines in the tests is the reference for those), otherwise the
// plain lines before the first line with a trigger byte and after the
// last one, where that changes nothing (see above). It reads the lines
// from the first one forward to the first trigger byte, and from the last
// one backward to the last trigger line.
func plainRange(n ast.Node, lines *text.Segments, src []byte) (from, to int, ok bool) {
	count := lines.Len()
	if count == 0 {
		return 0, 0, false
	}
	// loose: what plainLines requires of every line; strict: the lines
	// lie in the source in order, and are not empty.
	loose, strict := true, true
	end, prevStop := lines.At(count-1).Stop, 0
	for i := 0; i < count; i++ {
		seg := lines.At(i)
		if seg.Padding != 0 || seg.Start < 0 || seg.Start >= seg.Stop || seg.Stop > len(src) || seg.Start >= end {
			loose = false
		}
		if seg.Padding != 0 || seg.Start < prevStop || seg.Start >= seg.Stop || seg.Stop > len(src) {
			strict = false
		}
		prevStop = seg.Stop
	}
	if !loose && !strict {
		return 0, count, false
	}
	first := -1
	for i := 0; i < count; i++ {
		seg := lines.At(i)
		if lineClass(src[max(seg.Start, 0):min(max(seg.Stop, 0), len(src))])&byteTrigger != 0 {
			first = i
			break
		}
	}
	if first < 0 {
		// A plain block: every line was read.
		return 0, 0, loose
	}
	if !strict || count < 2 {
		return 0, count, false
	}
	last, closersAfter := first, uint8(0)
	for i := count - 1; i > first; i-- {
		seg := lines.At(i)
		cls := lineClass(src[seg.Start:seg.Stop])
		if cls&byteTrigger != 0 {
			last = i
			break
		}
		closersAfter |= cls &^ byteTrigger
	}
	from, to = first, last+1
	if from > 0 {
		if li, isItem := n.Parent().(*ast.ListItem); isItem && li.FirstChild() == n {
			from = 0
		} else if s := lines.At(from).Start; s > 0 {
			switch src[s-1] {
			case '\n', ' ', '\t':
			default:
				from = 0
			}
		}
	}
	if closersAfter != 0 && mayComplete(lines, first, last, src, closersAfter) {
		to = count
	}
	return from, to, from > 0 || to < count
}

// mayComplete reports whether a construct opened in lines first to last
// may be completed by a closer of the classes closers (byteParen,
// byteAngle) in the lines after them: a ")" only an inline link or image,
// whose label's "]" is followed by "(" on its line, so that lines first
// to last hold "]("; a ">" only raw HTML, which those lines then hold
// the "<" of. (Lines before first hold neither: both need a trigger byte.)
func mayComplete(lines *text.Segments, first, last int, src []byte, closers uint8) bool {
	for i := first; i <= last; i++ {
		seg := lines.At(i)
		line := src[seg.Start:seg.Stop]
		if closers&byteParen != 0 && bytes.Contains(line, linkOpen) {
			return true
		}
		if closers&byteAngle != 0 && bytes.IndexByte(line, '<') >= 0 {
			return true
		}
	}
	return false
}

var linkOpen = []byte("](")

// lineClass returns the union of the lineByte classes of the bytes of
// line. It reads the whole line, eight bytes per step where it can: a
// table load and an OR per byte, with no branch per byte, is cheaper than
// stopping at the first trigger byte (TestLineClass compares it with the
// byte loop).
func lineClass(line []byte) uint8 {
	var a, b uint8
	for len(line) >= 8 {
		a |= lineByte[line[0]] | lineByte[line[1]] | lineByte[line[2]] | lineByte[line[3]]
		b |= lineByte[line[4]] | lineByte[line[5]] | lineByte[line[6]] | lineByte[line[7]]
		line = line[8:]
	}
	for _, c := range line {
		a |= lineByte[c]
	}
	return a | b
}

// plainLine returns what goldmark's inline parse makes of a plain line
// (a line of a block without trigger bytes, see plainRange): the end of
// its one Text node's segment, which starts at the line's start, and its
// line break flags.
func plainLine(line []byte) (n int, soft, hard bool) {
	lineLength := len(line)
	hasNewLine := line[lineLength-1] == '\n'
	visible := false
	// The cases of goldmark's parser.parseBlock, in its order.
	switch {
	case ((lineLength >= 3 && line[lineLength-2] == '\\' && line[lineLength-3] != '\\') ||
		(lineLength == 2 && line[lineLength-2] == '\\')) && hasNewLine:
		lineLength -= 2
		hard, visible = true, true
	case ((lineLength >= 4 && line[lineLength-3] == '\\' && line[lineLength-2] == '\r' && line[lineLength-4] != '\\') ||
		(lineLength == 3 && line[lineLength-3] == '\\' && line[lineLength-2] == '\r')) && hasNewLine:
		lineLength -= 3
		hard, visible = true, true
	case lineLength >= 3 && line[lineLength-3] == ' ' && line[lineLength-2] == ' ' && hasNewLine:
		lineLength -= 3
		hard = true
	case lineLength >= 4 && line[lineLength-4] == ' ' && line[lineLength-3] == ' ' && line[lineLength-2] == '\r' && hasNewLine:
		lineLength -= 4
		hard = true
	case hasNewLine:
		soft = true
	}
	n = lineLength
	if i := bytes.IndexByte(line[:lineLength], '\n'); i >= 0 {
		n = i
	}
	if !visible {
		n -= util.TrimRightSpaceLength(line[:n])
	}
	return n, soft, hard
}
