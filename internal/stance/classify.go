package stance

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// frameAction is what a frame does to the cues on one side of it.
type frameAction int

const (
	keep frameAction = iota
	flip
	cancel
)

type frame struct {
	before, after frameAction
	modal         bool
}

// The lexicon's pattern lists, by index in lexicon.lists; frame i's
// pattern is list lexFrames+i.
const (
	lexNegators = iota
	lexReported
	lexFeelings
	lexConds
	lexHeadFrames
	lexHeadAdvice
	lexModals
	lexHedges
	lexPhases
	lexFrames
)

// lexList is one pattern list of the lexicon, compiled (leftmost-longest)
// into one alternation the first time a sentence may match it.
type lexList struct {
	// path locates the list's patterns in the options: "negators", or
	// "frames", "3", "pattern" for a frame's.
	path     []string
	patterns []string
	// first is the index of the list's first pattern among all the
	// lexicon's patterns (the filter's numbering).
	first int
	// anchor anchors the alternation at the start of a heading.
	anchor bool
	// The alternation, compiled when the patterns' matches cannot tell
	// its own (see mergeMatches), and each pattern, compiled the first
	// time a sentence may match it.
	once sync.Once
	re   *regexp.Regexp
	pats []lexPattern
}

// lexPattern is one pattern of a lexicon list, compiled alone.
type lexPattern struct {
	once sync.Once
	re   *regexp.Regexp
	err  *Error
}

// lexicon is a compiled Lexicon.
type lexicon struct {
	baseVerbs   map[string]bool
	lead        map[string]bool
	window      int
	maxSentence int
	w           Weights

	src    Lexicon
	lists  []lexList
	frames []frame
	// words are the precomputed required words of the lists (see
	// Lexicon.CueWords), or empty; filter, built from them on first
	// use, rules out the lists a sentence cannot match (see cueFilter).
	words      string
	filterOnce sync.Once
	filter     *cueFilter

	// contrast, listJoin and listItem are the fixed patterns (see
	// contrastExpr, listJoinExpr, listItemExpr), compiled once by
	// compileFixed.
	once                         sync.Once
	contrast, listJoin, listItem *regexp.Regexp
	// ready is set once they are compiled.
	ready atomic.Bool
}

func compileLexicon(l Lexicon) (*lexicon, Errors) {
	c := &lexicon{baseVerbs: map[string]bool{}, lead: map[string]bool{}, window: l.NegationWindow, w: l.Weights.withDefaults(), src: l, words: l.CueWords}
	if c.window <= 0 {
		c.window = 4
	}
	c.maxSentence = l.MaxSentence
	if c.maxSentence <= 0 {
		c.maxSentence = 800
	}
	for _, v := range l.BaseVerbs {
		c.baseVerbs[strings.ToLower(v)] = true
	}
	for _, v := range l.LeadWords {
		c.lead[strings.ToLower(v)] = true
	}
	for _, x := range []struct {
		key      string
		patterns []string
		anchor   bool
	}{
		{"negators", l.Negators, false},
		{"reported", l.Reported, false},
		{"feelings", l.Feelings, false},
		{"conditionals", l.Conditionals, false},
		{"heading_frames", l.HeadingFrames, true},
		{"heading_advice", l.HeadingAdvice, true},
		{"modals", l.Modals, false},
		{"hedges", l.Hedges, false},
		{"phases", l.Phases, false},
	} {
		c.lists = append(c.lists, lexList{path: []string{x.key}, patterns: x.patterns, anchor: x.anchor})
	}

	action := func(s string, def frameAction) frameAction {
		switch s {
		case "keep":
			return keep
		case "flip":
			return flip
		case "cancel":
			return cancel
		}
		return def
	}
	var errs Errors
	for i, f := range l.Frames {
		for _, side := range []struct{ key, v string }{{"before", f.Before}, {"after", f.After}} {
			if _, ok := frameActions[side.v]; !ok {
				errs = append(errs, &Error{Path: []string{"frames", fmt.Sprint(i), side.key}, Msg: fmt.Sprintf("want keep, flip or cancel, got %q", side.v)})
			}
		}
		c.lists = append(c.lists, lexList{path: []string{"frames", fmt.Sprint(i), "pattern"}, patterns: []string{f.Pattern}})
		c.frames = append(c.frames, frame{before: action(f.Before, keep), after: action(f.After, flip), modal: f.Modal})
	}
	n := 0
	for i := range c.lists {
		c.lists[i].first = n
		c.lists[i].pats = make([]lexPattern, len(c.lists[i].patterns))
		n += len(c.lists[i].patterns)
	}
	if l.Trusted {
		return c, errs
	}
	return c, append(errs, c.compileAll()...)
}

