package prefilter

import (
	"slices"
	"strings"
)

// This file tests a set against a string that has not been prepared
// (Text.Reset): preparing lower-cases the whole string and hashes all of
// its bigrams, which costs more than most strings need, since the set's
// first-byte index and its filters' prefixes rule out nearly every line
// from its first bytes.

// MayMatchString reports whether MayMatch of a Text reset to str may
// append an index: false means no filter of the set can match str. A
// string holding a byte from 0x80 up gets true (callers prepare it and
// call MayMatch); an ASCII one gets MayMatchASCII.
func (s *Set) MayMatchString(str string) bool {
	return !isASCII(str) || s.MayMatchASCII(str)
}

// MayMatchASCII is MayMatchString for a string the caller knows to hold
// only ASCII bytes (for another, its answer means nothing). False means
// MayMatch of the prepared string appends nothing; true, that it may.
// The filters with prefixes are indexed by the string's first two bytes
// and their prefixes compared with it in place; a filter only text with
// a byte from 0x80 up satisfies is skipped, and one only text with a
// digit satisfies is skipped when the string has none, and otherwise
// gives true at once (its requirements are often many literals, which
// the prepared text's bigrams rule out cheaper than searches). Other
// filters' requirements are searched in the string, literals
// case-insensitively without lower-casing it. Without the digit
// shortcut the answer would be exact: the bigram tests MayMatch makes
// besides only rule out what the full test rules out too.
func (s *Set) MayMatchASCII(str string) bool {
	digit := -1 // whether str has a digit: -1 not known yet
	may := func(i int32) bool {
		if s.digit[i] {
			if digit < 0 {
				digit = 0
				if hasDigit(str) {
					digit = 1
				}
			}
			if digit == 0 {
				return false
			}
		}
		return s.mayMatchASCII(i, str)
	}
	if len(str) == 0 {
		for _, i := range s.all {
			if may(i) {
				return true
			}
		}
		return false
	}
	c := lower(str[0])
	if len(str) < 2 || s.seconds[c][lower(str[1])>>6]&(1<<(lower(str[1])&63)) != 0 {
		for _, i := range s.prefixed[c] {
			if may(i) {
				return true
			}
		}
	}
	for _, i := range s.unprefixed {
		if may(i) {
			return true
		}
	}
	return false
}

// mayMatchASCII reports whether filter i may match ASCII str, which is
// not empty when the filter has prefixes and the set's index allowed
// the string's first byte; for a filter needing a digit it is true
// once the prefixes allow str.
func (s *Set) mayMatchASCII(i int32, str string) bool {
	f := s.filters[i]
	if f == nil {
		return true
	}
	if f.prefixes != nil {
		if len(str) >= 2 {
			c := lower(str[1])
			if f.second[c>>6]&(1<<(c&63)) == 0 {
				return false // no prefix has its second byte
			}
		}
		if len(str) >= 3 {
			c := lower(str[2])
			if f.third[c>>6]&(1<<(c&63)) == 0 {
				return false // nor its third
			}
		}
		if !hasAnyPrefixFold(str, f.prefixes) {
			return false
		}
	}
	return f.root == nil || s.digit[i] || !s.high[i] && f.root.evalASCII(str)
}

// hasDigit reports whether s holds an ASCII digit.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
}

// needsDigit reports whether only text holding an ASCII digit can
// satisfy n.
func needsDigit(n *node) bool {
	switch n.op {
	case opAnd:
		return slices.ContainsFunc(n.subs, needsDigit)
	case opOr:
		for _, sub := range n.subs {
			if !needsDigit(sub) {
				return false
			}
		}
		return true
	}
	r := &n.req
	if r.lit != "" {
		// A literal holding a digit is found only where the digit is
		// (a folded literal's digits fold to nothing else).
		return strings.ContainsAny(r.lit, "0123456789")
	}
	if len(r.ranges) == 0 {
		return false
	}
	for k := 0; k+1 < len(r.ranges); k += 2 {
		if r.ranges[k] < '0' || r.ranges[k+1] > '9' {
			return false
		}
	}
	return true
}

