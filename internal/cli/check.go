package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	ucli "github.com/urfave/cli/v2"

	"github.com/galley-lint/galley/internal/engine"
	"github.com/galley-lint/galley/internal/files"
	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/fix"
	"github.com/galley-lint/galley/internal/report"
)

// ruleFlags are the flags that choose the rules: --config, --enable and
// --disable (check, fix, baseline and merge).
func ruleFlags() []ucli.Flag {
	return []ucli.Flag{
		configFlag(),
		&ucli.StringSliceFlag{Name: "enable", Usage: "enable `RULE` (an ID, a glob such as 'style/*', or a family); repeatable, comma lists allowed"},
		&ucli.StringSliceFlag{Name: "disable", Usage: "disable `RULE` (an ID, a glob or a family); repeatable, comma lists allowed"},
	}
}

// configFlag is --config, for every command that loads the rules.
func configFlag() ucli.Flag {
	return &ucli.StringFlag{Name: "config", Usage: "configuration `FILE` (default: .galley.yaml found upward from the working directory)"}
}

// runFlags are the flags shared by check and fix: what to check and with
// which rules.
func runFlags() []ucli.Flag {
	return append(ruleFlags(),
		&ucli.StringFlag{Name: "stdin-filename", Usage: "`NAME` reported for standard input ('-'); its extension selects the format", Value: "stdin.md"},
		&ucli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "check `N` files in parallel", DefaultText: "GOMAXPROCS"},
	)
}

// outputFlags are the report flags check and merge share, the ones
// outputFrom reads (with --quiet).
func outputFlags() []ucli.Flag {
	return []ucli.Flag{
		&ucli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output `FORMAT`: " + strings.Join(report.Formats(), ", ")},
		&ucli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the report to `FILE` (atomically) instead of standard output"},
		&ucli.StringFlag{Name: "fail-level", Value: "warning", Usage: "exit 1 when a finding is at or above this `LEVEL`: error, warning, info or none"},
		&ucli.StringFlag{Name: "min-level", Value: "info", Usage: "do not report findings below this `LEVEL`: error, warning or info"},
		&ucli.BoolFlag{DisableDefaultText: true, Name: "no-color", Usage: "never colour the output (also: NO_COLOR environment variable)"},
		&ucli.BoolFlag{DisableDefaultText: true, Name: "quiet", Aliases: []string{"q"}, Usage: "print no summary or notes on standard error"},
	}
}

func (a *App) checkCommand() *ucli.Command {
	flags := append(runFlags(), outputFlags()...)
	flags = append(flags,
		&ucli.BoolFlag{DisableDefaultText: true, Name: "group", Usage: "text output: group findings under a header per file"},
		&ucli.BoolFlag{DisableDefaultText: true, Name: "stats", Usage: "print where the time went (parse, each family, corpus phase) on standard error"},
	)
	flags = append(flags, integrationFlags()...)
	flags = append(flags, shardFlags()...)
	flags = append(flags, profileFlags()...)
	return &ucli.Command{
		Name:      "check",
		Usage:     "check articles and report findings",
		ArgsUsage: "[PATH...]  (files or directories; '-' reads standard input; default '.')",
		Flags:     flags,
		Action:    a.checkAction,
	}
}

// runOptions are the settings of one check or fix run.
type runOptions struct {
	paths         []string
	configPath    string
	enable        []string
	disable       []string
	stdinFilename string
	jobs          int
	// report limits which files' findings are reported (PR mode).
	report func(path string) bool
	// progress, if set, draws a progress bar while files are checked.
	progress *progress
	// shard selects the files of --shard I/N; a sharded run skips the
	// corpus phase (galley merge runs it).
	shard shardSpec
}

func runOptionsFrom(c *ucli.Context) runOptions {
	return runOptions{
		paths:         c.Args().Slice(),
		configPath:    c.String("config"),
		enable:        splitList(c.StringSlice("enable")),
		disable:       splitList(c.StringSlice("disable")),
		stdinFilename: c.String("stdin-filename"),
		jobs:          c.Int("jobs"),
	}
}

// splitList splits comma-separated values and drops empty ones.
func splitList(values []string) []string {
	var out []string
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

// runResult is what a run of the checks produced.
type runResult struct {
	setup   *ruleSetup
	result  *engine.Result
	notes   []finding.Notification
	elapsed time.Duration
	// stdin holds standard input's bytes when '-' was checked, reported
	// as stdinName.
	stdin     []byte
	stdinName string
	// abs maps reported paths to the files to open.
	abs map[string]string
}

// absPath returns the file to open for a reported path.
func (r *runResult) absPath(p string) string {
	if a, ok := r.abs[p]; ok {
		return a
	}
	return reportedAbs(r.setup.dir, p)
}

// reportedAbs returns the file a reported (slash-separated) path names,
// relative paths being under dir.
func reportedAbs(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, filepath.FromSlash(p))
}

