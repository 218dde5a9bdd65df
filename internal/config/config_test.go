package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/rulepack"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"syntax", "rules: [\n", `.galley.yaml:1: invalid YAML: did not find expected node content`},
		{"not a mapping", "- a", `.galley.yaml:1: configuration must be a mapping`},
		{"unknown top-level key", "rule:\n  style/*: off", `.galley.yaml:1: unknown key "rule" (known keys: citations, files, overrides, packs, rules, stances)`},
		{"bad severity", "rules:\n  style/x: fatal", `.galley.yaml:2: invalid severity "fatal" (want error, warning, info, on or off)`},
		{"bad setting key", "rules:\n  style/x: {severity: error, option: {}}", `.galley.yaml:2: unknown key "option" (known keys: enabled, options, severity)`},
		{"setting list", "rules:\n  style/x: [a]", `.galley.yaml:2: want a severity (error, warning, info), on, off or a mapping, got a list`},
		{"rules not mapping", "rules: [a]", `.galley.yaml:1: rules must be a mapping of rule IDs or globs to settings, got a list`},
		{"duplicate rule", "rules:\n  style/x: off\n  style/x: on", `.galley.yaml:3: duplicate key "style/x" (first at line 2)`},
		{"bad glob", "rules:\n  'style/[': off", `.galley.yaml:2: invalid rule glob "style/["`},
		{"options not mapping", "rules:\n  style/x: {options: [a]}", `.galley.yaml:2: options must be a mapping, got a list`},
		{"files errors", "files:\n  extensions: [md, .txt]\n  ignore: ['a/[']\n  max-size: lots\n  maxsize: 1", ".galley.yaml:2: invalid extension \"md\" (want a leading dot, as in .md)\n.galley.yaml:3: invalid glob \"a/[\"\n.galley.yaml:4: invalid max-size \"lots\" (want bytes, or a number with KB, MB or GB)\n.galley.yaml:5: unknown key \"maxsize\" (known keys: extensions, ignore, max-size)"},
		{"wrong type", "packs: a.yaml", `.galley.yaml:1: want a list, got "a.yaml"`},
		{"override options", "overrides:\n  - files: [a/**]\n    rules:\n      style/x: {severity: info, options: {a: 1}}", `.galley.yaml:4: options cannot be set per path (overrides set severities only)`},
		{"override incomplete", "overrides:\n  - rules: {style/x: off}\n  - files: [x]", ".galley.yaml:2: override needs files\n.galley.yaml:3: override needs rules"},
		{"override unknown key", "overrides:\n  - files: [x]\n    rule: {a/b: off}", ".galley.yaml:2: override needs rules\n.galley.yaml:3: unknown key \"rule\" (known keys: files, rules)"},
		{"stances not mapping", "stances: keep", `.galley.yaml:1: stances must be a mapping, got "keep"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(".galley.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error, want %s", tt.want)
			}
			if err.Error() != tt.want {
				t.Fatalf("got:\n%s\nwant:\n%s", err, tt.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	src := `packs: [house.yaml, extra/]
rules:
  style/*: warning
  boilerplate/template-line: off
  style/repeated-word: {severity: error, options: {ignore: [that]}}
files:
  extensions: [.md]
  ignore: ["vendor/**"]
  max-size: 512KB
overrides:
  - files: ["legacy/**"]
    rules: {style/sentence-case: off}
citations: {style: auto}
stances: {contact: keep-contact}
`
	c, err := Parse(filepath.Join("proj", ".galley.yaml"), []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.Packs, ","); got != filepath.Join("proj", "house.yaml")+","+filepath.Join("proj", "extra") {
		t.Errorf("packs %s", got)
	}
	if len(c.Rules) != 3 || c.Rules[1].Pattern != "boilerplate/template-line" || *c.Rules[1].Enabled || c.Rules[2].Severity != finding.SeverityError || c.Rules[2].Line != 5 {
		t.Errorf("rules %+v", c.Rules)
	}
	if c.Files.MaxSize != 512<<10 || c.Files.Extensions[0] != ".md" || c.Files.Ignore[0] != "vendor/**" {
		t.Errorf("files %+v", c.Files)
	}
	if len(c.Overrides) != 1 || c.Overrides[0].Files[0] != "legacy/**" || *c.Overrides[0].Rules[0].Enabled {
		t.Errorf("overrides %+v", c.Overrides)
	}
	if c.Citations == nil || c.Stances == nil {
		t.Error("family sections missing")
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"100": 100, "10MB": 10 << 20, "1.5 kb": 1536, "2GiB": 2 << 30, "7b": 7} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1", "10 TB", "MB", "1e9"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) accepted", in)
		}
	}
}

func TestDefaultAndEmpty(t *testing.T) {
	for _, src := range []string{"", "# nothing\n", "\uFEFF", "{}"} {
		c, err := Parse(".galley.yaml", []byte(src))
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if len(c.Files.Extensions) != 3 || c.Files.MaxSize != 10<<20 {
			t.Errorf("%q: defaults lost: %+v", src, c.Files)
		}
	}
}

func TestDiscover(t *testing.T) {
	root := t.TempDir()
	nested := filepath.Join(root, "a", "b", "c")
	if err := os.MkdirAll(nested, 0o755); err != nil {
		t.Fatal(err)
	}
	if p, err := Discover(nested); err != nil || p != "" {
		// A config above the temp dir would make this ambiguous; only
		// fail when it lies inside root.
		if err != nil || strings.HasPrefix(p, root) {
			t.Fatalf("Discover with none = %q, %v", p, err)
		}
	}
	yml := filepath.Join(root, "a", ".galley.yml")
	if err := os.WriteFile(yml, []byte("rules: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if p, err := Discover(nested); err != nil || p != yml {
		t.Fatalf("Discover = %q, %v; want %q", p, err, yml)
	}
	yaml1 := filepath.Join(root, "a", "b", ".galley.yaml")
	if err := os.WriteFile(yaml1, []byte("rules: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if p, err := Discover(nested); err != nil || p != yaml1 {
		t.Fatalf("Discover = %q, %v; want %q", p, err, yaml1)
	}
	// .galley.yaml is preferred over .galley.yml in the same directory.
	both := filepath.Join(root, "a", ".galley.yaml")
	if err := os.WriteFile(both, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if p, _ := Discover(filepath.Join(root, "a")); p != both {
		t.Errorf("Discover(a) = %q, want %q", p, both)
	}
	// A directory named .galley.yaml is not a configuration.
	d := filepath.Join(root, "x")
	if err := os.MkdirAll(filepath.Join(d, ".galley.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	if p, _ := Discover(d); p == filepath.Join(d, ".galley.yaml") {
		t.Error("directory taken as configuration")
	}
	c, err := Load(yaml1)
	if err != nil || c.Dir != filepath.Join(root, "a", "b") {
		t.Fatalf("Load: %+v %v", c, err)
	}
}

// testSet loads a rule set with a trivial kind for the given IDs; IDs
// ending in "!" are disabled by default.
func testSet(t *testing.T, ids ...string) *rulepack.Set {
	t.Helper()
	kind := check.Kind{Name: "k", Build: func(s *check.Spec) (*check.Check, error) {
		var o map[string]any
		if err := s.Options.Decode(&o); err != nil {
			return nil, err
		}
		return &check.Check{Run: func(*check.Pass) error { return nil }}, nil
	}}
	var b strings.Builder
	b.WriteString("rules:\n")
	for _, id := range ids {
		on := "true"
		if strings.HasSuffix(id, "!") {
			id, on = strings.TrimSuffix(id, "!"), "false"
		}
		b.WriteString("  - {id: " + id + ", kind: k, summary: s, enabled: " + on + "}\n")
	}
	set, err := rulepack.Load([]check.Kind{kind}, []rulepack.Source{{Name: "p.yaml", Data: []byte(b.String())}})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestPolicyPrecedence(t *testing.T) {
	set := testSet(t, "style/a", "style/b", "style/c!", "boilerplate/x", "citation/y")
	src := `rules:
  style/b: error
  style/*: info
  style/c: {severity: error}
  boilerplate: off
overrides:
  - files: ["legacy/**"]
    rules: {style/*: off, style/b: warning}
  - files: ["legacy/keep/**"]
    rules: {style/a: on}
`
	c, err := Parse(".galley.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		on  bool
		sev finding.Severity
	}
	tests := []struct {
		name            string
		enable, disable []string
		path, id        string
		want            want
	}{
		{"glob sets severity", nil, nil, "a.md", "style/a", want{true, finding.SeverityInfo}},
		{"exact beats glob though earlier", nil, nil, "a.md", "style/b", want{true, finding.SeverityError}},
		{"config severity enables disabled-by-default", nil, nil, "a.md", "style/c", want{true, finding.SeverityError}},
		{"family name", nil, nil, "a.md", "boilerplate/x", want{false, finding.SeverityWarning}},
		{"untouched", nil, nil, "a.md", "citation/y", want{true, finding.SeverityWarning}},
		{"override glob off", nil, nil, "legacy/old.md", "style/a", want{false, finding.SeverityInfo}},
		{"override exact beats override glob", nil, nil, "legacy/old.md", "style/b", want{true, finding.SeverityWarning}},
		{"later override wins", nil, nil, "legacy/keep/k.md", "style/a", want{true, finding.SeverityInfo}},
		{"override needs match", nil, nil, "new/legacy/x.md", "style/a", want{true, finding.SeverityInfo}},
		{"cli enable beats config", []string{"boilerplate/x"}, nil, "a.md", "boilerplate/x", want{true, finding.SeverityWarning}},
		{"cli enable beats override", []string{"style/*"}, nil, "legacy/old.md", "style/a", want{true, finding.SeverityInfo}},
		{"cli disable beats all", nil, []string{"style/b"}, "a.md", "style/b", want{false, finding.SeverityError}},
		{"cli exact beats cli glob", []string{"style/a"}, []string{"style/*"}, "a.md", "style/a", want{true, finding.SeverityInfo}},
		{"cli disable wins among equals", []string{"style/*"}, []string{"style/*"}, "a.md", "style/a", want{false, finding.SeverityInfo}},
		{"cli family", nil, []string{"citation"}, "a.md", "citation/y", want{false, finding.SeverityWarning}},
		{"unknown rule off", nil, nil, "a.md", "style/zzz", want{false, finding.SeverityNone}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := c.Policy(set, PolicyOptions{Enable: tt.enable, Disable: tt.disable})
			if err != nil {
				t.Fatal(err)
			}
			on, sev := p.Rule(tt.path, tt.id)
			if (want{on, sev}) != tt.want {
				t.Errorf("Rule(%s, %s) = %v %v, want %v", tt.path, tt.id, on, sev, tt.want)
			}
		})
	}
	p, _ := c.Policy(set, PolicyOptions{})
	for id, want := range map[string]bool{"style/a": true, "boilerplate/x": false, "style/c": true} {
		if p.Active(id) != want {
			t.Errorf("Active(%s) = %v", id, !want)
		}
	}
}

func TestPolicyDefaults(t *testing.T) {
	set := testSet(t, "style/a", "style/off!")
	p, err := Default().Policy(set, PolicyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if on, sev := p.Rule("x.md", "style/a"); !on || sev != finding.SeverityWarning {
		t.Errorf("style/a: %v %v", on, sev)
	}
	if on, _ := p.Rule("x.md", "style/off"); on || p.Active("style/off") {
		t.Error("enabled: false rule is on")
	}
}

func TestPolicyPaths(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "docs")
	set := testSet(t, "style/a")
	c, err := Parse(filepath.Join(root, ".galley.yaml"), []byte("overrides:\n  - files: [docs/legacy/**]\n    rules: {style/a: off}\n"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Policy(set, PolicyOptions{WorkDir: sub})
	if err != nil {
		t.Fatal(err)
	}
	// Paths are relative to the work directory (docs/), globs to the
	// configuration's directory.
	for path, want := range map[string]bool{
		"legacy/a.md":                        false,
		"other/a.md":                         true,
		filepath.Join(sub, "legacy", "b.md"): false,
		filepath.ToSlash(filepath.Join(root, "..", "outside.md")): true,
	} {
		if on, _ := p.Rule(path, "style/a"); on != want {
			t.Errorf("Rule(%s) = %v, want %v", path, on, want)
		}
	}
}

func TestPolicyUnknownRules(t *testing.T) {
	set := testSet(t, "style/repeated-word", "style/sentence-case", "boilerplate/template-line")
	src := "rules:\n  style/repeted-word: off\n  styl/*: info\n  style/*: info\noverrides:\n  - files: [a]\n    rules: {boilerplate/template: off}\n"
	c, err := Parse(".galley.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Policy(set, PolicyOptions{Enable: []string{"style/sentence-cas"}, Disable: []string{"citation/*", "x/["}})
	want := strings.Join([]string{
		`.galley.yaml:2: unknown rule "style/repeted-word" (did you mean "style/repeated-word"?)`,
		`.galley.yaml:3: rule glob "styl/*" matches no rule (did you mean "style/*"?)`,
		`.galley.yaml:7: unknown rule "boilerplate/template" (did you mean "boilerplate/template-line"?)`,
		`--enable: unknown rule "style/sentence-cas" (did you mean "style/sentence-case"?)`,
		`--disable: rule glob "citation/*" matches no rule (did you mean "style/*"?)`,
		`--disable: invalid rule glob "x/["`,
	}, "\n")
	if err == nil || err.Error() != want {
		t.Fatalf("got:\n%v\nwant:\n%s", err, want)
	}
}

func TestRuleOptions(t *testing.T) {
	src := `rules:
  citation/*: {options: {a: 1}}
  citation/x: {options: {b: 2}}
  style/*: {options: {c: 3}}
citations: {style: auto}
stances: {contact: keep-contact}
`
	c, err := Parse(".galley.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	render := func(id string) string {
		var parts []string
		for _, l := range c.RuleOptions(id) {
			if l.File != ".galley.yaml" {
				t.Errorf("layer file %q", l.File)
			}
			out, _ := yaml.Marshal(l.Node)
			parts = append(parts, strings.TrimSpace(string(out)))
		}
		return strings.Join(parts, " | ")
	}
	if got := render("citation/x"); got != "{style: auto} | {a: 1} | {b: 2}" {
		t.Errorf("citation/x: %s", got)
	}
	if got := render("contradiction/y"); got != "house: {contact: keep-contact}" {
		t.Errorf("contradiction/y: %q", got)
	}
	if got := render("boilerplate/z"); got != "" {
		t.Errorf("boilerplate/z: %q", got)
	}

	// Through rulepack.Load: merged over spec options, errors at config lines.
	kind := check.Kind{Name: "k", Build: func(s *check.Spec) (*check.Check, error) {
		var o struct {
			Style string `yaml:"style"`
			A, B  int
		}
		if err := s.Options.Decode(&o); err != nil {
			return nil, err
		}
		if o.Style != "auto" || o.B != 2 || o.A != 1 {
			t.Errorf("merged options %+v", o)
		}
		return &check.Check{}, nil
	}}
	pack := "rules:\n  - id: citation/x\n    kind: k\n    summary: s\n    options: {style: apa, a: 5}\n"
	if _, err := rulepack.Load([]check.Kind{kind}, []rulepack.Source{{Name: "p.yaml", Data: []byte(pack)}}, c); err != nil {
		t.Fatal(err)
	}
	bad, _ := Parse(".galley.yaml", []byte("\nrules:\n  citation/x: {options: {nope: 1}}\n"))
	_, err = rulepack.Load([]check.Kind{kind}, []rulepack.Source{{Name: "p.yaml", Data: []byte(pack)}}, bad)
	if want := `.galley.yaml:3: unknown key "nope" (known keys: a, b, style)`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestTemplateLoads(t *testing.T) {
	c, err := Parse(".galley.yaml", []byte(Template))
	if err != nil {
		t.Fatal(err)
	}
	set := testSet(t, "style/misspelling")
	if _, err := c.Policy(set, PolicyOptions{}); err != nil {
		t.Fatal(err)
	}
	if c.Files.MaxSize != 10<<20 || len(c.Files.Extensions) != 3 {
		t.Errorf("files %+v", c.Files)
	}
}

func TestRebaseGlobs(t *testing.T) {
	root := t.TempDir()
	globs := []string{"vendor/**", "docs/drafts/**", "**/tmp/*", "d*/x.md", "docs"}
	if got := strings.Join(rebaseGlobs(globs, root, root), " "); got != strings.Join(globs, " ") {
		t.Errorf("same dir: %s", got)
	}
	if got := strings.Join(rebaseGlobs(globs, root, filepath.Join(root, "docs")), " "); got != "drafts/** **/tmp/* x.md **" {
		t.Errorf("below: %s", got)
	}
	if got := strings.Join(rebaseGlobs(globs, filepath.Join(root, "sub"), root), " "); got != "sub/vendor/** sub/docs/drafts/** **/tmp/* sub/d*/x.md sub/docs" {
		t.Errorf("above: %s", got)
	}
}

func TestPackSources(t *testing.T) {
	root := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(root, "extra", "deep"), 0o755))
	must(os.WriteFile(filepath.Join(root, "house.yaml"), []byte("rules: []\n"), 0o644))
	must(os.WriteFile(filepath.Join(root, "extra", "b.yaml"), []byte("rules: []\n"), 0o644))
	must(os.WriteFile(filepath.Join(root, "extra", "deep", "a.yml"), []byte("rules: []\n"), 0o644))
	must(os.WriteFile(filepath.Join(root, "extra", "notes.txt"), []byte("x"), 0o644))
	cfgPath := filepath.Join(root, ".galley.yaml")
	must(os.WriteFile(cfgPath, []byte("packs: [house.yaml, extra/]\n"), 0o644))
	c, err := Load(cfgPath)
	must(err)
	srcs, err := c.PackSources()
	must(err)
	var names []string
	for _, s := range srcs {
		names = append(names, strings.TrimPrefix(s.Name, filepath.ToSlash(root)+"/"))
	}
	if got := strings.Join(names, ","); got != "house.yaml,extra/b.yaml,extra/deep/a.yml" {
		t.Errorf("got %s", got)
	}
	c.Packs = append(c.Packs, filepath.Join(root, "missing.yaml"))
	if _, err := c.PackSources(); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing pack: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(Template)
	f.Add("rules: {a/b: off, 'x/*': {severity: info, options: {a: [1]}}}\noverrides: [{files: [a], rules: {a/b: on}}]")
	f.Add("files: {max-size: 1.5MB, extensions: [.md]}\nstances: {a: b}")
	f.Fuzz(func(t *testing.T, src string) {
		c, err := Parse(".galley.yaml", []byte(src))
		if err == nil {
			c.RuleOptions("citation/x")
			c.RuleOptions("contradiction/x")
		}
	})
}
