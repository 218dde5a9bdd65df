package boilerplate

import (
	"fmt"
	"math"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/prefilter"
)

// Feature names, as used in classifier weights and claims.
const (
	featPhrase     = "phrase"           // the rule's phrases cover most of the line, or a pattern matches it
	featShort      = "short"            // few words and no sentence punctuation
	featLinkDense  = "link-dense"       // most of the visible text is link text
	featBreadcrumb = "breadcrumb"       // before the first prose line, a trail of links joined by › » > | /
	featCount      = "count"            // counts and relative times: "Followers 0", "3 years ago"
	featUIVerbs    = "ui-verbs"         // made of interface words in title case: "Sign In", "Reply"
	featHead       = "head"             // among the first lines, before the first prose line (headings aside)
	featTail       = "tail"             // after the last prose line, or in the file's last TailFraction
	featNeighbour  = "neighbour"        // next to a line a phrase pack matches
	featSentence   = "sentence"         // a long line ending like a sentence
	featHeading    = "heading"          // a heading not over prose (a heading over its paragraph is no candidate)
	featInProse    = "in-prose"         // part of a paragraph that holds a real sentence
	featAnchors    = "anchor-links"     // one of several lines of links to #fragments (a table of contents)
	featByline     = "byline-duplicate" // one of two equal author/date lines near the top (claim only)
	featWeakPhrase = "weak-phrase"      // covered by the pack's weak phrases only ("Share", "Reply")
	featLowerStart = "lower-start"      // starts with a lower-case word: a sentence continued
	featLeadIn     = "lead-in"          // introduces what follows: code, or (ending with a colon) prose
)

var knownFeatures = []string{
	featAnchors, featBreadcrumb, featByline, featCount, featHead, featHeading, featInProse,
	featLinkDense, featNeighbour, featPhrase, featSentence, featShort, featTail, featUIVerbs,
	featWeakPhrase, featLowerStart, featLeadIn,
}

// Classifier holds the line classifier's settings (the `classifier:`
// option shared by every boilerplate-lines rule).
type Classifier struct {
	// Threshold is the score at which a line is residue.
	Threshold float64 `yaml:"threshold"`
	// Weights maps feature names to their weights.
	Weights map[string]float64 `yaml:"weights"`
	// PhraseCoverage is the share of a line's words a pack's phrases must
	// cover for the line to match the pack.
	PhraseCoverage float64 `yaml:"phrase_coverage"`
	// ShortWords is the most words a "short" line has.
	ShortWords int `yaml:"short_words"`
	// SentenceWords is the fewest words of a "sentence" line.
	SentenceWords int `yaml:"sentence_words"`
	// LinkDensity is the share of visible characters that must be link
	// text for "link-dense".
	LinkDensity float64 `yaml:"link_density"`
	// HeadLines is how many non-blank lines count as the head.
	HeadLines int `yaml:"head_lines"`
	// TailFraction is the share of the file (by bytes) that counts as the
	// tail.
	TailFraction float64 `yaml:"tail_fraction"`
	// MaxGap is the most blank lines between two lines of one block.
	MaxGap int `yaml:"max_gap"`
	// AbsorbWords: once a block starts in the tail, following lines of at
	// most this many words join it.
	AbsorbWords int `yaml:"absorb_words"`
	// UIWords are interface words and phrases ("Sign In", "Reply").
	UIWords []string `yaml:"ui_words"`
	// UIShare is the share of a line's words that must be UI words.
	UIShare float64 `yaml:"ui_share"`
	// CountPatterns are regular expressions for counts and relative times,
	// matched case-insensitively anywhere in a short line.
	CountPatterns []string `yaml:"count_patterns"`
	// Byline configures duplicate byline detection.
	Byline BylineOptions `yaml:"byline"`
}

// BylineOptions configure the byline-duplicate feature.
type BylineOptions struct {
	// HeadLines is how many non-blank lines from the top are searched.
	HeadLines int `yaml:"head_lines"`
	// MaxWords is the most words a byline has.
	MaxWords int `yaml:"max_words"`
	// MaxDistance is the most lines between the two copies.
	MaxDistance int `yaml:"max_distance"`
}

