package parse

import (
	"github.com/galley-lint/galley/internal/document"
)

// textBuilder accumulates the prose Text of a document's blocks and the
// Pieces that map it to the source. All blocks share one text buffer and
// one piece slice, so a document costs a few allocations, not a few per
// block: reset starts a block, finish ends it, and done hands out each
// block's Text and Pieces as slices of the shared storage.
type textBuilder struct {
	src    []byte
	all    []byte           // the text of every finished block, then the current one
	buf    []byte           // the current block's text: all[base:]
	base   int              // where the current block starts in all
	pieces []document.Piece // the current block's pieces (Text offsets relative to base)
	allP   []document.Piece // the pieces of every finished block
	spans  []textSpan       // per finished block
}

// textSpan locates one block's text and pieces in the shared storage.
type textSpan struct {
	block             int // index in document.Blocks
	text, textEnd     int
	pieces, piecesEnd int
}

// init prepares the builder for a new document, keeping its storage.
func (t *textBuilder) init(src []byte) {
	t.src = src
	t.all = t.all[:0]
	t.buf = t.all
	t.base = 0
	t.pieces = t.pieces[:0]
	t.allP = t.allP[:0]
	t.spans = t.spans[:0]
}

// reset starts a new block.
func (t *textBuilder) reset() {
	t.all = t.all[:t.base+len(t.buf)]
	t.base = len(t.all)
	t.buf = t.all[t.base:]
	t.pieces = t.pieces[:0]
}

// verbatim appends src[start:end], merging with the previous piece when it
// is verbatim and ends where this one starts. A '\r' ending the range (as
// in a CRLF line ending) is left out. Leading spaces of the block are
// skipped.
func (t *textBuilder) verbatim(start, end int) {
	if end > len(t.src) {
		end = len(t.src)
	}
	for end > start && t.src[end-1] == '\r' {
		end--
	}
	if len(t.buf) == 0 {
		for start < end && isBlankByte(t.src[start]) {
			start++
		}
	}
	if start >= end {
		return
	}
	if n := len(t.pieces); n > 0 {
		p := &t.pieces[n-1]
		if p.Verbatim && p.SrcEnd == start {
			t.append(t.src[start:end])
			p.TextEnd = len(t.buf)
			p.SrcEnd = end
			return
		}
	}
	tstart := len(t.buf)
	t.append(t.src[start:end])
	t.pieces = append(t.pieces, document.Piece{Text: tstart, TextEnd: len(t.buf), Src: start, SrcEnd: end, Verbatim: true})
}

// synthetic appends s as a non-verbatim piece mapped to [start, end).
func (t *textBuilder) synthetic(s string, start, end int) {
	if n := len(t.pieces); n > 0 {
		// Keep pieces sorted in the source even if a caller's estimate
		// of a construct's extent runs backwards.
		if last := t.pieces[n-1].SrcEnd; start < last {
			start = last
		}
	}
	if end < start {
		end = start
	}
	tstart := len(t.buf)
	t.appendString(s)
	t.pieces = append(t.pieces, document.Piece{Text: tstart, TextEnd: len(t.buf), Src: start, SrcEnd: end})
}

// placeholder appends document.Placeholder mapped to [start, end).
func (t *textBuilder) placeholder(start, end int) {
	t.synthetic(string(document.Placeholder), start, end)
}

// lineBreak appends a "\n" piece mapped to the first line ending at or
// after off ("\n" or "\r\n"). Nothing is appended at the start of a block
// or after another line break.
func (t *textBuilder) lineBreak(off int) {
	if len(t.buf) == 0 || t.buf[len(t.buf)-1] == '\n' {
		return
	}
	nl := off
	for nl < len(t.src) && t.src[nl] != '\n' {
		nl++
	}
	if nl >= len(t.src) {
		return
	}
	start := nl
	if start > off && t.src[start-1] == '\r' {
		start--
	}
	if start == nl {
		// A bare "\n": verbatim, and merged with a contiguous piece.
		t.verbatim(nl, nl+1)
		return
	}
	t.synthetic("\n", start, nl+1)
}

