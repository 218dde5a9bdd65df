package boilerplate

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/galley-lint/galley/internal/checktest"
)

// TestGolden runs every boilerplate rule over testdata/golden/<dir>: each
// directory holds articles with `want` expectations for one rule (clean/
// holds near misses that must produce nothing).
func TestGolden(t *testing.T) {
	checks := loadChecks(t)
	dirs, err := os.ReadDir(filepath.Join("testdata", "golden"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		t.Run(d.Name(), func(t *testing.T) {
			checktest.Run(t, filepath.Join("testdata", "golden", d.Name()), checks...)
		})
	}
}