// defaultClassifier is used for settings a rule leaves unset (as in
// tests); rules/boilerplate.yaml sets them all.
func defaultClassifier() Classifier {
	return Classifier{
		Threshold: 2,
		Weights: map[string]float64{
			featPhrase: 3.5, featShort: 0.5, featLinkDense: 1, featBreadcrumb: 2, featCount: 1.25,
			featUIVerbs: 2, featHead: 0.5, featTail: 0.5, featNeighbour: 1, featSentence: -1.5,
			featHeading: -2.5, featInProse: -4, featAnchors: -4, featWeakPhrase: 1.5,
			featLowerStart: -3, featLeadIn: -3,
		},
		PhraseCoverage: 0.65, ShortWords: 6, SentenceWords: 8, LinkDensity: 0.5,
		HeadLines: 5, TailFraction: 0.2, MaxGap: 2, AbsorbWords: 12, UIShare: 0.6,
		Byline: BylineOptions{HeadLines: 8, MaxWords: 6, MaxDistance: 3},
	}
}

// pack is one rule's phrase pack.
type pack struct {
	rule    string
	phrases [][]string // normalized words
	weak    []bool     // weak[i]: phrases[i] is a weak phrase
	// byFirst maps a first word to the indexes of the phrases starting
	// with it.
	byFirst map[string][]int
	// patterns returns the compiled patterns (compiled once, on first
	// use).
	patterns func() []*regexp.Regexp
	// any returns the alternation of the patterns with its filter
	// (built once, on first use: only documents the seed gate lets
	// through need it); nil when there are no patterns.
	any func() filtered
	// anyExpr is the alternation's expression ("" when there are no
	// patterns).
	anyExpr string
	// eachFilter[i] rules out lines patterns()[i] cannot match (the seed
	// gate tries the patterns one by one: most are anchored and need a
	// line to start with one of a few words, which a filter of their
	// alternation cannot require). They are derived from the parse that
	// validates the patterns at load.
	eachFilter []*prefilter.Filter
	// leads are normalized phrases that introduce a list of residue.
	leads  []string
	claims []string
}

// maxMatchWords is the most words of a line matched against phrase packs,
// and maxPatternWords the most matched against their patterns.
const (
	maxMatchWords   = 30
	maxPatternWords = 20
)

// analyzer classifies the lines of documents with every pack.
type analyzer struct {
	cls   Classifier
	packs []pack // sorted by rule
	ui    [][]string
	// counts returns the alternation of the classifier's count patterns
	// with its filter (built on first use); nil when there are none.
	counts func() filtered
	// countEach compiles each count pattern on first use, and countSet
	// holds their filters in the same order (nil when there are no
	// count patterns): the seed gate runs only the patterns whose
	// filters a line passes.
	countEach []func() *regexp.Regexp
	countSet  *prefilter.Set
	// patternsFilter returns a filter that rules out lines no pack's
	// patterns can match, so that most lines cost one test rather than
	// one per pack (built on first use; nil when there are no patterns).
	patternsFilter func() *prefilter.Filter
	// index numbers the packs' phrase words for the seed gate.
	index *phraseIndex
	// patternSet holds every pack's single-pattern filters (eachFilter),
	// pack after pack, and patternOf maps its indexes to (pack, pattern).
	patternSet *prefilter.Set
	patternOf  [][2]int
	// claimed lists the features some pack claims, sorted.
	claimed []string
	// scratch pools the seed gate's buffers (*gateScratch).
	scratch sync.Pool
}

