// Package report turns a run's findings into output: human-readable text,
// a stable JSON shape, SARIF 2.1.0 and GitHub workflow commands. Reporters
// see only package finding; they know nothing of checks, documents or the
// engine.
//
// Typical use:
//
//	r, err := report.New("text", report.Options{Color: report.ColorEnabled(os.Stdout, noColor)})
//	if err != nil { ... }
//	if err := r.Report(os.Stdout, run); err != nil { ... }
//	fmt.Fprintln(os.Stderr, report.Summary(run, colorOnStderr))
package report

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/galley-lint/galley/internal/finding"
)

// Tool identifies galley in machine-readable output.
type Tool struct {
	// Name is the tool's name, e.g. "galley".
	Name string
	// Version is the tool's version, e.g. "0.3.1" or "devel".
	Version string
	// InformationURI is the tool's home page (SARIF informationUri).
	InformationURI string
}

// Run is everything a reporter may print.
type Run struct {
	// Tool identifies the tool.
	Tool Tool
	// Rules are every rule that ran (SARIF tool.driver.rules), sorted by ID.
	Rules []finding.RuleInfo
	// Findings are already sorted and filtered.
	Findings []finding.Finding
	// Notifications are file-level problems (unreadable, binary, invalid
	// UTF-8, missing path).
	Notifications []finding.Notification
	// FilesChecked is how many files were checked.
	FilesChecked int
	// Bytes is how many bytes were read.
	Bytes int64
	// Elapsed is the wall time of the run.
	Elapsed time.Duration
	// Root is the absolute working directory; finding paths are relative
	// to it.
	Root string
}

// Options configure reporters.
type Options struct {
	// Color enables ANSI colours in text output.
	Color bool
	// Group prints text findings under a header per file instead of
	// prefixing each with its path.
	Group bool
}

// Reporter writes a run in one format.
type Reporter interface {
	// Report writes run to w.
	Report(w io.Writer, run *Run) error
}

// formats lists the reporters New knows, in the order Formats returns them.
var formats = []string{"text", "json", "sarif", "github"}

// Formats returns the names New accepts.
func Formats() []string { return slices.Clone(formats) }

// New returns the reporter for format ("text", "json", "sarif" or
// "github"). The error for an unknown format lists the valid ones.
func New(format string, opts Options) (Reporter, error) {
	switch strings.ToLower(strings.TrimSpace(format)) {
	case "text":
		return &textReporter{opts: opts}, nil
	case "json":
		return jsonReporter{}, nil
	case "sarif":
		return sarifReporter{}, nil
	case "github":
		return githubReporter{}, nil
	}
	return nil, fmt.Errorf("unknown output format %q (want one of: %s)", format, strings.Join(formats, ", "))
}

// ColorEnabled decides whether output to f may use colour: false when the
// NO_COLOR environment variable is set (to any value, even empty), when
// noColorFlag forces it off, when TERM is "dumb", or when f is not a
// terminal.
func ColorEnabled(f *os.File, noColorFlag bool) bool {
	if noColorFlag || f == nil {
		return false
	}
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		return false
	}
	if os.Getenv("TERM") == "dumb" {
		return false
	}
	fd := f.Fd()
	return isatty.IsTerminal(fd) || isatty.IsCygwinTerminal(fd)
}

// counts tallies findings by severity.
type counts struct {
	errors, warnings, infos int
}

// add counts one finding of severity s; anything below warning is info.
func (c *counts) add(s finding.Severity) {
	switch s {
	case finding.SeverityError:
		c.errors++
	case finding.SeverityWarning:
		c.warnings++
	default:
		c.infos++
	}
}

func countFindings(fs []finding.Finding) counts {
	var c counts
	for i := range fs {
		c.add(fs[i].Severity)
	}
	return c
}

// filesWithFindings counts the distinct paths of fs.
func filesWithFindings(fs []finding.Finding) int {
	seen := make(map[string]struct{})
	for i := range fs {
		seen[fs[i].Location.Path] = struct{}{}
	}
	return len(seen)
}

// Summary returns the one-line summary the CLI prints on stderr for text
// output, without a trailing newline:
//
//	3 errors, 5 warnings, 1 info in 2 of 12 files (1.2 MB) in 85ms
//	no findings in 12 files (1.2 MB) in 85ms
//
// Severities with no findings are left out. With color, the counts are
// coloured by severity and "no findings" green.
func Summary(run *Run, color bool) string {
	var b strings.Builder
	files := plural(run.FilesChecked, "file", "files")
	tail := fmt.Sprintf(" (%s) in %s", formatBytes(run.Bytes), formatElapsed(run.Elapsed))
	if len(run.Findings) == 0 {
		if color {
			b.WriteString(ansiGreen + "no findings" + ansiReset + " in ")
		} else {
			b.WriteString("no findings in ")
		}
		b.WriteString(files)
		b.WriteString(tail)
		return b.String()
	}
	c := countFindings(run.Findings)
	var parts []string
	add := func(n int, one, many, style string) {
		if n == 0 {
			return
		}
		s := plural(n, one, many)
		if color {
			s = style + s + ansiReset
		}
		parts = append(parts, s)
	}
	add(c.errors, "error", "errors", ansiRed)
	add(c.warnings, "warning", "warnings", ansiYellow)
	add(c.infos, "info", "info", ansiCyan)
	b.WriteString(strings.Join(parts, ", "))
	fmt.Fprintf(&b, " in %d of %s", filesWithFindings(run.Findings), files)
	b.WriteString(tail)
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// formatBytes prints n in decimal units: "512 B", "3.4 kB", "1.2 MB".
func formatBytes(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGTP"[exp])
}

// formatElapsed prints d as "85ms" below a second and "1.23s" above.
func formatElapsed(d time.Duration) string {
	switch {
	case d < 0:
		d = 0
	case d >= time.Second:
		return d.Round(10 * time.Millisecond).String()
	}
	return fmt.Sprintf("%dms", d.Round(time.Millisecond).Milliseconds())
}

// sortedNotifications returns the notifications ordered by path (stable,
// so run-level ones without a path keep their order, first).
func sortedNotifications(ns []finding.Notification) []finding.Notification {
	out := slices.Clone(ns)
	slices.SortStableFunc(out, func(a, b finding.Notification) int {
		return strings.Compare(a.Path, b.Path)
	})
	return out
}

// hasErrorNotification reports whether any notification is error level.
func hasErrorNotification(ns []finding.Notification) bool {
	for _, n := range ns {
		if n.Level >= finding.SeverityError {
			return true
		}
	}
	return false
}
