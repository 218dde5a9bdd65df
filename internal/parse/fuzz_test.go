package parse

import (
	"errors"
	"testing"

	"github.com/galley-lint/galley/internal/document"
)

// fuzzSeeds are tricky inputs for both formats.
var fuzzSeeds = []string{
	"",
	"\uFEFF",
	"\uFEFF---\na: b\n---\n# T\r\n\r\ntext",
	"---\n---\n",
	"+++\n+++",
	"# H1 #\nSetext\n===\n\n- a\n  - b\n    > c\n\n1) d\n\n- [x] e",
	"> a\n> > b\n> > - c\n>\n> ```\n> code\n> ```\nlazy",
	"| a | b |\n|:-|-:|\n| `c\\|d` | *e* |\n| f |\n",
	"text `code` <http://x.y> https://z.w/p?q=1. <b>x</b> <!-- galley-disable a/* --> ![i](j) [![k](l)](m) [n][o]\n\n[o]: http://p",
	"a  \nb\\\nc\r\nd  \r\ne\\\r\nf",
	"\tcode\n\n-\ttab item\n\n  \t mixed",
	"<!--\ngalley-enable\n-->\n<div>\n\n</div>\n***\n___",
	"AT&amp;T \\*x\\* &#x1F600; &nbsp;",
	"Café 😀 👨‍👩‍👧 e\u0301 日本語。Dr. Smith et al. (2019) p. 12. J. R. Smith. 3.5.",
	"```\nunclosed",
	"    Indented Title\n\n    Para one.\n  Para two.\n\n- item\n• bullet\n1. num\n\n* * *",
	"\r\r\n\n\r",
	"[a](<b c> \"d\")\n[e]: <f>\n*[g*](h)*",
	"www.a.b foo@bar.com ftp://x.y (https://z.w)",
	"> [!NOTE]\r\n> `x` y\n\n> [!TIP] z\n>\n> [!A]",
	"{{< figure src=\"a\" >}} {% Aside %} text {{ x }}",
}

func FuzzMarkdown(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	p := testParser(f)
	f.Fuzz(func(t *testing.T, src string) {
		fuzzOne(t, p, src, document.Markdown)
	})
}

func FuzzPlainText(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	p := testParser(f)
	f.Fuzz(func(t *testing.T, src string) {
		fuzzOne(t, p, src, document.PlainText)
	})
}

func fuzzOne(t *testing.T, p *Parser, src string, format document.Format) {
	doc, err := p.ParseAs("fuzz", []byte(src), format)
	if err != nil {
		var be *BinaryError
		var ee *EncodingError
		if !errors.As(err, &be) && !errors.As(err, &ee) {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	checkInvariants(t, doc)
}
