package boilerplate

import (
	"math"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/prefilter"
)

// The seed gate. A run of residue lines is reported only when it holds a
// seed (seedRule): a line a pack's phrases or patterns match non-weakly,
// or a line with a feature some rule claims; duplicated bylines are
// reported only when found (findBylines). mayHaveSeed tests necessary
// conditions of each of these on the cheap line table, so a document it
// rejects has no residue block at all and skips the full analysis.
// Nearly every document of technical documentation is rejected.

// phraseIndex numbers the words of every pack's phrases so that a line's
// words can be matched against the phrases without building strings.
type phraseIndex struct {
	ids map[string]int32 // phrase word -> id (from 1)
	// packs[p][k] is pack p's phrase k as word ids.
	packs [][][]int32
	// first[p][id] lists pack p's phrases starting with word id.
	first [][][]int
	// strongFirst[id]: some pack's strong (non-weak) phrase starts with
	// word id.
	strongFirst []bool
	// uiWord[id]: the word is one of the interface phrases' words.
	uiWord []bool
	// table is ids as an open-addressing hash table keyed by FNV-1a
	// hashes, which normIDs computes while it lower-cases a word.
	table []wordSlot
	mask  uint32
	// seen has bit hash>>16 set for the hash of every word of table: a
	// word whose bit is clear is in no phrase, found without touching the
	// table (8 KB, which stays in cache, where the table would not).
	seen [1 << 10]uint64
	// shapes has bit shapeOf(w) set for every word w of table: an ASCII
	// word whose bit is clear is in no phrase, found without hashing it.
	shapes [1 << 10]uint64
	// uiShapes is shapes for the interface words (uiWord).
	uiShapes [1 << 10]uint64
}

// shapeOf returns the shape of a word of ASCII letters and digits (or
// one lower-cased): its length (up to 15) and its first and last bytes
// lower-cased (and cut to six bits).
func shapeOf(w string) uint32 {
	n := min(len(w), 15)
	return uint32(n)<<12 | uint32((w[0]|0x20)&63)<<6 | uint32((w[len(w)-1]|0x20)&63)
}

// shapeUnseen reports whether no word of the index has the shape of
// ASCII word w, which needs no hashing (false may be wrong).
func (x *phraseIndex) shapeUnseen(w string) bool {
	b := shapeOf(w)
	return x.shapes[b>>6]&(1<<(b&63)) == 0
}

// unseen reports whether no word of the index has FNV-1a hash h (false
// may be wrong: the table decides).
func (x *phraseIndex) unseen(h uint32) bool {
	b := h >> 16
	return x.seen[b>>6]&(1<<(b&63)) == 0
}

// wordSlot is one entry of phraseIndex.table; id 0 marks an empty slot.
type wordSlot struct {
	hash uint32
	id   int32
	word string
}

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func fnv(w string) uint32 {
	h := uint32(fnvOffset)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * fnvPrime
	}
	return h
}

// lookup returns the id of word w, whose FNV-1a hash is h, or 0.
func (x *phraseIndex) lookup(w []byte, h uint32) int32 {
	if x.unseen(h) {
		return 0
	}
	for i := h & x.mask; ; i = (i + 1) & x.mask {
		e := &x.table[i]
		if e.id == 0 {
			return 0
		}
		if e.hash == h && e.word == string(w) {
			return e.id
		}
	}
}

