package boilerplate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/fix"
)

// TestSeeds runs the rules over the real scraped articles in
// ../shared/seeds. It knows nothing about them but what holds for any
// article: residue is found somewhere in the set, fixing never deletes a
// line of prose (a long line ending like a sentence), and the fixed
// articles have nothing left to report.
func TestSeeds(t *testing.T) {
	dir, ok := sharedPath("seeds")
	if !ok {
		t.Skip("no ../shared/seeds")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	srcs := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[filepath.Base(f)] = b
	}
	if len(srcs) == 0 {
		t.Skip("no seeds")
	}
	checks := loadChecks(t)
	findings := runFiles(t, checks, srcs)
	byPath := map[string][]finding.Fix{}
	n := 0
	for _, f := range findings {
		if finding.Family(f.RuleID) != "boilerplate" {
			continue
		}
		n++
		t.Logf("%s:%d-%d %s %s", f.Location.Path, f.Location.Start.Line, f.Location.End.Line, f.RuleID, f.Message)
		if len(f.Fixes) > 0 {
			byPath[f.Location.Path] = append(byPath[f.Location.Path], f.Fixes[0])
		}
	}
	if n == 0 {
		t.Fatal("no residue found in the seeds")
	}
	fixed := map[string][]byte{}
	for path, src := range srcs {
		out, _, err := fix.Apply(src, byPath[path])
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		fixed[path] = out
		kept := map[string]bool{}
		for _, l := range strings.Split(string(out), "\n") {
			kept[l] = true
		}
		for _, l := range strings.Split(string(src), "\n") {
			if !kept[l] && len(strings.Fields(l)) >= 12 && endsSentence(l) {
				t.Errorf("%s: fixing deleted prose: %q", path, l)
			}
		}
	}
	for _, f := range runFiles(t, checks, fixed) {
		if finding.Family(f.RuleID) == "boilerplate" {
			t.Errorf("after fixing, %s:%d: %s", f.Location.Path, f.Location.Start.Line, f.Message)
		}
	}
}