// runChecks collects the inputs and runs every enabled check over them.
func (a *App) runChecks(ctx context.Context, opts runOptions) (*runResult, error) {
	start := time.Now()
	if opts.jobs < 0 {
		return nil, usageErrorf("check", "--jobs must be positive (got %d)", opts.jobs)
	}
	s, err := a.loadRules(setupOptions{configPath: opts.configPath, enable: opts.enable, disable: opts.disable, policy: true})
	if err != nil {
		return nil, err
	}
	parser, err := newParser()
	if err != nil {
		return nil, failErrorf("%w", err)
	}
	var paths []string
	readStdin := false
	for _, p := range opts.paths {
		if p == "-" {
			readStdin = true
			continue
		}
		paths = append(paths, p)
	}
	out := &runResult{setup: s, abs: map[string]string{}}
	var stdin *engine.Source
	if readStdin {
		data, err := io.ReadAll(a.env.Stdin)
		if err != nil {
			return nil, failErrorf("reading standard input: %w", err)
		}
		name := stdinReportName(opts.stdinFilename)
		out.stdin, out.stdinName = data, name
		src := engine.BytesSource(name, data)
		stdin = &src
	}
	walk := len(paths) > 0 || !readStdin
	// The files, then standard input, in the shard. The walk runs on
	// this goroutine while the engine's workers check the files it has
	// found (the order does not change the result).
	sources := func(yield func(engine.Source) bool) {
		more := true // false once the run takes no more (cancelled)
		if walk {
			notes := files.Walk(paths, s.fileOptions(), func(in files.Input) bool {
				out.abs[in.Path] = in.Abs
				more = !opts.shard.has(in.Path) || yield(engine.FileSource(in))
				return more
			})
			out.notes = append(out.notes, notes...)
		}
		if more && stdin != nil && opts.shard.has(stdin.Path) {
			yield(*stdin)
		}
	}
	if opts.progress != nil {
		// The progress bar needs the number of files first.
		all := opts.progress.wrap(slices.Collect(iter.Seq[engine.Source](sources)))
		sources = slices.Values(all)
	}
	res, err := engine.RunSeq(ctx, engine.Options{
		Checks:     s.checks,
		Parser:     parser,
		Jobs:       opts.jobs,
		Policy:     s.policy,
		Report:     opts.report,
		SkipCorpus: opts.shard.count > 1,
	}, sources)
	if opts.progress != nil {
		opts.progress.finish()
	}
	if err != nil {
		return nil, failErrorf("%w", err)
	}
	out.result = res
	out.notes = append(out.notes, res.Notifications...)
	out.elapsed = time.Since(start)
	return out, nil
}

// hasErrors reports whether any notification is an error (exit 2).
func hasErrors(notes []finding.Notification) bool {
	for _, n := range notes {
		if n.Level >= finding.SeverityError {
			return true
		}
	}
	return false
}

// output holds the report flags check and merge share.
type output struct {
	failLevel, minLevel finding.Severity
	format, path        string
	reporter            report.Reporter
}

// outputFrom reads --fail-level, --min-level, --format, --output and the
// colour and grouping flags of command cmd.
func (a *App) outputFrom(c *ucli.Context, cmd string) (*output, error) {
	o := &output{format: c.String("format"), path: c.String("output")}
	var err error
	if o.failLevel, err = parseLevel(cmd, "fail-level", c.String("fail-level")); err != nil {
		return nil, err
	}
	if o.minLevel, err = parseLevel(cmd, "min-level", c.String("min-level")); err != nil {
		return nil, err
	}
	noColor := c.Bool("no-color") || a.env.Getenv("NO_COLOR") != "" || o.path != ""
	o.reporter, err = report.New(o.format, report.Options{
		Color: !noColor && colorFor(a.stdout),
		Group: c.Bool("group"),
	})
	if err != nil {
		return nil, usageErrorf(cmd, "--format: %v", err)
	}
	return o, nil
}

// atMinLevel returns the findings at or above --min-level.
func (o *output) atMinLevel(findings []finding.Finding) []finding.Finding {
	if o.minLevel <= finding.SeverityInfo {
		return findings
	}
	kept := findings[:0:0]
	for _, f := range findings {
		if f.Severity >= o.minLevel {
			kept = append(kept, f)
		}
	}
	return kept
}

