package cli

import (
	"fmt"
	"sort"
	"time"

	ucli "github.com/urfave/cli/v2"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/engine"
	"github.com/galley-lint/galley/internal/files"
	"github.com/galley-lint/galley/internal/report"
)

// mergeCommand is `galley merge FACTS...`: the corpus phase over the facts
// that sharded `galley check --shard I/N --facts-out FILE` runs wrote.
func (a *App) mergeCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "merge",
		Usage:     "run the cross-article rules over the facts of sharded runs and report their findings",
		ArgsUsage: "FACTS...  (files written by 'galley check --shard I/N --facts-out FILE')",
		Description: "Each shard reports its own articles' findings; merge reports the cross-article\n" +
			"findings over every shard's facts. Run it with the same configuration and\n" +
			"--enable/--disable as the shards, from the same directory, so that paths match.",
		Flags:  append(ruleFlags(), outputFlags()...),
		Action: a.mergeAction,
	}
}

func (a *App) mergeAction(c *ucli.Context) error {
	start := time.Now()
	if c.NArg() == 0 {
		return usageErrorf("merge", "no facts files given")
	}
	out, err := a.outputFrom(c, "merge")
	if err != nil {
		return err
	}
	s, err := a.loadRules(setupOptions{
		configPath: c.String("config"),
		enable:     splitList(c.StringSlice("enable")),
		disable:    splitList(c.StringSlice("disable")),
		policy:     true,
	})
	if err != nil {
		return err
	}

	var raws []map[string][]engine.RawFact
	supp := map[string]engine.Suppressions{}
	files, bytesChecked := 0, int64(0)
	for _, p := range c.Args().Slice() {
		ff, err := readFactsFile(a.abs(s.dir, p))
		if err != nil {
			return failErrorf("%w", err)
		}
		raws = append(raws, ff.facts)
		for path, ss := range ff.suppressions {
			supp[path] = append(supp[path], ss...)
		}
		files += ff.header.Files
		bytesChecked += ff.header.Bytes
	}
	facts, err := engine.DecodeFacts(s.checks, raws...)
	if err != nil {
		return failErrorf("%w (merge with the configuration and --enable/--disable of the shards)", err)
	}
	res, err := engine.RunCorpus(c.Context, engine.Options{Checks: s.checks, Policy: s.policy}, facts, supp)
	if err != nil {
		return failErrorf("%w", err)
	}
	engine.AddContext(res.Findings, factSources(s.dir, facts))

	findings := out.atMinLevel(res.Findings)
	run := &report.Run{
		Tool:          report.Tool{Name: "galley", Version: a.version(), InformationURI: "https://github.com/galley-lint/galley"},
		Rules:         s.ruleInfos(),
		Findings:      findings,
		Notifications: res.Notifications,
		FilesChecked:  files,
		Bytes:         bytesChecked,
		Elapsed:       time.Since(start),
		Root:          s.dir,
	}
	errColor, err := a.emit(c, s.dir, out, run, res.Notifications)
	if err != nil {
		return err
	}
	quiet := c.Bool("quiet")
	if !quiet {
		fmt.Fprintln(a.stderr, report.Summary(run, errColor))
	}
	return out.exit(res.Notifications, findings)
}

// factSources returns a source per path that has facts, read from dir, so
// that corpus findings get their snippets and source lines when the files
// are at hand (as in a CI checkout).
func factSources(dir string, facts map[string][]check.DocFact) []engine.Source {
	seen := map[string]bool{}
	var paths []string
	for _, fs := range facts {
		for _, f := range fs {
			if !seen[f.Path] {
				seen[f.Path] = true
				paths = append(paths, f.Path)
			}
		}
	}
	sort.Strings(paths)
	inputs := make([]files.Input, len(paths))
	for i, p := range paths {
		inputs[i] = files.Input{Path: p, Abs: reportedAbs(dir, p)}
	}
	return engine.FileSources(inputs)
}
