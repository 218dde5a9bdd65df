package citation

import (
	"strings"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/document"
)

// mayCite reports whether text could hold a citation or a reference
// entry: a year or "n.d." after a parenthesis, comma, full stop or space
// with a parenthesis somewhere, or a bracket before a digit. It is the
// fast path that keeps articles that cite nothing nearly free.
//
// It says what a scan of every byte would (mayCiteRef in the tests,
// FuzzMayCite), with the standard library's vectorised searches: the
// three kinds of cue are independent (a year's digits are never a
// bracket or an n), a bracket or "n.d." counts wherever it is, and a year
// is looked for from each 1 or 2 in turn, skipping the digits of a
// four-digit number that is not one as the scan does.
func mayCite(t string) bool {
	if strings.IndexByte(t, '(') < 0 && strings.IndexByte(t, '[') < 0 {
		// Without brackets only an entry such as "Smith, John. 2019."
		// can matter: it starts with a capital and has a comma early.
		if t == "" || t[0] < 'A' || t[0] > 'Z' && t[0] < utf8.RuneSelf {
			return false
		}
		if strings.Index(t[:min(len(t), 102)], ", ") < 0 { // a comma in the first 100 bytes
			return false
		}
	}
	return mayCiteBracketed(t)
}

// undated reports whether t holds an undated year (yearAt: "n.d." or
// "n. d."), looked for at each n before a full stop (full stops are
// rarer than n, which makes strings.Index slow).
func undated(t string) bool {
	for i := 1; i < len(t); i++ {
		j := strings.IndexByte(t[i:], '.')
		if j < 0 {
			return false
		}
		i += j
		if t[i-1] == 'n' && yearAt(t, i-1) > 0 {
			return true
		}
	}
	return false
}

// bracketDigit reports whether a '[' is followed by a digit in t.
func bracketDigit(t string) bool {
	for i := 0; ; {
		j := strings.IndexByte(t[i:], '[')
		if j < 0 {
			return false
		}
		i += j + 1
		if i < len(t) && isDigit(t[i]) {
			return true
		}
	}
}

// hasYear reports whether a scan of t from its start meets a year
// (yearAt) at a 1 or 2 followed by three digits, going on after the
// fourth digit of such a number that is not a year.
func hasYear(t string) bool {
	// next1 and next2 are the next 1 and 2 at or after i (len(t) when
	// there is none).
	next1, next2 := -1, -1
	for i := 0; i+3 < len(t); {
		if next1 < i {
			next1 = indexFrom(t, i, '1')
		}
		if next2 < i {
			next2 = indexFrom(t, i, '2')
		}
		i = min(next1, next2)
		if i+3 >= len(t) {
			return false
		}
		if !isDigit(t[i+1]) || !isDigit(t[i+2]) || !isDigit(t[i+3]) {
			i++
			continue
		}
		if yearAt(t, i) > 0 {
			return true
		}
		i += 4
	}
	return false
}

// indexFrom returns the index of the first c in t at or after i, or
// len(t).
func indexFrom(t string, i int, c byte) int {
	if j := strings.IndexByte(t[i:], c); j >= 0 {
		return i + j
	}
	return len(t)
}

// Analyze parses doc's citations and reference list. It never modifies
// doc and never panics on odd input.
//
// Citations come first, and only from the blocks that may hold one
// (mayHoldCite): a citation starts at a parenthesis or a bracket
// (scanText looks nowhere else), so a block without either holds none,
// and most articles have no block that may hold one. Only an article with citations has the
// candidates of its reference list (mayCite of every prose block,
// headings and blocks without brackets included) computed, for findList.
// This is exact: the former single pass over mayCite's candidates
// (analyzeRef in the tests) found the same citations, since scanText
// finds none in a block mayHoldCite rules out.
func (p *Parser) Analyze(doc *document.Document) *Analysis {
	var cites []Cite
	var citeBlock []int
	var tc []tcite
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		if !b.Kind.IsProse() || b.Kind == document.Heading || !mayHoldCite(b.Text) {
			continue
		}
		tc = p.scanText(b.Text, tc[:0])
		for i := range tc {
			cites = append(cites, mapCite(b, &tc[i]))
			citeBlock = append(citeBlock, bi)
		}
	}
	if len(cites) == 0 {
		return &Analysis{}
	}
	cand := make([]bool, len(doc.Blocks))
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		cand[i] = b.Kind.IsProse() && mayCite(b.Text)
	}
	return p.analyzeCites(doc, cand, cites, citeBlock)
}

// mayHoldCite reports whether scanText may find a citation in t: a
// numeric one needs a bracket before a digit (scanBracket), an
// author–date one a year or "n.d." (yearAt, as mayCite looks for them)
// after the parenthesis it is scanned from (scanParen and parseAD read
// years only between the parenthesis and its end), so after t's first
// parenthesis. A necessary condition, which mayCite is for such a text
// too (its bracketDigit, undated and hasYear, over the whole text).
func mayHoldCite(t string) bool {
	if bracketDigit(t) {
		return true
	}
	p := strings.IndexByte(t, '(')
	return p >= 0 && (undated(t[p:]) || hasYear(t[p:]))
}

