package style

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
)

// repeatedLineOptions are the options of the repeated-line kind.
type repeatedLineOptions struct {
	// Window is how many lines after a line its repeat is reported
	// (default 3: the repeat starts at most 3 lines further down).
	Window int `yaml:"window"`
	// MinChars and MinWords are the least a normalised line must have to
	// count (defaults 10 and 2).
	MinChars int `yaml:"min_chars"`
	MinWords int `yaml:"min_words"`
	// Markers are characters stripped from the start of a line before
	// comparing (bullets such as "•" that plain text keeps in prose).
	Markers string `yaml:"markers"`
	// RelatedMessage labels the related span at the first occurrence.
	RelatedMessage string `yaml:"related_message"`
}

// repeatedLineData is what repeated-line messages can use.
type repeatedLineData struct {
	Text     string // the repeated line as written the second time
	Line     int    // the line of the first occurrence
	Distance int    // how many lines further down the repeat is
}

func repeatedLineKind() check.Kind {
	return check.Kind{
		Name: "repeated-line",
		Doc: `Reports a line of prose repeated within a few lines of itself, as a
byline copied twice or a pasted sentence, with a related span at the
first occurrence. Whole source lines are compared after stripping
punctuation (bullets, list and heading markers) at the ends, folding case
and collapsing white space, so lines differing in code or link targets do
not match. Lines count when they are units: long enough, not starting in
lower case, not ending with a colon, and in soft-wrapped Markdown
paragraphs whole sentences. Table cells are not compared.

Message data: {{.Text}}, {{.Line}}, {{.Distance}}. Options: window
(default 3 lines), min_chars (default 10), min_words (default 2), markers
(extra bullet characters), related_message.`,
		Build: buildRepeatedLine,
	}
}

// proseLine is one line of prose that counts.
type proseLine struct {
	// key is the line's whole source line normalised (see appendLineKey),
	// as keys[key.Start:key.End] of the document's key buffer.
	key  document.Span
	line int
	span document.Span
	text string
	// list is the index of the list the line's item belongs to: it
	// changes whenever a shallower item or a non-item block comes between
	// items. -1 outside lists.
	list int
}

func buildRepeatedLine(spec *check.Spec) (*check.Check, error) {
	opts := repeatedLineOptions{Window: 3, MinChars: 10, MinWords: 2}
	if err := decodeOptions(spec, &opts); err != nil {
		return nil, err
	}
	msg, err := newMessage[repeatedLineData](spec.ID+" message", spec.Message, `This line repeats line {{.Line}}.`)
	if err != nil {
		return nil, err
	}
	related, err := newMessage[repeatedLineData](spec.ID+" related_message", opts.RelatedMessage, `first occurrence here`)
	if err != nil {
		return nil, err
	}
	c := check.New(spec)
	c.Run = func(pass *check.Pass) error {
		lines, keys := proseLines(pass.Doc, sharedProse(pass), opts)
		key := func(l proseLine) []byte { return keys[l.key.Start:l.key.End] }
		for i, l := range lines {
			for j := i - 1; j >= 0 && l.line-lines[j].line <= opts.Window; j-- {
				if lines[j].line == l.line || !bytes.Equal(key(lines[j]), key(l)) {
					continue
				}
				// The same item in two sibling lists is parallel
				// structure ("If specified: 1. ARIA selector…", "If not
				// specified: 1. ARIA selector…"), not a repeat.
				if l.list >= 0 && lines[j].list >= 0 && l.list != lines[j].list {
					continue
				}
				data := repeatedLineData{Text: l.text, Line: lines[j].line, Distance: l.line - lines[j].line}
				pass.Report(check.Diagnostic{
					Span:    l.span,
					Message: msg.format(data),
					Related: []check.RelatedSpan{{Span: lines[j].span, Message: related.format(data)}},
				})
				break
			}
		}
		return nil
	}
	return c, nil
}

