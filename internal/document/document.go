// Package document holds galley's document model: an article parsed once
// into blocks of prose with exact byte offsets, sentences and tokens, shared
// by every check.
//
// Offsets are always byte offsets into Document.Source, the file exactly as
// read (including a BOM, if present). Prose text is kept per block in
// Block.Text; Block.Source maps any offset in Block.Text back to Source.
package document

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/finding"
)

// Format is the syntax a document was parsed with.
type Format int

// Formats.
const (
	Markdown Format = iota
	PlainText
)

// String returns "markdown" or "text".
func (f Format) String() string {
	if f == PlainText {
		return "text"
	}
	return "markdown"
}

// Span is a half-open byte range [Start, End) of Document.Source.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// BlockKind says what kind of block holds a piece of prose.
type BlockKind int

// Block kinds. Only Paragraph, Heading, ListItem and TableCell blocks carry
// prose; the others are recorded so checks know where non-prose sits.
const (
	Paragraph BlockKind = iota
	Heading
	ListItem
	TableCell
	CodeBlock
	FrontMatter
	HTMLBlock
	ThematicBreak
)

var blockKindNames = [...]string{"paragraph", "heading", "list-item", "table-cell", "code", "front-matter", "html", "thematic-break"}

// String returns a lower-case name such as "paragraph".
func (k BlockKind) String() string {
	if int(k) < len(blockKindNames) {
		return blockKindNames[k]
	}
	return "unknown"
}

// IsProse reports whether blocks of this kind hold prose.
func (k BlockKind) IsProse() bool { return k <= TableCell }

// Piece maps a run of Block.Text to Source. A verbatim piece maps byte for
// byte; a non-verbatim piece (a placeholder for inline code or a URL, or a
// synthesized line break) maps as a whole to [Src, SrcEnd).
type Piece struct {
	Text     int  // offset in Block.Text where the piece starts
	TextEnd  int  // offset in Block.Text where the piece ends
	Src      int  // offset in Document.Source
	SrcEnd   int  // end offset in Document.Source
	Verbatim bool // text bytes equal source bytes
}

// Placeholder stands in Block.Text for inline code, autolinks, raw inline
// HTML and bare URLs: text that is not prose but occupies a place in a
// sentence. It is U+FFFC OBJECT REPLACEMENT CHARACTER.
const Placeholder = '\uFFFC'

// Block is one structural unit of an article.
type Block struct {
	Kind BlockKind
	// Span covers the whole block in Source, markup included.
	Span Span
	// Level is the heading level (1-6) for headings, the nesting depth
	// (1-based) for list items, and 0 otherwise.
	Level int
	// Quoted is the blockquote depth the block sits in.
	Quoted int
	// Text is the block's prose: inline markup removed, line breaks kept as
	// "\n", non-prose inline content replaced by Placeholder. Empty for
	// non-prose blocks.
	Text string
	// Pieces map Text to Source, sorted and contiguous over Text.
	Pieces []Piece
	// Sentences split Text; offsets are into Text.
	Sentences []Sentence
	// Tokens split Text into words, numbers and punctuation; offsets are
	// into Text. Whitespace is not a token.
	Tokens []Token
}

// Source maps an offset in b.Text to an offset in Document.Source. An
// offset inside a non-verbatim piece maps to that piece's start; the end of
// Text maps to the end of the last piece.
func (b *Block) Source(textOff int) int {
	if len(b.Pieces) == 0 {
		return b.Span.Start
	}
	i := sort.Search(len(b.Pieces), func(i int) bool { return b.Pieces[i].TextEnd > textOff })
	if i == len(b.Pieces) {
		return b.Pieces[len(b.Pieces)-1].SrcEnd
	}
	p := b.Pieces[i]
	if textOff <= p.Text {
		return p.Src
	}
	if p.Verbatim {
		return p.Src + (textOff - p.Text)
	}
	return p.Src
}

// SourceSpan maps the Text range [start, end) to a Source span. A range
// ending inside or at the end of a non-verbatim piece covers the whole
// piece.
func (b *Block) SourceSpan(start, end int) Span {
	s := b.Source(start)
	if end <= start {
		return Span{s, s}
	}
	// Map the last byte of the range and step past it, so that a range
	// ending at a piece boundary does not run into the markup that follows.
	i := sort.Search(len(b.Pieces), func(i int) bool { return b.Pieces[i].TextEnd > end-1 })
	if i == len(b.Pieces) {
		return Span{s, b.Source(end)}
	}
	p := b.Pieces[i]
	if p.Verbatim {
		return Span{s, p.Src + (end - p.Text)}
	}
	return Span{s, p.SrcEnd}
}

// Sentence is a span of Block.Text. Offsets are int32 to halve the size of
// a document's sentence slices: a block's text is always shorter than
// 2 GiB, because parse.CheckInput refuses input larger than
// parse.MaxInputSize (1 GiB).
type Sentence struct {
	Start, End int32
}

// TokenKind classifies a token. It is a byte so that a Token takes 12 bytes.
type TokenKind uint8

// Token kinds.
const (
	Word TokenKind = iota
	Number
	Punct
	Symbol // a Placeholder or any other non-word, non-punctuation rune
)

// Token is a span of Block.Text. Offsets are int32 (see Sentence): a
// token takes 12 bytes, and documents hold millions of them.
type Token struct {
	Start, End int32
	Kind       TokenKind
}

// DirectiveKind is the kind of an inline control comment.
type DirectiveKind int

// Directive kinds, from <!-- galley-disable … -->, <!-- galley-enable … -->
// and <!-- galley-disable-next-line … -->.
const (
	Disable DirectiveKind = iota
	Enable
	DisableNextLine
)

