package parse

import (
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/document"
)

// Plain-text heading heuristics: a title-like line has at most
// maxHeadingWords words (maxTitleWords for the file's first line, which is
// usually the article's title) and maxHeadingBytes bytes.
const (
	maxHeadingWords = 12
	maxTitleWords   = 20
	maxHeadingBytes = 160
)

// txtLine is one line of a plain-text file: [start, end) is its content
// with leading and trailing whitespace removed, next the offset of the
// following line.
type txtLine struct {
	start, end int
	lineStart  int
	next       int
}

func (l txtLine) blank() bool { return l.start >= l.end }

// parsePlainText splits doc.Source into blank-line-separated paragraphs,
// title-like headings and list items, appended to sc.blocks. It never
// interprets Markdown.
func parsePlainText(doc *document.Document, sc *scratch) {
	src := doc.Source
	lines := splitLines(sc.lines[:0], src, doc.BOM)
	sc.lines = lines
	tb := &sc.tb

	type para struct{ first, last int } // line indexes, inclusive
	var paras []para
	for i := 0; i < len(lines); {
		if lines[i].blank() {
			i++
			continue
		}
		j := i
		for j+1 < len(lines) && !lines[j+1].blank() {
			j++
		}
		paras = append(paras, para{i, j})
		i = j + 1
	}

	var indents []int // marker indentation of the enclosing list items
	for pi, pr := range paras {
		indents = indents[:0]
		i := pr.first
		for i <= pr.last {
			l := lines[i]
			if isThematicLine(src[l.start:l.end]) {
				sc.blocks = append(sc.blocks, document.Block{Kind: document.ThematicBreak, Span: document.Span{Start: l.start, End: l.end}})
				i++
				continue
			}
			// A title underlined with "===" or "---" on the next line.
			if i+1 <= pr.last && listMarkerLen(src[l.start:l.end]) == 0 {
				if lvl := underlineLevel(src[lines[i+1].start:lines[i+1].end]); lvl > 0 {
					tb.reset()
					tb.prose(l.start, l.end)
					text := tb.finish(len(sc.blocks))
					if titleLike(text, maxTitleWords) {
						sc.blocks = append(sc.blocks, document.Block{Kind: document.Heading, Level: lvl, Span: document.Span{Start: l.start, End: lines[i+1].end}})
						i += 2
						continue
					}
					if text != nil {
						// Not a title after all: take back its text.
						tb.unfinish()
					}
				}
			}
			// A run of lines: a list item (marker line plus following
			// non-marker lines) or a paragraph (lines up to the next marker).
			kind := document.Paragraph
			contentStart := l.start
			if m := listMarkerLen(src[l.start:l.end]); m > 0 {
				kind = document.ListItem
				contentStart = l.start + m
			}
			j := i
			for j+1 <= pr.last {
				nl := lines[j+1]
				if listMarkerLen(src[nl.start:nl.end]) > 0 || isThematicLine(src[nl.start:nl.end]) {
					break
				}
				j++
			}
			tb.reset()
			tb.prose(contentStart, l.end)
			for k := i + 1; k <= j; k++ {
				tb.lineBreak(lines[k-1].end)
				tb.prose(lines[k].start, lines[k].end)
			}
			text := tb.finish(len(sc.blocks))
			b := document.Block{Kind: kind, Span: document.Span{Start: l.start, End: lines[j].end}}
			if kind == document.ListItem {
				// Items indented further than an earlier item of the
				// paragraph nest inside it.
				ind := l.start - l.lineStart
				for len(indents) > 0 && indents[len(indents)-1] >= ind {
					indents = indents[:len(indents)-1]
				}
				indents = append(indents, ind)
				b.Level = len(indents)
			} else if i == pr.first && j == pr.last && i == j && pi+1 < len(paras) {
				first := pi == 0 && isFirstLine(lines, i)
				maxWords := maxHeadingWords
				if first {
					maxWords = maxTitleWords
				}
				if titleLike(text, maxWords) {
					b.Kind = document.Heading
					b.Level = 2
					if first {
						b.Level = 1
					}
				}
			}
			sc.blocks = append(sc.blocks, b)
			i = j + 1
		}
	}
}

