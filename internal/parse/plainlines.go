package parse

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
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

// hidePlain records in hidden the line count of every paragraph, text
// block and heading under n other than done whose lines are plain, and
// slices their lines to length zero (the line segments stay in place, so
// SetSliced(0, count) brings them back).
func hidePlain(n, done ast.Node, src []byte, hidden map[*text.Segments]int) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
			if c == done {
				continue
			}
			if lines := c.Lines(); plainLines(lines, src) {
				hidden[lines] = lines.Len()
				lines.SetSliced(0, 0)
			}
		default:
			if c.Type() == ast.TypeBlock && c.HasChildren() {
				hidePlain(c, done, src, hidden)
			}
		}
	}
}

// plainLines reports whether lines are non-empty, lie in src without
// padding, and hold no inline trigger byte.
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

// plainLine returns what goldmark's inline parse makes of a plain line
// (see plainLines): the end of its one Text node's segment, which starts at
// the line's start, and its line break flags.
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
