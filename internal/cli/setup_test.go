package cli

import (
	"bytes"
	"strings"
	"testing"
)

// TestLoadRulesBuildsOnlyActive checks that the rules a run leaves off
// (by --disable, by configuration or by default) are known but not built,
// and that listing rules builds none of the built-in ones.
func TestLoadRulesBuildsOnlyActive(t *testing.T) {
	dir := t.TempDir()
	if err := writeFile(dir, ".galley.yaml", "rules:\n  style/repeated-line: off\n"); err != nil {
		t.Fatal(err)
	}
	app := New(&bytes.Buffer{}, &bytes.Buffer{}, Env{Dir: dir})
	s, err := app.loadRules(setupOptions{disable: []string{"boilerplate"}, enable: []string{"style/sentence-case"}, policy: true})
	if err != nil {
		t.Fatal(err)
	}
	built, unbuilt := 0, 0
	for _, r := range s.set.Rules() {
		id := r.Spec.ID
		off := strings.HasPrefix(id, "boilerplate/") || id == "style/repeated-line"
		switch {
		case off && r.Check != nil:
			t.Errorf("%s is off but was built", id)
		case !off && r.Check == nil:
			t.Errorf("%s is on but was not built", id)
		case off:
			unbuilt++
		default:
			built++
		}
	}
	if built == 0 || unbuilt < 2 {
		t.Errorf("%d built, %d not built", built, unbuilt)
	}
	if len(s.checks) != built {
		t.Errorf("%d checks run, %d built", len(s.checks), built)
	}

	s, err = app.loadRules(setupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(s.set.Checks()); n != 0 {
		t.Errorf("listing rules built %d checks", n)
	}
	if len(s.set.Rules()) < 10 {
		t.Errorf("only %d rules known", len(s.set.Rules()))
	}
}
