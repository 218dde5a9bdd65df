package citation

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/fix"
	"github.com/galley-lint/galley/internal/rulepack"
	"github.com/galley-lint/galley/rules"
)

// styleOptions gives every citation rule the option style: s, as the
// configuration's `citations:` section does.
type styleOptions string

func (s styleOptions) RuleOptions(id string) []rulepack.Layer {
	if !strings.HasPrefix(id, "citation/") || id == "citation/lexicon" {
		return nil
	}
	var n yaml.Node
	if err := yaml.Unmarshal([]byte("style: "+string(s)), &n); err != nil {
		panic(err)
	}
	return []rulepack.Layer{{File: "test.galley.yaml", Node: &n}}
}

func loadChecksStyle(t testing.TB, style string) []*check.Check {
	t.Helper()
	data, err := rules.FS.ReadFile("citation.yaml")
	if err != nil {
		t.Fatal(err)
	}
	set, err := rulepack.Load(Kinds(), []rulepack.Source{{Name: "rules/citation.yaml", Data: data}}, styleOptions(style))
	if err != nil {
		t.Fatalf("loading with style %s: %v", style, err)
	}
	return set.Checks()
}

// applyFixes applies the fixes of every diagnostic with the fix package,
// as `galley fix` does.
func applyFixes(src string, ds []diag) string {
	var fixes []finding.Fix
	for _, d := range ds {
		for _, f := range d.Fixes {
			ff := finding.Fix{Message: f.Message}
			for _, e := range f.Edits {
				ff.Edits = append(ff.Edits, finding.Edit{Start: e.Span.Start, End: e.Span.End, NewText: e.NewText})
			}
			fixes = append(fixes, ff)
		}
	}
	out, _, err := fix.Apply([]byte(src), fixes)
	if err != nil {
		panic(err)
	}
	return string(out)
}

const fixRefs = `

## References

Cepeda, N. J., Pashler, H., Vul, E., Wixted, J. T., & Rohrer, D. (2006). Distributed practice. Psychological Bulletin, 132(3), 354-380.

Hobson, J. A., & McCarley, R. W. (1977). The brain as a dream state generator. American Journal of Psychiatry, 134(12), 1335-1348.

Keynes, J. M. (1936). The general theory. Macmillan.

Rock, D., Grant, H., & Grey, J. (2016). Diverse teams feel less comfortable. Harvard Business Review.

Walker, M. (2017). Why we sleep. Scribner.
`

