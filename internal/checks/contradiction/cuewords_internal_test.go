package contradiction

import (
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/rulepack"
	"github.com/galley-lint/galley/internal/stance"
)

// The classifier gets each built-in topic's block of cuewords.txt, as
// stance.CueWords derives it.
func TestBuiltinCueWords(t *testing.T) {
	all, err := rulepack.BuiltinSources()
	if err != nil {
		t.Fatal(err)
	}
	var srcs []rulepack.Source
	for _, s := range all {
		if s.Name == "rules/contradiction.yaml" || strings.HasPrefix(s.Name, "rules/topics/") {
			srcs = append(srcs, s)
		}
	}
	set, err := rulepack.Load(Kinds(), srcs)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := set.Lookup("contradiction/within-article")
	var o withinOptions
	if err := decode(r.Spec, &o); err != nil {
		t.Fatal(err)
	}
	named, err := Topics(set.Data(TopicKind))
	if err != nil || len(named) == 0 {
		t.Fatalf("%d topics, %v", len(named), err)
	}
	for _, nt := range named {
		got := builtinCueWords(nt.Name)
		if want := stance.CueWords(nt, o.Classifier.Macros); got != want {
			t.Errorf("topic %s: cuewords.txt gives\n%.200s…\nwant\n%.200s…", nt.Name, got, want)
		}
		if !strings.HasPrefix(got, "cuewords ") {
			t.Errorf("topic %s: no cue words", nt.Name)
		}
	}
	if got, want := builtinLexiconWords(), stance.LexiconCueWords(o.Classifier); got != want || got == "" {
		t.Errorf("lexicon: cuewords.txt gives\n%.200s…\nwant\n%.200s…", got, want)
	}
	if got := builtinCueWords("nope"); got != "" {
		t.Errorf("unknown topic: %q", got)
	}
}
