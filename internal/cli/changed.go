package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	ucli "github.com/urfave/cli/v2"

	"github.com/galley-lint/galley/internal/engine"
	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/gitdiff"
	"github.com/galley-lint/galley/internal/report"
)

// integrationFlags are check's flags for pull requests, legacy corpora and
// CI: --changed-since, --changed-lines and --baseline.
func integrationFlags() []ucli.Flag {
	return []ucli.Flag{
		&ucli.StringFlag{Name: "changed-since", Usage: "report only findings in files changed since git `REF` (as in 'git diff REF...HEAD', plus uncommitted and untracked files); every file is still read for cross-article rules"},
		&ucli.BoolFlag{Name: "changed-lines", Usage: "with --changed-since, report only findings on changed lines"},
		&ucli.StringFlag{Name: "baseline", Usage: "suppress the known findings recorded in `FILE` by 'galley baseline' and report only new ones"},
	}
}

// integrations are the pull-request, baseline and CI settings of one
// check run.
type integrations struct {
	dir string
	// changes is set by --changed-since; lines by --changed-lines.
	changes *gitdiff.Changes
	lines   bool
	// baseline is set by --baseline.
	baseline *loadedBaseline
	// stepSummary is $GITHUB_STEP_SUMMARY.
	stepSummary string
	// progress is the progress bar, nil when none is wanted.
	progress *progress
	// stdinName is the name standard input is reported as, when '-' is
	// checked: it is always reported, changed or not.
	stdinName string
	// baselineNote is the summary of baseline matching, once done.
	baselineNote baselineOutcome
}

// integrationsFrom reads the integration flags and environment of check.
func (a *App) integrationsFrom(c *ucli.Context) (*integrations, error) {
	dir, err := a.workDir()
	if err != nil {
		return nil, failErrorf("%w", err)
	}
	in := &integrations{dir: dir, stepSummary: a.env.Getenv("GITHUB_STEP_SUMMARY")}
	for _, p := range c.Args().Slice() {
		if p == "-" {
			in.stdinName = stdinReportName(c.String("stdin-filename"))
		}
	}
	ref := c.String("changed-since")
	in.lines = c.Bool("changed-lines")
	if in.lines && ref == "" {
		return nil, usageErrorf("check", "--changed-lines needs --changed-since REF")
	}
	if ref != "" {
		ch, err := gitdiff.Since(c.Context, dir, ref, in.lines)
		if err != nil {
			return nil, failErrorf("--changed-since: %w", err)
		}
		in.changes = ch
	}
	if p := c.String("baseline"); p != "" {
		b, err := loadBaseline(a.abs(dir, p))
		if err != nil {
			return nil, failErrorf("--baseline: %w", err)
		}
		in.baseline = b
	}
	if !c.Bool("quiet") && progressWanted(a.stderr, a.env.Getenv) {
		in.progress = &progress{w: a.stderr, delay: progressDelay}
	}
	return in, nil
}

// absOf returns the absolute path of a reported path.
func (in *integrations) absOf(p string) string {
	return reportedAbs(in.dir, p)
}

// reportFilter returns the engine's Report filter: in PR mode, only
// changed files are reported.
func (in *integrations) reportFilter() func(string) bool {
	if in.changes == nil {
		return nil
	}
	return func(p string) bool {
		return (in.stdinName != "" && p == in.stdinName) || in.changes.File(in.absOf(p))
	}
}

