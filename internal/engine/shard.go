package engine

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/galley-lint/galley/internal/check"
)

// RawFact is one document's fact as a sharded run writes it: the fact
// marshalled to JSON, to be decoded with the check's NewFact.
type RawFact struct {
	Path string          `json:"path"`
	Fact json.RawMessage `json:"fact"`
}

// EncodeFacts marshals facts (as in Result.Facts) for writing.
func EncodeFacts(facts map[string][]check.DocFact) (map[string][]RawFact, error) {
	out := make(map[string][]RawFact, len(facts))
	for id, fs := range facts {
		raws := make([]RawFact, 0, len(fs))
		for _, f := range fs {
			b, err := json.Marshal(f.Fact)
			if err != nil {
				return nil, fmt.Errorf("encoding %s fact of %s: %w", id, f.Path, err)
			}
			raws = append(raws, RawFact{Path: f.Path, Fact: b})
		}
		out[id] = raws
	}
	return out, nil
}

// DecodeFacts turns facts read from shards back into values of each check's
// NewFact type, merged and sorted by path, ready for RunCorpus. Facts of
// checks that are not given or have no NewFact are errors.
func DecodeFacts(checks []*check.Check, shards ...map[string][]RawFact) (map[string][]check.DocFact, error) {
	byID := map[string]*check.Check{}
	for _, c := range checks {
		if c != nil {
			byID[c.ID] = c
		}
	}
	out := map[string][]check.DocFact{}
	for _, raw := range shards {
		ids := make([]string, 0, len(raw))
		for id := range raw {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			c := byID[id]
			if c == nil || c.NewFact == nil {
				return nil, fmt.Errorf("facts for %s: no such corpus check with NewFact", id)
			}
			for _, rf := range raw[id] {
				v := c.NewFact()
				if err := json.Unmarshal(rf.Fact, v); err != nil {
					return nil, fmt.Errorf("decoding %s fact of %s: %w", id, rf.Path, err)
				}
				out[id] = append(out[id], check.DocFact{Path: rf.Path, Fact: v})
			}
		}
	}
	for _, fs := range out {
		sort.SliceStable(fs, func(i, j int) bool { return fs[i].Path < fs[j].Path })
	}
	return out, nil
}
