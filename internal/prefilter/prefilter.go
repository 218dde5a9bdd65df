// Package prefilter derives from a regular expression a cheap test that
// rules out most strings it cannot match, so that a rule matching a
// pattern against every line of a corpus runs the regular expression only
// on the few lines that hold what every match needs.
//
// A Filter is a tree of requirements, each a literal or a character class,
// joined by and (the parts of a concatenation) and or (the branches of an
// alternation), that every match of the expression satisfies: a string
// that does not satisfy it cannot match. The test is conservative: MayMatch
// may say yes for strings that do not match, never no for one that does.
//
//	f := prefilter.New(`(?i)\b\d+\s+(days?|weeks?)\s+ago\b`)
//	if f.MayMatch(line) && re.MatchString(line) { … }
package prefilter

import (
	"bytes"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Filter rules out strings a regular expression cannot match. The zero
// value and nil rule out nothing.
type Filter struct {
	// root is a tree of requirements every match satisfies; nil means no
	// requirement is known.
	root *node
	// prefixes, for an expression anchored at the start of the text, are
	// ASCII-lower-cased strings one of which every match starts with; nil
	// when unknown.
	prefixes []string
	// second has bit c set when a prefix's second byte is c, or a prefix
	// is shorter: a string whose second byte is ASCII and not in it has
	// none of the prefixes.
	second [4]uint64
	// third is second for the third byte.
	third [4]uint64
	// need, when not nil, holds sets of bigrams one of which a prepared
	// fold-safe text holds whole whenever MayMatchText is true (see
	// needOf): Set.MayMatch rules out most filters with it in a few word
	// tests, without walking the tree or comparing prefixes.
	need []bigrams
}

// node is a requirement on the strings an expression matches: a leaf
// (every match contains req), an and (every match satisfies each of
// subs) or an or (every match satisfies one of subs).
type node struct {
	op   nodeOp
	req  requirement
	subs []*node
	// firstGrams, for an or of literals of two bytes or more, holds the
	// first bigram of each: a string holding none of them holds none of
	// the literals.
	firstGrams    bigrams
	hasFirstGrams bool
}

type nodeOp int

const (
	opLeaf nodeOp = iota
	opAnd
	opOr
)

// requirement is a literal (lit, ASCII-lower-cased when fold) or a
// character class (ranges, pairs of inclusive bounds).
type requirement struct {
	lit      string
	litBytes []byte // lit, for searching lower-cased bytes
	fold     bool
	ranges   []rune
	// grams are the bigrams of lit, ASCII-lower-cased (see bigrams).
	grams bigrams
	// rare is the index of lit's rarest byte (see rarest).
	rare int
}

// New returns the filter for expr, written as for regexp.Compile (flags
// such as (?i) included). An expression that does not parse, or whose
// matches need nothing in particular, gets a filter that rules out
// nothing.
func New(expr string) *Filter {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return &Filter{}
	}
	return FromSyntax(re)
}

