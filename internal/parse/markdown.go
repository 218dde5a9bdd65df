package parse

import (
	"bytes"

	"github.com/galley-lint/galley/internal/document"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// mdWalker turns a goldmark AST into document blocks.
type mdWalker struct {
	*scratch
	src       []byte // the original source
	gsrc      []byte // the source goldmark parsed
	doc       *document.Document
	listDepth int
	quoted    int
}

// parseMarkdown parses doc.Source with goldmark (CommonMark and GFM) into
// sc.blocks.
func (p *Parser) parseMarkdown(doc *document.Document, sc *scratch) {
	src := doc.Source
	// goldmark gets a copy with the BOM and front matter blanked, so
	// that offsets stay those of the original.
	gsrc := src
	fm := frontMatterEnd(src, doc.BOM)
	if doc.BOM > 0 || fm > 0 {
		sc.gsrc = append(sc.gsrc[:0], src...)
		gsrc = sc.gsrc
		end := max(doc.BOM, fm)
		for i := 0; i < end; i++ {
			if gsrc[i] != '\n' {
				gsrc[i] = ' '
			}
		}
	}
	// goldmark takes time quadratic in container depth on a single line
	// ("- - - - … x", "> > > … x"); blank container markers nested deeper
	// than any real document does.
	if deep := deepContainers(doc, maxContainerDepth); len(deep) > 0 {
		if &gsrc[0] == &src[0] {
			sc.gsrc = append(sc.gsrc[:0], src...)
			gsrc = sc.gsrc
		}
		for _, sp := range deep {
			for i := sp.Start; i < sp.End; i++ {
				if gsrc[i] != '\n' {
					gsrc[i] = ' '
				}
			}
		}
	}
	if fm > 0 {
		sc.blocks = append(sc.blocks, document.Block{Kind: document.FrontMatter, Span: document.Span{Start: doc.BOM, End: trimRightSpace(src, doc.BOM, fm)}})
	}
	var root ast.Node
	if p.noPlain {
		root = p.md.Parse(text.NewReader(gsrc))
	} else {
		pc := parser.NewContext()
		pc.Set(plainLinesKey, sc)
		root = p.md.Parse(text.NewReader(gsrc), parser.WithContext(pc))
	}
	w := &mdWalker{scratch: sc, src: src, gsrc: gsrc, doc: doc}
	w.block(root)
	sc.reclaimLines()
	fixOverlaps(sc.blocks)
}

// block walks block-level nodes.
func (w *mdWalker) block(n ast.Node) {
	switch n := n.(type) {
	case *ast.Document:
		w.children(n)
	case *ast.Blockquote:
		w.quoted++
		w.children(n)
		w.quoted--
	case *ast.List:
		w.listDepth++
		w.children(n)
		w.listDepth--
	case *ast.Paragraph, *ast.TextBlock:
		kind := document.Paragraph
		if w.listDepth > 0 {
			kind = document.ListItem
		}
		w.prose(n, kind, w.listDepth)
	case *ast.Heading:
		w.prose(n, document.Heading, n.Level)
	case *ast.FencedCodeBlock:
		w.fenced(n)
	case *ast.CodeBlock:
		lines := n.Lines()
		start := n.Pos()
		if lines.Len() > 0 && (start < 0 || start > lines.At(0).Start) {
			start = lines.At(0).Start
		}
		end := start
		if lines.Len() > 0 {
			end = trimRightSpace(w.src, lines.At(0).Start, lines.At(lines.Len()-1).Stop)
		}
		w.add(document.Block{Kind: document.CodeBlock, Span: w.span(start, end)})
	case *ast.HTMLBlock:
		w.html(n)
	case *ast.ThematicBreak:
		start := n.Pos()
		if start >= 0 {
			w.add(document.Block{Kind: document.ThematicBreak, Span: w.span(start, lineContentEnd(w.src, start))})
		}
	case *east.Table:
		for row := n.FirstChild(); row != nil; row = row.NextSibling() {
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				w.prose(cell, document.TableCell, 0)
			}
		}
	default:
		if n.Type() == ast.TypeBlock {
			w.children(n)
		}
	}
}

func (w *mdWalker) children(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.block(c)
	}
}

// add appends a block with the current blockquote depth.
func (w *mdWalker) add(b document.Block) {
	b.Quoted = w.quoted
	w.blocks = append(w.blocks, b)
}

// span returns a clamped span.
func (w *mdWalker) span(start, end int) document.Span {
	start = max(0, min(start, len(w.src)))
	end = max(start, min(end, len(w.src)))
	return document.Span{Start: start, End: end}
}

