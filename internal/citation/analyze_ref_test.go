package citation

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/document"
)

// analyzeRef is Analyze as it was before it looked for citations only in
// blocks with brackets: mayCite of every prose block first, then every
// candidate that is not a heading scanned for citations. Analyze must
// give what it gives.
func (p *Parser) analyzeRef(doc *document.Document) *Analysis {
	cand := make([]bool, len(doc.Blocks))
	any := false
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		if b.Kind.IsProse() && mayCite(b.Text) {
			cand[i], any = true, true
		}
	}
	if !any {
		return &Analysis{}
	}
	var cites []Cite
	var citeBlock []int
	var tc []tcite
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		if !cand[bi] || b.Kind == document.Heading {
			continue
		}
		tc = p.scanText(b.Text, tc[:0])
		for i := range tc {
			cites = append(cites, mapCite(b, &tc[i]))
			citeBlock = append(citeBlock, bi)
		}
	}
	if len(cites) == 0 {
		return &Analysis{}
	}
	return p.analyzeCites(doc, cand, cites, citeBlock)
}

// sameAnalysis fails t when Analyze and analyzeRef differ on src.
func sameAnalysis(t *testing.T, p *Parser, path string, src []byte) (citing bool) {
	t.Helper()
	doc, err := docP0(t, path, src)
	if err != nil || doc == nil {
		return false
	}
	got, want := p.Analyze(doc), p.analyzeRef(doc)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: Analyze differs from analyzeRef:\ngot  %+v\nwant %+v", path, got, want)
	}
	return want.Citing
}

// citingSamples are articles with citations, lists and both, in both
// formats, from which TestAnalyzeReference builds random variants.
var citingSamples = []string{
	"# T\n\nText (Walker, 2017).\n\n## References\n\nWalker, M. (2017). Why we sleep. Scribner.\n",
	"T\n\nText (Walker, 2017).\n\n1. Walker, M. (2017). W. S.\n\n2. Adams, B. (2011). X. https://dx.doi.org/10.1/x\n",
	"References\n\n[1] A. B. Jones and C. Smith, T, J, 2019.\n[2] doi:10.1000/x\n",
	"As Smith (2015) and Lee et al. (2020, p. 3) show [1], [2-4].\n\nSmith, J. (2015). T. P.\nLee, K., Park, S. (2020). M. J.\n\nReferences\n\nAdams, B. (n.d.). Q.\n",
	"Gottman’s (1999) study (as cited in Lee, n.d.-b; see also van der Berg 2018, pp. 1–2).\n\n## Bibliography\n\nGottman, J. (1999). The marriage clinic. Norton.\nLee, A. (n.d.). Notes.\nvan der Berg, H. 2018. Title. Press.\n",
}

// TestAnalyzeReference compares Analyze with analyzeRef on the fuzz
// seeds, random variants of citing articles (blocks dropped, shuffled,
// duplicated, brackets removed) and the seed articles and a sample of the
// shared corpus when present.
func TestAnalyzeReference(t *testing.T) {
	p := testParser(t)
	for _, s := range citingSamples {
		for _, path := range []string{"a.md", "a.txt"} {
			if !sameAnalysis(t, p, path, []byte(s)) && path == "a.md" && strings.Contains(s, "Walker") {
				t.Errorf("sample %q does not cite", s)
			}
		}
	}
	rng := rand.New(rand.NewPCG(8, 8))
	citing := 0
	for range 3000 {
		var blocks []string
		for _, s := range citingSamples {
			blocks = append(blocks, strings.Split(s, "\n\n")...)
		}
		rng.Shuffle(len(blocks), func(i, j int) { blocks[i], blocks[j] = blocks[j], blocks[i] })
		blocks = blocks[:1+rng.IntN(len(blocks))]
		for i := range blocks {
			switch rng.IntN(6) {
			case 0:
				blocks[i] = strings.NewReplacer("(", "", ")", "").Replace(blocks[i])
			case 1:
				blocks[i] = strings.NewReplacer("[", "", "]", "").Replace(blocks[i])
			case 2:
				blocks[i] = "# " + blocks[i]
			}
		}
		src := strings.Join(blocks, "\n\n")
		for _, path := range []string{"r.md", "r.txt"} {
			if sameAnalysis(t, p, path, []byte(src)) {
				citing++
			}
		}
	}
	if citing < 100 {
		t.Errorf("only %d random variants cite: the comparison says little", citing)
	}
	var paths []string
	if ms, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "seeds", "*.txt")); len(ms) > 0 {
		paths = append(paths, ms...)
	}
	corpus := filepath.Join("..", "..", "..", "shared", "corpora", "markdown-docs")
	if _, err := os.Stat(corpus); err == nil && !testing.Short() {
		n := 0
		filepath.WalkDir(corpus, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && n%7 == 0 && strings.HasSuffix(path, ".md") {
				paths = append(paths, path)
			}
			n++
			return nil
		})
	}
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sameAnalysis(t, p, path, src)
	}
	t.Logf("%d random variants cite; %d files compared", citing, len(paths))
}

