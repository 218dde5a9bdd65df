package stance

import (
	"errors"
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/parse"
)

// testLexicon is a small lexicon in the shape of the built-in one.
func testLexicon() Lexicon {
	return Lexicon{
		BaseVerbs:      []string{"call", "text", "go", "block", "keep", "stop", "be", "do", "make", "talk", "write", "wait", "reach"},
		LeadWords:      []string{"just", "please", "do", "don't", "not", "never", "and", "then", "maybe"},
		Negators:       []string{"not", `\w+n't`, "never", "no", "without", "stop(ping)?", "avoid(ing)?", "refrain from"},
		NegationWindow: 4,
		Frames: []Frame{
			{Pattern: "(does|do)(n't| not) mean", Before: "cancel", After: "flip", Modal: true},
			{Pattern: "instead of", After: "flip"},
		},
		Reported:     []string{"some (coaches|people) (say|tell)", "you('ve)? heard"},
		Conditionals: []string{"if", "unless"},
		Modals:       []string{"should", "must", "need to"},
		Hedges:       []string{"might", "maybe"},
		Phases:       []string{"for (\\d+|a) (days?|weeks?|months?)", "then", "at first"},
		Macros:       map[string][]string{"target": {"him", "her", "your ex"}},
		Contexts:     map[string]Context{"love": {Words: []string{"him", "ex", "boyfriend"}, Min: 2}},
	}
}

func testTopic() NamedTopic {
	return NamedTopic{Name: "contact", Spec: TopicSpec{
		Context: "love",
		Gate:    []string{"contact", "call*", "text*", "talk*", "block", "communicat*", "reach"},
		Stances: []StanceSpec{
			{ID: "no-contact", Label: "no contact", Negated: "keep-contact",
				Strong: []string{"no contact", "cut(ting)? off (all )?(contact|communication)"},
				Cues:   []string{"block {target}"}},
			{ID: "keep-contact", Label: "keeping in touch", Negated: "no-contact",
				Strong: []string{"communication is key"},
				Cues:   []string{"(call|text|talk to)(ing)? {target}", "reach out"}},
		},
	}}
}

func newTest(t *testing.T) *Classifier {
	t.Helper()
	c, err := New(testLexicon(), []NamedTopic{testTopic()})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestJudge(t *testing.T) {
	c := newTest(t)
	for _, tc := range []struct {
		text, want string
		phased     bool
	}{
		{"Call him.", "keep-contact", false},
		{"Do not call him.", "no-contact", false},
		{"Don't call him, text him, or talk to him.", "no-contact", false},
		{"Never stop calling him.", "keep-contact", false},
		{"Go no contact.", "no-contact", false},
		{"Giving him space doesn't mean cutting off communication.", "keep-contact", false},
		{"Instead of calling him, write a letter.", "no-contact", false},
		{"Some coaches tell you to block him.", "none", false},
		{"“Call him,” she said.", "none", false},
		{"Should you call him?", "none", false},
		{"If you call him, he will leave.", "none", false},
		{"If he calls, do not call him back.", "no-contact", false},
		{"You called him yesterday.", "none", false},
		{"Communication is key.", "keep-contact", false},              // a strong cue stands alone
		{"You called him.", "none", false},                            // a plain cue does not
		{"Go no contact for 30 days, then reach out.", "none", false}, // a sequence
		{"Go no contact for 30 days.", "no-contact", true},
		{"At first, block him.", "no-contact", true},
		{"Maybe call him.", "keep-contact", false},
		{"Nothing about the topic here.", "none", false},
	} {
		got, _, phased := c.Judge("contact", tc.text)
		if got != tc.want || got != None && phased != tc.phased {
			t.Errorf("%q: got %s (phased %t), want %s (phased %t)", tc.text, got, phased, tc.want, tc.phased)
		}
	}
	if got, _, _ := c.Judge("nope", "Call him."); got != None {
		t.Errorf("unknown topic: got %s", got)
	}
}

func TestHitDetails(t *testing.T) {
	c := newTest(t)
	hits := c.Sentence("You must not text him.")
	if len(hits) != 1 {
		t.Fatalf("got %d hits, want 1: %+v", len(hits), hits)
	}
	h := hits[0]
	if !h.Negated || !h.Modal || h.Imperative || h.Hedged || "You must not text him."[h.Start:h.End] != "text him" {
		t.Errorf("unexpected hit %+v", h)
	}
	w := c.Weights()
	if h.Strength != w.Cue*w.Modal {
		t.Errorf("strength %g, want %g", h.Strength, w.Cue*w.Modal)
	}
	hits = c.Sentence("Maybe call him.")
	if len(hits) != 1 || !hits[0].Hedged || !hits[0].Imperative || hits[0].Strength != w.Cue*w.Imperative*w.Hedge {
		t.Errorf("hedged imperative: %+v", hits)
	}
}

func TestNewErrors(t *testing.T) {
	bad := testTopic()
	bad.Spec.Stances[0].Cues = []string{"block {nobody}", "("}
	bad.Spec.Stances[1].Negated = "sometimes"
	bad.Spec.Examples = []Example{{Text: "x", Stance: "maybe"}}
	one := NamedTopic{Name: "Bad Name", Spec: TopicSpec{Gate: []string{"two words"}, Stances: []StanceSpec{{ID: "a", Cues: []string{"a"}}}}}
	lex := testLexicon()
	lex.Negators = append(lex.Negators, "[")
	lex.Frames = append(lex.Frames, Frame{Pattern: "x", After: "sideways"})
	_, err := New(lex, []NamedTopic{bad, one, testTopic()})
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("got %v, want Errors", err)
	}
	msg := err.Error()
	for _, want := range []string{
		"negators.",
		"frames.2.after: want keep, flip or cancel",
		"topic contact: stances.0.cues.0: pattern \"block {nobody}\": unknown macro {nobody}",
		"topic contact: stances.1.negated: negated: \"sometimes\" is not another stance",
		"topic contact: examples.0.stance: unknown stance \"maybe\"",
		"invalid topic name \"Bad Name\"",
		"gate term \"two words\" must be one word",
		"a topic needs two or more stances, got 1",
		"topic contact: : duplicate topic name",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors lack %q:\n%s", want, msg)
		}
	}
}

