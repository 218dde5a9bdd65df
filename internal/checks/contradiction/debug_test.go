package contradiction_test

import (
	"os"
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/checks/contradiction"
)

func TestDebugSentence(t *testing.T) {
	s := os.Getenv("STANCE_DEBUG")
	if s == "" {
		t.Skip()
	}
	set := loadSet(t, "{check_examples: false}")
	r, _ := set.Lookup("contradiction/within-article")
	cl, err := contradiction.Classifier(r.Spec)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(s, "|") {
		for _, h := range cl.Sentence(line) {
			tp := cl.Topics()[h.Topic]
			t.Logf("%q: %s %s %.2f %q neg=%v imp=%v modal=%v hedge=%v phased=%v", line, tp.Name, tp.Stances[h.Stance], h.Strength, line[h.Start:h.End], h.Negated, h.Imperative, h.Modal, h.Hedged, h.Phased)
		}
	}
}