func newPack(rule string, o packOptions) (pack, error) {
	p := pack{rule: rule, claims: slices.Clone(o.Claims)}
	for k, list := range [][]string{o.Phrases, o.Weak} {
		for _, ph := range list {
			w := strings.Fields(normalize(ph))
			if len(w) == 0 {
				return pack{}, fmt.Errorf("phrase %q has no words", ph)
			}
			if p.byFirst == nil {
				p.byFirst = map[string][]int{}
			}
			p.byFirst[w[0]] = append(p.byFirst[w[0]], len(p.phrases))
			p.phrases = append(p.phrases, w)
			p.weak = append(p.weak, k == 1)
		}
	}
	exprs := make([]string, 0, len(o.Patterns))
	for _, pat := range o.Patterns {
		expr := `(?i)^(?:` + pat + `)$`
		// Parsed once now, for errors and for the seed gate's filter;
		// compiled on first use: a line reaches the single patterns only
		// after a filter let it through.
		re, err := syntax.Parse(expr, syntax.Perl)
		if err != nil {
			return pack{}, fmt.Errorf("pattern %q: %w", pat, err)
		}
		exprs = append(exprs, expr)
		p.eachFilter = append(p.eachFilter, prefilter.FromSyntax(re))
	}
	p.patterns = sync.OnceValue(func() []*regexp.Regexp {
		res := make([]*regexp.Regexp, len(exprs))
		for i, e := range exprs {
			res[i] = regexp.MustCompile(e) // parsed above
		}
		return res
	})
	if len(o.Patterns) > 0 {
		// An alternation of groups each holding a valid expression is
		// valid: it compiles on first use.
		expr := `(?i)^(?:(?:` + strings.Join(o.Patterns, `)|(?:`) + `))$`
		p.anyExpr = expr
		p.any = sync.OnceValue(func() filtered { return filtered{regexp.MustCompile(expr), prefilter.New(expr)} })
	}
	for _, ld := range o.Leads {
		p.leads = append(p.leads, normalize(ld))
	}
	for _, c := range o.Claims {
		if !slices.Contains([]string{featBreadcrumb, featCount, featUIVerbs, featByline, featLinkDense}, c) {
			return pack{}, fmt.Errorf("claims: unknown feature %q (want breadcrumb, count, ui-verbs, link-dense or byline-duplicate)", c)
		}
	}
	return p, nil
}

func newAnalyzer(cls Classifier, packs []pack) (*analyzer, error) {
	for name := range cls.Weights {
		if !slices.Contains(knownFeatures, name) {
			return nil, fmt.Errorf("classifier: weights: unknown feature %q (known: %s)", name, strings.Join(knownFeatures, ", "))
		}
	}
	a := &analyzer{cls: cls, packs: packs}
	var exprs []string
	for _, p := range packs {
		if p.anyExpr != "" {
			exprs = append(exprs, p.anyExpr)
		}
	}
	a.patternsFilter = func() *prefilter.Filter { return nil }
	if len(exprs) > 0 {
		expr := `(?:` + strings.Join(exprs, `)|(?:`) + `)`
		a.patternsFilter = sync.OnceValue(func() *prefilter.Filter { return prefilter.New(expr) })
	}
	slices.SortFunc(a.packs, func(x, y pack) int { return strings.Compare(x.rule, y.rule) })
	for _, u := range cls.UIWords {
		if w := strings.Fields(normalize(u)); len(w) > 0 {
			a.ui = append(a.ui, w)
		}
	}
	a.index = newPhraseIndex(a.packs, a.ui)
	var filters []*prefilter.Filter
	for pi, p := range a.packs {
		for k, f := range p.eachFilter {
			filters = append(filters, f)
			a.patternOf = append(a.patternOf, [2]int{pi, k})
		}
	}
	a.patternSet = prefilter.NewSet(filters)
	for _, p := range a.packs {
		for _, c := range p.claims {
			if !slices.Contains(a.claimed, c) {
				a.claimed = append(a.claimed, c)
			}
		}
	}
	slices.Sort(a.claimed)
	// Each count pattern is parsed once now, for errors and for its
	// filter, and compiled on first use.
	var countFilters []*prefilter.Filter
	for _, c := range cls.CountPatterns {
		e := `(?i)(?:` + c + `)`
		re, err := syntax.Parse(e, syntax.Perl)
		if err != nil {
			return nil, fmt.Errorf("classifier: count pattern %q: %w", c, err)
		}
		a.countEach = append(a.countEach, sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(e) })) // parsed above
		countFilters = append(countFilters, prefilter.FromSyntax(re))
	}
	if len(cls.CountPatterns) > 0 {
		a.countSet = prefilter.NewSet(countFilters)
		// One alternation: a line matches it exactly when it matches one
		// of the patterns, in one pass instead of one per pattern. Its
		// groups hold valid expressions, so it compiles.
		expr := `(?i)(?:` + strings.Join(cls.CountPatterns, `)|(?:`) + `)`
		a.counts = sync.OnceValue(func() filtered { return filtered{regexp.MustCompile(expr), prefilter.New(expr)} })
	}
	return a, nil
}

// filtered is a regular expression with its prefilter.
type filtered struct {
	re     *regexp.Regexp
	filter *prefilter.Filter
}

// scored is one line with its classification.
type scored struct {
	line
	feats   []string
	score   float64
	rule    string  // the rule a phrase, pattern or claim gives it
	matched string  // the phrase or pattern that matched
	cover   float64 // best pack coverage
	weak    bool    // matched by weak phrases only
	byline  bool
}