// prose adds a prose block for a paragraph, heading or table cell.
func (w *mdWalker) prose(n ast.Node, kind document.BlockKind, level int) {
	// The block's lines, all of them even where some were hidden from
	// the inline parse (see plainlines.go).
	h, hidden := w.plain[n.Lines()]
	lines := h.all
	if !hidden {
		lines = n.Lines().Sliced(0, n.Lines().Len())
	}
	if len(lines) == 0 && kind != document.Heading {
		return
	}
	var start, end int
	if len(lines) > 0 {
		start = lines[0].Start
		end = trimRightSpace(w.src, start, lines[len(lines)-1].Stop)
	} else {
		start = n.Pos()
		if start < 0 {
			return
		}
		end = start
	}
	contentEnd := end
	if h, ok := n.(*ast.Heading); ok {
		if pos := h.Pos(); pos >= 0 && pos < len(w.src) && pos <= start {
			if w.src[pos] == '#' {
				end = lineContentEnd(w.src, max(pos, end))
			} else if len(lines) > 0 {
				// Setext: the underline is the next line.
				end = lineContentEnd(w.src, nextLine(w.src, end))
			}
			start = pos
		}
	}
	// The list marker belongs to an item's first block.
	if li, ok := n.Parent().(*ast.ListItem); ok && li.FirstChild() == n {
		if pos := li.Pos(); pos >= 0 && pos < start {
			start = pos
		}
	}
	w.tb.reset()
	if hidden {
		// The hidden lines before and after the ones goldmark parsed
		// (all of them for a plain block). The inline nodes end where
		// the first hidden line after them starts, as they would end
		// at the Text node goldmark would have made of it.
		w.plainText(lines[:h.from])
		if h.from < h.to {
			visibleEnd := contentEnd
			if h.to < len(lines) {
				visibleEnd = lines[h.to].Start
			}
			w.inlines(n, visibleEnd)
		}
		w.plainText(lines[h.to:])
	} else {
		w.inlines(n, contentEnd)
	}
	// A GFM alert marker ("> [!NOTE]") opening a blockquote is markup.
	if bq, ok := n.Parent().(*ast.Blockquote); ok && bq.FirstChild() == n {
		if k := alertMarkerLen(w.tb.buf); k > 0 {
			w.tb.dropPrefix(k)
		}
	}
	w.tb.finish(len(w.blocks))
	w.add(document.Block{Kind: kind, Span: w.span(start, end), Level: level})
}

// inlines adds the prose of n's inline children; end is where n's content
// ends in the source.
func (w *mdWalker) inlines(n ast.Node, end int) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			c = w.textRun(t)
			continue
		}
		switch c := c.(type) {
		case *ast.String:
			// Synthesized text with no place in the source.
		case *ast.RawHTML:
			segs := c.Segments
			if segs.Len() == 0 {
				continue
			}
			s, e := segs.At(0).Start, segs.At(segs.Len()-1).Stop
			w.tb.placeholder(s, e)
			w.comments(s, e)
		case *ast.CodeSpan:
			s := inlineStart(c)
			if s < 0 {
				s = w.lastSrc()
			}
			e := codeSpanEnd(w.src, s, end)
			if e < 0 {
				e = inlineEnd(c, end)
			}
			w.tb.placeholder(s, max(s, e))
		case *ast.AutoLink, *ast.Image:
			s := inlineStart(c)
			if s < 0 {
				s = w.lastSrc()
			}
			w.tb.placeholder(s, max(s, inlineEnd(c, end)))
		case *east.TaskCheckBox:
			// Not prose.
		default:
			w.inlines(c, inlineEnd(c, end))
		}
	}
}

// plainText adds the prose of plain lines whose inline parse was skipped
// (see plainlines.go), as textRun would for the Text nodes goldmark would
// have made of them: one per line, never merged with the next since every
// line but the last ends in a line break.
func (w *mdWalker) plainText(lines []text.Segment) {
	for _, seg := range lines {
		n, soft, hard := plainLine(w.gsrc[seg.Start:seg.Stop])
		w.tb.prose(seg.Start, seg.Start+n)
		if soft || hard {
			w.tb.lineBreak(seg.Start + n)
		}
	}
}

