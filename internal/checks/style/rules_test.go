package style

import (
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/check"
)

func TestRepeatedWord(t *testing.T) {
	runCases(t, "style/repeated-word", []ruleCase{
		{"simple", "We went to the the shop.", []string{"the"}},
		{"case", "The the shop.", []string{"the"}},
		{"line break", "Press the button and\nand wait.", []string{"and"}},
		{"triple is deliberate", "a long long long time ago", nil},
		{"term after capitalised word", "Use the Parameter parameter and Gallus gallus.", nil},
		{"sentence start", "Done. The the end.", []string{"the"}},
		{"emphasis", "Native messaging host _host name_ and *very* very well.", nil},
		{"phrasal allow", "Please chime in in the comments, but read in in order.", []string{"in"}},
		{"compounds", "dispuesto/a a hacer, class screenshot screenshot--filled", nil},
		{"template", "the {% Img alt=\"the\" %} the\n\n{{< figure x=\"a a\" >}}", nil},
		{"mention", `Fix the "the the" typo in v8::Function::Call call.`, nil},
		{"tamil", "பங்களிப்பாளர்கள் மற்றும் சமூக", nil},
		{"allowed", "He had had enough, and said that that was fine.", nil},
		{"numbers", "Use 1 1 or 2020 2020.", nil},
		{"punctuation between", "Yes, yes. No; no.", nil},
		{"name", "They moved to Walla Walla.", nil},
		{"placeholder between", "the `x` the", nil},
		{"different words", "the then", nil},
		{"apostrophe word", "don't don't", []string{"don't"}},
		{"hyphen word", "e-mail e-mail", []string{"e-mail"}},
		{"across blocks", "end of the\n\nthe start", nil},
		{"unicode", "Ça va très très bien.", []string{"très"}},
	})
}

func TestRepeatedWordFix(t *testing.T) {
	c := buildChecks(t)["style/repeated-word"]
	for _, tc := range []struct{ src, want string }{
		{"We went to the the shop.", "We went to the shop."},
		{"Press and\nand wait.", "Press and wait."},
		{"Press and\r\nand wait.", "Press and wait."},
	} {
		doc := textDoc("a.txt", tc.src)
		if got := applyFixes(doc.Source, runCheck(t, c, doc)); got != tc.want {
			t.Errorf("fix %q = %q, want %q", tc.src, got, tc.want)
		}
	}
}

func TestQuoteBalance(t *testing.T) {
	runCases(t, "style/quote-balance", []ruleCase{
		{"balanced curly", "He said “no” and left.", nil},
		{"balanced straight", `He said "no" and 'yes' and left.`, nil},
		{"nested", "“He said ‘no’ to me,” she said.", nil},
		{"mixed styles balance", "Understanding ‘Letting Go' matters.", nil},
		{"apostrophes", "Don’t touch the readers’ books, O’Neil. It's Chris' car. The ’90s rock ‘n’ roll.", nil},
		{"straight apostrophes", "Don't, the readers' books, the '90s, rock 'n' roll, give 'em hell.", nil},
		{"primes", `He is 6'2" tall and the screen is 12" wide.`, nil},
		{"unclosed curly double", "He said “stop and walked away.", []string{"“"}},
		{"unclosed curly single heading", "# 5 Steps to ‘Let Him Go (He'll Come Back to You)", []string{"‘"}},
		{"unclosed straight", `He said "stop and walked away.`, []string{`"`}},
		{"unopened curly", "He said stop” and walked away.", []string{"”"}},
		{"unopened straight closing", `He said stop" and walked away.`, []string{`"`}},
		{"apostrophe inside double", "“The writers’ room is here,” he said.", nil},
		{"inner single unclosed", "“He said ‘no to me,” she said.", []string{"‘"}},
		{"closed in the next paragraph", "He said “stop\n\nand” left.", nil},
		{"per paragraph", "He said “stop.\n\nNothing here.\n\nand” left.", []string{"“", "”"}},
		{"trailing space inside", "Put 'WebPush ' in front.", nil},
		{"template attributes", "An image {% Img alt=\"a, width=\"800\" %} here.", nil},
		{"multi-paragraph quotation", "“First paragraph of a long quote.\n\n“Second paragraph, closing.”", nil},
		{"placeholder possessive", "The `Foo`'s method and '`bar`' name.", nil},
		{"quote after dash", "The answer —“yes”— came.", nil},
		{"straight in parentheses", `A word ("quoted") here.`, nil},
		{"empty", "", nil},
	})
}