// exit returns the run's exit status: an error when a file could not be
// checked, findings when one is at or above --fail-level, else nil.
func (o *output) exit(notes []finding.Notification, findings []finding.Finding) error {
	if hasErrors(notes) {
		return exitCode(ExitError)
	}
	if o.failLevel != finding.SeverityNone {
		for _, f := range findings {
			if f.Severity >= o.failLevel {
				return exitCode(ExitFindings)
			}
		}
	}
	return nil
}

// parseLevel parses a --fail-level or --min-level value of command cmd.
func parseLevel(cmd, flag, value string) (finding.Severity, error) {
	sev, err := finding.ParseSeverity(value)
	if err != nil {
		return 0, usageErrorf(cmd, "--%s: %v", flag, err)
	}
	return sev, nil
}

func (a *App) checkAction(c *ucli.Context) error {
	if p := c.String("cpuprofile"); p != "" {
		stop, err := startCPUProfile(p)
		if err != nil {
			return failErrorf("%w", err)
		}
		defer stop()
	}
	out, err := a.outputFrom(c, "check")
	if err != nil {
		return err
	}
	integ, err := a.integrationsFrom(c)
	if err != nil {
		return err
	}
	opts := runOptionsFrom(c)
	opts.report, opts.progress = integ.reportFilter(), integ.progress
	if opts.shard, err = parseShard(c.String("shard")); err != nil {
		return usageErrorf("check", "--shard: %v", err)
	}
	rr, err := a.runChecks(c.Context, opts)
	if err != nil {
		return err
	}
	if p := c.String("memprofile"); p != "" {
		// Taken while the run's results are still live.
		if err := writeHeapProfile(p); err != nil {
			return failErrorf("%w", err)
		}
	}
	if p := c.String("facts-out"); p != "" {
		if err := writeFacts(a.abs(rr.setup.dir, p), opts.shard, rr.result); err != nil {
			return failErrorf("--facts-out: %w", err)
		}
	}
	findings := integ.filter(rr, out.atMinLevel(rr.result.Findings), out.minLevel)
	run := &report.Run{
		Tool:          report.Tool{Name: "galley", Version: a.version(), InformationURI: "https://github.com/galley-lint/galley"},
		Rules:         rr.setup.ruleInfos(),
		Findings:      findings,
		Notifications: rr.notes,
		FilesChecked:  rr.result.Files,
		Bytes:         rr.result.Bytes,
		Elapsed:       rr.elapsed,
		Root:          rr.setup.dir,
	}
	errColor, err := a.emit(c, rr.setup.dir, out, run, rr.notes)
	if err != nil {
		return err
	}
	quiet := c.Bool("quiet")
	if c.Bool("stats") {
		writeStats(a.stderr, rr)
	}
	if !quiet {
		fmt.Fprintln(a.stderr, report.Summary(run, errColor))
		integ.writeNotes(a.stderr)
	}
	if err := integ.writeStepSummary(run); err != nil {
		return failErrorf("%w", err)
	}
	return out.exit(rr.notes, findings)
}

// emit renders run with reporter to outPath (written atomically) or to
// stdout. The text reporter prints notifications with the findings; for
// other formats, or a report written to a file, they are repeated on
// stderr unless --quiet. It returns whether stderr gets colour.
func (a *App) emit(c *ucli.Context, dir string, out *output, run *report.Run, notes []finding.Notification) (errColor bool, err error) {
	var buf bytes.Buffer
	if err := out.reporter.Report(&buf, run); err != nil {
		return false, failErrorf("%w", err)
	}
	if out.path != "" {
		if err := fix.WriteFile(a.abs(dir, out.path), buf.Bytes()); err != nil {
			return false, failErrorf("--output: %w", err)
		}
	} else {
		bw := bufio.NewWriter(a.stdout)
		bw.Write(buf.Bytes())
		if err := bw.Flush(); err != nil {
			return false, failErrorf("writing output: %w", err)
		}
	}
	errColor = a.stderrColor(c)
	if !c.Bool("quiet") && (out.format != "text" || out.path != "") {
		if err := report.WriteNotifications(a.stderr, notes, errColor); err != nil {
			return false, failErrorf("%w", err)
		}
	}
	return errColor, nil
}

// stderrColor reports whether standard error gets colour: it is a
// terminal, and neither --no-color (where the command has it) nor the
// NO_COLOR environment variable says otherwise.
func (a *App) stderrColor(c *ucli.Context) bool {
	return !c.Bool("no-color") && a.env.Getenv("NO_COLOR") == "" && colorFor(a.stderr)
}

// colorFor reports whether w is a terminal that may be coloured.
func colorFor(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && report.ColorEnabled(f, false)
}

// abs resolves p against dir.
func (a *App) abs(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}
