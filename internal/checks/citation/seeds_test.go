package citation

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// looksCited is a crude, independent test for author–date citations: a
// parenthesis holding a capitalised word and a year.
var looksCited = regexp.MustCompile(`\(\p{Lu}[^()]{0,80}\b(1[89]|20)\d\d\)`)

// TestSeeds runs the citation rules over the real articles in
// ../shared/seeds without assuming anything about any one of them:
// articles without citations must produce no finding; articles with
// citations (all of them listed, in the seeds) may only get
// reference-order; and at least one seed — the one whose list is numbered
// and not alphabetical — gets both the numbered-list and the order finding.
func TestSeeds(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "..", "shared", "seeds")
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(paths) == 0 {
		t.Skip("no seeds at ../shared/seeds")
	}
	checks := loadChecks(t)
	both := 0
	for _, p := range paths {
		name := filepath.Base(p)
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, ds := runChecks(t, checks, name, src)
		if !looksCited.Match(src) {
			if len(ds) > 0 {
				t.Errorf("%s cites nothing, yet:\n%s", name, format(doc, ds))
			}
			continue
		}
		numbered, order := false, false
		for _, d := range ds {
			switch {
			case d.Rule != "citation/reference-order":
				t.Errorf("%s: unexpected %s at line %d: %s", name, d.Rule, doc.Line(d.Span.Start), d.Message)
			case len(d.Related) == 0:
				numbered = true
			default:
				order = true
			}
		}
		if numbered && order {
			both++
		}
	}
	if both == 0 {
		t.Errorf("no seed got citation/reference-order for a numbered, unsorted list")
	}
}
