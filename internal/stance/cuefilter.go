package stance

import (
	"fmt"
	"maps"
	"math/bits"
	"regexp/syntax"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
)

// The cue filter is an exact, cheap necessary condition for a topic's
// cues: every match of a cue pattern contains one of the pattern's
// required words, so a sentence that holds none of them cannot match the
// pattern, which need not run (nor be compiled, when no sentence needs
// it).
//
// A required word is an ASCII string that every match of a pattern
// contains (derived from the pattern's syntax, as internal/prefilter
// does), found ignoring ASCII case and only at an ASCII word start: its
// first byte is a word byte and the byte before it is not (or it starts
// the sentence). The pattern guarantees that because it is matched at
// word boundaries (\b) and the words are taken only where a boundary, a
// space or a hyphen precedes them. When the pattern also guarantees a
// word end after it, the word must end there ("him" does not occur in
// "himself"). A word may span two of the pattern's words ("no
// contact"): a separator run (sepMark), which a pattern writes as a
// space, matches one or more white-space bytes and hyphens. Regexp word
// boundaries are ASCII (\w is [0-9A-Za-z_]), as here.
//
// Case-insensitive regexps also fold k to the Kelvin sign (U+212A) and s
// to the long s (U+017F): a sentence holding either passes every
// pattern. A pattern for which no required word can be derived passes
// every sentence.

// sepMark stands, in required words, for a run of one or more
// separators: the white space of \s and hyphens. A space a pattern
// writes as such (in a class such as [- ]) is taken as one too: a run of
// separators holds it, and a word byte follows it in a required word.
const sepMark = ' '

// sepByte marks the separator bytes.
var sepByte = [256]bool{'\t': true, '\n': true, '\f': true, '\r': true, ' ': true, '-': true}

// wordByte marks the ASCII word bytes of regexp's \b.
var wordByte = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
	}
	return t
}()

// item is a required word: lower-case ASCII, sepMark standing for a
// separator run; end marks one that must end a word.
type item struct {
	lit string
	end bool
}

// cueWords are a topic's required words, per cue pattern in the order
// of the topic's patterns (for each stance, its strong cues then its
// cues); a nil entry passes every sentence (no required word could be
// derived for the pattern).
type cueWords [][]item

// cueFilter finds the cue patterns of every topic that a sentence may
// match. Patterns are numbered across topics: topic i's start at
// first[i].
type cueFilter struct {
	// pair has a bit for the first two lower-case bytes of every
	// required word but the short ones: most word starts fail it at
	// once.
	pair [1 << 16 / 64]uint64
	// groups are the required words of each pair key in pair, in key
	// order: the key's rank among pair's bits indexes them, without
	// hashing. short are the words whose second byte is a separator or
	// that have one byte, by their first byte (they pair with any
	// byte).
	groups []pairGroup
	// rank is, per word of pair, the number of bits set before it.
	rank  [1 << 16 / 64]uint16
	short [256][]required
	// always is the mask of the patterns that pass every sentence.
	always []uint64
	// first is each topic's first pattern; first[len(topics)] is the
	// number of patterns.
	first []int
	// topics holds, per topic, the mask of its patterns.
	topics [][]uint64
}

// required is a required word of pattern pat.
type required struct {
	lit string
	end bool
	pat int
	// from is how many leading bytes of lit a pair group's third-byte
	// test has already matched (see third3): 3 when lit's first three
	// bytes are lower-case-stable and no separator, else 0.
	from int
}

