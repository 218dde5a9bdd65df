package cli

import (
	"sort"
	"strings"

	"github.com/xrash/smetrics"
)

// suggest returns the candidate closest to name, or "" when none is
// reasonably close.
func suggest(name string, candidates []string) string {
	best, bestScore := "", 0.0
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	lname := strings.ToLower(name)
	for _, c := range sorted {
		lc := strings.ToLower(c)
		score := smetrics.JaroWinkler(lname, lc, 0.7, 4)
		// A candidate whose last path element matches exactly wins.
		if i := strings.LastIndexByte(lc, '/'); i >= 0 && lc[i+1:] == lname {
			score = 2
		}
		if score > bestScore {
			best, bestScore = c, score
		}
	}
	if bestScore < 0.8 {
		return ""
	}
	return best
}
