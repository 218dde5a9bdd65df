package cli

import (
	"bytes"
	"encoding/json"
	"fmt"

	ucli "github.com/urfave/cli/v2"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/checks/contradiction"
	"github.com/galley-lint/galley/internal/engine"
	"github.com/galley-lint/galley/internal/files"
	"github.com/galley-lint/galley/internal/report"
	"github.com/galley-lint/galley/internal/rulepack"
)

// stancesRule is the rule whose facts `galley stances` shows.
const stancesRule = "contradiction/cross-article"

func (a *App) stancesCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "stances",
		Usage:     "show each article's stance on each advice topic, with its strongest evidence",
		ArgsUsage: "[PATH...]  (files or directories; default '.')",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: text or json"},
			configFlag(),
			&ucli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "number of files read in parallel (default: GOMAXPROCS)"},
		},
		Action: a.stancesAction,
	}
}

// stancesReport is the JSON shape of `galley stances --format json`.
type stancesReport struct {
	Topics  []string              `json:"topics"`
	Rows    []contradiction.Row   `json:"rows"`
	Tallies []contradiction.Tally `json:"tallies"`
}

func (a *App) stancesAction(c *ucli.Context) error {
	format := c.String("format")
	if format != "text" && format != "json" {
		return usageErrorf("stances", "unknown format %q (want text or json)", format)
	}
	if c.Int("jobs") < 0 {
		return usageErrorf("stances", "--jobs must be positive (got %d)", c.Int("jobs"))
	}
	for _, p := range c.Args().Slice() {
		if p == "-" {
			return usageErrorf("stances", "stances reads files, not standard input")
		}
	}
	s, err := a.loadRules(setupOptions{configPath: c.String("config"), build: func(id string) bool { return id == stancesRule }})
	if err != nil {
		return err
	}
	chk, err := stancesCheck(s.set)
	if err != nil {
		return failErrorf("%w", err)
	}
	var topics []string
	for _, sp := range s.set.Data(contradiction.TopicKind) {
		topics = append(topics, contradiction.TopicName(sp.ID))
	}
	parser, err := newParser()
	if err != nil {
		return failErrorf("%w", err)
	}
	inputs, notes := files.Collect(c.Args().Slice(), s.fileOptions())
	res, err := engine.Run(c.Context, engine.Options{Checks: []*check.Check{chk}, Parser: parser, Jobs: c.Int("jobs")}, engine.FileSources(inputs))
	if err != nil {
		return failErrorf("%w", err)
	}
	notes = append(notes, res.Notifications...)
	rows := contradiction.Rows(res.Facts[chk.ID], topics)
	tallies := contradiction.Tallies(rows, topics)
	var buf bytes.Buffer
	if format == "json" {
		if rows == nil {
			rows = []contradiction.Row{}
		}
		if tallies == nil {
			tallies = []contradiction.Tally{}
		}
		if topics == nil {
			topics = []string{}
		}
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		if err := enc.Encode(stancesReport{Topics: topics, Rows: rows, Tallies: tallies}); err != nil {
			return failErrorf("encoding stances: %w", err)
		}
	} else if err := contradiction.WriteTable(&buf, rows, tallies); err != nil {
		return failErrorf("%w", err)
	}
	if _, err := a.stdout.Write(buf.Bytes()); err != nil {
		return failErrorf("writing output: %w", err)
	}
	errColor := a.stderrColor(c)
	if err := report.WriteNotifications(a.stderr, notes, errColor); err != nil {
		return failErrorf("%w", err)
	}
	if hasErrors(notes) {
		return exitCode(ExitError)
	}
	return nil
}

// stancesCheck returns the cross-article rule's check. (A broken topic
// has already failed loading the rules.)
func stancesCheck(set *rulepack.Set) (*check.Check, error) {
	r, ok := set.Lookup(stancesRule)
	if !ok || r.Check == nil {
		return nil, fmt.Errorf("rule %s is not loaded", stancesRule)
	}
	return r.Check, nil
}