// newCueFilter builds the filter of topics' cue patterns.
func newCueFilter(topics []cueWords) *cueFilter {
	f := &cueFilter{}
	n := 0
	for _, t := range topics {
		f.first = append(f.first, n)
		n += len(t)
	}
	f.first = append(f.first, n)
	f.always = make([]uint64, (n+63)/64)
	for ti := range topics {
		m := make([]uint64, len(f.always))
		for g := f.first[ti]; g < f.first[ti+1]; g++ {
			m[g/64] |= 1 << (g % 64)
		}
		f.topics = append(f.topics, m)
	}
	// The words are gathered by key first, so that each key's slice
	// shares one array.
	type keyed struct {
		k uint16
		r required
	}
	var all []keyed
	for ti, t := range topics {
		for li, items := range t {
			g := f.first[ti] + li
			if items == nil {
				f.always[g/64] |= 1 << (g % 64)
				continue
			}
			for _, it := range items {
				r := required{lit: it.lit, end: it.end, pat: g}
				k := pairOf(it.lit, 0)
				if len(it.lit) > 1 && it.lit[1] != sepMark {
					f.pair[k/64] |= 1 << (k % 64)
					all = append(all, keyed{k, r})
					continue
				}
				f.short[it.lit[0]] = append(f.short[it.lit[0]], r)
			}
		}
	}
	slices.SortFunc(all, func(a, b keyed) int { return int(a.k) - int(b.k) })
	rs := make([]required, len(all))
	for i, kr := range all {
		rs[i] = kr.r
	}
	for i := 0; i < len(all); {
		j := i + 1
		for j < len(all) && all[j].k == all[i].k {
			j++
		}
		f.groups = append(f.groups, newPairGroup(rs[i:j:j]))
		i = j
	}
	n = 0
	for i, w := range f.pair {
		f.rank[i] = uint16(n)
		n += bits.OnesCount64(w)
	}
	return f
}

// pairGroup holds the required words that share their first two bytes,
// by their third: a word start holding the pair is tested only against
// the words whose third byte it holds (common pairs such as "re" or
// "st" have dozens of words).
type pairGroup struct {
	// two are the words of two bytes.
	two []required
	// third has a bit per third byte of the longer words (sepMark for
	// a separator run); subs are their words by third byte, in byte
	// order, indexed by the byte's rank among third's bits (rank3).
	third [4]uint64
	rank3 [4]uint8
	subs  []thirdGroup
}

// thirdGroup holds the words of a pair group with the same third byte;
// fourth has a bit for every byte the text may hold after those three
// (all of them where a word does not decide it), a necessary condition
// tested before the words.
type thirdGroup struct {
	fourth [4]uint64
	words  []required
}

