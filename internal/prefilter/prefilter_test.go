package prefilter

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"testing"
)

// patterns are expressions like those in rule packs.
var patterns = []string{
	`(?i)\b\d+\s+(seconds?|minutes?|hours?|days?)\s+ago\b`,
	`(?i)\b(a|an|one)\s+(minute|hour|day)\s+ago\b`,
	`(?i)^(posted|published|updated)( on| at)?:?\s+(\d{1,4}[./-]\d{1,2}|yesterday|today)`,
	`(?i)^(?:(previous|next|older|newer) (post|article)\b\s*[:»«›‹←→]?[^.!?]*)$`,
	`(?i)^(?:[«‹←]\s*(previous|older).*|.*(next|newer)\s*[»›→])$`,
	`(?i)^(?:(article )?source by [\p{Lu}\p{N}][\p{L}\p{N} .,'’-]*)$`,
	`(?i)^(?:(copyright|©|\(c\))\s*\d{4})`,
	`(?i)skål`,
	`(?i)kelvin`,
	`strasse`,
	`.*`,
	`a*`,
	`x?y+`,
	`\bfoo\b|bar{2,}`,
	`[^.!?]+`,
	`\x{FFFD}x`,
	`(?i)^kelvin`,
	`(?i)^[«‹←]\s*older`,
	`(?i)^\d+ comments`,
	`^ABC`,
	`(?i)^(?:é|x)y`,
	`(?i)^(?:(article )?source by [\p{Lu}\p{N}][\p{L}\p{N} .,'’-]*)$`,
	`(?i)^\bnext\b|^newer`,
	`(?im)^older`,
	`(?i)^(?:(article )?source: *[\p{L}\p{N}][^:.!?]*)$`,
	`(?i)^(?:(this (article|post) (is|was) )?(republished|reposted) (from|under) .*)$`,
	`(?i)^(?:(?:©|\(c\))\s*\d{4})`,
	`(?i)\b(po(int|st)s?|views?)\s*:?\s*\d+`,
	`ab(c|d)?e|x(y|)z`,
	`(?i)\bfollow(er|ing)\b`,
}

var inputs = []string{
	"", "3 days ago", "3 DAYS AGO", "a day ago", "An hour ago today", "Posted on 2020-01-02",
	"Previous post: hello", "« Older", "Next »", "Source by Jane Doe", "article source by 9lives",
	"Copyright 2024 Acme", "(C) 1999", "SKÅL", "ſkål", "\u212Aelvin", "KELVIN", "Straße", "strasse",
	"ÉY", "éy", "Xy", "abc", "ABC", "aBC", "12 Comments", "« older", "‹ OLDER", "\u212Aelvin is cold", "Next", "NEWER",
	"the\nolder", "Article Source by Joe",
	"nothing to see here", "foo", "barr", "yyy", "xy", "...", "Just a sentence.", "\xff\xfe bad utf8 days ago 3", "\xffx",
}

// TestNeverRulesOutAMatch is the filter's contract: whenever the regexp
// matches, MayMatch says yes.
func TestNeverRulesOutAMatch(t *testing.T) {
	for _, p := range patterns {
		re := regexp.MustCompile(p)
		f := New(p)
		for _, s := range inputs {
			if re.MatchString(s) && !f.MayMatch(s) {
				t.Errorf("New(%q).MayMatch(%q) = false, but the regexp matches", p, s)
			}
		}
	}
}

// TestMayMatchText: a prepared text, reused, gives MayMatch's answers.
func TestMayMatchText(t *testing.T) {
	var txt Text
	for _, p := range patterns {
		f := New(p)
		for _, s := range inputs {
			txt.Reset(s)
			if got, want := f.MayMatchText(&txt), f.MayMatch(s); got != want {
				t.Errorf("New(%q).MayMatchText(%q) = %v, MayMatch says %v", p, s, got, want)
			}
		}
	}
}

