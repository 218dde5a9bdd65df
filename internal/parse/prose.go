package parse

import (
	"bytes"
)

// Bare URLs and e-mail addresses in prose become placeholders, as GFM's
// autolink extension would link them. This is done here rather than by
// goldmark's Linkify extension, which tries a regular expression at every
// space and costs more than a third of goldmark's parse time; it also
// treats URLs used as link text ("[https://x.y](https://x.y)") as prose.

// urlStop marks the bytes that end a bare URL.
var urlStop = func() (t [256]bool) {
	for _, c := range []byte(" \t\n\r\f\v<>\"`") {
		t[c] = true
	}
	for c := 0x80; c < 0x100; c++ {
		t[c] = true // non-ASCII: closing quotes, dashes
	}
	return t
}()

// emailLocal marks the bytes of an e-mail address's local part.
var emailLocal = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range []byte("._+-") {
		t[c] = true
	}
	return t
}()

// hostByte marks the bytes of a host name.
var hostByte = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	t['-'], t['_'], t['.'] = true, true, true
	return t
}()

var (
	schemeSep = []byte("://")
	wwwDot    = []byte("www.")
)

// minURLLen is the length of the shortest bare URL or e-mail address the
// urlScanner finds: "a@.a" (an address needs a local part and a domain
// holding a dot that does not end it; a URL with a scheme, as in "a://b",
// a letter before "://" and a host byte after it; one without, "www."
// and a host with a second dot).
const minURLLen = 4

// mayHaveURL reports whether run, a run of prose, may hold a bare URL or
// e-mail address: whether it is at least minURLLen bytes long and holds
// "://", "www." or "@". That is a necessary condition for the urlScanner
// to find anything in it, since it looks for those triggers within the
// run only. It looks for their first bytes with bytes.IndexByte, which
// reads many bytes at a time. (A search of the whole source once, with the
// runs looked up among its triggers, cost more: it reads code blocks,
// front matter and HTML too.)
func mayHaveURL(run []byte) bool {
	if len(run) < minURLLen {
		return false
	}
	if bytes.IndexByte(run, '@') >= 0 {
		return true
	}
	for i := 0; ; {
		k := bytes.IndexByte(run[i:], ':')
		if k < 0 {
			break
		}
		i += k + 1
		if len(run)-i >= 2 && run[i] == '/' && run[i+1] == '/' {
			return true
		}
	}
	// "www." by its dot, which prose holds fewer of than "w".
	for i := 0; ; {
		k := bytes.IndexByte(run[i:], '.')
		if k < 0 {
			return false
		}
		i += k
		if i >= 3 && run[i-3] == 'w' && run[i-2] == 'w' && run[i-1] == 'w' {
			return true
		}
		i++
	}
}

// urlBoundary reports whether a bare URL may start at src[i]: at the start
// of the source or after white space or one of the characters GFM allows
// (and a few more that cannot be part of a word).
func urlBoundary(src []byte, i int) bool {
	if i == 0 {
		return true
	}
	switch src[i-1] {
	case ' ', '\t', '\n', '\r', '*', '_', '~', '(', '[', '|', '"', '\'', '>', ':', ',', ';':
		return true
	}
	// After a non-ASCII character such as an opening quote or a dash.
	return src[i-1] >= 0x80
}

// urlScanner finds bare URLs and e-mail addresses in src[:hi] from left
// to right. It remembers the next occurrence of each trigger ("://",
// "www.", "@") so that a run of prose is scanned in linear time.
type urlScanner struct {
	src []byte
	hi  int
	// The next unexamined occurrence of each trigger at or after the
	// cursor, or -1 when there is none left.
	sep, www, at int
}

func newURLScanner(src []byte, from, hi int) urlScanner {
	u := urlScanner{src: src, hi: hi}
	u.sep = u.find(from, schemeSep)
	u.www = u.find(from, wwwDot)
	u.at = u.findByte(from, '@')
	return u
}

func (u *urlScanner) find(from int, pat []byte) int {
	if from >= u.hi {
		return -1
	}
	if k := bytes.Index(u.src[from:u.hi], pat); k >= 0 {
		return from + k
	}
	return -1
}

func (u *urlScanner) findByte(from int, c byte) int {
	if from >= u.hi {
		return -1
	}
	if k := bytes.IndexByte(u.src[from:u.hi], c); k >= 0 {
		return from + k
	}
	return -1
}

// next returns the first URL or address starting at or after from.
func (u *urlScanner) next(from int) (start, end int, ok bool) {
	src := u.src
	// Drop triggers the cursor has passed.
	if u.sep >= 0 && u.sep < from {
		u.sep = u.find(from, schemeSep)
	}
	if u.www >= 0 && u.www < from {
		u.www = u.find(from, wwwDot)
	}
	if u.at >= 0 && u.at < from {
		u.at = u.findByte(from, '@')
	}
	for u.sep >= 0 || u.www >= 0 || u.at >= 0 {
		// Examine the earliest trigger.
		switch {
		case u.sep >= 0 && (u.www < 0 || u.sep <= u.www) && (u.at < 0 || u.sep <= u.at):
			sep := u.sep
			u.sep = u.find(sep+len(schemeSep), schemeSep)
			// The scheme: a letter, then letters, digits, "+", "-", ".".
			s := sep
			for s > from && (isAlnum(src[s-1]) || src[s-1] == '+' || src[s-1] == '-' || src[s-1] == '.') {
				s--
			}
			for s < sep && !isAlpha(src[s]) {
				s++
			}
			if s < sep && urlBoundary(src, s) {
				if e := urlEnd(src, sep+len(schemeSep), u.hi, false); e > sep+len(schemeSep) {
					return s, e, true
				}
			}
		case u.www >= 0 && (u.at < 0 || u.www <= u.at):
			s := u.www
			u.www = u.find(s+len(wwwDot), wwwDot)
			if urlBoundary(src, s) {
				if e := urlEnd(src, s, u.hi, true); e > s+len(wwwDot) {
					return s, e, true
				}
			}
		default:
			at := u.at
			u.at = u.findByte(at+1, '@')
			s := at
			for s > from && emailLocal[src[s-1]] {
				s--
			}
			if s < at && urlBoundary(src, s) {
				if e := emailEnd(src, at+1, u.hi); e > at+1 {
					return s, e, true
				}
			}
		}
	}
	return 0, 0, false
}

