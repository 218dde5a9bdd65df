package boilerplate

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSeedsDump(t *testing.T) {
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
	for _, f := range runFiles(t, loadChecks(t), srcs) {
		t.Logf("%s:%d-%d %s %s", f.Location.Path, f.Location.Start.Line, f.Location.End.Line, f.RuleID, f.Message)
	}
}
