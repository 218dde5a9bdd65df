package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aymanbagabas/go-udiff"

	"github.com/galley-lint/galley/internal/finding"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func render(t testing.TB, format string, opts Options, run *Run) string {
	t.Helper()
	r, err := New(format, opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Report(&buf, run); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from golden file (go test -update rewrites it):\n%s", name, udiff.Unified("want", "got", string(want), got))
	}
}

func TestFixtureSorted(t *testing.T) {
	run := fixtureRun(t)
	if !slices.IsSortedFunc(run.Findings, func(a, b finding.Finding) int {
		if finding.Less(&a, &b) {
			return -1
		}
		if finding.Less(&b, &a) {
			return 1
		}
		return 0
	}) {
		t.Fatal("fixture findings are not in report order")
	}
	// The fixture must exercise what the golden files are meant to show.
	var utf16Differs, multiLine bool
	for _, f := range run.Findings {
		utf16Differs = utf16Differs || f.Location.Start.Column != f.Location.Start.ColumnUTF16
		multiLine = multiLine || f.Location.End.Line > f.Location.Start.Line
	}
	if !utf16Differs || !multiLine {
		t.Fatalf("fixture lacks a UTF-16 column difference (%v) or a multi-line span (%v)", utf16Differs, multiLine)
	}
}

func TestGolden(t *testing.T) {
	run := fixtureRun(t)
	cases := []struct {
		file, format string
		opts         Options
	}{
		{"golden.txt", "text", Options{}},
		{"golden-group.txt", "text", Options{Group: true}},
		{"golden-color.txt", "text", Options{Color: true}},
		{"golden.json", "json", Options{}},
		{"golden.sarif", "sarif", Options{}},
		{"golden.github", "github", Options{}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			golden(t, c.file, render(t, c.format, c.opts, run))
		})
	}
	t.Run("step-summary.md", func(t *testing.T) {
		golden(t, "step-summary.md", StepSummary(run))
	})
}

// The text report must show these things for the fixture; the golden file
// pins the rest.
func TestTextContent(t *testing.T) {
	out := render(t, "text", Options{}, fixtureRun(t))
	for _, want := range []string{
		"docs/guide.md:3:1: error: Repeated word \"the\". [style/repeated-word]\n" +
			"    The the café, naïve 😀 text here.\n" +
			"    ^~~~~~~\n" +
			"    fix: Delete the first \"The\".\n",
		// The emoji is two columns wide: the caret sits under "text".
		"    The the café, naïve 😀 text here.\n" +
			strings.Repeat(" ", 4+20+2+1) + "^~~~~~~~~\n",
		// A span that continues is underlined to the end of the line.
		"docs/guide.md:4:15: info: Phrase runs over two lines. [style/long-span]\n" +
			"    This sentence runs\n" +
			"                  ^~~~\n",
		// Escapes are shown, not sent; the underline accounts for them.
		"docs/guide.md:6:11: warning: Says \\x1b[31mred\\x1b[0m is safe\\r\\x1b[2K; elsewhere it means danger. [contradiction/colour-advice]\n" +
			"    Evil \\x1b[31mred\\x1b[0m text\\r with CR.\n" +
			"                 ^~~\n" +
			"    docs/other.md:1:1: Red means danger here.\n" +
			"    docs/other.md:2:1: And \\x07stop here.\n",
		// Tab expanded to the tab stop, wide characters two columns each.
		"    " + "    Tabbed 漢字 word here.\n" +
			"    " + "           ^~~~\n" +
			"    fix: Write \"kanji\".\n",
		"missing.md: error: no such file or directory\n",
		"latin1.txt: warning: invalid UTF-8 at byte 12 (\\xe9)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks\n%s\n--- output:\n%s", want, out)
		}
	}
	assertNoControls(t, out, false)
}