// list returns the alternation of list i, or nil when it does not
// compile or is empty.
func (c *lexicon) list(i int) *regexp.Regexp {
	x := &c.lists[i]
	x.once.Do(func() {
		x.re, _ = compileListAnchored(x.patterns, c.src.Macros, x.anchor)
		if x.re != nil {
			x.re.Longest()
		}
	})
	return x.re
}

// pattern returns pattern j of list i compiled alone (as the list would
// be with that pattern only), or nil when it does not compile.
func (c *lexicon) pattern(i, j int) *regexp.Regexp {
	x := &c.lists[i]
	p := &x.pats[j]
	p.once.Do(func() {
		re, err := compileListAnchored(x.patterns[j:j+1], c.src.Macros, x.anchor)
		if err != nil {
			path := x.path
			if len(path) == 1 {
				path = []string{path[0], fmt.Sprint(j)}
			}
			p.err = &Error{Path: path, Msg: err.err.Error()}
			return
		}
		if re != nil {
			re.Longest()
		}
		p.re = re
	})
	return p.re
}

// spans returns the matches in s of list i's alternation, running only
// the patterns the filter leaves in mask.
func (c *lexicon) spans(i int, s string, f *cueFilter, mask []uint64) []span {
	x := &c.lists[i]
	var res []*regexp.Regexp
	for j := range x.patterns {
		if f.has(mask, 0, x.first+j) {
			if re := c.pattern(i, j); re != nil {
				res = append(res, re)
			}
		}
	}
	if len(res) == 0 {
		return nil
	}
	ms, ok := mergeMatches(s, res, true)
	if !ok {
		ms = nil
		if re := c.list(i); re != nil {
			ms = re.FindAllStringIndex(s, -1)
		}
	}
	if len(ms) == 0 {
		return nil
	}
	out := make([]span, len(ms))
	for k, m := range ms {
		out[k] = span{m[0], m[1]}
	}
	return out
}

// compileAll compiles every pattern and returns the problems.
func (c *lexicon) compileAll() Errors {
	var errs Errors
	for i := range c.lists {
		for j := range c.lists[i].patterns {
			c.pattern(i, j)
			if e := c.lists[i].pats[j].err; e != nil {
				errs = append(errs, e)
			}
		}
	}
	return errs
}

// lexFilter returns the filter of the lexicon's lists, built on first
// use from the precomputed words, or derived when they are stale.
func (c *lexicon) lexFilter() *cueFilter {
	c.filterOnce.Do(func() {
		n := 0
		for i := range c.lists {
			n += len(c.lists[i].patterns)
		}
		words, ok := decodeCueWords(c.words, lexiconHash(c.src), n)
		if !ok {
			words = deriveLexiconWords(c.src)
		}
		c.filter = newCueFilter([]cueWords{words})
	})
	return c.filter
}

// frameActions are the actions a frame may name ("" for the default).
var frameActions = map[string]bool{"": true, "keep": true, "flip": true, "cancel": true}

