package style

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/wordscan"
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

func repeatedLineKind(pools *pools) check.Kind {
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
		Build: func(spec *check.Spec) (*check.Check, error) { return buildRepeatedLine(spec, pools) },
	}
}

// proseLine is one line of prose that is a unit of its own: it counts
// when it is also long enough (see counts).
type proseLine struct {
	line int
	span document.Span
	text string
	// src is the whole source line with punctuation trimmed at both ends;
	// its key (sameLineKey) is what is compared. first and last are the
	// first and last runes of the key (-1 when it is empty): lines whose
	// keys differ there need no key built.
	src         []byte
	first, last rune
	// list is the index of the list the line's item belongs to: it
	// changes whenever a shallower item or a non-item block comes between
	// items. -1 outside lists.
	list int
	// long caches counts: 0 not yet known, 1 yes, -1 no.
	long int8
}

// counts reports whether the line has at least min_chars characters and
// min_words words, computing it on first use.
func (l *proseLine) counts(opts repeatedLineOptions) bool {
	if l.long == 0 {
		// A line of fewer bytes than min_chars has fewer characters.
		l.long = -1
		if len(l.text) >= opts.MinChars && utf8.RuneCountInString(l.text) >= opts.MinChars && countWords(l.text) >= opts.MinWords {
			l.long = 1
		}
	}
	return l.long > 0
}

// keyEnds returns the first and last runes of src's key: src is trimmed
// of white space, so they are its own first and last runes in lower case
// (an invalid byte is U+FFFD, as in the key).
func keyEnds(src []byte) (first, last rune) {
	if len(src) == 0 {
		return -1, -1
	}
	f, _ := utf8.DecodeRune(src)
	l, _ := utf8.DecodeLastRune(src)
	return unicode.ToLower(f), unicode.ToLower(l)
}

func buildRepeatedLine(spec *check.Spec, pools *pools) (*check.Check, error) {
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
	// The trimmer is read only once built, so every document shares it.
	trim := newLineTrimmer(opts.Markers)
	c := check.New(spec)
	c.Run = func(pass *check.Pass) error {
		lines := proseLines(pools.getLines(), pass.Doc, sharedProse(pass, pools), opts, trim)
		defer pools.putLines(lines)
		// Keys are compared only for pairs of lines that may repeat each
		// other, rune by rune (sameLineKey), before the lines' lengths are
		// counted: most such pairs differ within a few runes.
		for i := range lines {
			l := &lines[i]
			for j := i - 1; j >= 0 && l.line-lines[j].line <= opts.Window; j-- {
				o := &lines[j]
				// Equal keys start and end with the same runes.
				if o.line == l.line || o.first != l.first || o.last != l.last {
					continue
				}
				// A pair is reported only when both lines count and their
				// keys are equal; a line that does not count is never
				// reported, so the search for its repeat ends there.
				if !sameLineKey(o.src, l.src) {
					continue
				}
				if !l.counts(opts) {
					break
				}
				if !o.counts(opts) {
					continue
				}
				// The same item in two sibling lists is parallel
				// structure ("If specified: 1. ARIA selector…", "If not
				// specified: 1. ARIA selector…"), not a repeat.
				if l.list >= 0 && o.list >= 0 && l.list != o.list {
					continue
				}
				data := repeatedLineData{Text: l.text, Line: o.line, Distance: l.line - o.line}
				pass.Report(check.Diagnostic{
					Span:    l.span,
					Message: msg.format(data),
					Related: []check.RelatedSpan{{Span: o.span, Message: related.format(data)}},
				})
				break
			}
		}
		return nil
	}
	return c, nil
}

// getLines returns an empty slice of lines, with the storage of lines
// handed back by putLines if there are some (nil for nil pools).
func (pl *pools) getLines() []proseLine {
	if pl == nil {
		return nil
	}
	if b, ok := pl.lines.Get().(*[]proseLine); ok {
		return (*b)[:0]
	}
	return nil
}

// putLines hands the storage of lines back for the next document; nothing
// may use lines afterwards (findings keep only their text, block text the
// engine lets checks keep, and spans).
func (pl *pools) putLines(lines []proseLine) {
	if pl != nil && cap(lines) > 0 {
		pl.lines.Put(&lines)
	}
}

// proseLines splits the document's prose blocks into lines, keeping those
// that are units of their own, appended to out[:0].
func proseLines(out []proseLine, doc *document.Document, p *prose, opts repeatedLineOptions, trim *lineTrimmer) []proseLine {
	// About one line a block is a unit (a block's lines are mostly one
	// soft-wrapped paragraph); append grows the rest.
	out = out[:0]
	if cap(out) < len(p.blocks) {
		out = make([]proseLine, 0, len(p.blocks))
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
			label := endsWithColon(raw)
			prevEnds = ends || label
			if wrapped && (!startsUnit || (end < len(text) && !ends)) {
				start = end + 1
				continue
			}
			s := start + trimLeft(trim, raw)
			e := start + trimRight(trim, raw)
			// A line starting in lower case continues a wrapped sentence
			// ("and above by default."), and a line ending with a colon is
			// a label for what follows ("Chromium issue:"): neither is a
			// unit of its own.
			if s < e && !unicode.IsLower(runeAt(text, s)) && !label {
				line := text[s:e]
				// Compare whole source lines, so lines that differ only in
				// code or link targets ("`$a` - Access as normal.",
				// "[Source code](…/a.cc)") are not repeats.
				span := b.SourceSpan(s, e)
				lineNo := doc.Line(span.Start)
				ls := doc.LineSpan(lineNo)
				src := doc.Source[ls.Start:ls.End]
				src = src[:trimRight(trim, src)]
				src = src[trimLeft(trim, src):]
				first, last := keyEnds(src)
				out = append(out, proseLine{line: lineNo, span: span, text: line, src: src, first: first, last: last, list: list})
			}
			start = end + 1
		}
	}
	return out
}

