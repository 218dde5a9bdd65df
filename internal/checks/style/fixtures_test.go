package style

import (
	"testing"

	"github.com/galley-lint/galley/internal/checktest"
)

// TestFixtures runs each rule over its testdata directory, where every
// expected finding is marked (want comments in Markdown, NAME.want
// sidecars for plain text and for lines a comment would change).
func TestFixtures(t *testing.T) {
	checks := buildChecks(t)
	for _, rule := range []string{"repeated-word", "quote-balance", "mixed-quotes", "sentence-case", "repeated-line", "term-consistency"} {
		t.Run(rule, func(t *testing.T) {
			c, ok := checks["style/"+rule]
			if !ok {
				t.Fatalf("style/%s not in rules/style.yaml", rule)
			}
			checktest.Run(t, "testdata/"+rule, c)
		})
	}
}
