package rulepack

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/finding"
)

type fakeOptions struct {
	Words  []string          `yaml:"words"`
	Level  int               `yaml:"level"`
	Nested map[string]string `yaml:"nested"`
	Inner  struct {
		Flag bool `yaml:"flag"`
	} `yaml:"inner"`
}

// testKinds returns a check kind that records its decoded options, a data
// kind and a kind whose Build fails.
func testKinds(got map[string]*fakeOptions) []check.Kind {
	return []check.Kind{
		{Name: "fake", Build: func(s *check.Spec) (*check.Check, error) {
			var o fakeOptions
			if err := s.Options.Decode(&o); err != nil {
				return nil, err
			}
			if o.Level < 0 {
				return nil, OptionErrorf(s.Options, []string{"level"}, "level must not be negative")
			}
			if got != nil {
				got[s.ID] = &o
			}
			return &check.Check{Run: func(*check.Pass) error { return nil }}, nil
		}},
		{Name: "topic", Data: true},
		{Name: "broken", Build: func(s *check.Spec) (*check.Check, error) {
			return nil, errors.New("always fails")
		}},
		{Name: "uses-data", Build: func(s *check.Spec) (*check.Check, error) {
			var ids []string
			for _, d := range s.Data("topic") {
				ids = append(ids, d.ID)
			}
			return &check.Check{Summary: strings.Join(ids, ",")}, nil
		}},
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"yaml syntax", "rules:\n  - id: a/b\n    kind: [x\n", "p.yaml:2: invalid YAML: did not find expected ',' or ']'"},
		{"not a mapping", "- a", `p.yaml:1: a rule pack must be a mapping with a top-level "rules" key, got a list`},
		{"missing rules", "lexicon: [a]", "p.yaml:1: missing top-level key \"rules\"\np.yaml:1: unknown key \"lexicon\" (known keys: rules)"},
		{"extra top-level key", "rules: []\nextra: 1", `p.yaml:2: unknown key "extra" (known keys: rules)`},
		{"rules not a list", "rules: {a: b}", `p.yaml:1: want a list, got a mapping`},
		{"rule not a mapping", "rules:\n  - x", `p.yaml:2: want a rule (a mapping), got "x"`},
		{"missing required", "rules:\n  - severity: info", "p.yaml:2: rule is missing required key \"id\"\np.yaml:2: rule is missing required key \"kind\"\np.yaml:2: rule is missing required key \"summary\""},
		{"bad id", "rules:\n  - id: Style/Foo\n    kind: fake\n    summary: s", `p.yaml:2: invalid rule ID "Style/Foo" (want family/name: lower-case letters, digits and dashes)`},
		{"bad id no family", "rules:\n  - id: foo\n    kind: fake\n    summary: s", `p.yaml:2: invalid rule ID "foo" (want family/name: lower-case letters, digits and dashes)`},
		{"bad severity", "rules:\n  - id: a/b\n    kind: fake\n    summary: s\n    severity: fatal", `p.yaml:5: rule a/b: invalid severity "fatal" (want error, warning or info)`},
		{"severity none not allowed", "rules:\n  - id: a/b\n    kind: fake\n    summary: s\n    severity: none", `p.yaml:5: rule a/b: invalid severity "none" (want error, warning or info)`},
		{"empty summary", "rules:\n  - id: a/b\n    kind: fake\n    summary: ' '", `p.yaml:4: rule a/b: summary is empty`},
		{"unknown kind", "rules:\n  - id: a/b\n    kind: nope\n    summary: s", `p.yaml:2: rule a/b: unknown kind "nope" (known kinds: broken, fake, topic, uses-data)`},
		{"unknown rule key", "rules:\n  - id: a/b\n    kind: fake\n    summary: s\n    sumary: t", `p.yaml:5: unknown key "sumary" (known keys: doc, enabled, examples, id, kind, message, options, severity, summary, tags)`},
		{"duplicate rule key", "rules:\n  - id: a/b\n    kind: fake\n    summary: s\n    kind: fake", `p.yaml:5: duplicate key "kind" (first at line 3)`},
		{"wrong types", "rules:\n  - id: a/b\n    kind: fake\n    summary: s\n    enabled: yes please\n    tags: x\n    examples: [{bad: a, god: b}]", "p.yaml:5: want true or false, got \"yes please\"\np.yaml:6: want a list, got \"x\"\np.yaml:7: unknown key \"god\" (known keys: bad, good)"},
		{"duplicate id", "rules:\n  - id: a/b\n    kind: fake\n    summary: s\n  - id: a/b\n    kind: fake\n    summary: t", `p.yaml:5: duplicate rule ID "a/b" (first defined at p.yaml:2)`},
		{"option errors all reported", "rules:\n  - id: a/b\n    kind: fake\n    summary: s\n    options:\n      word: [x]\n      level: high\n      inner: {flag: 3, other: 1}\n      nested: {a: [1]}", "p.yaml:6: unknown key \"word\" (known keys: inner, level, nested, words)\np.yaml:7: want an integer, got \"high\"\np.yaml:8: want true or false, got \"3\"\np.yaml:8: unknown key \"other\" (known keys: flag)\np.yaml:9: want a string, got a list"},
		{"option duplicate key", "rules:\n  - id: a/b\n    kind: fake\n    summary: s\n    options:\n      level: 1\n      level: 2", `p.yaml:7: duplicate key "level" (first at line 6)`},
		{"kind located error", "rules:\n  - id: a/b\n    kind: fake\n    summary: s\n    options:\n      level: -1", `p.yaml:6: level must not be negative`},
		{"kind plain error", "rules:\n  - id: a/b\n    kind: broken\n    summary: s", `p.yaml:2: rule a/b: always fails`},
		{"errors of several rules", "rules:\n  - id: a/b\n    kind: nope\n    summary: s\n  - id: a/c\n    kind: fake\n    summary: s\n    options: {level: x}", "p.yaml:2: rule a/b: unknown kind \"nope\" (known kinds: broken, fake, topic, uses-data)\np.yaml:8: want an integer, got \"x\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(testKinds(nil), []Source{{Name: "p.yaml", Data: []byte(tt.src)}})
			if err == nil {
				t.Fatalf("no error, want:\n%s", tt.want)
			}
			if err.Error() != tt.want {
				t.Fatalf("got:\n%s\nwant:\n%s", err, tt.want)
			}
		})
	}
}

