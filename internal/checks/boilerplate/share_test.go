package boilerplate

import (
	"testing"

	"github.com/galley-lint/galley/internal/check"
)

// The built-in line rules carry the same packs and classifier, so the
// rules of one load compile one analyzer between them.
func TestLineRulesShareOneAnalyzer(t *testing.T) {
	analyzers := map[analysisKey]*analyzer{}
	var built []*check.Check
	for _, id := range []string{"boilerplate/navigation", "boilerplate/byline-duplicate", "boilerplate/widget", "boilerplate/promo", "boilerplate/syndication", "boilerplate/copyright"} {
		c, err := buildLines(testSpec(t, id), analyzers, nil)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		built = append(built, c)
	}
	if len(built) != 6 || len(analyzers) != 1 {
		t.Errorf("built %d rules with %d analyzers, want 6 rules sharing 1", len(built), len(analyzers))
	}
	// Rules sharing an analyzer share its blocks of a document: computed
	// once, by the first rule, and found by the others in the memo.
	var a *analyzer
	for _, v := range analyzers {
		a = v
	}
	doc, err := newParser(t).Parse("d.md", []byte("Skip to main content\n\n# Soup\n\nLeek soup needs butter and stock, and it improves the next day.\n"))
	if err != nil {
		t.Fatal(err)
	}
	memo := check.NewMemo()
	first := sharedAnalysis(&check.Pass{Doc: doc, Memo: memo}, a, nil)
	again := sharedAnalysis(&check.Pass{Doc: doc, Memo: memo}, a, nil)
	if len(first) == 0 || &first[0] != &again[0] {
		t.Errorf("sharedAnalysis gave %d blocks, then other ones (or none): not shared", len(first))
	}
}

// A footer whose items stand on adjacent lines (one Markdown paragraph,
// holding what reads as sentences) is still residue when every line of it
// matches a pack; a paragraph with one article sentence among such lines is
// left alone.
func TestResidueParagraph(t *testing.T) {
	footer := "Share this article: Facebook | Twitter | Email\nSubscribe to our newsletter for weekly recipes!\nCopyright © 2024 Soup Weekly. All rights reserved.\n"
	mixed := "Share this article with a friend who is learning to cook soup this winter.\nLeek soup needs butter, stock and patience, and it improves the next day.\n"
	intro := "# Soup\n\nLeek soup needs butter, stock and patience, and it improves the next day.\n\n"
	got := runFiles(t, loadChecks(t), map[string][]byte{"footer.md": []byte(intro + footer), "mixed.md": []byte(intro + mixed)})
	lines := map[int]bool{}
	for _, f := range got {
		if f.Location.Path != "footer.md" {
			t.Errorf("unexpected finding in %s: %s", f.Location.Path, f.Message)
			continue
		}
		for l := f.Location.Start.Line; l <= f.Location.End.Line; l++ {
			lines[l] = true
		}
	}
	for _, l := range []int{5, 6, 7} {
		if !lines[l] {
			t.Errorf("footer line %d not flagged (findings: %v)", l, got)
		}
	}
}
