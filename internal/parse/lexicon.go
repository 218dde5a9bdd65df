package parse

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// LexiconFile is the name of the lexicon inside the rules file system.
const LexiconFile = "lexicon.yaml"

// Lexicon is language data the parsers use, loaded from rules/lexicon.yaml.
type Lexicon struct {
	// Abbreviations never end a sentence ("e.g.", "Dr.").
	Abbreviations []string `yaml:"abbreviations"`
	// NumberAbbreviations do not end a sentence before a number ("p. 12",
	// "No. 5") but may before a capitalised word.
	NumberAbbreviations []string `yaml:"number_abbreviations"`
	// FinalAbbreviations often end a sentence: one ends after them only
	// before a capitalised word or an opening quote ("etc.", "et al.").
	FinalAbbreviations []string `yaml:"final_abbreviations"`
}

// LoadLexicon reads lexicon.yaml from fsys (use rules.FS). Decoding is
// strict: unknown keys, wrong types, entries without a final period and
// duplicates are errors naming lexicon.yaml and the line.
func LoadLexicon(fsys fs.FS) (*Lexicon, error) {
	data, err := fs.ReadFile(fsys, LexiconFile)
	if err != nil {
		return nil, fmt.Errorf("load lexicon: %w", err)
	}
	return ParseLexicon(LexiconFile, data)
}

var yamlLineRE = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// ParseLexicon decodes lexicon data; name is used in error messages.
func ParseLexicon(name string, data []byte) (*Lexicon, error) {
	lex := &Lexicon{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(lex); err != nil {
		return nil, yamlError(name, err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlError(name, err)
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:1: expected a mapping", name)
	}
	seen := map[string]int{}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, val := m.Content[i], m.Content[i+1]
		for _, item := range val.Content {
			w := item.Value
			switch {
			case w == "" || strings.ContainsAny(w, " \t\n"):
				return nil, fmt.Errorf("%s:%d: %s: entry %q must be one word", name, item.Line, key.Value, w)
			case !strings.HasSuffix(w, "."):
				return nil, fmt.Errorf("%s:%d: %s: entry %q must end with a period", name, item.Line, key.Value, w)
			}
			if prev, ok := seen[w]; ok {
				return nil, fmt.Errorf("%s:%d: %s: duplicate entry %q (first on line %d)", name, item.Line, key.Value, w, prev)
			}
			seen[w] = item.Line
		}
	}
	return lex, nil
}

// yamlError rewrites yaml.v3's "line N: msg" errors as "name:N: msg".
func yamlError(name string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs := make([]string, 0, len(te.Errors))
		for _, e := range te.Errors {
			msgs = append(msgs, lineMsg(name, e))
		}
		return fmt.Errorf("%s", strings.Join(msgs, "\n"))
	}
	return errors.New(lineMsg(name, err.Error()))
}

func lineMsg(name, msg string) string {
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		return name + ":" + m[1] + ": " + m[2]
	}
	return name + ": " + strings.TrimPrefix(msg, "yaml: ")
}
