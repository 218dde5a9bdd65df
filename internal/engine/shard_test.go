package engine

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/galley-lint/galley/internal/check"
)

// TestShardedRunMatchesWholeRun splits the sources into two shards, passes
// their facts and suppressions through JSON, merges them with RunCorpus and
// expects the corpus findings of a single run over everything.
func TestShardedRunMatchesWholeRun(t *testing.T) {
	checks := []*check.Check{titleCheck("test/title")}
	srcs := []Source{
		src("a.md", "Same\n"), src("b.md", "<!-- galley-disable test/title -->\nSame\n"),
		src("c.md", "Other\n"), src("d.md", "Same\n"), src("e.md", "Other\n"),
	}
	whole := run(t, Options{Checks: checks}, srcs...)
	if len(whole.Findings) != 2 {
		t.Fatalf("whole run findings %q", brief(whole.Findings))
	}

	var shards []map[string][]RawFact
	supp := map[string]Suppressions{}
	for _, part := range [][]Source{{srcs[3], srcs[1]}, {srcs[0], srcs[4], srcs[2]}} {
		res := run(t, Options{Checks: checks}, part...)
		raw, err := EncodeFacts(res.Facts)
		if err != nil {
			t.Fatal(err)
		}
		// Through JSON, as a shard file would be.
		b, err := json.Marshal(struct {
			Facts        map[string][]RawFact
			Suppressions map[string]Suppressions
		}{raw, res.Suppressions})
		if err != nil {
			t.Fatal(err)
		}
		var back struct {
			Facts        map[string][]RawFact
			Suppressions map[string]Suppressions
		}
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		shards = append(shards, back.Facts)
		for p, s := range back.Suppressions {
			supp[p] = s
		}
	}
	facts, err := DecodeFacts(checks, shards...)
	if err != nil {
		t.Fatal(err)
	}
	merged, err := RunCorpus(context.Background(), Options{Checks: checks}, facts, supp)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := brief(merged.Findings), brief(whole.Findings); !reflect.DeepEqual(got, want) {
		t.Errorf("merged findings %q, want %q", got, want)
	}
	if !reflect.DeepEqual(merged.Facts, whole.Facts) {
		t.Errorf("merged facts differ from the whole run's")
	}

	if _, err := DecodeFacts(nil, shards...); err == nil {
		t.Error("no error for facts of an unknown check")
	}
	bad := map[string][]RawFact{"test/title": {{Path: "x.md", Fact: json.RawMessage(`[1]`)}}}
	if _, err := DecodeFacts(checks, bad); err == nil {
		t.Error("no error for a fact of the wrong shape")
	}
}