// FromSyntax returns the filter for a parsed expression, as New does for
// its text, so that a caller that parses an expression anyway (to
// validate it) need not parse it again. re is not modified.
//
//	re, err := syntax.Parse(`(?i)^(?:next|previous) post$`, syntax.Perl)
//	if err != nil { … }
//	f := prefilter.FromSyntax(re)
func FromSyntax(re *syntax.Regexp) *Filter {
	if re == nil {
		return &Filter{}
	}
	re = re.Simplify()
	f := &Filter{root: required(re)}
	if f.root != nil && leaves(f.root) > maxLeaves {
		f.root = nil
	}
	if re.Op == syntax.OpConcat && len(re.Sub) > 1 && re.Sub[0].Op == syntax.OpBeginText {
		rest := &syntax.Regexp{Op: syntax.OpConcat, Sub: re.Sub[1:], Flags: re.Flags}
		if ps, ok, _ := prefixSet(rest); ok && !slices.Contains(ps, "") {
			slices.Sort(ps)
			f.prefixes = slices.Compact(ps)
			all := [4]uint64{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
			for _, p := range f.prefixes {
				if len(p) < 2 {
					f.second, f.third = all, all
					break
				}
				f.second[p[1]>>6] |= 1 << (p[1] & 63)
				if len(p) < 3 {
					f.third = all
				} else {
					f.third[p[2]>>6] |= 1 << (p[2] & 63)
				}
			}
		}
	}
	f.need = f.needOf()
	return f
}

// maxPrefixes bounds the prefixes kept for one expression.
const maxPrefixes = 64

// maxClassPrefixes is the most runes of a character class taken as
// prefixes.
const maxClassPrefixes = 16

// prefixSet returns strings (ASCII-lower-cased) one of which every match
// of re starts with, whether they are known, and whether they are
// complete: re matches exactly those strings (up to ASCII case).
func prefixSet(re *syntax.Regexp) (ps []string, ok, complete bool) {
	switch re.Op {
	case syntax.OpLiteral:
		var b []byte
		for _, r := range re.Rune {
			if r == utf8.RuneError || (r >= utf8.RuneSelf && re.Flags&syntax.FoldCase != 0 && unicode.SimpleFold(r) != r) {
				// Invalid bytes match U+FFFD, and non-ASCII case
				// folding is left to the regexp: the prefix ends here.
				// (A rune without other cases, such as ©, is itself.)
				return []string{string(b)}, len(b) > 0, false
			}
			if r < utf8.RuneSelf {
				b = append(b, lower(byte(r)))
			} else {
				b = utf8.AppendRune(b, r)
			}
		}
		return []string{string(b)}, len(b) > 0, true
	case syntax.OpCharClass:
		n := 0
		for i := 0; i+1 < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
			if n > maxClassPrefixes {
				return nil, false, false
			}
		}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if r == utf8.RuneError {
					return nil, false, false
				}
				if r < utf8.RuneSelf {
					ps = append(ps, string(rune(lower(byte(r)))))
				} else {
					ps = append(ps, string(r))
				}
			}
		}
		return ps, n > 0, true
	case syntax.OpCapture:
		return prefixSet(re.Sub[0])
	case syntax.OpPlus:
		ps, ok, _ = prefixSet(re.Sub[0])
		return ps, ok, false
	case syntax.OpRepeat:
		if re.Min < 1 {
			return nil, false, false
		}
		ps, ok, _ = prefixSet(re.Sub[0])
		return ps, ok, false
	case syntax.OpAlternate:
		complete = true
		for _, sub := range re.Sub {
			sp, sok, sc := prefixSet(sub)
			if !sok {
				return nil, false, false
			}
			ps = append(ps, sp...)
			complete = complete && sc
		}
		if len(ps) > maxPrefixes {
			return nil, false, false
		}
		return ps, true, complete
	case syntax.OpConcat:
		ps = []string{""}
		for _, sub := range re.Sub {
			switch sub.Op {
			case syntax.OpBeginText, syntax.OpBeginLine, syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpEmptyMatch:
				continue // matches no text
			}
			var sp []string
			var sok, sc bool
			if sub.Op == syntax.OpQuest {
				// An optional part: its prefixes, or nothing.
				sp, sok, sc = prefixSet(sub.Sub[0])
				if sok && sc {
					sp = append(sp, "")
				} else {
					sok = false
				}
			} else {
				sp, sok, sc = prefixSet(sub)
			}
			if !sok || len(ps)*len(sp) > maxPrefixes {
				return ps, len(ps) > 1 || ps[0] != "", false
			}
			next := make([]string, 0, len(ps)*len(sp))
			for _, a := range ps {
				for _, b := range sp {
					next = append(next, a+b)
				}
			}
			ps = next
			if !sc {
				return ps, true, false
			}
		}
		return ps, len(ps) > 1 || ps[0] != "", true
	}
	return nil, false, false
}

// Useful reports whether the filter can rule anything out.
func (f *Filter) Useful() bool { return f != nil && (f.root != nil || f.prefixes != nil) }

// maxLeaves bounds the requirements kept for one expression; beyond it
// the test would cost more than it saves.
const maxLeaves = 512

func leaves(n *node) int {
	if n.op == opLeaf {
		return 1
	}
	c := 0
	for _, s := range n.subs {
		c += leaves(s)
	}
	return c
}

