package boilerplate

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/parse"
)

// builtinAnalyzer returns the analyzer of the built-in line rules.
func builtinAnalyzer(t testing.TB) *analyzer {
	t.Helper()
	o, cls, err := decodeLines(testSpec(t, "boilerplate/navigation"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := compileAnalyzer("boilerplate/navigation", o, cls)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// blockSummary describes blocks for comparison.
func blockSummary(a *analyzer, bs []block) []string {
	var out []string
	for i := range bs {
		out = append(out, fmt.Sprintf("%s %d-%d %d %s", bs[i].rule, bs[i].first, bs[i].last, len(bs[i].lines), a.reasons(&bs[i])))
	}
	return out
}

// checkGate checks the seed gate and the cheap template fact against the
// full analysis on one document: a document the gate rejects has no
// block, and templateFact equals the fact computed from the full table.
// It reports whether the gate let the document through.
func checkGate(t *testing.T, a *analyzer, doc *document.Document) bool {
	t.Helper()
	full := a.analyze(doc)
	tbl := buildTable(doc, a.cls.SentenceWords)
	pass := a.mayHaveSeed(tbl)
	if !pass && len(full) > 0 {
		t.Errorf("%s: the gate rejects a document with blocks %v\n%s", doc.Path, blockSummary(a, full), doc.Source)
	}
	o := templateOptions{MinArticles: 3, MinFraction: 0.05, MinWords: 2, MaxWords: 40, MaxGap: 2}
	want := refTemplateFact(doc, o)
	got := templateFact(doc, tbl, o, a.cls.SentenceWords)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: templateFact differs from the full table's:\n got %+v\nwant %+v\n%q", doc.Path, got, want, doc.Source)
	}
	return pass
}

// parseBoth parses src as Markdown and as plain text.
func parseBoth(t testing.TB, p *parse.Parser, name string, src []byte) []*document.Document {
	var out []*document.Document
	for _, n := range []string{name + ".md", name + ".txt"} {
		doc, err := p.Parse(n, src)
		if err != nil {
			doc = document.New(n, document.PlainText, src)
		}
		out = append(out, doc)
	}
	return out
}

// TestGateOnFixtures: every labelled fixture, golden file and seed article
// with residue passes the gate, and template facts are unchanged.
func TestGateOnFixtures(t *testing.T) {
	a := builtinAnalyzer(t)
	p := newParser(t)
	srcs := map[string][]byte{}
	for _, f := range loadFixtures(t) {
		srcs[f.name] = f.src
	}
	golden, _ := filepath.Glob(filepath.Join("testdata", "golden", "*", "*"))
	seeds := []string{}
	if dir, ok := sharedPath("seeds"); ok {
		seeds, _ = filepath.Glob(filepath.Join(dir, "*.txt"))
	}
	for _, f := range append(golden, seeds...) {
		if strings.HasSuffix(f, ".want") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[f] = b
	}
	passed, withBlocks := 0, 0
	for name, src := range srcs {
		for _, doc := range parseBoth(t, p, name, src) {
			if checkGate(t, a, doc) {
				passed++
			}
			if len(a.analyze(doc)) > 0 {
				withBlocks++
			}
		}
	}
	if withBlocks == 0 {
		t.Fatal("no fixture has blocks: the test shows nothing")
	}
	t.Logf("%d documents, %d with blocks, %d through the gate", 2*len(srcs), withBlocks, passed)
}

// gateLines and gateOther are the ingredients of random documents: residue of every
// kind, near misses, prose, markup.
var gateLines = []string{
	"Jump to content", "Skip to main content", "[Home](/) › [Blog](/blog) › Post", "Home / Blog / Post",
	"[Home](/) | [Docs](/docs)", "<https://a.b> > <https://c.d>", "Jane Doe", "Jane Doe", "• Jane Doe", "March 3, 2021",
	"Followers 0", "3 comments", "Posted 3 years ago", "12 min read", "Reply · Share · Report", "Sign In Sign Up",
	"Share this:", "Facebook", "Twitter", "Like this:", "Loading...", "Related", "Related posts", "You may also like",
	"Advertisement", "Subscribe to our newsletter for updates", "Source by Jane Doe", "Originally published at example.com",
	"© 2021 Example Media. All rights reserved.", "**Recommended Comments**", "There are no comments to display.",
	"[Sign in](#) to comment", "Jump *to* content", "R*elated* posts", "[Re](x)lated", "Sign In\u00a0Now", "Copyright 2020 Foo", "Previous post: Hello", "Next »", "Tags: a, b",
}

// gateOther are prose, near misses and markup for random documents.
var gateOther = []string{
	"## Related", "# Title", "Title Case Heading", "## Jump to content", "### Previous post: Hello", "## 12 comments", "- item one", "* [Share](x)", "1. Read more", "> Back to top",
	"This is a real sentence of prose that is long enough to count as the article's own text.",
	"and a continued line that starts lower case", "Use the `share` flag to post a comment.",
	"```", "code line here", "| a | b |", "---", "<div>html</div>", "{{< shortcode >}}", "",
	"Share this article with a friend who is learning to cook soup this winter.",
	"İ", "\ufeffHome", "\xff\xfe", "Share\r", "Shared libraries", "The related work section.",
	longToken, longToken, "  " + longToken + " two", strings.Repeat("Long line of many words ", 15),
}

// longToken is a line over maxLineBytes with one field: two of them near
// the top are a duplicated byline.
var longToken = "Https" + strings.Repeat("x", 330)

// randomDoc joins random ingredient lines with random blank lines.
func randomDoc(r *rand.Rand) []byte {
	var b strings.Builder
	for n := 1 + r.IntN(14); n > 0; n-- {
		if r.IntN(6) == 0 {
			b.WriteString(gateLines[r.IntN(len(gateLines))])
		} else {
			b.WriteString(gateOther[r.IntN(len(gateOther))])
		}
		b.WriteString([]string{"\n", "\n", "\n\n", "\n\n\n", "\r\n"}[r.IntN(5)])
	}
	return []byte(b.String())
}

// TestGateRandom runs the gate test over random documents.
func TestGateRandom(t *testing.T) {
	a := builtinAnalyzer(t)
	p := newParser(t)
	r := rand.New(rand.NewPCG(3, 4))
	passed, withBlocks, n := 0, 0, 3000
	if testing.Short() {
		n = 300
	}
	for i := range n {
		for _, doc := range parseBoth(t, p, fmt.Sprintf("r%d", i), randomDoc(r)) {
			if checkGate(t, a, doc) {
				passed++
			}
			if len(a.analyze(doc)) > 0 {
				withBlocks++
			}
		}
		if t.Failed() {
			break
		}
	}
	t.Logf("%d documents, %d with blocks, %d through the gate", 2*n, withBlocks, passed)
	if withBlocks < n/10 || passed == 2*n {
		t.Errorf("random documents exercise too little: %d with blocks, %d of %d through the gate", withBlocks, passed, 2*n)
	}
}

func FuzzGate(f *testing.F) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 20 {
		f.Add(randomDoc(r))
	}
	a := builtinAnalyzer(f)
	p := newParser(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, doc := range parseBoth(t, p, "f", src) {
			checkGate(t, a, doc)
		}
	})
}

