package parse

import (
	"github.com/galley-lint/galley/internal/document"
)

// textBuilder accumulates a block's prose Text and the Pieces that map it
// to the source.
type textBuilder struct {
	src    []byte
	buf    []byte
	pieces []document.Piece
}

func (t *textBuilder) reset() {
	t.buf = t.buf[:0]
	t.pieces = t.pieces[:0]
}

// verbatim appends src[start:end], merging with the previous piece when it
// is verbatim and ends where this one starts. A '\r' ending the range just
// before a '\n' is left out. Leading spaces of the block are skipped.
func (t *textBuilder) verbatim(start, end int) {
	if end > len(t.src) {
		end = len(t.src)
	}
	if end > start && t.src[end-1] == '\r' && end < len(t.src) && t.src[end] == '\n' {
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
			t.buf = append(t.buf, t.src[start:end]...)
			p.TextEnd = len(t.buf)
			p.SrcEnd = end
			return
		}
	}
	tstart := len(t.buf)
	t.buf = append(t.buf, t.src[start:end]...)
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
	t.buf = append(t.buf, s...)
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

// finish trims trailing line breaks and blanks and returns the text and a
// copy of the pieces.
func (t *textBuilder) finish() (string, []document.Piece) {
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
	if len(t.pieces) == 0 {
		return "", nil
	}
	pieces := make([]document.Piece, len(t.pieces))
	copy(pieces, t.pieces)
	return string(t.buf), pieces
}

func isBlankByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}
