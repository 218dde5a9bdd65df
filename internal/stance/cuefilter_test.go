package stance

import (
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/parse"
	"github.com/galley-lint/galley/rules"
)

// builtin returns the built-in lexicon and topics, read from the embedded
// packs (the contradiction package's loading, reduced to what the
// classifier needs).
func builtin(t testing.TB) (Lexicon, []NamedTopic) {
	t.Helper()
	type pack struct {
		Rules []struct {
			ID      string    `yaml:"id"`
			Options yaml.Node `yaml:"options"`
		} `yaml:"rules"`
	}
	read := func(name string) pack {
		src, err := fs.ReadFile(rules.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		var p pack
		if err := yaml.Unmarshal(src, &p); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return p
	}
	var lex Lexicon
	for _, r := range read("contradiction.yaml").Rules {
		if r.ID == "contradiction/within-article" {
			var o struct {
				Classifier Lexicon `yaml:"classifier"`
			}
			if err := r.Options.Decode(&o); err != nil {
				t.Fatal(err)
			}
			lex = o.Classifier
		}
	}
	names, err := fs.Glob(rules.FS, "topics/*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no topics: %v", err)
	}
	var topics []NamedTopic
	for _, name := range names {
		for _, r := range read(name).Rules {
			var spec TopicSpec
			if err := r.Options.Decode(&spec); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			topics = append(topics, NamedTopic{Name: strings.TrimPrefix(r.ID, "topic/"), Spec: spec})
		}
	}
	return lex, topics
}

// builtinPair returns the built-in classifier with the cue filter and
// without it.
func builtinPair(t testing.TB) (filtered, unfiltered *Classifier) {
	t.Helper()
	lex, topics := builtin(t)
	c, err := New(lex, topics)
	if err != nil {
		t.Fatal(err)
	}
	u, err := New(lex, topics)
	if err != nil {
		t.Fatal(err)
	}
	u.noFilter = true
	return c, u
}

// texts returns the built-in topics' examples and the sentences of the
// labelled relationship articles (testdata/contradiction) and of the
// shared seed articles, when present.
func texts(t testing.TB) ([]string, []*document.Document) {
	t.Helper()
	var out []string
	_, topics := builtin(t)
	for _, nt := range topics {
		for _, ex := range nt.Spec.Examples {
			out = append(out, ex.Text)
		}
	}
	var paths []string
	for _, glob := range []string{
		filepath.Join("..", "..", "testdata", "contradiction", "*.*"),
		filepath.Join("..", "..", "..", "shared", "seeds", "*.txt"),
	} {
		p, _ := filepath.Glob(glob)
		paths = append(paths, p...)
	}
	p := parse.New(nil)
	var docs []*document.Document
	for _, path := range paths {
		if strings.HasSuffix(path, ".yaml") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := p.Parse(path, src)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
		for _, b := range doc.Blocks {
			for _, s := range b.Sentences {
				if s.Start >= 0 && s.Start < s.End && int(s.End) <= len(b.Text) {
					out = append(out, b.Text[s.Start:s.End])
				}
			}
		}
	}
	if len(docs) < 10 {
		t.Fatalf("%d labelled articles, want the testdata/contradiction set", len(docs))
	}
	if raceEnabled || testing.Short() {
		// Instrumented, the alternations take minutes over every
		// sentence: a sample.
		var sample []string
		for i := 0; i < len(out); i += 7 {
			sample = append(sample, out[i])
		}
		out = sample
	}
	return out, docs
}

// checkFilter fails when a cue pattern of c matches s but the filter
// rules the pattern out for s.
func checkFilter(t *testing.T, c *Classifier, s string) {
	t.Helper()
	f := c.cueFilter()
	pats := f.mask()
	f.sentence(s, pats)
	for ti, tp := range c.topics {
		for pi := range tp.pats {
			re := tp.pattern(pi)
			if re == nil || f.has(pats, ti, pi) {
				continue
			}
			if m := re.FindStringIndex(s); m != nil {
				t.Errorf("%q: topic %s pattern %q matches %q, but the filter rules it out", s, tp.Name, tp.pats[pi].src, s[m[0]:m[1]])
			}
		}
	}
}

