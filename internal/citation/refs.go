package citation

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/document"
)

// refRegexps are the patterns of reference entries. Their Unicode
// classes make them costly to compile, so they are compiled when an
// article first needs them (see refPatterns), not when galley starts.
type refRegexps struct {
	// Entry starts: "Surname, I." or "Surname, Given" (APA, Harvard,
	// Chicago), "A. B. Surname" (IEEE and other numeric styles), or a
	// corporate author followed by a year ("World Health Organization.
	// (2020)"). Each starts with an upper-case letter.
	startSurnameFirst, startInitials, startVancouver, startCorporate *regexp.Regexp
	// listMarker is an ordered-list marker before a list item's text.
	listMarker *regexp.Regexp
	// textNumber is a number written in the text of an entry: "[1] ",
	// "1. ", "1) ", "1: ".
	textNumber *regexp.Regexp
	doiText    *regexp.Regexp
}

// refPatterns returns the reference patterns, compiled on first use.
var refPatterns = sync.OnceValue(func() *refRegexps {
	return &refRegexps{
		startSurnameFirst: regexp.MustCompile(`^\p{Lu}[\p{L}\p{M}'’‐\-]*(?: \p{Lu}[\p{L}\p{M}'’‐\-]*){0,3}, (?:\p{Lu}\.|\p{Lu}[\p{Ll}\p{M}]+[,. ])`),
		startInitials:     regexp.MustCompile(`^(?:\p{Lu}\.[ \-]?){1,3} ?\p{Lu}[\p{L}\p{M}'’‐\-]+[, ]`),
		startVancouver:    regexp.MustCompile(`^\p{Lu}[\p{L}\p{M}'’‐\-]+ \p{Lu}{1,3}[,.]`),
		startCorporate:    regexp.MustCompile(`^\p{Lu}[^.()\n]{1,120}\. \(?(?:1[5-9]\d\d|20\d\d|n\. ?d\.)`),
		listMarker:        regexp.MustCompile(`^[ \t>]*(\d{1,4})[.)][ \t]*$`),
		textNumber:        regexp.MustCompile(`^(?:\[(\d{1,4})\]|(\d{1,4})[.):])[ \t]+`),
		doiText:           regexp.MustCompile(`(?i)(?:https?://(?:dx\.)?doi\.org/|doi: ?|doi )?(10\.\d{4,9}/[^\s\x{FFFC}]+)`),
	}
})

// rawEntry is an entry in Block.Text coordinates.
type rawEntry struct {
	block      int
	s, e       int // text span, numbering excluded
	number     int
	numberSpan document.Span
}

// stripParticles skips leading lower-case particles ("van der Berg,").
func (p *Parser) stripParticles(s string) string {
	for {
		i := strings.IndexByte(s, ' ')
		if i <= 0 || !p.isParticle(s[:i]) {
			return s
		}
		s = s[i+1:]
	}
}

// entryStart reports whether line s starts like a reference entry.
func (p *Parser) entryStart(s string) bool {
	s = p.stripParticles(s)
	// Every entry start opens with an upper-case letter (\p{Lu}).
	if r, _ := utf8.DecodeRuneInString(s); !unicode.IsUpper(r) {
		return false
	}
	re := refPatterns()
	return re.startSurnameFirst.MatchString(s) || re.startInitials.MatchString(s) || re.startVancouver.MatchString(s) || re.startCorporate.MatchString(s)
}

// entryLook reports whether s looks like a whole reference entry: an
// entry start and a year.
func (p *Parser) entryLook(s string) bool {
	if !p.entryStart(s) {
		return false
	}
	_, _, ok := findEntryYear(s)
	return ok
}

// findEntryYear finds an entry's year: "(2019)" or "(2019, March 3)"
// first, else a year standing between punctuation (". 2019." or ", 2016b.").
func findEntryYear(s string) (start, end int, ok bool) {
	for i := 0; i+1 < len(s); i++ {
		if s[i] != '(' {
			continue
		}
		j := skipSpace(s, i+1, len(s))
		if n := yearAt(s, j); n > 0 {
			k := skipSpace(s, j+n, len(s))
			if k < len(s) && (s[k] == ')' || s[k] == ',') {
				return j, j + n, true
			}
		}
	}
	for i := 1; i < len(s); i++ {
		if !(isDigit(s[i]) || s[i] == 'n') || !(spaceBefore(s, i) || s[i-1] == ',' || s[i-1] == '.') {
			continue
		}
		n := yearAt(s, i)
		if n == 0 {
			continue
		}
		if i+n == len(s) || strings.IndexByte(".,;)", s[i+n]) >= 0 || s[i+n-1] == '.' {
			return i, i + n, true
		}
	}
	return 0, 0, false
}

