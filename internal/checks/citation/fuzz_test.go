package citation

import (
	"testing"
)

// FuzzRules runs every citation rule over arbitrary Markdown and plain
// text: no panic, every span, related span and fix edit in bounds.
func FuzzRules(f *testing.F) {
	for _, s := range []string{
		"",
		"Text (Walker 2017) (Hobson and McCarley, 1977) Smith & Lee (2019) (Smith et al, 2020) (Walker, 2017, Lee, 2019) (Walker, 2017\n\n## References\n\nWalker, M. (2017). Why. S. doi:10.1/x\n\nWalker, M. (2017). Why. S. doi:10.1/x\n",
		"T\n\nA [4] [3–1] [2].\n\n1. Smith, J. (2015). T.\n2. Adams, K. (2011). U.\n",
		"x (Rock, Grant, & Grey, 2016) *(Walker* 2017)\n\nReferences\n\nRock, D., Grant, H., & Grey, J. (2016). D. H.\nWalker, M. (2017). W.\n",
	} {
		f.Add(s)
	}
	checks := loadChecks(f)
	f.Fuzz(func(t *testing.T, s string) {
		for _, path := range []string{"f.md", "f.txt"} {
			doc, err := docParser(t).Parse(path, []byte(s))
			if err != nil {
				continue
			}
			_, ds := runChecks(t, checks, path, []byte(s))
			n := len(doc.Source)
			for _, d := range ds {
				if d.Span.Start < 0 || d.Span.End < d.Span.Start || d.Span.End > n {
					t.Fatalf("%s: span %v out of bounds", d.Rule, d.Span)
				}
				for _, r := range d.Related {
					if r.Span.Start < 0 || r.Span.End < r.Span.Start || r.Span.End > n {
						t.Fatalf("%s: related span %v out of bounds", d.Rule, r.Span)
					}
				}
				for _, fx := range d.Fixes {
					for _, e := range fx.Edits {
						if e.Span.Start < 0 || e.Span.End < e.Span.Start || e.Span.End > n {
							t.Fatalf("%s: edit %v out of bounds", d.Rule, e.Span)
						}
					}
				}
			}
		}
	})
}