// compiled compiles the lexicon's fixed patterns the first time it is
// called (its lists compile when first needed) and reports true.
func (c *lexicon) compiled() bool {
	c.once.Do(func() {
		c.contrast = regexp.MustCompile(contrastExpr)
		c.listJoin = regexp.MustCompile(listJoinExpr)
		c.listItem = regexp.MustCompile(listItemExpr)
		c.ready.Store(true)
	})
	return true
}

// Hit is one cue found in a sentence, after negation, frames and the rest.
type Hit struct {
	// Topic and Stance index the classifier's topics and the topic's
	// stances.
	Topic, Stance int
	// Strength is the cue's weight times its clause's force.
	Strength float64
	// Phased marks time-bounded advice.
	Phased bool
	// Start and End locate the cue in the sentence.
	Start, End int
	// Negated says the cue was negated or flipped by a frame.
	Negated bool
	// Imperative, Modal and Hedged say what weighed it.
	Imperative, Modal, Hedged bool
}

// span is a half-open range in a sentence.
type span struct{ start, end int }

// boundary separates clauses: hard ones (. ; : ! ? — parentheses) bound
// negation, frames and modals; soft ones (commas, "but") bound negation,
// conditionals and imperatives too.
type boundary struct {
	start, end int
	hard       bool
	contrast   bool // "but", "however": ends reported speech
}

// contrastExpr matches the words that end reported speech.
const contrastExpr = `(?i)\b(?:but|however|although|though|yet|whereas|while|because|so that)\b`

// sentenceInfo is what the classifier knows of a sentence, topic aside.
type sentenceInfo struct {
	text                                 string
	bounds                               []boundary
	negs, reported, conds, modals, hedge []span
	// feelings are feeling markers ("the urge to") that no negator
	// governs ("resist the urge to" is advice against the act).
	feelings []span
	// negReach is, per negator, the end of the feeling marker it governs
	// (0 for none): it negates a cue within the window after that end.
	negReach   []int
	frames     []frameHit
	phaseSpans []span
	phased     bool
	question   bool
	// headFrame is the end of the heading frame that opens a heading
	// ("Why", "Is"), or -1 when none does.
	headFrame int
	// headAdvice is the end of the heading-advice opener ("How to")
	// that opens a heading, or -1. It only keeps the heading frames
	// away: a title's goal ("How to Win Him Back") is not advice by
	// itself, so its cues keep their plain weight.
	headAdvice int
}

// inPhase reports whether [start, end) lies inside a phase marker.
func (in *sentenceInfo) inPhase(start, end int) bool {
	for _, p := range in.phaseSpans {
		if p.start <= start && end <= p.end {
			return true
		}
	}
	return false
}

type frameHit struct {
	span
	f frame
}

// isQuestion reports whether s ends with a question mark (closing quotes
// and brackets aside).
func isQuestion(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '"' || r == '”' || r == '’' || r == '\'' || r == ')' || r == '*' || r == '_'
	})
	return strings.HasSuffix(s, "?")
}