func newPhraseIndex(packs []pack, ui [][]string) *phraseIndex {
	x := &phraseIndex{ids: map[string]int32{}}
	id := func(w string) int32 {
		if v, ok := x.ids[w]; ok {
			return v
		}
		v := int32(len(x.ids) + 1)
		x.ids[w] = v
		return v
	}
	for _, p := range packs {
		phrases := make([][]int32, len(p.phrases))
		for k, ph := range p.phrases {
			for _, w := range ph {
				phrases[k] = append(phrases[k], id(w))
			}
		}
		x.packs = append(x.packs, phrases)
	}
	var uiIDs []int32
	for _, ph := range ui {
		for _, w := range ph {
			uiIDs = append(uiIDs, id(w))
		}
	}
	n := len(x.ids) + 1
	x.uiWord = make([]bool, n)
	for _, v := range uiIDs {
		x.uiWord[v] = true
	}
	x.strongFirst = make([]bool, n)
	for pi, p := range packs {
		first := make([][]int, n)
		for k, ph := range x.packs[pi] {
			first[ph[0]] = append(first[ph[0]], k)
			if !p.weak[k] {
				x.strongFirst[ph[0]] = true
			}
		}
		x.first = append(x.first, first)
	}
	size := 16
	for size < 4*len(x.ids) {
		size *= 2
	}
	x.table, x.mask = make([]wordSlot, size), uint32(size-1)
	for w, v := range x.ids {
		h := fnv(w)
		i := h & x.mask
		for x.table[i].id != 0 {
			i = (i + 1) & x.mask
		}
		x.table[i] = wordSlot{hash: h, id: v, word: w}
		b := h >> 16
		x.seen[b>>6] |= 1 << (b & 63)
		b = shapeOf(w)
		x.shapes[b>>6] |= 1 << (b & 63)
		if x.uiWord[v] {
			x.uiShapes[b>>6] |= 1 << (b & 63)
		}
	}
	return x
}

// uiUpperBelow reports whether fewer than need of the normalized words of
// s can be interface words starting with a capital (what normIDs counts
// in sc.uiUpper): ASCII words starting with one whose shape an interface
// word has, and every word holding or starting with a non-ASCII byte. It
// splits s as shapesExceed does and hashes nothing.
func (x *phraseIndex) uiUpperBelow(s string, need int) bool {
	if need <= 0 {
		return false
	}
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiNorm[c] == 0 {
				i++ // a separator
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				i += size // a separator
				continue
			}
			// A word starting with a non-ASCII letter: counted.
			i = wordEnd(s, i)
			if n++; n >= need {
				return false
			}
			continue
		}
		start := i
		for i < len(s) && normKeepAny[s[i]] {
			i++
		}
		if i < len(s) && s[i] >= utf8.RuneSelf {
			// A word going on past a non-ASCII byte: counted if it
			// starts with a capital.
			i = wordEnd(s, i)
			if asciiNorm[c] == 2 {
				if n++; n >= need {
					return false
				}
			}
			continue
		}
		if asciiNorm[c] == 2 {
			b := shapeOf(s[start:i])
			if x.uiShapes[b>>6]&(1<<(b&63)) != 0 {
				if n++; n >= need {
					return false
				}
			}
		}
	}
	return true
}

// gateScratch holds the buffers of one gate run.
type gateScratch struct {
	ids     []int32
	word    []byte
	covered []bool
	cands   []int
	uiUpper int // see normIDs
	known   int // words of sc.ids in some phrase
	idsLine int // sc.ids, sc.uiUpper and sc.strong are of line idsLine-1
	strong  bool
	// text is line textLine-1, prepared for the prefilters.
	text     prefilter.Text
	textLine int
	// vis is the buffers of lines the gate reads that the table left
	// unknown (see headingOverProse).
	vis visScratch
	// afterProse: see mayHaveSeed.
	afterProse bool
}

// lineIDs runs normIDs on line i unless it ran last on it to the end,
// and returns its result.
func (sc *gateScratch) lineIDs(x *phraseIndex, t *lineTable, i int) (strong bool) {
	if sc.idsLine != i+1 {
		sc.strong, _ = x.normIDs(sc, t.visible(i), -1)
		sc.idsLine = i + 1
	}
	return sc.strong
}

// prepared returns line i's visible text prepared for the prefilters.
func (sc *gateScratch) prepared(t *lineTable, i int) *prefilter.Text {
	return sc.prepare(t.visible(i), i+1)
}

// prepare returns vis prepared for the prefilters; key is as for
// mayMatchLine (0: not cached).
func (sc *gateScratch) prepare(vis string, key int) *prefilter.Text {
	if key == 0 || sc.textLine != key {
		sc.text.Reset(vis)
		sc.textLine = key
	}
	return &sc.text
}