// sameLineKey reports whether two source lines have the same key:
// strings.ToLower(strings.Join(strings.Fields(line), " ")) (which turns
// an invalid UTF-8 byte into U+FFFD when the line is not all ASCII),
// reading the keys rune by rune and stopping at the first that differs.
// The keys are UTF-8 encodings of their runes, so they are equal exactly
// when their runes are.
func sameLineKey(a, b []byte) bool {
	ka, kb := keyReader{line: a}, keyReader{line: b}
	for {
		ra, rb := ka.next(), kb.next()
		if ra != rb {
			return false
		}
		if ra < 0 {
			return true
		}
	}
}

// keyReader reads the runes of a source line's key (see sameLineKey) one
// at a time, without building it.
type keyReader struct {
	line []byte
	i    int
	// space is set when a space is owed before the next field, and
	// field once a field has been read.
	space, field bool
}

// next returns the key's next rune, or -1 at its end.
func (k *keyReader) next() rune {
	for k.i < len(k.line) {
		c := k.line[k.i]
		r, size := rune(c), 1
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				k.i++
				k.space = k.field
				continue
			}
			r = rune(lowerByte(c))
		} else {
			r, size = utf8.DecodeRune(k.line[k.i:])
			if unicode.IsSpace(r) {
				k.i += size
				k.space = k.field
				continue
			}
			r = unicode.ToLower(r)
		}
		if k.space {
			k.space = false
			return ' ' // the rune is read on the next call
		}
		k.i += size
		k.field = true
		return r
	}
	return -1
}

// asciiSpace marks the ASCII bytes unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// lineTrimmer trims what repeated-line strips from the ends of a line:
// NUL (masked template tags), white space, punctuation, placeholders and
// the configured markers. ASCII bytes are looked up in a table.
type lineTrimmer struct {
	markers string
	ascii   [utf8.RuneSelf]bool
}

func newLineTrimmer(markers string) *lineTrimmer {
	t := &lineTrimmer{markers: markers}
	for c := range rune(utf8.RuneSelf) {
		t.ascii[c] = t.trims(c)
	}
	return t
}

// trims reports whether r is stripped.
func (t *lineTrimmer) trims(r rune) bool {
	// The placeholder first: lines often end with one (inline code).
	return r == 0 || r == document.Placeholder || unicode.IsSpace(r) || unicode.IsPunct(r) || strings.ContainsRune(t.markers, r)
}

// trimLeft returns the offset of the first rune of s not stripped by t
// (len(s) if none), as len(s)-len(strings.TrimLeftFunc(s, t.trims)), for a
// line of block text or of the source.
func trimLeft[S ~string | ~[]byte](t *lineTrimmer, s S) int {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if !t.ascii[c] {
				return i
			}
			i++
			continue
		}
		// A rune takes at most UTFMax bytes, so only those are converted
		// (on the stack, for a byte slice).
		r, size := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
		if !t.trims(r) {
			return i
		}
		i += size
	}
	return len(s)
}

// trimRight returns the end of the last rune of s not stripped by t (0 if
// none), as len(strings.TrimRightFunc(s, t.trims)), for a line of block
// text or of the source.
func trimRight[S ~string | ~[]byte](t *lineTrimmer, s S) int {
	for k := len(s); k > 0; {
		if c := s[k-1]; c < utf8.RuneSelf {
			if !t.ascii[c] {
				return k
			}
			k--
			continue
		}
		// DecodeLastRune looks back at most UTFMax bytes.
		r, size := utf8.DecodeLastRuneInString(string(s[max(0, k-utf8.UTFMax):k]))
		if !t.trims(r) {
			return k
		}
		k -= size
	}
	return 0
}

// endsWithColon reports whether s ends with ':' before any trailing white
// space.
func endsWithColon(s string) bool {
	for k := len(s); k > 0; {
		if c := s[k-1]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				return c == ':'
			}
			k--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(s[:k])
		if !unicode.IsSpace(r) {
			return false
		}
		k -= size
	}
	return false
}

// countWords counts the words of text that hold no digit, without
// allocating. ASCII bytes are classified by table lookup.
func countWords(text string) int {
	n := 0
	in, digits := false, false
	for i := 0; i < len(text); {
		word, digit, joiner := false, false, false
		if letter, dig, join, ascii := wordscan.ASCIIClass(text[i]); ascii {
			word, digit, joiner = letter || dig, dig, join
			i++
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			word, digit, joiner = isWordRune(r), unicode.IsDigit(r), isJoiner(r)
			i += size
		}
		switch {
		case word:
			if !in {
				in, digits = true, false
			}
			if digit {
				digits = true
			}
		case in && joiner:
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