func (l *lexicon) info(s string, heading bool) *sentenceInfo {
	in := &sentenceInfo{text: s, question: isQuestion(s), headFrame: -1, headAdvice: -1}
	if in.question {
		return in
	}
	// Only the patterns whose required words s holds can match it.
	f := l.lexFilter()
	mask := f.mask()
	f.sentence(s, mask)
	spans := func(i int) []span { return l.spans(i, s, f, mask) }
	if heading {
		if m := spans(lexHeadAdvice); m != nil {
			in.headAdvice = m[0].end
		} else if m := spans(lexHeadFrames); m != nil {
			in.headFrame = m[0].end
		}
	}
	for i, r := range s {
		switch r {
		case '.', ';', ':', '!', '?', '(', ')', '—', '–', '\n', '•':
			// A period inside a number or abbreviation is not a
			// boundary worth splitting on, but treating it as one is
			// harmless: clauses only narrow.
			in.bounds = append(in.bounds, boundary{start: i, end: i + utf8.RuneLen(r), hard: true})
		case ',':
			in.bounds = append(in.bounds, boundary{start: i, end: i + 1})
		}
	}
	for _, m := range l.contrast.FindAllStringIndex(s, -1) {
		in.bounds = append(in.bounds, boundary{start: m[0], end: m[1], contrast: true})
	}
	sort.Slice(in.bounds, func(i, j int) bool { return in.bounds[i].start < in.bounds[j].start })
	for i, f := range l.frames {
		for _, m := range spans(lexFrames + i) {
			in.frames = append(in.frames, frameHit{m, f})
		}
	}
	sort.Slice(in.frames, func(i, j int) bool { return in.frames[i].start < in.frames[j].start })
	for _, n := range spans(lexNegators) {
		inFrame := false
		for _, f := range in.frames {
			if n.start < f.end && f.start < n.end {
				inFrame = true
			}
		}
		if !inFrame {
			in.negs = append(in.negs, n)
		}
	}
	in.reported = spans(lexReported)
	// A negator over a feeling marker ("resist the urge to") or shortly
	// before it ("don't give in to the urge to") governs the feeling: the
	// marker is then no feeling, and the negator reaches past it to the
	// cue it introduces.
	in.negReach = make([]int, len(in.negs))
	for _, f := range spans(lexFeelings) {
		governed := false
		for i, n := range in.negs {
			over := n.start < f.end && f.start < n.end
			near := n.end <= f.start && wordCount(s[n.end:f.start]) <= l.window && !strings.ContainsAny(s[n.end:f.start], ",;:.!?")
			if over || near {
				governed = true
				in.negReach[i] = max(in.negReach[i], f.end)
			}
		}
		if !governed {
			in.feelings = append(in.feelings, f)
		}
	}
	in.conds = spans(lexConds)
	in.modals = spans(lexModals)
	in.hedge = spans(lexHedges)
	in.phaseSpans = spans(lexPhases)
	in.phased = len(in.phaseSpans) > 0
	return in
}

// clause returns the clause around [start, end): the end of the last
// boundary before start and the start of the first after end; hard limits
// the search to hard boundaries.
func (in *sentenceInfo) clause(start, end int, hard bool) (int, int) {
	cs, ce := 0, len(in.text)
	for _, b := range in.bounds {
		if hard && !b.hard {
			continue
		}
		if b.end <= start && b.end > cs {
			cs = b.end
		}
		if b.start >= end && b.start < ce {
			ce = b.start
		}
	}
	return cs, ce
}

// wordCount counts runs of letters or digits in s.
func wordCount(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’'
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// words returns the lower-cased words of s with their offsets.
func words(s string) []span {
	var out []span
	start := -1
	for i, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’'
		if w && start < 0 {
			start = i
		}
		if !w && start >= 0 {
			out = append(out, span{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, span{start, len(s)})
	}
	return out
}

// normWord lower-cases a word and straightens its apostrophes.
func normWord(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), "’", "'")
}

// imperativeAt reports whether the clause starting at cs opens with an
// imperative verb (after lead words such as "just" or "don't").
func (l *lexicon) imperativeAt(s string, cs, ce int) bool {
	ws := words(s[cs:ce])
	for i, w := range ws {
		word := normWord(s[cs+w.start : cs+w.end])
		if l.lead[word] {
			if l.baseVerbs[word] && (i+1 >= len(ws) || !l.continues(normWord(s[cs+ws[i+1].start:cs+ws[i+1].end]))) {
				return true
			}
			continue
		}
		if i == 0 && isDigits(word) {
			continue // a list number
		}
		return l.baseVerbs[word]
	}
	return false
}

func (l *lexicon) continues(w string) bool { return l.lead[w] || l.baseVerbs[w] }

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// cue is a raw cue match.
type cue struct {
	stance     int
	start, end int
	strong     bool
}

