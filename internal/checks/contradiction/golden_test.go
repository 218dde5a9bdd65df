package contradiction_test

import (
	"path/filepath"
	"testing"

	"github.com/galley-lint/galley/internal/checktest"
)

// TestWantFixtures runs both rules over the fixture directories and
// compares the findings with their want comments and sidecars: within/
// (a contradiction and four traps: a phase sequence, hearsay and
// questions, contrastive frames), cross/ (a minority article), tie/ (a
// split site: each side once) and house/ (a house position from the
// configuration overrides the majority).
func TestWantFixtures(t *testing.T) {
	for _, tc := range []struct{ dir, user string }{
		{"within", ""},
		{"cross", ""},
		{"tie", ""},
		{"house", "{house: {contact: keep-contact}}"},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			set := sharedSet(t)
			if tc.user != "" {
				set = loadSet(t, tc.user)
			}
			checktest.Run(t, filepath.Join("testdata", tc.dir), set.Checks()...)
		})
	}
}
