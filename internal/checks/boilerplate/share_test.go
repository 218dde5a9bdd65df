package boilerplate

import (
	"testing"

	"github.com/galley-lint/galley/internal/check"
)

// The built-in line rules carry the same packs and classifier, so the
// rules of one load compile one analyzer between them.
func TestLineRulesShareOneAnalyzer(t *testing.T) {
	analyzers := map[analysisKey]*analyzer{}
	var built []*check.Check
	for _, id := range []string{"boilerplate/navigation", "boilerplate/byline-duplicate", "boilerplate/widget", "boilerplate/promo", "boilerplate/syndication", "boilerplate/copyright"} {
		c, err := buildLines(testSpec(t, id), analyzers)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		built = append(built, c)
	}
	if len(built) != 6 || len(analyzers) != 1 {
		t.Errorf("built %d rules with %d analyzers, want 6 rules sharing 1", len(built), len(analyzers))
	}
}
