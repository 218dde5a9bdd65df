package boilerplate

import (
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/check"
)

// article wraps lines in a short article with real paragraphs around them.
func article(middle string) string {
	return "A Title For The Article\n\n" +
		"This opening paragraph is long enough to count as the article's own prose, and it ends properly.\n\n" +
		middle + "\n\n" +
		"This closing paragraph is also long enough to count as prose written by the author of the piece.\n"
}

func runOn(t *testing.T, checks []*check.Check, name, src string) []check.Diagnostic {
	t.Helper()
	doc, err := newParser(t).Parse(name, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var out []check.Diagnostic
	for _, c := range checks {
		if c.Run == nil {
			continue
		}
		pass := &check.Pass{Check: c, Doc: doc, ExportFact: func(any) {}, Report: func(d check.Diagnostic) {
			d.Message = c.ID + ": " + d.Message
			out = append(out, d)
		}}
		if err := c.Run(pass); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestNearMisses: prose that merely uses residue words is never flagged.
func TestNearMisses(t *testing.T) {
	checks := loadChecks(t)
	for _, middle := range []string{
		"Sign in to the portal and open Settings.",
		"Couples share more than a home.",
		"Related research suggests that couples who argue well stay together longer.",
		"Sharing the Load\n\nWhen both partners share chores, resentment has less room to grow, and both feel seen.",
		"Jane Doe is a writer who lives in Leeds and writes about relationships, money and the habits of families.",
		"1. Share your feelings openly.\n2. Listen before you reply.\n3. Follow up the next day.",
		"- [Introduction](#introduction)\n- [Comments](#comments)\n- [Sharing](#sharing)",
		"The source of the problem is rarely the dishes themselves.",
		"Originally, the house had no kitchen at all.",
		"Subscribe to a magazine you love, and read it slowly with a cup of tea on Sunday mornings.",
		"You can write the loop\nlike this:\n\n```\nfor {}\n```",
		"## 2.2.3 Comments\n\nComments start with a hash sign and run to the end of the line, as in most shells.",
		"Updated 2020-06-19:\n\nThe debugger now supports stepping over inlined functions, which makes tracing far easier.",
	} {
		for _, name := range []string{"a.md", "a.txt"} {
			src := article(middle)
			for _, d := range runOn(t, checks, name, src) {
				t.Errorf("%s with %q: unexpected %s", name, strings.Split(middle, "\n")[0], d.Message)
			}
		}
	}
}

// TestResidue: typical residue blocks inside an article are flagged by
// the expected rule.
func TestResidue(t *testing.T) {
	checks := loadChecks(t)
	for _, tc := range []struct{ middle, rule string }{
		{"Advertisement", "boilerplate/promo"},
		{"Reply · Share · Report\n\n12 comments", "boilerplate/widget"},
		{"Reply · Share · Report", "boilerplate/widget"},
		{"Related Posts\n\nTen huts worth the climb\n\nWhat to eat on the trail", "boilerplate/promo"},
		{"Subscribe to our newsletter", "boilerplate/promo"},
		{"Originally published at example.com", "boilerplate/syndication"},
		{"© 2021 Example Media. All rights reserved.", "boilerplate/copyright"},
		{"Skip to main content", "boilerplate/navigation"},
	} {
		for _, name := range []string{"a.md", "a.txt"} {
			ds := runOn(t, checks, name, article(tc.middle))
			if len(ds) != 1 || !strings.HasPrefix(ds[0].Message, tc.rule+":") {
				var got []string
				for _, d := range ds {
					got = append(got, d.Message)
				}
				t.Errorf("%s with %q: got %q, want one %s finding", name, tc.middle, got, tc.rule)
			}
		}
	}
}
