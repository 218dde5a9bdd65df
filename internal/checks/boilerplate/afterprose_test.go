package boilerplate

import (
	"strings"
	"testing"
)

// TestGateBreadcrumbAfterProse: a trail of links after a certain prose
// line (a long line, or a paragraph of prose) is no breadcrumb (score
// gives the feature only before the first prose line), and the gate
// rejects the document; before any prose, it lets it through.
func TestGateBreadcrumbAfterProse(t *testing.T) {
	a := builtinAnalyzer(t)
	p := newParser(t)
	trail := "[Demo](https://a.example) | [Demo source](https://b.example)\n\n"
	long := strings.Repeat("This sentence is part of a long line of prose about soup. ", 7) + "\n\n"
	para := "Leek soup needs butter, stock and patience, and it improves\nthe next day, as every cook who has made it knows well.\n\n"
	for _, c := range []struct {
		src  string
		pass bool
	}{
		{"# Soup\n\n" + trail + para, true},
		{"# Soup\n\n" + long + trail + para, false},
		{"# Soup\n\n" + para + trail + para, false},
	} {
		for _, doc := range parseBoth(t, p, "d", []byte(c.src)) {
			if got := checkGate(t, a, doc); got != c.pass && strings.HasSuffix(doc.Path, ".md") {
				t.Errorf("%s: gate = %v, want %v\n%s", doc.Path, got, c.pass, c.src)
			}
		}
	}
}

// TestGateProseRun: a paragraph holding a real sentence is residue only
// when every line of it matches a pack; the gate rejects one whose
// shortest line matches and another does not, and lets through one whose
// every line does.
func TestGateProseRun(t *testing.T) {
	a := builtinAnalyzer(t)
	p := newParser(t)
	intro := "# Soup\n\nLeek soup needs butter, stock and patience, and it improves the next day.\n\n"
	for _, c := range []struct {
		src  string
		pass bool
	}{
		{intro + "Here are the tools we cover this month, with notes on what is\nrelated.\n", false},
		{intro + "Share this article: Facebook | Twitter | Email\nSubscribe to our newsletter for weekly recipes!\nCopyright © 2024 Soup Weekly. All rights reserved.\n", true},
	} {
		doc, err := p.Parse("d.md", []byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		if got := checkGate(t, a, doc); got != c.pass {
			t.Errorf("gate = %v, want %v\n%s", got, c.pass, c.src)
		}
	}
}