// findCues finds topic t's cues in s, dropping those inside longer ones.
// Only the cue patterns in pats may match (t's patterns are f's
// patterns of topic ti); nil pats runs every cue list whole.
func (t *Topic) findCues(s string, f *cueFilter, ti int, pats []uint64) []cue {
	var all []cue
	var cands []int
	for li := range t.lists {
		l := &t.lists[li]
		var ms [][]int
		if pats == nil {
			if re := t.list(li); re != nil {
				ms = re.FindAllStringIndex(s, -1)
			}
		} else {
			cands = cands[:0]
			for pi := l.first; pi < l.end; pi++ {
				if f.has(pats, ti, pi) {
					cands = append(cands, pi)
				}
			}
			if len(cands) == 0 {
				continue // the sentence holds none of the list's words
			}
			ms = t.listMatches(li, s, cands)
		}
		for _, m := range ms {
			all = append(all, cue{li / 2, m[0], m[1], li%2 == 0})
		}
	}
	if len(all) < 2 {
		return all
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].start != all[j].start {
			return all[i].start < all[j].start
		}
		return all[i].end > all[j].end
	})
	// Keep the leftmost of overlapping cues (the longest among those
	// starting together): "wait for him to make | the first move".
	out := all[:0]
	for _, c := range all {
		if len(out) > 0 && c.start < out[len(out)-1].end {
			continue
		}
		out = append(out, c)
	}
	return out
}

// listMatches returns the matches in s of cue list li's alternation
// (what its FindAllStringIndex returns) when only its patterns cands, in
// list order, may match s: from the matches of those patterns alone
// (see mergeMatches), or from the alternation when they cannot tell.
func (t *Topic) listMatches(li int, s string, cands []int) [][]int {
	res := make([]*regexp.Regexp, 0, len(cands))
	for _, pi := range cands {
		if re := t.pattern(pi); re != nil {
			res = append(res, re)
		}
	}
	if ms, ok := mergeMatches(s, res, false); ok {
		return ms
	}
	return t.listAll(li, s)
}

// mergeMatches returns the matches in s of the alternation of res's
// patterns, in order (longest: leftmost-longest), from the matches of
// each; false when they cannot tell.
//
// The alternation matches leftmost-first, resuming after each match: at
// the leftmost position where a pattern matches, the first such pattern
// in order wins with its own preferred match (leftmost-longest: the
// longest match there wins). A pattern's own matches hold its leftmost
// match from any position that none of them straddles (its search from
// an earlier end found the same one), so merging the patterns' matches
// gives the alternation's, unless a match straddles where the
// alternation resumes or is empty (empty matches resume differently).
// The patterns that res leaves out must match nowhere in s.
func mergeMatches(s string, res []*regexp.Regexp, longest bool) ([][]int, bool) {
	if len(res) == 1 {
		return res[0].FindAllStringIndex(s, -1), true
	}
	type stream struct {
		ms   [][]int
		next int
	}
	streams := make([]stream, 0, len(res))
	for _, re := range res {
		if ms := re.FindAllStringIndex(s, -1); len(ms) > 0 {
			streams = append(streams, stream{ms: ms})
		}
	}
	switch len(streams) {
	case 0:
		return nil, true
	case 1:
		return streams[0].ms, true
	}
	var out [][]int
	for pos := 0; ; {
		best := -1
		for k := range streams {
			st := &streams[k]
			for st.next < len(st.ms) && st.ms[st.next][0] < pos {
				if st.ms[st.next][1] > pos {
					return nil, false // straddles pos
				}
				st.next++
			}
			if st.next == len(st.ms) {
				continue
			}
			m := st.ms[st.next]
			if best < 0 {
				best = k
				continue
			}
			b := streams[best].ms[streams[best].next]
			if m[0] < b[0] || longest && m[0] == b[0] && m[1] > b[1] {
				best = k
			}
		}
		if best < 0 {
			return out, true
		}
		m := streams[best].ms[streams[best].next]
		if m[0] == m[1] {
			return nil, false
		}
		out = append(out, m)
		pos = m[1]
	}
}