// TestSet: a set finds exactly the filters whose MayMatchText is true.
func TestSet(t *testing.T) {
	var fs []*Filter
	for _, p := range patterns {
		fs = append(fs, New(p))
	}
	fs = append(fs, nil)
	set := NewSet(fs)
	var txt Text
	for _, s := range inputs {
		txt.Reset(s)
		var want []int
		for i, f := range fs {
			if f.MayMatchText(&txt) {
				want = append(want, i)
			}
		}
		if got := set.MayMatch(&txt, nil); !slices.Equal(got, want) {
			t.Errorf("Set.MayMatch(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestRulesOut checks that the filter does rule out ordinary text.
func TestRulesOut(t *testing.T) {
	for _, tt := range []struct {
		pattern, s string
	}{
		{patterns[0], "nothing to see here"}, // needs a digit
		{patterns[1], "nothing to see here"}, // needs "ago"
		{patterns[3], "Just a sentence."},
		{patterns[6], "Just a sentence."},
		{`(?i)kelvin`, "just text"},
		{`(?i)kelvin`, "just text — with a dash"}, // non-ASCII, but nothing folds to k
		// Every part of a concatenation is required, not just one.
		{patterns[0], "3 of them, long ago"},
		{`(?i)^(?:(written|posted) by( \w+){1,4})$`, "posted 3 times"},
		// An anchored expression must match at the start.
		{`(?i)^(?:source by \w+)$`, "the source by Jane"},
		{`(?i)^(?:(previous|next) (post|article)\b.*)$`, "See the next post here"},
		{`(?i)(?:a\d+z)|(?:b\d+y)`, "a and y 7"},
		// An optional part leaves two sets of prefixes; a rune without
		// other cases is a prefix of its own.
		{`(?i)^(?:(article )?source: *\w+)$`, "the source: Jane"},
		{`(?i)^(?:(?:©|\(c\))\s*\d{4})`, "x © 2024"},
		// Parts matching a few strings each are required together.
		{`(?i)\bpo(int|st)s?\s*\d`, "powershell test 5"},
		{`ab(c|d)?e`, "ab de"},
	} {
		f := New(tt.pattern)
		if !f.Useful() {
			t.Errorf("New(%q) is not useful", tt.pattern)
			continue
		}
		if f.MayMatch(tt.s) {
			t.Errorf("New(%q).MayMatch(%q) = true, want false", tt.pattern, tt.s)
		}
	}
	for _, p := range []string{`.*`, `a*`, `[`} {
		if f := New(p); f.Useful() || !f.MayMatch("anything") {
			t.Errorf("New(%q) should rule out nothing", p)
		}
	}
	var nilFilter *Filter
	if !nilFilter.MayMatch("x") {
		t.Error("a nil filter must rule out nothing")
	}
}

// FuzzNeverRulesOutAMatch checks the contract on arbitrary strings.
func FuzzNeverRulesOutAMatch(f *testing.F) {
	for i, s := range inputs {
		f.Add(i, s)
	}
	res := make([]*regexp.Regexp, len(patterns))
	filters := make([]*Filter, len(patterns))
	for i, p := range patterns {
		res[i], filters[i] = regexp.MustCompile(p), New(p)
	}
	f.Fuzz(func(t *testing.T, i int, s string) {
		if i < 0 {
			i = -i
		}
		i %= len(patterns)
		if res[i].MatchString(s) && !filters[i].MayMatch(s) {
			t.Errorf("New(%q).MayMatch(%q) = false, but the regexp matches", patterns[i], s)
		}
	})
}

// FuzzPatterns checks the contract for arbitrary expressions.
func FuzzPatterns(f *testing.F) {
	for i, p := range patterns {
		f.Add(p, inputs[i%len(inputs)])
	}
	f.Fuzz(func(t *testing.T, p, s string) {
		re, err := regexp.Compile(p)
		if err != nil {
			return
		}
		if re.MatchString(s) && !New(p).MayMatch(s) {
			t.Errorf("New(%q).MayMatch(%q) = false, but the regexp matches", p, s)
		}
	})
}

func BenchmarkMayMatch(b *testing.B) {
	f := New(patterns[0])
	line := "Share this article with your friends and followers"
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		f.MayMatch(line)
	}
}

// TestFromSyntax: a filter built from a parse gives New's answers, and
// building it leaves the parse as it was.
func TestFromSyntax(t *testing.T) {
	for _, p := range patterns {
		re, err := syntax.Parse(p, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		before := re.String()
		f, g := FromSyntax(re), New(p)
		if re.String() != before {
			t.Errorf("FromSyntax(%q) changed the parse to %s", p, re)
		}
		for _, s := range inputs {
			if got, want := f.MayMatch(s), g.MayMatch(s); got != want {
				t.Errorf("FromSyntax(%q).MayMatch(%q) = %v, New's says %v", p, s, got, want)
			}
		}
	}
	if !FromSyntax(nil).MayMatch("anything") {
		t.Error("FromSyntax(nil) rules out text")
	}
}

// FuzzSet: a set finds exactly the filters whose MayMatchText is true,
// and among them every one whose regexp matches.
func FuzzSet(f *testing.F) {
	for _, s := range inputs {
		f.Add(s)
	}
	res := make([]*regexp.Regexp, len(patterns))
	fs := make([]*Filter, len(patterns))
	for i, p := range patterns {
		res[i], fs[i] = regexp.MustCompile(p), New(p)
	}
	set := NewSet(fs)
	f.Fuzz(func(t *testing.T, s string) {
		var txt Text
		txt.Reset(s)
		var want []int
		for i, f := range fs {
			if f.MayMatchText(&txt) {
				want = append(want, i)
			} else if res[i].MatchString(s) {
				t.Errorf("New(%q).MayMatchText(%q) = false, but the regexp matches", patterns[i], s)
			}
		}
		if got := set.MayMatch(&txt, nil); !slices.Equal(got, want) {
			t.Errorf("Set.MayMatch(%q) = %v, want %v", s, got, want)
		}
	})
}

// TestNeeds: every fold-safe text a filter accepts holds one of its
// bigram needs whole, and the needs of filters with literals rule text
// out.
func TestNeeds(t *testing.T) {
	var txt Text
	for _, p := range patterns {
		f := New(p)
		for _, s := range inputs {
			txt.Reset(s)
			if f.need != nil && txt.foldSafe && f.MayMatchText(&txt) && !txt.bigrams().holdsOne(f.need) {
				t.Errorf("New(%q) accepts %q, which holds none of its needs", p, s)
			}
		}
	}
	for _, p := range []string{patterns[0], patterns[1], patterns[3], `(?i)^(?:(previous|next) (post|article)\b.*)$`} {
		f := New(p)
		txt.Reset("nothing to see here")
		if f.need == nil || txt.bigrams().holdsOne(f.need) {
			t.Errorf("New(%q).need = %v rules out nothing", p, f.need)
		}
	}
	// Classes of digits and of non-ASCII runes are needs too.
	for _, tt := range []struct{ p, s string }{
		{`(?i)\d+ comments`, "comments here"},
		{`(?i)^(?:.*next\s*[»›→])$`, "next step"},
		{`(?i)^(?:(copyright|©|\(c\))\s*\d{4})`, "copyright notice"},
	} {
		f := New(tt.p)
		txt.Reset(tt.s)
		if f.need == nil || txt.bigrams().holdsOne(f.need) {
			t.Errorf("New(%q).need = %v does not rule out %q", tt.p, f.need, tt.s)
		}
	}
	if f := New(`.*`); f.need != nil {
		t.Errorf("New(.*) has needs %v", f.need)
	}
}

// FuzzNeeds checks the needs' contract on arbitrary strings and
// expressions.
func FuzzNeeds(f *testing.F) {
	for i, p := range patterns {
		f.Add(p, inputs[i%len(inputs)])
	}
	f.Fuzz(func(t *testing.T, p, s string) {
		if _, err := regexp.Compile(p); err != nil {
			return
		}
		flt := New(p)
		var txt Text
		txt.Reset(s)
		if flt.need != nil && txt.foldSafe && flt.MayMatchText(&txt) && !txt.bigrams().holdsOne(flt.need) {
			t.Errorf("New(%q) accepts %q, which holds none of its needs %v", p, s, flt.need)
		}
	})
}

// TestTextGrams: Reset collects the bigrams textGrams computes lazily,
// digitGram and highGram included.
func TestTextGrams(t *testing.T) {
	var txt Text
	for _, s := range append(inputs, "x9", "é", "\xff\xff", "no digit") {
		txt.Reset(s)
		if want := textGrams(lowerASCII(nil, s)); txt.grams != want {
			t.Errorf("Reset(%q) grams %v, textGrams %v", s, txt.grams, want)
		}
	}
}

// TestOrDropsLongerLiterals: an or of literals keeps none that holds
// another literal folded alike, and still rules out what the longer one
// did not hold.
func TestOrDropsLongerLiterals(t *testing.T) {
	f := New(`(?i)all rights reserved\.?`)
	if f.root == nil || f.root.op != opLeaf || f.root.req.lit != "all rights reserved" {
		t.Fatalf("root of %q is not the one literal", "all rights reserved\\.?")
	}
	for s, want := range map[string]bool{"All Rights Reserved": true, "all rights reserved.": true, "all rights": false} {
		if got := f.MayMatch(s); got != want {
			t.Errorf("MayMatch(%q) = %v, want %v", s, got, want)
		}
	}
	// Literals folded differently are kept both.
	if g := New(`(?:abc|(?i:abcd))`); g.root == nil || g.root.op != opOr {
		t.Errorf("an or of a plain and a folded literal lost one")
	}
}
