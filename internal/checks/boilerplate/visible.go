package boilerplate

import (
	"bytes"
	"encoding/binary"
	"unicode"
	"unicode/utf8"
)

// This file strips markup from a line by hand, in a few passes over bytes
// into reused buffers, instead of with regular expressions: it runs on
// every short prose line of every document. Each pass does exactly what
// the regular expression named in its comment does with
// ReplaceAllString (leftmost-first, non-overlapping matches);
// visible_ref_test.go keeps the regular-expression version and checks by
// fuzzing that both agree.

// markerLink is used internally to delimit link text while stripping.
const markerLink = '\x00'

// listMarkerRunes are the bullets a list marker may be.
const listMarkerRunes = "-*+•·▪◦‣●–—"

// visScratch holds the buffers visible text is built in; reusing one per
// document keeps the stripping free of allocations.
type visScratch struct {
	a, b []byte
	// trig holds the trigger bits of the line visible last read (see
	// lineTriggers), of its text after the lead stripLeadBytes removes,
	// which is lead bytes long.
	trig uint16
	lead int
}

// visibleText strips Markdown-ish markup from a raw line. It returns the
// visible text, the number of visible runes that are link text, the
// number of links and how many of them point at #fragments.
func visibleText(raw string) (vis string, linkChars, links, anchors int) {
	var s visScratch
	b, linkChars, links, anchors := s.visible([]byte(raw))
	return string(b), linkChars, links, anchors
}

// visible is visibleText over bytes (valid UTF-8). The result is only
// valid until the next call.
func (s *visScratch) visible(raw []byte) (vis []byte, linkChars, links, anchors int) {
	return s.visibleFrom(s.triggers(raw))
}

// triggers strips raw's lead (stripLeadBytes) and reads the trigger bits
// of the rest into s.trig and s.lead, and returns the rest and the bits.
func (s *visScratch) triggers(raw []byte) ([]byte, uint16) {
	cur := stripLeadBytes(raw)
	trig := lineTriggers(cur)
	s.trig, s.lead = trig, len(raw)-len(cur)
	return cur, trig
}

// visibleFrom is visible for the text after the lead and its trigger
// bits, as triggers returns them.
func (s *visScratch) visibleFrom(cur []byte, trig uint16) (vis []byte, linkChars, links, anchors int) {
	// One scan told which passes can change the line: each pass below
	// is tried only when its trigger bytes are present (a necessary
	// condition of its test), and a line holding no trigger byte, no
	// white space but single spaces between words, and nothing the last
	// pass drops is its own visible text.
	trig &^= trigTemplate | trigColon | trigHigh
	if trig == 0 {
		return cur, 0, 0, 0
	}
	// Each pass reads cur and writes the buffer cur is not in.
	k := 0
	bufs := [2]*[]byte{&s.a, &s.b}
	pass := func(out []byte) {
		*bufs[k] = out
		cur = out
		k ^= 1
	}
	dst := func() []byte { return (*bufs[k])[:0] }
	if trig&trigBacktick != 0 {
		pass(codeSpans(dst(), cur))
	}
	if trig&trigBracket != 0 {
		pass(images(dst(), cur))
		out, n, a := linksPass(dst(), cur)
		links, anchors = n, a
		pass(out)
	}
	if trig&trigAngle != 0 && bytes.IndexByte(cur, '<') >= 0 {
		out, n := autolinks(dst(), cur)
		links += n
		pass(out)
	}
	if trig&trigURL != 0 && (bytes.Contains(cur, []byte("://")) || bytes.Contains(cur, []byte("www."))) {
		out, n := bareURLs(dst(), cur)
		links += n
		pass(out)
	}
	if trig&trigAngle != 0 && bytes.IndexByte(cur, '<') >= 0 {
		pass(htmlComments(dst(), cur))
		pass(htmlTags(dst(), cur))
	}
	// Count link runes, drop the markers and emphasis characters, and
	// collapse white space.
	out := dst()
	inLink := false
	space := true
	for i := 0; i < len(cur); {
		c := cur[i]
		if plainByte[c] {
			// A run of plain ASCII bytes is copied whole, with the
			// single spaces between them (each written as it is, since
			// a plain byte comes before it, and not link text).
			j, spaces := i+1, 0
			for j < len(cur) {
				if plainByte[cur[j]] {
					j++
				} else if cur[j] == ' ' && j+1 < len(cur) && plainByte[cur[j+1]] {
					j += 2
					spaces++
				} else {
					break
				}
			}
			if inLink {
				linkChars += j - i - spaces
			}
			space = false
			out = append(out, cur[i:j]...)
			i = j
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(cur[i:])
		}
		switch {
		case r == markerLink:
			inLink = !inLink
			i += size
			continue
		case r == '*' || r == '_' || r == '~' || r == '`':
			i += size
			continue
		case isSpaceRune(r):
			if !space {
				out = append(out, ' ')
			}
			space = true
			i += size
			continue
		}
		if inLink {
			linkChars++
		}
		space = false
		out = append(out, cur[i:i+size]...)
		i += size
	}
	pass(out)
	// Only a single ' ' can be left at the end.
	if n := len(out); n > 0 && out[n-1] == ' ' {
		out = out[:n-1]
	}
	return out, linkChars, links, anchors
}