// normIDs sets sc.ids to the ids of the normalized words of s (the
// words of strings.Fields(normalize(s)), 0 for words in no phrase), and
// sc.uiUpper to how many of them are interface words starting with a
// capital; it reports whether one of them starts a strong phrase.
//
// When maxUnknown >= 0 it stops once more than maxUnknown words are in
// no phrase, and reports complete false: the line's phrase coverage is
// then too low whatever follows, and sc's fields are partial.
//
// A word of ASCII letters and digits (nearly every word) is hashed as it
// is read and compared in place; only a word holding other letters is
// lower-cased into a buffer first.
func (x *phraseIndex) normIDs(sc *gateScratch, s string, maxUnknown int) (strong, complete bool) {
	sc.ids = sc.ids[:0]
	sc.uiUpper, sc.known = 0, 0
	unknown := 0
	found := func(v int32, upper bool) {
		sc.ids = append(sc.ids, v)
		if v == 0 {
			unknown++
		} else {
			sc.known++
			strong = strong || x.strongFirst[v]
			if upper && x.uiWord[v] {
				sc.uiUpper++
			}
		}
	}
	for i := 0; i < len(s); {
		if maxUnknown >= 0 && unknown > maxUnknown {
			return strong, false
		}
		c := s[i]
		upper := false
		if c < utf8.RuneSelf {
			if asciiNorm[c] == 0 {
				i++ // a separator
				continue
			}
			upper = asciiNorm[c] == 2
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				i += size // a separator
				continue
			}
			upper = unicode.IsUpper(r)
		}
		// A word starts at i: its ASCII head runs to i.
		start := i
		for i < len(s) && normKeepAny[s[i]] {
			i++
		}
		ascii := i == len(s) || s[i] < utf8.RuneSelf
		if ascii && x.shapeUnseen(s[start:i]) {
			// No phrase word has its length and ends.
			found(0, upper)
			continue
		}
		h := uint32(fnvOffset)
		for k := start; k < i; k++ {
			// |0x20 lower-cases an ASCII letter and keeps a digit.
			h = (h ^ uint32(s[k]|0x20)) * fnvPrime
		}
		if ascii {
			// An ASCII word, looked up in place.
			found(x.lookupFold(s[start:i], h), upper)
			continue
		}
		// A non-ASCII byte follows: the word goes on while letters and
		// digits do (wordEnd), lower-cased into sc.word.
		w := sc.word[:0]
		for k := start; k < i; k++ {
			w = append(w, lowerByte(s[k]))
		}
		end := wordEnd(s, i)
		for _, r := range s[i:end] {
			n := len(w)
			w = utf8.AppendRune(w, unicode.ToLower(r))
			for _, b := range w[n:] {
				h = (h ^ uint32(b)) * fnvPrime
			}
		}
		i = end
		sc.word = w
		found(x.lookup(w, h), upper)
	}
	return strong, !(maxUnknown >= 0 && unknown > maxUnknown)
}

// shapesExceed reports whether more than maxUnknown of the normalized
// words of s are ASCII words whose shape no phrase word has: words
// normIDs finds in no phrase without hashing them, so that it would stop
// early. It splits s as normIDs does but hashes nothing, so a line with
// too many such words costs no lookups of its other words.
func (x *phraseIndex) shapesExceed(s string, maxUnknown int) bool {
	unknown := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiNorm[c] == 0 {
				i++ // a separator
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				i += size // a separator
				continue
			}
		}
		start := i
		for i < len(s) && normKeepAny[s[i]] {
			i++
		}
		if i == len(s) || s[i] < utf8.RuneSelf {
			if x.shapeUnseen(s[start:i]) {
				if unknown++; unknown > maxUnknown {
					return true
				}
			}
			continue
		}
		// A word going on past a non-ASCII byte, skipped as normIDs
		// reads it.
		i = wordEnd(s, i)
	}
	return false
}

// wordEnd returns where the normalized word that goes on at s[i] ends:
// at the first byte that is neither an ASCII byte normalize keeps nor
// part of a non-ASCII letter or digit.
func wordEnd(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiNorm[c] == 0 {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		i += size
	}
	return i
}