func TestMixedQuotes(t *testing.T) {
	c := buildChecks(t)["style/mixed-quotes"]
	src := "5 Steps to ‘Let Him Go\n\nThe idea of ‘Letting Go'.\n\nWhen we say, \"Let him go,\" we're advocating \"balance\"."
	ds := runCheck(t, c, textDoc("a.txt", src))
	if len(ds) != 1 {
		t.Fatalf("got %v, want one finding", ds)
	}
	d := ds[0]
	if d.Text != "‘" || d.Line != 1 {
		t.Errorf("reported at %v, want the first curly mark on line 1", d)
	}
	if !strings.Contains(d.Msg, "2 curly") || !strings.Contains(d.Msg, "5 straight") {
		t.Errorf("message %q lacks the counts", d.Msg)
	}
	if len(d.d.Related) != 2 || d.d.Related[0].Message != "curly quotation mark here" || d.d.Related[1].Message != "straight quotation mark here" {
		t.Fatalf("related = %+v", d.d.Related)
	}
	doc := textDoc("a.txt", src)
	if got := doc.Text(d.d.Related[1].Span); got != "'" {
		t.Errorf("straight example = %q, want the ' closing ‘Letting Go'", got)
	}

	for _, tc := range []struct {
		name, src string
		want      int
	}{
		{"only curly", "“a” and ‘b’ and don’t", 0},
		{"only straight", `"a" and 'b' and don't`, 0},
		{"apostrophes do not count", "“a” and don't", 0},
		{"tie goes to the first style", `“a” and "b"`, 1},
		{"empty", "", 0},
	} {
		ds := runCheck(t, c, textDoc("a.txt", tc.src))
		if len(ds) != tc.want {
			t.Errorf("%s: got %v", tc.name, ds)
		}
		if tc.name == "tie goes to the first style" && len(ds) == 1 && ds[0].Text != `"` {
			t.Errorf("tie reported at %q, want the straight mark", ds[0].Text)
		}
	}

	// With count_apostrophes, apostrophes count too.
	k := mixedQuotesKind(newPools())
	c2, err := k.Build(&check.Spec{ID: "style/mixed-quotes", Options: yamlOptions(t, "count_apostrophes: true")})
	if err != nil {
		t.Fatal(err)
	}
	if ds := runCheck(t, c2, textDoc("a.txt", "“a” and don't")); len(ds) != 1 {
		t.Errorf("count_apostrophes: got %v", ds)
	}
}

func TestSentenceCase(t *testing.T) {
	runCases(t, "style/sentence-case", []ruleCase{
		{"seed", "This is an outcome to prepare for. the primary goal is growth.", []string{"the"}},
		{"question", "Is it? yes it is.", []string{"yes"}},
		{"abbreviation", "Fruit, e.g. apples, etc. and more. See approx. ten. Use i.e. this.", nil},
		{"initial", "Written by J. smith.", nil},
		{"ellipsis", "Wait... what? No… nothing.", nil},
		{"quoted question", "“Why?” she asked. “Now!” he said.", nil},
		{"placeholder", "Run it. `npm` does the rest.", nil},
		{"number", "Run it. 3 times.", nil},
		{"by design", "Buy one. iPhone sales grew. eBay too. npm is a tool. node.js is too.", nil},
		{"capitalised", "One. Two. Three.", nil},
		{"heading", "# getting started\n\nThe text.", nil},
		{"after heading", "# Title\n\nthe text starts here.", nil},
		{"after sentence", "First paragraph.\n\nthe second paragraph.", []string{"the"}},
		{"name never capitalised", "We use rromeo. rromeo is a package.", nil},
		{"word capitalised elsewhere", "Growth matters. growth is good.", []string{"growth"}},
		{"terminator in a symbol", "The variable $? is set. The mark ? matches.", nil},
		{"after colon", "Use this:\n\nwhere it is.", nil},
		{"after code", "Run this.\n\n```\ncode\n```\n\nwhere it is.", nil},
		{"list item start", "- fragment item. but this is a sentence.", []string{"but"}},
		{"table cell", "| first. second.", nil},
		{"first block", "lower start of an article.", nil},
		{"line break", "End.\nthe next line.", []string{"the"}},
		{"version", "Use version 1.5. the end.", []string{"the"}},
	})
}