// required returns the requirements every match of re satisfies, or nil
// when none are known.
func required(re *syntax.Regexp) *node {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil
		}
		if slices.Contains(re.Rune, utf8.RuneError) {
			// The regexp matches U+FFFD against invalid bytes too.
			return nil
		}
		fold := re.Flags&syntax.FoldCase != 0
		lit := string(re.Rune)
		if fold {
			for _, r := range re.Rune {
				if r >= utf8.RuneSelf {
					// Non-ASCII case folding is left to the regexp.
					return &node{req: requirement{ranges: foldRanges(re.Rune[0])}}
				}
			}
			lit = strings.ToLower(lit)
		}
		return literalNode(lit, fold)
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return nil
		}
		return &node{req: requirement{ranges: re.Rune}}
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min < 1 {
			return nil
		}
		return required(re.Sub[0])
	case syntax.OpConcat:
		// Every part of a match is in it: all requirements hold.
		var subs []*node
		add := func(n *node) {
			if n == nil {
				return
			}
			if n.op == opAnd {
				subs = append(subs, n.subs...)
			} else {
				subs = append(subs, n)
			}
		}
		for k := 0; k < len(re.Sub); {
			// A run of parts that match a few strings each (literals,
			// alternations of them, optional ones) is one of the
			// strings of their product: requiring those whole keeps
			// the parts together ("po" followed by "int" or "st" is
			// "point" or "post", not "po" and "st" anywhere).
			end, lits, fold := literalRun(re.Sub, k)
			if end > k+1 && lits != nil {
				add(orOfLiterals(lits, fold))
				k = end
				continue
			}
			add(required(re.Sub[k]))
			k++
		}
		switch len(subs) {
		case 0:
			return nil
		case 1:
			return subs[0]
		}
		// Test the rarest first, so most strings are ruled out by one.
		slices.SortStableFunc(subs, func(a, b *node) int { return score(b) - score(a) })
		return &node{op: opAnd, subs: subs}
	case syntax.OpAlternate:
		var subs []*node
		for _, sub := range re.Sub {
			n := required(sub)
			if n == nil {
				return nil
			}
			if n.op == opOr {
				subs = append(subs, n.subs...)
			} else {
				subs = append(subs, n)
			}
		}
		return newOr(subs)
	}
	return nil
}

// newOr returns the or of subs, with the first bigrams of its literals
// when every sub is a literal of two bytes or more.
func newOr(subs []*node) *node {
	// A literal holding another literal of the or (folded alike) is
	// present only where that one is: the or is the same without it
	// ("all rights reserved" or "all rights reserved." is the first).
	subs = slices.DeleteFunc(slices.Clone(subs), func(a *node) bool {
		for _, b := range subs {
			if a != b && a.op == opLeaf && b.op == opLeaf && a.req.lit != "" && b.req.lit != "" &&
				a.req.fold == b.req.fold && len(b.req.lit) < len(a.req.lit) && strings.Contains(a.req.lit, b.req.lit) {
				return true
			}
		}
		return false
	})
	if len(subs) == 1 {
		return subs[0]
	}
	n := &node{op: opOr, subs: subs}
	n.hasFirstGrams = true
	for _, sub := range subs {
		if sub.op != opLeaf || len(sub.req.litBytes) < 2 {
			n.hasFirstGrams = false
			break
		}
		g := bigramsOf(lowerASCII(nil, sub.req.lit[:2]))
		for i := range g {
			n.firstGrams[i] |= g[i]
		}
	}
	return n
}

// maxProduct bounds the strings literalRun multiplies out.
const maxProduct = 32

// literalRun returns the end of the longest run of subs from k on that
// each match one of a few strings (see literalStrings), all with the
// same case folding, and the strings the run matches (nil when they are
// too many, or one of them is empty).
func literalRun(subs []*syntax.Regexp, k int) (end int, lits []string, fold bool) {
	lits = []string{""}
	foldSet := false
	end = k
	for ; end < len(subs); end++ {
		ss, f, hasLit, ok := literalStrings(subs[end])
		if !ok || (hasLit && foldSet && f != fold) || len(lits)*len(ss) > maxProduct {
			break
		}
		if hasLit && !foldSet {
			fold, foldSet = f, true
		}
		lits = product(lits, ss)
	}
	if slices.Contains(lits, "") {
		return end, nil, fold
	}
	slices.Sort(lits)
	return end, slices.Compact(lits), fold
}