// newPairGroup groups the required words of one pair key.
func newPairGroup(rs []required) pairGroup {
	var g pairGroup
	by := map[byte][]required{}
	for _, r := range rs {
		if len(r.lit) == 2 {
			g.two = append(g.two, r)
			continue
		}
		if knownPrefix(r.lit) {
			r.from = 3
		}
		by[r.lit[2]] = append(by[r.lit[2]], r)
	}
	for _, c := range slices.Sorted(maps.Keys(by)) {
		g.third[c/64] |= 1 << (c % 64)
		t := thirdGroup{words: by[c]}
		for _, r := range t.words {
			switch {
			case len(r.lit) == 3 || r.lit[2] == sepMark:
				// No fourth byte, or a separator run of any length
				// before it: any byte may follow.
				t.fourth = [4]uint64{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
			case r.lit[3] == sepMark:
				for b := range 256 {
					if sepByte[b] {
						t.fourth[b/64] |= 1 << (b % 64)
					}
				}
			default:
				b := r.lit[3]
				t.fourth[b/64] |= 1 << (b % 64)
			}
		}
		g.subs = append(g.subs, t)
	}
	n := 0
	for i, w := range g.third {
		g.rank3[i] = uint8(n)
		n += bits.OnesCount64(w)
	}
	return g
}

// group returns the pair group of key k, whose bit is set in f.pair.
func (f *cueFilter) group(k uint16) *pairGroup {
	w := k / 64
	return &f.groups[int(f.rank[w])+bits.OnesCount64(f.pair[w]&(1<<(k%64)-1))]
}

// match ORs into pats the patterns of the words of g found at s[i:],
// where the pair of g starts a word.
func (g *pairGroup) match(s string, i int, pats []uint64) {
	for _, r := range g.two {
		if hasWordAt(s, i, r.lit, r.end) {
			pats[r.pat/64] |= 1 << (r.pat % 64)
		}
	}
	if i+2 >= len(s) {
		return // the longer words do not fit
	}
	c := lowerByte(s[i+2])
	g.third3(s, i, c, pats)
	if c != sepMark && sepByte[c] {
		// A separator other than a space starts a run too.
		g.third3(s, i, sepMark, pats)
	}
}

// third3 tests the words of g whose third byte is c.
func (g *pairGroup) third3(s string, i int, c byte, pats []uint64) {
	w := c / 64
	if g.third[w]&(1<<(c%64)) == 0 {
		return
	}
	t := &g.subs[int(g.rank3[w])+bits.OnesCount64(g.third[w]&(1<<(c%64)-1))]
	if i+3 < len(s) {
		if d := lowerByte(s[i+3]); t.fourth[d/64]&(1<<(d%64)) == 0 {
			return
		}
	}
	for _, r := range t.words {
		// The pair key and c matched r.lit's first three bytes where
		// r.from is 3 (knownPrefix).
		if hasWordAt(s, i+r.from, r.lit[r.from:], r.end) {
			pats[r.pat/64] |= 1 << (r.pat % 64)
		}
	}
}

// knownPrefix reports whether a word of a pair group whose third byte
// its third3 test matched exactly (c, not sepMark) holds lit's first
// three bytes at the word start: so when they are no separator run
// marks, not 0 (a pair key's second byte past the text) and their own
// lower case (hasWordAt compares the text's lower case with lit's byte,
// and the pair key and c are lower case).
func knownPrefix(lit string) bool {
	if len(lit) < 3 {
		return false
	}
	for j := range 3 {
		if b := lit[j]; b == sepMark || b == 0 || lowerByte(b) != b {
			return false
		}
	}
	return true
}

// mask returns an empty mask of patterns.
func (f *cueFilter) mask() []uint64 { return make([]uint64, len(f.always)) }

// topic reports whether pats holds one of topic ti's patterns.
func (f *cueFilter) topic(pats []uint64, ti int) bool {
	for i, m := range f.topics[ti] {
		if pats[i]&m != 0 {
			return true
		}
	}
	return false
}

// clearTopic removes topic ti's patterns from pats.
func (f *cueFilter) clearTopic(pats []uint64, ti int) {
	for i, m := range f.topics[ti] {
		pats[i] &^= m
	}
}

// has reports whether pats holds pattern pi of topic ti.
func (f *cueFilter) has(pats []uint64, ti, pi int) bool {
	g := f.first[ti] + pi
	return pats[g/64]&(1<<(g%64)) != 0
}

// sentence ORs into pats the cue patterns whose required words s holds
// (and those that pass every sentence).
func (f *cueFilter) sentence(s string, pats []uint64) {
	or(pats, f.always)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			if strings.HasPrefix(s[i:], "\u212a") || strings.HasPrefix(s[i:], "\u017f") {
				// The Kelvin sign and the long s match k and s.
				for j := range pats {
					pats[j] = ^uint64(0)
				}
				return
			}
			continue
		}
		if !wordByte[c] {
			continue
		}
		// A word start: look its pair up, then skip to the word's end.
		if k := pairOf(s, i); f.pair[k/64]&(1<<(k%64)) != 0 {
			f.group(k).match(s, i, pats)
		}
		for _, r := range f.short[lowerByte(c)] {
			if hasWordAt(s, i, r.lit, r.end) {
				pats[r.pat/64] |= 1 << (r.pat % 64)
			}
		}
		for i+1 < len(s) && wordByte[s[i+1]] {
			i++
		}
	}
}

// lowerByte returns c lower-cased (ASCII letters only).
func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// pairOf returns the pair key of the word at s[i:].
func pairOf(s string, i int) uint16 {
	k := uint16(lowerByte(s[i])) << 8
	if i+1 < len(s) {
		k |= uint16(lowerByte(s[i+1]))
	}
	return k
}