// Directive is an inline control comment found in the document.
type Directive struct {
	Kind DirectiveKind
	// Rules are the rule IDs or globs named; empty means every rule.
	Rules []string
	// Line is the 1-based line the comment starts on.
	Line int
	// Span covers the comment.
	Span Span
}

// Document is one parsed article.
type Document struct {
	// Path is the path reported in findings (slash-separated).
	Path string
	// Format is the syntax the document was parsed as.
	Format Format
	// Source is the file exactly as read.
	Source []byte
	// BOM is the length of a leading UTF-8 byte order mark (0 or 3).
	BOM int
	// Blocks in source order. Containers (lists, blockquotes) are not
	// blocks themselves: each paragraph inside a list item is a ListItem
	// block whose Level is the list depth, and Quoted records blockquote
	// depth. Block spans do not overlap.
	Blocks []Block
	// Directives are the inline control comments, in source order.
	Directives []Directive
	// lineStarts[i] is the offset of the first byte of line i+1.
	lineStarts []int
}

// New returns a Document for src with its line table built and no blocks.
// Parsers fill in Blocks and Directives.
func New(path string, format Format, src []byte) *Document {
	d := &Document{}
	d.Reset(path, format, src)
	return d
}

// Reset makes d what New(path, format, src) returns, reusing the storage
// of d's line table: Blocks and Directives are nil, every other field is
// set anew. It lets a caller that parses documents one after another reuse
// a Document; d must no longer be in use for the source it had.
func (d *Document) Reset(path string, format Format, src []byte) {
	lines := d.lineStarts[:0]
	*d = Document{Path: path, Format: format, Source: src}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		d.BOM = 3
	}
	// Count the lines first (a vectorised scan) so that the table is
	// allocated at most once, at its exact size.
	if n := bytes.Count(src, newline) + 1; cap(lines) < n {
		lines = make([]int, 0, n)
	}
	lines = append(lines, 0)
	for i := 0; ; {
		k := bytes.IndexByte(src[i:], '\n')
		if k < 0 {
			break
		}
		i += k + 1
		lines = append(lines, i)
	}
	d.lineStarts = lines
}

var newline = []byte{'\n'}

// LineCount returns the number of lines (a final line without a newline
// counts; an empty file has one empty line).
func (d *Document) LineCount() int { return len(d.lineStarts) }

// LineStart returns the offset of the first byte of 1-based line n as the
// line table records it (line 1 starts at 0, before any BOM), 0 for n < 1
// and len(Source) for n past the last line.
func (d *Document) LineStart(n int) int {
	switch {
	case n < 1:
		return 0
	case n > len(d.lineStarts):
		return len(d.Source)
	}
	return d.lineStarts[n-1]
}

// LineSpan returns the span of 1-based line n without its line ending
// ("\n" or "\r\n").
func (d *Document) LineSpan(n int) Span {
	if n < 1 || n > len(d.lineStarts) {
		return Span{len(d.Source), len(d.Source)}
	}
	start := d.lineStarts[n-1]
	end := len(d.Source)
	if n < len(d.lineStarts) {
		end = d.lineStarts[n] - 1
	}
	if end > start && d.Source[end-1] == '\r' {
		end--
	}
	if n == 1 {
		start += d.BOM
		if start > end {
			start = end
		}
	}
	return Span{start, end}
}

// Line returns the 1-based line number containing offset off.
func (d *Document) Line(off int) int {
	return sort.Search(len(d.lineStarts), func(i int) bool { return d.lineStarts[i] > off })
}

// Columns returns the 1-based column, in runes and in UTF-16 code units, of
// offset end in src on a line starting at offset start. A character that
// straddles end does not count.
func Columns(src []byte, start, end int) (col, col16 int) {
	ascii := true
	for _, c := range src[start:end] {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return 1 + end - start, 1 + end - start
	}
	col, col16 = 1, 1
	for i := start; i < end; {
		r, size := utf8.DecodeRune(src[i:])
		if i+size > end {
			break
		}
		i += size
		col++
		if r >= 0x10000 {
			col16 += 2
		} else {
			col16++
		}
	}
	return col, col16
}

// Position resolves a byte offset to a finding.Position. Offsets past the
// end clamp to the end; an offset inside a multi-byte character counts as
// that character.
func (d *Document) Position(off int) finding.Position {
	if off < 0 {
		off = 0
	}
	if off > len(d.Source) {
		off = len(d.Source)
	}
	line := d.Line(off)
	start := d.lineStarts[line-1]
	if line == 1 {
		start = min(d.BOM, off)
	}
	col, col16 := Columns(d.Source, start, off)
	return finding.Position{Offset: off, Line: line, Column: col, ColumnUTF16: col16}
}

// Location resolves a span of this document to a finding.Location.
func (d *Document) Location(s Span) finding.Location {
	return finding.Location{Path: d.Path, Start: d.Position(s.Start), End: d.Position(s.End)}
}

// Text returns the source bytes of a span as a string.
func (d *Document) Text(s Span) string {
	if s.Start < 0 || s.End > len(d.Source) || s.Start > s.End {
		return ""
	}
	return string(d.Source[s.Start:s.End])
}

// ProseBlocks returns the blocks that hold prose, in order.
func (d *Document) ProseBlocks() []*Block {
	out := make([]*Block, 0, len(d.Blocks))
	for i := range d.Blocks {
		if d.Blocks[i].Kind.IsProse() {
			out = append(out, &d.Blocks[i])
		}
	}
	return out
}
