package contradiction_test

import (
	"flag"
	"os"
	"testing"

	"github.com/galley-lint/galley/internal/checks/contradiction"
)

var update = flag.Bool("update", false, "rewrite cuewords.txt")

// TestCueWordsFile checks that cuewords.txt holds the cue words of the
// built-in topics as they are now (-update rewrites it). A stale file
// only costs start-up time: the classifier derives the words of a topic
// whose patterns changed.
func TestCueWordsFile(t *testing.T) {
	set := loadSet(t, "{check_examples: false}")
	named, err := contradiction.Topics(set.Data(contradiction.TopicKind))
	if err != nil {
		t.Fatal(err)
	}
	r, _ := set.Lookup("contradiction/within-article")
	var o contradiction.Common
	if err := r.Spec.Options.Decode(&o); err != nil {
		t.Fatal(err)
	}
	want := contradiction.CueWordsFile(o.Classifier, named)
	if *update {
		if err := os.WriteFile("cuewords.txt", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile("cuewords.txt")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("cuewords.txt is stale: run go test ./internal/checks/contradiction -run TestCueWordsFile -update")
	}
}
