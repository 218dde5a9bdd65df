package contradiction

import (
	_ "embed" // the built-in topics' cue words
	"strings"

	"github.com/galley-lint/galley/internal/stance"
)

// cueWordsText holds the required words of the built-in classifier
// options and stance topics (see stance.CueWords), so that the
// classifier need not derive them from the patterns when it starts. TestCueWordsFile keeps it current; words
// derived from other patterns or macros than a topic's are ignored, so a
// stale file costs time, never a finding.
//
//go:embed cuewords.txt
var cueWordsText string

// builtinCueWords returns the precomputed cue words of the built-in topic
// name, or "".
func builtinCueWords(name string) string { return cueWordsBlock("topic " + name) }

// builtinLexiconWords returns the precomputed words of the built-in
// classifier options' pattern lists, or "".
func builtinLexiconWords() string { return cueWordsBlock("lexicon") }

// cueWordsBlock returns the lines of cuewords.txt after the line head,
// up to the next block, or "".
func cueWordsBlock(head string) string {
	head += "\n"
	i := strings.Index(cueWordsText, "\n"+head)
	if i < 0 {
		return ""
	}
	rest := cueWordsText[i+1+len(head):]
	for _, next := range []string{"\ntopic ", "\nlexicon\n"} {
		if j := strings.Index(rest, next); j >= 0 {
			rest = rest[:j+1]
		}
	}
	return rest
}

// CueWordsFile returns the text of cuewords.txt for the built-in
// classifier options and topics.
func CueWordsFile(lex stance.Lexicon, topics []stance.NamedTopic) string {
	var b strings.Builder
	b.WriteString("# Required words of the built-in classifier options' pattern lists and of the\n")
	b.WriteString("# built-in stance topics' cues (see stance.CueWords and stance.LexiconCueWords).\n")
	b.WriteString("# Generated: go test ./internal/checks/contradiction -run TestCueWordsFile -update\n")
	b.WriteString("lexicon\n")
	b.WriteString(stance.LexiconCueWords(lex))
	macros := lex.Macros
	for _, nt := range topics {
		b.WriteString("topic " + nt.Name + "\n")
		b.WriteString(stance.CueWords(nt, macros))
	}
	return b.String()
}