// finish trims trailing line breaks and blanks of the current block,
// records its text and pieces for block index bi of the document and
// returns its text (valid until the next call that adds text).
func (t *textBuilder) finish(bi int) []byte {
	for len(t.pieces) > 0 {
		p := &t.pieces[len(t.pieces)-1]
		end := p.TextEnd
		if p.Verbatim {
			for end > p.Text && (isBlankByte(t.buf[end-1]) || t.buf[end-1] == '\n') {
				end--
			}
			p.SrcEnd -= p.TextEnd - end
		} else if t.buf[p.Text] == '\n' {
			end = p.Text
		}
		if end == p.Text {
			t.pieces = t.pieces[:len(t.pieces)-1]
			t.buf = t.buf[:end]
			continue
		}
		p.TextEnd = end
		t.buf = t.buf[:end]
		break
	}
	t.all = t.all[:t.base+len(t.buf)]
	if len(t.pieces) == 0 {
		t.buf = t.buf[:0]
		return nil
	}
	text := t.buf
	ps := len(t.allP)
	t.allP = append(t.allP, t.pieces...)
	t.spans = append(t.spans, textSpan{block: bi, text: t.base, textEnd: len(t.all), pieces: ps, piecesEnd: len(t.allP)})
	t.base = len(t.all)
	t.buf = t.all[t.base:]
	t.pieces = t.pieces[:0]
	return text
}

// dropPrefix removes the first n bytes of the current block's text, which
// must end at a piece boundary or inside a verbatim piece.
func (t *textBuilder) dropPrefix(n int) {
	if n <= 0 || n > len(t.buf) {
		return
	}
	k := 0
	for k < len(t.pieces) && t.pieces[k].TextEnd <= n {
		k++
	}
	if k < len(t.pieces) && t.pieces[k].Text < n && !t.pieces[k].Verbatim {
		return // would split a placeholder
	}
	t.pieces = append(t.pieces[:0], t.pieces[k:]...)
	if len(t.pieces) > 0 && t.pieces[0].Text < n {
		cut := n - t.pieces[0].Text
		t.pieces[0].Text += cut
		t.pieces[0].Src += cut
	}
	for i := range t.pieces {
		t.pieces[i].Text -= n
		t.pieces[i].TextEnd -= n
	}
	m := copy(t.buf, t.buf[n:])
	t.buf = t.buf[:m]
	t.all = t.all[:t.base+m]
}

// unfinish takes back the block recorded by the last finish, which must
// have returned text, leaving the builder ready for a new block.
func (t *textBuilder) unfinish() {
	sp := t.spans[len(t.spans)-1]
	t.spans = t.spans[:len(t.spans)-1]
	t.allP = t.allP[:sp.pieces]
	t.all = t.all[:sp.text]
	t.base = sp.text
	t.buf = t.all[t.base:]
	t.pieces = t.pieces[:0]
}

// done sets Text and Pieces of the finished blocks, with one string and
// one piece slice shared by all. The piece slice is a copy unless reuse is
// set: then it is the builder's own, valid until the next init.
func (t *textBuilder) done(blocks []document.Block, reuse bool) {
	t.all = t.all[:t.base]
	text := string(t.all)
	pieces := t.allP
	if !reuse {
		pieces = make([]document.Piece, len(t.allP))
		copy(pieces, t.allP)
	}
	for _, sp := range t.spans {
		b := &blocks[sp.block]
		b.Text = text[sp.text:sp.textEnd]
		b.Pieces = pieces[sp.pieces:sp.piecesEnd:sp.piecesEnd]
	}
}

// append adds bytes to the current block's text, keeping buf a view of
// all.
func (t *textBuilder) append(p []byte) {
	t.all = append(t.all[:t.base+len(t.buf)], p...)
	t.buf = t.all[t.base:]
}

// appendString is append for a string.
func (t *textBuilder) appendString(s string) {
	t.all = append(t.all[:t.base+len(t.buf)], s...)
	t.buf = t.all[t.base:]
}

func isBlankByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}