// checkLexiconFilter fails when a pattern of c's lexicon matches s but
// the lexicon's filter rules it out, or when merging a list's patterns'
// matches gives other matches than its alternation.
func checkLexiconFilter(t *testing.T, c *Classifier, s string) {
	t.Helper()
	f := c.lex.lexFilter()
	mask := f.mask()
	f.sentence(s, mask)
	all := f.mask()
	for i := range all {
		all[i] = ^uint64(0)
	}
	for i := range c.lex.lists {
		x := &c.lex.lists[i]
		for j := range x.patterns {
			re := c.lex.pattern(i, j)
			if re == nil || f.has(mask, 0, x.first+j) {
				continue
			}
			if m := re.FindStringIndex(s); m != nil {
				t.Errorf("%q: lexicon %v pattern %q matches %q, but the filter rules it out", s, x.path, x.patterns[j], s[m[0]:m[1]])
			}
		}
		var want []span
		if re := c.lex.list(i); re != nil {
			for _, m := range re.FindAllStringIndex(s, -1) {
				want = append(want, span{m[0], m[1]})
			}
		}
		got := c.lex.spans(i, s, f, all)
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: lexicon %v: merged %v, alternation %v", s, x.path, got, want)
		}
	}
}

// checkMerge fails when merging the matches of a cue list's patterns
// gives other matches than the list's alternation.
func checkMerge(t *testing.T, c *Classifier, s string) {
	t.Helper()
	for _, tp := range c.topics {
		for li := range tp.lists {
			l := &tp.lists[li]
			var cands []int
			for pi := l.first; pi < l.end; pi++ {
				cands = append(cands, pi)
			}
			if len(cands) == 0 {
				continue
			}
			got, want := tp.listMatches(li, s, cands), tp.listAll(li, s)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%q: topic %s list %d: merged %v, alternation %v", s, tp.Name, li, got, want)
			}
		}
	}
}

// Merging the patterns' matches gives the alternation's: every example
// and labelled sentence, with every pattern of a list a candidate, and
// overlapping cues.
func TestListMatches(t *testing.T) {
	c, _ := builtinPair(t)
	all, _ := texts(t)
	for _, s := range append(all,
		"wait for him to make the first move and let him go, let him go",
		"call him call him call him", "block him block him", "") {
		checkMerge(t, c, s)
	}
}

// The filter never rules out a cue pattern that matches: every example and
// every sentence of the labelled articles.
func TestCueFilterExact(t *testing.T) {
	c, _ := builtinPair(t)
	if err := c.Compile(); err != nil {
		t.Fatal(err)
	}
	all, _ := texts(t)
	for _, s := range all {
		checkFilter(t, c, s)
		checkLexiconFilter(t, c, s)
	}
	for _, s := range []string{
		"Go no-contact.", "NO\tCONTACT", "no\n-\ncontact rule", "Block him", "block him.",
		"\u212Aeep your distance.", "Let him go", "let him\u017f go", "Don’t call him",
		"text him, call him or e-mail her", "cut all ties with your ex-boyfriend",
	} {
		checkFilter(t, c, s)
		checkLexiconFilter(t, c, s)
	}
}

// The filter changes no stance: the labelled articles get the same
// evidence and the examples the same judgement with and without it.
func TestCueFilterSameStances(t *testing.T) {
	c, u := builtinPair(t)
	all, docs := texts(t)
	for _, doc := range docs {
		if got, want := c.Document(doc), u.Document(doc); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: filtered evidence\n%+v\nunfiltered\n%+v", doc.Path, got, want)
		}
	}
	n := 0
	for _, s := range all {
		for _, tp := range c.topics {
			g1, s1, p1 := c.Judge(tp.Name, s)
			g2, s2, p2 := u.Judge(tp.Name, s)
			if g1 != g2 || s1 != s2 || p1 != p2 {
				t.Errorf("%q on %s: filtered %s %g %t, unfiltered %s %g %t", s, tp.Name, g1, s1, p1, g2, s2, p2)
			}
			if g1 != None {
				n++
			}
		}
	}
	if n < 100 && !raceEnabled && !testing.Short() {
		t.Errorf("only %d sentences take a stance: the test compares too little", n)
	}
}

// FuzzCueFilter checks the filter's exactness on arbitrary text.
func FuzzCueFilter(f *testing.F) {
	c, _ := builtinPair(f)
	if err := c.Compile(); err != nil {
		f.Fatal(err)
	}
	_, topics := builtin(f)
	for _, nt := range topics {
		for i, ex := range nt.Spec.Examples {
			if i%4 == 0 {
				f.Add(ex.Text)
			}
		}
	}
	f.Add("NO-CONTACT\u212a")
	words := cueWordsOf(c)
	f.Fuzz(func(t *testing.T, s string) {
		checkFilter(t, c, s)
		checkFilterRef(t, c, words, s)
		checkLexiconFilter(t, c, s)
		checkMerge(t, c, s)
	})
}

