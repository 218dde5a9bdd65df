package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/finding"
)

// githubReporter writes GitHub Actions workflow commands, one per line, so
// that findings appear as annotations on the pull request (related
// locations and fixes follow the message on lines of their own):
//
//	::warning file=docs/a.md,line=3,col=5,endLine=3,endColumn=9,title=style/repeated-word::Repeated word "the".
//
// Messages escape %, CR and LF (%25, %0D, %0A); properties also escape
// ":" and "," (%3A, %2C), so article text cannot end a command early or
// start a new one. Other control characters become visible escapes.
type githubReporter struct{}

// Report implements Reporter.
func (githubReporter) Report(w io.Writer, run *Run) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	for _, n := range sortedNotifications(run.Notifications) {
		bw.WriteString("::")
		bw.WriteString(githubLevel(n.Level))
		if n.Path != "" {
			bw.WriteString(" file=")
			bw.WriteString(githubProperty(n.Path))
		}
		bw.WriteString("::")
		bw.WriteString(githubData(n.Message))
		bw.WriteByte('\n')
	}
	for i := range run.Findings {
		f := &run.Findings[i]
		bw.WriteString("::")
		bw.WriteString(githubLevel(f.Severity))
		bw.WriteString(" file=")
		bw.WriteString(githubProperty(f.Location.Path))
		if s, e := f.Location.Start, f.Location.End; s.Line >= 1 {
			prop := func(name string, v int) {
				bw.WriteString(",")
				bw.WriteString(name)
				bw.WriteByte('=')
				bw.WriteString(strconv.Itoa(v))
			}
			prop("line", s.Line)
			if s.Column >= 1 {
				prop("col", s.Column)
			}
			if e.Line >= s.Line {
				prop("endLine", e.Line)
				if e.Column >= 1 {
					prop("endColumn", e.Column)
				}
			}
		}
		bw.WriteString(",title=")
		bw.WriteString(githubProperty(f.RuleID))
		bw.WriteString("::")
		bw.WriteString(githubData(githubMessage(f)))
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing GitHub annotations: %w", err)
	}
	return nil
}

// githubMessage is a finding's message followed by its related locations
// and fixes, one a line (the lines are escaped into one command).
func githubMessage(f *finding.Finding) string {
	if len(f.Related) == 0 && len(f.Fixes) == 0 {
		return plainMessage(f)
	}
	var b strings.Builder
	b.WriteString(plainMessage(f))
	for _, r := range f.Related {
		b.WriteString("\n")
		b.WriteString(position(r.Location, true))
		if r.Message != "" {
			b.WriteString(": ")
			b.WriteString(r.Message)
		}
	}
	for _, fx := range f.Fixes {
		b.WriteString("\nfix: ")
		b.WriteString(fx.Message)
	}
	return b.String()
}

// githubLevel maps a severity to a workflow command.
func githubLevel(s finding.Severity) string {
	switch s {
	case finding.SeverityError:
		return "error"
	case finding.SeverityWarning:
		return "warning"
	}
	return "notice"
}

// githubData escapes a workflow command's message.
func githubData(s string) string { return githubEscape(s, false) }

// githubProperty escapes a workflow command's property value.
func githubProperty(s string) string { return githubEscape(s, true) }

func githubEscape(s string, property bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch esc, ok := escapeRune(r, true); {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '%':
			b.WriteString("%25")
		case r == '\r':
			b.WriteString("%0D")
		case r == '\n':
			b.WriteString("%0A")
		case property && r == ':':
			b.WriteString("%3A")
		case property && r == ',':
			b.WriteString("%2C")
		case ok:
			b.WriteString(esc)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// stepSummaryFiles is how many files the step summary lists.
const stepSummaryFiles = 10

// tally counts findings by severity for one family or file.
type tally struct {
	name string
	counts
}

func (t tally) total() int { return t.errors + t.warnings + t.infos }

// StepSummary returns a Markdown summary of run for
// $GITHUB_STEP_SUMMARY: the totals, a table of findings by rule family and
// severity, the files with the most findings (worst first: errors, then
// warnings, then all findings) and the files that could not be checked.
// Text from articles and paths is escaped so it cannot inject Markdown or
// HTML.
func StepSummary(run *Run) string {
	var b strings.Builder
	b.WriteString("## ")
	name := run.Tool.Name
	if name == "" {
		name = "galley"
	}
	b.WriteString(markdownEscape(name))
	b.WriteString("\n\n")
	b.WriteString(markdownEscape(Summary(run, false)))
	b.WriteString("\n")

	if len(run.Findings) > 0 {
		families := make(map[string]*tally)
		files := make(map[string]*tally)
		for i := range run.Findings {
			f := &run.Findings[i]
			bump(families, finding.Family(f.RuleID), f.Severity)
			bump(files, f.Location.Path, f.Severity)
		}
		famList := sortedTallies(families, func(a, b *tally) int { return strings.Compare(a.name, b.name) })
		b.WriteString("\n| Family | Errors | Warnings | Info | Total |\n| --- | ---: | ---: | ---: | ---: |\n")
		var all tally
		for _, t := range famList {
			writeTallyRow(&b, markdownEscape(t.name), t)
			all.errors += t.errors
			all.warnings += t.warnings
			all.infos += t.infos
		}
		writeTallyRow(&b, "**Total**", &all)

		fileList := sortedTallies(files, func(a, b *tally) int {
			return cmp.Or(
				cmp.Compare(b.errors, a.errors),
				cmp.Compare(b.warnings, a.warnings),
				cmp.Compare(b.total(), a.total()),
				strings.Compare(a.name, b.name))
		})
		heading := "Files with the most findings"
		if len(fileList) > stepSummaryFiles {
			heading = fmt.Sprintf("The %d files with the most findings (of %d)", stepSummaryFiles, len(fileList))
			fileList = fileList[:stepSummaryFiles]
		}
		fmt.Fprintf(&b, "\n### %s\n\n| File | Errors | Warnings | Info | Total |\n| --- | ---: | ---: | ---: | ---: |\n", heading)
		for _, t := range fileList {
			writeTallyRow(&b, markdownEscape(t.name), t)
		}
	}

	if len(run.Notifications) > 0 {
		b.WriteString("\n### Notifications\n\n")
		for _, n := range sortedNotifications(run.Notifications) {
			b.WriteString("- ")
			if n.Path != "" {
				b.WriteString(markdownEscape(n.Path))
				b.WriteString(": ")
			}
			b.WriteString(levelName(n.Level))
			b.WriteString(": ")
			b.WriteString(markdownEscape(n.Message))
			b.WriteString("\n")
		}
	}
	return b.String()
}

func bump(m map[string]*tally, key string, s finding.Severity) {
	t := m[key]
	if t == nil {
		t = &tally{name: key}
		m[key] = t
	}
	t.add(s)
}

func sortedTallies(m map[string]*tally, less func(a, b *tally) int) []*tally {
	out := make([]*tally, 0, len(m))
	for _, t := range m {
		out = append(out, t)
	}
	slices.SortFunc(out, less)
	return out
}

func writeTallyRow(b *strings.Builder, name string, t *tally) {
	fmt.Fprintf(b, "| %s | %d | %d | %d | %d |\n", name, t.errors, t.warnings, t.infos, t.total())
}

// markdownEscape makes s literal text in GitHub-flavoured Markdown, on one
// line and inside a table cell: controls become visible escapes and
// punctuation Markdown or HTML would interpret is backslash-escaped.
func markdownEscape(s string) string {
	s = sanitize(s, false)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>#|~&$@", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