func TestFixes(t *testing.T) {
	tests := []struct {
		style, in, want string
		findings        int
	}{
		{"apa", "Memory (Walker 2017) and (Keynes, 1936) (Hobson & McCarley, 1977) (Rock et al., 2016) (Cepeda et al., 2006).", "Memory (Walker, 2017) and (Keynes, 1936) (Hobson & McCarley, 1977) (Rock et al., 2016) (Cepeda et al., 2006).", 1},
		{"apa", "Dreams (Hobson and McCarley, 1977) (Walker, 2017) (Keynes, 1936) (Rock et al., 2016) (Cepeda et al., 2006).", "Dreams (Hobson & McCarley, 1977) (Walker, 2017) (Keynes, 1936) (Rock et al., 2016) (Cepeda et al., 2006).", 1},
		{"apa", "Hobson & McCarley (1977) and (Walker, 2017) (Keynes, 1936) (Rock et al., 2016) (Cepeda et al., 2006).", "Hobson and McCarley (1977) and (Walker, 2017) (Keynes, 1936) (Rock et al., 2016) (Cepeda et al., 2006).", 1},
		{"apa", "Spacing (Cepeda et al, 2006) (Walker, 2017) (Keynes, 1936) (Rock et al., 2016) (Hobson & McCarley, 1977).", "Spacing (Cepeda et al., 2006) (Walker, 2017) (Keynes, 1936) (Rock et al., 2016) (Hobson & McCarley, 1977).", 1},
		{"apa", "Both (Walker, 2017, Cepeda et al., 2006) (Keynes, 1936) (Rock et al., 2016) (Hobson & McCarley, 1977).", "Both (Walker, 2017; Cepeda et al., 2006) (Keynes, 1936) (Rock et al., 2016) (Hobson & McCarley, 1977).", 1},
		{"apa", "Teams (Rock, Grant, & Grey, 2016) (Walker, 2017) (Keynes, 1936) (Cepeda et al., 2006) (Hobson & McCarley, 1977).", "Teams (Rock et al., 2016) (Walker, 2017) (Keynes, 1936) (Cepeda et al., 2006) (Hobson & McCarley, 1977).", 1},
		{"apa", "Teams (Rock, 2016) (Walker, 2017) (Keynes, 1936) (Cepeda et al., 2006) (Hobson & McCarley, 1977).", "Teams (Rock et al., 2016) (Walker, 2017) (Keynes, 1936) (Cepeda et al., 2006) (Hobson & McCarley, 1977).", 1},
		// Two fixes at one place: the comma and "et al.".
		{"apa", "Teams (Rock 2016) (Walker, 2017) (Keynes, 1936) (Cepeda et al., 2006) (Hobson & McCarley, 1977).", "Teams (Rock et al., 2016) (Walker, 2017) (Keynes, 1936) (Cepeda et al., 2006) (Hobson & McCarley, 1977).", 2},
		// Markup inside the citation: reported, but no fix.
		{"apa", "Memory (*Walker* 2017) and (Keynes, 1936) (Hobson & McCarley, 1977) (Rock et al., 2016) (Cepeda et al., 2006).", "Memory (*Walker* 2017) and (Keynes, 1936) (Hobson & McCarley, 1977) (Rock et al., 2016) (Cepeda et al., 2006).", 1},
		// Chicago forbids the comma; its et al. starts at four authors.
		{"chicago", "Theory (Keynes, 1936) (Walker 2017) (Hobson and McCarley 1977) (Rock, Grant, and Grey 2016) (Cepeda et al. 2006).", "Theory (Keynes 1936) (Walker 2017) (Hobson and McCarley 1977) (Rock, Grant, and Grey 2016) (Cepeda et al. 2006).", 1},
	}
	for _, tt := range tests {
		checks := loadChecksStyle(t, tt.style)
		src := "# Fixes\n\n" + tt.in + fixRefs
		_, ds := runChecks(t, checks, "fix.md", []byte(src))
		var got []diag
		for _, d := range ds {
			if d.Rule != "citation/uncited-reference" {
				got = append(got, d)
			}
		}
		out := applyFixes(src, got)
		if want := "# Fixes\n\n" + tt.want + fixRefs; out != want {
			t.Errorf("%s: %s\n fixed to %s\n want     %s", tt.style, tt.in, strings.SplitN(out[len("# Fixes\n\n"):], "\n", 2)[0], tt.want)
		}
		if len(got) != tt.findings {
			t.Errorf("%s: %s: %d findings, want %d: %v", tt.style, tt.in, len(got), tt.findings, got)
		}
	}
}

func TestDOIFix(t *testing.T) {
	checks := loadChecks(t)
	src := "# D\n\nScreens delay sleep (Chang, 2015).\n\n## References\n\nChang, A. M. (2015). Evening use of eReaders. PNAS, 112(4), 1232-1237. doi:10.1073/pnas.1418490112\n"
	_, ds := runChecks(t, checks, "doi.md", []byte(src))
	out := applyFixes(src, ds)
	if !strings.Contains(out, "1232-1237. https://doi.org/10.1073/pnas.1418490112\n") || len(ds) != 1 {
		t.Errorf("DOI fix: %d findings, result:\n%s", len(ds), out)
	}
}

func TestBadOptions(t *testing.T) {
	data, err := rules.FS.ReadFile("citation.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = rulepack.Load(Kinds(), []rulepack.Source{{Name: "rules/citation.yaml", Data: data}}, styleOptions("mla"))
	if err == nil || !strings.Contains(err.Error(), `unknown citation style "mla"`) {
		t.Errorf("style mla: err = %v", err)
	}
	bad := strings.Replace(string(data), "missing-comma: '{{.Style}}", "missing-comma: '{{.Nope}}", 1)
	_, err = rulepack.Load(Kinds(), []rulepack.Source{{Name: "rules/citation.yaml", Data: []byte(bad)}})
	if err == nil || !strings.Contains(err.Error(), "Nope") {
		t.Errorf("bad template: err = %v", err)
	}
}
