package parse

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// htmlBlockTags are the tag names that open an HTML block of CommonMark's
// type 6 (as goldmark lists them), lower-case.
var htmlBlockTags = func() map[string]bool {
	m := make(map[string]bool)
	for _, n := range []string{
		"address", "article", "aside", "base", "basefont", "blockquote",
		"body", "caption", "center", "col", "colgroup", "dd", "details",
		"dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption",
		"figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3",
		"h4", "h5", "h6", "head", "header", "hr", "html", "iframe",
		"legend", "li", "link", "main", "menu", "menuitem", "meta", "nav",
		"noframes", "ol", "optgroup", "option", "p", "param", "search",
		"section", "summary", "table", "tbody", "td", "tfoot", "th",
		"thead", "title", "tr", "track", "ul",
	} {
		m[n] = true
	}
	return m
}()

// htmlBlockFast stands in for goldmark's HTML block parser's Open on the
// lines whose outcome the first bytes decide, and calls it for the rest.
// Goldmark tries up to seven regular expressions on every line that
// starts with "<" (at most three spaces in). Type 1 needs a letter right
// after "<", so "<?" opens a type 3 block, and "<!" one of type 2
// ("<!--"), 4 ("<!" and a capital letter), 5 ("<![CDATA[") or none.
// Where the line (after the spaces) is "<" or "</" and optional spaces
// and then a tag name, as CommonMark defines it:
//   - types 2 to 5 need "!" or "?" after "<", so they cannot match, and
//     type 1 can match only when the name is script, pre, style or
//     textarea (then goldmark decides);
//   - the name the type 6 and type 7 patterns capture is the whole run of
//     name bytes, since what follows a name in them is not a name byte;
//   - a name among htmlBlockTags makes a type 6 block whenever either
//     pattern matches, and type 6's matches when after the name come
//     " ", ">", "/>" or the end of the line: then a type 6 block is
//     opened here, else goldmark decides;
//   - any other name can only make a type 7 block, which cannot interrupt
//     a paragraph: when the last open block is one, no block opens;
//     otherwise type7Rest decides as the type 7 pattern would (see
//     tagscan.go) and goldmark's conditions on the name follow.
//
// A line whose "<" is followed by none of "!", "?", "/", a letter or a
// non-ASCII byte (which type 1's case folding may match) matches no
// pattern: no block opens. The blocks opened here are what goldmark's
// Open returns (TestGoldmarkMatchesStock, FuzzHTMLBlockOpen).
type htmlBlockFast struct{ parser.BlockParser }

// Open implements parser.BlockParser.
func (h htmlBlockFast) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, segment := reader.PeekLine()
	switch k := htmlBlockKind(line, func() bool { return ast.IsParagraph(pc.LastOpenedBlock().Node) }); k {
	case htmlBlockAsk:
		return h.BlockParser.Open(parent, reader, pc)
	case htmlBlockNone:
		return nil, parser.NoChildren
	default:
		node := ast.NewHTMLBlock(k)
		reader.AdvanceToEOL()
		node.Lines().Append(segment)
		return node, parser.NoChildren
	}
}

// Outcomes of htmlBlockKind besides goldmark's block types (which start
// at 1): goldmark's parser decides, or no HTML block opens.
const (
	htmlBlockAsk  ast.HTMLBlockType = 0
	htmlBlockNone ast.HTMLBlockType = -1
)

// htmlBlockKind decides, where the first bytes of line can, what
// goldmark's HTML block parser opens on it (see htmlBlockFast): the
// type of the block, htmlBlockNone or, where they do not decide,
// htmlBlockAsk. afterParagraph reports whether the last open block is a
// paragraph.
func htmlBlockKind(line []byte, afterParagraph func() bool) ast.HTMLBlockType {
	i := 0
	for i < 3 && i < len(line) && line[i] == ' ' {
		i++
	}
	if i >= len(line) || line[i] != '<' {
		return htmlBlockAsk
	}
	i++
	if i >= len(line) {
		return htmlBlockNone
	}
	closing, slashSpaced := false, false
	switch c := line[i]; {
	case c == '?':
		return ast.HTMLBlockType3
	case c == '!':
		// Types 2, 4 and 5 need nothing after these openings but the
		// rest of the line ("." matches any byte but "\n"); the other
		// types need a letter or "/" after "<".
		switch rest := line[i+1:]; {
		case bytes.HasPrefix(rest, []byte("--")):
			return ast.HTMLBlockType2
		case len(rest) > 0 && rest[0] >= 'A' && rest[0] <= 'Z':
			return ast.HTMLBlockType4
		case bytes.HasPrefix(rest, []byte("[CDATA[")):
			return ast.HTMLBlockType5
		}
		return htmlBlockNone
	case c == '/':
		closing = true
		i++
		for i < len(line) && line[i] == ' ' {
			i++
			slashSpaced = true
		}
		if i >= len(line) || !isAlpha(line[i]) {
			return htmlBlockNone
		}
	case c >= 0x80:
		// (?i) in type 1's pattern lets "ſ" (U+017F) match "s".
		return htmlBlockAsk
	case !isAlpha(c):
		return htmlBlockNone
	}
	start := i
	for i < len(line) && (isAlnum(line[i]) || line[i] == '-') {
		i++
	}
	var buf [12]byte
	var name []byte // lower-case, when not longer than any name below
	if n := i - start; n <= len(buf) {
		name = buf[:n]
		for k := range name {
			name[k] = line[start+k] | 0x20 // letters and digits only; '-' is 0x2d already
		}
		if !closing {
			switch string(name) {
			case "script", "pre", "style", "textarea":
				return htmlBlockAsk
			}
		}
		if htmlBlockTags[string(name)] {
			rest := line[i:]
			// After the name: " ", ">" or "/>" and anything up to the
			// line's end, or nothing but the line's end ("\n", "\r\n").
			switch {
			case len(rest) == 0, string(rest) == "\n", string(rest) == "\r\n",
				rest[0] == ' ', rest[0] == '>',
				len(rest) > 1 && rest[0] == '/' && rest[1] == '>':
				return ast.HTMLBlockType6
			}
			return htmlBlockAsk
		}
	}
	if afterParagraph() {
		return htmlBlockNone
	}
	// Type 7: one whole tag on the line (type7Rest, as the pattern
	// matches), neither a close tag with attributes (goldmark takes a
	// tag for a close tag only when no space follows its "/") nor one of
	// script, style and pre; else type 6's pattern matches but the name
	// is not one of its tags, and no block opens.
	match, hasAttrs := type7Rest(line, i)
	if !match || closing && !slashSpaced && hasAttrs {
		return htmlBlockNone
	}
	switch string(name) {
	case "script", "style", "pre":
		return htmlBlockNone
	}
	return ast.HTMLBlockType7
}
