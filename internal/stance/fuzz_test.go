package stance

import (
	"regexp"
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/parse"
)

// FuzzSentence classifies arbitrary text: no panic, hits inside the text,
// labels consistent with the hits.
func FuzzSentence(f *testing.F) {
	for _, s := range []string{
		"Do not call him, do not text him, no contact at all.",
		"Giving him space doesn't mean cutting off communication.",
		"If you call him, then don't, for 30 days: “block him”?",
		"\xff\xfecall\x00him", "", ",,,;;;", "instead of instead of call him",
		"Why No Contact Fails: Call Him", "\"How to\" go no contact, then call him",
	} {
		f.Add(s)
	}
	lex := testLexicon()
	lex.HeadingFrames = []string{"why", "how", "is"}
	lex.HeadingAdvice = []string{"how to"}
	c, err := New(lex, []NamedTopic{testTopic()})
	if err != nil {
		f.Fatal(err)
	}
	p := parse.New(nil)
	f.Fuzz(func(t *testing.T, s string) {
		hits := c.Sentence(s)
		for _, h := range append(c.HeadingSentence(s), hits...) {
			if h.Start < 0 || h.End > len(s) || h.Start >= h.End || h.Strength <= 0 {
				t.Fatalf("%q: bad hit %+v", s, h)
			}
		}
		for ti, l := range c.Labels(hits) {
			if ti != 0 || l.Stance >= len(c.Topics()[0].Stances) {
				t.Fatalf("%q: bad label %+v", s, l)
			}
		}
		if doc, err := p.Parse("f.md", []byte("# "+s+"\n\nhim ex boyfriend\n\n"+s)); err == nil {
			for _, e := range c.Document(doc) {
				if e.Sentence.Start < 0 || e.Sentence.End > len(doc.Source) || e.Cue.Start < e.Sentence.Start || e.Cue.End > e.Sentence.End {
					t.Fatalf("%q: bad evidence %+v", s, e)
				}
			}
		}
	})
}

// FuzzExpandPattern expands arbitrary patterns: no panic, and a pattern
// that expands compiles or reports an error, never both.
func FuzzExpandPattern(f *testing.F) {
	for _, s := range []string{"call {target}", "no[- ]contact", "{", "{target", `\`, "a{2,3}", "[{target}]", "'x'"} {
		f.Add(s)
	}
	macros := map[string][]string{"target": {"him", "your ex"}}
	f.Fuzz(func(t *testing.T, p string) {
		p = strings.TrimSpace(p)
		if p == "" {
			return // an empty pattern is an error by design
		}
		e, err := ExpandPattern(p, macros)
		if err != nil {
			return
		}
		if _, cerr := regexp.Compile(e); cerr == nil {
			if _, err := CompilePattern(p, macros); err != nil {
				t.Fatalf("%q: expands to valid %q but CompilePattern fails: %v", p, e, err)
			}
		}
	})
}