// hasWordAt reports whether s holds the required word lit at i, ignoring
// ASCII case, and, when end is set, ends a word there. A sepMark in lit
// matches a run of separators (greedily: a word byte follows every
// sepMark of a required word).
func hasWordAt(s string, i int, lit string, end bool) bool {
	for j := 0; j < len(lit); j++ {
		if i >= len(s) {
			return false
		}
		if lit[j] == sepMark {
			if !sepByte[s[i]] {
				return false
			}
			for i < len(s) && sepByte[s[i]] {
				i++
			}
			continue
		}
		if lowerByte(s[i]) != lit[j] {
			return false
		}
		i++
	}
	return !end || i == len(s) || !wordByte[s[i]]
}

// Deriving required words.

// Bounds on derivation: the strings a run of pattern pieces may match,
// their length, and the words a required word may span (more words are
// rarer but multiply the strings; two are already rare in technical
// text).
const (
	maxStrings   = 128
	maxStringLen = 48
	maxSpan      = 2
)

// deriveCueWords returns the required words of every cue pattern of a
// topic whose patterns expand with macros (see ExpandPattern).
func deriveCueWords(stances []StanceSpec, macros map[string][]string) cueWords {
	var out cueWords
	for _, s := range stances {
		for _, list := range [][]string{s.Strong, s.Cues} {
			for _, p := range list {
				out = append(out, derivePattern(p, macros))
			}
		}
	}
	return out
}

// derivePattern returns the required words of a pattern, or nil when it
// has none (or does not expand).
func derivePattern(p string, macros map[string][]string) []item {
	e, err := ExpandPattern(strings.TrimSpace(p), macros)
	if err != nil {
		return nil
	}
	items, ok := patternWords(e)
	if !ok || len(items) == 0 {
		return nil
	}
	return prune(items)
}

// prune sorts items and drops those another implies: a word that starts
// with a shorter required word that need not end a word, or that does
// and is followed by a non-word byte.
func prune(items []item) []item {
	sort.Slice(items, func(i, j int) bool {
		if items[i].lit != items[j].lit {
			return items[i].lit < items[j].lit
		}
		return !items[i].end && items[j].end
	})
	var out []item
	for _, it := range items {
		implied := false
		for _, k := range out {
			if strings.HasPrefix(it.lit, k.lit) && (!k.end || len(it.lit) > len(k.lit) && !wordByte[it.lit[len(k.lit)]] || len(it.lit) == len(k.lit) && it.end) {
				implied = true
				break
			}
		}
		if !implied {
			out = append(out, it)
		}
	}
	return out
}

// patternWords returns, for an expanded pattern, required words one of
// which every match of the pattern (compiled as compileList does, at
// word boundaries) holds; false when none can be derived.
func patternWords(expr string) ([]item, bool) {
	re, err := syntax.Parse(`(?i)\b(?:`+expr+`)\b`, syntax.Perl)
	if err != nil {
		return nil, false
	}
	d := deriver{finite: map[*syntax.Regexp]finiteSet{}}
	return d.words(re.Simplify(), false, false)
}

// deriver derives required words, remembering the finite sets of the
// nodes it has seen.
type deriver struct {
	finite map[*syntax.Regexp]finiteSet
}

type finiteSet struct {
	set []string
	ok  bool
}

