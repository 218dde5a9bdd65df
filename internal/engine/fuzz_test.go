package engine

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/finding"
)

// FuzzEngine runs the engine over arbitrary bytes: it must not fail or
// panic, and every finding must lie inside the source.
func FuzzEngine(f *testing.F) {
	for _, s := range []string{
		"", "foo", "\ufefffoo\r\nbar foo\r\n", "a\x00b", "caf\xe9 foo",
		"<!-- galley-disable test/* -->\nfoo\n<!-- galley-enable -->\nfoo",
		"<!-- galley-disable-next-line -->\n\n\n", "```\nfoo\n```\nfoo `foo` [foo](foo)",
		"# foo\n\n- foo\n  - foo\n\n> foo\n\n| foo | foo |\n|---|---|\n| foo | x |\n",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	p := newParser(f)
	checks := []*check.Check{wordCheck("test/foo", "foo", finding.SeverityWarning), titleCheck("test/title"),
		wordCheck("test/o", "o", finding.SeverityInfo)}
	f.Fuzz(func(t *testing.T, data []byte, text bool) {
		path := "fuzz.md"
		if text {
			path = "fuzz.txt"
		}
		res, err := Run(context.Background(), Options{Parser: p, Checks: checks, Jobs: 1},
			[]Source{BytesSource(path, data), BytesSource("z.md", data)})
		if err != nil {
			t.Fatal(err)
		}
		if res.Files == 0 && len(res.Notifications) == 0 {
			t.Fatal("file neither checked nor reported")
		}
		for _, fd := range res.Findings {
			l := fd.Location
			if l.Start.Offset < 0 || l.Start.Offset > l.End.Offset || l.End.Offset > len(data) {
				t.Fatalf("finding out of range: %+v", fd)
			}
			if l.Start.Line < 1 || l.Start.Column < 1 || l.End.Line < l.Start.Line {
				t.Fatalf("bad position: %+v", fd)
			}
			if fd.Message == `found "foo"` && string(data[l.Start.Offset:l.End.Offset]) != "foo" {
				t.Fatalf("span %q does not hold foo", data[l.Start.Offset:l.End.Offset])
			}
			if !utf8.ValidString(fd.Snippet) || len(fd.Snippet) > maxSnippet {
				t.Fatalf("bad snippet %q", fd.Snippet)
			}
		}
	})
}
