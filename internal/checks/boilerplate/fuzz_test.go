package boilerplate

import (
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/fix"
)

// FuzzLines runs every boilerplate-lines rule over arbitrary input parsed
// as Markdown and as plain text: nothing panics, findings cover whole lines
// inside the source, and their fixes apply cleanly.
func FuzzLines(f *testing.F) {
	for _, s := range []string{
		"",
		"Jump to content\n\nTitle\n\nA real sentence that is long enough to count as prose here.\n\nSource by Jane Doe",
		"\xef\xbb\xbfSkip to main content\r\n\r\nBody text goes here and it is long enough to be prose.\r\n",
		"Jane Doe\nJane Doe\n\n# Title\n\nText.\n",
		"* [Home](/) › [Blog](/blog)\n\n```\nShare this:\n```\n\n© 2020 X. All rights reserved.",
		"Recommended Comments\n\nThere are no comments to display.\n\nSign In Now",
		"\x00\xff\xfe binary \x80",
		"[a](#a)\n[b](#b)\n<!-- c -->\n`x`\n{{< quote >}}\n",
	} {
		f.Add(s)
	}
	checks := loadChecks(f)
	p := newParser(f)
	f.Fuzz(func(t *testing.T, src string) {
		for _, name := range []string{"f.md", "f.txt"} {
			doc, err := p.Parse(name, []byte(src))
			if err != nil {
				doc = document.New(name, document.PlainText, []byte(src))
			}
			var fixes []finding.Fix
			for _, c := range checks {
				if c.Run == nil {
					continue
				}
				pass := &check.Pass{Check: c, Doc: doc, ExportFact: func(any) {}}
				pass.Report = func(d check.Diagnostic) {
					if d.Span.Start < 0 || d.Span.End > len(src) || d.Span.Start > d.Span.End {
						t.Fatalf("%s: span %+v outside %d bytes", c.ID, d.Span, len(src))
					}
					if d.Span.Start > doc.BOM && src[d.Span.Start-1] != '\n' {
						t.Fatalf("%s: span %+v does not start a line", c.ID, d.Span)
					}
					for _, fx := range d.Fixes {
						var edits []finding.Edit
						for _, e := range fx.Edits {
							edits = append(edits, finding.Edit{Start: e.Span.Start, End: e.Span.End, NewText: e.NewText})
						}
						fixes = append(fixes, finding.Fix{Message: fx.Message, Edits: edits})
					}
				}
				if err := c.Run(pass); err != nil {
					t.Fatal(err)
				}
			}
			out, _, err := fix.Apply([]byte(src), fixes)
			if err != nil {
				t.Fatalf("fixes do not apply: %v", err)
			}
			if len(out) > len(src) {
				t.Fatalf("deleting lines made the text longer")
			}
			if strings.HasPrefix(src, "\xef\xbb\xbf") && !strings.HasPrefix(string(out), "\xef\xbb\xbf") {
				t.Fatalf("fix removed the byte order mark")
			}
		}
	})
}

func TestDeletion(t *testing.T) {
	tests := []struct {
		src         string
		first, last int
		want        string // the text left
	}{
		{"a\nb\n\nc\n", 2, 2, "a\nc\n"},
		{"a\n\nb\n", 3, 3, "a\n"},
		{"a\n\nb", 3, 3, "a\n"},
		{"b\n\na\n", 1, 1, "a\n"},
		{"a\r\n\r\nb\r\n\r\nc\r\n", 3, 3, "a\r\n\r\nc\r\n"},
		{"\xef\xbb\xbfa\n\nb\n", 1, 1, "\xef\xbb\xbfb\n"},
		{"only", 1, 1, ""},
		{"a\nb\nc\n", 1, 3, ""},
	}
	for _, tt := range tests {
		doc := document.New("x.txt", document.PlainText, []byte(tt.src))
		sp := deletion(doc, tt.first, tt.last)
		got := tt.src[:sp.Start] + tt.src[sp.End:]
		if got != tt.want {
			t.Errorf("deletion(%q, %d, %d) leaves %q, want %q", tt.src, tt.first, tt.last, got, tt.want)
		}
	}
}