// alertMarkerLen returns the length of a GFM alert marker ("[!NOTE]",
// "[!WARNING]", …) and the line break after it at the start of text, or 0.
func alertMarkerLen(text []byte) int {
	if len(text) < 4 || text[0] != '[' || text[1] != '!' {
		return 0
	}
	i := 2
	for i < len(text) && isAlpha(text[i]) {
		i++
	}
	if i == 2 || i >= len(text) || text[i] != ']' {
		return 0
	}
	i++
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	if i < len(text) && text[i] != '\n' {
		return 0
	}
	if i < len(text) {
		i++
	}
	return i
}

// textRun adds the prose of t and of the text nodes that continue it in the
// source (goldmark splits text where it tried and dropped a delimiter), so
// that a URL is found whole, and returns the last node of the run.
func (w *mdWalker) textRun(t *ast.Text) ast.Node {
	s, e := t.Segment.Start, t.Segment.Stop
	for !t.SoftLineBreak() && !t.HardLineBreak() {
		next, ok := t.NextSibling().(*ast.Text)
		if !ok || next.Segment.Start != e || next.IsRaw() {
			break
		}
		t = next
		e = t.Segment.Stop
	}
	w.tb.prose(s, e)
	if t.SoftLineBreak() || t.HardLineBreak() {
		w.tb.lineBreak(t.Segment.Stop)
	}
	return t
}

// lastSrc returns the source end of the last piece added.
func (w *mdWalker) lastSrc() int {
	if n := len(w.tb.pieces); n > 0 {
		return w.tb.pieces[n-1].SrcEnd
	}
	return 0
}

// inlineStart returns where inline node n starts in the source, or -1.
func inlineStart(n ast.Node) int {
	switch n := n.(type) {
	case *ast.Text:
		return n.Segment.Start
	case *ast.RawHTML:
		if n.Segments.Len() > 0 {
			return n.Segments.At(0).Start
		}
	}
	pos := n.Pos()
	// Linkify records the position of the character before the URL,
	// which the preceding text holds.
	if prev, ok := n.PreviousSibling().(*ast.Text); ok && prev.Segment.Stop > pos {
		pos = prev.Segment.Stop
	}
	return pos
}

// inlineEnd returns where inline node n ends: where the next sibling
// starts, or parentEnd.
func inlineEnd(n ast.Node, parentEnd int) int {
	switch n := n.(type) {
	case *ast.Text:
		return n.Segment.Stop
	case *ast.RawHTML:
		if n.Segments.Len() > 0 {
			return n.Segments.At(n.Segments.Len() - 1).Stop
		}
	}
	if next := n.NextSibling(); next != nil {
		if s := inlineStart(next); s >= 0 && s <= parentEnd {
			return s
		}
	}
	return parentEnd
}

// maxContainerDepth is the deepest nesting of blockquote and list markers
// on one line that goldmark is given.
const maxContainerDepth = 32

// deepContainers returns, for each line of doc whose leading blockquote
// and list markers nest deeper than maxDepth, the span from the first
// marker beyond maxDepth to the end of the markers. It visits the line
// starts of doc's line table.
func deepContainers(doc *document.Document, maxDepth int) []document.Span {
	src := doc.Source
	var out []document.Span
	for n := 1; n <= doc.LineCount(); n++ {
		i, depth, cut := doc.LineStart(n), 0, -1
		for {
			for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
				i++
			}
			if i >= len(src) {
				break
			}
			k := 0
			switch c := src[i]; {
			case c == '>':
				k = 1
			case c == '-' || c == '*' || c == '+':
				if i+1 < len(src) && (src[i+1] == ' ' || src[i+1] == '\t') {
					k = 1
				}
			case c >= '0' && c <= '9':
				e := i
				for e < len(src) && e-i < 9 && src[e] >= '0' && src[e] <= '9' {
					e++
				}
				if e+1 < len(src) && (src[e] == '.' || src[e] == ')') && (src[e+1] == ' ' || src[e+1] == '\t') {
					k = e + 1 - i
				}
			}
			if k == 0 {
				break
			}
			depth++
			if depth == maxDepth+1 {
				cut = i
			}
			i += k
		}
		if cut >= 0 {
			out = append(out, document.Span{Start: cut, End: i})
		}
	}
	return out
}

// codeSpanEnd returns the end of the code span opening at src[start:]:
// just past the next run of exactly as many backticks as open it, before
// limit; or -1.
func codeSpanEnd(src []byte, start, limit int) int {
	limit = min(limit, len(src))
	n := 0
	for start+n < limit && src[start+n] == '`' {
		n++
	}
	if n == 0 {
		return -1
	}
	for i := start + n; i < limit; {
		if src[i] != '`' {
			i++
			continue
		}
		j := i
		for j < limit && src[j] == '`' {
			j++
		}
		if j-i == n {
			return j
		}
		i = j
	}
	return -1
}

