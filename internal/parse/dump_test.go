package parse

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/rules"
)

// dump renders a document's blocks for debugging and golden comparisons.
func dump(doc *document.Document) string {
	var sb strings.Builder
	for _, b := range doc.Blocks {
		fmt.Fprintf(&sb, "%s L%d Q%d [%d,%d) %q\n", b.Kind, b.Level, b.Quoted, b.Span.Start, b.Span.End, doc.Text(b.Span))
		if b.Kind.IsProse() {
			fmt.Fprintf(&sb, "  text %q\n", b.Text)
			for _, s := range b.Sentences {
				fmt.Fprintf(&sb, "  sent %q\n", b.Text[s.Start:s.End])
			}
		}
	}
	for _, d := range doc.Directives {
		fmt.Fprintf(&sb, "directive %d %v line %d %q\n", d.Kind, d.Rules, d.Line, doc.Text(d.Span))
	}
	return sb.String()
}

func TestDumpFile(t *testing.T) {
	name := os.Getenv("GALLEY_DUMP")
	if name == "" {
		t.Skip("set GALLEY_DUMP=file to dump a parse")
	}
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	lex, err := LoadLexicon(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := New(lex).Parse(name, src)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Print(dump(doc))
}