func TestExpandPattern(t *testing.T) {
	macros := map[string][]string{"target": {"him", "your ex"}}
	for _, tc := range []struct{ in, want string }{
		{"call {target}", `call[\s-]+(?:him|your[\s-]+ex)`},
		{"don't", `don['’]t`},
		{"no[- ]contact", `no[- ]contact`},
		{"a{2,3}", `a{2,3}`},
		{`\{target}`, `\{target}`},
	} {
		got, err := ExpandPattern(tc.in, macros)
		if err != nil || got != tc.want {
			t.Errorf("ExpandPattern(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"{target", "{nope}"} {
		if _, err := ExpandPattern(in, macros); err == nil {
			t.Errorf("ExpandPattern(%q): no error", in)
		}
	}
	if _, err := ExpandPattern("{m}", map[string][]string{"m": {"{target}"}}); err == nil {
		t.Error("a macro referring to a macro: no error")
	}
	re, err := CompilePattern("call {target}", macros)
	if err != nil || !re.MatchString("Please CALL your  ex now") || re.MatchString("recall him") {
		t.Errorf("CompilePattern: %v, %v", re, err)
	}
}

// parseDoc parses Markdown with the built-in segmenter's defaults.
func parseDoc(t testing.TB, src string) *document.Document {
	t.Helper()
	doc, err := parse.New(nil).Parse("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestDocumentSummaryConflicts(t *testing.T) {
	c := newTest(t)
	src := "# Advice\n\nYour ex is gone. Do not call him.\n\n> Call him every day.\n\nBlock him.\n\nLater: reach out to him and talk to him.\n"
	doc := parseDoc(t, src)
	ev := c.Document(doc)
	var got []string
	for _, e := range ev {
		got = append(got, c.Topics()[e.Topic].Stances[e.Stance]+": "+doc.Text(e.Sentence))
	}
	want := []string{"no-contact: Do not call him.", "no-contact: Block him.", "keep-contact: Later: reach out to him and talk to him."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("evidence:\n got %q\nwant %q", got, want)
	}
	sums := c.Summarize(ev)
	if len(sums) != 1 || !sums[0].Mixed || sums[0].Stance != -1 || sums[0].Best == nil {
		t.Fatalf("summary %+v", sums)
	}
	cfs := c.Conflicts(ev)
	if len(cfs) != 1 || doc.Text(cfs[0].Later.Sentence) != "Later: reach out to him and talk to him." || cfs[0].Earlier.Sentence.Start >= cfs[0].Later.Sentence.Start {
		t.Errorf("conflicts %+v", cfs)
	}

	// A sequence is not a conflict; the article holds its standing advice.
	doc = parseDoc(t, "Your ex left him. Go no contact. Do not call him for a month, then reach out.\n")
	ev = c.Document(doc)
	if cfs := c.Conflicts(ev); len(cfs) != 0 {
		t.Errorf("sequence gives conflicts %+v", cfs)
	}
	sums = c.Summarize(ev)
	if len(sums) != 1 || sums[0].Stance != 0 || sums[0].Strength() <= 0 {
		t.Errorf("sequence summary %+v", sums)
	}
}

func TestContextGate(t *testing.T) {
	c := newTest(t)
	// One context word is not enough (min 2).
	if ev := c.Document(parseDoc(t, "Call him.\n")); len(ev) != 0 {
		t.Errorf("below the context minimum: %+v", ev)
	}
	if ev := c.Document(parseDoc(t, "Call him. Your boyfriend will like it.\n")); len(ev) != 1 {
		t.Errorf("context met: %+v", ev)
	}
	// Sentence ignores the document context.
	if got, _, _ := c.Judge("contact", "Call him."); got != "keep-contact" {
		t.Errorf("Judge: %s", got)
	}
}

func TestCheckExamples(t *testing.T) {
	nt := testTopic()
	nt.Spec.Examples = []Example{
		{Text: "Call him.", Stance: "keep-contact"},
		{Text: "Call him.", Stance: "no-contact"},
		{Text: "Block him for a week.", Stance: "no-contact", Phased: new(bool)},
	}
	c, err := New(testLexicon(), []NamedTopic{nt})
	if err != nil {
		t.Fatal(err)
	}
	fs := c.CheckExamples([]NamedTopic{nt})
	if len(fs) != 2 || fs[0].Index != 1 || fs[0].Got != "keep-contact" || fs[1].Index != 2 || !fs[1].GotPhased {
		t.Errorf("failures %+v", fs)
	}
}

func TestBadInput(t *testing.T) {
	c := newTest(t)
	for _, s := range []string{"", "\xff\xfe call him \xff", strings.Repeat("call him, ", 500), "“", "\uFFFC call him \uFFFC", "don't\x00call him"} {
		for _, h := range c.Sentence(s) {
			if h.Start < 0 || h.End > len(s) || h.Start > h.End {
				t.Errorf("%q: hit out of range %+v", s, h)
			}
		}
		if doc, err := parse.New(nil).Parse("a.md", []byte("him ex "+s)); err == nil {
			c.Document(doc)
		}
	}
}

// A trusted topic's patterns compile on first use: New accepts a bad one
// (Compile reports it, and it matches nothing) where an untrusted topic
// fails New.
func TestTrustedDefersPatterns(t *testing.T) {
	nt := testTopic()
	nt.Spec.Stances[1].Cues = append(nt.Spec.Stances[1].Cues, "call (him")
	if _, err := New(testLexicon(), []NamedTopic{nt}); err == nil || !strings.Contains(err.Error(), "stances.1.cues.2") {
		t.Errorf("untrusted bad pattern: err %v", err)
	}
	nt.Trusted = true
	c, err := New(testLexicon(), []NamedTopic{nt})
	if err != nil {
		t.Fatalf("trusted: %v", err)
	}
	// The pattern that does not compile finds nothing; the others work.
	if got, _, _ := c.Judge("contact", "Call him."); got != "keep-contact" {
		t.Errorf("a topic with a bad pattern judged %s", got)
	}
	if err := c.Compile(); err == nil || !strings.Contains(err.Error(), `pattern "call (him"`) {
		t.Errorf("Compile: %v", err)
	}
	// Structural problems are reported at New even for trusted topics.
	nt.Spec.Stances[0].Negated = "nope"
	if _, err := New(testLexicon(), []NamedTopic{nt}); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("trusted structural problem: err %v", err)
	}
	good := testTopic()
	good.Trusted = true
	c, err = New(testLexicon(), []NamedTopic{good})
	if err != nil {
		t.Fatal(err)
	}
	if got, _, _ := c.Judge("contact", "Call him."); got != "keep-contact" {
		t.Errorf("deferred topic judged %s", got)
	}
	if err := c.Compile(); err != nil {
		t.Errorf("Compile: %v", err)
	}
}

// A trusted lexicon's patterns compile on first use too (a pattern that
// does not compile matches nothing).
func TestTrustedLexicon(t *testing.T) {
	lex := testLexicon()
	lex.Negators = append(lex.Negators, "(never")
	if _, err := New(lex, []NamedTopic{testTopic()}); err == nil || !strings.Contains(err.Error(), "negators.8") {
		t.Errorf("untrusted bad negator: err %v", err)
	}
	lex.Trusted = true
	c, err := New(lex, []NamedTopic{testTopic()})
	if err != nil {
		t.Fatalf("trusted: %v", err)
	}
	// The pattern that does not compile matches nothing; the rest work.
	if got, _, _ := c.Judge("contact", "Do not call him."); got != "no-contact" {
		t.Errorf("a lexicon with a bad negator judged %s", got)
	}
	if err := c.Compile(); err == nil || !strings.Contains(err.Error(), "negators.8") {
		t.Errorf("Compile: %v", err)
	}
	lex = testLexicon()
	lex.Trusted = true
	lex.Frames[0].After = "turn"
	if _, err := New(lex, []NamedTopic{testTopic()}); err == nil || !strings.Contains(err.Error(), "frames.0.after") {
		t.Errorf("trusted lexicon, bad frame action: err %v", err)
	}
	lex.Frames[0].After = ""
	c, err = New(lex, []NamedTopic{testTopic()})
	if err != nil {
		t.Fatal(err)
	}
	if got, _, _ := c.Judge("contact", "Do not call him."); got != "no-contact" {
		t.Errorf("trusted lexicon judged %s", got)
	}
}

// A feeling marker drops the cues it introduces (a whole list of them); a
// negator over it or just before it makes them advice against.
func TestFeelings(t *testing.T) {
	lex := testLexicon()
	lex.Negators = append(lex.Negators, "resist the urge to")
	lex.Feelings = []string{"the (urge|temptation) to", "feel like"}
	lex.BaseVerbs = append(lex.BaseVerbs, "resist", "give")
	lex.LeadWords = append(lex.LeadWords, "so")
	c, err := New(lex, []NamedTopic{testTopic()})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ text, want string }{
		{"When it ends, the urge to call, text or talk to him can be overwhelming.", "none"},
		{"You feel like calling him.", "none"},
		{"Resist the urge to call him.", "no-contact"},
		{"Don't give in to the urge to call him.", "no-contact"},
		{"The urge to call him will pass, so block him.", "no-contact"},
		{"Call him.", "keep-contact"},
	} {
		if got, _, _ := c.Judge("contact", tc.text); got != tc.want {
			t.Errorf("%q: got %s, want %s", tc.text, got, tc.want)
		}
	}
}

// TestHeadings checks that a heading opening with a question or framing
// word carries no stance, that a heading-advice opener and an imperative
// heading are advice, and that prose is not read as a heading.
func TestHeadings(t *testing.T) {
	lex := testLexicon()
	lex.HeadingFrames = []string{"why", "how", "when", "is"}
	lex.HeadingAdvice = []string{"how to"}
	lex.Frames = append(lex.Frames, Frame{Pattern: "can backfire", Before: "flip", After: "keep", Modal: true})
	c, err := New(lex, []NamedTopic{testTopic()})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text, heading, prose string
	}{
		{"Why Going No Contact Works", "none", "no-contact"},
		{"Is No Contact Right for You", "none", "no-contact"},
		{"\"Why\" No Contact Works", "none", "no-contact"},
		{"When He Leaves, Block Him", "no-contact", "no-contact"},
		{"Why No Contact Fails: Call Him", "keep-contact", "none"}, // prose: both stances, neither dominates
		{"How to Go No Contact", "no-contact", "no-contact"},
		{"How to Stop Calling Him", "none", "none"}, // a plain cue, no modal force
		{"Going No Contact Can Backfire", "keep-contact", "keep-contact"},
		{"Block Him", "no-contact", "no-contact"},
		{"Whyever Communication Is Key", "keep-contact", "keep-contact"}, // "why" must end at a word boundary
	} {
		if got, _, _ := c.JudgeHeading("contact", tc.text); got != tc.heading {
			t.Errorf("heading %q: got %s, want %s", tc.text, got, tc.heading)
		}
		if got, _, _ := c.Judge("contact", tc.text); got != tc.prose {
			t.Errorf("prose %q: got %s, want %s", tc.text, got, tc.prose)
		}
	}
	// Document reads headings as headings.
	doc, err := parse.New(nil).Parse("a.md", []byte("# Why No Contact Works\n\nHe and his ex. Call him.\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range c.Document(doc) {
		got = append(got, c.Topics()[e.Topic].Stances[e.Stance]+": "+e.Text)
	}
	if strings.Join(got, "|") != "keep-contact: Call him." {
		t.Errorf("Document: got %q", got)
	}
}
