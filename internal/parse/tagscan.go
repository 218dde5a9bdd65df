package parse

import "bytes"

// Inline HTML open tags and HTML block lines of type 7 are recognized by
// goldmark with regular expressions (parser/raw_html.go, html_block.go),
// which on a line with long attribute values (an SVG path, a base64 image)
// cost tens of microseconds. The scanners here decide the same by reading
// the bytes once. The grammar is CommonMark's: a tag name, then attributes
// (white space, a name, and optionally white space, "=", white space and a
// value: unquoted, or quoted with "'" or "\""), then the tag's end. It
// leaves the patterns no choice that matters: every part but an unquoted
// value ends where the next byte cannot continue it, and what may follow
// each part (white space and a name, "=", "/", ">") cannot continue it, so
// the longest run is the only one from which the pattern can go on; an
// unquoted value may end in "/", and taken with or without it the tag ends
// at the same ">". So a scan that takes each part as long as it goes, and
// gives up where the pattern cannot go on, finds the match if there is
// one. TestOpenTagEnd, TestCloseTagEnd and TestHTMLBlockFastMatchesStock
// compare the scanners with what goldmark's own parser makes of the same
// line; FuzzOpenTagEnd, FuzzCloseTagEnd and FuzzHTMLBlockOpen too.

// tagSpace reports whether c is white space in a tag: "\r", "\n", " ",
// "\t".
func tagSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// attrNameStart and attrNameByte classify the bytes of attribute names.
func attrNameStart(c byte) bool { return isAlpha(c) || c == '_' || c == ':' }
func attrNameByte(c byte) bool {
	return isAlnum(c) || c == '_' || c == ':' || c == '.' || c == '-'
}

// unquotedByte reports whether c may be part of an unquoted attribute
// value: anything but white space, control bytes, quotes, "=", "<", ">"
// and "`" (a non-ASCII byte is part of a character that may).
func unquotedByte(c byte) bool {
	return c > ' ' && c != '"' && c != '\'' && c != '=' && c != '<' && c != '>' && c != '`'
}

// tagAttrsEnd returns where the attributes of a tag whose name ends at
// line[i] end, and whether there are any: after the last attribute that
// is whole. An attribute whose value is malformed ("=" and nothing that
// can be a value, or a quote that is not closed on the line) ends after
// its name; the "=" after it then ends any match.
func tagAttrsEnd(line []byte, i int) (end int, any bool) {
	for {
		j := i
		for j < len(line) && tagSpace(line[j]) {
			j++
		}
		if j == i || j >= len(line) || !attrNameStart(line[j]) {
			return i, any
		}
		j++
		for j < len(line) && attrNameByte(line[j]) {
			j++
		}
		i, any = j, true
		for j < len(line) && tagSpace(line[j]) {
			j++
		}
		if j >= len(line) || line[j] != '=' {
			continue
		}
		j++
		for j < len(line) && tagSpace(line[j]) {
			j++
		}
		if j >= len(line) {
			return i, any
		}
		switch c := line[j]; {
		case c == '"' || c == '\'':
			k := bytes.IndexByte(line[j+1:], c)
			if k < 0 {
				return i, any
			}
			i = j + 1 + k + 1
		case unquotedByte(c):
			j++
			for j < len(line) && unquotedByte(line[j]) {
				j++
			}
			i = j
		default:
			return i, any
		}
	}
}

// openTagEnd returns the end of the inline HTML open tag at the start of
// line, or -1: where goldmark's open tag pattern's match on line ends.
func openTagEnd(line []byte) int {
	if len(line) < 2 || line[0] != '<' || !isAlpha(line[1]) {
		return -1
	}
	i := 2
	for i < len(line) && (isAlnum(line[i]) || line[i] == '-') {
		i++
	}
	i, _ = tagAttrsEnd(line, i)
	i = skipTagEndSpace(line, i)
	if i < len(line) && line[i] == '/' {
		i++
	}
	if i < len(line) && line[i] == '>' {
		// Goldmark reads the paragraph as runes for its pattern, and its
		// reader ends the text at U+FFFD: a tag holding one is no tag.
		// (Names are ASCII: only attribute values can hold it.)
		if bytes.Contains(line[:i], replacementChar) {
			return -1
		}
		return i + 1
	}
	return -1
}

// replacementChar is U+FFFD in UTF-8.
var replacementChar = []byte("\uFFFD")

// closeTagEnd returns the end of the inline HTML close tag at the start
// of line ("</", a tag name, white space, ">"), or -1: where goldmark's
// close tag pattern's match on line ends.
func closeTagEnd(line []byte) int {
	if len(line) < 3 || line[0] != '<' || line[1] != '/' || !isAlpha(line[2]) {
		return -1
	}
	i := 3
	for i < len(line) && (isAlnum(line[i]) || line[i] == '-') {
		i++
	}
	i = skipTagEndSpace(line, i)
	if i < len(line) && line[i] == '>' {
		return i + 1
	}
	return -1
}

// skipTagEndSpace returns where the white space at line[i:] before a
// tag's end ends: spaces, tabs and line endings ("\n", "\r\n"; not a
// lone "\r", unlike the white space between attributes).
func skipTagEndSpace(line []byte, i int) int {
	for i < len(line) {
		if c := line[i]; c == ' ' || c == '\t' || c == '\n' {
			i++
		} else if c == '\r' && i+1 < len(line) && line[i+1] == '\n' {
			i += 2
		} else {
			break
		}
	}
	return i
}

// type7Rest reports whether line, whose tag name ends at line[i], is what
// goldmark's type 7 HTML block pattern needs after the name: attributes,
// spaces, ">" or "/>", spaces and the line's end ("", "\n" or "\r\n"); and
// whether the tag has attributes.
func type7Rest(line []byte, i int) (match, hasAttrs bool) {
	i, hasAttrs = tagAttrsEnd(line, i)
	for i < len(line) && line[i] == ' ' {
		i++
	}
	if i < len(line) && line[i] == '/' {
		i++
	}
	if i >= len(line) || line[i] != '>' {
		return false, hasAttrs
	}
	i++
	for i < len(line) && line[i] == ' ' {
		i++
	}
	switch string(line[i:]) {
	case "", "\n", "\r\n":
		return true, hasAttrs
	}
	return false, hasAttrs
}