// hasWWW reports whether s contains "www.", looking at the three bytes
// before each '.' (rarer in prose than 'w').
func hasWWW(s []byte) bool {
	for i := 3; i < len(s); {
		j := bytes.IndexByte(s[i:], '.')
		if j < 0 {
			return false
		}
		p := i + j
		if s[p-1] == 'w' && s[p-2] == 'w' && s[p-3] == 'w' {
			return true
		}
		i = p + 1
	}
	return false
}

// ASCII byte classes for the last pass of visible.
const (
	classPlain   = iota // copied as it is
	classSpecial        // white space, a marker or an emphasis character
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for _, c := range " \t\n\v\f\r\x00*_~`" {
		t[c] = classSpecial
	}
	return t
}()

// plainByte marks the ASCII bytes of classPlain (one test a byte).
var plainByte = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = asciiClass[c] == classPlain
	}
	return t
}()

func isSpaceRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r)
}

// stripLeadBytes removes blockquote markers, one list marker and heading
// hashes from the start of a line.
func stripLeadBytes(s []byte) []byte {
	if len(s) > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == '>') {
		s = bytes.TrimLeft(s, " \t>")
	}
	s = s[listMarkerLen(s):]
	if len(s) > 0 && s[0] == '#' {
		t := bytes.TrimLeft(s, "#")
		if len(s)-len(t) <= 6 && (len(t) == 0 || t[0] == ' ' || t[0] == '\t') {
			s = bytes.TrimLeft(t, " \t")
		}
	}
	return s
}

// listMarkerLen returns the length of the list marker s starts with, as
// `^(?:[-*+•·▪◦‣●–—]|\d{1,3}[.)])(?:\s+|$)` matches it, or 0.
func listMarkerLen(s []byte) int {
	n := 0
	switch {
	case len(s) == 0:
		return 0
	case s[0] < utf8.RuneSelf && s[0] != '-' && s[0] != '*' && s[0] != '+' && (s[0] < '0' || s[0] > '9'):
		return 0 // the only ASCII bullets are - * +
	case '0' <= s[0] && s[0] <= '9':
		for n < len(s) && '0' <= s[n] && s[n] <= '9' {
			n++
		}
		if n > 3 || n >= len(s) || (s[n] != '.' && s[n] != ')') {
			return 0
		}
		n++
	default:
		r, size := utf8.DecodeRune(s)
		if r == utf8.RuneError || !containsRune(listMarkerRunes, r) {
			return 0
		}
		n = size
	}
	if n == len(s) {
		return n
	}
	if !isPerlSpace(s[n]) {
		return 0
	}
	for n < len(s) && isPerlSpace(s[n]) {
		n++
	}
	return n
}

