package contradiction_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/galley-lint/galley/internal/checks/contradiction"
	"github.com/galley-lint/galley/internal/engine"
	"github.com/galley-lint/galley/internal/files"
	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/parse"
	"github.com/galley-lint/galley/internal/rulepack"
	"github.com/galley-lint/galley/rules"
)

// packSources returns the built-in contradiction pack and topics.
func packSources(t testing.TB) []rulepack.Source {
	t.Helper()
	srcs, err := rulepack.BuiltinSources()
	if err != nil {
		t.Fatal(err)
	}
	var out []rulepack.Source
	for _, s := range srcs {
		if s.Name == "rules/contradiction.yaml" || strings.HasPrefix(s.Name, "rules/topics/") {
			out = append(out, s)
		}
	}
	if len(out) < 2 {
		t.Fatalf("contradiction pack or topics not embedded: %d sources", len(out))
	}
	return out
}

// userOptions merges a YAML mapping into the options of every rule.
type userOptions string

func (u userOptions) RuleOptions(string) []rulepack.Layer {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(u), &n); err != nil {
		panic(err)
	}
	return []rulepack.Layer{{File: "test.yaml", Node: &n}}
}

// loadSet loads the built-in contradiction rules and topics, plus extra
// sources, with user options (YAML) merged into every rule.
func loadSet(t testing.TB, user string, extra ...rulepack.Source) *rulepack.Set {
	t.Helper()
	var opts []rulepack.OptionSource
	if user != "" {
		opts = append(opts, userOptions(user))
	}
	set, err := rulepack.Load(contradiction.Kinds(), append(packSources(t), extra...), opts...)
	if err != nil {
		t.Fatalf("loading the contradiction rules:\n%v", err)
	}
	return set
}

// runDir runs the set's contradiction checks over every file under dir
// through the engine (so the corpus phase runs too).
func runDir(t testing.TB, set *rulepack.Set, dir string) *engine.Result {
	t.Helper()
	lex, err := parse.LoadLexicon(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	inputs, notes := files.Collect([]string{"."}, files.Options{Dir: dir, MaxSize: -1})
	for _, n := range notes {
		t.Errorf("%s", n.Message)
	}
	res, err := engine.Run(context.Background(), engine.Options{Checks: set.Checks(), Parser: parse.New(lex)}, engine.FileSources(inputs))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range res.Notifications {
		t.Errorf("notification: %s", n.Message)
	}
	return res
}

// table renders the stances table of a run.
func table(t testing.TB, set *rulepack.Set, res *engine.Result) string {
	t.Helper()
	var topics []string
	for _, s := range set.Data(contradiction.TopicKind) {
		topics = append(topics, contradiction.TopicName(s.ID))
	}
	rows := contradiction.Rows(res.Facts["contradiction/cross-article"], topics)
	var b strings.Builder
	if err := contradiction.WriteTable(&b, rows, contradiction.Tallies(rows, topics)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// formatFindings lists findings one per line with their related locations.
func formatFindings(fs []finding.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%s:%d: %s: %s\n", f.Location.Path, f.Location.Start.Line, f.RuleID, f.Message)
		for _, r := range f.Related {
			fmt.Fprintf(&b, "    related %s:%d: %s\n", r.Location.Path, r.Location.Start.Line, r.Message)
		}
	}
	return b.String()
}

// defaultSet loads the built-in rules once for the tests that need no
// configuration: their checks compile the topics (and run the examples)
// on first use, which is worth doing once, under -race above all.
var defaultSet = sync.OnceValues(func() (*rulepack.Set, error) {
	srcs, err := rulepack.BuiltinSources()
	if err != nil {
		return nil, err
	}
	var ours []rulepack.Source
	for _, s := range srcs {
		if s.Name == "rules/contradiction.yaml" || strings.HasPrefix(s.Name, "rules/topics/") {
			ours = append(ours, s)
		}
	}
	return rulepack.Load(contradiction.Kinds(), ours)
})

// sharedSet returns defaultSet or fails the test.
func sharedSet(t testing.TB) *rulepack.Set {
	t.Helper()
	set, err := defaultSet()
	if err != nil {
		t.Fatalf("loading the contradiction rules:\n%v", err)
	}
	return set
}
