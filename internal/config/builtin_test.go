package config_test

import (
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/checks"
	"github.com/galley-lint/galley/internal/config"
	"github.com/galley-lint/galley/internal/rulepack"
)

func allKinds() []check.Kind { return checks.Kinds() }

// uncomment turns the template's commented examples into live settings.
func uncomment(tmpl string) string {
	var out []string
	for _, line := range strings.Split(tmpl, "\n") {
		switch {
		case strings.HasPrefix(line, "#  "), strings.HasPrefix(line, "#    "):
			out = append(out, line[1:])
		case strings.HasPrefix(line, "# citations:"), strings.HasPrefix(line, "# stances:"):
			out = append(out, line[2:])
		default:
			out = append(out, line)
		}
	}
	s := strings.Join(out, "\n")
	// Empty lists followed by live items become plain keys.
	for _, k := range []string{"packs", "ignore", "overrides"} {
		s = strings.Replace(s, k+": []", k+":", 1)
	}
	s = strings.Replace(s, "rules: {}", "rules:", 1)
	return s
}

// TestTemplateWithBuiltinRules loads the built-in packs with every kind,
// then the init template as written and with its examples uncommented
// (minus the extra packs, which do not exist here).
func TestTemplateWithBuiltinRules(t *testing.T) {
	srcs, err := rulepack.BuiltinSources()
	if err != nil {
		t.Fatal(err)
	}
	for _, tmpl := range []string{config.Template, uncomment(config.Template)} {
		c, err := config.Parse(".galley.yaml", []byte(tmpl))
		if err != nil {
			t.Fatalf("%v\n%s", err, tmpl)
		}
		c.Packs = nil
		set, err := rulepack.Load(allKinds(), srcs, c)
		if err != nil {
			t.Fatalf("%v\n%s", err, tmpl)
		}
		if _, err := c.Policy(set, config.PolicyOptions{}); err != nil {
			t.Fatalf("%v\n%s", err, tmpl)
		}
	}
	c, _ := config.Parse(".galley.yaml", []byte(uncomment(config.Template)))
	if len(c.Overrides) != 1 || len(c.Files.Ignore) != 2 || len(c.Rules) != 3 || c.Stances == nil || c.Citations == nil {
		t.Errorf("uncommented template lost settings: %+v", c)
	}
}

// TestTemplateKeepsDefaults proves the init template, as written, changes
// no rule's enablement or severity for any path.
func TestTemplateKeepsDefaults(t *testing.T) {
	srcs, err := rulepack.BuiltinSources()
	if err != nil {
		t.Fatal(err)
	}
	tc, err := config.Parse(".galley.yaml", []byte(config.Template))
	if err != nil {
		t.Fatal(err)
	}
	tc.Packs = nil
	set, err := rulepack.Load(allKinds(), srcs, tc)
	if err != nil {
		t.Fatal(err)
	}
	withTemplate, err := tc.Policy(set, config.PolicyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := config.Default().Policy(set, config.PolicyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range set.IDs() {
		for _, path := range []string{"a.md", "legacy/b.txt"} {
			on1, sev1 := withTemplate.Rule(path, id)
			on2, sev2 := plain.Rule(path, id)
			if on1 != on2 || sev1 != sev2 {
				t.Errorf("%s on %s: template gives (%v, %v), defaults (%v, %v)", id, path, on1, sev1, on2, sev2)
			}
		}
	}
}