// literalStrings returns the strings re matches when they are a few
// literals (lower-cased when fold), made of literals, small character
// classes, concatenations, alternations and optional parts; hasLit is
// false when case does not matter for them (they hold no letter), so
// that they go with strings folded or not.
func literalStrings(re *syntax.Regexp) (ss []string, fold, hasLit, ok bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpBeginLine, syntax.OpEndLine:
		return []string{""}, false, false, true
	case syntax.OpLiteral:
		fold = re.Flags&syntax.FoldCase != 0
		for _, r := range re.Rune {
			if r == utf8.RuneError || (fold && r >= utf8.RuneSelf) {
				return nil, false, false, false
			}
			hasLit = hasLit || isASCIILetter(r)
		}
		lit := string(re.Rune)
		if fold {
			lit = strings.ToLower(lit)
		}
		return []string{lit}, fold, hasLit, true
	case syntax.OpCharClass:
		// A class of a few ASCII runes; one closed under ASCII case
		// (as (?i) makes them) is a folded one of its lower-cased runes.
		var runes []rune
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1] >= utf8.RuneSelf || re.Rune[i+1]-re.Rune[i] >= 8 {
				return nil, false, false, false
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				runes = append(runes, r)
			}
		}
		if len(runes) == 0 || len(runes) > 8 {
			return nil, false, false, false
		}
		fold = true
		for _, r := range runes {
			if isASCIILetter(r) {
				hasLit = true
				if !slices.Contains(runes, r^0x20) {
					fold = false
				}
			}
		}
		for _, r := range runes {
			if fold {
				r = rune(lower(byte(r)))
			}
			ss = append(ss, string(r))
		}
		slices.Sort(ss)
		return slices.Compact(ss), fold, hasLit, true
	case syntax.OpCapture:
		return literalStrings(re.Sub[0])
	case syntax.OpQuest:
		ss, fold, hasLit, ok = literalStrings(re.Sub[0])
		if !ok || len(ss)+1 > maxProduct {
			return nil, false, false, false
		}
		return append(ss, ""), fold, hasLit, true
	case syntax.OpAlternate, syntax.OpConcat:
		foldSet := false
		if re.Op == syntax.OpConcat {
			ss = []string{""}
		}
		for _, sub := range re.Sub {
			sub, f, h, sok := literalStrings(sub)
			if !sok || (h && foldSet && f != fold) {
				return nil, false, false, false
			}
			if h && !foldSet {
				fold, foldSet, hasLit = f, true, true
			}
			if re.Op == syntax.OpAlternate {
				ss = append(ss, sub...)
			} else {
				ss = product(ss, sub)
			}
			if len(ss) > maxProduct {
				return nil, false, false, false
			}
		}
		return ss, fold, hasLit, true
	}
	return nil, false, false, false
}

// product returns each string of a followed by each of b, in order.
func product(a, b []string) []string {
	p := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			p = append(p, x+y)
		}
	}
	return p
}

func isASCIILetter(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }

// literalNode returns the requirement that lit (lower-cased when fold)
// is present.
func literalNode(lit string, fold bool) *node {
	return &node{req: requirement{lit: lit, litBytes: []byte(lit), fold: fold, grams: bigramsOf(lowerASCII(nil, lit)), rare: rarest(lit)}}
}

// orOfLiterals returns the requirement that one of lits (lower-cased
// when fold) is present.
func orOfLiterals(lits []string, fold bool) *node {
	subs := make([]*node, len(lits))
	for i, lit := range lits {
		subs[i] = literalNode(lit, fold)
	}
	if len(subs) == 1 {
		return subs[0]
	}
	return newOr(subs)
}

// foldRanges returns the class of r and the runes it folds to, as sorted
// ranges.
func foldRanges(r rune) []rune {
	var runes []rune
	for f := r; ; {
		runes = append(runes, f)
		if f = unicode.SimpleFold(f); f == r {
			break
		}
	}
	slices.Sort(runes)
	out := make([]rune, 0, 2*len(runes))
	for _, f := range runes {
		out = append(out, f, f)
	}
	return out
}