// words returns requirements one of which every match of re holds. left
// says that when a match of re starts with a word byte, the byte before
// it is not one (or there is none); right says the same of the byte
// after a match that ends with a word byte.
func (d *deriver) words(re *syntax.Regexp, left, right bool) ([]item, bool) {
	switch re.Op {
	case syntax.OpCapture:
		return d.words(re.Sub[0], left, right)
	case syntax.OpPlus:
		// The first repetition starts where the match does.
		return d.words(re.Sub[0], left, false)
	case syntax.OpRepeat:
		if re.Min < 1 {
			return nil, false
		}
		return d.words(re.Sub[0], left, right && re.Max == 1)
	case syntax.OpAlternate:
		if set, ok := d.strings(re); ok {
			return runWords(set, left, right)
		}
		var all []item
		for _, sub := range re.Sub {
			reqs, ok := d.words(sub, left, right)
			if !ok {
				return nil, false
			}
			all = append(all, reqs...)
		}
		return all, true
	case syntax.OpConcat:
		// Runs of pieces that match a few strings ("h" then "im" or
		// "er", as the parser factors "him|her"; "no", a separator run,
		// "contact") are taken together; other pieces one by one. The
		// rarest requirement wins.
		var best []item
		bestScore := 0
		consider := func(reqs []item, ok bool) {
			if !ok {
				return
			}
			if s := wordScore(reqs); best == nil || s > bestScore {
				best, bestScore = reqs, s
			}
		}
		for i, sub := range re.Sub {
			l := leftOf(re.Sub, i, left)
			if _, fin := d.strings(sub); !fin {
				consider(d.words(sub, l, rightOf(re.Sub, i, right)))
				continue
			}
			if !l {
				continue // no word starts here
			}
			set, j := []string{""}, i
			for ; j < len(re.Sub); j++ {
				next, ok := d.strings(re.Sub[j])
				if !ok {
					break
				}
				if next, ok = product(set, next); !ok {
					break
				}
				set = next
			}
			consider(runWords(set, true, rightOf(re.Sub, j-1, right)))
		}
		return best, best != nil
	}
	if set, ok := d.strings(re); ok {
		return runWords(set, left, right)
	}
	return nil, false
}

// wordScore rates requirements: the rarer what they ask for, the
// higher. A set is as good as its weakest member; longer words are rarer
// than short ones, and whole words than word starts.
func wordScore(reqs []item) int {
	worst := 0
	for i, r := range reqs {
		s := 2 * min(len(r.lit), 12)
		if r.end {
			s += 3
		}
		if i == 0 || s < worst {
			worst = s
		}
	}
	return worst*1000 - len(reqs)
}

// strings returns the lower-cased strings re matches, when they are few
// (sepMark standing for a separator run); false otherwise. Non-ASCII
// characters are kept as they are.
func (d *deriver) strings(re *syntax.Regexp) ([]string, bool) {
	if f, ok := d.finite[re]; ok {
		return f.set, f.ok
	}
	set, ok := d.computeStrings(re)
	d.finite[re] = finiteSet{set, ok}
	return set, ok
}

func (d *deriver) computeStrings(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpEmptyMatch:
		return []string{""}, true
	case syntax.OpLiteral:
		var b strings.Builder
		for _, r := range re.Rune {
			switch {
			case r == rune(cutMark[0]):
				return nil, false
			case r < utf8.RuneSelf:
				b.WriteByte(lowerByte(byte(r)))
			default:
				b.WriteRune(r)
			}
		}
		return []string{b.String()}, b.Len() <= maxStringLen
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] >= 8 {
				return nil, false
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				s := string(r)
				switch {
				case r == rune(cutMark[0]):
					return nil, false
				case r < utf8.RuneSelf:
					s = string(lowerByte(byte(r)))
				}
				if !slices.Contains(out, s) {
					out = append(out, s)
				}
			}
			if len(out) > 8 {
				return nil, false
			}
		}
		return out, len(out) > 0
	case syntax.OpPlus:
		if isSeparator(re.Sub[0]) {
			return []string{string(rune(sepMark))}, true
		}
		return nil, false
	case syntax.OpCapture:
		return d.strings(re.Sub[0])
	case syntax.OpQuest:
		sub, ok := d.strings(re.Sub[0])
		if !ok || len(sub) >= maxStrings {
			return nil, false
		}
		return append([]string{""}, sub...), true
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			s, ok := d.strings(sub)
			if !ok || len(out)+len(s) > maxStrings {
				return nil, false
			}
			out = append(out, s...)
		}
		return out, true
	case syntax.OpConcat:
		set := []string{""}
		for _, sub := range re.Sub {
			next, ok := d.strings(sub)
			if !ok {
				return nil, false
			}
			if set, ok = product(set, next); !ok {
				return nil, false
			}
		}
		return set, true
	}
	return nil, false
}

