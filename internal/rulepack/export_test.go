package rulepack

import "go.yaml.in/yaml/v3"

// BuiltinRoot and SameTree export builtinRoot and sameTree to the external
// tests.
var BuiltinRoot = builtinRoot

func SameTree(a, b *yaml.Node) error { return sameTree(a, b, map[*yaml.Node]*yaml.Node{}, "") }
