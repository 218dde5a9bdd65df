package contradiction_test

import (
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/checks/contradiction"
	"github.com/galley-lint/galley/internal/rulepack"
	"github.com/galley-lint/galley/internal/stance"
)

// TestTopicExamples runs every built-in topic's examples, one subtest per
// topic, and requires at least 40 per topic. Loading the rules does not
// run them (the topics are embedded, so they cannot change after the
// build): this test, and Classifier compiling every pattern, are what
// guarantee the built-in topics.
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

// A topic from a user pack is checked at load: its failing example is a
// load error at the example's line, reported once though both rules read
// it. A built-in topic's examples do not run at load (TestTopicExamples
// runs them), so a copy of the same broken topic named like a built-in
// file loads.
func TestUserTopicExamplesAtLoad(t *testing.T) {
	topic := `rules:
  - id: topic/dinner
    kind: stance-topic
    summary: Broken.
    options:
      gate: [pay, split]
      stances:
        - {id: treat, cues: ['let {target} pay']}
        - {id: split, cues: [split the bill]}
      examples:
        - {text: "Let him pay for dinner.", stance: split}
`
	_, err := rulepack.Load(contradiction.Kinds(), append(packSources(t), rulepack.Source{Name: "/site/dinner.yaml", Data: []byte(topic)}))
	if err == nil {
		t.Fatal("a user topic with a failing example loaded")
	}
	want := `/site/dinner.yaml:11: topic dinner: example "Let him pay for dinner." gets treat, want split`
	if got := err.Error(); got != want {
		t.Errorf("load error:\n%s\nwant once:\n%s", got, want)
	}
	if _, err := rulepack.Load(contradiction.Kinds(), append(packSources(t), rulepack.Source{Name: "rules/topics/contact.yaml", Data: []byte(topic)})); err != nil {
		t.Errorf("a built-in topic's examples ran at load: %v", err)
	}
}

// Classifier options set in configuration are checked at load: a bad
// pattern there is a load error, though the built-in options are not
// compiled until a document needs them.
func TestUserClassifierAtLoad(t *testing.T) {
	_, err := rulepack.Load(contradiction.Kinds(), packSources(t), userOptions("{classifier: {negators: ['(never']}}"))
	if err == nil || !strings.Contains(err.Error(), "test.yaml") || !strings.Contains(err.Error(), `pattern "(never"`) {
		t.Errorf("load error: %v", err)
	}
}

// Classifier options from configuration run the built-in topics' examples
// at load too: weights under which they fail are a load error.
func TestUserClassifierRunsBuiltinExamples(t *testing.T) {
	_, err := rulepack.Load(contradiction.Kinds(), packSources(t), userOptions("{classifier: {weights: {advice: 50}}}"))
	if err == nil || !strings.Contains(err.Error(), "rules/topics/contact.yaml") || !strings.Contains(err.Error(), "gets none, want no-contact") {
		t.Errorf("load error: %v", err)
	}
	if _, err := rulepack.Load(contradiction.Kinds(), packSources(t), userOptions("{classifier: {weights: {advice: 1}}}")); err != nil {
		t.Errorf("built-in weights restated: %v", err)
	}
}
