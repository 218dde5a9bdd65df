package citation

import (
	"fmt"
	"sort"
	"strings"
)

// Lexicon is the language data citation parsing uses: which headings open a
// reference list, which words can be part of a name, what may precede a
// citation inside parentheses, and what each citation style requires. It is
// decoded from the options of the `citation-lexicon` spec in
// rules/citation.yaml.
type Lexicon struct {
	// Headings open a reference list ("References", "Works Cited"),
	// matched case-insensitively with a trailing colon ignored.
	Headings []string `yaml:"headings"`
	// Particles are lower-case words that may start or sit inside a
	// surname ("van", "der", "de").
	Particles []string `yaml:"particles"`
	// Joiners are lower-case words that may sit inside a corporate
	// author's name but never start or end one ("of", "for").
	Joiners []string `yaml:"joiners"`
	// NotNames are capitalised words that never start or belong to an
	// author's name: months, sentence openers, "Table", "Version"…
	NotNames []string `yaml:"not-names"`
	// Prefixes may open a parenthetical citation: "see", "e.g.,", "cf.".
	Prefixes []string `yaml:"prefixes"`
	// CitedIn introduce a secondary source: "as cited in".
	CitedIn []string `yaml:"cited-in"`
	// Locators are the abbreviations of page and paragraph locators:
	// "p.", "pp.", "para.".
	Locators []string `yaml:"locators"`
	// Styles holds the rules of each style by name (apa, harvard,
	// chicago, numeric).
	Styles map[string]StyleRules `yaml:"styles"`
}

// StyleRules is what one citation style requires.
type StyleRules struct {
	// Label is the style's display name ("APA 7").
	Label string `yaml:"label"`
	// YearComma says whether a parenthetical author–date citation puts a
	// comma between the authors and the year: required, forbidden or
	// optional.
	YearComma string `yaml:"year-comma"`
	// ParentheticalAnd lists the connectors allowed between the last two
	// authors inside parentheses ("&" in APA); the first is preferred.
	ParentheticalAnd []string `yaml:"parenthetical-and"`
	// NarrativeAnd lists the connectors allowed in a narrative citation;
	// the first is preferred.
	NarrativeAnd []string `yaml:"narrative-and"`
	// EtAlMin is the number of authors from which a citation names only
	// the first author followed by "et al." (3 in APA 7). Fewer authors
	// are always all named.
	EtAlMin int `yaml:"et-al-min"`
	// Numbered says whether reference entries are numbered (numeric
	// styles) rather than listed alphabetically (author–date styles).
	Numbered bool `yaml:"numbered"`
	// DOIURL says whether DOIs must be written as https://doi.org/… URLs.
	DOIURL bool `yaml:"doi-url"`
}

// Style is a citation style.
type Style int

// Styles. Auto asks for detection per article.
const (
	Auto Style = iota
	APA
	Harvard
	Chicago
	Numeric
)

var styleNames = [...]string{"auto", "apa", "harvard", "chicago", "numeric"}

// String returns the style's configuration name ("apa").
func (s Style) String() string {
	if int(s) < len(styleNames) {
		return styleNames[s]
	}
	return "unknown"
}

// ParseStyle parses a configuration value: auto, apa, harvard, chicago or
// numeric (case-insensitive; empty means auto).
func ParseStyle(s string) (Style, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	if v == "" {
		return Auto, nil
	}
	for i, n := range styleNames {
		if n == v {
			return Style(i), nil
		}
	}
	return Auto, fmt.Errorf("unknown citation style %q (want auto, apa, harvard, chicago or numeric)", s)
}

// AuthorDate reports whether the style cites by author and year.
func (s Style) AuthorDate() bool { return s == APA || s == Harvard || s == Chicago }

// validate checks the lexicon for missing or inconsistent data.
func (l *Lexicon) validate() error {
	if len(l.Headings) == 0 {
		return fmt.Errorf("citation lexicon: headings is empty")
	}
	for _, name := range styleNames[1:] {
		r, ok := l.Styles[name]
		if !ok {
			return fmt.Errorf("citation lexicon: styles has no %q", name)
		}
		switch r.YearComma {
		case "required", "forbidden", "optional":
		default:
			return fmt.Errorf("citation lexicon: styles.%s.year-comma is %q (want required, forbidden or optional)", name, r.YearComma)
		}
		if name != "numeric" && (len(r.ParentheticalAnd) == 0 || len(r.NarrativeAnd) == 0) {
			return fmt.Errorf("citation lexicon: styles.%s needs parenthetical-and and narrative-and", name)
		}
		if r.EtAlMin < 0 {
			return fmt.Errorf("citation lexicon: styles.%s.et-al-min is negative", name)
		}
	}
	for name := range l.Styles {
		if _, err := ParseStyle(name); err != nil || name == "auto" {
			return fmt.Errorf("citation lexicon: unknown style %q in styles", name)
		}
	}
	return nil
}

// Rules returns the rules of style s (APA's for Auto).
func (p *Parser) Rules(s Style) StyleRules {
	if s == Auto {
		s = APA
	}
	return p.lex.Styles[s.String()]
}

// wordSet builds a lookup set of words; fold applies to keys.
func wordSet(words []string, fold func(string) string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[fold(w)] = true
	}
	return m
}

// byLengthDesc returns a copy of s sorted longest first, so that "see
// also" is tried before "see".
func byLengthDesc(s []string) []string {
	out := append([]string(nil), s...)
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}
