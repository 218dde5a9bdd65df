package contradiction

import (
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/galley-lint/galley/internal/rulepack"
)

// layer is one YAML layer of options.
func layer(t *testing.T, file, src string) rulepack.Layer {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatal(err)
	}
	return rulepack.Layer{File: file, Node: &n}
}

// The classifier options count as built in only when no value under them
// comes from elsewhere; the topic files likewise by name.
func TestBuiltinOptions(t *testing.T) {
	base := layer(t, "rules/contradiction.yaml", "classifier: {weights: {cue: 1}, negators: [not]}\ntopics: []\n")
	for _, tc := range []struct {
		name   string
		layers []rulepack.Layer
		want   bool
	}{
		{"built-in", []rulepack.Layer{base}, true},
		{"other key overridden", []rulepack.Layer{base, layer(t, ".galley.yaml", "topics: [contact]\n")}, true},
		{"weight overridden", []rulepack.Layer{base, layer(t, ".galley.yaml", "classifier: {weights: {cue: 2}}\n")}, false},
		{"list replaced", []rulepack.Layer{base, layer(t, ".galley.yaml", "classifier: {negators: [never]}\n")}, false},
		{"user pack", []rulepack.Layer{layer(t, "rules/mine.yaml", "classifier: {negators: [never]}\n")}, false},
		{"no classifier", []rulepack.Layer{layer(t, "rules/contradiction.yaml", "topics: []\n")}, false},
	} {
		o, err := rulepack.NewOptions(tc.layers...)
		if err != nil {
			t.Fatal(err)
		}
		if got := builtinOptions(o, "classifier"); got != tc.want {
			t.Errorf("%s: builtinOptions = %t, want %t", tc.name, got, tc.want)
		}
	}
	if builtinFile("topics/contact.yaml") || builtinFile("rules/nope.yaml") || !builtinFile("rules/topics/contact.yaml") {
		t.Error("builtinFile")
	}
}