// isSeparator reports whether every character re matches is a
// separator (see sepMark).
func isSeparator(re *syntax.Regexp) bool {
	if re.Op != syntax.OpCharClass || len(re.Rune) == 0 {
		return false
	}
	for i := 0; i+1 < len(re.Rune); i += 2 {
		for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
			if r >= utf8.RuneSelf || !sepByte[r] {
				return false
			}
		}
	}
	return true
}

// product returns every string of a followed by one of b, or false when
// there would be too many or too long ones. A string that spans maxSpan
// words is cut after them and marked with a final cutMark: it is all a
// required word can take, and b does not extend it.
func product(a, b []string) ([]string, bool) {
	var out []string
	for _, x := range a {
		if strings.HasSuffix(x, cutMark) {
			if !slices.Contains(out, x) {
				out = append(out, x)
			}
			continue
		}
		for _, y := range b {
			z := x + y
			if len(z) > maxStringLen {
				return nil, false
			}
			if i := nthSep(z, maxSpan); i >= 0 {
				z = z[:i] + cutMark
			}
			if !slices.Contains(out, z) {
				out = append(out, z)
			}
			if len(out) > maxStrings {
				return nil, false
			}
		}
	}
	return out, true
}

// cutMark ends a string cut after maxSpan words (see product).
const cutMark = "\x01"

// nthSep returns the index of the nth sepMark in s, or -1.
func nthSep(s string, n int) int {
	for i := 0; i < len(s); i++ {
		if s[i] == sepMark {
			if n--; n == 0 {
				return i
			}
		}
	}
	return -1
}

// runWords returns the required words of pieces matching one of set,
// where left says a word starts there (see deriver.words): each string's
// beginning, up to a non-ASCII character, a separator run that no word
// byte follows, or a cutMark. A word ends it when the whole string
// is taken, it ends with a word byte and right holds. False when some
// string is empty or does not start a word.
func runWords(set []string, left, right bool) ([]item, bool) {
	if !left {
		return nil, false
	}
	var out []item
	for _, s := range set {
		n := 0
		for ; n < len(s) && s[n] < utf8.RuneSelf && s[n] != cutMark[0]; n++ {
			if s[n] == sepMark && (n+1 == len(s) || !wordByte[s[n+1]]) {
				break
			}
		}
		if n == 0 || !wordByte[s[0]] {
			return nil, false
		}
		it := item{s[:n], n == len(s) && right && wordByte[s[n-1]]}
		if !slices.Contains(out, it) {
			out = append(out, it)
		}
	}
	return out, true
}

// leftOf reports whether, when the match of subs[i] in their
// concatenation starts with a word byte, the byte before it is not one
// (left says so of the concatenation).
func leftOf(subs []*syntax.Regexp, i int, left bool) bool {
	for j := i - 1; j >= 0; j-- {
		s := subs[j]
		if s.Op == syntax.OpWordBoundary {
			return true
		}
		if !edgeNonWord(s, true) {
			return false
		}
		if !canBeEmpty(s) {
			return true
		}
	}
	return left
}

// rightOf is leftOf for the byte after the match of subs[i].
func rightOf(subs []*syntax.Regexp, i int, right bool) bool {
	for j := i + 1; j < len(subs); j++ {
		s := subs[j]
		if s.Op == syntax.OpWordBoundary {
			return true
		}
		if !edgeNonWord(s, false) {
			return false
		}
		if !canBeEmpty(s) {
			return true
		}
	}
	return right
}

