package report

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// escapeRune returns the visible escape for a rune an article must not be
// able to send to a terminal, and whether r needs one: C0 controls except
// tab, DEL, C1 controls and the bidirectional overrides and isolates
// ("Trojan Source").
func escapeRune(r rune, keepTab bool) (string, bool) {
	switch {
	case r == '\t':
		if keepTab {
			return "", false
		}
		return `\t`, true
	case r == '\r':
		return `\r`, true
	case r == '\n':
		return `\n`, true
	case r < 0x20 || r == 0x7f:
		return fmt.Sprintf(`\x%02x`, r), true
	case r >= 0x80 && r <= 0x9f:
		return fmt.Sprintf(`\u%04x`, r), true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return fmt.Sprintf(`\u%04x`, r), true
	}
	return "", false
}

// needsEscape reports whether s holds anything sanitize would change.
func needsEscape(s string, keepTab bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && !(keepTab && c == '\t')) || c == 0x7f {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return true
		}
		if _, esc := escapeRune(r, keepTab); esc {
			return true
		}
		i += size
	}
	return false
}

// Escape makes text taken from articles (messages, paths, source lines)
// safe to print on a terminal: C0 and C1 control characters, DEL, tabs and
// bidirectional overrides become visible escapes such as \x1b, and invalid
// UTF-8 bytes become \xNN. The text reporter applies it to everything it
// prints; other writers to a terminal (the CLI's stderr) should too.
func Escape(s string) string { return sanitize(s, false) }

// sanitize makes text from an article safe to print on a terminal: control
// characters (tab kept when keepTab), DEL, C1 controls and bidi overrides
// become visible escapes such as \x1b, and invalid UTF-8 bytes become \xNN.
// An article therefore cannot move the cursor, change colours or reorder
// what the reader sees.
func sanitize(s string, keepTab bool) string {
	if !needsEscape(s, keepTab) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch esc, ok := escapeRune(r, keepTab); {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case ok:
			b.WriteString(esc)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// tabWidth is the tab stop distance used when expanding tabs for display.
const tabWidth = 4

// cell is how one rune of a source line is displayed.
type cell struct {
	text  string // what is printed for the rune ("" for the tail of a grapheme cluster)
	width int    // terminal columns it occupies
}

// lineCells splits a source line into one display cell per rune (Position
// columns count runes; an invalid UTF-8 byte counts as one), expanding
// tabs to tab stops, escaping controls and giving East Asian wide
// characters and emoji their display width. A grapheme cluster's width
// goes to its first rune; the rest of the cluster is zero-width.
func lineCells(line string) []cell {
	cells := make([]cell, 0, len(line))
	col := 0 // display column so far, for tab stops
	state := -1
	for rest := line; rest != ""; {
		// Fast path: a printable ASCII character followed by ASCII (or
		// nothing) is a grapheme cluster of its own, one column wide.
		if c := rest[0]; c >= 0x20 && c < 0x7f && (len(rest) == 1 || rest[1] < utf8.RuneSelf) {
			cells = append(cells, cell{text: rest[:1], width: 1})
			rest = rest[1:]
			col++
			state = -1
			continue
		}
		var cluster string
		var width int
		cluster, rest, width, state = uniseg.FirstGraphemeClusterInString(rest, state)
		if !needsEscape(cluster, true) && !strings.ContainsRune(cluster, '\t') {
			cells = append(cells, cell{text: cluster, width: width})
			for n := utf8.RuneCountInString(cluster); n > 1; n-- {
				cells = append(cells, cell{})
			}
			col += width
			continue
		}
		// A cluster with controls, tabs or invalid bytes: one rune at a time.
		for i := 0; i < len(cluster); {
			r, size := utf8.DecodeRuneInString(cluster[i:])
			var c cell
			switch esc, ok := escapeRune(r, true); {
			case r == utf8.RuneError && size == 1:
				c.text = fmt.Sprintf(`\x%02x`, cluster[i])
				c.width = len(c.text)
			case r == '\t':
				n := tabWidth - col%tabWidth
				c.text = strings.Repeat(" ", n)
				c.width = n
			case ok:
				c.text = esc
				c.width = len(esc)
			default:
				c.text = cluster[i : i+size]
				c.width = uniseg.StringWidth(c.text)
			}
			cells = append(cells, c)
			col += c.width
			i += size
		}
	}
	return cells
}
