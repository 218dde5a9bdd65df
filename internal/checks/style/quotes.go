package style

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
)

// markRole says what a quotation-mark character does in its context.
type markRole int

const (
	// roleOther is a prime (6'2", 12"), an elision ('90s, ’em, ‘n’) or a
	// mark whose role cannot be told: it is neither quote nor apostrophe.
	roleOther markRole = iota
	// roleApostrophe is an apostrophe: a mark inside a word (don't, O’Neil)
	// or after one with no quotation open (readers’, Chris').
	roleApostrophe
	roleOpening
	roleClosing
)

// quoteMark is one quotation-mark character in a block's Text.
type quoteMark struct {
	start, end int  // offsets in Block.Text
	r          rune // the character
	double     bool // a double mark (" “ ”) rather than a single one
	curly      bool // typographic rather than straight
	role       markRole
	// unmatched is set on an opening mark never closed in its block and on
	// a closing double mark with nothing to close.
	unmatched bool
}

// isQuote reports whether the mark acts as a quotation mark.
func (m *quoteMark) isQuote() bool { return m.role == roleOpening || m.role == roleClosing }

// quoteRunes are the characters the quote mechanisms look at.
const quoteRunes = "\"'“”‘’„"

// openingContext is punctuation after which a mark opens a quotation.
const openingContext = "([{<—–-/=“‘„«"

// closingContext is punctuation before which a mark closes a quotation.
const closingContext = ".,;:!?)]}>…—–-/”’»\"'“‘"

// quoteScanner classifies quotation marks; it holds the elision words
// (lower case, without their apostrophe) that a leading apostrophe may
// start, such as "em" for 'em and "n" for 'n'.
type quoteScanner struct {
	elisions map[string]bool
	// key identifies the scanner's results among the document's shared
	// values: scanners with the same elisions classify alike.
	key quoteKey
}

// quoteKey is the check.Memo key of a document's quotation marks as
// classified with one set of elisions (sorted, joined by NUL bytes).
type quoteKey struct{ elisions string }

func newQuoteScanner(elisions []string) *quoteScanner {
	s := &quoteScanner{elisions: make(map[string]bool, len(elisions))}
	for _, e := range elisions {
		e = strings.ToLower(strings.TrimSpace(e))
		e = strings.TrimLeft(e, quoteRunes)
		e = strings.TrimRight(e, quoteRunes)
		if e != "" {
			s.elisions[e] = true
		}
	}
	sorted := make([]string, 0, len(s.elisions))
	for e := range s.elisions {
		sorted = append(sorted, e)
	}
	slices.Sort(sorted)
	s.key = quoteKey{elisions: strings.Join(sorted, "\x00")}
	return s
}

// docMarks are the quotation marks of a document's prose blocks, in one
// backing array (all) reused, with the scan's scratch, for the next
// document once the memo releases them to pool.
type docMarks struct {
	blocks         [][]quoteMark
	all            []quoteMark
	stack, doubles []int
	pool           *pools
}

// Release hands m's storage back to its pool (check.Releaser); nothing
// may use m afterwards. Findings keep spans and runes, not marks.
func (m *docMarks) Release() {
	if m.pool != nil {
		m.pool.marks.Put(m)
	}
}

// marks returns the quotation marks of every prose block of the document
// (indexed like prose.blocks), scanned once per document for quote-balance
// and mixed-quotes alike (the prose and the marks in storage from pools).
func (s *quoteScanner) marks(pass *check.Pass, pools *pools) [][]quoteMark {
	return pass.Shared(s.key, func() any {
		p := sharedProse(pass, pools)
		var m *docMarks
		if pools != nil {
			m, _ = pools.marks.Get().(*docMarks)
		}
		if m == nil {
			m = &docMarks{pool: pools}
		}
		m.blocks, m.all = m.blocks[:0], m.all[:0]
		for _, t := range p.texts {
			start := len(m.all)
			m.all, m.stack, m.doubles = s.appendMarks(m.all, m.stack, m.doubles, t)
			var marks []quoteMark // nil for a block without marks, as scan returns
			if len(m.all) > start {
				marks = m.all[start:len(m.all):len(m.all)]
			}
			m.blocks = append(m.blocks, marks)
		}
		return m
	}).(*docMarks).blocks
}

