package citation

import (
	"path/filepath"
	"testing"

	"github.com/galley-lint/galley/internal/checktest"
)

// TestGolden runs every citation rule over each directory of fixtures
// (one per rule, plus clean articles in each style that must produce no
// finding) and compares the findings with the want comments and sidecars.
func TestGolden(t *testing.T) {
	checks := loadChecks(t)
	dirs, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			checktest.Run(t, dir, checks...)
		})
	}
}
