package boilerplate

import (
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/document"
)

// line is what the classifier knows about one source line.
type line struct {
	n     int           // 1-based line number
	span  document.Span // without the line ending
	raw   string
	blank bool
	lineCtx
	// visible is the text a reader sees: markup, URLs and list markers
	// removed, link text kept.
	visible string
	// words of visible, as written (letters and digits).
	words []string
	// norm is the lower-case words joined by single spaces.
	norm string
	// linkChars counts the visible characters that are link text.
	linkChars int
	links     int
	// anchorLinks counts links to fragments of the same page (#...).
	anchorLinks int
	// separators counts breadcrumb separators (› » > | /) between words.
	separators int
	// terminal is true when the visible text ends a sentence.
	terminal bool
	// template is true for template or shortcode syntax ({% … %}, {{ … }}).
	template bool
	// long lines (over maxLineBytes) are never residue.
	long bool
}

// lineCtx is what a line's block says about it (see markBlocks).
type lineCtx struct {
	// candidate is false for lines inside code, front matter, HTML or
	// tables, and for Markdown lines outside every block (link reference
	// definitions); such lines are never residue and end residue blocks.
	candidate bool
	// heading is true for Markdown headings.
	heading bool
	// inProse is true when the line is part of a multi-line prose block
	// that holds a real sentence.
	inProse bool
	// code is true for lines of code blocks.
	code bool
}

// maxLineBytes is the longest line the classifier considers residue.
const maxLineBytes = 320

// splitWords returns the runs of letters and digits of s (apostrophes
// inside words are kept).
func splitWords(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) ||
			((r == '\'' || r == '’') && start >= 0 && i+utf8.RuneLen(r) < len(s) && isLetterAt(s, i+utf8.RuneLen(r)))
		if word {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// hasWords reports whether len(splitWords(s)) >= n, counting only as far
// as it needs to.
//
// It counts eight bytes at a time while they are ASCII without an
// apostrophe, as wordTokenStats does (there a word is a run of letters
// and digits), and goes on byte by byte from the first eight that are
// not.
func hasWords(s string, n int) bool {
	if n <= 0 {
		return true
	}
	c := 0
	var prev uint64 // high bit of byte 0 set: the byte before is a letter or digit
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if x&hiBits != 0 || hasByte(x, '\'') {
			break
		}
		alnum, _ := alnumBits(x)
		c += bits.OnesCount64(alnum &^ (alnum<<8 | prev))
		if c >= n {
			return true
		}
		prev = alnum >> 56
	}
	in := prev != 0
	for i < len(s) {
		b := s[i]
		if b < utf8.RuneSelf && b != '\'' {
			word := asciiAlnum[b]
			if word && !in {
				if c++; c >= n {
					return true
				}
			}
			in = word
			i++
			if word {
				// The rest of an ASCII run of letters and digits changes
				// nothing: skip it.
				for i < len(s) && normKeepAny[s[i]] {
					i++
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		word := unicode.IsLetter(r) || unicode.IsDigit(r) ||
			((r == '\'' || r == '’') && in && i+utf8.RuneLen(r) < len(s) && isLetterAt(s, i+utf8.RuneLen(r)))
		if word && !in {
			if c++; c >= n {
				return true
			}
		}
		in = word
		i += size
	}
	return false
}

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// normalize lower-cases s and joins its letter and digit runs with single
// spaces, so phrases match regardless of punctuation and markup.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if pending && b.Len() > 0 {
				b.WriteByte(' ')
			}
			pending = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		pending = true
	}
	return b.String()
}

// separators counts breadcrumb separators standing alone between words.
func separators(s string) int {
	n := 0
	for f := range strings.FieldsSeq(s) {
		switch f {
		case "›", "»", ">", "|", "/", "·", "•", "–", "→", "::":
			n++
		}
	}
	return n
}

// isTemplate reports template or shortcode syntax ({% … %}, {{ … }}, :::).
func isTemplate(raw string) bool {
	return strings.Contains(raw, "{%") || strings.Contains(raw, "%}") || strings.Contains(raw, "{{") ||
		strings.Contains(raw, "}}") || strings.HasPrefix(strings.TrimSpace(raw), ":::")
}

// endsSentence reports whether s ends with sentence punctuation (closing
// quotes and brackets aside: " \t\"'”’)]*_»"), in a string or in bytes.
func endsSentence[T string | []byte](s T) bool {
	i := len(s)
	for i > 0 {
		switch c := s[i-1]; {
		case c == ' ' || c == '\t' || c == '"' || c == '\'' || c == ')' || c == ']' || c == '*' || c == '_':
			i--
		case c >= utf8.RuneSelf:
			// The last rune is decided by its last UTFMax bytes.
			r, size := utf8.DecodeLastRuneInString(string(s[max(0, i-utf8.UTFMax):i]))
			if r == '”' || r == '’' || r == '»' {
				i -= size
				continue
			}
			return r == '…'
		default:
			return c == '.' || c == '!' || c == '?'
		}
	}
	return false
}