// assertNoControls fails if out contains control characters other than
// newline (and, with color, the SGR sequences the reporter itself writes).
func assertNoControls(t *testing.T, out string, color bool) {
	t.Helper()
	if color {
		for _, code := range []string{ansiReset, ansiBold, ansiDim, ansiRed, ansiYellow, ansiCyan, ansiGreen} {
			out = strings.ReplaceAll(out, code, "")
		}
	}
	for i, r := range out {
		if r == '\n' {
			continue
		}
		if _, bad := escapeRune(r, false); bad || r == 0xfffd {
			t.Fatalf("output has control %U at byte %d: %q", r, i, out[max(0, i-20):min(len(out), i+20)])
		}
	}
}

func TestTextColor(t *testing.T) {
	run := fixtureRun(t)
	plain := render(t, "text", Options{}, run)
	if strings.Contains(plain, "\x1b") {
		t.Fatal("colour off, but output has escape sequences")
	}
	col := render(t, "text", Options{Color: true}, run)
	if !strings.Contains(col, ansiRed+"error"+ansiReset) || !strings.Contains(col, ansiDim+"[style/repeated-word]"+ansiReset) {
		t.Fatalf("coloured output lacks styled severity or rule ID:\n%s", col)
	}
	assertNoControls(t, col, true)
}

func TestGroup(t *testing.T) {
	out := render(t, "text", Options{Group: true}, fixtureRun(t))
	if !strings.Contains(out, "docs/guide.md\n  3:1: error: Repeated word") {
		t.Fatalf("grouped output lacks file header:\n%s", out)
	}
	if strings.Count(out, "docs/guide.md\n") != 1 {
		t.Fatalf("file header repeated:\n%s", out)
	}
}

func TestExcerpt(t *testing.T) {
	mkf := func(line string, startCol, endLine, endCol int) *finding.Finding {
		return &finding.Finding{
			SourceLine: line,
			Location: finding.Location{
				Start: finding.Position{Line: 2, Column: startCol},
				End:   finding.Position{Line: endLine, Column: endCol},
			},
		}
	}
	cases := []struct {
		name       string
		f          *finding.Finding
		src, marks string
	}{
		{"plain", mkf("hello world", 7, 2, 12), "hello world", "      ^~~~~"},
		{"empty span", mkf("hello", 3, 2, 3), "hello", "  ^"},
		{"past end", mkf("hello", 6, 2, 6), "hello", "     ^"},
		{"far past end", mkf("hello", 60, 2, 99), "hello", "     ^"},
		{"to end of line", mkf("hello world", 7, 4, 3), "hello world", "      ^~~~~"},
		{"wide", mkf("漢字 x", 1, 2, 3), "漢字 x", "^~~~"},
		{"emoji ZWJ", mkf("👩\u200d👩\u200d👧 ab", 7, 2, 8), "👩\u200d👩\u200d👧 ab", "   ^"},
		{"combining", mkf("nai\u0308ve x", 7, 2, 8), "nai\u0308ve x", "     ^"},
		{"tab", mkf("a\tb", 3, 2, 4), "a   b", "    ^"},
		{"control", mkf("a\x1bb", 3, 2, 4), `a\x1bb`, "     ^"},
		{"invalid utf8", mkf("a\xffb", 3, 2, 4), `a\xffb`, "     ^"},
		{"bidi", mkf("a\u202eb", 3, 2, 4), `a\u202eb`, "       ^"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src, marks, ok := excerpt(c.f)
			if !ok || src != c.src || marks != c.marks {
				t.Errorf("excerpt = %q, %q, %v; want %q, %q", src, marks, ok, c.src, c.marks)
			}
		})
	}
	if _, _, ok := excerpt(&finding.Finding{Location: finding.Location{Start: finding.Position{Line: 1, Column: 1}}}); ok {
		t.Error("excerpt without a source line should be skipped")
	}
}

func TestExcerptBOM(t *testing.T) {
	f := &finding.Finding{SourceLine: "\uFEFFab", Location: finding.Location{
		Start: finding.Position{Line: 1, Column: 2}, End: finding.Position{Line: 1, Column: 3}}}
	src, marks, _ := excerpt(f)
	if src != "ab" || marks != " ^" {
		t.Fatalf("excerpt = %q, %q", src, marks)
	}
}