func TestDuplicateAcrossFiles(t *testing.T) {
	a := Source{Name: "rules/a.yaml", Data: []byte("rules:\n  - id: x/y\n    kind: fake\n    summary: s\n")}
	b := Source{Name: "extra/b.yaml", Data: []byte("# comment\nrules:\n  - id: x/y\n    kind: fake\n    summary: s\n")}
	_, err := Load(testKinds(nil), []Source{a, b})
	want := `extra/b.yaml:3: duplicate rule ID "x/y" (first defined at rules/a.yaml:2)`
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
}

func TestLoadSet(t *testing.T) {
	src := `rules:
  - id: b/second
    kind: fake
    severity: error
    enabled: false
    summary: Second.
    doc: Doc.
    tags: [t1]
    examples: [{bad: x, good: y}]
  - id: a/first
    kind: fake
    summary: First.
  - id: topic/one
    kind: topic
    summary: A topic.
  - id: a/data-user
    kind: uses-data
    summary: Reads topics.
`
	topics := "rules:\n  - id: topic/two\n    kind: topic\n    summary: Another.\n"
	set, err := Load(testKinds(nil), []Source{{Name: "p.yaml", Data: []byte(src)}, {Name: "t.yaml", Data: []byte(topics)}})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(set.IDs(), ","); got != "a/data-user,a/first,b/second" {
		t.Errorf("IDs %s", got)
	}
	var ids []string
	for _, c := range set.Checks() {
		ids = append(ids, c.ID)
	}
	if strings.Join(ids, ",") != "a/data-user,a/first,b/second" {
		t.Errorf("checks %v", ids)
	}
	r, ok := set.Lookup("b/second")
	if !ok || r.Check.Severity != finding.SeverityError || r.Check.Summary != "Second." || r.Check.Doc != "Doc." ||
		len(r.Check.Examples) != 1 || r.Check.Tags[0] != "t1" || r.Spec.Source != "p.yaml:2" {
		t.Errorf("b/second: %+v %+v", r, r.Check)
	}
	if on, sev := set.DefaultEnabled("b/second"); on || sev != finding.SeverityError {
		t.Errorf("DefaultEnabled(b/second) = %v %v", on, sev)
	}
	if on, sev := set.DefaultEnabled("a/first"); !on || sev != finding.SeverityWarning {
		t.Errorf("DefaultEnabled(a/first) = %v %v", on, sev)
	}
	if on, _ := set.DefaultEnabled("topic/one"); on {
		t.Error("data spec enabled")
	}
	if r, _ := set.Lookup("a/data-user"); r.Check.Summary != "topic/one,topic/two" {
		t.Errorf("data seen by kind: %q", r.Check.Summary)
	}
	if d := set.Data("topic"); len(d) != 2 || d[1].ID != "topic/two" {
		t.Errorf("Data: %+v", d)
	}
	infos := set.RuleInfos()
	if len(infos) != 3 || infos[2].ID != "b/second" || infos[2].Family != "b" || infos[2].DefaultSeverity != finding.SeverityError {
		t.Errorf("RuleInfos %+v", infos)
	}
}