// urlEnd returns the end of a URL whose host starts at src[i], or i if
// there is none: the host needs a dot when www is set. Trailing
// punctuation is dropped as GFM does.
func urlEnd(src []byte, i, hi int, www bool) int {
	h := i
	dots := 0
	for h < hi && hostByte[src[h]] {
		if src[h] == '.' {
			dots++
		}
		h++
	}
	if h == i || (www && dots < 2) {
		return i
	}
	e := h
	for e < hi && !urlStop[src[e]] {
		e++
	}
	return trimURLEnd(src, i, e)
}

// trimURLEnd drops trailing punctuation, unbalanced closing parentheses
// and a trailing entity reference from the URL src[start:end].
func trimURLEnd(src []byte, start, end int) int {
	for end > start {
		switch c := src[end-1]; c {
		case '?', '!', '.', ',', ':', '*', '_', '~', '\'', ';':
			if c == ';' {
				// "&amp;" at the end is an entity, not part of the URL.
				j := end - 2
				for j > start && isAlnum(src[j]) {
					j--
				}
				if j < end-2 && src[j] == '&' {
					end = j
					continue
				}
			}
			end--
			continue
		case ')':
			if bytes.Count(src[start:end], []byte{')'}) > bytes.Count(src[start:end], []byte{'('}) {
				end--
				continue
			}
		}
		break
	}
	return end
}

// emailEnd returns the end of an e-mail domain starting at src[i], or i.
func emailEnd(src []byte, i, hi int) int {
	e := i
	dots := 0
	for e < hi && hostByte[src[e]] {
		if src[e] == '.' {
			dots++
		}
		e++
	}
	for e > i && src[e-1] == '.' {
		e--
		dots--
	}
	if dots < 1 || e == i || src[e-1] == '-' || src[e-1] == '_' {
		return i
	}
	return e
}

func isAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isAlnum(c byte) bool { return isAlpha(c) || isDigit(c) }

// prose appends src[start:end] as prose: verbatim, except template tags
// ("{{< shortcode >}}", "{{ .Var }}", "{% tag %}"), bare URLs and e-mail
// addresses, which become placeholders.
func (t *textBuilder) prose(start, end int) {
	end = min(end, len(t.src))
	if start >= end {
		return
	}
	if bytes.IndexByte(t.src[start:end], '{') < 0 {
		t.proseURLs(start, end)
		return
	}
	for start < end {
		s, e, ok := nextTemplateTag(t.src, start, end)
		if !ok {
			break
		}
		t.proseURLs(start, s)
		t.placeholder(s, e)
		start = e
	}
	t.proseURLs(start, end)
}

var (
	tagOpenExpr  = []byte("{{")
	tagCloseExpr = []byte("}}")
	tagOpenStmt  = []byte("{%")
	tagCloseStmt = []byte("%}")
)

// nextTemplateTag finds the first "{{ … }}" or "{% … %}" in src[from:hi].
func nextTemplateTag(src []byte, from, hi int) (start, end int, ok bool) {
	// Once a closer is missing after some position it is missing after
	// every later one: stop looking for it.
	noExpr, noStmt := false, false
	for i := from; i+1 < hi && !(noExpr && noStmt); {
		k := bytes.IndexByte(src[i:hi], '{')
		if k < 0 || i+k+1 >= hi {
			return 0, 0, false
		}
		s := i + k
		var closer []byte
		var missing *bool
		switch src[s+1] {
		case '{':
			closer, missing = tagCloseExpr, &noExpr
		case '%':
			closer, missing = tagCloseStmt, &noStmt
		}
		if closer != nil && !*missing {
			c := bytes.Index(src[s+2:hi], closer)
			if c < 0 {
				*missing = true
			} else {
				e := s + 2 + c + len(closer)
				// "{{{ … }}}" (Handlebars) and a Hugo shortcode's
				// closing "}}" are part of the tag.
				for e < hi && src[e] == '}' {
					e++
				}
				return s, e, true
			}
		}
		i = s + 1
	}
	return 0, 0, false
}

// proseURLs appends src[start:end] verbatim, except bare URLs and e-mail
// addresses, which become placeholders.
func (t *textBuilder) proseURLs(start, end int) {
	if start >= end {
		return
	}
	if !mayHaveURL(t.src[start:end]) {
		t.verbatim(start, end)
		return
	}
	u := newURLScanner(t.src, start, end)
	for start < end {
		s, e, ok := u.next(start)
		if !ok {
			break
		}
		t.verbatim(start, s)
		t.placeholder(s, e)
		start = e
	}
	t.verbatim(start, end)
}
