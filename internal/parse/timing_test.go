package parse

import (
	"errors"
	"testing"

	"github.com/galley-lint/galley/internal/document"
)

func TestParseTimed(t *testing.T) {
	p := testParser(t)
	src := []byte("# Title\n\nOne sentence. Another one, with `code` and https://x.y/z.\n\n- item\n")
	want, err := p.Parse("a.md", src)
	if err != nil {
		t.Fatal(err)
	}
	var tm Timing
	for range 2 {
		got, err := p.ParseTimed("a.md", src, &tm)
		if err != nil {
			t.Fatal(err)
		}
		if digest(got) != digest(want) {
			t.Fatalf("ParseTimed gives another document than Parse:\n%s\nwant\n%s", dump(got), dump(want))
		}
	}
	if tm.Structure <= 0 || tm.Sentences <= 0 {
		t.Errorf("timing not accumulated: %+v", tm)
	}
	if tm.Total() != tm.Structure+tm.Sentences {
		t.Errorf("Total %v != %v + %v", tm.Total(), tm.Structure, tm.Sentences)
	}

	// Plain text and a nil Timing.
	txt, err := p.ParseTimed("a.txt", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ref, _ := p.ParseAs("a.txt", src, document.PlainText); digest(txt) != digest(ref) {
		t.Fatal("ParseTimed with a nil Timing gives another document than ParseAs")
	}

	// Rejected input still counts as structure time and keeps its error.
	before := tm
	if _, err := p.ParseTimed("b.md", []byte("a\x00b"), &tm); !errors.As(err, new(*BinaryError)) {
		t.Fatalf("err = %v, want a *BinaryError", err)
	}
	if tm.Sentences != before.Sentences || tm.Structure < before.Structure {
		t.Errorf("timing after an error: %+v, before %+v", tm, before)
	}
}
