package contradiction_test

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/galley-lint/galley/internal/checks/contradiction"
	"github.com/galley-lint/galley/internal/rulepack"
)

// packSources returns the built-in contradiction pack and topics.
func packSources(t testing.TB) []rulepack.Source {
	t.Helper()
	srcs, err := rulepack.BuiltinSources()
	if err != nil {
		t.Fatal(err)
	}
	var out []rulepack.Source
	for _, s := range srcs {
		if s.Name == "rules/contradiction.yaml" || strings.HasPrefix(s.Name, "rules/topics/") {
			out = append(out, s)
		}
	}
	if len(out) < 2 {
		t.Fatalf("contradiction pack or topics not embedded: %d sources", len(out))
	}
	return out
}

// userOptions merges a YAML mapping into the options of every rule.
type userOptions string

func (u userOptions) RuleOptions(string) []rulepack.Layer {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(u), &n); err != nil {
		panic(err)
	}
	return []rulepack.Layer{{File: "test.yaml", Node: &n}}
}

// loadSet loads the built-in contradiction rules and topics, plus extra
// sources, with user options (YAML) merged into every rule.
func loadSet(t testing.TB, user string, extra ...rulepack.Source) *rulepack.Set {
	t.Helper()
	var opts []rulepack.OptionSource
	if user != "" {
		opts = append(opts, userOptions(user))
	}
	set, err := rulepack.Load(contradiction.Kinds(), append(packSources(t), extra...), opts...)
	if err != nil {
		t.Fatalf("loading the contradiction rules:\n%v", err)
	}
	return set
}