// mayCiteBracketed is mayCite of a text with a parenthesis or a bracket.
func mayCiteBracketed(t string) bool {
	return bracketDigit(t) || undated(t) || hasYear(t)
}

// analyzeCites completes the analysis of doc, whose candidate blocks
// (mayCite) are cand, once it has citations (cites, each from the block
// citeBlock holds): its reference list, then which citations count.
func (p *Parser) analyzeCites(doc *document.Document, cand []bool, cites []Cite, citeBlock []int) *Analysis {
	a := &Analysis{}
	list, raws, inList := p.findList(doc, cand)
	if list != nil {
		for _, r := range raws {
			e := p.parseEntry(doc, r)
			if e.Number > 0 {
				list.Numbered = true
			}
			list.Entries = append(list.Entries, e)
		}
		a.List = list
	}
	// Citations inside the reference list are its entries' text.
	kept := cites[:0]
	for i, c := range cites {
		if !inList[citeBlock[i]] {
			kept = append(kept, c)
		}
	}
	cites = kept
	strongAD, numeric := 0, 0
	for _, c := range cites {
		if c.Form == NumericForm {
			numeric++
		} else if c.Strong {
			strongAD++
		}
	}
	// An article without a bibliographic reference list is informal
	// writing: its citation-like text is left alone.
	a.Citing = list != nil && bibliographic(list) > 0 && len(cites) > 0
	if !a.Citing {
		a.List = nil
		return a
	}
	// A bracketed number is a citation in an article with a numbered
	// list, or one that cites nothing else; elsewhere only when every
	// number it names could be an entry.
	for _, c := range cites {
		if c.Form == NumericForm && !list.Numbered && strongAD > 0 && !within(c.Numbers, len(list.Entries)) {
			continue
		}
		a.Cites = append(a.Cites, c)
	}
	a.Problems = problems(a.Cites)
	a.Detected = detect(a)
	return a
}

// within reports whether every number is between 1 and n.
func within(nums []int, n int) bool {
	for _, v := range nums {
		if v < 1 || v > n {
			return false
		}
	}
	return len(nums) > 0
}

// bibliographic counts the entries that look like references.
func bibliographic(l *List) int {
	n := 0
	for _, e := range l.Entries {
		if e.Bibliographic {
			n++
		}
	}
	return n
}

// mapCite maps a citation from text to source coordinates.
func mapCite(b *document.Block, t *tcite) Cite {
	sp := func(s tspan) document.Span { return b.SourceSpan(s.s, s.e) }
	c := Cite{
		Form:        t.form,
		Span:        sp(t.span),
		Group:       sp(t.group),
		Text:        b.Text[t.span.s:t.span.e],
		AuthorsSpan: sp(t.authors),
		EtAl:        t.etAl,
		EtAlPeriod:  t.etAlPeriod,
		Connector:   t.conn.text,
		YearComma:   t.comma,
		CommaSpan:   sp(t.commaAt),
		Locator:     t.locator,
		Primary:     t.primary,
		Possessive:  t.possessive,
		Strong:      t.strong,
		Numbers:     t.numbers,
		Reversed:    t.reversed,
		unclosed:    t.unclosed,
	}
	if t.etAl {
		c.EtAlEnd = b.Source(t.etAlEnd)
	}
	if t.conn.text != "" {
		c.ConnectorSpan = sp(t.conn.tspan)
	}
	for _, n := range t.names {
		c.Authors = append(c.Authors, Name{Text: n.text, Span: sp(n.tspan)})
	}
	for _, y := range t.years {
		c.Years = append(c.Years, Year{Text: y.text, Span: sp(y.tspan)})
	}
	if t.commaSep != nil {
		s := sp(*t.commaSep)
		c.commaSep = &s
	}
	return c
}

// problems collects the style-independent form problems of cites.
func problems(cites []Cite) []Problem {
	var out []Problem
	for _, c := range cites {
		if c.unclosed {
			out = append(out, Problem{Kind: Unclosed, Span: c.Group, Text: c.Text, Strong: c.Strong})
		}
		if c.commaSep != nil {
			out = append(out, Problem{Kind: CommaSeparated, Span: *c.commaSep, Text: c.Text, Strong: c.Strong,
				Fix: &Edit{Span: *c.commaSep, NewText: ";"}})
		}
	}
	return out
}

// detect guesses the article's style from its citations: numeric when it
// cites only by number; Harvard when most parenthetical author–date
// citations omit the comma before the year; APA otherwise.
func detect(a *Analysis) Style {
	comma, noComma, numeric, ad := 0, 0, 0, 0
	for _, c := range a.Cites {
		switch {
		case c.Form == NumericForm:
			numeric++
		case c.Form == Parenthetical:
			ad++
			if c.YearComma {
				comma++
			} else {
				noComma++
			}
		default:
			ad++
		}
	}
	switch {
	case numeric > 0 && ad == 0:
		return Numeric
	case ad == 0 && a.List != nil && a.List.Numbered:
		return Numeric
	case ad == 0:
		return Auto
	case noComma > comma:
		return Harvard
	}
	return APA
}

// Style returns the style to check the article against: configured unless
// that is Auto, else the detected one, else APA.
func (a *Analysis) Style(configured Style) Style {
	if configured != Auto {
		return configured
	}
	if a.Detected != Auto {
		return a.Detected
	}
	return APA
}
