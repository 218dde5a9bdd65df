package boilerplate

import (
	"encoding/json"
	"fmt"

	"github.com/galley-lint/galley/internal/check"
)

// linesKey is the check.Pass.Shared key of a document's line table
// (readLines), which depends only on the sentence length setting.
type linesKey struct{ sentenceWords int }

// sharedLines returns the document's line table, built once per document
// and shared by every boilerplate rule that needs it. Callers must not
// modify the lines.
func sharedLines(pass *check.Pass, sentenceWords int) []line {
	return pass.Shared(linesKey{sentenceWords}, func() any {
		return readLines(pass.Doc, sentenceWords)
	}).([]line)
}

// analysisKey is the check.Pass.Shared key of a document's residue blocks:
// the canonical JSON of the options the analysis was built from, so that
// the boilerplate-lines rules, which carry every pack, share one analysis
// per document, and rules with other settings never share it.
type analysisKey struct{ options string }

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
// computed once per document for every rule with the same key.
func sharedAnalysis(pass *check.Pass, key analysisKey, a *analyzer) []block {
	return pass.Shared(key, func() any {
		return a.analyzeLines(pass.Doc, sharedLines(pass, a.cls.SentenceWords))
	}).([]block)
}
