package rulepack

import (
	"slices"
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/check"
)

// countingKinds returns a kind whose Build records the IDs it built and
// fails for level -1, and a data kind.
func countingKinds(built *[]string) []check.Kind {
	return []check.Kind{
		{Name: "fake", Build: func(s *check.Spec) (*check.Check, error) {
			var o fakeOptions
			if err := s.Options.Decode(&o); err != nil {
				return nil, err
			}
			if o.Level < 0 {
				return nil, OptionErrorf(s.Options, []string{"level"}, "level must not be negative")
			}
			*built = append(*built, s.ID)
			return &check.Check{Run: func(*check.Pass) error { return nil }}, nil
		}},
		{Name: "topic", Data: true},
	}
}

const builtinPack = `rules:
  - id: a/on
    kind: fake
    summary: On.
  - id: a/off
    kind: fake
    enabled: false
    summary: Off by default.
  - id: b/other
    kind: fake
    summary: Another family.
`

// TestParseBuildsNothing checks that Parse calls no Build, yet knows every
// rule, and that Build builds only the rules asked for, once.
func TestParseBuildsNothing(t *testing.T) {
	var built []string
	set, err := Parse(countingKinds(&built), []Source{{Name: "rules/p.yaml", Data: []byte(builtinPack), Builtin: true}})
	if err != nil {
		t.Fatal(err)
	}
	if len(built) != 0 {
		t.Fatalf("Parse built %v", built)
	}
	if got := strings.Join(set.IDs(), ","); got != "a/off,a/on,b/other" {
		t.Errorf("IDs %s", got)
	}
	if on, _ := set.DefaultEnabled("a/off"); on {
		t.Error("a/off on by default")
	}
	if on, _ := set.DefaultEnabled("a/on"); !on {
		t.Error("a/on off by default")
	}
	if len(set.Checks()) != 0 {
		t.Errorf("checks before Build: %d", len(set.Checks()))
	}
	active := func(id string) bool { return id == "a/on" }
	if err := set.Build(active); err != nil {
		t.Fatal(err)
	}
	if err := set.Build(active); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(built, ","); got != "a/on" {
		t.Errorf("built %s, want a/on once", got)
	}
	if r, _ := set.Lookup("a/off"); r.Check != nil {
		t.Error("a/off has a check")
	}
	if r, _ := set.Lookup("a/on"); r.Check == nil || r.Check.Summary != "On." {
		t.Errorf("a/on: %+v", r.Check)
	}
	if err := set.Build(nil); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(built, ","); got != "a/on,a/off,b/other" {
		t.Errorf("built %s after Build(nil), want each rule once, in load order", got)
	}
	if len(set.Checks()) != 3 || len(set.RuleInfos()) != 3 {
		t.Errorf("%d checks, %d infos", len(set.Checks()), len(set.RuleInfos()))
	}
}

// TestUserRulesAlwaysBuilt checks that rules of user packs, and built-in
// rules the user's options reach, are built (and their mistakes reported,
// as file:line) even when no one asks for them.
func TestUserRulesAlwaysBuilt(t *testing.T) {
	none := func(string) bool { return false }
	user := "rules:\n  - id: house/broken\n    kind: fake\n    enabled: false\n    summary: Off, and broken.\n    options: {level: -1}\n  - id: house/fine\n    kind: fake\n    enabled: false\n    summary: Off.\n"
	var built []string
	srcs := []Source{{Name: "rules/p.yaml", Data: []byte(builtinPack), Builtin: true}, {Name: "house.yaml", Data: []byte(user)}}
	set, err := Parse(countingKinds(&built), srcs)
	if err != nil {
		t.Fatal(err)
	}
	err = set.Build(none)
	if want := "house.yaml:6: level must not be negative"; err == nil || err.Error() != want {
		t.Errorf("Build: got %v, want %s", err, want)
	}
	if got := strings.Join(built, ","); got != "house/fine" {
		t.Errorf("built %s, want only the user's rules", got)
	}
	// Load reports the same problem.
	if _, err := Load(countingKinds(&built), srcs); err == nil || !strings.Contains(err.Error(), "house.yaml:6:") {
		t.Errorf("Load: %v", err)
	}

	// Options from the configuration make a built-in rule the user's.
	built = nil
	cfg := userOpts{"b/other": {{File: ".galley.yaml", Node: node(t, "\nlevel: -1")}}}
	set, err = Parse(countingKinds(&built), srcs[:1], cfg)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := set.Lookup("b/other")
	if !r.User {
		t.Error("configured b/other is not the user's")
	}
	if r, _ := set.Lookup("a/on"); r.User {
		t.Error("built-in a/on is the user's")
	}
	if err := set.Build(none); err == nil || err.Error() != ".galley.yaml:2: level must not be negative" {
		t.Errorf("Build: %v", err)
	}
	if len(built) != 0 {
		t.Errorf("built %v", built)
	}

	// A user data spec may change what any kind builds: every rule is
	// the user's then.
	built = nil
	topic := Source{Name: "topics.yaml", Data: []byte("rules:\n  - id: topic/mine\n    kind: topic\n    summary: T.\n")}
	set, err = Parse(countingKinds(&built), []Source{srcs[0], topic})
	if err != nil {
		t.Fatal(err)
	}
	if err := set.Build(none); err != nil {
		t.Fatal(err)
	}
	slices.Sort(built)
	if got := strings.Join(built, ","); got != "a/off,a/on,b/other" {
		t.Errorf("built %s, want every rule", got)
	}
}

// TestParseStillValidates checks that Parse reports what is wrong with a
// rule that will never be built, with file and line.
func TestParseStillValidates(t *testing.T) {
	var built []string
	src := builtinPack + "  - id: c/bad\n    kind: fake\n    enabled: false\n    summary: S.\n    options:\n      level: 1\n      level: 2\n  - id: c/unknown\n    kind: nope\n    summary: S.\n"
	_, err := Parse(countingKinds(&built), []Source{{Name: "rules/p.yaml", Data: []byte(src), Builtin: true}})
	want := "rules/p.yaml:18: duplicate key \"level\" (first at line 17)\nrules/p.yaml:19: rule c/unknown: unknown kind \"nope\" (known kinds: fake, topic)"
	if err == nil || err.Error() != want {
		t.Errorf("got:\n%v\nwant:\n%s", err, want)
	}
	if len(built) != 0 {
		t.Errorf("Parse built %v", built)
	}
}

func TestBuildGroups(t *testing.T) {
	rule := func(id, kind string) *Rule { return &Rule{Spec: &check.Spec{ID: id, Kind: kind}} }
	rules := []*Rule{rule("a/x", "k1"), rule("b/y", "k2"), rule("c/z", "k1"), rule("d/w", "k3"), rule("a/v", "k4"), rule("e/u", "k4"), rule("b/t", "k5")}
	var got []string
	for _, g := range buildGroups(rules) {
		var ids []string
		for _, i := range g {
			ids = append(ids, rules[i].Spec.ID)
		}
		got = append(got, strings.Join(ids, ","))
	}
	if want := "a/x,c/z,a/v,e/u | b/y,b/t | d/w"; strings.Join(got, " | ") != want {
		t.Errorf("groups %s, want %s", strings.Join(got, " | "), want)
	}
}
