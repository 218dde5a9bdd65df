package boilerplate

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The regular-expression version of visibleText, which visible.go
// replaces by hand-written passes: the reference they are tested against.

var (
	reImage       = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	reLink        = regexp.MustCompile(`\[([^\]]*)\](\(([^)]*)\)|\[[^\]]*\])`)
	reAutolink    = regexp.MustCompile(`<((?:https?|mailto|ftp):[^>\s]*)>`)
	reBareURL     = regexp.MustCompile(`\b(?:https?://|www\.)[^\s<>()\[\]]+`)
	reCodeSpan    = regexp.MustCompile("(`+)[^`]*?(`+|$)")
	reHTMLComment = regexp.MustCompile(`<!--.*?(?:-->|$)`)
	reHTMLTag     = regexp.MustCompile(`</?[A-Za-z][^<>]*>`)
	reListMarker  = regexp.MustCompile(`^(?:[-*+•·▪◦‣●–—]|\d{1,3}[.)])(?:\s+|$)`)
)

// mayBeListMarker reports whether s starts with a digit or a bullet, as
// every match of reListMarker does, to spare the regexp on other lines.
func mayBeListMarker(s string) bool {
	if s == "" {
		return false
	}
	if '0' <= s[0] && s[0] <= '9' {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(listMarkerRunes, r)
}

// stripLead removes blockquote markers, one list marker and heading
// hashes from the start of a line.
func refStripLead(s string) string {
	s = strings.TrimLeft(s, " \t>")
	if mayBeListMarker(s) {
		if m := reListMarker.FindStringIndex(s); m != nil {
			s = s[m[1]:]
		}
	}
	if strings.HasPrefix(s, "#") {
		t := strings.TrimLeft(s, "#")
		if len(s)-len(t) <= 6 && (t == "" || t[0] == ' ' || t[0] == '\t') {
			s = strings.TrimLeft(t, " \t")
		}
	}
	return s
}

// visibleText strips Markdown-ish markup from a raw line. It returns the
// visible text, the number of visible runes that are link text, the
// number of links and how many of them point at #fragments.
func refVisibleText(raw string) (vis string, linkChars, links, anchors int) {
	s := refStripLead(raw)
	if strings.Contains(s, "`") {
		s = reCodeSpan.ReplaceAllString(s, " ")
	}
	if strings.Contains(s, "](") || strings.Contains(s, "][") {
		s = reImage.ReplaceAllString(s, "$1")
		// One pass with submatch indexes (as ReplaceAllStringFunc would
		// find them), rather than matching each link a second time.
		if ms := reLink.FindAllStringSubmatchIndex(s, -1); ms != nil {
			var out strings.Builder
			out.Grow(len(s))
			last := 0
			for _, m := range ms {
				out.WriteString(s[last:m[0]])
				links++
				if m[6] >= 0 && strings.HasPrefix(strings.TrimSpace(s[m[6]:m[7]]), "#") {
					anchors++
				}
				out.WriteRune(markerLink)
				out.WriteString(s[m[2]:m[3]])
				out.WriteRune(markerLink)
				last = m[1]
			}
			out.WriteString(s[last:])
			s = out.String()
		}
	}
	if strings.Contains(s, "<") {
		s = reAutolink.ReplaceAllStringFunc(s, func(m string) string {
			links++
			return string(markerLink) + "link" + string(markerLink)
		})
	}
	if strings.Contains(s, "://") || strings.Contains(s, "www.") {
		s = reBareURL.ReplaceAllStringFunc(s, func(m string) string {
			links++
			return string(markerLink) + "link" + string(markerLink)
		})
	}
	if strings.Contains(s, "<") {
		s = reHTMLComment.ReplaceAllString(s, " ")
		s = reHTMLTag.ReplaceAllString(s, " ")
	}
	// Count link runes, drop the markers and emphasis characters.
	var b strings.Builder
	b.Grow(len(s))
	inLink := false
	space := true
	for _, r := range s {
		switch {
		case r == markerLink:
			inLink = !inLink
			continue
		case r == '*' || r == '_' || r == '~' || r == '`':
			continue
		case unicode.IsSpace(r):
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		if inLink {
			linkChars++
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String()), linkChars, links, anchors
}
