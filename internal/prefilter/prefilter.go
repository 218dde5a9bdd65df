// Package prefilter derives from a regular expression a cheap test that
// rules out most strings it cannot match, so that a rule matching a
// pattern against every line of a corpus runs the regular expression only
// on the few lines that hold what every match needs.
//
// A Filter is a set of requirements, each a literal or a character class,
// such that every match of the expression contains at least one of them:
// a string holding none cannot match. The test is conservative: MayMatch
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
	// reqs: a match contains at least one of them. Empty means no
	// requirement is known.
	reqs []requirement
}

// requirement is a literal (lit, ASCII-lower-cased when fold) or a
// character class (ranges, pairs of inclusive bounds).
type requirement struct {
	lit      string
	litBytes []byte // lit, for searching lower-cased bytes
	fold     bool
	ranges   []rune
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
	reqs, ok := required(re.Simplify())
	if !ok {
		return &Filter{}
	}
	return &Filter{reqs: reqs}
}

// Useful reports whether the filter can rule anything out.
func (f *Filter) Useful() bool { return f != nil && len(f.reqs) > 0 }

// maxAlternatives bounds the requirements kept for one expression; beyond
// it the test would cost more than it saves.
const maxAlternatives = 64

// required returns requirements one of which every match of re contains.
func required(re *syntax.Regexp) ([]requirement, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil, false
		}
		if slices.Contains(re.Rune, utf8.RuneError) {
			// The regexp matches U+FFFD against invalid bytes too.
			return nil, false
		}
		fold := re.Flags&syntax.FoldCase != 0
		lit := string(re.Rune)
		if fold {
			for _, r := range re.Rune {
				if r >= utf8.RuneSelf {
					// Non-ASCII case folding is left to the regexp.
					return []requirement{{ranges: foldRanges(re.Rune[0])}}, true
				}
			}
			lit = strings.ToLower(lit)
		}
		return []requirement{{lit: lit, litBytes: []byte(lit), fold: fold}}, true
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return nil, false
		}
		return []requirement{{ranges: re.Rune}}, true
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min < 1 {
			return nil, false
		}
		return required(re.Sub[0])
	case syntax.OpConcat:
		var best []requirement
		bestScore := 0
		for _, sub := range re.Sub {
			reqs, ok := required(sub)
			if !ok {
				continue
			}
			if s := score(reqs); s > bestScore {
				best, bestScore = reqs, s
			}
		}
		return best, best != nil
	case syntax.OpAlternate:
		var all []requirement
		for _, sub := range re.Sub {
			reqs, ok := required(sub)
			if !ok {
				return nil, false
			}
			all = append(all, reqs...)
		}
		if len(all) > maxAlternatives {
			return nil, false
		}
		return all, true
	}
	return nil, false
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

// score rates requirements: the rarer what they ask for, the higher. A
// set is as good as its weakest member; longer literals are rarer than
// short ones, and literals than classes.
func score(reqs []requirement) int {
	worst := 0
	for i, r := range reqs {
		s := 1
		if r.lit != "" {
			s = 1 + 2*min(len(r.lit), 8)
		}
		if i == 0 || s < worst {
			worst = s
		}
	}
	// Fewer alternatives are cheaper to test.
	return worst*100 - len(reqs)
}

// MayMatch reports whether s holds one of the filter's requirements (and
// so might match); false means the expression cannot match s.
func (f *Filter) MayMatch(s string) bool {
	if f == nil || len(f.reqs) == 0 {
		return true
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	// Case-insensitive literals are searched in an ASCII-lower-cased copy
	// (on the stack for short strings).
	var buf [512]byte
	var low []byte
	for i := range f.reqs {
		r := &f.reqs[i]
		switch {
		case r.lit != "" && !r.fold:
			if strings.Contains(s, r.lit) {
				return true
			}
		case r.lit != "":
			// Some ASCII letters fold to non-ASCII runes (k to the
			// Kelvin sign, s to long s): leave such strings to the
			// regexp.
			if !ascii {
				return true
			}
			if low == nil {
				low = lowerASCII(buf[:0], s)
			}
			if bytes.Contains(low, r.litBytes) {
				return true
			}
		default:
			if containsClass(s, r.ranges, ascii) {
				return true
			}
		}
	}
	return false
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