// Precomputed words round-trip, and words for other patterns are not
// used.
func TestCueWordsRoundTrip(t *testing.T) {
	lex, topics := builtin(t)
	for _, nt := range topics {
		text := CueWords(nt, lex.Macros)
		nt.CueWords = text
		c, err := New(lex, []NamedTopic{nt})
		if err != nil {
			t.Fatal(err)
		}
		tp := c.topics[0]
		got, ok := decodeCueWords(text, specHash(tp.spec, tp.macros), len(tp.pats))
		if !ok {
			t.Fatalf("topic %s: precomputed words do not decode:\n%.300s", nt.Name, text)
		}
		if want := deriveCueWords(tp.spec, tp.macros); !reflect.DeepEqual(got, want) {
			t.Errorf("topic %s: decoded words differ from derived ones", nt.Name)
		}
		if _, ok := decodeCueWords(text, specHash(tp.spec, nil), len(tp.pats)); ok {
			t.Errorf("topic %s: words for other macros accepted", nt.Name)
		}
	}
	for _, bad := range []string{"", "cuewords 0\n", "x\n0 1 \"a\"\n"} {
		if _, ok := decodeCueWords(bad, 0, 1); ok {
			t.Errorf("%q decoded", bad)
		}
	}
}

// Required words of a few patterns.
func TestPatternWords(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		want    []string // word, "$" marking a whole word; nil for none
	}{
		{"no contact", []string{"no contact$"}},
		{"(call|text) him", []string{"call him$", "text him$"}},
		{"ex[- ]?boyfriend", []string{"ex boyfriend$", "ex-boyfriend$", "exboyfriend$"}},
		{"him|her", []string{"her$", "him$"}},
		{"(re)?connect", []string{"connect$", "reconnect$"}},
		{`(re)?\w*connect`, nil},
		{"\\w+ing him", []string{"him$"}},
		{"don't", []string{"don"}},
		{"a (b|c)*d", []string{"a"}},
		{"x?y", []string{"xy$", "y$"}},
		{"a+", []string{"a"}},
	} {
		e, err := ExpandPattern(tc.pattern, nil)
		if err != nil {
			t.Fatal(err)
		}
		items, ok := patternWords(e)
		var got []string
		if ok {
			for _, it := range prune(items) {
				w := it.lit
				if it.end {
					w += "$"
				}
				got = append(got, w)
			}
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: got %q, want %q", tc.pattern, got, tc.want)
		}
	}
}

// The context word table finds exactly what a map of the lower-cased
// words finds.
func TestWordTable(t *testing.T) {
	lex, _ := builtin(t)
	var tab wordTable
	ref := map[string]uint64{}
	for i, name := range slices.Sorted(maps.Keys(lex.Contexts)) {
		for _, w := range lex.Contexts[name].Words {
			w = normWord(w)
			tab.add(w, 1<<i)
			ref[w] |= 1 << i
		}
	}
	all, _ := texts(t)
	probes := []string{"HIM", "Ex", "ex’s", "EX'S", "", "h", "relationships", "Relationship"}
	for _, s := range all {
		for _, w := range words(s) {
			probes = append(probes, s[w.start:w.end])
		}
	}
	found := 0
	for _, p := range probes {
		lower := []byte(p)
		for i, c := range lower {
			lower[i] = lowerByte(c)
		}
		if got, want := tab.get(p), ref[string(lower)]; got != want {
			t.Errorf("%q: table %b, map %b", p, got, want)
		}
		if ref[string(lower)] != 0 {
			found++
		}
	}
	if found < 50 {
		t.Errorf("only %d probes are context words", found)
	}
}

// validID, validGateTerm and refersToMacro agree with the regexps they
// replace (compiled here, not at start-up).
func TestValidators(t *testing.T) {
	id := regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	gate := regexp.MustCompile(`^[\p{L}\p{N}'’-]+\*?$`)
	ref := regexp.MustCompile(`\{[A-Za-z_]`)
	for _, s := range []string{"", "a", "a-b", "-a", "a-", "a--b", "A", "no-contact", "x1-2y", "é", "café*", "a**", "*", "don't", "l’ex", "a b", "\xff", "{target}", "{1}", "x{_a", "{", "a*b", "ex-*"} {
		if got, want := validID(s), id.MatchString(s); got != want {
			t.Errorf("validID(%q) = %t, want %t", s, got, want)
		}
		if got, want := validGateTerm(s), gate.MatchString(s); got != want {
			t.Errorf("validGateTerm(%q) = %t, want %t", s, got, want)
		}
		if got, want := refersToMacro(s), ref.MatchString(s); got != want {
			t.Errorf("refersToMacro(%q) = %t, want %t", s, got, want)
		}
	}
}