// fenced adds a fenced code block, closing fence included.
func (w *mdWalker) fenced(n *ast.FencedCodeBlock) {
	start := n.Pos()
	lines := n.Lines()
	if start < 0 {
		if lines.Len() == 0 {
			return
		}
		start = lines.At(0).Start
	}
	start = min(start, len(w.src))
	// The fence character and length.
	fs := start
	for fs < len(w.src) && (w.src[fs] == ' ' || w.src[fs] == '\t') {
		fs++
	}
	if fs >= len(w.src) {
		w.add(document.Block{Kind: document.CodeBlock, Span: w.span(start, len(w.src))})
		return
	}
	fch := w.src[fs]
	flen := 0
	for fs+flen < len(w.src) && w.src[fs+flen] == fch {
		flen++
	}
	last := lineContentEnd(w.src, start)
	if lines.Len() > 0 {
		last = lines.At(lines.Len() - 1).Stop
		if last > 0 && last <= len(w.src) && w.src[last-1] == '\n' {
			last--
		}
	}
	end := lineContentEnd(w.src, last)
	// A closing fence on the next line, after container markers.
	if nl := nextLine(w.src, last); nl < len(w.src) {
		i := nl
		for i < len(w.src) && (w.src[i] == ' ' || w.src[i] == '\t' || w.src[i] == '>') {
			i++
		}
		k := 0
		for i+k < len(w.src) && w.src[i+k] == fch {
			k++
		}
		if k >= flen && trimRightSpace(w.src, i+k, lineContentEnd(w.src, i+k)) == i+k {
			end = i + k
		}
	}
	w.add(document.Block{Kind: document.CodeBlock, Span: w.span(start, end)})
}

// html adds an HTML block and any directives in its comments.
func (w *mdWalker) html(n *ast.HTMLBlock) {
	lines := n.Lines()
	start := n.Pos()
	if lines.Len() > 0 && (start < 0 || start > lines.At(0).Start) {
		start = lines.At(0).Start
	}
	if start < 0 {
		return
	}
	end := start
	if lines.Len() > 0 {
		end = lines.At(lines.Len() - 1).Stop
	}
	if n.HasClosure() {
		end = max(end, n.ClosureLine.Stop)
	}
	end = trimRightSpace(w.src, start, min(end, len(w.src)))
	w.add(document.Block{Kind: document.HTMLBlock, Span: w.span(start, end)})
	w.comments(start, end)
}

// comments records the directives in the HTML comments within
// src[start:end].
func (w *mdWalker) comments(start, end int) {
	end = min(end, len(w.src))
	for start < end {
		i := bytes.Index(w.src[start:end], commentOpen)
		if i < 0 {
			return
		}
		cs := start + i
		j := bytes.Index(w.src[cs+len(commentOpen):end], commentClose)
		if j < 0 {
			return
		}
		ce := cs + len(commentOpen) + j + len(commentClose)
		if d, ok := parseDirective(w.src[cs+len(commentOpen) : ce-len(commentClose)]); ok {
			d.Span = document.Span{Start: cs, End: ce}
			d.Line = w.doc.Line(cs)
			w.doc.Directives = append(w.doc.Directives, d)
		}
		start = ce
	}
}

// fixOverlaps clamps block ends so that no block runs into the next.
func fixOverlaps(blocks []document.Block) {
	for i := 0; i+1 < len(blocks); i++ {
		if next := blocks[i+1].Span.Start; blocks[i].Span.End > next {
			blocks[i].Span.End = max(blocks[i].Span.Start, next)
		}
	}
}

// lineContentEnd returns the end of the line containing off, before its
// line ending and trailing white space.
func lineContentEnd(src []byte, off int) int {
	off = max(0, min(off, len(src)))
	i := off
	for i < len(src) && src[i] != '\n' {
		i++
	}
	return trimRightSpace(src, off, i)
}

// nextLine returns the offset of the line after the one containing off.
func nextLine(src []byte, off int) int {
	off = max(0, min(off, len(src)))
	i := bytes.IndexByte(src[off:], '\n')
	if i < 0 {
		return len(src)
	}
	return off + i + 1
}

// trimRightSpace returns end moved back past ASCII white space, not before
// start.
func trimRightSpace(src []byte, start, end int) int {
	end = min(end, len(src))
	for end > start && (isBlankByte(src[end-1]) || src[end-1] == '\n') {
		end--
	}
	return end
}