// block is a run of residue lines owned by one rule.
type block struct {
	rule        string
	first, last int // 1-based line numbers
	lines       []*scored
}

// coverage returns the share of words covered by occurrences of the pack's
// phrases, and the longest phrase found. words are the line's normalized
// words (strings.Fields of its norm).
//
// tryPatterns false says that no pattern can match visible.
func (p *pack) coverage(visible string, words []string, tryPatterns bool) (cover float64, best string, weak bool) {
	if len(words) == 0 {
		return 0, "", false
	}
	if tryPatterns && len(words) <= maxPatternWords && p.any != nil && p.any().filter.MayMatch(visible) && p.any().re.MatchString(visible) {
		for i, re := range p.patterns() {
			if re.MatchString(visible) {
				return 1, "pattern " + strconv.Itoa(i+1) + " of " + p.rule, false
			}
		}
	}
	covered := make([]bool, len(words))
	strong := false
	for i, w := range words {
		for _, k := range p.byFirst[w] {
			ph := p.phrases[k]
			if i+len(ph) > len(words) || !slices.Equal(words[i:i+len(ph)], ph) {
				continue
			}
			for j := range ph {
				covered[i+j] = true
			}
			if s := strings.Join(ph, " "); len(s) > len(best) {
				best = s
			}
			strong = strong || !p.weak[k]
		}
	}
	n := 0
	for _, c := range covered {
		if c {
			n++
		}
	}
	return float64(n) / float64(len(words)), best, !strong
}

func (a *analyzer) weight(f string) float64 { return a.cls.Weights[f] }

// uiShare returns the share of a line's words that belong to title-case
// interface words or phrases (digits not counted), or 0 when fewer than two
// words do.
func (a *analyzer) uiShare(words []string) float64 {
	var ws []string
	for _, w := range words {
		if !isNumber(w) {
			ws = append(ws, w)
		}
	}
	if len(ws) == 0 || len(a.ui) == 0 {
		return 0
	}
	lower := make([]string, len(ws))
	for i, w := range ws {
		if startsUpper(w) {
			lower[i] = strings.ToLower(w)
		}
	}
	covered := make([]bool, len(ws))
	for _, ph := range a.ui {
		for i := 0; i+len(ph) <= len(ws); i++ {
			ok := true
			for j, p := range ph {
				if lower[i+j] != p {
					ok = false
					break
				}
			}
			if ok {
				for j := range ph {
					covered[i+j] = true
				}
			}
		}
	}
	n := 0
	for _, c := range covered {
		if c {
			n++
		}
	}
	if n < 2 {
		return 0 // one interface word ("Search") is not a widget
	}
	return float64(n) / float64(len(ws))
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}