func TestExcerptLongLine(t *testing.T) {
	line := strings.Repeat("abcdefghij", 1000) + "TARGET" + strings.Repeat("x", 5000)
	col := 10000 + 1
	f := &finding.Finding{SourceLine: line, Location: finding.Location{
		Start: finding.Position{Line: 3, Column: col}, End: finding.Position{Line: 3, Column: col + 6}}}
	src, marks, ok := excerpt(f)
	if !ok {
		t.Fatal("no excerpt")
	}
	if w := len([]rune(src)); w > maxExcerpt+2 {
		t.Fatalf("excerpt is %d runes, want at most %d", w, maxExcerpt+2)
	}
	if !strings.HasPrefix(src, "…") || !strings.HasSuffix(src, "…") {
		t.Fatalf("cut excerpt not marked: %q", src)
	}
	i := strings.IndexByte(marks, '^')
	if got := string([]rune(src)[i : i+6]); got != "TARGET" || !strings.HasSuffix(marks, "^~~~~~") {
		t.Fatalf("underline is under %q (marks %q)", got, marks)
	}
}

func TestJSON(t *testing.T) {
	run := fixtureRun(t)
	out := render(t, "json", Options{}, run)
	if !strings.HasSuffix(out, "}\n") {
		t.Fatal("JSON output lacks trailing newline")
	}
	var got JSONReport
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Version != 1 || len(got.Findings) != len(run.Findings) || got.Summary.Errors != 1 || got.Summary.Warnings != 2 || got.Summary.Infos != 3 || got.Summary.Files != 12 || got.Summary.Bytes != 1234567 {
		t.Fatalf("unexpected report: %+v", got)
	}
	emoji := got.Findings[1]
	if emoji.Location.Start.Column != 23 || emoji.Location.Start.ColumnUTF16 != 24 {
		t.Fatalf("emoji finding columns = %+v", emoji.Location.Start)
	}
	if got.Notifications[0].Path != "blob.bin" {
		t.Fatalf("notifications not sorted by path: %+v", got.Notifications)
	}

	empty := render(t, "json", Options{}, &Run{Tool: run.Tool})
	for _, want := range []string{`"findings": []`, `"notifications": []`} {
		if !strings.Contains(empty, want) {
			t.Errorf("empty JSON lacks %s:\n%s", want, empty)
		}
	}
	// A finding without related locations or fixes still has both arrays.
	one := render(t, "json", Options{}, &Run{Findings: []finding.Finding{{RuleID: "a/b", Severity: finding.SeverityInfo}}})
	for _, want := range []string{`"related": []`, `"fixes": []`, `"severity": "info"`} {
		if !strings.Contains(one, want) {
			t.Errorf("JSON lacks %s:\n%s", want, one)
		}
	}
}

func TestNew(t *testing.T) {
	for _, f := range Formats() {
		if _, err := New(f, Options{}); err != nil {
			t.Errorf("New(%q): %v", f, err)
		}
	}
	_, err := New("xml", Options{})
	if err == nil || !strings.Contains(err.Error(), "text, json, sarif") {
		t.Fatalf("New(xml) error = %v, want the valid formats listed", err)
	}
}