// edgeNonWord reports whether every non-empty match of re ends (last)
// or starts (!last) with a character that is not an ASCII word byte.
// Empty-width assertions other than \b say nothing of their
// neighbours; they are taken as failing, conservatively.
func edgeNonWord(re *syntax.Regexp, last bool) bool {
	switch re.Op {
	case syntax.OpEmptyMatch:
		return true
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true
		}
		r := re.Rune[0]
		if last {
			r = re.Rune[len(re.Rune)-1]
		}
		return !isWordRune(r) && !(re.Flags&syntax.FoldCase != 0 && foldsToWord(r))
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for _, w := range wordRanges {
				if re.Rune[i] <= w[1] && w[0] <= re.Rune[i+1] {
					return false
				}
			}
		}
		return true
	case syntax.OpCapture, syntax.OpPlus, syntax.OpStar, syntax.OpQuest, syntax.OpRepeat:
		return edgeNonWord(re.Sub[0], last)
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !edgeNonWord(sub, last) {
				return false
			}
		}
		return true
	case syntax.OpConcat:
		for k := range re.Sub {
			s := re.Sub[k]
			if last {
				s = re.Sub[len(re.Sub)-1-k]
			}
			if !edgeNonWord(s, last) {
				return false
			}
			if !canBeEmpty(s) {
				return true
			}
		}
		return true
	}
	return false
}

// wordRanges are the ASCII word characters as rune ranges.
var wordRanges = [][2]rune{{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}}

// foldsToWord reports whether a case-insensitive r also matches an ASCII
// word character (the Kelvin sign matches k).
func foldsToWord(r rune) bool {
	for f := r; ; {
		if isWordRune(f) {
			return true
		}
		if f = unicode.SimpleFold(f); f == r {
			return false
		}
	}
}

// canBeEmpty reports whether re matches the empty string.
func canBeEmpty(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune) == 0
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return false
	case syntax.OpCapture, syntax.OpPlus:
		return canBeEmpty(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min == 0 || canBeEmpty(re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !canBeEmpty(sub) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if canBeEmpty(sub) {
				return true
			}
		}
		return false
	}
	// Empty matches, stars, quests and assertions.
	return true
}

// isWordRune reports whether r is an ASCII word character.
func isWordRune(r rune) bool { return r < utf8.RuneSelf && wordByte[r] }

// Precomputed cue words.

// cueWordsVersion changes when the derivation or the format changes, so
// that precomputed words from an older galley are derived again.
const cueWordsVersion = 4

// specHash identifies what a topic's cue words derive from: its
// stances' patterns and the macros.
func specHash(stances []StanceSpec, macros map[string][]string) uint64 {
	h := xxhash.New()
	fmt.Fprintf(h, "v%d\n", cueWordsVersion)
	for _, s := range stances {
		for _, list := range [][]string{s.Strong, s.Cues} {
			for _, p := range list {
				h.WriteString(p)
				h.WriteString("\x00")
			}
			h.WriteString("\x01")
		}
	}
	for _, k := range slices.Sorted(maps.Keys(macros)) {
		h.WriteString(k)
		h.WriteString("\x02")
		for _, a := range macros[k] {
			h.WriteString(a)
			h.WriteString("\x00")
		}
	}
	return h.Sum64()
}

// encodeCueWords writes a topic's cue words as text: a header with the
// hash they derive from, then one line per word ("pattern end word",
// the word quoted) or per pattern without words ("pattern *").
func encodeCueWords(hash uint64, lists cueWords) string {
	var b strings.Builder
	fmt.Fprintf(&b, "cuewords %016x\n", hash)
	for li, items := range lists {
		if items == nil {
			fmt.Fprintf(&b, "%d *\n", li)
			continue
		}
		for _, it := range items {
			end := 0
			if it.end {
				end = 1
			}
			fmt.Fprintf(&b, "%d %d %s\n", li, end, strconv.Quote(it.lit))
		}
	}
	return b.String()
}

// decodeCueWords reads what encodeCueWords wrote for n patterns; false when
// the text is malformed or derives from another hash.
func decodeCueWords(text string, hash uint64, n int) (cueWords, bool) {
	head, rest, _ := strings.Cut(text, "\n")
	if head != fmt.Sprintf("cuewords %016x", hash) {
		return nil, false
	}
	lists := make(cueWords, n)
	seen := make([]bool, n)
	for line := range strings.Lines(rest) {
		line = strings.TrimSuffix(line, "\n")
		num, rest, _ := strings.Cut(line, " ")
		li, err := strconv.Atoi(num)
		if err != nil || li < 0 || li >= n {
			return nil, false
		}
		seen[li] = true
		if rest == "*" {
			lists[li] = nil
			continue
		}
		end, quoted, _ := strings.Cut(rest, " ")
		if end != "0" && end != "1" {
			return nil, false
		}
		lit, ok := unquoteWord(quoted)
		if !ok || lit == "" || !validWord(lit) {
			return nil, false
		}
		lists[li] = append(lists[li], item{lit, end == "1"})
	}
	for _, s := range seen {
		if !s {
			return nil, false
		}
	}
	return lists, true
}