type userOpts map[string][]Layer

func (u userOpts) RuleOptions(id string) []Layer { return u[id] }

func node(t *testing.T, s string) *yaml.Node {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(s), &n); err != nil {
		t.Fatal(err)
	}
	return &n
}

func TestOptionMerging(t *testing.T) {
	src := "rules:\n  - id: a/b\n    kind: fake\n    summary: s\n    options:\n      words: [a, b]\n      level: 1\n      nested: {x: '1', y: '2'}\n"
	user := userOpts{"a/b": {
		{File: "family.yaml", Node: node(t, "nested: {y: '3'}")},
		{File: ".galley.yaml", Node: node(t, "words: [c]\nnested: {z: '4'}")},
	}}
	got := map[string]*fakeOptions{}
	if _, err := Load(testKinds(got), []Source{{Name: "p.yaml", Data: []byte(src)}}, user); err != nil {
		t.Fatal(err)
	}
	o := got["a/b"]
	if fmt.Sprint(o.Words) != "[c]" || o.Level != 1 || fmt.Sprint(o.Nested) != "map[x:1 y:3 z:4]" {
		t.Errorf("merged %+v", o)
	}

	bad := userOpts{"a/b": {{File: ".galley.yaml", Node: node(t, "\nlevel: many\nwords: [x]\nwords: [y]")}}}
	_, err := Load(testKinds(nil), []Source{{Name: "p.yaml", Data: []byte(src)}}, bad)
	want := ".galley.yaml:4: duplicate key \"words\" (first at line 3)"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
	bad = userOpts{"a/b": {{File: ".galley.yaml", Node: node(t, "\nlevel: many\nnested: {q: [1]}")}}}
	_, err = Load(testKinds(nil), []Source{{Name: "p.yaml", Data: []byte(src)}}, bad)
	want = ".galley.yaml:2: want an integer, got \"many\"\n.galley.yaml:3: want a string, got a list"
	if err == nil || err.Error() != want {
		t.Fatalf("got:\n%v\nwant:\n%s", err, want)
	}
}

func TestOptionsPos(t *testing.T) {
	o, err := NewOptions(Layer{File: "a.yaml", Node: node(t, "swap:\n  x: y\nlist: [a, b]")}, Layer{File: "b.yaml", Node: node(t, "\n\nlist:\n  - c\n  - d")})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path []string
		want string
	}{
		{nil, "b.yaml:3"},
		{[]string{"swap", "x"}, "a.yaml:2"},
		{[]string{"list", "1"}, "b.yaml:5"},
		{[]string{"swap", "nope"}, "a.yaml:2"},
	} {
		if got := o.Pos(tt.path...); got != tt.want {
			t.Errorf("Pos(%v) = %s, want %s", tt.path, got, tt.want)
		}
	}
}