// lowerByte lower-cases an ASCII letter.
func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// lookupFold is lookup for an ASCII word w not yet lower-cased, whose
// lower-cased FNV-1a hash is h.
func (x *phraseIndex) lookupFold(w string, h uint32) int32 {
	if x.unseen(h) {
		return 0
	}
	for i := h & x.mask; ; i = (i + 1) & x.mask {
		e := &x.table[i]
		if e.id == 0 {
			return 0
		}
		if e.hash == h && len(e.word) == len(w) && equalFoldASCII(e.word, w) {
			return e.id
		}
	}
}

// equalFoldASCII reports whether w, ASCII, lower-cased is low.
func equalFoldASCII(low, w string) bool {
	for i := 0; i < len(w); i++ {
		if low[i] != lowerByte(w[i]) {
			return false
		}
	}
	return true
}

// mayHaveSeed reports whether a line of t may be a seed or a duplicated
// byline. False means analyzeLines finds no block in the document.
func (a *analyzer) mayHaveSeed(t *lineTable) bool {
	sc, _ := a.scratch.Get().(*gateScratch)
	if sc == nil {
		sc = new(gateScratch)
	}
	defer a.scratch.Put(sc)
	sc.idsLine, sc.textLine = 0, 0 // a pooled scratch's lines were another document's
	// sc.afterProse: a line before this one is certainly a prose line
	// (isProseLine), so no line from here on is before the first one,
	// where alone score gives the breadcrumb feature.
	sc.afterProse = false
	for i := range t.lines {
		l := &t.lines[i]
		if l.candidate && l.known && l.long {
			// A long candidate line is prose: matchLine leaves it
			// unmatched.
			sc.afterProse = true
		}
		if !l.candidate || !l.known || l.long {
			continue
		}
		if l.inProse {
			// The lines of a paragraph holding a real sentence are
			// residue only when every one of them matches a pack
			// (releaseResidueParagraphs): the run's gate line, the only
			// one of it known (see markGateLines), must.
			if a.mayMatch(sc, t, i) && a.runMayMatch(sc, t, i) {
				return true
			}
			// Then the run keeps its prose status, and its lines that
			// are candidates (this one) are prose lines.
			sc.afterProse = true
			continue
		}
		if l.heading && a.headingOverProse(sc, t, i) {
			// score makes such a heading no candidate: it is no seed.
			continue
		}
		if a.mayMatch(sc, t, i) || a.mayHaveClaimedFeature(sc, t, i) {
			return true
		}
	}
	return a.mayHaveByline(t)
}

// runMayMatch reports whether every other line of the run of prose
// lines whose gate line is g may match a pack non-weakly, as the run's
// release needs (releaseResidueParagraphs): a line that is no candidate
// or is long matches nothing. The table left them unknown: they are read
// here, which happens only when the gate line passes mayMatch.
func (a *analyzer) runMayMatch(sc *gateScratch, t *lineTable, g int) bool {
	start, end := g, g+1
	for start > 0 && t.lines[start-1].inProse {
		start--
	}
	for end < len(t.lines) && t.lines[end].inProse {
		end++
	}
	for j := start; j < end; j++ {
		if j == g {
			continue
		}
		info, vis := t.compute(j, &sc.vis)
		if !info.candidate || info.long || !a.mayMatchLine(sc, &info, string(vis), 0) {
			return false
		}
	}
	return true
}

// headingOverProse reports whether the next non-blank line after line i
// (across at most MaxGap blank lines, as near finds it) is certainly
// prose for score's followedByProse: a long line (never matched), or the
// first line of a multi-line prose paragraph. Such a paragraph keeps its
// prose status unless every line of it matches a pack non-weakly
// (releaseResidueParagraphs); then its gate line passes mayMatch, which
// mayHaveSeed tests on its own, so skipping the heading loses no seed.
// A first line the table left unknown (not its run's gate line) is read
// here (in sc.vis), for whether it is a candidate.
func (a *analyzer) headingOverProse(sc *gateScratch, t *lineTable, i int) bool {
	gap := 0
	for j := i + 1; j < len(t.lines); j++ {
		n := &t.lines[j]
		if !n.blank {
			if n.inProse && n.candidate && !n.known {
				info, _ := t.compute(j, &sc.vis)
				n = &info
			}
			return n.candidate && n.known && (n.long || n.inProse)
		}
		if gap++; gap > a.cls.MaxGap {
			break
		}
	}
	return false
}

