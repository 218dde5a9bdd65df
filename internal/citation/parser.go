package citation

import (
	"fmt"
	"strings"
)

// Parser parses citations with one lexicon. It is built once and is safe
// for concurrent use.
type Parser struct {
	lex       Lexicon
	headings  map[string]bool
	particles map[string]bool
	joiners   map[string]bool
	notNames  map[string]bool
	prefixes  []string
	citedIn   []string
	locators  []string
}

// NewParser validates lex and returns a parser using it.
func NewParser(lex Lexicon) (*Parser, error) {
	if err := lex.validate(); err != nil {
		return nil, err
	}
	p := &Parser{
		lex:       lex,
		headings:  wordSet(lex.Headings, fold),
		particles: wordSet(lex.Particles, func(s string) string { return s }),
		joiners:   wordSet(lex.Joiners, func(s string) string { return s }),
		notNames:  wordSet(lex.NotNames, fold),
		prefixes:  byLengthDesc(lower(lex.Prefixes)),
		citedIn:   byLengthDesc(lower(lex.CitedIn)),
		locators:  byLengthDesc(lex.Locators),
	}
	for _, w := range append(append([]string(nil), lex.Particles...), lex.Joiners...) {
		if w != strings.ToLower(w) {
			return nil, fmt.Errorf("citation lexicon: particle %q is not lower case", w)
		}
	}
	return p, nil
}

// Lexicon returns the parser's lexicon.
func (p *Parser) Lexicon() *Lexicon { return &p.lex }

func lower(s []string) []string {
	out := make([]string, len(s))
	for i, w := range s {
		out[i] = strings.ToLower(w)
	}
	return out
}

// isParticle reports whether w is a lower-case name particle ("van").
func (p *Parser) isParticle(w string) bool { return p.particles[w] }

// isJoiner reports whether w is a joining word of corporate names ("of").
func (p *Parser) isJoiner(w string) bool { return p.joiners[w] }

// isNotName reports whether w can never be part of a name.
func (p *Parser) isNotName(w string) bool { return p.notNames[fold(w)] }
