package cli

import (
	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/checks/boilerplate"
	"github.com/galley-lint/galley/internal/checks/citation"
	"github.com/galley-lint/galley/internal/checks/contradiction"
	"github.com/galley-lint/galley/internal/checks/style"
	"github.com/galley-lint/galley/internal/kinds"
)

// ruleKinds returns every rule kind galley knows: the generic kinds and
// each family's mechanisms. This is the one place a family is registered;
// add one line per family.
func ruleKinds() []check.Kind {
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
