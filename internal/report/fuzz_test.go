package report

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/galley-lint/galley/internal/finding"
)

// fuzzRun builds a one-finding run from fuzzed parts.
func fuzzRun(line, msg, path string, startCol, endLine, endCol int) *Run {
	return &Run{
		Rules: []finding.RuleInfo{{ID: "f/x", Doc: msg}},
		Findings: []finding.Finding{{
			RuleID: "f/x", Severity: finding.SeverityWarning, Message: msg, SourceLine: line, Snippet: line,
			Location: finding.Location{Path: path,
				Start: finding.Position{Line: 1, Column: startCol, ColumnUTF16: startCol},
				End:   finding.Position{Line: endLine, Column: endCol, ColumnUTF16: endCol}},
			Related: []finding.Related{{Location: finding.Location{Path: path}, Message: msg}},
			Fixes:   []finding.Fix{{Message: msg, Edits: []finding.Edit{{Path: path, Start: startCol, End: endCol, NewText: msg}}}},
		}},
		Notifications: []finding.Notification{{Path: path, Level: finding.SeverityError, Message: msg}},
		Root:          path,
	}
}

func addSeeds(f *testing.F) {
	f.Add("The the cat", "Repeated word.", "a.md", 1, 1, 8)
	f.Add("\tTabbed 漢字 😀 \x1b[31mred\r", "msg \x1b]0;t\x07", "ü/a b.md", 12, 1, 14)
	f.Add("\uFEFFbom", "", "", 0, 0, -5)
	f.Add("\xff\xfe\x00", "%0A\n::error::x", "a,b:c", 3, 2, 1)
	f.Add(strings.Repeat("wide 漢字 ", 100), "[a](1)", "/abs/p", 400, 1, 410)
	f.Add("👩\u200d👩\u200d👧\u0308", "\u202e", "C:\\x", 2, 1, 3)
}

// FuzzText checks that the text reporter never panics and never lets a
// control character through.
func FuzzText(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, line, msg, path string, startCol, endLine, endCol int) {
		run := fuzzRun(line, msg, path, startCol, endLine, endCol)
		for _, group := range []bool{false, true} {
			out := render(t, "text", Options{Group: group}, run)
			assertNoControls(t, out, false)
			if !utf8.ValidString(out) {
				t.Fatalf("text output is not UTF-8: %q", out)
			}
		}
		_ = Summary(run, true)
		_ = StepSummary(run)
	})
}

// FuzzGitHub checks that fuzzed text always yields exactly one command per
// notification and finding.
func FuzzGitHub(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, line, msg, path string, startCol, endLine, endCol int) {
		out := render(t, "github", Options{}, fuzzRun(line, msg, path, startCol, endLine, endCol))
		if cmds := parseCommands(t, out); len(cmds) != 2 {
			t.Fatalf("%d commands, want 2:\n%q", len(cmds), out)
		}
	})
}

// FuzzMachine checks that JSON and SARIF output is always valid JSON.
func FuzzMachine(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, line, msg, path string, startCol, endLine, endCol int) {
		run := fuzzRun(line, msg, path, startCol, endLine, endCol)
		for _, format := range []string{"json", "sarif"} {
			if out := render(t, format, Options{}, run); !json.Valid([]byte(out)) {
				t.Fatalf("%s output is not valid JSON:\n%s", format, out)
			}
		}
	})
}

// FuzzLineCells checks lineCells against uniseg's own measure of the
// whole line: one cell per rune, and the same total width, for text
// without controls (whose escapes uniseg cannot know).
func FuzzLineCells(f *testing.F) {
	for _, s := range []string{"abc", "e\u0301x", "a\u200db", "🇫🇷🇩🇪x", "漢字\tx", "👩\u200d👩\u200d👧 ab", "ab\u0308\u0308c", "x\u0301\tz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if !utf8.ValidString(line) || needsEscape(line, true) {
			t.Skip()
		}
		cells := lineCells(line)
		if len(cells) != utf8.RuneCountInString(line) {
			t.Fatalf("%d cells for %d runes", len(cells), utf8.RuneCountInString(line))
		}
		if got, want := widthOf(cells), uniseg.StringWidth(expandTabs(line)); got != want {
			t.Fatalf("width %d, uniseg says %d for %q", got, want, line)
		}
	})
}