func TestEmptyAndOddInput(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n", "\uFEFFrules: []\n", "rules: []\r\n", "rules:\r\n  - id: a/b\r\n    kind: fake\r\n    summary: s\r\n"} {
		if _, err := Load(testKinds(nil), []Source{{Name: "p.yaml", Data: []byte(src)}}); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
	for _, src := range []string{"\xff\xfe\x00binary", "rules: [\xff]", "*x", "a: &a [*a]"} {
		if _, err := Load(testKinds(nil), []Source{{Name: "p.yaml", Data: []byte(src)}}); err == nil {
			t.Errorf("%q: no error", src)
		}
	}
}

func FuzzLoad(f *testing.F) {
	f.Add("rules:\n  - id: a/b\n    kind: fake\n    summary: s\n    options: {words: [a], nested: {a: b}}")
	f.Add("rules: [{id: a/b, kind: topic, summary: s}]")
	f.Add("a: &x {b: *x}")
	f.Add("rules:\n  - id: a/b\n    kind: fake\n    summary: s\n    options: &o {nested: *o, inner: *o}")
	f.Add("rules:\n  - &r {id: a/b, kind: fake, summary: s}\n  - *r")
	f.Fuzz(func(t *testing.T, src string) {
		Load(testKinds(nil), []Source{{Name: "p.yaml", Data: []byte(src)}})
	})
}

func TestDecodeNodeInline(t *testing.T) {
	type common struct {
		Scope []string `yaml:"scope"`
	}
	var v struct {
		Common2 common `yaml:",inline"`
		Words   []string
		Skip    string `yaml:"-"`
	}
	n := node(t, "scope: [a]\nwords: [b]\nskip: x")
	err := DecodeNode("f.yaml", n, &v)
	if want := `f.yaml:3: unknown key "skip" (known keys: scope, words)`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	if fmt.Sprint(v.Words) != "[b]" || fmt.Sprint(v.Common2.Scope) != "[a]" {
		t.Errorf("decoded %+v", v)
	}
}

// A check kind reads data specs' options at Build time, so data specs in a
// later file must have their options before the check is built.
func TestDataOptionsReadyAtBuild(t *testing.T) {
	var seen []string
	kinds := []check.Kind{
		{Name: "topic", Data: true},
		{Name: "reader", Build: func(s *check.Spec) (*check.Check, error) {
			for _, d := range s.Data("topic") {
				if d.Options == nil {
					return nil, fmt.Errorf("data spec %s has no options yet", d.ID)
				}
				var o fakeOptions
				if err := d.Options.Decode(&o); err != nil {
					return nil, err
				}
				seen = append(seen, fmt.Sprintf("%s=%d", d.ID, o.Level))
			}
			return &check.Check{Run: func(*check.Pass) error { return nil }}, nil
		}},
	}
	rules := "rules:\n  - id: a/reader\n    kind: reader\n    summary: Reads.\n"
	topics := "rules:\n  - id: t/later\n    kind: topic\n    summary: T.\n    options: {level: 7}\n"
	if _, err := Load(kinds, []Source{{Name: "r.yaml", Data: []byte(rules)}, {Name: "t.yaml", Data: []byte(topics)}}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(seen, ","); got != "t/later=7" {
		t.Errorf("reader saw %q, want t/later=7", got)
	}
}

func TestResolvedExpandsAliases(t *testing.T) {
	src := "rules:\n  - id: a/one\n    kind: fake\n    summary: One.\n    options: {nested: &n {k: v}, words: [x]}\n  - id: a/two\n    kind: fake\n    summary: Two.\n    options: {nested: *n}\n"
	set, err := Load(testKinds(nil), []Source{{Name: "p.yaml", Data: []byte(src)}})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := set.Lookup("a/two")
	opts := r.Spec.Options.(*Options)
	out, err := yaml.Marshal(opts.Resolved())
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(string(out)); got != "{nested: {k: v}}" {
		t.Errorf("resolved options = %q, want the aliased mapping in full", got)
	}
}