// filter drops the findings the baseline knows and narrows the rest to
// changed lines (--changed-lines). rr's checked files and rules, and
// minLevel, decide which baseline entries may be called fixed; the
// baseline is matched before the line filter, so a known finding on an
// unchanged line is not taken for fixed.
func (in *integrations) filter(rr *runResult, findings []finding.Finding, minLevel finding.Severity) []finding.Finding {
	if in.baseline != nil {
		checked := map[string]bool{}
		for _, abs := range rr.abs {
			checked[filepath.Clean(abs)] = true
		}
		ran := map[string]bool{}
		for _, c := range rr.setup.checks {
			ran[c.ID] = true
		}
		var out baselineOutcome
		findings, out = in.baseline.match(findings, rr.absPath, func(abs, rule string, sev finding.Severity) bool {
			return checked[abs] && ran[rule] && sev >= minLevel &&
				(in.changes == nil || in.changes.File(abs))
		})
		in.baselineNote = out
	}
	if in.changes != nil && in.lines {
		kept := findings[:0:0]
		for _, f := range findings {
			if in.stdinName != "" && f.Location.Path == in.stdinName {
				kept = append(kept, f)
				continue
			}
			set, ok := in.changes.Lines(in.absOf(f.Location.Path))
			if !ok {
				continue
			}
			first, last := f.Location.Start.Line, f.Location.End.Line
			if first < 1 {
				// A whole-file finding belongs to every line.
				if set.Overlaps(1, 1<<30) {
					kept = append(kept, f)
				}
				continue
			}
			if last > first && f.Location.End.Column <= 1 {
				last-- // the span ends at the start of a line
			}
			if set.Overlaps(first, last) {
				kept = append(kept, f)
			}
		}
		findings = kept
	}
	return findings
}

// writeNotes prints what the integrations did on w (standard error), after
// the summary.
func (in *integrations) writeNotes(w io.Writer) {
	if in.baseline != nil {
		in.baselineNote.write(w)
	}
}

// writeStepSummary appends the run's Markdown summary to
// $GITHUB_STEP_SUMMARY when it is set.
func (in *integrations) writeStepSummary(run *report.Run) error {
	if in.stepSummary == "" {
		return nil
	}
	var b strings.Builder
	b.WriteString(report.StepSummary(run))
	if in.baseline != nil {
		b.WriteString("\n")
		b.WriteString(in.baselineNote.markdown())
	}
	if in.changes != nil {
		what := "files"
		if in.lines {
			what = "lines"
		}
		fmt.Fprintf(&b, "\nOnly findings on %s changed since `%s` are reported.\n", what, shortCommit(in.changes.Base))
	}
	b.WriteString("\n")
	f, err := os.OpenFile(in.absOf(in.stepSummary), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
	}
	if _, err := f.WriteString(b.String()); err != nil {
		f.Close()
		return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
	}
	return nil
}

func shortCommit(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

// progressDelay is how long a run goes before it shows a progress bar:
// short runs never show one.
const progressDelay = 750 * time.Millisecond

// progressWanted reports whether a progress bar may be drawn on w: only
// when w is a terminal, TERM is not "dumb" and the run is not in CI (the
// CI environment variable, set by GitHub Actions and most CI systems).
func progressWanted(w io.Writer, getenv func(string) string) bool {
	if getenv("CI") != "" || getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok || f == nil {
		return false
	}
	fd := f.Fd()
	return isatty.IsTerminal(fd) || isatty.IsCygwinTerminal(fd)
}

// progress draws a progress bar of files checked on a terminal, once the
// run has lasted delay. It is safe for concurrent use.
type progress struct {
	w     io.Writer
	delay time.Duration

	mu    sync.Mutex
	start time.Time
	total int
	done  int
	bar   *progressbar.ProgressBar
}

// wrap returns sources whose Load advances the bar.
func (p *progress) wrap(sources []engine.Source) []engine.Source {
	p.mu.Lock()
	p.start = time.Now()
	p.total = len(sources)
	p.mu.Unlock()
	out := make([]engine.Source, len(sources))
	for i, s := range sources {
		load := s.Load
		out[i] = engine.Source{Path: s.Path, Load: func(buf *[]byte) ([]byte, error) {
			defer p.step()
			return load(buf)
		}}
	}
	return out
}

// step counts one file and draws the bar once the delay has passed.
func (p *progress) step() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	if p.bar != nil {
		p.bar.Add(1)
		return
	}
	if time.Since(p.start) < p.delay || p.total < 2 {
		return
	}
	p.bar = progressbar.NewOptions(p.total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription("checking"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(65*time.Millisecond),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionClearOnFinish(),
	)
	p.bar.Set(p.done)
}

// finish removes the bar, if one was drawn, before the summary is printed.
func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Finish()
		p.bar = nil
	}
}

// stdinReportName is the name standard input is reported as, given
// --stdin-filename: the name with forward slashes, or stdin.md when it is
// empty. The run and the --changed-since filter must agree on it.
func stdinReportName(flag string) string {
	if flag == "" {
		return "stdin.md"
	}
	return filepath.ToSlash(flag)
}
