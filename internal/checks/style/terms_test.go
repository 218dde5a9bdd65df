package style

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/finding"
)

// runCorpus runs c over the documents and then its corpus phase, sending
// every fact through JSON as a sharded run would.
func runCorpus(t *testing.T, c *check.Check, docs ...*document.Document) []finding.Finding {
	t.Helper()
	var facts []check.DocFact
	for _, doc := range docs {
		pass := &check.Pass{
			Check:  c,
			Doc:    doc,
			Report: func(d check.Diagnostic) { t.Errorf("%s: unexpected per-document diagnostic %v", doc.Path, d) },
			ExportFact: func(f any) {
				data, err := json.Marshal(f)
				if err != nil {
					t.Fatal(err)
				}
				nf := c.NewFact()
				if err := json.Unmarshal(data, nf); err != nil {
					t.Fatal(err)
				}
				facts = append(facts, check.DocFact{Path: doc.Path, Fact: nf})
			},
		}
		if err := c.Run(pass); err != nil {
			t.Fatal(err)
		}
	}
	var out []finding.Finding
	cp := &check.CorpusPass{Check: c, Facts: facts, Report: func(f finding.Finding) { out = append(out, f) }}
	if err := c.RunCorpus(cp); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestTermConsistency(t *testing.T) {
	c := buildChecks(t)["style/term-consistency"]
	docs := []*document.Document{
		textDoc("a.txt", "Send an email.\n\nOr two emails."),
		textDoc("b.txt", "Title\n\nPlease send us an E-mail, or an\ne-mail. Our web site is here."),
		textDoc("c.txt", "Email me."),
		textDoc("d.txt", "Check our website. And our web\nsite again."),
		textDoc("e.txt", "No term here: emailing, `e-mail` in code."),
	}
	got := runCorpus(t, c, docs...)
	if len(got) != 2 {
		t.Fatalf("got %d findings, want 2: %+v", len(got), got)
	}
	f := got[0]
	if f.Location.Path != "b.txt" || f.Location.Start.Line != 3 || f.Location.Start.Column != 19 {
		t.Errorf("location = %+v, want b.txt:3:19", f.Location)
	}
	if !strings.Contains(f.Message, `"E-mail"`) || !strings.Contains(f.Message, `2 other article(s) use "email"`) {
		t.Errorf("message = %q", f.Message)
	}
	if len(f.Related) != 1 || f.Related[0].Location.Path != "a.txt" || f.Related[0].Location.Start.Column != 9 {
		t.Errorf("related = %+v, want a.txt:1:9", f.Related)
	}
	// "web site" is used by two articles (b, d), "website" by one (d,
	// which mixes both): d is reported, pointing at b.
	w := got[1]
	if w.Location.Path != "d.txt" || w.Snippet != "website" || len(w.Related) != 1 || w.Related[0].Location.Path != "b.txt" {
		t.Errorf("second finding = %+v", w)
	}
}

func TestTermConsistencyTies(t *testing.T) {
	c := buildChecks(t)["style/term-consistency"]
	// One article each, one occurrence each: the group's first spelling
	// (email) wins, so the e-mail article is reported.
	got := runCorpus(t, c, textDoc("x.txt", "An e-mail."), textDoc("y.txt", "An email."))
	if len(got) != 1 || got[0].Location.Path != "x.txt" {
		t.Fatalf("got %+v", got)
	}
	// More occurrences break a tie in articles.
	got = runCorpus(t, c, textDoc("x.txt", "An e-mail, an e-mail."), textDoc("y.txt", "An email."))
	if len(got) != 1 || got[0].Location.Path != "y.txt" {
		t.Fatalf("got %+v", got)
	}
	// A plural that is itself a listed spelling is not a plural:
	// "towards" is not "toward" + s.
	got = runCorpus(t, c, textDoc("x.txt", "Towards it."), textDoc("y.txt", "Toward it."), textDoc("z.txt", "Toward it."))
	if len(got) != 1 || got[0].Location.Path != "x.txt" || got[0].Snippet != "Towards" {
		t.Fatalf("toward/towards: got %+v", got)
	}
	// An article mixing spellings alone is not reported.
	if got := runCorpus(t, c, textDoc("x.txt", "An e-mail and an email.")); len(got) != 0 {
		t.Errorf("in-article mix reported: %+v", got)
	}
	// No fact when nothing is used.
	if got := runCorpus(t, c, textDoc("x.txt", "Nothing."), textDoc("y.txt", "")); len(got) != 0 {
		t.Errorf("got %+v", got)
	}
}

// TestTermCodes checks that the one-lookup test of a plain word's code
// (termIndex.codes) lets through every word mayStart lets through, so
// that countTerms, which rules plain words out by their codes alone,
// counts what it counted with mayStart: over every plain word of one to
// three bytes from a small alphabet in both cases, and the listed
// spellings' words with plural endings. A test built from pairs alone
// (without ones) fails it.
func TestTermCodes(t *testing.T) {
	var groups []termGroup
	for _, g := range [][]string{{"email", "e-mail"}, {"a", "an"}, {"x", "X11"}, {"toward", "towards"}, {"web site", "website"}, {"q", "qs"}, {"9p", "p9"}} {
		tg := termGroup{variants: g}
		for _, v := range g {
			tg.spellings = append(tg.spellings, spelling{parts: strings.Fields(asciiLower(v)), plural: true})
		}
		groups = append(groups, tg)
	}
	ix := newTermIndex(groups)
	const alphabet = "aAeEmMnNpPqQsSxXwW19"
	var words []string
	for _, a := range alphabet {
		words = append(words, string(a))
		for _, b := range alphabet {
			words = append(words, string(a)+string(b))
			for _, c := range alphabet {
				words = append(words, string(a)+string(b)+string(c))
			}
		}
	}
	for _, g := range groups {
		for _, v := range g.variants {
			for _, f := range strings.Fields(v) {
				words = append(words, f, f+"s", f+"ES", strings.ToUpper(f))
			}
		}
	}
	passed := 0
	for _, w := range words {
		ws := scanWords(w)
		if len(ws) != 1 || !ws[0].Plain() {
			continue
		}
		c := ws[0].Code()
		byCode := ix.codes[c>>6]&(1<<(c&63)) != 0
		if ix.mayStart(w) && !byCode {
			t.Errorf("%q: mayStart lets it through, its code %#x does not", w, c)
		}
		if byCode {
			passed++
		}
	}
	if passed == 0 {
		t.Fatal("no word passed: the test tested nothing")
	}
}
