package style

import (
	"strings"
	"testing"
)

// TestHugeInput runs every rule over large pathological blocks: runs of
// opening quotes, unclosed template tags, repeated words and lines. A rule
// that is quadratic in the size of a block would not finish.
func TestHugeInput(t *testing.T) {
	checks := buildChecks(t)
	const n = 100000
	for name, src := range map[string]string{
		"opening quotes":   strings.Repeat("“‘\"'", n),
		"template openers": strings.Repeat("{{{%", n),
		"repeated words":   strings.Repeat("the ", n),
		"repeated lines":   strings.Repeat("The same line again.\n", n/4),
		"sentences":        strings.Repeat("a. b! c? ", n),
		"long word":        strings.Repeat("a", n*4) + ". the end.",
		"dotted word":      strings.Repeat("a.", n*2) + " the end.",
	} {
		doc := textDoc("huge.txt", src)
		for _, c := range checks {
			runCheck(t, c, doc)
		}
		_ = name
	}
}
