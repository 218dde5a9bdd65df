// Package kinds holds galley's generic rule kinds, mechanisms any rule pack
// can bind with data alone:
//
//   - existence: report listed words, phrases or patterns;
//   - substitution: report words that have a preferred replacement, with a fix;
//   - consistency: report the minority spelling where an article mixes variants.
//
// All three read only prose (Block.Text: never code, URLs or front matter),
// map matches back with Block.SourceSpan and skip matches that overlap a
// document.Placeholder. Their messages are templates (see Template).
//
// Register them with the family kinds when loading packs:
//
//	set, err := rulepack.Load(append(kinds.Generic(), style.Kinds()...), srcs)
package kinds

import "github.com/galley-lint/galley/internal/check"

// Generic returns the generic kinds, sorted by name. Their rules share
// one pool of per-document storage.
func Generic() []check.Kind {
	p := newPools()
	return []check.Kind{consistencyKind(p), existenceKind(p), substitutionKind(p)}
}
