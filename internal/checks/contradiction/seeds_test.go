package contradiction_test

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSeeds runs both contradiction rules over the real articles in
// ../shared/seeds and logs the stances table and the findings. It checks
// only that the run works and that some article holds a stance; what the
// seeds say is for people to read (go test -run TestSeeds -v).
func TestSeeds(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "..", "shared", "seeds")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no seeds at ../shared/seeds")
	}
	set := sharedSet(t)
	res := runDir(t, set, dir)
	if res.Files == 0 {
		t.Fatal("no seed files checked")
	}
	tbl := table(t, set, res)
	t.Logf("stances:\n%s", tbl)
	t.Logf("findings:\n%s", formatFindings(res.Findings))
	if len(res.Facts["contradiction/cross-article"]) == 0 {
		t.Error("no seed article holds any stance")
	}
}
