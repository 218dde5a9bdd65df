package prefilter

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// mayMatchPrepared is what MayMatchString must say: whether MayMatch of
// a Text reset to s appends an index.
func mayMatchPrepared(set *Set, s string) bool {
	var txt Text
	txt.Reset(s)
	return len(set.MayMatch(&txt, nil)) > 0
}

// stringSets are the sets MayMatchString is checked on: every pattern
// alone (so that each filter's test is seen), and all of them.
func stringSets() []*Set {
	var sets []*Set
	var all []*Filter
	for _, p := range patterns {
		f := New(p)
		all = append(all, f)
		sets = append(sets, NewSet([]*Filter{f}))
	}
	return append(sets, NewSet(all), NewSet(append(all, nil)))
}

func checkMayMatchString(t *testing.T, sets []*Set, s string) {
	t.Helper()
	for k, set := range sets {
		got, prepared := set.MayMatchString(s), mayMatchPrepared(set, s)
		if !isASCII(s) && !got {
			t.Errorf("set %d: MayMatchString(%q) = false for a non-ASCII string", k, s)
		}
		if prepared && !got {
			t.Errorf("set %d: MayMatchString(%q) = false, but MayMatch of the prepared text is not empty", k, s)
		}
		// Exact but for the digit shortcut (true at once for a filter
		// needing a digit when s has one).
		if isASCII(s) && got && !prepared && !(hasDigit(s) && slices.Contains(set.digit, true)) {
			t.Errorf("set %d: MayMatchString(%q) = true, but MayMatch of the prepared text is empty", k, s)
		}
	}
}

func TestMayMatchString(t *testing.T) {
	sets := stringSets()
	for _, s := range inputs {
		checkMayMatchString(t, sets, s)
	}
	// Random strings of the patterns' words and pieces, in random case.
	pieces := []string{"previous", "post", "next", "older", "article", "source", "by", "copyright", "(c)", "©",
		"2024", "3", "days", "ago", "a", "day", "posted", "on", "2020-01-02", "comments", "views", ":", " ", "  ",
		"«", "»", "older", "republished", "from", "this", "is", "follower", "following", "barr", "foo", "x", "y", "z",
		"abce", "xz", "é", "kelvin", "strasse", "points", "the", ".", "!"}
	rng := rand.New(rand.NewPCG(8, 8))
	n := 0
	for range 40000 {
		var b strings.Builder
		for range rng.IntN(6) {
			w := pieces[rng.IntN(len(pieces))]
			if rng.IntN(3) == 0 {
				w = strings.ToUpper(w)
			}
			b.WriteString(w)
			if rng.IntN(2) == 0 {
				b.WriteByte(' ')
			}
		}
		s := b.String()
		if mayMatchPrepared(sets[len(sets)-2], s) {
			n++
		}
		checkMayMatchString(t, sets, s)
	}
	if n == 0 {
		t.Error("no random string passed the set: the test tests nothing")
	}
}

func TestContainsLower(t *testing.T) {
	for _, c := range []struct {
		s, lit string
		want   bool
	}{
		{"All Rights Reserved.", "all rights reserved", true},
		{"all rights reserve", "all rights reserved", false},
		{"xxALL RIGHTS RESERVEDxx", "all rights reserved", true},
		{"vvvv", "v", true},
		{"", "v", false},
		{"(C) 2020", "(c)", true},
		{"ab", "abc", false},
		{"zzab", "ab", true},
	} {
		for k := range len(c.lit) {
			if got := containsLower(c.s, c.lit, k); got != c.want {
				t.Errorf("containsLower(%q, %q, %d) = %v, want %v", c.s, c.lit, k, got, c.want)
			}
		}
		if want := strings.Contains(strings.ToLower(c.s), c.lit); want != c.want {
			t.Errorf("bad case %q %q", c.s, c.lit)
		}
	}
}

func FuzzMayMatchString(f *testing.F) {
	for _, s := range inputs {
		f.Add(s)
	}
	sets := stringSets()
	f.Fuzz(func(t *testing.T, s string) {
		checkMayMatchString(t, sets, s)
	})
}

func TestNeedsDigit(t *testing.T) {
	for _, c := range []struct {
		expr string
		want bool
	}{
		{`(?i)\b\d+\s+(seconds?|minutes?)\s+ago\b`, true},
		{`(?i)\b(a|an|one)\s+(minute|hour)\s+ago\b`, false},
		{`(?i)^(posted|published)( on)?:?\s+(\d{1,4}[./-]\d{1,2}|yesterday|today)`, false},
		{`(?i)\b(views?|points?)\s*:?\s*\d+`, true},
		{`(?i)x2|y3`, true},
		{`(?i)x2|y`, false},
		{`[0-5]`, true},
		{`[0-9a]`, false},
	} {
		f := New(c.expr)
		if got := f.root != nil && needsDigit(f.root); got != c.want {
			t.Errorf("needsDigit(%q) = %v, want %v", c.expr, got, c.want)
		}
	}
}