// unquoteWord is strconv.Unquote, quick for the common words, which
// need no escape.
func unquoteWord(q string) (string, bool) {
	if len(q) < 2 || q[0] != '"' || q[len(q)-1] != '"' {
		return "", false
	}
	if in := q[1 : len(q)-1]; !strings.ContainsAny(in, `"\`) {
		return in, true
	}
	s, err := strconv.Unquote(q)
	return s, err == nil
}

// validWord reports whether lit is a required word: lower-case ASCII
// starting with a word byte, each sepMark followed by a word byte.
func validWord(lit string) bool {
	if !wordByte[lit[0]] {
		return false
	}
	for i := 0; i < len(lit); i++ {
		c := lit[i]
		if c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' || c == sepMark && (i+1 == len(lit) || !wordByte[lit[i+1]]) {
			return false
		}
	}
	return true
}

// cueWords returns the topic's required cue words: the precomputed ones
// when they derive from the topic's current patterns and macros,
// otherwise derived now.
func (t *Topic) cueWords() cueWords {
	n := len(t.pats)
	if t.words != "" {
		if l, ok := decodeCueWords(t.words, specHash(t.spec, t.macros), n); ok {
			return l
		}
	}
	return deriveCueWords(t.spec, t.macros)
}

// CueWords derives the required cue words of a topic, as text to keep
// with the topic's spec and pass back as NamedTopic.CueWords: building
// a classifier then spares deriving them, which costs about as much as
// parsing every pattern. macros are the lexicon's macros.
func CueWords(nt NamedTopic, macros map[string][]string) string {
	all := map[string][]string{}
	for k, v := range macros {
		all[k] = v
	}
	for k, v := range nt.Spec.Macros {
		all[k] = v
	}
	return encodeCueWords(specHash(nt.Spec.Stances, all), deriveCueWords(nt.Spec.Stances, all))
}

// lexiconLists returns the lexicon's pattern lists in the order of
// lexicon.lists.
func lexiconLists(l Lexicon) [][]string {
	out := [][]string{l.Negators, l.Reported, l.Feelings, l.Conditionals, l.HeadingFrames, l.HeadingAdvice, l.Modals, l.Hedges, l.Phases}
	for _, f := range l.Frames {
		out = append(out, []string{f.Pattern})
	}
	return out
}

// deriveLexiconWords returns the required words of every pattern of the
// lexicon's lists, in list order.
func deriveLexiconWords(l Lexicon) cueWords {
	var out cueWords
	for _, list := range lexiconLists(l) {
		for _, p := range list {
			out = append(out, derivePattern(p, l.Macros))
		}
	}
	return out
}

// lexiconHash identifies what a lexicon's words derive from.
func lexiconHash(l Lexicon) uint64 {
	h := xxhash.New()
	fmt.Fprintf(h, "lexicon v%d\n", cueWordsVersion)
	for _, list := range lexiconLists(l) {
		for _, p := range list {
			h.WriteString(p)
			h.WriteString("\x00")
		}
		h.WriteString("\x01")
	}
	for _, k := range slices.Sorted(maps.Keys(l.Macros)) {
		h.WriteString(k)
		h.WriteString("\x02")
		for _, a := range l.Macros[k] {
			h.WriteString(a)
			h.WriteString("\x00")
		}
	}
	return h.Sum64()
}

// LexiconCueWords derives the required words of the patterns of the
// lexicon's lists, as text to pass back as Lexicon.CueWords (see CueWords).
func LexiconCueWords(l Lexicon) string {
	return encodeCueWords(lexiconHash(l), deriveLexiconWords(l))
}