// proseLines splits the document's prose blocks into lines, keeping those
// long enough to count, and returns them with the buffer holding their
// keys.
func proseLines(doc *document.Document, p *prose, opts repeatedLineOptions) ([]proseLine, []byte) {
	var out []proseLine
	var keys []byte
	trim := func(r rune) bool {
		return r == 0 || unicode.IsSpace(r) || unicode.IsPunct(r) || r == document.Placeholder || strings.ContainsRune(opts.Markers, r)
	}
	// open holds the lists open at each depth: a new list starts after a
	// non-item block, and a new sublist under each item of its parent.
	type openList struct{ level, id int }
	var open []openList
	nextID := 0
	for bi, b := range p.blocks {
		list := -1
		if b.Kind == document.ListItem {
			for len(open) > 0 && open[len(open)-1].level > b.Level {
				open = open[:len(open)-1]
			}
			if len(open) == 0 || open[len(open)-1].level < b.Level {
				open = append(open, openList{b.Level, nextID})
				nextID++
			}
			list = open[len(open)-1].id
		} else {
			open = open[:0]
		}
		if b.Kind == document.TableCell {
			continue
		}
		text := p.texts[bi]
		// In Markdown, paragraphs are soft-wrapped: a line is a unit only
		// when it is a whole block or a whole sentence (it starts the
		// block or follows a terminator, and ends the block or with a
		// terminator).
		wrapped := doc.Format == document.Markdown
		prevEnds := true
		for start := 0; start < len(text); {
			end := strings.IndexByte(text[start:], '\n')
			if end < 0 {
				end = len(text)
			} else {
				end += start
			}
			raw := text[start:end]
			startsUnit := prevEnds
			ends := endsSentence(raw)
			label := strings.HasSuffix(strings.TrimRightFunc(raw, unicode.IsSpace), ":")
			prevEnds = ends || label
			if wrapped && (!startsUnit || (end < len(text) && !ends)) {
				start = end + 1
				continue
			}
			s := start + len(raw) - len(strings.TrimLeftFunc(raw, trim))
			e := start + len(strings.TrimRightFunc(raw, trim))
			// A line starting in lower case continues a wrapped sentence
			// ("and above by default."), and a line ending with a colon is
			// a label for what follows ("Chromium issue:"): neither is a
			// unit of its own.
			if s < e && !unicode.IsLower(runeAt(text, s)) && !label {
				line := text[s:e]
				if utf8.RuneCountInString(line) < opts.MinChars || countWords(line) < opts.MinWords {
					start = end + 1
					continue
				}
				// Compare whole source lines, so lines that differ only in
				// code or link targets ("`$a` - Access as normal.",
				// "[Source code](…/a.cc)") are not repeats.
				span := b.SourceSpan(s, e)
				lineNo := doc.Line(span.Start)
				ls := doc.LineSpan(lineNo)
				src := bytes.TrimLeftFunc(bytes.TrimRightFunc(doc.Source[ls.Start:ls.End], trim), trim)
				k := len(keys)
				keys = appendLineKey(keys, src)
				out = append(out, proseLine{key: document.Span{Start: k, End: len(keys)}, line: lineNo, span: span, text: line, list: list})
			}
			start = end + 1
		}
	}
	return out, keys
}

// appendLineKey appends the comparison key of a source line to dst: its
// fields (runs of non-space) joined by one space and lower-cased, exactly
// strings.ToLower(strings.Join(strings.Fields(line), " ")) (which turns
// an invalid UTF-8 byte into U+FFFD when the line is not all ASCII), but
// without allocating.
func appendLineKey(dst, line []byte) []byte {
	space := false // a space is owed before the next field
	start := len(dst)
	for i := 0; i < len(line); {
		c := line[i]
		if c < utf8.RuneSelf {
			i++
			if asciiSpace[c] {
				space = len(dst) > start
				continue
			}
			if space {
				dst = append(dst, ' ')
				space = false
			}
			dst = append(dst, lowerByte(c))
			continue
		}
		r, size := utf8.DecodeRune(line[i:])
		i += size
		if unicode.IsSpace(r) {
			space = len(dst) > start
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// asciiSpace marks the ASCII bytes unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// countWords counts the words of text that hold no digit, without
// allocating.
func countWords(text string) int {
	n := 0
	in, digits := false, false
	for _, r := range text {
		switch {
		case isWordRune(r):
			if !in {
				in, digits = true, false
			}
			if unicode.IsDigit(r) {
				digits = true
			}
		case in && isJoiner(r):
			// stays inside the word if a word rune follows; a trailing
			// joiner ends it at the next non-word rune anyway
		default:
			if in && !digits {
				n++
			}
			in = false
		}
	}
	if in && !digits {
		n++
	}
	return n
}
