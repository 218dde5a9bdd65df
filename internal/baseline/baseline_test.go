package baseline

import (
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/finding"
)

func fnd(path string, line, offset int, rule, snippet string) finding.Finding {
	return finding.Finding{
		RuleID:   rule,
		Severity: finding.SeverityWarning,
		Message:  "msg " + snippet,
		Location: finding.Location{Path: path, Start: finding.Position{Line: line, Offset: offset, Column: 1}},
		Snippet:  snippet,
	}
}

func roundTrip(t *testing.T, b *File) *File {
	t.Helper()
	data, err := b.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse(Marshal()): %v\n%s", err, data)
	}
	return got
}

func TestMatch(t *testing.T) {
	old := []finding.Finding{
		fnd("a.md", 3, 40, "style/repeated-word", "the the"),
		fnd("a.md", 9, 200, "style/repeated-word", "the the"),
		fnd("a.md", 12, 300, "style/wordy", "in order to"),
		fnd("b.md", 1, 0, "style/wordy", "in order to"),
		{RuleID: "citation/none", Severity: finding.SeverityInfo, Message: "No references.", Location: finding.Location{Path: "c.md"}},
	}
	b := roundTrip(t, New(old, nil))
	if len(b.Entries) != len(old) || b.Version != Version {
		t.Fatalf("baseline has %d entries, version %d", len(b.Entries), b.Version)
	}

	// Same findings: everything suppressed, nothing fixed.
	if m := b.Match(old, nil, nil); len(m.New) != 0 || len(m.Suppressed) != len(old) || len(m.Fixed) != 0 {
		t.Fatalf("unchanged: new %d, suppressed %d, fixed %d", len(m.New), len(m.Suppressed), len(m.Fixed))
	}

	// Lines moved (text inserted above), a snippet re-wrapped, one of the
	// two identical findings fixed, a new finding, and b.md's fixed.
	now := []finding.Finding{
		fnd("a.md", 20, 900, "style/repeated-word", "the\n  the"),
		fnd("a.md", 25, 1000, "style/wordy", "in order to"),
		fnd("a.md", 30, 1200, "style/wordy", "at this point in time"),
		{RuleID: "citation/none", Severity: finding.SeverityInfo, Message: "No  references.", Location: finding.Location{Path: "c.md"}},
	}
	m := b.Match(now, nil, nil)
	if len(m.New) != 1 || m.New[0].Snippet != "at this point in time" {
		t.Errorf("new = %+v, want only the new wordy finding", m.New)
	}
	if len(m.Suppressed) != 3 {
		t.Errorf("suppressed %d, want 3", len(m.Suppressed))
	}
	if len(m.Fixed) != 2 {
		t.Fatalf("fixed = %+v, want 2 entries", m.Fixed)
	}
	// The surviving repeated word is the first occurrence; the second
	// (line 9) is the one reported fixed.
	if m.Fixed[0].Path != "a.md" || m.Fixed[0].Line != 9 || m.Fixed[1].Path != "b.md" {
		t.Errorf("fixed = %+v, want a.md:9 and b.md", m.Fixed)
	}

	// keep limits what may be called fixed.
	if m := b.Match(now, nil, func(e Entry) bool { return e.Path == "a.md" }); len(m.Fixed) != 1 {
		t.Errorf("keep: fixed = %+v, want only a.md's", m.Fixed)
	}

	// The path mapping is part of the fingerprint.
	rel := func(p string) string { return "sub/" + p }
	if m := b.Match(old, rel, nil); len(m.New) != len(old) {
		t.Errorf("mapped paths matched an unmapped baseline")
	}
	if m := New(old, rel).Match(old, rel, nil); len(m.New) != 0 {
		t.Errorf("mapped baseline does not match itself")
	}
	// Another rule with the same text is a different finding.
	other := []finding.Finding{fnd("b.md", 1, 0, "style/other", "in order to")}
	if m := b.Match(other, nil, nil); len(m.New) != 1 {
		t.Errorf("rule is not part of the fingerprint")
	}
}

func TestMarshalDeterministic(t *testing.T) {
	fs := []finding.Finding{
		fnd("b.md", 1, 0, "style/x", "z"),
		fnd("a.md", 5, 50, "style/y", "y"),
		fnd("a.md", 5, 50, "style/x", "x"),
		fnd("a.md", 1, 0, "style/x", "<&>"),
	}
	rev := make([]finding.Finding, len(fs))
	for i := range fs {
		rev[len(fs)-1-i] = fs[i]
	}
	a, _ := New(fs, nil).Marshal()
	b, _ := New(rev, nil).Marshal()
	if string(a) != string(b) {
		t.Fatalf("output depends on input order:\n%s\n%s", a, b)
	}
	s := string(a)
	if !strings.Contains(s, `"version": 1`) || !strings.Contains(s, `"<&>"`) || !strings.HasSuffix(s, "}\n") {
		t.Errorf("unexpected shape:\n%s", s)
	}
	if strings.Index(s, `"a.md"`) > strings.Index(s, `"b.md"`) {
		t.Errorf("entries not sorted by path")
	}
	empty, _ := New(nil, nil).Marshal()
	if !strings.Contains(string(empty), `"entries": []`) {
		t.Errorf("empty baseline: %s", empty)
	}
}

func TestParseErrors(t *testing.T) {
	for _, bad := range []string{
		``,
		`[]`,
		`{"version": 2, "entries": []}`,
		`{"entries": []}`,
		`{"version": 1, "entries": [{"rule": "x"}]}`,
		`{"version": 1, "entries": [], "extra": true}`,
		"\xff\xfe",
	} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%q): no error", bad)
		}
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"  a\t\tb\r\nc  ": "a b c",
		"":                "",
		"\u00a0x\u2003y":  "x y",
		"\xffa  b":        "\xffa b",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzParse checks that Parse never panics and that what it accepts
// survives a round trip.
func FuzzParse(f *testing.F) {
	data, _ := New([]finding.Finding{fnd("a.md", 1, 0, "style/x", "the the")}, nil).Marshal()
	f.Add(data)
	f.Add([]byte(`{"version":1,"entries":null}`))
	f.Add([]byte(`{"version":1,"entries":[{"fingerprint":"x","severity":"bogus"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse(data)
		if err != nil {
			return
		}
		out, err := b.Marshal()
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		if _, err := Parse(out); err != nil {
			t.Fatalf("re-Parse: %v\n%s", err, out)
		}
	})
}
