package prefilter

import (
	"math/bits"
	"unicode/utf8"
)

// This file derives a filter's bigram needs: a short list of bigram sets
// one of which the bigrams of every fold-safe text MayMatchText accepts
// hold whole. Testing a text against it is a few word operations per set
// where MayMatchText walks the requirement tree and compares prefixes;
// Set.MayMatch tests it first, so most filters are ruled out without
// their tree.

// maxNeeds bounds the bigram sets kept for one filter (and for each node
// while they are derived).
const maxNeeds = 6

// needOf returns f's bigram needs, or nil when none are known (some
// accepted text may hold no bigram at all).
//
// Why they are exact: for a fold-safe text, MayMatchText is true only if
// the text starts with one of f.prefixes (so holds all of that prefix's
// bigrams) and f.root.eval is true; eval of a literal is true only if the
// lower-cased text holds the literal lower-cased (so all its bigrams), a
// class needs nothing, an and needs what each of its parts needs (so the
// union of a set of each), an or what one of its branches needs; a class
// of ASCII digits needs a digit, and one of non-ASCII runes a byte >=
// 0x80, which a text's bigrams mark with digitGram and highGram. Leaving
// out the sets of some parts of an and, or replacing two sets of an or
// by their intersection, only weakens the condition (see needsOf).
func (f *Filter) needOf() []bigrams {
	var needs []bigrams
	if f.root != nil {
		needs = needsOf(f.root)
	}
	if f.prefixes != nil {
		var ps []bigrams
		for _, p := range f.prefixes {
			ps = append(ps, bigramsOf([]byte(p)))
		}
		needs = andNeeds(orNeeds(ps), needs)
	}
	needs = prune(needs)
	if len(needs) == 0 || len(needs) == 1 && needs[0] == (bigrams{}) {
		return nil // nothing known, or the empty set: no test
	}
	return needs
}

// needsOf returns the bigram needs of n (nil: the empty set alone, which
// every text holds).
func needsOf(n *node) []bigrams {
	switch n.op {
	case opAnd:
		var needs []bigrams
		for _, sub := range n.subs {
			needs = andNeeds(needs, needsOf(sub))
		}
		return needs
	case opOr:
		var needs []bigrams
		for _, sub := range n.subs {
			s := needsOf(sub)
			if s == nil {
				return nil // a branch needing nothing: the or needs nothing
			}
			needs = append(needs, s...)
		}
		return orNeeds(needs)
	}
	if n.req.lit != "" {
		return []bigrams{n.req.grams}
	}
	switch r := n.req.ranges; {
	case len(r) > 0 && r[0] >= '0' && r[len(r)-1] <= '9':
		// A class of ASCII digits: a text holding one of them has
		// digitGram.
		return []bigrams{digitGram}
	case len(r) > 0 && r[0] >= utf8.RuneSelf:
		// A class of non-ASCII runes (ranges are sorted): a text
		// holding one of them has highGram.
		return []bigrams{highGram}
	}
	return nil // a class holds no bigram of its own
}

// andNeeds returns the needs of an and of parts with needs a and b: a
// union of one set of each, at most maxNeeds of them (merged as orNeeds
// merges them). When the unions would be too many to merge, b is left
// out (a text meeting a's needs may still be ruled out by the filter's
// own test).
func andNeeds(a, b []bigrams) []bigrams {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	case len(a)*len(b) > maxNeeds*maxNeeds:
		return a
	}
	out := make([]bigrams, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, bigrams{x[0] | y[0], x[1] | y[1], x[2] | y[2], x[3] | y[3]})
		}
	}
	return orNeeds(out)
}

// orNeeds returns needs holding one of needs' sets each, at most
// maxNeeds of them: the two sharing the most bigrams are replaced by
// their intersection until they fit.
func orNeeds(needs []bigrams) []bigrams {
	needs = prune(needs)
	for len(needs) > maxNeeds {
		bi, bj, best := 0, 1, -1
		for i := range needs {
			for j := i + 1; j < len(needs); j++ {
				both := needs[i].and(&needs[j])
				if c := both.count(); c > best {
					bi, bj, best = i, j, c
				}
			}
		}
		needs[bi] = needs[bi].and(&needs[bj])
		needs = append(needs[:bj], needs[bj+1:]...)
		needs = prune(needs)
	}
	if len(needs) == 1 && needs[0] == (bigrams{}) {
		return nil
	}
	return needs
}

// prune drops duplicate sets and sets holding another (a text holding
// the larger holds the smaller); the empty set holds nothing else, so it
// stands alone.
func prune(needs []bigrams) []bigrams {
	out := needs[:0:0]
	for i, x := range needs {
		keep := true
		for j, y := range needs {
			if j != i && x.has(&y) && (x != y || j < i) {
				keep = false // x holds y (or equals an earlier one)
				break
			}
		}
		if keep {
			out = append(out, x)
		}
	}
	return out
}

// and returns the bigrams in both g and h.
func (g *bigrams) and(h *bigrams) bigrams {
	return bigrams{g[0] & h[0], g[1] & h[1], g[2] & h[2], g[3] & h[3]}
}

// count returns the number of bigrams in g.
func (g *bigrams) count() int {
	return bits.OnesCount64(g[0]) + bits.OnesCount64(g[1]) + bits.OnesCount64(g[2]) + bits.OnesCount64(g[3])
}

// holdsOne reports whether g holds one of needs whole.
func (g *bigrams) holdsOne(needs []bigrams) bool {
	for k := range needs {
		if g.has(&needs[k]) {
			return true
		}
	}
	return false
}
