// Package style holds the Go mechanisms of galley's built-in style rules:
// repeated words, unbalanced and mixed quotation marks, sentences that start
// in lower case, lines repeated within a few lines of each other, and terms
// spelled two ways across a corpus. The rules themselves (IDs, severities,
// messages, word lists) are specs in rules/style.yaml; each mechanism is a
// check.Kind returned by Kinds.
//
// Every mechanism reads prose only: Block.Text of prose blocks, in which
// code, URLs and HTML are already replaced by document.Placeholder, and maps
// what it finds back to the source with Block.SourceSpan.
package style

import (
	"bytes"
	"fmt"
	"text/template"

	"github.com/galley-lint/galley/internal/check"
)

// Kinds returns the style mechanisms, one check.Kind per mechanism, sorted
// by name. Their rules share one pool of per-document storage.
func Kinds() []check.Kind {
	p := newPools() // one pool of per-document storage for the family
	return []check.Kind{
		mixedQuotesKind(p),
		quoteBalanceKind(p),
		repeatedLineKind(p),
		repeatedWordKind(p),
		sentenceCaseKind(p),
		termConsistencyKind(p),
	}
}

// decodeOptions decodes a spec's options strictly into v; nil options (as
// in unit tests) leave v unchanged.
func decodeOptions(spec *check.Spec, v any) error {
	if spec.Options == nil {
		return nil
	}
	if err := spec.Options.Decode(v); err != nil {
		return fmt.Errorf("%s: options: %w", spec.ID, err)
	}
	return nil
}

// message is a compiled message template whose data is a struct of type T.
type message[T any] struct {
	tmpl *template.Template
}

// newMessage compiles text (or fallback when text is empty) as a
// text/template and checks that it executes against a zero T, so a
// template naming an unknown field fails when the rule is built rather than
// when it first reports.
func newMessage[T any](what, text, fallback string) (message[T], error) {
	if text == "" {
		text = fallback
	}
	t, err := template.New(what).Option("missingkey=error").Parse(text)
	if err != nil {
		return message[T]{}, fmt.Errorf("%s: %w", what, err)
	}
	var zero T
	if err := t.Execute(&bytes.Buffer{}, zero); err != nil {
		return message[T]{}, fmt.Errorf("%s: %w", what, err)
	}
	return message[T]{tmpl: t}, nil
}

// format executes the template. Execution was validated at build time, so
// an error here can only come from a data value; the raw template text is
// returned then rather than nothing.
func (m message[T]) format(data T) string {
	var b bytes.Buffer
	if err := m.tmpl.Execute(&b, data); err != nil {
		return m.tmpl.Root.String()
	}
	return b.String()
}
