package boilerplate

import (
	"testing"
	"unicode/utf8"
)

// TestASCIILinesHaveASCIIVisibleText checks what the gate's pattern test
// relies on (MayMatchASCII): the visible text of a line the table marks
// ASCII holds only ASCII bytes (visible text is made of the line's bytes,
// spaces and the ASCII "link" marker).
func TestASCIILinesHaveASCIIVisibleText(t *testing.T) {
	docs, _ := benchDocsT(t, 300)
	n := 0
	for _, doc := range docs {
		tb := buildTable(doc, 8)
		for i := range tb.lines {
			l := &tb.lines[i]
			if !l.known || l.long || !l.ascii {
				continue
			}
			n++
			if v := tb.visible(i); !isASCII([]byte(v)) {
				t.Errorf("%s:%d: ASCII line with visible text %q", doc.Path, i+1, v)
			}
		}
	}
	for _, raw := range []string{"[a](http://x) <https://y> www.z.com `c` <b>d</b> **e** ~f~ - g"} {
		v, _, _, _ := visibleText(raw)
		for k := 0; k < len(v); k++ {
			if v[k] >= utf8.RuneSelf {
				t.Errorf("visibleText(%q) = %q, not ASCII", raw, v)
			}
		}
	}
	if n == 0 {
		t.Skip("no ASCII lines")
	}
}