func containsRune(s string, r rune) bool {
	for _, c := range s {
		if c == r {
			return true
		}
	}
	return false
}

// isPerlSpace reports whether c is in the regexp class \s ([\t\n\f\r ]).
func isPerlSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// codeSpans replaces code spans with a space, as
// ReplaceAll("(`+)[^`]*?(`+|$)", " ") does: a run of backticks up to the
// end of the next run, or of the line.
func codeSpans(dst, s []byte) []byte {
	for i := 0; i < len(s); {
		if s[i] != '`' {
			j := nextByte(s, i, '`')
			dst = append(dst, s[i:j]...)
			i = j
			continue
		}
		j := i
		for j < len(s) && s[j] == '`' {
			j++
		}
		k := j
		for k < len(s) && s[k] != '`' {
			k++
		}
		for k < len(s) && s[k] == '`' {
			k++
		}
		dst = append(dst, ' ')
		i = k
	}
	return dst
}

// images replaces images with their alt text, as
// ReplaceAll(`!\[([^\]]*)\]\([^)]*\)`, "$1") does.
func images(dst, s []byte) []byte {
	for i := 0; i < len(s); {
		if s[i] != '!' {
			j := nextByte(s, i, '!')
			dst = append(dst, s[i:j]...)
			i = j
			continue
		}
		if i+1 < len(s) && s[i+1] == '[' {
			if j := indexFrom(s, i+2, ']'); j >= 0 && j+1 < len(s) && s[j+1] == '(' {
				if k := indexFrom(s, j+2, ')'); k >= 0 {
					dst = append(dst, s[i+2:j]...)
					i = k + 1
					continue
				}
			}
		}
		dst = append(dst, s[i])
		i++
	}
	return dst
}

// linksPass replaces links by their text between markers, as
// `\[([^\]]*)\](\(([^)]*)\)|\[[^\]]*\])` matches them, counting links and
// links to #fragments.
func linksPass(dst, s []byte) (out []byte, links, anchors int) {
	for i := 0; i < len(s); {
		if s[i] != '[' {
			j := nextByte(s, i, '[')
			dst = append(dst, s[i:j]...)
			i = j
			continue
		}
		if j := indexFrom(s, i+1, ']'); j >= 0 && j+1 < len(s) {
			end, dest := -1, []byte(nil)
			switch s[j+1] {
			case '(':
				if k := indexFrom(s, j+2, ')'); k >= 0 {
					end, dest = k, s[j+2:k]
				}
			case '[':
				if k := indexFrom(s, j+2, ']'); k >= 0 {
					end = k
				}
			}
			if end >= 0 {
				links++
				if dest != nil && bytes.HasPrefix(bytes.TrimSpace(dest), []byte("#")) {
					anchors++
				}
				dst = append(dst, markerLink)
				dst = append(dst, s[i+1:j]...)
				dst = append(dst, markerLink)
				i = end + 1
				continue
			}
		}
		dst = append(dst, s[i])
		i++
	}
	return dst, links, anchors
}

var markedLink = []byte("\x00link\x00")

// autolinks replaces autolinks with a marked "link", as
// `<((?:https?|mailto|ftp):[^>\s]*)>` matches them, and counts them.
func autolinks(dst, s []byte) (out []byte, n int) {
	for i := 0; i < len(s); {
		if s[i] != '<' {
			j := nextByte(s, i, '<')
			dst = append(dst, s[i:j]...)
			i = j
			continue
		}
		rest := s[i+1:]
		p := 0
		for _, scheme := range [...]string{"https:", "http:", "mailto:", "ftp:"} {
			if bytes.HasPrefix(rest, []byte(scheme)) {
				p = len(scheme)
				break
			}
		}
		if p > 0 {
			q := p
			for q < len(rest) && rest[q] != '>' && !isPerlSpace(rest[q]) {
				q++
			}
			if q < len(rest) && rest[q] == '>' {
				dst = append(dst, markedLink...)
				n++
				i += 1 + q + 1
				continue
			}
		}
		dst = append(dst, s[i])
		i++
	}
	return dst, n
}