// wordish reports whether r is part of a word for quoting purposes; a
// placeholder (inline code, a URL) counts, so `x`'s is an apostrophe.
func wordish(r rune) bool { return isWordRune(r) || r == document.Placeholder }

// elisionAfter reports whether the word starting at text[off] begins with a
// digit ('90s) or is a listed elision ('em, 'tis).
func (s *quoteScanner) elisionAfter(text string, off int) bool {
	r := runeAt(text, off)
	if unicode.IsDigit(r) {
		return true
	}
	end := off
	for end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		if !unicode.IsLetter(r) {
			break
		}
		end += size
	}
	return end > off && s.elisions[strings.ToLower(text[off:end])]
}

// scan classifies every quotation-mark character of text and pairs opening
// marks with closing ones. Double marks pair with double marks and single
// with single, whatever their style (‘Letting Go' is balanced; the mix is
// for mixed-quotes to report). A single closing mark only closes when the
// innermost open quotation is a single one; otherwise it is an apostrophe
// (“The writers’ room”).
//
// Only the bytes a quotation mark can start with are visited: the straight
// marks and 0xE2, the first byte of “ ” ‘ ’ and „ in UTF-8. 0xE2 is never a
// continuation byte, so jumping from one such byte to the next visits
// every place a rune-by-rune scan would find a mark.
func (s *quoteScanner) scan(text string) []quoteMark {
	marks, _, _ := s.appendMarks(nil, nil, nil, text)
	return marks
}

// appendMarks appends the marks of text (scan) to marks, using stack and
// doubles (emptied first) as scratch; it returns all three for reuse.
func (s *quoteScanner) appendMarks(marks []quoteMark, stack, doubles []int, text string) ([]quoteMark, []int, []int) {
	// stack holds indexes into marks of open quotations, doubles
	// positions in stack of the open double marks.
	stack, doubles = stack[:0], doubles[:0]
	singleOnTop := func() bool {
		return len(stack) > 0 && !marks[stack[len(stack)-1]].double
	}
	lastEnd, lastRole := -1, roleOther
	find := newByteFinder(text, '"', '\'', 0xE2)
	for off := 0; off < len(text); {
		if off = find.from(off); off >= len(text) {
			break
		}
		r, size := utf8.DecodeRuneInString(text[off:])
		if !strings.ContainsRune(quoteRunes, r) {
			off += size
			continue
		}
		// The commonest mark, an apostrophe between two ASCII letters or
		// digits (don't, don’t), is one whatever the context: classify
		// returns roleApostrophe for ' and ’ between word runes.
		if (r == '\'' || r == '’') && off > 0 && off+size < len(text) && asciiAlnum(text[off-1]) && asciiAlnum(text[off+size]) {
			marks = append(marks, quoteMark{start: off, end: off + size, r: r, curly: r == '’', role: roleApostrophe})
			lastEnd, lastRole = off+size, roleApostrophe
			off += size
			continue
		}
		m := quoteMark{start: off, end: off + size, r: r, double: r == '"' || r == '“' || r == '”' || r == '„', curly: r != '"' && r != '\''}
		prev, next := runeBefore(text, off), runeAt(text, off+size)
		open := prev < 0 || unicode.IsSpace(prev) || strings.ContainsRune(openingContext, prev) ||
			(lastEnd == off && lastRole == roleOpening)
		if prev == '"' || prev == '\'' {
			open = lastEnd == off && lastRole == roleOpening
		}
		closeCtx := next < 0 || unicode.IsSpace(next) || strings.ContainsRune(closingContext, next)
		m.role = s.classify(&m, text, prev, next, open, closeCtx, len(doubles) > 0, singleOnTop())

		switch m.role {
		case roleOpening:
			if m.double {
				doubles = append(doubles, len(stack))
			}
			stack = append(stack, len(marks))
		case roleClosing:
			switch {
			case m.double && len(doubles) > 0:
				// Single marks opened inside this quotation and still open
				// were never closed.
				i := doubles[len(doubles)-1]
				for _, j := range stack[i+1:] {
					marks[j].unmatched = true
				}
				stack, doubles = stack[:i], doubles[:len(doubles)-1]
			case m.double:
				m.unmatched = true
			case singleOnTop():
				stack = stack[:len(stack)-1]
			default:
				m.role = roleApostrophe
			}
		}
		marks = append(marks, m)
		lastEnd, lastRole = m.end, m.role
		off += size
	}
	for _, j := range stack {
		marks[j].unmatched = true
	}
	return marks, stack, doubles
}