// score rates a requirement: the rarer what it asks for, the higher.
// Longer literals are rarer than short ones, and literals than classes;
// an and is as rare as its rarest part, an or as its commonest.
func score(n *node) int {
	switch n.op {
	case opAnd:
		best := 0
		for _, s := range n.subs {
			best = max(best, score(s))
		}
		return best
	case opOr:
		worst := 0
		for i, s := range n.subs {
			if v := score(s); i == 0 || v < worst {
				worst = v
			}
		}
		// Fewer alternatives are cheaper to test.
		return worst - len(n.subs)
	}
	if n.req.lit != "" {
		return (1 + 2*min(len(n.req.lit), 8)) * 100
	}
	if len(n.req.ranges) > 0 && n.req.ranges[0] >= utf8.RuneSelf {
		// Only non-ASCII runes: rare, and ruled out at once in ASCII
		// text.
		return 2000
	}
	return 100
}

// MayMatch reports whether s satisfies the filter's requirements (and so
// might match); false means the expression cannot match s.
func (f *Filter) MayMatch(s string) bool {
	if !f.Useful() {
		return true
	}
	// Lower-case on the stack for short strings.
	var buf [512]byte
	var t Text
	if len(s) <= len(buf) {
		for i := 0; i < len(s); i++ {
			buf[i] = lower(s[i])
		}
		t.low = buf[:len(s)]
	} else {
		t.low = lowerASCII(nil, s)
	}
	t.setString(s)
	return f.MayMatchText(&t)
}

// Text is a string prepared once for testing against several filters: a
// caller testing one line against many filters lower-cases it once.
type Text struct {
	s string
	// foldSafe: the only runes of s that fold to ASCII letters are ASCII
	// (U+017F folds to s and U+212A to k), so case-insensitive ASCII
	// literals can be searched in low.
	foldSafe bool
	ascii    bool
	low      []byte // s with ASCII letters lower-cased
	// grams are the bigrams of low (computed on first use, hasGrams): a
	// literal whose bigrams are not all among them is not in low, which
	// rules out most literals without searching. They also hold
	// digitGram when low holds an ASCII digit (see textGrams).
	grams    bigrams
	hasGrams bool
}

// bigrams returns the bigrams of t.low.
func (t *Text) bigrams() *bigrams {
	if !t.hasGrams {
		t.grams = textGrams(t.low)
		t.hasGrams = true
	}
	return &t.grams
}

// bigrams is a set of byte pairs, hashed into 256 bits.
type bigrams [4]uint64

// bigramsOf returns the bigrams of b.
func bigramsOf(b []byte) bigrams {
	var g bigrams
	for i := 0; i+1 < len(b); i++ {
		g.add(uint32(b[i]), uint32(b[i+1]))
	}
	return g
}

// textGrams returns the bigrams of a text's lower-cased bytes b, with
// digitGram when b holds an ASCII digit and highGram when it holds a
// byte >= 0x80 (as Reset collects them).
func textGrams(b []byte) bigrams {
	var g bigrams
	var cls byte
	for i, c := range b {
		cls |= byteClass[c]
		if i > 0 {
			g.add(uint32(b[i-1]), uint32(c))
		}
	}
	g.addClasses(cls)
	return g
}

// Bits of byteClass.
const (
	classDigit = 1 << iota // an ASCII digit
	classHigh              // a byte >= 0x80
)

// byteClass gives the classDigit and classHigh bits of a byte.
var byteClass = func() (t [256]byte) {
	for c := '0'; c <= '9'; c++ {
		t[c] = classDigit
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = classHigh
	}
	return t
}()

// digitGram and highGram are the bigrams a text's bigrams hold when it
// holds an ASCII digit, and a byte >= 0x80, so that a filter's needs can
// ask for a digit or a non-ASCII rune (see needsOf). They are the hashes
// of pairs of bytes 0xff and 0xfe, which only invalid UTF-8 holds: a text
// holding such a pair also looks as if it held a digit or a non-ASCII
// rune, which only lets it through more tests.
var digitGram, highGram = func() (d, h bigrams) {
	d.addClasses(classDigit)
	h.addClasses(classHigh)
	return d, h
}()

// addClasses adds digitGram to g when cls has classDigit, and highGram
// when it has classHigh.
func (g *bigrams) addClasses(cls byte) {
	if cls&classDigit != 0 {
		g.add(0xff, 0xff)
	}
	if cls&classHigh != 0 {
		g.add(0xfe, 0xfe)
	}
}

