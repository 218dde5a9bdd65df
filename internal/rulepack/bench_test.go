package rulepack_test

import (
	"testing"

	"github.com/galley-lint/galley/internal/rulepack"
)

// BenchmarkLoadBuiltin measures loading and building every built-in rule,
// the bulk of galley's start-up.
func BenchmarkLoadBuiltin(b *testing.B) {
	srcs, err := rulepack.BuiltinSources()
	if err != nil {
		b.Fatal(err)
	}
	var n int64
	for _, s := range srcs {
		n += int64(len(s.Data))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rulepack.Load(registered(), srcs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseYAML measures parsing the built-in packs' YAML alone.
func BenchmarkParseYAML(b *testing.B) {
	srcs, err := rulepack.BuiltinSources()
	if err != nil {
		b.Fatal(err)
	}
	var n int64
	for _, s := range srcs {
		n += int64(len(s.Data))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range srcs {
			if _, err := rulepack.ParseYAML(s.Name, s.Data); err != nil {
				b.Fatal(err)
			}
		}
	}
}