// BenchmarkFilterStart is what the first document in context costs the
// classifier beyond compiling: reading the precomputed words of the
// built-in topics and lexicon and building the filters.
func BenchmarkFilterStart(b *testing.B) {
	lex, topics := builtin(b)
	lex.CueWords = LexiconCueWords(lex)
	for i := range topics {
		topics[i].CueWords = CueWords(topics[i], lex.Macros)
		topics[i].Trusted = true
	}
	lex.Trusted = true
	for b.Loop() {
		c, err := New(lex, topics)
		if err != nil {
			b.Fatal(err)
		}
		c.cueFilter()
		c.lex.lexFilter()
	}
}

// sentenceRef is cueFilter.sentence without its tables: every required
// word of every pattern is tried at every word start of s.
func sentenceRef(topics []cueWords, s string, pats []uint64) {
	if strings.Contains(s, "\u212a") || strings.Contains(s, "\u017f") {
		for i := range pats {
			pats[i] = ^uint64(0)
		}
		return
	}
	g := 0
	for _, t := range topics {
		for _, items := range t {
			for i := 0; i < len(s); i++ {
				if items == nil {
					pats[g/64] |= 1 << (g % 64)
					break
				}
				if !wordByte[s[i]] || i > 0 && wordByte[s[i-1]] {
					continue
				}
				for _, it := range items {
					if hasWordAt(s, i, it.lit, it.end) {
						pats[g/64] |= 1 << (g % 64)
					}
				}
			}
			g++
		}
	}
}

// checkFilterRef fails when the filter's patterns for s differ from the
// brute-force reference's.
func checkFilterRef(t *testing.T, c *Classifier, topics []cueWords, s string) {
	t.Helper()
	f := c.cueFilter()
	got, want := f.mask(), f.mask()
	f.sentence(s, got)
	if len(s) > 0 {
		sentenceRef(topics, s, want)
	} else {
		or(want, f.always)
	}
	if !slices.Equal(got, want) {
		t.Errorf("%q: filter patterns %x, reference %x", s, got, want)
	}
}

// TestCueFilterReference: the filter's tables (pair, third and fourth
// byte groups) find exactly the patterns trying every required word at
// every word start finds, on the labelled texts and on random texts made
// of required words' pieces, separators and case changes.
func TestCueFilterReference(t *testing.T) {
	c, _ := builtinPair(t)
	topics := cueWordsOf(c)
	all, _ := texts(t)
	for _, s := range all {
		checkFilterRef(t, c, topics, s)
	}
	var pieces []string
	for _, tw := range topics {
		for _, items := range tw {
			for _, it := range items {
				pieces = append(pieces, it.lit, it.lit[:len(it.lit)/2], strings.ToUpper(it.lit))
			}
		}
	}
	// Every required word alone, its separators written otherwise, cut
	// short and run on.
	for _, p := range pieces {
		for _, sep := range []string{" ", "-", "\t", "  ", " -\n"} {
			w := strings.ReplaceAll(p, " ", sep)
			for _, s := range []string{w, "x " + w + ".", w + "s", w[:len(w)-1]} {
				checkFilterRef(t, c, topics, s)
			}
		}
	}
	pieces = append(pieces, " ", "  ", "-", "\t", "x", "é", "re", "st", "'", ".", "\u212a")
	rng := rand.New(rand.NewPCG(3, 4))
	n := 2000
	if testing.Short() || raceEnabled {
		n = 200
	}
	for range n {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
			if rng.IntN(3) == 0 {
				b.WriteByte(" -\t,"[rng.IntN(4)])
			}
		}
		checkFilterRef(t, c, topics, b.String())
	}
}

// cueWordsOf returns the required words of c's topics.
func cueWordsOf(c *Classifier) []cueWords {
	var topics []cueWords
	for _, tp := range c.topics {
		topics = append(topics, tp.cueWords())
	}
	return topics
}
