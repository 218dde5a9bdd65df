package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/galley-lint/galley/internal/finding"
)

// ANSI styles used by the text reporter and Summary.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiCyan   = "\x1b[1;36m"
	ansiGreen  = "\x1b[32m"
)

// Limits of the source excerpt: lines longer than maxExcerpt cells are cut
// to a window that starts excerptLead cells before the span.
const (
	maxExcerpt  = 160
	excerptLead = 40
)

// textReporter prints findings for people:
//
//	path:line:col: severity: message [rule-id]
//	    the source line
//	         ^~~~~~
//	    other.md:3:1: related message
//	    fix: fix message
//
// Notifications come first, as "path: error: message". Everything taken
// from articles is passed through sanitize.
type textReporter struct {
	opts Options
}

// Report implements Reporter.
func (t *textReporter) Report(w io.Writer, run *Run) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	p := textPrinter{w: bw, color: t.opts.Color, tool: toolName(run)}
	for _, n := range sortedNotifications(run.Notifications) {
		p.notification(n)
	}
	if t.opts.Group {
		prev := ""
		for i := range run.Findings {
			f := &run.Findings[i]
			if i == 0 || f.Location.Path != prev {
				if i > 0 {
					p.w.WriteByte('\n')
				}
				p.style(ansiBold, sanitize(f.Location.Path, false))
				p.w.WriteByte('\n')
				prev = f.Location.Path
			}
			p.finding(f, "  ", false)
		}
	} else {
		for i := range run.Findings {
			p.finding(&run.Findings[i], "", true)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing text report: %w", err)
	}
	return nil
}

// textPrinter writes one text report.
type textPrinter struct {
	w     *bufio.Writer
	color bool
	tool  string // prefix of run-level notifications
}

// toolName is the run's tool name, "galley" when unset.
func toolName(run *Run) string {
	if run.Tool.Name == "" {
		return "galley"
	}
	return run.Tool.Name
}

// WriteNotifications writes notifications the way the text reporter does,
// one a line ("path: level: message", or "galley: level: message" for
// run-level ones), sorted by path and escaped for terminals. The CLI uses
// it to repeat notifications on stderr when the report goes elsewhere.
func WriteNotifications(w io.Writer, ns []finding.Notification, color bool) error {
	bw := bufio.NewWriter(w)
	p := textPrinter{w: bw, color: color, tool: "galley"}
	for _, n := range sortedNotifications(ns) {
		p.notification(n)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing notifications: %w", err)
	}
	return nil
}

// style writes s wrapped in an ANSI style when colour is on.
func (p *textPrinter) style(code, s string) {
	if p.color {
		p.w.WriteString(code)
		p.w.WriteString(s)
		p.w.WriteString(ansiReset)
		return
	}
	p.w.WriteString(s)
}

func severityStyle(s finding.Severity) string {
	switch s {
	case finding.SeverityError:
		return ansiRed
	case finding.SeverityWarning:
		return ansiYellow
	default:
		return ansiCyan
	}
}

func (p *textPrinter) notification(n finding.Notification) {
	if n.Path != "" {
		p.w.WriteString(sanitize(n.Path, false))
	} else {
		p.w.WriteString(sanitize(p.tool, false))
	}
	p.w.WriteString(": ")
	p.style(severityStyle(n.Level), levelName(n.Level))
	p.w.WriteString(": ")
	p.w.WriteString(sanitize(n.Message, false))
	p.w.WriteByte('\n')
}

// levelName names a severity for output; SeverityNone reads as
// info.
func levelName(s finding.Severity) string {
	if s == finding.SeverityNone {
		return finding.SeverityInfo.String()
	}
	return s.String()
}

// position formats "path:line:col" (without the path unless withPath).
// A location without a line (about a whole file) is just "path", and
// without a column "path:line".
func position(loc finding.Location, withPath bool) string {
	var parts []string
	if withPath {
		parts = append(parts, sanitize(loc.Path, false))
	}
	if loc.Start.Line >= 1 {
		parts = append(parts, strconv.Itoa(loc.Start.Line))
		if loc.Start.Column >= 1 {
			parts = append(parts, strconv.Itoa(loc.Start.Column))
		}
	}
	return strings.Join(parts, ":")
}