// isFirstLine reports whether line i is the first non-blank line of the file.
func isFirstLine(lines []txtLine, i int) bool {
	for k := 0; k < i; k++ {
		if !lines[k].blank() {
			return false
		}
	}
	return true
}

// splitLines splits src into lines with surrounding whitespace trimmed.
func splitLines(lines []txtLine, src []byte, bomLen int) []txtLine {
	start := bomLen
	for start <= len(src) {
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		next := end + 1
		s, e := trimSpace(src, start, end)
		lines = append(lines, txtLine{start: s, end: e, lineStart: start, next: next})
		if end >= len(src) {
			break
		}
		start = next
	}
	return lines
}

// trimSpace narrows [s, e) of src past leading and trailing white space
// (ASCII and Unicode, such as NO-BREAK SPACE).
func trimSpace(src []byte, s, e int) (int, int) {
	for s < e {
		c := src[s]
		if c < utf8.RuneSelf {
			if !isBlankByte(c) {
				break
			}
			s++
			continue
		}
		r, size := utf8.DecodeRune(src[s:e])
		if !unicode.IsSpace(r) && r != '\uFEFF' {
			break
		}
		s += size
	}
	for e > s {
		c := src[e-1]
		if c < utf8.RuneSelf {
			if !isBlankByte(c) {
				break
			}
			e--
			continue
		}
		r, size := utf8.DecodeLastRune(src[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}

// listMarkerLen returns the length of a list marker ("- ", "* ", "• ",
// "1. ", "12) ") and the white space after it at the start of line, or 0.
func listMarkerLen(line []byte) int {
	n := 0
	switch {
	case len(line) >= 1 && (line[0] == '-' || line[0] == '*' || line[0] == '+'):
		n = 1
	case len(line) >= 3 && line[0] == 0xE2 && line[1] == 0x80 && (line[2] == 0xA2 || line[2] == 0xA3): // • ‣
		n = 3
	case len(line) >= 1 && line[0] >= '0' && line[0] <= '9':
		for n < len(line) && n < 3 && line[n] >= '0' && line[n] <= '9' {
			n++
		}
		if n >= len(line) || (line[n] != '.' && line[n] != ')') {
			return 0
		}
		n++
	default:
		return 0
	}
	if n >= len(line) || (line[n] != ' ' && line[n] != '\t') {
		return 0
	}
	for n < len(line) && (line[n] == ' ' || line[n] == '\t') {
		n++
	}
	return n
}

// isThematicLine reports whether a trimmed line is a separator such as
// "---", "* * *" or "=====".
func isThematicLine(line []byte) bool {
	var ch byte
	count := 0
	for _, c := range line {
		switch c {
		case ' ', '\t':
			continue
		case '-', '*', '_', '=', '~', '#':
			if ch != 0 && c != ch {
				return false
			}
			ch = c
			count++
		default:
			return false
		}
	}
	return count >= 3
}

// titleLike reports whether a one-line paragraph looks like a title: at
// most maxWords words, without terminal sentence punctuation, starting with
// a capital letter, a digit or an opening quote or bracket.
func titleLike(text []byte, maxWords int) bool {
	if len(text) == 0 || len(text) > maxHeadingBytes {
		return false
	}
	switch text[len(text)-1] {
	case '.', ',', ';', ':':
		return false
	}
	first, _ := utf8.DecodeRune(text)
	if unicode.IsLower(first) || !(unicode.IsLetter(first) || unicode.IsDigit(first) || isOpener(first)) {
		return false
	}
	words, inWord, letters := 0, false, 0
	for _, r := range string(text) {
		if unicode.IsSpace(r) {
			inWord = false
			continue
		}
		if !inWord {
			words++
			inWord = true
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0 && words <= maxWords
}

// isOpener reports whether r is an opening quote or bracket.
func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '(', '[', '‘', '“', '«':
		return true
	}
	return false
}

// underlineLevel returns 1 for a line of "=" and 2 for a line of "-" (at
// least three), and 0 otherwise.
func underlineLevel(line []byte) int {
	if len(line) < 3 {
		return 0
	}
	c := line[0]
	if c != '=' && c != '-' {
		return 0
	}
	for _, b := range line {
		if b != c {
			return 0
		}
	}
	if c == '=' {
		return 1
	}
	return 2
}