// classify decides the role of one mark from its neighbours: prev and next
// are the runes around it (-1 at the ends), open says the mark follows
// white space or opening punctuation, closeCtx that white space or closing
// punctuation follows it, and doubleOpen and singleOpen whether a double
// quotation is open anywhere or a single one is innermost.
func (s *quoteScanner) classify(m *quoteMark, text string, prev, next rune, open, closeCtx, doubleOpen, singleOpen bool) markRole {
	after := m.end
	switch m.r {
	case '„':
		return roleOpening // „low-9“ as in German and Romanian
	case '“':
		if closeCtx && (doubleOpen || (!open && wordish(prev))) {
			return roleClosing // a misdirected closing mark: said “hi“
		}
		return roleOpening
	case '”':
		if open && !closeCtx {
			return roleOpening // a misdirected opening mark: ”Hi”
		}
		return roleClosing
	case '"':
		switch {
		case isolated(prev, next) && !doubleOpen:
			return roleOther // a mark named as a character: (namely ', ", <)
		case unicode.IsDigit(prev) && !open:
			// 12" is an inch mark unless a quotation is open: "1"
			if doubleOpen {
				return roleClosing
			}
			return roleOther
		case open && !closeCtx:
			return roleOpening
		case !open && closeCtx:
			return roleClosing
		case doubleOpen:
			return roleClosing
		default:
			return roleOpening
		}
	case '‘':
		switch {
		case s.elisionAfter(text, after):
			return roleOther // ‘90s, rock ‘n’ roll
		case wordish(prev) && wordish(next):
			return roleApostrophe // don‘t
		case closeCtx && singleOpen:
			return roleClosing // a misdirected closing mark: ‘=‘
		case !open && closeCtx:
			return roleApostrophe
		}
		return roleOpening
	case '’':
		switch {
		case wordish(prev) && wordish(next):
			return roleApostrophe // don’t, O’Neil
		case open && !closeCtx:
			// ’90s, ’em, or an opening mark in the wrong direction: an
			// elision cannot be told from a misdirected mark, so neither.
			return roleOther
		case singleOpen:
			return roleClosing
		case wordish(prev):
			return roleApostrophe // readers’
		}
		return roleOther
	default: // '\''
		switch {
		case isolated(prev, next) && !singleOpen:
			return roleOther
		case wordish(prev) && wordish(next):
			return roleApostrophe // don't, `x`'s
		case unicode.IsDigit(prev):
			if singleOpen && closeCtx {
				return roleClosing
			}
			return roleOther // 5' (feet)
		case open && !closeCtx:
			if s.elisionAfter(text, after) {
				return roleOther // '90s, 'em
			}
			return roleOpening
		case !open && closeCtx:
			if singleOpen {
				return roleClosing
			}
			if wordish(prev) {
				return roleApostrophe // Chris'
			}
			return roleOther
		case singleOpen:
			return roleClosing // 'WebPush ' or end.'Next
		}
		return roleOther
	}
}

// asciiAlnum reports whether c is an ASCII letter or digit.
func asciiAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isolated reports whether a straight mark stands alone after white space
// (or the start) and before a list separator or the end, as when it is
// named as a character rather than used ("namely ', ", <").
func isolated(prev, next rune) bool {
	return (prev < 0 || unicode.IsSpace(prev)) && (next < 0 || next == ',' || next == ';' || next == ')')
}
