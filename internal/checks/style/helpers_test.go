package style

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/rulepack"
	"github.com/galley-lint/galley/rules"
)

// buildChecks loads rules/style.yaml through rulepack (strict decoding,
// as galley does) with this package's kinds, keyed by rule ID.
func buildChecks(t testing.TB) map[string]*check.Check {
	t.Helper()
	data, err := rules.FS.ReadFile("style.yaml")
	if err != nil {
		t.Fatal(err)
	}
	set, err := rulepack.Load(Kinds(), []rulepack.Source{{Name: "rules/style.yaml", Data: data}})
	if err != nil {
		t.Fatalf("loading rules/style.yaml: %v", err)
	}
	out := map[string]*check.Check{}
	for _, c := range set.Checks() {
		out[c.ID] = c
	}
	return out
}

// textDoc builds a document by hand (no parser): blocks are separated by
// blank lines; a block whose first line starts with "# " is a heading,
// "- " a list item, "| " a table cell, "```" a code block; `code` becomes a
// placeholder. Each block's text is its lines joined by "\n".
func textDoc(path, src string) *document.Document {
	doc := document.New(path, document.PlainText, []byte(src))
	off := 0
	for off < len(src) {
		// Skip blank lines.
		for off < len(src) && (src[off] == '\n' || src[off] == '\r') {
			off++
		}
		if off >= len(src) {
			break
		}
		end := strings.Index(src[off:], "\n\n")
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		doc.Blocks = append(doc.Blocks, makeBlock(src, off, end))
		off = end
	}
	return doc
}

func makeBlock(src string, start, end int) document.Block {
	b := document.Block{Kind: document.Paragraph, Span: document.Span{Start: start, End: end}}
	body := start
	switch {
	case strings.HasPrefix(src[start:], "```"):
		b.Kind = document.CodeBlock
		return b
	case strings.HasPrefix(src[start:], "# "):
		b.Kind, b.Level, body = document.Heading, 1, start+2
	case strings.HasPrefix(src[start:], "- "):
		b.Kind, b.Level, body = document.ListItem, 1, start+2
	case strings.HasPrefix(src[start:], "| "):
		b.Kind, body = document.TableCell, start+2
	}
	var text strings.Builder
	add := func(s, e int, verbatim bool, t string) {
		if s == e && t == "" {
			return
		}
		b.Pieces = append(b.Pieces, document.Piece{Text: text.Len(), TextEnd: text.Len() + len(t), Src: s, SrcEnd: e, Verbatim: verbatim})
		text.WriteString(t)
	}
	i := body
	seg := body
	for i < end {
		switch {
		case src[i] == '`':
			close := strings.IndexByte(src[i+1:end], '`')
			if close < 0 {
				i++
				continue
			}
			add(seg, i, true, src[seg:i])
			add(i, i+close+2, false, string(document.Placeholder))
			i += close + 2
			seg = i
		case src[i] == '\r' && i+1 < end && src[i+1] == '\n':
			add(seg, i, true, src[seg:i])
			add(i, i+2, false, "\n")
			i += 2
			seg = i
		default:
			i++
		}
	}
	add(seg, end, true, src[seg:end])
	b.Text = text.String()
	return b
}

// diag is a diagnostic resolved for comparison in tests.
type diag struct {
	Line int
	Text string // the source text of the span
	Msg  string
	d    check.Diagnostic
}

func (d diag) String() string { return fmt.Sprintf("%d %q %s", d.Line, d.Text, d.Msg) }

// runCheck runs c over doc and returns its diagnostics in order.
func runCheck(t testing.TB, c *check.Check, doc *document.Document) []diag {
	t.Helper()
	var out []diag
	pass := &check.Pass{
		Check: c,
		Doc:   doc,
		Report: func(d check.Diagnostic) {
			if d.Span.Start < 0 || d.Span.End > len(doc.Source) || d.Span.Start > d.Span.End {
				t.Errorf("%s: bad span %v", c.ID, d.Span)
				return
			}
			out = append(out, diag{Line: doc.Line(d.Span.Start), Text: doc.Text(d.Span), Msg: d.Message, d: d})
		},
		ExportFact: func(any) {},
	}
	if err := c.Run(pass); err != nil {
		t.Fatalf("%s: %v", c.ID, err)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].d.Span.Start < out[j].d.Span.Start })
	return out
}

// applyFixes applies the diagnostics' first fixes to src.
func applyFixes(src []byte, ds []diag) string {
	var edits []check.Edit
	for _, d := range ds {
		if len(d.d.Fixes) > 0 {
			edits = append(edits, d.d.Fixes[0].Edits...)
		}
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].Span.Start > edits[j].Span.Start })
	out := append([]byte(nil), src...)
	for _, e := range edits {
		out = append(out[:e.Span.Start], append([]byte(e.NewText), out[e.Span.End:]...)...)
	}
	return string(out)
}

// yamlOptions returns check.Options for a YAML mapping written as text.
func yamlOptions(t testing.TB, text string) check.Options {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(text), &n); err != nil {
		t.Fatal(err)
	}
	o, err := rulepack.NewOptions(rulepack.Layer{File: "test.yaml", Node: &n})
	if err != nil {
		t.Fatal(err)
	}
	return o
}
