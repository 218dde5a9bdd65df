package parse

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/galley-lint/galley/rules"
)

func TestLoadLexicon(t *testing.T) {
	lex, err := LoadLexicon(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"e.g.", "i.e.", "Dr."} {
		if !contains(lex.Abbreviations, want) {
			t.Errorf("abbreviations lack %q", want)
		}
	}
	if !contains(lex.NumberAbbreviations, "p.") || !contains(lex.FinalAbbreviations, "etc.") || !contains(lex.FinalAbbreviations, "al.") {
		t.Errorf("lexicon lacks p., etc. or al.: %+v", lex)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestLoadLexiconErrors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"unknown key", "abbreviations: [e.g.]\nwords: [x]\n", "lexicon.yaml:2: field words not found"},
		{"wrong type", "abbreviations: 3\n", "lexicon.yaml:1: cannot unmarshal"},
		{"no period", "abbreviations:\n  - e.g.\n  - Dr\n", "lexicon.yaml:3: abbreviations: entry \"Dr\" must end with a period"},
		{"duplicate", "abbreviations: [e.g.]\nfinal_abbreviations:\n  - e.g.\n", "lexicon.yaml:3: final_abbreviations: duplicate entry \"e.g.\" (first on line 1)"},
		{"two words", "abbreviations: [\"et al.\"]\n", "lexicon.yaml:1: abbreviations: entry \"et al.\" must be one word"},
		{"syntax", "abbreviations: [e.g.\n", "lexicon.yaml:"},
		{"not a mapping", "- a.\n", "lexicon.yaml:1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadLexicon(fstest.MapFS{"lexicon.yaml": {Data: []byte(tt.data)}})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	if _, err := LoadLexicon(fstest.MapFS{}); err == nil || !strings.Contains(err.Error(), "lexicon.yaml") {
		t.Errorf("missing file: error = %v", err)
	}
}
