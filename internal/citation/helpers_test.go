package citation

import (
	"bytes"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/parse"
	"github.com/galley-lint/galley/rules"
)

var (
	lexOnce   sync.Once
	lexParser *Parser
	lexErr    error
	docOnce   sync.Once
	docP      *parse.Parser
)

// testParser returns a Parser built from the citation-lexicon spec in
// rules/citation.yaml, decoded strictly.
func testParser(t testing.TB) *Parser {
	t.Helper()
	lexOnce.Do(func() {
		data, err := rules.FS.ReadFile("citation.yaml")
		if err != nil {
			lexErr = err
			return
		}
		var pack struct {
			Rules []struct {
				Kind    string    `yaml:"kind"`
				Options yaml.Node `yaml:"options"`
			} `yaml:"rules"`
		}
		if lexErr = yaml.Unmarshal(data, &pack); lexErr != nil {
			return
		}
		for _, r := range pack.Rules {
			if r.Kind != "citation-lexicon" {
				continue
			}
			raw, err := yaml.Marshal(&r.Options)
			if err != nil {
				lexErr = err
				return
			}
			dec := yaml.NewDecoder(bytes.NewReader(raw))
			dec.KnownFields(true)
			var lex Lexicon
			if lexErr = dec.Decode(&lex); lexErr != nil {
				return
			}
			lexParser, lexErr = NewParser(lex)
			return
		}
	})
	if lexErr != nil || lexParser == nil {
		t.Fatalf("citation lexicon: %v", lexErr)
	}
	return lexParser
}

// parseDoc parses src as a document named path.
func parseDoc(t testing.TB, path string, src []byte) *document.Document {
	t.Helper()
	docOnce.Do(func() {
		lex, err := parse.LoadLexicon(rules.FS)
		if err != nil {
			t.Fatal(err)
		}
		docP = parse.New(lex)
	})
	doc, err := docP.Parse(path, src)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	return doc
}

// docP0 parses src, returning the parser's error (for fuzzing, where bad
// input is expected).
func docP0(t testing.TB, path string, src []byte) (*document.Document, error) {
	parseDoc(t, "init.md", nil)
	return docP.Parse(path, src)
}