func (p *textPrinter) finding(f *finding.Finding, indent string, withPath bool) {
	p.w.WriteString(indent)
	if pos := position(f.Location, withPath); pos != "" {
		p.w.WriteString(pos)
		p.w.WriteString(": ")
	}
	p.style(severityStyle(f.Severity), levelName(f.Severity))
	p.w.WriteString(": ")
	p.w.WriteString(sanitize(plainMessage(f), false))
	p.w.WriteString(" ")
	p.style(ansiDim, "["+sanitize(f.RuleID, false)+"]")
	p.w.WriteByte('\n')

	sub := indent + "    "
	if src, marks, ok := excerpt(f); ok {
		p.w.WriteString(sub)
		p.w.WriteString(src)
		p.w.WriteByte('\n')
		p.w.WriteString(sub)
		i := strings.IndexByte(marks, '^')
		p.w.WriteString(marks[:i])
		p.style(ansiGreen, marks[i:])
		p.w.WriteByte('\n')
	}
	for _, r := range f.Related {
		p.w.WriteString(sub)
		p.w.WriteString(position(r.Location, true))
		if r.Message != "" {
			p.w.WriteString(": ")
			p.w.WriteString(sanitize(r.Message, false))
		}
		p.w.WriteByte('\n')
	}
	for _, fx := range f.Fixes {
		p.w.WriteString(sub)
		p.w.WriteString("fix: ")
		p.w.WriteString(sanitize(fx.Message, false))
		p.w.WriteByte('\n')
	}
}

// excerpt renders the finding's source line for display (tabs expanded,
// controls escaped, cut to a window around the span when long) and the
// matching underline: a caret under the span's first column and tildes to
// its end, or to the end of the line when the span continues. ok is false
// when the finding carries no source line.
func excerpt(f *finding.Finding) (src, marks string, ok bool) {
	line := f.SourceLine
	if line == "" || f.Location.Start.Line < 1 {
		return "", "", false
	}
	if f.Location.Start.Line == 1 {
		// Columns on line 1 do not count a byte order mark.
		line = strings.TrimPrefix(line, "\uFEFF")
	}
	cells := lineCells(line)
	n := len(cells)
	start := max(f.Location.Start.Column-1, 0)
	start = min(start, n) // past the end: the caret sits after the last character
	end := n
	if f.Location.End.Line == f.Location.Start.Line {
		end = min(max(f.Location.End.Column-1, start), n)
	}

	// Window: cells [from, to).
	from, to := 0, n
	if total := widthOf(cells); total > maxExcerpt {
		from = start
		for w := 0; from > 0 && w+cells[from-1].width <= excerptLead; from-- {
			w += cells[from-1].width
		}
		to = from
		for w := 0; to < n && w+cells[to].width <= maxExcerpt; to++ {
			w += cells[to].width
		}
		for to < n && cells[to].width == 0 { // keep grapheme clusters whole
			to++
		}
		for from > 0 && from < start && cells[from].width == 0 {
			from++
		}
	}

	var sb, mb strings.Builder
	if from > 0 {
		sb.WriteString("…")
		mb.WriteByte(' ')
	}
	for i := from; i < to; i++ {
		sb.WriteString(cells[i].text)
	}
	if to < n {
		sb.WriteString("…")
	}
	pad := widthOf(cells[from:start])
	mb.WriteString(strings.Repeat(" ", pad))
	mb.WriteByte('^')
	if end > to {
		end = to
	}
	if w := widthOf(cells[start:max(end, start)]); w > 1 {
		mb.WriteString(strings.Repeat("~", w-1))
	}
	return sb.String(), mb.String(), true
}

func widthOf(cells []cell) int {
	w := 0
	for _, c := range cells {
		w += c.width
	}
	return w
}
