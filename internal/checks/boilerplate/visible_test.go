package boilerplate

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// visibleCases are lines with every kind of markup visibleText strips, and
// the corner cases of each pass.
var visibleCases = []string{
	"", " ", "plain words here", "  - item", "* item", "1. one", "1234. no", "12) two", "3.x", "-", "–\tdash", "• bullet",
	"> > quoted # not heading", "## Heading", "####### seven", "#nospace", "# ", "#",
	"`code` and ``more `code``", "`a``b`", "``", "`unclosed", "a`b`c", "x ``` y ``` z `",
	"![alt](src) text", "![a](b", "![a]c)", "[![img](s)](l)", "![](x)y",
	"[Home](/) › [Blog](/blog)", "[a](#x) [b]( #y) [c][ref] [d]", "[a [b](c)", "[a]b](c)", "[x](y", "[x][y", "[]()", "a[b](c)d",
	"<https://a.b/c> <mailto:x@y> <ftp:z> <http:> <https:x y> <HTTP://no>", "<https:a<b>",
	"see https://example.com/x?y=(1) and www.foo.bar, xhttp://a _www.b éwww.c https:// http:// www.",
	"<!-- comment --> text <!-- open", "<!---->", "<!-->x", "a <b>bold</b> <br/> </ p> <x <y> <1>",
	"**bold** __under__ ~~strike~~ `", "tab\there\u00a0nbsp\u2003em  end  ", "\u0085next",
	"[<http://a](x)>", "[l](http://x.com) www.y.com <http://z>", "Share · Tweet | Email",
	"日本語 [リンク](x) テキスト", "\ufffd [a](\ufffd)",
}

func TestVisibleTextMatchesRegexps(t *testing.T) {
	for _, s := range visibleCases {
		checkVisible(t, s)
	}
	// Random lines built from markup fragments.
	frags := []string{"[", "]", "(", ")", "!", "<", ">", "`", "``", "*", "_", "~", "#", "# ", "> ", "- ", "1. ",
		"http://", "https://", "www.", "mailto:", "<!--", "-->", "/", " ", "\t", "a", "Bc", "d e", "#x", "é", "\u00a0", "·", "\x00",
		"'", "’", "É", "İ", "\u212a", "1", ".", "!", "…", "”", "»", "?", "–", "—", "\"", "{{", "%}", ":::", "\v", "\u0085"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var b strings.Builder
		for n := r.IntN(12); n >= 0; n-- {
			b.WriteString(frags[r.IntN(len(frags))])
		}
		checkVisible(t, b.String())
	}
}

func checkVisible(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	v1, c1, l1, a1 := refVisibleText(s)
	v2, c2, l2, a2 := visibleText(s)
	if v1 != v2 || c1 != c2 || l1 != l2 || a1 != a2 {
		t.Fatalf("visibleText(%q) = %q %d %d %d, regexps give %q %d %d %d", s, v2, c2, l2, a2, v1, c1, l1, a1)
	}
	checkWordHelpers(t, s)
	checkWordHelpers(t, v1)
}

// checkWordHelpers checks the byte helpers of the line table against the
// string functions readLines uses.
func checkWordHelpers(t *testing.T, s string) {
	t.Helper()
	words := splitWords(s)
	n, first, upper, _ := wordTokenStats([]byte(s))
	wantFirst, wantUpper := rune(0), 0
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if i == 0 {
			wantFirst = r
		}
		if startsUpper(w) {
			wantUpper++
		}
	}
	if n != len(words) || first != wantFirst || upper != wantUpper {
		t.Fatalf("wordTokenStats(%q) = %d %q %d; want %d %q %d", s, n, first, upper, len(words), wantFirst, wantUpper)
	}
	for k := range len(words) + 2 {
		if hasWords(s, k) != (len(words) >= k) {
			t.Fatalf("hasWords(%q, %d) = %v with %d words", s, k, hasWords(s, k), len(words))
		}
	}
	if got, want := countFieldsUpTo([]byte(s), len(s)+1), len(strings.Fields(s)); got != want {
		t.Fatalf("countFieldsUpTo(%q, all) = %d, want %d", s, got, want)
	}
	if got, want := endsSentence([]byte(s)), endsSentence(s); got != want {
		t.Fatalf("endsSentence([]byte(%q)) = %v, want %v", s, got, want)
	}
	if got, want := isTemplateBytes([]byte(s)), isTemplate(s); got != want {
		t.Fatalf("isTemplateBytes(%q) = %v, want %v", s, got, want)
	}
	// The line table tests template syntax only when the triggers say it
	// may be there.
	var sc visScratch
	sc.visible([]byte(s))
	if isTemplate(s) && sc.trig&(trigTemplate|trigColon) == 0 {
		t.Fatalf("visible(%q): trigger bits %b rule out its template syntax", s, sc.trig)
	}
	if got, want := string(appendNorm(nil, []byte(s))), normalize(s); got != want {
		t.Fatalf("appendNorm(%q) = %q, want %q", s, got, want)
	}
}

func FuzzVisibleText(f *testing.F) {
	for _, s := range visibleCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "\n") {
			return // lines have no line feeds
		}
		checkVisible(t, s)
	})
}
