package boilerplate

import (
	"fmt"
	"testing"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/finding"
)

// TestTemplateCorpus: template-line counts each article once per key
// however often the key recurs in it, groups recurring lines by line
// number whatever order a fact holds them in, and leaves other lines be.
func TestTemplateCorpus(t *testing.T) {
	c, err := buildTemplate(&check.Spec{ID: "boilerplate/template-line", Message: "{{.Text}} in {{.Articles}}"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	line := func(key uint64, n int32) TemplateLine {
		return TemplateLine{Key: key, Text: fmt.Sprint(key), Start: [4]int32{10 * n, n, 1, 1}, End: [4]int32{10*n + 5, n, 6, 6}, Delete: [2]int32{10 * n, 10*n + 6}}
	}
	var facts []check.DocFact
	for d := range 3 {
		// Key 1 twice in each article, key 2 in all three, out of
		// order in the last; key 9 in the first only.
		f := &TemplateFact{Lines: []TemplateLine{line(1, 1), line(2, 2), line(1, 3)}}
		if d == 0 {
			f.Lines = append(f.Lines, line(9, 4))
		}
		if d == 2 {
			f.Lines[0], f.Lines[2] = f.Lines[2], f.Lines[0]
		}
		facts = append(facts, check.DocFact{Path: fmt.Sprintf("d%d.md", d), Fact: f})
	}
	var got []string
	cp := &check.CorpusPass{Check: c, Facts: facts, Report: func(f finding.Finding) {
		got = append(got, fmt.Sprintf("%s:%d-%d %s (%d edits)", f.Location.Path, f.Location.Start.Line, f.Location.End.Line, f.Message, len(f.Fixes[0].Edits)))
	}}
	if err := c.RunCorpus(cp); err != nil {
		t.Fatal(err)
	}
	want := []string{"d0.md:1-3 1 in 3 (3 edits)", "d1.md:1-3 1 in 3 (3 edits)", "d2.md:1-3 1 in 3 (3 edits)"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("findings:\n%q\nwant\n%q", got, want)
	}
	if l := facts[2].Fact.(*TemplateFact).Lines; l[0].Line() != 3 {
		t.Errorf("RunCorpus reordered a fact's lines: %v", l)
	}
}