// listAll returns the matches of cue list li's alternation in s.
func (t *Topic) listAll(li int, s string) [][]int {
	if re := t.list(li); re != nil {
		return re.FindAllStringIndex(s, -1)
	}
	return nil
}

// listJoinExpr matches the text between two cues of one list: "call, text, or
// email him".
const listJoinExpr = `(?i)^[\s,/]*(?:(?:or|and|nor|and/or)(?:\s+even)?\s*)?$`

// judge evaluates topic t's cues cs in a sentence.
func (l *lexicon) judge(t *Topic, ti int, in *sentenceInfo, cs []cue) []Hit {
	if in.question {
		return nil
	}
	s := in.text
	var hits []Hit
	prevEnd, prevFlip, prevOK, prevStance := -1, false, false, -1
	for _, c := range cs {
		if in.inPhase(c.start, c.end) {
			continue // names a phase ("once the no contact period is over")
		}
		hardStart, hardEnd := in.clause(c.start, c.end, true)
		softStart, softEnd := in.clause(c.start, c.end, false)
		inherit := prevOK && c.stance == prevStance && prevEnd <= c.start && prevEnd >= hardStart && l.listJoin.MatchString(s[prevEnd:c.start])
		// Reported speech and quotations.
		reported := false
		for _, r := range in.reported {
			if r.end <= c.start && !in.contrastBetween(r.end, c.start) {
				reported = true
			}
		}
		if quotesBefore(s[:c.start])%2 == 1 {
			reported = true
		}
		// Feelings: "the urge to call him" describes a feeling, not
		// advice, and so does the rest of a list it opens ("the urge to
		// call, text or email him").
		feeling := false
		for _, m := range in.feelings {
			if m.start >= hardStart && m.end <= c.start && l.feelingReaches(in, m.end, c.start) {
				feeling = true
			}
		}
		// A heading that opens with a question or framing word frames
		// its subject up to the end of its clause, or to a clause that
		// opens with an imperative ("When he pulls away, let him go").
		if f := in.headFrame; f >= 0 && f <= c.start {
			if _, e := in.clause(f, f, true); c.start < e && l.feelingReaches(in, f, c.start) {
				prevEnd, prevOK = c.end, false
				continue
			}
		}
		// Conditional clauses.
		conditional := false
		for _, d := range in.conds {
			if d.start >= softStart && d.end <= c.start {
				conditional = true
			}
		}
		// Frames.
		flipped, flippedBefore, cancelled, framed := false, false, false, false
		scope := softStart
		for _, f := range in.frames {
			if f.start < hardStart || f.end > hardEnd {
				continue
			}
			if f.end <= c.start {
				_, fEnd := in.clause(f.start, f.end, false)
				if c.start < fEnd || f.f.after != flip {
					switch f.f.after {
					case flip:
						flipped = true
						framed = framed || f.f.modal
						scope = max(scope, f.end)
					case cancel:
						cancelled = true
					case keep:
						flipped = false
						scope = max(scope, f.end)
					}
				}
			} else if c.end <= f.start {
				switch f.f.before {
				case cancel:
					cancelled = true
				case flip:
					flippedBefore = !flippedBefore
					framed = framed || f.f.modal
				}
			}
		}
		// Negation: a negator governs the first cue after it.
		negs := 0
		for i, n := range in.negs {
			reach := n.end
			if r := in.negReach[i]; r > 0 && r <= c.start {
				reach = r
			}
			if n.start >= scope && n.end <= c.start && n.start >= prevEnd && wordCount(s[reach:c.start]) <= l.window {
				negs++
			}
		}
		neg := flipped != (negs%2 == 1)
		if inherit && negs == 0 && !flipped {
			neg = prevFlip
		}
		prevEnd, prevFlip, prevOK, prevStance = c.end, neg, true, c.stance
		neg = neg != flippedBefore
		if reported || conditional || cancelled || feeling {
			continue
		}
		stance := c.stance
		if neg {
			stance = t.negated[c.stance]
			if stance < 0 {
				continue
			}
		}
		h := Hit{Topic: ti, Stance: stance, Start: c.start, End: c.end, Negated: neg,
			Phased: in.phasedAt(c, cs, softStart, softEnd, hardStart)}
		h.Imperative = l.imperativeAt(s, softStart, softEnd)
		if !h.Imperative {
			for _, b := range in.softStarts(hardStart, hardEnd) {
				_, e := in.clause(b, b, false)
				if l.imperativeAt(s, b, e) {
					h.Imperative = true
					break
				}
			}
		}
		// A contrastive frame argues a point: it has a modal's force.
		h.Modal = framed
		for _, m := range in.modals {
			if m.start >= hardStart && m.end <= hardEnd {
				h.Modal = true
			}
		}
		for _, m := range in.hedge {
			if m.start >= hardStart && m.end <= hardEnd {
				h.Hedged = true
			}
		}
		w := l.w
		h.Strength = w.Cue
		if c.strong {
			h.Strength = w.Strong
		}
		switch {
		case h.Imperative && h.Modal:
			h.Strength *= max(w.Imperative, w.Modal)
		case h.Imperative:
			h.Strength *= w.Imperative
		case h.Modal:
			h.Strength *= w.Modal
		default:
			h.Strength *= w.Plain
		}
		if h.Hedged {
			h.Strength *= w.Hedge
		}
		hits = append(hits, h)
	}
	return hits
}

