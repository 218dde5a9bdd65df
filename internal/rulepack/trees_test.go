package rulepack

import (
	"fmt"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestBuiltinTreesCurrent checks that every built-in pack has a
// pre-parsed tree (builtin_trees.go) and that it is what yaml.v3 parses.
func TestBuiltinTreesCurrent(t *testing.T) {
	srcs, err := BuiltinSources()
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != len(builtinTrees) {
		t.Errorf("%d built-in packs, %d trees: run go generate ./internal/rulepack", len(srcs), len(builtinTrees))
	}
	for _, src := range srcs {
		parsed, err := ParseYAML(src.Name, src.Data)
		if err != nil {
			t.Fatal(err)
		}
		tree := builtinRoot(src.Name, src.Data)
		if tree == nil {
			t.Errorf("%s changed since builtin_trees.go was generated (galley parses it at start-up): run go generate ./internal/rulepack", src.Name)
			continue
		}
		if err := sameTree(parsed, tree, map[*yaml.Node]*yaml.Node{}, ""); err != nil {
			t.Errorf("%s: %v", src.Name, err)
		}
	}
}

// sameTree compares two trees field by field; aliases must point to
// corresponding nodes.
func sameTree(a, b *yaml.Node, pairs map[*yaml.Node]*yaml.Node, path string) error {
	if (a == nil) != (b == nil) {
		return fmt.Errorf("%s: one node is nil", path)
	}
	if a == nil {
		return nil
	}
	if prev, ok := pairs[a]; ok {
		if prev != b {
			return fmt.Errorf("%s: node shared differently", path)
		}
		return nil
	}
	pairs[a] = b
	if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value || a.Anchor != b.Anchor ||
		a.HeadComment != b.HeadComment || a.LineComment != b.LineComment || a.FootComment != b.FootComment ||
		a.Line != b.Line || a.Column != b.Column || len(a.Content) != len(b.Content) {
		return fmt.Errorf("%s (line %d): %+v differs from %+v", path, a.Line, *a, *b)
	}
	if a.Alias != nil || b.Alias != nil {
		if a.Alias == nil || b.Alias == nil {
			return fmt.Errorf("%s: alias differs", path)
		}
		if err := sameTree(a.Alias, b.Alias, pairs, path+"/*"+a.Value); err != nil {
			return err
		}
	}
	for i := range a.Content {
		if err := sameTree(a.Content[i], b.Content[i], pairs, fmt.Sprintf("%s/%d", path, i)); err != nil {
			return err
		}
	}
	return nil
}

// TestChangedBuiltinPackIsParsed checks that a built-in pack that no
// longer matches its tree is parsed, so an edit takes effect at once.
func TestChangedBuiltinPackIsParsed(t *testing.T) {
	srcs, err := BuiltinSources()
	if err != nil {
		t.Fatal(err)
	}
	src := srcs[0]
	if builtinRoot(src.Name, src.Data) == nil {
		t.Skipf("%s has no current tree", src.Name)
	}
	changed := append([]byte(nil), src.Data...)
	changed = append(changed, "\n# an edit\n"...)
	if builtinRoot(src.Name, changed) != nil {
		t.Error("a changed pack got the old tree")
	}
	if builtinRoot("rules/other.yaml", src.Data) != nil {
		t.Error("a pack got another's tree")
	}
	// An edited built-in pack is loaded from its YAML.
	edited := []byte("rules:\n  - id: x/edited\n    kind: topic\n    summary: S.\n")
	set, err := Parse(testKinds(nil), []Source{{Name: src.Name, Data: edited, Builtin: true}})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := set.Lookup("x/edited"); !ok {
		t.Error("edited pack not parsed")
	}
}