// bareURLs replaces bare URLs with a marked "link", as
// `\b(?:https?://|www\.)[^\s<>()\[\]]+` matches them, and counts them.
func bareURLs(dst, s []byte) (out []byte, n int) {
	for i := 0; i < len(s); {
		if (s[i] == 'h' || s[i] == 'w') && (i == 0 || !isWordByte(s[i-1])) {
			p := 0
			switch {
			case bytes.HasPrefix(s[i:], []byte("https://")) && urlRun(s, i+8) > 0:
				p = 8
			case bytes.HasPrefix(s[i:], []byte("http://")):
				p = 7
			case bytes.HasPrefix(s[i:], []byte("www.")):
				p = 4
			}
			if p > 0 {
				if m := urlRun(s, i+p); m > 0 {
					dst = append(dst, markedLink...)
					n++
					i += p + m
					continue
				}
			}
		}
		dst = append(dst, s[i])
		i++
	}
	return dst, n
}

// urlRun returns the length of the run of URL bytes ([^\s<>()\[\]]) at s[i:].
func urlRun(s []byte, i int) int {
	j := i
	for j < len(s) {
		switch c := s[j]; c {
		case '<', '>', '(', ')', '[', ']':
			return j - i
		default:
			if isPerlSpace(c) {
				return j - i
			}
		}
		j++
	}
	return j - i
}

// isWordByte reports whether c is an ASCII word character (\w); a byte of
// a multi-byte rune is not.
func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// htmlComments replaces HTML comments with a space, as
// `<!--.*?(?:-->|$)` matches them.
func htmlComments(dst, s []byte) []byte {
	for i := 0; i < len(s); {
		if s[i] != '<' {
			j := nextByte(s, i, '<')
			dst = append(dst, s[i:j]...)
			i = j
			continue
		}
		if bytes.HasPrefix(s[i:], []byte("<!--")) {
			end := len(s)
			if k := bytes.Index(s[i+4:], []byte("-->")); k >= 0 {
				end = i + 4 + k + 3
			}
			dst = append(dst, ' ')
			i = end
			continue
		}
		dst = append(dst, s[i])
		i++
	}
	return dst
}

