package citation

import (
	"strings"
	"unicode/utf8"
)

// tspan is a half-open range of Block.Text.
type tspan struct{ s, e int }

// tname is a name or year as written in Block.Text.
type tname struct {
	text string
	tspan
}

// tcite is a citation in Block.Text coordinates, before mapping to
// source spans.
type tcite struct {
	form                 Form
	span, group, authors tspan
	names                []tname
	etAl, etAlPeriod     bool
	etAlEnd              int
	conn                 tname
	years                []tname
	comma                bool
	commaAt              tspan
	locator              string
	primary, possessive  bool
	strong               bool
	numbers              []int
	reversed             bool
	unclosed             bool
	commaSep             *tspan // the comma before this citation, when it should be ";"
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// spaceBefore reports whether the byte before i is a space (an ASCII
// space or the last byte of U+00A0).
func spaceBefore(t string, i int) bool {
	if i <= 0 {
		return true
	}
	c := t[i-1]
	return isSpaceByte(c) || (c == 0xA0 && i >= 2 && t[i-2] == 0xC2)
}

func skipSpace(t string, i, e int) int {
	for i < e {
		if isSpaceByte(t[i]) {
			i++
			continue
		}
		if t[i] == 0xC2 && i+1 < e && t[i+1] == 0xA0 {
			i += 2
			continue
		}
		break
	}
	return i
}

func trimSpaceLeft(t string, s, e int) int {
	for e > s {
		if isSpaceByte(t[e-1]) {
			e--
			continue
		}
		if t[e-1] == 0xA0 && e-2 >= s && t[e-2] == 0xC2 {
			e -= 2
			continue
		}
		break
	}
	return e
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isAlnumAt(t string, i int) bool {
	if i >= len(t) {
		return false
	}
	c := t[i]
	if c < utf8.RuneSelf {
		return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'z')
	}
	r, _ := utf8.DecodeRuneInString(t[i:])
	return isLetterRune(r)
}

// yearAt returns the length of a year token at t[i:] ("2015", "2019a",
// "n.d.", "n.d.-b"), or 0. The caller checks what precedes.
func yearAt(t string, i int) int {
	if i+4 <= len(t) && isDigit(t[i]) && isDigit(t[i+1]) && isDigit(t[i+2]) && isDigit(t[i+3]) {
		v := int(t[i]-'0')*1000 + int(t[i+1]-'0')*100 + int(t[i+2]-'0')*10 + int(t[i+3]-'0')
		if v < 1500 || v > 2099 {
			return 0
		}
		n := 4
		if i+n < len(t) && t[i+n] >= 'a' && t[i+n] <= 'z' && !isAlnumAt(t, i+n+1) {
			n++
		}
		if isAlnumAt(t, i+n) {
			return 0
		}
		// "2015.3" is a number, "2015-16" a range of years: not a year.
		if i+n+1 < len(t) && (t[i+n] == '.' || t[i+n] == '/') && isDigit(t[i+n+1]) {
			return 0
		}
		return n
	}
	for _, nd := range [...]string{"n.d.", "n. d."} {
		if strings.HasPrefix(t[i:], nd) {
			n := len(nd)
			if i+n+1 < len(t) && t[i+n] == '-' && t[i+n+1] >= 'a' && t[i+n+1] <= 'z' && !isAlnumAt(t, i+n+2) {
				n += 2
			}
			return n
		}
	}
	return 0
}

// hasPrefixFold reports whether t[i:] starts with lower-case prefix pre,
// ignoring case, followed by a space.
func hasPrefixFold(t string, i int, pre string) bool {
	if i+len(pre) >= len(t) {
		return false
	}
	if !strings.EqualFold(t[i:i+len(pre)], pre) {
		return false
	}
	return isSpaceByte(t[i+len(pre)]) || t[i+len(pre)] == 0xC2
}

// skipPrefixes skips "see also", "e.g.," and the like at t[i:].
func (p *Parser) skipPrefixes(t string, i, e int) int {
	for again := true; again; {
		again = false
		for _, pre := range p.prefixes {
			if i+len(pre) < e && hasPrefixFold(t[:e], i, pre) {
				i = skipSpace(t, i+len(pre), e)
				again = true
				break
			}
		}
	}
	return i
}

// locatorAt returns the length of a page or paragraph locator at t[i:]
// ("p. 12", "pp. 12–15", "para. 4", or a bare "12"), or 0.
func (p *Parser) locatorAt(t string, i int) int {
	j := i
	for _, l := range p.locators {
		if strings.HasPrefix(t[i:], l) {
			j = skipSpace(t, i+len(l), len(t))
			break
		}
	}
	k := j
	for k < len(t) && isDigit(t[k]) {
		k++
	}
	if k == j {
		return 0
	}
	// A range: "12–15", "12-15".
	for _, dash := range [...]string{"–", "-", "—"} {
		if strings.HasPrefix(t[k:], dash) && k+len(dash) < len(t) && isDigit(t[k+len(dash)]) {
			k += len(dash)
			for k < len(t) && isDigit(t[k]) {
				k++
			}
			break
		}
	}
	if isAlnumAt(t, k) {
		return 0
	}
	return k - i
}

// parseYears parses "2015", "2015, 2018", "2019a, 2019b" at t[i:e] and an
// optional locator after a comma or colon. It returns the years and the end
// of what it consumed.
func (p *Parser) parseYears(t string, i, e int) (years []tname, locator string, end int) {
	tt := t[:e]
	q := i
	for {
		n := yearAt(tt, q)
		if n == 0 {
			break
		}
		years = append(years, tname{tt[q : q+n], tspan{q, q + n}})
		q += n
		r := skipSpace(tt, q, e)
		if r < e && tt[r] == ',' {
			r2 := skipSpace(tt, r+1, e)
			if yearAt(tt, r2) > 0 {
				q = r2
				continue
			}
		}
		break
	}
	if len(years) == 0 {
		return nil, "", i
	}
	r := skipSpace(tt, q, e)
	if r < e && (tt[r] == ',' || tt[r] == ':') {
		r2 := skipSpace(tt, r+1, e)
		if n := p.locatorAt(tt, r2); n > 0 {
			locator = tt[r2 : r2+n]
			q = r2 + n
		}
	}
	return years, locator, q
}

// parseAD parses one author–date citation in t[s:e] ("see Smith & Lee,
// 2019, p. 12"). It returns the citation and the end of what it consumed.
func (p *Parser) parseAD(t string, s, e int) (c tcite, ok bool) {
	s = skipSpace(t, s, e)
	s = p.skipPrefixes(t, s, e)
	y := -1
	for i := s + 1; i < e; i++ {
		if (t[i] == 'n' || isDigit(t[i])) && (spaceBefore(t, i) || t[i-1] == ',') && yearAt(t[:e], i) > 0 {
			y = i
			break
		}
	}
	if y < 0 {
		return c, false
	}
	ae := trimSpaceLeft(t, s, y)
	c.commaAt = tspan{ae, ae}
	if ae > s && t[ae-1] == ',' {
		c.comma = true
		c.commaAt = tspan{ae - 1, ae}
		ae = trimSpaceLeft(t, s, ae-1)
	}
	if !p.parseAuthors(t, s, ae, &c) {
		return c, false
	}
	if !c.comma {
		c.commaAt = tspan{c.authors.e, c.authors.e}
	}
	years, loc, q := p.parseYears(t, y, e)
	if len(years) == 0 {
		return c, false
	}
	c.years, c.locator = years, loc
	c.span = tspan{s, q}
	c.strong = c.comma || c.etAl || len(c.names) >= 2
	return c, true
}

// parseAuthors parses the names in t[s:e] ("Smith, Lee, & Park", "Smith
// et al.", "American Psychological Association") into c.
func (p *Parser) parseAuthors(t string, s, e int, c *tcite) bool {
	s = skipSpace(t, s, e)
	e = trimSpaceLeft(t, s, e)
	for e > s && t[e-1] == ',' {
		e = trimSpaceLeft(t, s, e-1)
	}
	if e <= s {
		return false
	}
	c.authors = tspan{s, e}
	ne := e
	switch a := t[s:e]; {
	case strings.HasSuffix(a, "et al.") && len(a) > 6:
		c.etAl, c.etAlPeriod, c.etAlEnd = true, true, e
		ne = e - len("et al.")
	case strings.HasSuffix(a, "et al") && len(a) > 5:
		c.etAl, c.etAlEnd = true, e
		ne = e - len("et al")
	}
	if c.etAl {
		if !spaceBefore(t, ne) {
			return false
		}
		ne = trimSpaceLeft(t, s, ne)
		for ne > s && t[ne-1] == ',' {
			ne = trimSpaceLeft(t, s, ne-1)
		}
		if ne <= s {
			return false
		}
	}
	var cur []tname
	flush := func() bool {
		if len(cur) == 0 {
			return true
		}
		if !p.validName(cur) {
			return false
		}
		n := tname{t[cur[0].s:cur[len(cur)-1].e], tspan{cur[0].s, cur[len(cur)-1].e}}
		c.names = append(c.names, n)
		cur = cur[:0]
		return true
	}
	i := s
	for i < ne {
		i = skipSpace(t, i, ne)
		if i >= ne {
			break
		}
		j := i
		for j < ne && !isSpaceByte(t[j]) && !(t[j] == 0xC2 && j+1 < ne && t[j+1] == 0xA0) {
			j++
		}
		w := t[i:j]
		switch {
		case w == "&" || w == "and":
			if !flush() || len(c.names) == 0 {
				return false
			}
			c.conn = tname{w, tspan{i, j}}
		case strings.HasSuffix(w, ","):
			cur = append(cur, tname{w[:len(w)-1], tspan{i, j - 1}})
			if !flush() {
				return false
			}
		default:
			cur = append(cur, tname{w, tspan{i, j}})
		}
		if len(c.names)+len(cur) > 30 {
			return false
		}
		i = j
	}
	if !flush() || len(c.names) == 0 {
		return false
	}
	// A connector must come before the last name.
	if c.conn.text != "" && c.conn.s > c.names[len(c.names)-1].s {
		return false
	}
	return true
}

// validName reports whether words form a name: one to seven words, each
// capitalised or a particle, with a capitalised last word and no word that
// is never a name.
func (p *Parser) validName(words []tname) bool {
	if len(words) == 0 || len(words) > 7 {
		return false
	}
	real := false
	for i, w := range words {
		if p.isParticle(w.text) {
			continue
		}
		if p.isJoiner(w.text) {
			if i == 0 || i == len(words)-1 {
				return false
			}
			continue
		}
		if !isNameWord(w.text) || p.isNotName(w.text) {
			return false
		}
		if !strings.HasSuffix(w.text, ".") {
			real = true
		}
	}
	last := words[len(words)-1].text
	return real && !p.isParticle(last)
}

// namesBefore finds the names of a narrative citation ending at t[:i]
// ("Smith and Lee", "Smith et al.", "Gottman’s").
func (p *Parser) namesBefore(t string, i int, c *tcite) bool {
	e := trimSpaceLeft(t, 0, i)
	for _, poss := range [...]string{"’s", "'s"} {
		if strings.HasSuffix(t[:e], poss) {
			c.possessive = true
			e -= len(poss)
			break
		}
	}
	// Walk words backwards while they can belong to names.
	s := e
	pos := e
	taken := 0
	for taken < 16 {
		j := trimSpaceLeft(t, 0, pos)
		if j == 0 {
			break
		}
		k := j
		for k > 0 && !isSpaceByte(t[k-1]) && !(t[k-1] == 0xA0 && k >= 2 && t[k-2] == 0xC2) {
			k--
		}
		w := t[k:j]
		ok := false
		switch {
		case taken == 0 && (w == "al." || w == "al"):
			// "et al." must come with its "et".
			k2 := trimSpaceLeft(t, 0, k)
			if k2 >= 2 && t[k2-2:k2] == "et" && (k2 == 2 || spaceBefore(t, k2-2)) {
				k = k2 - 2
				ok = true
			}
		case w == "&" || w == "and":
			ok = taken > 0
		case p.isParticle(w) || p.isJoiner(w):
			ok = taken > 0
		default:
			nw := strings.TrimSuffix(w, ",")
			if nw != w && taken == 0 {
				break
			}
			ok = isNameWord(nw) && !p.isNotName(nw)
		}
		if !ok {
			break
		}
		s, pos = k, k
		taken++
	}
	if s >= e {
		return false
	}
	// Drop leading connectors, particles and separators.
	for {
		j := s
		for j < e && !isSpaceByte(t[j]) {
			j++
		}
		w := t[s:j]
		if w == "&" || w == "and" || p.isJoiner(w) {
			s = skipSpace(t, j, e)
			if s >= e {
				return false
			}
			continue
		}
		break
	}
	return p.parseAuthors(t, s, e, c)
}

// scanText finds the citations in one block's text.
//
// It goes from one parenthesis or bracket to the next with the standard
// library's vectorised byte search (the next of each is kept until
// passed), as the byte loop scanTextRef in the tests does one byte at a
// time.
func (p *Parser) scanText(t string, out []tcite) []tcite {
	nextParen, nextBracket := -1, -1
	for i := 0; i < len(t); i++ {
		if nextParen < i {
			nextParen = indexFrom(t, i, '(')
		}
		if nextBracket < i {
			nextBracket = indexFrom(t, i, '[')
		}
		if i = min(nextParen, nextBracket); i >= len(t) {
			break
		}
		if t[i] == '(' {
			out = p.scanParen(t, i, out)
		} else {
			out = scanBracket(t, i, out)
		}
	}
	return out
}

// scanParen parses the parenthesis opening at t[i].
func (p *Parser) scanParen(t string, i int, out []tcite) []tcite {
	j := i + 1
	for j < len(t) && t[j] != ')' && t[j] != '(' && j-i < 600 {
		j++
	}
	closed := j < len(t) && t[j] == ')'
	if j < len(t) && t[j] == '(' {
		// A nested parenthesis: not a citation group; the inner one is
		// scanned by itself.
		return out
	}
	if !closed && j-i >= 600 {
		return out
	}
	s := skipSpace(t, i+1, j)
	// Narrative: "Smith (2015)", "Smith et al. (2020, p. 3)".
	if yearAt(t[:j], s) > 0 && s == i+1 {
		years, loc, q := p.parseYears(t, s, j)
		var secondary *tcite
		r := skipSpace(t, q, j)
		if r < j && t[r] == ',' {
			r2 := skipSpace(t, r+1, j)
			for _, ci := range p.citedIn {
				if hasPrefixFold(t[:j], r2, ci) {
					if c, ok := p.parseAD(t, r2+len(ci), j); ok {
						c.form, c.group = Parenthetical, tspan{i, j + 1}
						secondary = &c
						r = c.span.e
					}
					break
				}
			}
		}
		r = skipSpace(t, r, j)
		if r < j && closed {
			return out
		}
		var c tcite
		if !p.namesBefore(t, i, &c) {
			return out
		}
		end := j + 1
		if !closed {
			end = q
		}
		c.form = Narrative
		c.years, c.locator = years, loc
		c.span = tspan{c.authors.s, end}
		if c.possessive {
			c.span = tspan{c.authors.s, end}
		}
		c.group = tspan{i, end}
		c.commaAt = tspan{c.authors.e, c.authors.e}
		c.strong = c.etAl || len(c.names) >= 2
		c.unclosed = !closed
		c.primary = secondary != nil
		out = append(out, c)
		if secondary != nil {
			out = append(out, *secondary)
		}
		return out
	}
	if !closed {
		c, ok := p.parseAD(t, i+1, j)
		if ok && c.span.s == s {
			c.form, c.group, c.unclosed = Parenthetical, tspan{i, c.span.e}, true
			out = append(out, c)
		}
		return out
	}
	// Parenthetical: one or more citations separated by semicolons.
	start := len(out)
	for ps := i + 1; ps < j; {
		pe := strings.IndexByte(t[ps:j], ';')
		if pe < 0 {
			pe = j
		} else {
			pe += ps
		}
		out = p.parsePart(t, ps, pe, tspan{i, j + 1}, out)
		ps = pe + 1
	}
	// A parenthesis whose first part is not a citation ("(see below;
	// Smith, 2015)") keeps the citations it holds; one with none is
	// not a citation group.
	_ = start
	return out
}

// parsePart parses one semicolon-separated part of a parenthetical group.
func (p *Parser) parsePart(t string, ps, pe int, group tspan, out []tcite) []tcite {
	s := skipSpace(t, ps, pe)
	// "Freud, 1900, as cited in Smith, 2015"
	for _, ci := range p.citedIn {
		k := indexFold(t[s:pe], ci)
		if k < 0 || (k > 0 && !spaceBefore(t, s+k)) {
			continue
		}
		if k > 0 {
			if c, ok := p.parseAD(t, s, s+k); ok {
				c.form, c.group, c.primary = Parenthetical, group, true
				out = append(out, c)
			}
		}
		if c, ok := p.parseAD(t, s+k+len(ci), pe); ok && skipSpace(t, c.span.e, pe) == pe {
			c.form, c.group = Parenthetical, group
			out = append(out, c)
		}
		return out
	}
	var comma *tspan
	for s < pe {
		c, ok := p.parseAD(t, s, pe)
		if !ok {
			return out
		}
		r := skipSpace(t, c.span.e, pe)
		if r < pe && t[r] != ',' {
			// "(Smith 2015 data)": not a citation.
			return out
		}
		c.form, c.group, c.commaSep = Parenthetical, group, comma
		out = append(out, c)
		if r >= pe {
			return out
		}
		// Another citation after a comma is a separator error; anything
		// else after a comma is a note ("(Smith, 2015, unpublished)").
		next, ok := p.parseAD(t, r+1, pe)
		if !ok || !next.strong || skipSpace(t, next.span.e, pe) != pe && t[skipSpace(t, next.span.e, pe)] != ',' {
			return out
		}
		comma = &tspan{r, r + 1}
		s = r + 1
	}
	return out
}

// indexFold returns the index of lower-case sub in s, ignoring case, or
// -1.
func indexFold(s, sub string) int {
	if len(sub) == 0 || len(s) < len(sub) {
		return -1
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// scanBracket parses a numeric citation "[1]", "[1, 3]", "[2–4]" at t[i].
func scanBracket(t string, i int, out []tcite) []tcite {
	if i > 0 && (t[i-1] == '!' || t[i-1] == ']') {
		return out
	}
	j := i + 1
	var nums []int
	reversed := false
	prevDash := false
	for {
		k := j
		for k < len(t) && isDigit(t[k]) && k-j < 4 {
			k++
		}
		if k == j || k-j > 3 {
			return out
		}
		n := 0
		for _, d := range t[j:k] {
			n = n*10 + int(d-'0')
		}
		if prevDash && len(nums) > 0 {
			from := nums[len(nums)-1]
			if n < from {
				reversed = true
			} else {
				for v := from + 1; v <= n && v-from < 1000; v++ {
					nums = append(nums, v)
				}
			}
		} else {
			nums = append(nums, n)
		}
		j = skipSpace(t, k, len(t))
		if j >= len(t) {
			return out
		}
		prevDash = false
		switch {
		case t[j] == ']':
			end := j + 1
			if end < len(t) && (t[end] == '(' || t[end] == '[' || t[end] == ':') {
				return out
			}
			out = append(out, tcite{form: NumericForm, span: tspan{i, end}, group: tspan{i, end}, numbers: nums, reversed: reversed, strong: true})
			return out
		case t[j] == ',':
			j++
		case t[j] == '-':
			prevDash = true
			j++
		case strings.HasPrefix(t[j:], "–") || strings.HasPrefix(t[j:], "—"):
			prevDash = true
			j += len("–")
		default:
			return out
		}
		j = skipSpace(t, j, len(t))
	}
}