// blockNumber returns the number of a list item from its marker in the
// source ("1." before the item's text).
func blockNumber(doc *document.Document, b *document.Block) (int, document.Span) {
	if b.Kind != document.ListItem || len(b.Pieces) == 0 {
		return 0, document.Span{}
	}
	src := b.Pieces[0].Src
	ls := doc.LineSpan(doc.Line(src)).Start
	if ls > src || src > len(doc.Source) {
		return 0, document.Span{}
	}
	m := refPatterns().listMarker.FindSubmatchIndex(doc.Source[ls:src])
	if m == nil {
		return 0, document.Span{}
	}
	n := atoi(string(doc.Source[ls+m[2] : ls+m[3]]))
	return n, document.Span{Start: ls + m[2], End: ls + m[3] + 1}
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s) && i < 6; i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// skipPlaceholders skips leading placeholders and spaces.
func skipPlaceholders(t string, i int) int {
	for i < len(t) {
		if strings.HasPrefix(t[i:], string(document.Placeholder)) {
			i += len(string(document.Placeholder))
			continue
		}
		if isSpaceByte(t[i]) {
			i++
			continue
		}
		break
	}
	return i
}

// splitEntries splits a block into entries: one per line that starts a
// new entry after a line that ends one.
func (p *Parser) splitEntries(doc *document.Document, bi int) []rawEntry {
	b := &doc.Blocks[bi]
	t := b.Text
	num, numSpan := blockNumber(doc, b)
	var out []rawEntry
	start := 0
	prevEnds := true
	for ls := 0; ls <= len(t); {
		le := strings.IndexByte(t[ls:], '\n')
		if le < 0 {
			le = len(t)
		} else {
			le += ls
		}
		line := strings.TrimSpace(t[ls:le])
		if ls > start && prevEnds && line != "" {
			body := line
			if m := refPatterns().textNumber.FindStringSubmatch(body); m != nil {
				body = body[len(m[0]):]
			}
			if p.entryStart(body) {
				out = append(out, rawEntry{block: bi, s: start, e: ls})
				start = ls
			}
		}
		if line != "" {
			r, _ := utf8.DecodeLastRuneInString(line)
			prevEnds = r == '.' || r == document.Placeholder || r == ')' || r == ']' || unicode.IsDigit(r)
		}
		ls = le + 1
	}
	out = append(out, rawEntry{block: bi, s: start, e: len(t)})
	// Trim each entry and take its number.
	kept := out[:0]
	for i, r := range out {
		s := skipPlaceholders(t, r.s)
		e := trimSpaceLeft(t, s, r.e)
		if e <= s {
			continue
		}
		r.s, r.e = s, e
		if m := refPatterns().textNumber.FindStringSubmatchIndex(t[s:e]); m != nil {
			g := 2
			if m[2] < 0 {
				g = 4
			}
			r.number = atoi(t[s+m[g] : s+m[g+1]])
			r.numberSpan = b.SourceSpan(s+m[0], s+m[g+1]+1)
			r.s = s + m[1]
		} else if i == 0 && num > 0 {
			r.number, r.numberSpan = num, numSpan
		}
		kept = append(kept, r)
	}
	return kept
}

// headingText normalises a heading for lookup: trimmed, without a leading
// section number and a trailing colon.
func headingText(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, ": ")
	i := 0
	for i < len(s) && (isDigit(s[i]) || s[i] == '.') {
		i++
	}
	if i > 0 && i < len(s) && s[i] == ' ' {
		s = s[i+1:]
	}
	return fold(strings.TrimSpace(s))
}