func startsUpper(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

// analyzeLines classifies doc's lines, as readLines built them with
// a.cls.SentenceWords, and returns its residue blocks, in order. It does
// not modify lines.
func (a *analyzer) analyzeLines(doc *document.Document, lines []line) []block {
	sc := make([]scored, len(lines))
	for i := range lines {
		sc[i] = scored{line: lines[i]}
	}
	a.matchPacks(sc)
	bylines := a.findBylines(sc)
	a.score(doc, sc)

	var blocks []block
	if r := a.claimer(featByline); r != "" {
		for _, bl := range bylines {
			b := block{rule: r, first: bl[0], last: bl[1]}
			for n := bl[0]; n <= bl[1]; n++ {
				if !sc[n-1].blank {
					b.lines = append(b.lines, &sc[n-1])
				}
			}
			blocks = append(blocks, b)
		}
	}
	blocks = append(blocks, a.runs(doc, sc)...)
	slices.SortFunc(blocks, func(x, y block) int { return x.first - y.first })
	return blocks
}

// claimer returns the first rule (by ID) claiming feature f.
func (a *analyzer) claimer(f string) string {
	for _, p := range a.packs {
		if slices.Contains(p.claims, f) {
			return p.rule
		}
	}
	return ""
}

func (a *analyzer) matchPacks(sc []scored) {
	for i := range sc {
		if !sc[i].inProse {
			a.matchLine(&sc[i])
		}
	}
	a.releaseResidueParagraphs(sc)
}

// matchLine records the pack that covers most of a candidate line, if it
// covers at least classifier.phrase_coverage.
func (a *analyzer) matchLine(l *scored) {
	if !l.candidate || l.long || len(l.words) > maxMatchWords {
		return
	}
	tryPatterns := a.patternsFilter().MayMatch(l.visible)
	words := strings.Fields(l.norm)
	for pi := range a.packs {
		c, m, weak := a.packs[pi].coverage(l.visible, words, tryPatterns)
		if c > l.cover || (c == l.cover && l.weak && !weak) {
			l.cover, l.matched, l.rule, l.weak = c, m, a.packs[pi].rule, weak
		}
	}
	if l.cover < a.cls.PhraseCoverage {
		l.rule, l.matched, l.weak = "", "", false
	}
}

// releaseResidueParagraphs decides the lines of multi-line prose blocks
// (paragraphs whose text holds a real sentence). Such a block is article
// text, and its lines keep no pack match, unless every one of its lines
// matches a pack on its own: then it is residue written without blank
// lines between its items ("Share this… / Subscribe… / Copyright…"), and
// its lines are judged as lines. Matching stops at a block's first line
// that no pack covers, so real paragraphs cost one line's match.
func (a *analyzer) releaseResidueParagraphs(sc []scored) {
	for i := 0; i < len(sc); {
		if !sc[i].inProse {
			i++
			continue
		}
		j := i
		for j < len(sc) && sc[j].inProse {
			j++
		}
		allMatched := true
		for k := i; k < j && allMatched; k++ {
			a.matchLine(&sc[k])
			allMatched = sc[k].rule != "" && !sc[k].weak
		}
		for k := i; k < j; k++ {
			if allMatched {
				sc[k].inProse = false
			} else {
				sc[k].rule, sc[k].matched, sc[k].weak, sc[k].cover = "", "", false, 0
			}
		}
		i = j
	}
}

// findBylines returns [first, last] line pairs of duplicated bylines in the
// head of the document, and marks their lines.
func (a *analyzer) findBylines(sc []scored) [][2]int {
	o := a.cls.Byline
	if o.HeadLines <= 0 {
		return nil
	}
	var head []int // indexes of the first non-blank lines
	for i := range sc {
		if !sc[i].blank {
			head = append(head, i)
			if len(head) == o.HeadLines {
				break
			}
		}
	}
	var out [][2]int
	for hi, i := range head {
		li := &sc[i]
		if !li.candidate || li.byline || li.rule != "" || !bylineLike(li, o.MaxWords) {
			continue
		}
		for _, j := range head[hi+1:] {
			if j-i > o.MaxDistance {
				break
			}
			lj := &sc[j]
			if lj.candidate && lj.norm == li.norm && lj.rule == "" {
				li.byline, lj.byline = true, true
				out = append(out, [2]int{li.n, lj.n})
				break
			}
		}
	}
	return out
}

// bylineLike reports whether a line could be a byline: a few words, no
// sentence punctuation, starting with a capital or a digit.
func bylineLike(l *scored, maxWords int) bool {
	if len(l.words) == 0 || len(l.words) > maxWords || l.terminal || l.heading {
		return false
	}
	r := []rune(l.words[0])[0]
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// isProseLine reports whether a line is article prose: part of a real
// paragraph, or a long line ending like a sentence, and not matched by a
// pack.
func (a *analyzer) isProseLine(l *scored) bool {
	if !l.candidate || l.rule != "" {
		return false
	}
	return l.inProse || l.long || (len(l.words) >= a.cls.SentenceWords && l.terminal)
}

// bounds returns the index of the first and last prose lines of sc (-1
// when there are none).
func (a *analyzer) bounds(sc []scored) (first, last int) {
	first, last = -1, -1
	for i := range sc {
		if a.isProseLine(&sc[i]) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last
}

// inTail reports whether line i is in the tail: after the last prose line,
// or in the last TailFraction of the file.
func (a *analyzer) inTail(doc *document.Document, sc []scored, i, lastProse int) bool {
	tailStart := int(math.Ceil(float64(len(doc.Source)) * (1 - a.cls.TailFraction)))
	return i > lastProse || sc[i].span.Start >= tailStart
}

// score computes each candidate line's features and score.
func (a *analyzer) score(doc *document.Document, sc []scored) {
	firstProse, lastProse := a.bounds(sc)
	nonBlank := 0
	for i := range sc {
		l := &sc[i]
		if l.blank {
			continue
		}
		nonBlank++
		if !l.candidate || l.byline {
			continue
		}
		if l.long || l.inProse {
			// Prose: only its negative features matter, and they keep it
			// out of every block.
			l.feats = []string{featInProse}
			l.score = a.weight(featInProse)
			if l.long && !l.inProse {
				l.feats = []string{featSentence}
				l.score = min(a.weight(featSentence), -a.cls.Threshold)
			}
			continue
		}
		nw := len(l.words)
		isCount := false
		if nw <= 2*a.cls.ShortWords && !l.terminal && a.counts != nil {
			c := a.counts()
			isCount = c.filter.MayMatch(l.visible) && c.re.MatchString(l.visible)
		}
		isUI := (l.rule == "" || l.weak) && nw <= 2*a.cls.ShortWords && a.uiShare(l.words) >= a.cls.UIShare
		if (l.heading || (a.plainHeading(sc, i) && !isCount && !isUI)) && a.followedByProse(sc, i) {
			// A heading over its own paragraph is the article's.
			l.candidate = false
			continue
		}
		var feats []string
		switch {
		case l.rule != "" && l.weak:
			feats = append(feats, featWeakPhrase)
		case l.rule != "":
			feats = append(feats, featPhrase)
		}
		short := nw <= a.cls.ShortWords && !l.terminal
		if short {
			feats = append(feats, featShort)
		}
		letters := countLetters(l.visible)
		if l.links > 0 && letters > 0 && float64(l.linkChars) >= a.cls.LinkDensity*float64(letters) {
			feats = append(feats, featLinkDense)
			if anchorLine(l) && (anchorLine(a.near(sc, i, -1)) || anchorLine(a.near(sc, i, 1))) {
				feats = append(feats, featAnchors)
			}
		}
		if isBreadcrumb(l) && (firstProse < 0 || i < firstProse) {
			feats = append(feats, featBreadcrumb)
		}
		if isCount {
			feats = append(feats, featCount)
		}
		if isUI {
			feats = append(feats, featUIVerbs)
		}
		if startsLower(l.words) {
			feats = append(feats, featLowerStart)
		}
		if a.leadIn(sc, i) {
			feats = append(feats, featLeadIn)
		}
		if nonBlank <= a.cls.HeadLines && (firstProse < 0 || i < firstProse) && !l.heading {
			feats = append(feats, featHead)
		}
		if a.inTail(doc, sc, i, lastProse) {
			feats = append(feats, featTail)
		}
		if a.nextToPhrase(sc, i) {
			feats = append(feats, featNeighbour)
		}
		if nw >= a.cls.SentenceWords && l.terminal {
			feats = append(feats, featSentence)
		}
		if l.heading || (a.plainHeading(sc, i) && !isCount && !isUI) {
			feats = append(feats, featHeading)
		}
		if l.inProse {
			feats = append(feats, featInProse)
		}
		l.feats = feats
		for _, f := range feats {
			l.score += a.weight(f)
		}
	}
}

// isBreadcrumb reports whether a line is a trail of two or more links
// joined by separators, with little other text.
func isBreadcrumb(l *scored) bool {
	if l.links < 2 || l.separators < l.links-1 || l.terminal {
		return false
	}
	letters := countLetters(l.visible)
	return letters > 0 && float64(l.linkChars) >= 0.8*float64(letters)
}

// startsLower reports whether the first word starts with a lower-case
// letter: a line continuing a sentence ("like this:", "report:").
func startsLower(words []string) bool {
	for _, w := range words {
		for _, r := range w {
			return unicode.IsLower(r)
		}
	}
	return false
}

// followedByProse reports whether the next non-blank line after i (across
// at most MaxGap blank lines) is article prose.
func (a *analyzer) followedByProse(sc []scored, i int) bool {
	n := a.near(sc, i, 1)
	return n != nil && a.isProseLine(n)
}

// leadIn reports whether line i introduces what follows it: a code block,
// or, when it ends with a colon, a line of prose. Such a line is part of
// the article.
func (a *analyzer) leadIn(sc []scored, i int) bool {
	n := a.near(sc, i, 1)
	if n == nil {
		return false
	}
	return n.code || (strings.HasSuffix(strings.TrimRight(sc[i].visible, " *_"), ":") && a.isProseLine(n))
}

// anchorLine reports whether most of a line's links point at #fragments.
func anchorLine(l *scored) bool {
	return l != nil && l.links > 0 && l.anchorLinks*2 > l.links
}

// near returns the nearest non-blank line before (dir -1) or after (dir 1)
// line i, across at most MaxGap blank lines, or nil.
func (a *analyzer) near(sc []scored, i, dir int) *scored {
	gap := 0
	for j := i + dir; j >= 0 && j < len(sc); j += dir {
		if !sc[j].blank {
			return &sc[j]
		}
		if gap++; gap > a.cls.MaxGap {
			break
		}
	}
	return nil
}

// nextToPhrase reports whether the nearest non-blank line before or after
// line i (across at most MaxGap blank lines) matched a phrase pack.
func (a *analyzer) nextToPhrase(sc []scored, i int) bool {
	for _, dir := range []int{-1, 1} {
		gap := 0
		for j := i + dir; j >= 0 && j < len(sc); j += dir {
			if sc[j].blank {
				gap++
				if gap > a.cls.MaxGap {
					break
				}
				continue
			}
			if sc[j].candidate && sc[j].rule != "" && !sc[j].weak {
				return true
			}
			break
		}
	}
	return false
}

// plainHeading reports whether line i looks like a plain-text heading: a
// short line without sentence punctuation, starting with a capital,
// followed by a paragraph whose line is a real sentence.
func (a *analyzer) plainHeading(sc []scored, i int) bool {
	l := &sc[i]
	if len(l.words) == 0 || len(l.words) > 12 || l.terminal || !startsUpper(l.words[0]) || l.links > 0 || l.rule != "" {
		// A line a pack matches ("Advertisement") is not taken for a
		// heading on the strength of the paragraph after it.
		return false
	}
	for j := i + 1; j < len(sc) && j <= i+2; j++ {
		if sc[j].blank {
			continue
		}
		n := &sc[j]
		return n.candidate && n.rule == "" && len(n.words) >= a.cls.SentenceWords && (n.terminal || n.inProse)
	}
	return false
}

// seedRule returns the rule that owns line l on its own: the pack its
// phrases matched, or a rule claiming one of its features.
func (a *analyzer) seedRule(l *scored) string {
	if l.rule != "" && !l.weak {
		return l.rule
	}
	for _, p := range a.packs {
		for _, c := range p.claims {
			if slices.Contains(l.feats, c) {
				return p.rule
			}
		}
	}
	return ""
}

// runs groups residue lines into blocks: adjacent residue lines (across at
// most MaxGap blank lines) form a run; runs without a seed (a line a pack
// owns) are dropped; a run that starts in the tail absorbs the short lines
// after it; each line takes the rule of the nearest seed, and consecutive
// lines of one rule form a block.
func (a *analyzer) runs(doc *document.Document, sc []scored) []block {
	firstProse, lastProse := a.bounds(sc)
	firstNonBlank := -1
	for i := range sc {
		if !sc[i].blank {
			firstNonBlank = i
			break
		}
	}
	residue := func(i int) bool {
		l := &sc[i]
		return l.candidate && !l.byline && l.score >= a.cls.Threshold
	}
	var out []block
	prevEnd := -1 // index of the last line of the previous run
	for i := 0; i < len(sc); {
		if !residue(i) {
			i++
			continue
		}
		run := []int{i}
		j := i + 1
		for {
			k := j
			for k < len(sc) && sc[k].blank && k-j < a.cls.MaxGap {
				k++
			}
			if k < len(sc) && residue(k) {
				run = append(run, k)
				j = k + 1
				continue
			}
			break
		}
		i = run[len(run)-1] + 1
		seeded := false
		for _, k := range run {
			if a.seedRule(&sc[k]) != "" {
				seeded = true
			}
		}
		if !seeded {
			continue
		}
		head := firstProse < 0 || run[0] < firstProse
		if head || a.inTail(doc, sc, run[0], lastProse) {
			// Short lines just above a block in the head or the tail
			// ("Follow", "Written by …") belong to it.
			run = a.absorbBack(sc, run, prevEnd)
		}
		switch {
		case a.inTail(doc, sc, run[0], lastProse):
			// A block that starts in the tail takes the short lines
			// after it.
			run, i = a.absorb(sc, run, i, a.cls.AbsorbWords, false)
		case run[0] == firstNonBlank:
			// A block at the very top takes the short lines after it,
			// up to the title.
			run, i = a.absorb(sc, run, i, a.cls.ShortWords, true)
		case slices.ContainsFunc(run, func(k int) bool { return a.leads(&sc[k]) }):
			// A line introducing a list of teasers takes the list.
			run, i = a.absorb(sc, run, i, a.cls.AbsorbWords, true)
		}
		prevEnd = run[len(run)-1]
		out = append(out, a.split(sc, run)...)
	}
	return out
}

// absorbBack prepends to run the short lines just above it (down to, not
// including, index stop): candidates of at most ShortWords words without
// sentence punctuation that are not headings or prose. Blank gaps longer
// than MaxGap end it.
func (a *analyzer) absorbBack(sc []scored, run []int, stop int) []int {
	var pre []int
	gap := 0
	for k := run[0] - 1; k > stop; k-- {
		l := &sc[k]
		if l.blank {
			if gap++; gap > a.cls.MaxGap {
				break
			}
			continue
		}
		gap = 0
		if !l.candidate || l.byline || l.long || l.inProse || len(l.words) > a.cls.ShortWords ||
			(l.terminal && l.rule == "") || slices.Contains(l.feats, featHeading) ||
			slices.Contains(l.feats, featLeadIn) || slices.Contains(l.feats, featLowerStart) {
			break
		}
		pre = append(pre, k)
	}
	slices.Reverse(pre)
	return append(pre, run...)
}

// absorb extends run with the lines after index next while they are blank
// or short: candidates of at most maxWords words, not prose, headings or
// bylines (and, when noSentence, not ending with sentence punctuation).
// It returns the run and the index after its last line.
func (a *analyzer) absorb(sc []scored, run []int, next, maxWords int, noSentence bool) ([]int, int) {
	for k := next; k < len(sc); k++ {
		l := &sc[k]
		if l.blank {
			continue
		}
		if !l.candidate || l.byline || l.long || len(l.words) > maxWords || l.inProse ||
			slices.Contains(l.feats, featHeading) || (noSentence && l.terminal && l.rule == "") {
			break
		}
		run = append(run, k)
		next = k + 1
	}
	return run, next
}

// leads reports whether l matched a phrase that introduces a list of
// residue ("Related posts").
func (a *analyzer) leads(l *scored) bool {
	for _, p := range a.packs {
		if p.rule != l.rule {
			continue
		}
		for _, ld := range p.leads {
			if l.norm == ld {
				return true
			}
		}
	}
	return false
}

// split assigns each line of a run the rule of the nearest seed above it
// (residue blocks run from a header down through their items), or, with
// none above, of the nearest seed below; and cuts the run where the rule
// changes.
func (a *analyzer) split(sc []scored, run []int) []block {
	rules := make([]string, len(run))
	for x, k := range run {
		rules[x] = a.seedRule(&sc[k])
	}
	owner := make([]string, len(run))
	last := ""
	for x := range run {
		if rules[x] != "" {
			last = rules[x]
		}
		owner[x] = last
	}
	next := ""
	for x := len(run) - 1; x >= 0; x-- {
		if rules[x] != "" {
			next = rules[x]
		}
		if owner[x] == "" {
			owner[x] = next
		}
	}
	var out []block
	for x, k := range run {
		l := &sc[k]
		if n := len(out); n > 0 && out[n-1].rule == owner[x] {
			out[n-1].last = l.n
			out[n-1].lines = append(out[n-1].lines, l)
			continue
		}
		out = append(out, block{rule: owner[x], first: l.n, last: l.n, lines: []*scored{l}})
	}
	return out
}

// reasons explains a block by its strongest line's features.
func (a *analyzer) reasons(b *block) string {
	var best *scored
	for _, l := range b.lines {
		if best == nil || l.score > best.score {
			best = l
		}
	}
	if best == nil {
		return ""
	}
	if best.byline {
		return "the same short line twice near the top"
	}
	var parts []string
	for _, f := range best.feats {
		w := a.weight(f)
		s := fmt.Sprintf("%s %+g", f, w)
		if (f == featPhrase || f == featWeakPhrase) && best.matched != "" {
			if strings.HasPrefix(best.matched, "pattern ") {
				s = fmt.Sprintf("%s (%s) %+g", f, best.matched, w)
			} else {
				s = fmt.Sprintf("%s %q %+g", f, best.matched, w)
			}
		}
		parts = append(parts, s)
	}
	return fmt.Sprintf("score %g: %s", best.score, strings.Join(parts, ", "))
}