// TestGateEachSeed: documents whose only residue is one kind of seed, each
// found by the analysis, all pass the gate.
func TestGateEachSeed(t *testing.T) {
	a := builtinAnalyzer(t)
	p := newParser(t)
	for _, middle := range []string{
		"Sign In",                             // interface words, two of them
		"Reply · Share",                       // interface words
		"Followers 0",                         // a count
		"Posted 3 years ago",                  // a relative time
		"[Home](/) › [Blog](/blog)",           // a breadcrumb (head only, see below)
		"Jump to content",                     // a phrase
		"Previous post: How to apologise",     // a navigation pattern
		"Older posts «",                       // a phrase
		"← Older",                             // a navigation pattern without a prefix
		"Tagged: apologies, conflict",         // a navigation pattern
		"3 comments on this",                  // a widget pattern
		"Subscribe to our newsletter today",   // a promo pattern
		"This site uses cookies. Got it",      // a promo pattern
		"Source by Jane Doe",                  // a syndication pattern
		"Originally published at example.com", // a syndication pattern
		"© 2021 Example Media. All rights reserved.",
		"Copyright 2020 Example Media",
		"Share this article: Facebook | Twitter\nSubscribe to our newsletter for weekly recipes!\n© 2024 Soup Weekly. All rights reserved.",
	} {
		found := false
		for _, src := range []string{article(middle), middle + "\n\n# Title\n\nThe article's own first paragraph is long enough to be prose, and it ends.\n"} {
			for _, doc := range parseBoth(t, p, "seed", []byte(src)) {
				if len(a.analyze(doc)) == 0 {
					continue
				}
				found = true
				if !checkGate(t, a, doc) {
					t.Errorf("%s: %q does not pass the gate", doc.Path, middle)
				}
			}
		}
		if !found {
			t.Errorf("%q is not found as residue: the case tests nothing", middle)
		}
	}
}