// needsHigh reports whether only text holding a byte from 0x80 up can
// satisfy n: an ASCII text fails it without a search.
func needsHigh(n *node) bool {
	switch n.op {
	case opAnd:
		return slices.ContainsFunc(n.subs, needsHigh)
	case opOr:
		for _, sub := range n.subs {
			if !needsHigh(sub) {
				return false
			}
		}
		return true
	}
	r := &n.req
	if r.lit != "" {
		return !isASCII(r.lit)
	}
	// ranges are sorted: the first bound tells whether one is ASCII.
	return len(r.ranges) > 0 && r.ranges[0] >= 0x80
}

// isASCII reports whether s holds only bytes below 0x80.
func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if (s[i]|s[i+1]|s[i+2]|s[i+3]|s[i+4]|s[i+5]|s[i+6]|s[i+7])&0x80 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// hasAnyPrefixFold is hasAnyPrefix for s not lower-cased: whether s,
// ASCII-lower-cased, starts with one of ps.
func hasAnyPrefixFold(s string, ps []string) bool {
	for _, p := range ps {
		if len(s) >= len(p) && equalLower(s[:len(p)], p) {
			return true
		}
	}
	return false
}

// equalLower reports whether s, ASCII-lower-cased, is low.
func equalLower(s, low string) bool {
	for i := 0; i < len(s); i++ {
		if lower(s[i]) != low[i] {
			return false
		}
	}
	return true
}

// evalASCII is eval for a Text reset to ASCII s, without preparing it:
// an ASCII text is fold-safe, so eval's literal tests are a search of
// s (case-insensitive for a folded literal), and its bigram tests only
// shortcuts of them.
func (n *node) evalASCII(s string) bool {
	switch n.op {
	case opAnd:
		for _, sub := range n.subs {
			if !sub.evalASCII(s) {
				return false
			}
		}
		return true
	case opOr:
		for _, sub := range n.subs {
			if sub.evalASCII(s) {
				return true
			}
		}
		return false
	}
	r := &n.req
	switch {
	case r.lit != "" && !r.fold:
		return strings.Contains(s, r.lit)
	case r.lit != "":
		return containsLower(s, r.lit, r.rare)
	default:
		return containsClass(s, r.ranges, true)
	}
}

// containsLower reports whether s, ASCII-lower-cased, contains lit
// (lower-cased, not empty), whose byte k is its rarest (rarest). It looks
// for that byte in s, in both cases, and compares around each place it
// is found.
func containsLower(s, lit string, k int) bool {
	if len(lit) > len(s) {
		return false
	}
	c := lit[k]
	u := c
	if 'a' <= c && c <= 'z' {
		u = c - 'a' + 'A'
	}
	// A match has lit[k] at s[p+k], with 0 <= p <= len(s)-len(lit).
	last := len(s) - len(lit) + k
	for from := k; from <= last; {
		i := strings.IndexByte(s[from:last+1], c)
		if u != c {
			if j := strings.IndexByte(s[from:last+1], u); j >= 0 && (i < 0 || j < i) {
				i = j
			}
		}
		if i < 0 {
			return false
		}
		p := from + i - k
		if equalLower(s[p:p+len(lit)], lit) {
			return true
		}
		from += i + 1
	}
	return false
}

// rarest returns the index of the byte of lit that is least frequent in
// English text (see byteRank).
func rarest(lit string) int {
	k := 0
	for i := 1; i < len(lit); i++ {
		if byteRank[lit[i]] > byteRank[lit[k]] {
			k = i
		}
	}
	return k
}

// byteRank ranks bytes by how rare they are in English text: letters by
// their frequency (e most common), white space least rare; other bytes
// between.
var byteRank = func() (t [256]uint8) {
	for c := range t {
		t[c] = 20
	}
	for i, c := range "etaoinshrdlcumwfgypbvkjxqz" {
		t[c] = uint8(1 + i)
		t[c-'a'+'A'] = uint8(1 + i)
	}
	t[' '] = 0
	return t
}()
