package contradiction

import (
	_ "embed" // the built-in topics' cue words
	"strings"

	"github.com/galley-lint/galley/internal/stance"
)

// cueWordsText holds the required cue words of the built-in stance topics
// (see stance.CueWords), so that the classifier need not derive them from
// the patterns when it starts. TestCueWordsFile keeps it current; words
// derived from other patterns or macros than a topic's are ignored, so a
// stale file costs time, never a finding.
//
//go:embed cuewords.txt
var cueWordsText string

// builtinCueWords returns the precomputed cue words of the built-in topic
// name, or "".
func builtinCueWords(name string) string {
	head := "topic " + name + "\n"
	i := strings.Index(cueWordsText, "\n"+head)
	if i < 0 {
		return ""
	}
	rest := cueWordsText[i+1+len(head):]
	if j := strings.Index(rest, "\ntopic "); j >= 0 {
		rest = rest[:j+1]
	}
	return rest
}

// CueWordsFile returns the text of cuewords.txt for topics (built-in
// ones) with the classifier's macros.
func CueWordsFile(topics []stance.NamedTopic, macros map[string][]string) string {
	var b strings.Builder
	b.WriteString("# Required cue words of the built-in stance topics (see stance.CueWords).\n")
	b.WriteString("# Generated: go test ./internal/checks/contradiction -run TestCueWordsFile -update\n")
	for _, nt := range topics {
		b.WriteString("topic " + nt.Name + "\n")
		b.WriteString(stance.CueWords(nt, macros))
	}
	return b.String()
}
