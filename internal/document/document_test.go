package document

import (
	"testing"
)

func TestLineTable(t *testing.T) {
	tests := []struct {
		src   string
		lines []Span // LineSpan(1..n)
	}{
		{"", []Span{{0, 0}}},
		{"a", []Span{{0, 1}}},
		{"a\n", []Span{{0, 1}, {2, 2}}},
		{"ab\r\ncd\n\nef", []Span{{0, 2}, {4, 6}, {7, 7}, {8, 10}}},
		{"\uFEFFx\ny", []Span{{3, 4}, {5, 6}}},
		{"\n\n", []Span{{0, 0}, {1, 1}, {2, 2}}},
	}
	for _, tt := range tests {
		d := New("t", Markdown, []byte(tt.src))
		if d.LineCount() != len(tt.lines) {
			t.Fatalf("%q: %d lines, want %d", tt.src, d.LineCount(), len(tt.lines))
		}
		for i, want := range tt.lines {
			if got := d.LineSpan(i + 1); got != want {
				t.Errorf("%q: line %d span %v, want %v", tt.src, i+1, got, want)
			}
		}
		for i := range tt.lines {
			want := 0
			if i > 0 {
				want = d.lineStarts[i]
			}
			if got := d.LineStart(i + 1); got != want || d.Line(got) != i+1 {
				t.Errorf("%q: LineStart(%d) = %d, want %d", tt.src, i+1, got, want)
			}
		}
		if d.LineStart(0) != 0 || d.LineStart(len(tt.lines)+1) != len(tt.src) {
			t.Errorf("%q: LineStart out of range: %d, %d", tt.src, d.LineStart(0), d.LineStart(len(tt.lines)+1))
		}
		// Every offset lies on the line whose span (plus line ending)
		// holds it.
		for off := 0; off <= len(tt.src); off++ {
			n := d.Line(off)
			if n < 1 || n > d.LineCount() {
				t.Fatalf("%q: Line(%d) = %d out of range", tt.src, off, n)
			}
			if n < d.LineCount() && off >= d.lineStarts[n] || off < d.lineStarts[n-1] {
				t.Errorf("%q: Line(%d) = %d, line starts %v", tt.src, off, n, d.lineStarts)
			}
		}
	}
}

func TestPosition(t *testing.T) {
	d := New("t", Markdown, []byte("\uFEFFé😀x\r\nab"))
	tests := []struct {
		off              int
		line, col, col16 int
	}{
		{0, 1, 1, 1},
		{3, 1, 1, 1},
		{5, 1, 2, 2},  // after é
		{9, 1, 3, 4},  // after 😀 (two UTF-16 units)
		{10, 1, 4, 5}, // the CR
		{12, 2, 1, 1},
		{99, 2, 3, 3}, // clamped to the end
	}
	for _, tt := range tests {
		p := d.Position(tt.off)
		if p.Line != tt.line || p.Column != tt.col || p.ColumnUTF16 != tt.col16 {
			t.Errorf("Position(%d) = line %d col %d col16 %d, want %d %d %d", tt.off, p.Line, p.Column, p.ColumnUTF16, tt.line, tt.col, tt.col16)
		}
	}
}

// TestColumns checks rune and UTF-16 columns: ASCII, multi-byte and
// astral characters, an invalid byte, and a character straddling the end.
func TestColumns(t *testing.T) {
	src := []byte("ab\u00e9\U0001F600c\xffd")
	tests := []struct {
		start, end int
		col, col16 int
		what       string
	}{
		{0, 0, 1, 1, "empty"},
		{0, 2, 3, 3, "ASCII"},
		{0, 4, 4, 4, "é is one column"},
		{0, 8, 5, 6, "an astral character is two UTF-16 units"},
		{0, 9, 6, 7, "ASCII after non-ASCII"},
		{0, 10, 7, 8, "an invalid byte is one column"},
		{0, 3, 3, 3, "half of é does not count"},
		{2, 8, 3, 4, "from a later line start"},
	}
	for _, tt := range tests {
		col, col16 := Columns(src, tt.start, tt.end)
		if col != tt.col || col16 != tt.col16 {
			t.Errorf("%s: Columns(%d, %d) = %d, %d; want %d, %d", tt.what, tt.start, tt.end, col, col16, tt.col, tt.col16)
		}
	}
}
