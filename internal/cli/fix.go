package cli

import (
	"bufio"
	"fmt"
	"os"
	"sort"

	ucli "github.com/urfave/cli/v2"

	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/fix"
	"github.com/galley-lint/galley/internal/report"
)

func (a *App) fixCommand() *ucli.Command {
	flags := append(runFlags(),
		&ucli.StringSliceFlag{Name: "rule", Usage: "only apply fixes of `RULE` (an ID, a glob or a family); repeatable, comma lists allowed"},
		&ucli.BoolFlag{DisableDefaultText: true, Name: "write", Aliases: []string{"w"}, Usage: "write the fixed files (atomically) instead of printing a diff"},
		&ucli.BoolFlag{DisableDefaultText: true, Name: "quiet", Aliases: []string{"q"}, Usage: "print no summary or notes on standard error"},
	)
	return &ucli.Command{
		Name:      "fix",
		Usage:     "apply each finding's first suggested fix: print a unified diff, or change the files with --write",
		ArgsUsage: "[PATH...]  (files or directories; '-' reads standard input; default '.')",
		Flags:     flags,
		Action:    a.fixAction,
	}
}

func (a *App) fixAction(c *ucli.Context) error {
	opts := runOptionsFrom(c)
	ruleFilter := splitList(c.StringSlice("rule"))
	write := c.Bool("write")
	quiet := c.Bool("quiet")
	rr, err := a.runChecks(c.Context, opts)
	if err != nil {
		return err
	}
	// The first fix of every finding, per file.
	byPath := map[string][]finding.Fix{}
	for _, f := range rr.result.Findings {
		if len(f.Fixes) == 0 {
			continue
		}
		if len(ruleFilter) > 0 && !matchesAny(f.RuleID, ruleFilter) {
			continue
		}
		fx := f.Fixes[0]
		ok := true
		for _, e := range fx.Edits {
			ok = ok && (e.Path == "" || e.Path == f.Location.Path)
		}
		if ok {
			byPath[f.Location.Path] = append(byPath[f.Location.Path], fx)
		}
	}
	paths := make([]string, 0, len(byPath))
	for p := range byPath {
		paths = append(paths, p)
	}
	sort.Strings(paths)

	notes := rr.notes
	out := bufio.NewWriter(a.stdout)
	defer out.Flush()
	applied, changedFiles := 0, 0
	for _, p := range paths {
		isStdin := rr.stdin != nil && p == rr.stdinName
		var src []byte
		if isStdin {
			src = rr.stdin
		} else {
			abs := rr.absPath(p)
			src, err = os.ReadFile(abs)
			if err != nil {
				notes = append(notes, finding.Notification{Path: p, Level: finding.SeverityError, Message: fmt.Sprintf("reading for fix: %v", err)})
				continue
			}
		}
		fixed, n, err := fix.Apply(src, byPath[p])
		if err != nil {
			notes = append(notes, finding.Notification{Path: p, Level: finding.SeverityError, Message: fmt.Sprintf("applying fixes: %v", err)})
			continue
		}
		if n == 0 || string(fixed) == string(src) {
			continue
		}
		switch {
		case !write:
			out.WriteString(fix.Diff(p, src, fixed))
		case isStdin:
			out.Write(fixed)
		default:
			if err := fix.WriteFile(rr.absPath(p), fixed); err != nil {
				notes = append(notes, finding.Notification{Path: p, Level: finding.SeverityError, Message: err.Error()})
				continue
			}
		}
		applied += n
		changedFiles++
	}
	if err := out.Flush(); err != nil {
		return failErrorf("writing output: %w", err)
	}
	shown := notes
	if quiet {
		shown = nil
		for _, n := range notes {
			if n.Level >= finding.SeverityError {
				shown = append(shown, n)
			}
		}
	}
	if err := report.WriteNotifications(a.stderr, shown, false); err != nil {
		return failErrorf("%w", err)
	}
	if !quiet {
		switch {
		case applied == 0:
			fmt.Fprintln(a.stderr, "no fixes to apply")
		case write:
			fmt.Fprintf(a.stderr, "applied %s in %s\n", plural(applied, "fix", "fixes"), plural(changedFiles, "file", "files"))
		default:
			fmt.Fprintf(a.stderr, "%s available in %s; run with --write to apply\n", plural(applied, "fix", "fixes"), plural(changedFiles, "file", "files"))
		}
	}
	if hasErrors(notes) {
		return exitCode(ExitError)
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