// htmlTags replaces HTML tags with a space, as `</?[A-Za-z][^<>]*>`
// matches them.
func htmlTags(dst, s []byte) []byte {
	for i := 0; i < len(s); {
		if s[i] != '<' {
			j := nextByte(s, i, '<')
			dst = append(dst, s[i:j]...)
			i = j
			continue
		}
		l := i + 1
		if l < len(s) && s[l] == '/' {
			l++
		}
		if l < len(s) && isASCIILetter(s[l]) {
			q := l + 1
			for q < len(s) && s[q] != '<' && s[q] != '>' {
				q++
			}
			if q < len(s) && s[q] == '>' {
				dst = append(dst, ' ')
				i = q + 1
				continue
			}
		}
		dst = append(dst, s[i])
		i++
	}
	return dst
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// nextByte returns the index of the first c in s after i, or len(s).
func nextByte(s []byte, i int, c byte) int {
	if k := bytes.IndexByte(s[i+1:], c); k >= 0 {
		return i + 1 + k
	}
	return len(s)
}

// indexFrom returns the index of the first c in s at or after i, or -1.
func indexFrom(s []byte, i int, c byte) int {
	if i >= len(s) {
		return -1
	}
	if k := bytes.IndexByte(s[i:], c); k >= 0 {
		return i + k
	}
	return -1
}

// Trigger bits of lineTriggers.
const (
	trigBacktick = 1 << iota // '`': code spans
	trigBracket              // "](" or "][": images and links
	trigAngle                // '<': autolinks, comments and tags
	trigURL                  // "://" or "www.": bare URLs
	trigOther                // anything else the last pass changes
	trigSpace                // ' ' (lineTriggers only)
	trigTemplate             // '{', '}' or '%': template syntax may follow
	trigColon                // ':'
	trigDot                  // '.' (lineTriggers only)
	trigW                    // 'w' (lineTriggers only)
	trigHigh                 // a byte >= 0x80 (with trigOther)
)

// triggerClass gives the bits of a byte for lineTriggers's first pass:
// trigBracket marks a byte "](" and "][" end with, trigColon, trigDot and
// trigW bytes "://" and "www." hold, and bytes >= 0x80 are trigOther (the
// last pass decodes runes).
var triggerClass = func() (t [256]uint16) {
	t['`'] = trigBacktick | trigOther
	t[']'] = trigBracket
	t['<'] = trigAngle
	t[':'] = trigColon
	t['.'] = trigDot
	t[' '] = trigSpace
	t['w'] = trigW
	t['{'], t['}'], t['%'] = trigTemplate, trigTemplate, trigTemplate
	for _, c := range "\t\n\v\f\r\x00*_~" {
		t[c] |= trigOther
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = trigOther | trigHigh
	}
	return t
}()

// lineTriggers returns the trigger bits of s: trigBacktick, trigAngle,
// trigOther, trigTemplate, trigColon and trigHigh for the bytes
// triggerClass gives them, trigBracket when s holds "](" or "][",
// trigURL when it holds "://" or "www.", and trigOther also when s has
// a space at its start or end or two spaces in a row (the last pass
// collapses or drops them). Zero means visible leaves s as it is.
//
// The pass over the bytes only ORs their classes, eight at a time (a few
// instructions a byte); the strings are then looked for only when the bytes they hold
// are all there, with searches that skip ahead. lineTriggersRef in the
// tests is the version that tracked byte pairs in its pass.
func lineTriggers(s []byte) uint16 {
	var trig uint16
	b := s
	for len(b) >= 8 {
		trig |= triggerClass[b[0]] | triggerClass[b[1]] | triggerClass[b[2]] | triggerClass[b[3]] |
			triggerClass[b[4]] | triggerClass[b[5]] | triggerClass[b[6]] | triggerClass[b[7]]
		b = b[8:]
	}
	for _, c := range b {
		trig |= triggerClass[c]
	}
	if trig&trigBracket != 0 && !bytes.Contains(s, []byte("](")) && !bytes.Contains(s, []byte("][")) {
		trig &^= trigBracket
	}
	if trig&trigColon != 0 && bytes.Contains(s, []byte("://")) ||
		trig&(trigDot|trigW) == trigDot|trigW && hasWWW(s) {
		trig |= trigURL
	}
	if trig&(trigSpace|trigOther) == trigSpace && (s[0] == ' ' || s[len(s)-1] == ' ' || hasDoubleSpace(s)) {
		// (A line with trigOther already needs no search.)
		trig |= trigOther
	}
	return trig &^ (trigSpace | trigDot | trigW)
}

// hasDoubleSpace reports whether s holds two spaces in a row, reading
// eight bytes at a time: a mask of the bytes that are spaces, ANDed with
// itself moved one byte on.
func hasDoubleSpace(s []byte) bool {
	var carry uint64 // high bit of byte 0 set: the byte before is a space
	for len(s) >= 8 {
		y := binary.LittleEndian.Uint64(s) ^ lowBits*' '
		// The high bit of each byte of y that is zero (exact: no sum
		// carries out of its byte).
		m := ^((y&^hiBits + lowBits*0x7f) | y) & hiBits
		if m&(m<<8|carry) != 0 {
			return true
		}
		carry = m >> 56
		s = s[8:]
	}
	prev := carry != 0
	for _, c := range s {
		if c == ' ' && prev {
			return true
		}
		prev = c == ' '
	}
	return false
}