// countLetters counts letters in s.
func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// readLines builds the line table of doc with block context.
func readLines(doc *document.Document, sentenceWords int) []line {
	n := doc.LineCount()
	lines := make([]line, n)
	for i := range lines {
		sp := doc.LineSpan(i + 1)
		raw := doc.Text(sp)
		if !utf8.ValidString(raw) {
			raw = strings.ToValidUTF8(raw, "\uFFFD")
		}
		lines[i] = line{n: i + 1, span: sp, raw: raw, blank: strings.TrimSpace(raw) == ""}
		lines[i].candidate = !lines[i].blank
	}
	// Block context first: code lines are never residue, so they take the
	// cheap path below instead of the markup stripping prose lines need.
	markBlocks(doc, len(lines), func(i int) *lineCtx { return &lines[i].lineCtx }, sentenceWords, nil)
	for i := range lines {
		l := lines[i]
		raw := l.raw
		switch {
		case l.blank:
		case l.code:
			// Code is never residue; its neighbours need only its words.
			l.visible = raw
			l.words = strings.Fields(raw)
			l.terminal = endsSentence(raw)
		case len(raw) > maxLineBytes:
			// A long line is prose (or data), never residue: keep what
			// the neighbours need and skip the markup work.
			l.long = true
			l.visible = raw
			l.words = strings.Fields(raw)
			l.terminal = endsSentence(raw)
		default:
			l.visible, l.linkChars, l.links, l.anchorLinks = visibleText(raw)
			l.words = splitWords(l.visible)
			l.norm = normalize(l.visible)
			l.terminal = endsSentence(l.visible)
			if l.links >= 2 {
				l.separators = separators(l.visible)
			}
			l.template = isTemplate(raw)
			if len(l.words) == 0 || l.template {
				l.candidate = false
			}
		}
		lines[i] = l
	}
	return lines
}

// markBlocks records block context: lines in non-prose blocks and tables
// are not candidates, Markdown headings are marked, and lines of
// multi-line blocks that hold a real sentence are marked inProse.
//
// ctx returns the context of the line at index i (line i+1) of n.
// covered is a buffer to reuse (nil for none); markBlocks returns the
// one it used.
func markBlocks(doc *document.Document, n int, ctx func(i int) *lineCtx, sentenceWords int, covered []bool) []bool {
	if len(doc.Blocks) == 0 {
		return covered
	}
	covered = slices.Grow(covered[:0], n)[:n]
	clear(covered)
	// Blocks come in source order: their lines are found walking the
	// line starts forward from the previous block's first line.
	cursor := 1
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		if b.Span.End < b.Span.Start {
			continue
		}
		first := lineFrom(doc, cursor, b.Span.Start)
		cursor = first
		last := lineFrom(doc, first, max(b.Span.Start, b.Span.End-1))
		prose := b.Kind == document.Paragraph || b.Kind == document.ListItem || b.Kind == document.Heading
		realSentence := prose && first != last && hasRealSentence(b, sentenceWords)
		for ln := first; ln <= last && ln <= n; ln++ {
			l := ctx(ln - 1)
			covered[ln-1] = true
			switch {
			case b.Kind == document.Heading:
				// Plain-text headings are guesses of the parser; the
				// classifier makes its own (see plainHeading).
				l.heading = doc.Format == document.Markdown
			case !prose:
				l.candidate = false
				l.code = b.Kind == document.CodeBlock
			}
			if realSentence {
				l.inProse = true
			}
		}
	}
	if doc.Format == document.Markdown {
		for i := range n {
			if !covered[i] {
				ctx(i).candidate = false
			}
		}
	}
	return covered
}

// lineFrom returns doc.Line(off), looking from line n on when line n
// starts at or before off.
func lineFrom(doc *document.Document, n, off int) int {
	if n < 1 || off < doc.LineStart(n) {
		return doc.Line(off)
	}
	count := doc.LineCount()
	for n < count && doc.LineStart(n+1) <= off {
		n++
	}
	return n
}

// hasRealSentence reports whether a block's text holds a sentence of at
// least minWords words that ends with sentence punctuation.
func hasRealSentence(b *document.Block, minWords int) bool {
	text := b.Text
	if len(b.Sentences) > 0 {
		for _, s := range b.Sentences {
			if s.Start < 0 || int(s.End) > len(text) || s.Start > s.End {
				continue
			}
			t := text[s.Start:s.End]
			if n := len(t); n == 0 || t[n-1] >= utf8.RuneSelf || asciiSpace[t[n-1]] {
				// Only then can trimming change what follows: white
				// space before the words neither ends a sentence nor
				// makes a word.
				t = strings.TrimSpace(t)
			}
			if endsSentence(t) && hasWords(t, minWords) {
				return true
			}
		}
		return false
	}
	// No segmentation: look for a terminal mark after enough words.
	words := 0
	for _, f := range strings.Fields(text) {
		words++
		if endsSentence(f) {
			if words >= minWords {
				return true
			}
			words = 0
		}
	}
	return false
}
