package report

import (
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/finding"
)

// unescapeGitHub reverses the workflow-command escaping.
func unescapeGitHub(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}

// parseCommands checks that out is one well-formed workflow command per
// line and returns, per line, the command, its properties and its message.
func parseCommands(t *testing.T, out string) [][3]string {
	t.Helper()
	if !strings.HasSuffix(out, "\n") {
		t.Fatalf("output does not end in a newline: %q", out)
	}
	var cmds [][3]string
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if strings.ContainsAny(line, "\r\x1b") {
			t.Fatalf("line carries a raw control character: %q", line)
		}
		rest, ok := strings.CutPrefix(line, "::")
		if !ok {
			t.Fatalf("line is not a workflow command: %q", line)
		}
		head, msg, ok := strings.Cut(rest, "::")
		if !ok {
			t.Fatalf("line has no message separator: %q", line)
		}
		name, props, _ := strings.Cut(head, " ")
		cmds = append(cmds, [3]string{name, props, msg})
	}
	return cmds
}

func TestGitHubInjection(t *testing.T) {
	evil := "50% off\n::error file=x.md::injected\r\n::add-mask::secret %0A::stop-commands::tok, a: b\x1b[31m"
	run := &Run{
		Findings: []finding.Finding{{
			RuleID: "style/x::y,z", Severity: finding.SeverityWarning, Message: evil,
			Location: finding.Location{Path: "a,b::c%.md", Start: finding.Position{Line: 2, Column: 3}, End: finding.Position{Line: 2, Column: 7}},
		}, {
			RuleID: "style/i", Severity: finding.SeverityInfo, Message: "::warning::x",
			Location: finding.Location{Path: "b.md", Start: finding.Position{Line: 1, Column: 1}, End: finding.Position{Line: 1, Column: 2}},
		}},
		Notifications: []finding.Notification{{Path: "n\n::error::x.md", Level: finding.SeverityError, Message: evil}},
	}
	out := render(t, "github", Options{}, run)
	cmds := parseCommands(t, out)
	if len(cmds) != 3 {
		t.Fatalf("got %d commands, want 3:\n%s", len(cmds), out)
	}
	wantNames := []string{"error", "warning", "notice"}
	for i, c := range cmds {
		if c[0] != wantNames[i] {
			t.Errorf("command %d is %q, want %q", i, c[0], wantNames[i])
		}
	}
	// The message round-trips except for the escaped terminal control.
	wantMsg := strings.ReplaceAll(evil, "\x1b", `\x1b`)
	if got := unescapeGitHub(cmds[1][2]); got != wantMsg {
		t.Errorf("message = %q, want %q", got, wantMsg)
	}
	// Properties: each value is free of separators and round-trips.
	props := map[string]string{}
	for _, kv := range strings.Split(cmds[1][1], ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || strings.Contains(v, ":") {
			t.Fatalf("bad property %q in %q", kv, cmds[1][1])
		}
		props[k] = unescapeGitHub(v)
	}
	want := map[string]string{"file": "a,b::c%.md", "line": "2", "col": "3", "endLine": "2", "endColumn": "7", "title": "style/x::y,z"}
	for k, v := range want {
		if props[k] != v {
			t.Errorf("property %s = %q, want %q", k, props[k], v)
		}
	}
	if got := unescapeGitHub(strings.TrimPrefix(cmds[0][1], "file=")); got != "n\n::error::x.md" {
		t.Errorf("notification file = %q", got)
	}
}

func TestStepSummary(t *testing.T) {
	run := fixtureRun(t)
	run.Findings[0].Location.Path = "<img src=x onerror=alert(1)>|`x`"
	out := StepSummary(run)
	for _, want := range []string{
		"| style | 1 | 0 | 2 | 3 |",
		"| **Total** | 1 | 2 | 3 | 6 |",
		"| docs/guide.md | 0 | 1 | 3 | 4 |",
		`\<img src=x onerror=alert(1)\>\|\` + "`x\\`",
		"- missing.md: error: no such file or directory",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("step summary lacks %q:\n%s", want, out)
		}
	}
	// Worst file first: the one with the error.
	if i, j := strings.Index(out, `\<img`), strings.Index(out, "| docs/guide.md"); i < 0 || j < 0 || i > j {
		t.Errorf("files not ordered worst first:\n%s", out)
	}
	if strings.Contains(out, "<img") && !strings.Contains(out, `\<img`) {
		t.Error("HTML from a path reached the summary unescaped")
	}
	clean := StepSummary(&Run{FilesChecked: 3, Bytes: 10})
	if !strings.Contains(clean, "no findings in 3 files") || strings.Contains(clean, "| Family") {
		t.Errorf("clean summary:\n%s", clean)
	}
}