// add adds byte pair (a, b) to g.
func (g *bigrams) add(a, b uint32) {
	h := (a<<8 | b) * 0x9E3779B1 >> 24
	g[h>>6] |= 1 << (h & 63)
}

// intersects reports whether g and h share a bigram.
func (g *bigrams) intersects(h *bigrams) bool {
	return g[0]&h[0] != 0 || g[1]&h[1] != 0 || g[2]&h[2] != 0 || g[3]&h[3] != 0
}

// has reports whether every bigram of sub is in g.
func (g *bigrams) has(sub *bigrams) bool {
	return g[0]&sub[0] == sub[0] && g[1]&sub[1] == sub[1] && g[2]&sub[2] == sub[2] && g[3]&sub[3] == sub[3]
}

// Reset prepares t for s, reusing its buffer.
func (t *Text) Reset(s string) {
	// One pass lower-cases s, finds whether it is ASCII and collects
	// its bigrams (which a text tested against several filters nearly
	// always needs). One table gives a byte's lower case and its class
	// bits, and the first byte is read before the loop, so the loop has
	// no test for it.
	low := slices.Grow(t.low[:0], len(s))[:len(s)]
	var cls uint16
	var g bigrams
	if len(s) > 0 {
		e := lowerClass[s[0]]
		cls = e
		low[0] = byte(e)
		prev := uint32(byte(e))
		for i := 1; i < len(s) && i < len(low); i++ {
			e := lowerClass[s[i]]
			cls |= e
			l := uint32(byte(e))
			low[i] = byte(e)
			g.add(prev, l)
			prev = l
		}
	}
	g.addClasses(byte(cls >> 8))
	t.low = low
	t.s = s
	t.ascii = cls>>8&classHigh == 0
	t.foldSafe = t.ascii || foldSafe(s)
	t.grams, t.hasGrams = g, true
}

// lowerClass gives a byte's ASCII lower case in its low byte and its
// byteClass bits in its high byte.
var lowerClass = func() (t [256]uint16) {
	for c := range t {
		t[c] = uint16(byteClass[c])<<8 | uint16(lower(byte(c)))
	}
	return t
}()

// lowerTable maps a byte to its ASCII lower case.
var lowerTable = func() (t [256]byte) {
	for c := range t {
		t[c] = lower(byte(c))
	}
	return t
}()

// setString sets t.s and what depends on it but t.low.
func (t *Text) setString(s string) {
	t.s = s
	t.ascii = true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			t.ascii = false
			break
		}
	}
	t.foldSafe = t.ascii || foldSafe(s)
	t.hasGrams = false
}

// foldSafe reports whether s holds none of the non-ASCII runes that fold
// to ASCII letters (see Text.foldSafe).
func foldSafe(s string) bool {
	return !strings.Contains(s, "\u017f") && !strings.Contains(s, "\u212a")
}

// MayMatchText is MayMatch for a prepared string.
func (f *Filter) MayMatchText(t *Text) bool {
	if f == nil {
		return true
	}
	if f.prefixes != nil && t.foldSafe && !hasAnyPrefix(t.low, f.prefixes) {
		return false
	}
	return f.root == nil || f.root.eval(t)
}

// hasAnyPrefix reports whether b starts with one of ps.
func hasAnyPrefix(b []byte, ps []string) bool {
	for _, p := range ps {
		if len(b) >= len(p) && string(b[:len(p)]) == p {
			return true
		}
	}
	return false
}

// eval tests t against n.
func (n *node) eval(t *Text) bool {
	switch n.op {
	case opAnd:
		for _, sub := range n.subs {
			if !sub.eval(t) {
				return false
			}
		}
		return true
	case opOr:
		if n.hasFirstGrams && t.foldSafe && !t.bigrams().intersects(&n.firstGrams) {
			return false
		}
		for _, sub := range n.subs {
			if sub.eval(t) {
				return true
			}
		}
		return false
	}
	r := &n.req
	switch {
	case r.lit != "" && !r.fold:
		// A literal in s is in low lower-cased, with its bigrams.
		return t.bigrams().has(&r.grams) && strings.Contains(t.s, r.lit)
	case r.lit != "":
		// Some ASCII letters fold to non-ASCII runes (k to the Kelvin
		// sign, s to long s): leave strings holding them to the regexp.
		if !t.foldSafe {
			return true
		}
		return t.bigrams().has(&r.grams) && bytes.Contains(t.low, r.litBytes)
	default:
		return containsClass(t.s, r.ranges, t.ascii)
	}
}