// findList finds the reference list: the last section under a
// reference heading whose entries are mostly bibliographic, else the last
// trailing run of two or more entry-looking blocks. inList marks its
// blocks.
func (p *Parser) findList(doc *document.Document, cand []bool) (*List, []rawEntry, map[int]bool) {
	var best []rawEntry
	var bestHeading document.Span
	var bestBlocks map[int]bool
	for hi := range doc.Blocks {
		h := &doc.Blocks[hi]
		if h.Kind != document.Heading || len(h.Text) > 60 || !p.headings[headingText(h.Text)] {
			continue
		}
		var entries []rawEntry
		blocks := map[int]bool{}
		for bi := hi + 1; bi < len(doc.Blocks); bi++ {
			b := &doc.Blocks[bi]
			if !b.Kind.IsProse() {
				continue
			}
			if b.Kind == document.Heading {
				if doc.Format == document.Markdown && b.Level <= h.Level {
					break
				}
				if doc.Format == document.PlainText && !p.entryLook(b.Text) {
					break
				}
			}
			if doc.Format == document.PlainText && len(entries) > 0 && !cand[bi] && !p.entryStart(b.Text) {
				break
			}
			entries = append(entries, p.splitEntries(doc, bi)...)
			blocks[bi] = true
		}
		bib := 0
		for _, r := range entries {
			if p.entryLook(doc.Blocks[r.block].Text[r.s:r.e]) {
				bib++
			}
		}
		if bib > 0 && 2*bib >= len(entries) {
			best, bestHeading, bestBlocks = entries, h.Span, blocks
		}
	}
	if best == nil {
		// A headingless list: the last run of entry-looking blocks.
		var run []rawEntry
		runBlocks := map[int]bool{}
		flush := func() {
			if len(run) >= 2 {
				best, bestBlocks = run, runBlocks
			}
			run, runBlocks = nil, map[int]bool{}
		}
		for bi := range doc.Blocks {
			b := &doc.Blocks[bi]
			if !b.Kind.IsProse() {
				continue
			}
			if !cand[bi] {
				flush()
				continue
			}
			body := b.Text[skipPlaceholders(b.Text, 0):]
			if m := refPatterns().textNumber.FindStringSubmatch(body); m != nil {
				body = body[len(m[0]):]
			}
			if !p.entryLook(firstLine(body)) && !p.entryLook(body) {
				flush()
				continue
			}
			run = append(run, p.splitEntries(doc, bi)...)
			runBlocks[bi] = true
		}
		flush()
	}
	if best == nil {
		return nil, nil, nil
	}
	return &List{Heading: bestHeading}, best, bestBlocks
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// parseEntry fills an entry's fields from its text.
func (p *Parser) parseEntry(doc *document.Document, r rawEntry) Entry {
	b := &doc.Blocks[r.block]
	t := b.Text[r.s:r.e]
	ent := Entry{Span: b.SourceSpan(r.s, r.e), Text: t, Number: r.number, NumberSpan: r.numberSpan}
	ys, ye, hasYear := findEntryYear(t)
	authEnd := len(t)
	if hasYear {
		ent.Year = t[ys:ye]
		ent.YearSpan = b.SourceSpan(r.s+ys, r.s+ye)
		authEnd = ys
		if authEnd > 0 && t[authEnd-1] == '(' {
			authEnd--
		}
	} else {
		authEnd = authorsEnd(t)
	}
	region := t[:authEnd]
	if i := strings.Index(region, ": "); i > 0 {
		region = region[:i]
	}
	if i := strings.Index(region, " (Ed"); i > 0 {
		region = region[:i]
	}
	ent.Authors, ent.MoreAuthors = p.entryAuthors(region)
	ent.AuthorLike = p.entryStart(t)
	ent.Bibliographic = ent.AuthorLike && hasYear
	if hasYear {
		ent.Title = entryTitle(t[ye:])
	}
	// DOIs and URLs written in the text.
	if m := refPatterns().doiText.FindStringSubmatchIndex(t); m != nil {
		form := strings.TrimRight(t[m[0]:m[1]], ".,;)")
		ent.DOI = strings.TrimRight(t[m[2]:m[3]], ".,;)")
		ent.DOIForm = form
		ent.DOISpan = b.SourceSpan(r.s+m[0], r.s+m[0]+len(form))
	}
	// DOIs and URLs hidden behind placeholders.
	for _, pc := range b.Pieces {
		if pc.Verbatim || pc.TextEnd <= r.s || pc.Text >= r.e {
			continue
		}
		u := strings.TrimSpace(doc.Text(document.Span{Start: pc.Src, End: pc.SrcEnd}))
		u = strings.Trim(u, "<>")
		if !strings.Contains(u, "://") {
			continue
		}
		if i := strings.Index(u, "doi.org/10."); i >= 0 && ent.DOI == "" {
			ent.DOI = strings.TrimRight(u[i+len("doi.org/"):], ".,;)")
			ent.DOIForm = u
			ent.DOISpan = document.Span{Start: pc.Src, End: pc.SrcEnd}
			if strings.HasPrefix(doc.Text(ent.DOISpan), "<") {
				ent.DOISpan = document.Span{Start: pc.Src + 1, End: pc.SrcEnd - 1}
			}
		} else if ent.URL == "" {
			ent.URL = u
		}
	}
	return ent
}

// authorsEnd guesses where the authors of an entry without a year end:
// at the first ". " that does not follow an initial.
func authorsEnd(t string) int {
	for i := 1; i+1 < len(t); i++ {
		if t[i] != '.' || t[i+1] != ' ' {
			continue
		}
		j := i - 1
		for j >= 0 && t[j] != ' ' && t[j] != ',' {
			j--
		}
		if !isInitials(t[j+1 : i+1]) {
			return i
		}
		rest := t[i+2:]
		r, size := utf8.DecodeRuneInString(rest)
		if unicode.IsUpper(r) && size < len(rest) && rest[size] == '.' || strings.HasPrefix(rest, "& ") || strings.HasPrefix(rest, "and ") {
			continue
		}
		return i + 1
	}
	return len(t)
}

// entryTitle returns the text after the year up to the next full stop.
func entryTitle(t string) string {
	t = strings.TrimLeft(t, ").,: ")
	for i := 0; i < len(t); i++ {
		if (t[i] == '.' || t[i] == '?' || t[i] == '!') && (i+1 == len(t) || t[i+1] == ' ') {
			return strings.TrimSpace(t[:i])
		}
	}
	return strings.TrimSpace(t)
}

// entryAuthors returns the surnames in an entry's author region ("Hendrix,
// H., & Hunt, H.", "Smith, John, and Mary Lee", "A. B. Jones and C.
// Smith", "American Psychological Association").
func (p *Parser) entryAuthors(region string) ([]string, bool) {
	region = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(region), ","))
	if region == "" {
		return nil, false
	}
	// Split at ", ", " & ", " and " (in any combination).
	var toks []string
	more := false
	for _, part := range strings.Split(region, ", ") {
		part = strings.TrimSpace(part)
		for _, conn := range [...]string{"& ", "and "} {
			part = strings.TrimPrefix(part, conn)
		}
		for _, sub := range splitConnectors(part) {
			sub = strings.TrimSpace(sub)
			for _, ell := range [...]string{". . .", "...", "…"} {
				if strings.HasPrefix(sub, ell) {
					more = true
					sub = strings.TrimSpace(sub[len(ell):])
				}
			}
			if sub != "" {
				toks = append(toks, sub)
			}
		}
	}
	var out []string
	initialsFirst := false
	for i := 0; i < len(toks); i++ {
		tok := toks[i]
		if isInitials(tok) {
			continue
		}
		if !p.nameLike(tok) {
			break
		}
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1]
		}
		words := strings.Fields(tok)
		// "Smith, John, and Mary Lee", "Malkiel, Burton G.": the second
		// part is the first author's given name.
		if i == 1 && !isInitials(next) && len(out) == 1 && !initialsFirst && !vancouver(toks[0]) && givenName(words) {
			continue
		}
		// Initials first: "A. B. Jones".
		k := 0
		for k < len(words)-1 && isInitials(words[k]) {
			k++
		}
		if k > 0 {
			if i == 0 {
				initialsFirst = true
			}
			out = append(out, strings.Join(words[k:], " "))
			continue
		}
		if initialsFirst {
			break
		}
		last := words[len(words)-1]
		if i == 0 || isInitials(next) || len(words) == 1 || isCapsInitials(last) {
			out = append(out, strings.TrimSuffix(tok, "."))
			continue
		}
		// Natural order "Mary van der Lee": the surname is the last word
		// with its particles.
		k = len(words) - 1
		for k > 0 && p.isParticle(words[k-1]) {
			k--
		}
		out = append(out, strings.TrimSuffix(strings.Join(words[k:], " "), "."))
	}
	return out, more
}

