// Package checks registers every rule kind galley knows: the generic kinds
// any pack can use and each family's mechanisms. It is the one place a
// family is registered; add one line per family.
package checks

import (
	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/checks/boilerplate"
	"github.com/galley-lint/galley/internal/checks/citation"
	"github.com/galley-lint/galley/internal/checks/contradiction"
	"github.com/galley-lint/galley/internal/checks/style"
	"github.com/galley-lint/galley/internal/kinds"
)

// Kinds returns every rule kind, generic kinds first, then family by family.
func Kinds() []check.Kind {
	var out []check.Kind
	for _, family := range [][]check.Kind{
		kinds.Generic(),
		style.Kinds(),
		boilerplate.Kinds(),
		citation.Kinds(),
		contradiction.Kinds(),
	} {
		out = append(out, family...)
	}
	return out
}
