package boilerplate

import (
	"os"
	"testing"
)

// TestDebugScores prints every line's features and score, and the blocks,
// for the file named by BP_DEBUG: a tool for tuning the classifier.
func TestDebugScores(t *testing.T) {
	path := os.Getenv("BP_DEBUG")
	if path == "" {
		t.Skip("set BP_DEBUG to a file to print line scores")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := newParser(t).Parse(path, src)
	if err != nil {
		t.Fatal(err)
	}
	o, cls, err := decodeLines(testSpec(t, "boilerplate/navigation"))
	if err != nil {
		t.Fatal(err)
	}
	var packs []pack
	for id, po := range o.Packs {
		p, err := newPack(id, po)
		if err != nil {
			t.Fatal(err)
		}
		packs = append(packs, p)
	}
	a, err := newAnalyzer(cls, packs)
	if err != nil {
		t.Fatal(err)
	}
	lines := readLines(doc, cls.SentenceWords)
	sc := make([]scored, len(lines))
	for i := range lines {
		sc[i] = scored{line: lines[i]}
	}
	a.matchPacks(sc)
	a.findBylines(sc)
	a.score(doc, sc)
	for _, l := range sc {
		if l.blank {
			continue
		}
		t.Logf("%3d cand=%v %5.1f %-22s %v %q", l.n, l.candidate, l.score, l.rule, l.feats, shorten(l.visible, 50))
	}
	for _, b := range a.analyze(doc) {
		t.Logf("block %s %d-%d", b.rule, b.first, b.last)
	}
}