// givenName reports whether a token's words (strings.Fields) are a
// given name: one word, possibly followed by initials ("John",
// "Burton G.").
func givenName(words []string) bool {
	if len(words) == 0 || !isNameWord(words[0]) {
		return false
	}
	for _, w := range words[1:] {
		if !isInitials(w) {
			return false
		}
	}
	return true
}

// vancouver reports whether an author token ends with its initials
// written without periods ("Gething PW").
func vancouver(tok string) bool {
	words := strings.Fields(tok)
	return len(words) > 1 && isCapsInitials(words[len(words)-1])
}

// nameLike reports whether tok can be one author's name as an entry
// writes it: up to six words, each capitalised, an initial or a particle.
func (p *Parser) nameLike(tok string) bool {
	words := strings.Fields(tok)
	if len(words) == 0 || len(words) > 6 {
		return false
	}
	for _, w := range words {
		w = strings.TrimSuffix(w, ".")
		if w == "" || p.isParticle(w) || p.isJoiner(w) || isNameWord(w) || isInitials(w+".") {
			continue
		}
		return false
	}
	return true
}

// splitConnectors splits "M. and Buytaert" or "Smith & Lee" at the
// connector.
func splitConnectors(s string) []string {
	for _, conn := range [...]string{" & ", " and "} {
		if i := strings.Index(s, conn); i >= 0 {
			return append([]string{s[:i]}, splitConnectors(s[i+len(conn):])...)
		}
	}
	return []string{s}
}