// FuzzAnalyzeReference compares Analyze with analyzeRef on arbitrary
// input.
func FuzzAnalyzeReference(f *testing.F) {
	for _, s := range citingSamples {
		f.Add(s)
	}
	p := testParser(f)
	f.Fuzz(func(t *testing.T, s string) {
		for _, path := range []string{"f.md", "f.txt"} {
			sameAnalysis(t, p, path, []byte(s))
		}
	})
}

// checkMayHoldCite fails when scanText finds a citation in s but
// mayHoldCite rules s out, or finds other citations than scanTextRef.
func checkMayHoldCite(t *testing.T, p *Parser, s string) bool {
	t.Helper()
	got := p.scanText(s, nil)
	if want := p.scanTextRef(s, nil); !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: scanText finds\n%+v\nscanTextRef\n%+v", s, got, want)
	}
	found := len(got) > 0
	if found && !mayHoldCite(s) {
		t.Fatalf("%q: scanText finds a citation, mayHoldCite rules it out", s)
	}
	return found
}

// TestMayHoldCite checks mayHoldCite against scanText on random texts of
// citation-like pieces.
func TestMayHoldCite(t *testing.T) {
	p := testParser(t)
	pieces := []string{"(", ")", "[", "]", "1", "2", "2015", "12015", "1999a", "n.d.", "n. d.", "-b", "Smith", " and ", "Lee", " et al.", ", ", "; ", " ", ".", "as cited in ", "p. 3", "’s ", "x", "–", "\n",
		"Smith (2015)", "(Smith, 2015)", "(Lee & Park, n.d.)", "(Lee, n. d.-b)", "[3]", "[1–4]", "Gottman’s (1999)", "(see Adams, 2011; Lee, 2020)", "Smith et al. (2020, p. 3)"}
	rng := rand.New(rand.NewPCG(8, 9))
	found := 0
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(14) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if checkMayHoldCite(t, p, b.String()) {
			found++
		}
	}
	for _, s := range citingSamples {
		for _, line := range strings.Split(s, "\n") {
			if checkMayHoldCite(t, p, line) {
				found++
			}
		}
	}
	if found < 500 {
		t.Errorf("only %d texts hold a citation: the test says little", found)
	}
}

// FuzzMayHoldCite checks mayHoldCite against scanText on arbitrary text.
func FuzzMayHoldCite(f *testing.F) {
	for _, s := range citingSamples {
		f.Add(s)
	}
	p := testParser(f)
	f.Fuzz(func(t *testing.T, s string) {
		checkMayHoldCite(t, p, s)
	})
}

// scanTextRef is scanText as a loop over every byte: the reference its
// byte searches must agree with.
func (p *Parser) scanTextRef(t string, out []tcite) []tcite {
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '(':
			out = p.scanParen(t, i, out)
		case '[':
			out = scanBracket(t, i, out)
		}
	}
	return out
}
