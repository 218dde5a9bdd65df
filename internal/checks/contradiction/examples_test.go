package contradiction_test

import (
	"testing"

	"github.com/galley-lint/galley/internal/checks/contradiction"
	"github.com/galley-lint/galley/internal/stance"
)

// TestTopicExamples runs every built-in topic's examples, one subtest per
// topic, and requires at least 40 per topic. (Loading the rules runs them
// too; here they are switched off at load so every failure is listed.)
func TestTopicExamples(t *testing.T) {
	set := loadSet(t, "{check_examples: false}")
	specs := set.Data(contradiction.TopicKind)
	if len(specs) < 5 {
		t.Errorf("%d built-in topics, want at least 5", len(specs))
	}
	r, ok := set.Lookup("contradiction/within-article")
	if !ok {
		t.Fatal("contradiction/within-article missing")
	}
	cl, err := contradiction.Classifier(r.Spec)
	if err != nil {
		t.Fatal(err)
	}
	named, err := contradiction.Topics(specs)
	if err != nil {
		t.Fatal(err)
	}
	for _, nt := range named {
		t.Run(nt.Name, func(t *testing.T) {
			if n := len(nt.Spec.Examples); n < 40 {
				t.Errorf("%d examples, want at least 40", n)
			}
			for _, f := range cl.CheckExamples([]stance.NamedTopic{nt}) {
				t.Errorf("example %d %q: got %s (phased %t), want %s", f.Index, f.Text, f.Got, f.GotPhased, f.Want)
			}
		})
	}
}