// mayMatch reports whether line i may match a pack non-weakly: a pattern
// matches it, or a pack's phrases cover enough of it with a strong one
// among them (as matchLine and coverage decide).
func (a *analyzer) mayMatch(sc *gateScratch, t *lineTable, i int) bool {
	return a.mayMatchLine(sc, &t.lines[i], t.visible(i), i+1)
}

// mayMatchLine is mayMatch for a line l whose visible text is vis; key
// (i+1 for line i of the table, 0 for none) keys sc's caches of the
// line's prepared text and word ids.
func (a *analyzer) mayMatchLine(sc *gateScratch, l *lineInfo, vis string, key int) bool {
	// l.tokens is the number of words matchLine matches (the fields of
	// the line's norm), and l.words <= l.tokens.
	if int(l.words) > maxMatchWords || l.tokens == 0 {
		return false
	}
	// An ASCII line (nearly every one; its visible text is ASCII too)
	// that no pattern's filter can accept is told from its first bytes
	// and a search of it (MayMatchASCII), without preparing it.
	if l.tokens <= maxPatternWords && (!l.ascii || a.patternSet.MayMatchASCII(vis)) {
		// A line matches a pack's alternation when it matches one of
		// its patterns.
		sc.cands = a.patternSet.MayMatch(sc.prepare(vis, key), sc.cands[:0])
		for _, c := range sc.cands {
			pk := a.patternOf[c]
			if a.packs[pk[0]].patterns()[pk[1]].MatchString(vis) {
				return true
			}
		}
	}
	// Phrases cover only words that are in some phrase: once more words
	// are in none than the coverage allows, the line cannot match.
	n := int(l.tokens)
	strong := false
	if key != 0 && sc.idsLine == key {
		strong = sc.strong
	} else {
		complete := false
		sc.idsLine = 0 // sc.ids is overwritten, maybe in part
		maxU := a.maxUnknown(n)
		if a.index.shapesExceed(vis, maxU) {
			// normIDs would stop early: too many words are in no
			// phrase, found without hashing any word.
			return false
		}
		strong, complete = a.index.normIDs(sc, vis, maxU)
		if !complete {
			return false
		}
		sc.strong, sc.idsLine = strong, key
	}
	words := sc.ids
	if !strong || float64(sc.known)/float64(len(words)) < a.cls.PhraseCoverage {
		return false
	}
	for pi := range a.packs {
		if cover, weak := a.index.coverage(sc, pi, a.packs[pi].weak); !weak && cover >= a.cls.PhraseCoverage {
			return true
		}
	}
	return false
}

// maxUnknown returns the most words of n that can be in no phrase while
// the others still cover classifier.phrase_coverage of the line.
func (a *analyzer) maxUnknown(n int) int {
	u := 0
	for u < n && float64(n-(u+1))/float64(n) >= a.cls.PhraseCoverage {
		u++
	}
	return u
}

// coverage is pack.coverage (phrases only) over sc.ids.
func (x *phraseIndex) coverage(sc *gateScratch, pi int, weakPhrase []bool) (cover float64, weak bool) {
	words := sc.ids
	sc.covered = slices.Grow(sc.covered[:0], len(words))[:len(words)]
	clear(sc.covered)
	strong := false
	for i, w := range words {
		if w == 0 {
			continue
		}
		for _, k := range x.first[pi][w] {
			ph := x.packs[pi][k]
			if i+len(ph) > len(words) || !slices.Equal(words[i:i+len(ph)], ph) {
				continue
			}
			for j := range ph {
				sc.covered[i+j] = true
			}
			strong = strong || !weakPhrase[k]
		}
	}
	n := 0
	for _, c := range sc.covered {
		if c {
			n++
		}
	}
	return float64(n) / float64(len(words)), !strong
}