func TestSentenceCaseFix(t *testing.T) {
	c := buildChecks(t)["style/sentence-case"]
	doc := textDoc("a.txt", "Élan. Prepare for. the goal. élan vital.")
	if got := applyFixes(doc.Source, runCheck(t, c, doc)); got != "Élan. Prepare for. The goal. Élan vital." {
		t.Errorf("fixed = %q", got)
	}
}

func TestRepeatedLine(t *testing.T) {
	runCases(t, "style/repeated-line", []ruleCase{
		{"byline", "Jump to content\n  • Steven Robinson\n    Steven Robinson\n\nText.", []string{"Steven Robinson"}},
		{"case and space", "The Same  Line here\nThe same line HERE.", []string{"The same line HERE"}},
		{"separate blocks", "A repeated line\n\nA repeated line", []string{"A repeated line"}},
		{"too far", "A repeated line\n\nx\n\nA repeated line", nil},
		{"too short", "Sign in\nSign in", nil},
		{"one word", "Authentication\nAuthentication", nil},
		{"table cells", "| Not supported here\n\n| Not supported here", nil},
		{"different", "Steven Robinson\nSteve Robinson", nil},
		{"wrapped continuation", "Chrome 52 and\nand above by default.\nChrome 53 and\nand above by default.", nil},
		{"label", "Chromium issue:\nhttps://a\nChromium issue:\nhttps://b", nil},
		{"duplicate heading", "# Call for maintainers\n\n# Call for maintainers", []string{"Call for maintainers"}},
	})
	c := buildChecks(t)["style/repeated-line"]
	ds := runCheck(t, c, textDoc("a.txt", "  • Steven Robinson\n    Steven Robinson"))
	if len(ds) != 1 || len(ds[0].d.Related) != 1 {
		t.Fatalf("got %v", ds)
	}
	if got := textDoc("a.txt", "  • Steven Robinson\n    Steven Robinson").Text(ds[0].d.Related[0].Span); got != "Steven Robinson" {
		t.Errorf("related span = %q", got)
	}
	if !strings.Contains(ds[0].Msg, "line 1") {
		t.Errorf("message %q does not name line 1", ds[0].Msg)
	}
}

func TestSentenceCaseGuards(t *testing.T) {
	runCases(t, "style/sentence-case", []ruleCase{
		{"company", "Made by npm, Inc. and others. Acme Ltd. as of 2022.", nil},
		{"etc after slash", "The functions/etc. of our packages.", nil},
		{"numbered mark", "Click (#_1. in the screenshot).", nil},
		{"name with bang", "See you at useR! in Brisbane.", nil},
		{"fragment after heading", "# Field\n\nother\n\n# By\n\nby Greg Simon", nil},
		{"reference title", "Allaire (2020). keras: R Interface to Keras.", nil},
	})
}

func TestQuoteBalanceAcrossBlocks(t *testing.T) {
	runCases(t, "style/quote-balance", []ruleCase{
		{"over a list", "- “What drives them?\n\n- What helps?\n\n- What hinders?”", nil},
		{"list with other quotes", "- “What drives them?\n\n- A \"quoted\" word.\n\n- What hinders?”", []string{"“", "”"}},
		{"low opening mark", "Managerul „nvs” este bun. Das „Wort“ hier.", nil},
		{"elision", "Git 'er done.", nil},
		{"characters named", `Unsafe characters (namely ', ", <, >, and &) are escaped.`, nil},
		{"misdirected closing", "Splitting multiple ‘=‘ in value, and “x“ too.", nil},
		{"code-like", `Call paste(sep=" ", collapse=" ") now.`, nil},
	})
}