// feelingReaches reports whether a feeling marker ending at from reaches
// a cue at to: no contrast word lies between them, and no soft clause
// between them opens with an imperative ("the urge to call him will
// pass, so block him") unless it is an item of a list ("the urge to
// call, text or email him").
func (l *lexicon) feelingReaches(in *sentenceInfo, from, to int) bool {
	if in.contrastBetween(from, to) {
		return false
	}
	for _, b := range in.bounds {
		if b.hard || b.contrast || b.start < from || b.end > to {
			continue
		}
		_, e := in.clause(b.end, b.end, false)
		if !l.listItem.MatchString(in.text[b.end:]) && l.imperativeAt(in.text, b.end, e) {
			return false
		}
	}
	return true
}

// listItemExpr matches text that opens with a word followed by a list
// joiner: "text or email him", "texts, calls".
const listItemExpr = `^\s*["“']?[\p{L}'’-]+["”']?(?:\s*,|\s+(?:or|and|and/or|nor)\b|\s*/)`

// softStarts returns the starts of the soft clauses within [hs, he).
func (in *sentenceInfo) softStarts(hs, he int) []int {
	out := []int{hs}
	for _, b := range in.bounds {
		if !b.hard && b.end > hs && b.end < he {
			out = append(out, b.end)
		}
	}
	return out
}

// contrastBetween reports whether a "but" or "however" lies in [a, b).
func (in *sentenceInfo) contrastBetween(a, b int) bool {
	for _, x := range in.bounds {
		if x.contrast && x.start >= a && x.end <= b {
			return true
		}
	}
	return false
}

// quotesBefore counts double quotation marks in s.
func quotesBefore(s string) int {
	return strings.Count(s, `"`) + strings.Count(s, "“") + strings.Count(s, "”")
}

// phasedAt reports whether cue c is phase-scoped: a phase marker in its
// soft clause ("don't text him for a month"), or earlier in its hard clause
// in a soft clause of its own that holds no other cue ("At first, avoid
// all contact").
func (in *sentenceInfo) phasedAt(c cue, cs []cue, softStart, softEnd, hardStart int) bool {
	for _, p := range in.phaseSpans {
		if p.start >= softStart && p.end <= softEnd {
			return true
		}
		if p.start < hardStart || p.end > c.start {
			continue
		}
		ps, pe := in.clause(p.start, p.end, false)
		alone := true
		for _, o := range cs {
			if o.start >= ps && o.end <= pe && !in.inPhase(o.start, o.end) {
				alone = false
			}
		}
		if alone {
			return true
		}
	}
	return false
}
