package style

import (
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/finding"
)

// found returns "text" of each diagnostic, for compact comparisons.
func found(ds []diag) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, d.Text)
	}
	return out
}

func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

type ruleCase struct {
	name string
	src  string
	want []string // source text of each reported span, in order
}

func runCases(t *testing.T, id string, cases []ruleCase) {
	t.Helper()
	c := buildChecks(t)[id]
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ds := runCheck(t, c, textDoc("a.txt", tc.src))
			if got := found(ds); !sameStrings(got, tc.want) {
				t.Errorf("%s over %q:\n got %q\nwant %q\n%v", id, tc.src, got, tc.want, ds)
			}
		})
	}
}

func TestKindsBuildFromPack(t *testing.T) {
	checks := buildChecks(t)
	names := map[string]bool{}
	for _, k := range Kinds() {
		if names[k.Name] {
			t.Errorf("kind %q twice", k.Name)
		}
		names[k.Name] = true
		if k.Doc == "" || k.Build == nil {
			t.Errorf("kind %q lacks doc or build", k.Name)
		}
		// Every kind builds with no options at all.
		c, err := k.Build(&check.Spec{ID: "style/" + k.Name, Kind: k.Name})
		if err != nil || c == nil || (c.Run == nil && c.RunCorpus == nil) {
			t.Errorf("kind %q with nil options: %v", k.Name, err)
		}
	}
	for _, id := range []string{"style/repeated-word", "style/quote-balance", "style/mixed-quotes", "style/sentence-case", "style/repeated-line", "style/term-consistency"} {
		c, ok := checks[id]
		if !ok {
			t.Errorf("rules/style.yaml lacks %s", id)
			continue
		}
		if c.Summary == "" || c.Doc == "" || len(c.Examples) == 0 || c.Severity == finding.SeverityNone {
			t.Errorf("%s: missing summary, doc, examples or severity", id)
		}
	}
}

// TestExamples runs every rule over its documented examples: the bad text
// must be reported and the good text must not.
func TestExamples(t *testing.T) {
	for id, c := range buildChecks(t) {
		if c.Run == nil || id == "style/term-consistency" || id == "style/mixed-quotes" {
			continue
		}
		for i, ex := range c.Examples {
			if ds := runCheck(t, c, textDoc("bad.txt", ex.Bad)); len(ds) == 0 {
				t.Errorf("%s example %d: bad text %q not reported", id, i, ex.Bad)
			}
			if ds := runCheck(t, c, textDoc("good.txt", ex.Good)); len(ds) != 0 {
				t.Errorf("%s example %d: good text %q reported: %v", id, i, ex.Good, ds)
			}
		}
	}
}

func TestBadOptions(t *testing.T) {
	for _, tc := range []struct {
		kind, yaml string
	}{
		{"repeated-word", "allow: [the]\nbogus: 1"},
		{"repeated-word", "allow: 3"},
		{"sentence-case", "lowercase_patterns: ['(']"},
		{"term-consistency", "groups: [[email]]"},
		{"term-consistency", "groups: [[email, e-mail], [Email, mail]]"},
		{"repeated-line", "window: many"},
	} {
		var k check.Kind
		for _, kk := range Kinds() {
			if kk.Name == tc.kind {
				k = kk
			}
		}
		spec := &check.Spec{ID: "style/x", Kind: tc.kind, Options: yamlOptions(t, tc.yaml)}
		if _, err := k.Build(spec); err == nil {
			t.Errorf("%s with %q: no error", tc.kind, tc.yaml)
		}
	}
	// A message naming an unknown field fails at build time.
	_, err := buildRepeatedWord(&check.Spec{ID: "style/x", Message: "{{.Nope}}"}, nil)
	if err == nil || !strings.Contains(err.Error(), "Nope") {
		t.Errorf("bad message template: %v", err)
	}
}
