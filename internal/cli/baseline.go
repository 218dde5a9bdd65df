package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"github.com/galley-lint/galley/internal/baseline"
	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/fix"
	"github.com/galley-lint/galley/internal/report"
)

func (a *App) baselineCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "baseline",
		Usage: "record the current findings in FILE, so that 'galley check --baseline FILE' reports only new ones",
		Description: "Paths in the baseline are relative to FILE's directory, so the baseline works from any\n" +
			"working directory. A finding matches its entry by rule, file and the text it is about, so\n" +
			"it still matches after moving to another line. Commit FILE with the articles.",
		ArgsUsage: "FILE [PATH...]  (PATHs as for check; default '.')",
		Flags: append(runFlags(),
			&ucli.BoolFlag{DisableDefaultText: true, Name: "quiet", Aliases: []string{"q"}, Usage: "print no summary or notes on standard error"},
		),
		Action: a.baselineAction,
	}
}

func (a *App) baselineAction(c *ucli.Context) error {
	if c.NArg() < 1 {
		return usageErrorf("baseline", "missing the baseline FILE to write")
	}
	opts := runOptionsFrom(c)
	file := opts.paths[0]
	opts.paths = opts.paths[1:]
	for _, p := range opts.paths {
		if p == "-" {
			return usageErrorf("baseline", "standard input ('-') cannot be baselined")
		}
	}
	rr, err := a.runChecks(c.Context, opts)
	if err != nil {
		return err
	}
	quiet := c.Bool("quiet")
	errColor := a.stderrColor(c)
	if !quiet {
		if err := report.WriteNotifications(a.stderr, rr.notes, errColor); err != nil {
			return failErrorf("%w", err)
		}
	}
	if hasErrors(rr.notes) {
		return failErrorf("baseline not written: some paths could not be checked")
	}
	abs := a.abs(rr.setup.dir, file)
	b := baseline.New(rr.result.Findings, baselinePaths(filepath.Dir(abs), rr.absPath))
	data, err := b.Marshal()
	if err != nil {
		return failErrorf("%w", err)
	}
	if err := fix.WriteFile(abs, data); err != nil {
		return failErrorf("baseline: %w", err)
	}
	if !quiet {
		fmt.Fprintf(a.stderr, "galley: wrote %s to %s (%d files checked)\n", plural(len(b.Entries), "finding", "findings"), file, rr.result.Files)
	}
	return nil
}

// baselinePaths keys reported paths relative to dir, the baseline file's
// directory; absPath resolves a reported path.
func baselinePaths(dir string, absPath func(string) string) baseline.PathFunc {
	return func(p string) string {
		rel, err := filepath.Rel(dir, filepath.Clean(absPath(p)))
		if err != nil {
			return p
		}
		return filepath.ToSlash(rel)
	}
}

// loadedBaseline is a baseline file read for check --baseline.
type loadedBaseline struct {
	path string
	file *baseline.File
}

func loadBaseline(path string) (*loadedBaseline, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s does not exist (write it with 'galley baseline %s')", path, filepath.Base(path))
	}
	if err != nil {
		return nil, fmt.Errorf("reading baseline: %w", err)
	}
	b, err := baseline.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &loadedBaseline{path: path, file: b}, nil
}

// match drops known findings. mayBeFixed says, for an entry's absolute
// path, rule and severity, whether this run would have found it.
func (lb *loadedBaseline) match(findings []finding.Finding, absPath func(string) string, mayBeFixed func(abs, rule string, sev finding.Severity) bool) ([]finding.Finding, baselineOutcome) {
	dir := filepath.Dir(lb.path)
	m := lb.file.Match(findings, baselinePaths(dir, absPath), func(e baseline.Entry) bool {
		return mayBeFixed(filepath.Join(dir, filepath.FromSlash(e.Path)), e.Rule, e.Severity)
	})
	return m.New, baselineOutcome{suppressed: len(m.Suppressed), fixed: m.Fixed}
}

// baselineOutcome is what matching against a baseline did.
type baselineOutcome struct {
	suppressed int
	fixed      []baseline.Entry
}

// maxFixedListed is how many fixed entries the summary lists.
const maxFixedListed = 20

// write prints the outcome after the summary.
func (o baselineOutcome) write(w io.Writer) {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "baseline: %s suppressed, %s fixed", plural(o.suppressed, "known finding", "known findings"), plural(len(o.fixed), "entry", "entries"))
	if len(o.fixed) > 0 {
		bw.WriteString(" (update it with 'galley baseline')")
	}
	bw.WriteString("\n")
	for i, e := range o.fixed {
		if i == maxFixedListed {
			fmt.Fprintf(bw, "  … and %d more\n", len(o.fixed)-i)
			break
		}
		fmt.Fprintf(bw, "  fixed: %s:%d: %s [%s]\n", report.Escape(e.Path), e.Line, report.Escape(e.Message), e.Rule)
	}
	bw.Flush()
}

// markdown is the outcome for the GitHub step summary.
func (o baselineOutcome) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Baseline: %s suppressed, %s fixed since the baseline was written.\n", plural(o.suppressed, "known finding", "known findings"), plural(len(o.fixed), "entry", "entries"))
	return b.String()
}
