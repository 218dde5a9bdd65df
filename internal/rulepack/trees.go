package rulepack

import (
	"github.com/cespare/xxhash/v2"
	"go.yaml.in/yaml/v3"
)

//go:generate go run ./internal/gentrees -o builtin_trees.go

// builtinTree is a built-in pack's YAML as yaml.v3 parsed it when galley
// was built (see builtin_trees.go, written by internal/gentrees): parsing
// the built-in packs at run time was half of galley's start-up.
type builtinTree struct {
	// name is the pack's Source name ("rules/style.yaml").
	name string
	// size and hash (xxhash) identify the YAML the tree was parsed from.
	size int
	hash uint64
	// root is the document's root node.
	root *yaml.Node
}

// builtinRoot returns the pre-parsed root node of the built-in pack name
// when it was parsed from exactly data, else nil (the pack changed since
// builtin_trees.go was generated: it is parsed as any other). The trees
// are shared by every load and must never be modified; nothing that reads
// rule options does.
func builtinRoot(name string, data []byte) *yaml.Node {
	for i := range builtinTrees {
		t := &builtinTrees[i]
		if t.name == name {
			if t.size == len(data) && t.hash == xxhash.Sum64(data) {
				return t.root
			}
			return nil
		}
	}
	return nil
}