// mayHaveClaimedFeature reports whether line i may have a feature some
// pack claims (see score).
func (a *analyzer) mayHaveClaimedFeature(sc *gateScratch, t *lineTable, i int) bool {
	l := &t.lines[i]
	nw := int(l.words)
	for _, f := range a.claimed {
		switch f {
		case featCount:
			// As for patterns in mayMatch: an ASCII line is prepared only
			// when MayMatchASCII lets it through.
			if nw <= 2*a.cls.ShortWords && !l.terminal && a.counts != nil && (!l.ascii || a.countSet.MayMatchASCII(t.visible(i))) {
				// A line matches the alternation when it matches one of
				// its patterns.
				vis := t.visible(i)
				sc.cands = a.countSet.MayMatch(sc.prepared(t, i), sc.cands[:0])
				for _, c := range sc.cands {
					if a.countEach[c]().MatchString(vis) {
						return true
					}
				}
			}
		case featUIVerbs:
			// uiShare needs two capitalized words at least.
			if nw <= 2*a.cls.ShortWords && l.upper >= 2 && a.mayBeUI(sc, t, i) {
				return true
			}
		case featBreadcrumb:
			if l.links >= 2 && !l.terminal && !sc.afterProse {
				vis := t.visible(i)
				letters := countLetters(vis)
				// The link test first: it is cheaper than counting separators.
				if letters > 0 && float64(l.linkChars) >= 0.8*float64(letters) && separators(vis) >= int(l.links)-1 {
					return true
				}
			}
		case featLinkDense:
			if l.links > 0 {
				letters := countLetters(t.visible(i))
				if letters > 0 && float64(l.linkChars) >= a.cls.LinkDensity*float64(letters) {
					return true
				}
			}
		}
	}
	return false
}

// mayBeUI reports whether line i's words may be mostly interface words
// (uiShare): two of its words at least must be interface words starting
// with a capital (sc.uiUpper, counted by normIDs), and then
// uiShare decides. A word of splitWords holding an apostrophe is no
// interface word but may count in sc.uiUpper: the test only lets more
// lines through.
func (a *analyzer) mayBeUI(sc *gateScratch, t *lineTable, i int) bool {
	if sc.idsLine != i+1 && a.index.uiUpperBelow(t.visible(i), 2) {
		// Fewer than two words can be capitalized interface words:
		// told from their shapes, without normIDs.
		return false
	}
	sc.lineIDs(a.index, t, i)
	return sc.uiUpper >= 2 && a.uiShare(splitWords(t.visible(i))) >= a.cls.UIShare
}

// mayHaveByline reports whether two lines near the top may be a
// duplicated byline (findBylines, without its conditions on pack
// matches).
func (a *analyzer) mayHaveByline(t *lineTable) bool {
	o := a.cls.Byline
	if o.HeadLines <= 0 || a.claimer(featByline) == "" {
		return false
	}
	var head []int
	for i := range t.lines {
		if !t.lines[i].blank {
			head = append(head, i)
			if len(head) == o.HeadLines {
				break
			}
		}
	}
	var vs visScratch
	infos := make([]lineInfo, len(head))
	norms := make([]string, len(head))
	for hi, i := range head {
		// Lines of a paragraph the table left unknown are read here.
		infos[hi] = t.lines[i]
		if infos[hi].candidate && !infos[hi].known {
			var vis []byte
			infos[hi], vis = t.compute(i, &vs)
			norms[hi] = string(appendNorm(nil, vis))
		} else if infos[hi].candidate && !infos[hi].long {
			norms[hi] = string(appendNorm(nil, []byte(t.visible(i))))
		}
		if infos[hi].candidate && infos[hi].long {
			// A long line's words are its fields, and its norm is empty.
			// Counted up to one over the limit, and no further than
			// lineInfo.words holds.
			words, first := t.longWords(i, min(o.MaxWords+1, math.MaxInt16))
			infos[hi].words, infos[hi].first = int16(words), first
		}
	}
	for hi, i := range head {
		li := &infos[hi]
		if !li.candidate || li.words == 0 || int(li.words) > o.MaxWords || li.terminal || li.heading ||
			!(unicode.IsUpper(li.first) || unicode.IsDigit(li.first)) {
			continue
		}
		for hj, j := range head[hi+1:] {
			if j-i > o.MaxDistance {
				break
			}
			if lj := &infos[hi+1+hj]; lj.candidate && norms[hi+1+hj] == norms[hi] {
				return true
			}
		}
	}
	return false
}
