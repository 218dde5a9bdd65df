package boilerplate

import (
	"encoding/json"
	"fmt"

	"github.com/galley-lint/galley/internal/check"
)

// tableKey is the check.Pass.Shared key of a document's cheap line table
// (buildTable), which depends only on the sentence length setting.
type tableKey struct{ sentenceWords int }

// sharedTable returns the document's cheap line table, built once per
// document (in storage from tables, when not nil) and shared by every
// boilerplate rule. Callers must not modify it, nor keep any of it (its
// visible text included) past the document: the engine releases it.
func sharedTable(pass *check.Pass, tables *tablePool, sentenceWords int) *lineTable {
	return pass.Shared(tableKey{sentenceWords}, func() any {
		if tables == nil {
			return buildTable(pass.Doc, sentenceWords)
		}
		return tables.build(pass.Doc, sentenceWords)
	}).(*lineTable)
}

// analysisKey identifies the options an analyzer is built from: the
// canonical JSON of them, so that the boilerplate-lines rules, which carry
// every pack, share one analyzer, and rules with other settings never
// share it.
type analysisKey struct{ options string }

// analysisMemoKey is the check.Pass.Shared key of a document's residue
// blocks: the analyzer finding them, which the rules with one analysisKey
// share (see buildLines). A pointer, not the analysisKey, whose string of
// several kilobytes every rule's lookup would hash and compare.
type analysisMemoKey struct{ a *analyzer }

// newAnalysisKey returns the key for an analyzer built from o and cls.
// encoding/json sorts map keys, so equal options give equal keys.
func newAnalysisKey(o linesOptions, cls Classifier) (analysisKey, error) {
	b, err := json.Marshal(struct {
		Packs      map[string]packOptions
		Classifier Classifier
	}{o.Packs, cls})
	if err != nil {
		return analysisKey{}, fmt.Errorf("keying the analysis: %w", err)
	}
	return analysisKey{string(b)}, nil
}

// sharedAnalysis returns the document's residue blocks as a finds them,
// computed once per document for every rule sharing a. Documents
// in which no line can be a seed (see mayHaveSeed) have none, and skip the
// full line table and its analysis.
func sharedAnalysis(pass *check.Pass, a *analyzer, tables *tablePool) []block {
	return pass.Shared(analysisMemoKey{a}, func() any {
		if !a.mayHaveSeed(sharedTable(pass, tables, a.cls.SentenceWords)) {
			return []block(nil)
		}
		return a.analyzeLines(pass.Doc, readLines(pass.Doc, a.cls.SentenceWords))
	}).([]block)
}