// lowerASCII appends s, ASCII-lower-cased, to dst.
func lowerASCII(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		dst = append(dst, lower(s[i]))
	}
	return dst
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// containsClass reports whether a rune of s is in ranges.
func containsClass(s string, ranges []rune, ascii bool) bool {
	if ascii && len(ranges) > 0 && ranges[0] >= utf8.RuneSelf {
		return false // ranges are sorted: no ASCII rune is in them
	}
	if ascii {
		for i := 0; i < len(s); i++ {
			if inRanges(rune(s[i]), ranges) {
				return true
			}
		}
		return false
	}
	for _, c := range s {
		if inRanges(c, ranges) {
			return true
		}
	}
	return false
}

func inRanges(c rune, ranges []rune) bool {
	for i := 0; i+1 < len(ranges); i += 2 {
		if c < ranges[i] {
			return false // ranges are sorted
		}
		if c <= ranges[i+1] {
			return true
		}
	}
	return false
}

// Set tests a string against many filters at once. Most expressions of
// rule packs match whole lines and start with one of a few words; the set
// indexes their filters by the first byte those words allow, so a line is
// tested only against the filters its first byte leaves possible.
type Set struct {
	filters []*Filter
	// byFirst[c] lists, in order, the filters whose prefixes allow first
	// byte c (ASCII-lower-cased), and those without prefixes.
	byFirst [256][]int32
	// all lists every filter, for strings the index cannot be used on.
	all []int32
	// high[i]: only text holding a byte from 0x80 up satisfies filter
	// i's requirements (see MayMatchASCII).
	high []bool
	// digit[i]: only text holding an ASCII digit satisfies filter i's
	// requirements (see MayMatchASCII).
	digit []bool
	// prefixed[c] lists the filters with prefixes allowing first byte c,
	// seconds[c] has bit b set when one of them allows second byte b
	// (see Filter.second), and unprefixed lists the filters without
	// prefixes: MayMatchASCII tests most strings against none of the
	// prefixed filters.
	prefixed   [256][]int32
	seconds    [256][4]uint64
	unprefixed []int32
}

// NewSet returns a set of the filters, which it keeps in order.
func NewSet(filters []*Filter) *Set {
	s := &Set{filters: filters}
	s.high = make([]bool, len(filters))
	s.digit = make([]bool, len(filters))
	for i, f := range filters {
		s.all = append(s.all, int32(i))
		s.high[i] = f != nil && f.root != nil && needsHigh(f.root)
		s.digit[i] = f != nil && f.root != nil && needsDigit(f.root)
		var first [256]bool
		if f != nil && f.prefixes != nil {
			for _, p := range f.prefixes {
				first[p[0]] = true
			}
		} else {
			for c := range first {
				first[c] = true
			}
		}
		for c, ok := range first {
			if ok {
				s.byFirst[c] = append(s.byFirst[c], int32(i))
			}
		}
		if f == nil || f.prefixes == nil {
			s.unprefixed = append(s.unprefixed, int32(i))
			continue
		}
		for c, ok := range first {
			if ok {
				s.prefixed[c] = append(s.prefixed[c], int32(i))
				for k := range f.second {
					s.seconds[c][k] |= f.second[k]
				}
			}
		}
	}
	return s
}

// MayMatch appends to dst, in order, the indexes of the filters whose
// MayMatchText(t) is true, and returns it.
func (s *Set) MayMatch(t *Text, dst []int) []int {
	cands := s.all
	if t.foldSafe && len(t.low) > 0 {
		cands = s.byFirst[t.low[0]]
	}
	for _, i := range cands {
		f := s.filters[i]
		if f != nil && f.prefixes != nil && t.foldSafe && len(t.low) >= 2 && f.second[t.low[1]>>6]&(1<<(t.low[1]&63)) == 0 {
			continue // no prefix has its second byte
		}
		if f != nil && f.need != nil && t.foldSafe && !t.bigrams().holdsOne(f.need) {
			continue // MayMatchText is false: see needOf
		}
		if f.MayMatchText(t) {
			dst = append(dst, int(i))
		}
	}
	return dst
}