func TestSummary(t *testing.T) {
	run := fixtureRun(t)
	if got, want := Summary(run, false), "1 error, 2 warnings, 3 info in 2 of 12 files (1.2 MB) in 85ms"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	if got := Summary(run, true); !strings.Contains(got, ansiRed+"1 error"+ansiReset) {
		t.Errorf("coloured summary = %q", got)
	}
	clean := &Run{FilesChecked: 1, Bytes: 999, Elapsed: 1234567 * time.Microsecond}
	if got, want := Summary(clean, false), "no findings in 1 file (999 B) in 1.23s"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	if got := Summary(clean, true); got != ansiGreen+"no findings"+ansiReset+" in 1 file (999 B) in 1.23s" {
		t.Errorf("coloured clean summary = %q", got)
	}
	warn := &Run{FilesChecked: 3, Bytes: 4500, Findings: []finding.Finding{
		{Severity: finding.SeverityWarning, Location: finding.Location{Path: "a"}},
		{Severity: finding.SeverityWarning, Location: finding.Location{Path: "a"}},
	}}
	if got, want := Summary(warn, false), "2 warnings in 1 of 3 files (4.5 kB) in 0ms"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
}

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 999: "999 B", 1000: "1.0 kB", 1_500_000: "1.5 MB", 46_000_000_000: "46.0 GB"} {
		if got := formatBytes(n); got != want {
			t.Errorf("formatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestSanitize(t *testing.T) {
	cases := map[string]string{
		"plain":       "plain",
		"tab\there":   `tab\there`,
		"a\x1b[2Jb":   `a\x1b[2Jb`,
		"cr\rlf\n":    `cr\rlf\n`,
		"del\x7f":     `del\x7f`,
		"c1\u009bx":   `c1\u009bx`,
		"bidi\u202e":  `bidi\u202e`,
		"bad\xff\xfe": `bad\xff\xfe`,
		"café 😀 漢字":   "café 😀 漢字",
	}
	for in, want := range cases {
		if got := sanitize(in, false); got != want {
			t.Errorf("sanitize(%q) = %q, want %q", in, got, want)
		}
	}
	if got := sanitize("a\tb", true); got != "a\tb" {
		t.Errorf("sanitize keeping tabs = %q", got)
	}
}

// Bad input must not crash any reporter.
func TestBadInput(t *testing.T) {
	weird := []string{"", "\xff\xfe\x00", "\uFEFF\r\n", strings.Repeat("😀", 10000), "\x1b]0;title\x07"}
	for _, s := range weird {
		run := &Run{
			Rules: []finding.RuleInfo{{ID: s, Doc: s}},
			Findings: []finding.Finding{{
				RuleID: s, Message: s, Snippet: s, SourceLine: s,
				Location: finding.Location{Path: s, Start: finding.Position{Line: 1, Column: 5, Offset: 7}, End: finding.Position{Line: 0, Column: -3, Offset: 2}},
				Related:  []finding.Related{{Location: finding.Location{Path: s}, Message: s}},
				Fixes:    []finding.Fix{{Message: s, Edits: []finding.Edit{{Path: s, Start: 9, End: 3, NewText: s}}}},
			}},
			Notifications: []finding.Notification{{Path: s, Message: s}},
			Root:          s,
		}
		for _, f := range Formats() {
			render(t, f, Options{Color: true, Group: true}, run)
		}
		StepSummary(run)
		Summary(run, true)
	}
}

func TestTextWholeFileAndNotifications(t *testing.T) {
	run := &Run{
		Findings: []finding.Finding{{RuleID: "citation/none", Severity: finding.SeverityWarning, Message: "No sources at all.",
			Location: finding.Location{Path: "a.md"}}},
		Notifications: []finding.Notification{{Level: finding.SeverityError, Message: "config: bad \x1b[2J"}},
	}
	got := render(t, "text", Options{}, run)
	want := "galley: error: config: bad \\x1b[2J\na.md: warning: No sources at all. [citation/none]\n"
	if got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
	grouped := render(t, "text", Options{Group: true}, run)
	if !strings.Contains(grouped, "a.md\n  warning: No sources at all.") {
		t.Errorf("grouped = %q", grouped)
	}
	var buf bytes.Buffer
	if err := WriteNotifications(&buf, []finding.Notification{{Path: "b\r.md", Level: finding.SeverityWarning, Message: "binary"}, {Path: "a.md", Level: finding.SeverityNone, Message: "odd"}}, false); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "a.md: info: odd\nb\\r.md: warning: binary\n"; got != want {
		t.Errorf("WriteNotifications = %q, want %q", got, want)
	}
	if got := Escape("a\x1b[31mb\tc"); got != `a\x1b[31mb\tc` {
		t.Errorf("Escape = %q", got)
	}
}
