package citation

import (
	"testing"

	"github.com/galley-lint/galley/internal/document"
)

func checkSpan(t *testing.T, doc *document.Document, what string, s document.Span) {
	t.Helper()
	if s.Start < 0 || s.End < s.Start || s.End > len(doc.Source) {
		t.Fatalf("%s span %v out of bounds (len %d)", what, s, len(doc.Source))
	}
}

// FuzzAnalyze parses arbitrary input as Markdown and as plain text and
// checks that analysis never panics and every span is in bounds.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"",
		"(",
		"(Smith, 2015",
		"[1",
		"[1–",
		"[4–2] [999999]",
		"Smith et al (2020",
		"Gottman’s (1999) study (as cited in",
		"(Smith, 2015, as cited in Lee, n.d.-b; see also van der Berg 2018, pp. 1–",
		"# T\n\nText (Walker, 2017).\n\n## References\n\nWalker, M. (2017). Why we sleep. Scribner.\n",
		"T\n\nText (Walker, 2017).\n\n1. Walker, M. (2017). W. S.\n\n2. Adams, B. (2011). X. https://dx.doi.org/10.1/x\n",
		"References\n\n[1] A. B. Jones and C. Smith, T, J, 2019.\n[2] doi:10.1000/\xff\n",
		"\xef\xbb\xbfText (\xc3\xa9, 2015).\r\n\r\nReferences\r\n\r\n\xc3\x89, A. (2015). T.\r\n",
		"(n.d.) (n. d.) (1499) (2100) (2015.5) (20155) [01] [0] ![x][1]",
		"Lee, K., Park, S., . . . Kim, H. (2020). M. J.\nSmith, J. (2015). T.\n",
	} {
		f.Add(s)
	}
	p := testParser(f)
	f.Fuzz(func(t *testing.T, s string) {
		for _, path := range []string{"f.md", "f.txt"} {
			doc, err := docP0(t, path, []byte(s))
			if err != nil || doc == nil {
				continue
			}
			a := p.Analyze(doc)
			for _, c := range a.Cites {
				checkSpan(t, doc, "cite", c.Span)
				checkSpan(t, doc, "group", c.Group)
				checkSpan(t, doc, "authors", c.AuthorsSpan)
				checkSpan(t, doc, "comma", c.CommaSpan)
				for _, y := range c.Years {
					checkSpan(t, doc, "year", y.Span)
				}
				if c.Form != NumericForm && (len(c.Authors) == 0 || len(c.Years) == 0) {
					t.Fatalf("author–date cite without authors or years: %+v", c)
				}
			}
			for _, pr := range a.Problems {
				checkSpan(t, doc, "problem", pr.Span)
			}
			if a.List != nil {
				for _, e := range a.List.Entries {
					checkSpan(t, doc, "entry", e.Span)
					checkSpan(t, doc, "entry year", e.YearSpan)
					checkSpan(t, doc, "doi", e.DOISpan)
					checkSpan(t, doc, "number", e.NumberSpan)
				}
			}
		}
	})
}