// normIDsRef is normIDs written plainly: the words of normalize(s) looked
// up in the index's map.
func normIDsRef(x *phraseIndex, s string) (ids []int32, strong bool) {
	for _, w := range strings.Fields(normalize(s)) {
		v := x.ids[w]
		ids = append(ids, v)
		strong = strong || (v != 0 && x.strongFirst[v])
	}
	return ids, strong
}

// FuzzNormIDs: normIDs finds the words normalize does, with their ids.
func FuzzNormIDs(f *testing.F) {
	for _, s := range []string{"", "Jump to content", "ÉCRIT par Jöns", "Read MORE »", "don't-share", "\xff\xfeSign\u00a0In", "KELVIN \u212Aelvin ſhare", "İstanbul Share", "a1b2 ２３ Ⅻ", "Σ ς σ", "Reply · Share · Report", "Sign In Sign Up", "Édit Délete Flag"} {
		f.Add(s)
	}
	x := builtinAnalyzer(f).index
	f.Fuzz(func(t *testing.T, s string) {
		var sc gateScratch
		strong, complete := x.normIDs(&sc, s, -1)
		ids, wantStrong := normIDsRef(x, s)
		if !slices.Equal(sc.ids, ids) || strong != wantStrong || !complete {
			t.Errorf("normIDs(%q) = %v %v %v, want %v %v", s, sc.ids, strong, complete, ids, wantStrong)
		}
		// The shape pass finds fewer capitalized interface words than
		// normIDs counts only where there are fewer.
		for need := range 4 {
			if x.uiUpperBelow(s, need) && sc.uiUpper >= need {
				t.Errorf("uiUpperBelow(%q, %d) with %d capitalized interface words", s, need, sc.uiUpper)
			}
		}
		// The line table counts the same words (mayMatch relies on it).
		if !utf8.ValidString(s) {
			return
		}
		if _, _, _, tokens := wordTokenStats([]byte(s)); tokens != len(ids) {
			t.Errorf("wordTokenStats(%q) counts %d words, normalize finds %d", s, tokens, len(ids))
		}
		// Stopping early happens only when too many words are unknown.
		for limit := range len(ids) + 1 {
			unknown := 0
			for _, v := range ids {
				if v == 0 {
					unknown++
				}
			}
			if _, complete := x.normIDs(&sc, s, limit); complete != (unknown <= limit) {
				t.Errorf("normIDs(%q, %d) complete = %v with %d unknown words", s, limit, complete, unknown)
			}
			// The shape pre-pass stops only where normIDs would.
			if x.shapesExceed(s, limit) && unknown <= limit {
				t.Errorf("shapesExceed(%q, %d) with %d unknown words", s, limit, unknown)
			}
		}
	})
}

// TestShapesExceed: the shape pre-pass counts words whose shape no phrase
// word has, and only those.
func TestShapesExceed(t *testing.T) {
	x := builtinAnalyzer(t).index
	for _, tt := range []struct {
		s     string
		limit int
		want  bool
	}{
		{"Zebrafish quantized fluxcapacitors", 2, true},
		{"Zebrafish quantized fluxcapacitors", 3, false},
		{"Jump to content", 0, false},
		{"Zébrafish quäntized", 0, false}, // non-ASCII words are left to normIDs
		{"", 0, false},
	} {
		if got := x.shapesExceed(tt.s, tt.limit); got != tt.want {
			t.Errorf("shapesExceed(%q, %d) = %v, want %v", tt.s, tt.limit, got, tt.want)
		}
	}
}
