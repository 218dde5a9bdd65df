package report

import (
	"testing"

	"github.com/galley-lint/galley/internal/finding"
)

func TestPlainMessage(t *testing.T) {
	related := []finding.Related{{Message: "one"}, {Message: "two"}}
	for _, tc := range []struct {
		msg     string
		related []finding.Related
		want    string
	}{
		{"others disagree: [a.md:4](1) and [b.md:9](2).", related, "others disagree: a.md:4 and b.md:9."},
		{"no such location [a.md:4](3)", related, "no such location [a.md:4](3)"},
		{"not a reference [x](https://example.com)", related, "not a reference [x](https://example.com)"},
		{"[a.md:4](1) without related locations", nil, "[a.md:4](1) without related locations"},
		{"plain", related, "plain"},
	} {
		f := finding.Finding{Message: tc.msg, Related: tc.related}
		if got := plainMessage(&f); got != tc.want {
			t.Errorf("plainMessage(%q) = %q, want %q", tc.msg, got, tc.want)
		}
	}
}
