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
