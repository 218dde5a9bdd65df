package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	ucli "github.com/urfave/cli/v2"
	"go.yaml.in/yaml/v3"

	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/rulepack"
)

// ruleRow is one line of `galley rules`.
type ruleRow struct {
	ID       string           `json:"id"`
	Family   string           `json:"family"`
	Kind     string           `json:"kind"`
	Severity finding.Severity `json:"severity"`
	Enabled  bool             `json:"enabled"`
	Summary  string           `json:"summary"`
}

func ruleRows(set *rulepack.Set) []ruleRow {
	var rows []ruleRow
	for _, r := range set.Rules() {
		rows = append(rows, ruleRow{
			ID:       r.Spec.ID,
			Family:   finding.Family(r.Spec.ID),
			Kind:     r.Spec.Kind,
			Severity: r.Spec.Severity,
			Enabled:  r.Enabled,
			Summary:  r.Spec.Summary,
		})
	}
	return rows
}

func (a *App) rulesCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "rules",
		Usage:     "list every rule: ID, family, default severity, whether it is on by default, summary",
		ArgsUsage: " ",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "format", Value: "text", Usage: "output format: text, markdown or json"},
			configFlag(),
			&ucli.BoolFlag{DisableDefaultText: true, Name: "check", Usage: "build every rule's check too, reporting any mistake in its options (galley builds the checks of your own and configured rules always, the built-in ones only when they run)"},
		},
		Action: func(c *ucli.Context) error {
			if c.NArg() > 0 {
				return usageErrorf("rules", "rules takes no arguments (got %q)", c.Args().First())
			}
			opts := setupOptions{configPath: c.String("config")}
			if c.Bool("check") {
				opts.build = func(string) bool { return true }
			}
			s, err := a.loadRules(opts)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			rows := ruleRows(s.set)
			switch f := c.String("format"); f {
			case "text":
				writeRulesText(&buf, rows)
			case "markdown", "md":
				writeRulesMarkdown(&buf, rows)
			case "json":
				enc := json.NewEncoder(&buf)
				enc.SetIndent("", "  ")
				if rows == nil {
					rows = []ruleRow{}
				}
				if err := enc.Encode(rows); err != nil {
					return failErrorf("encoding rules: %w", err)
				}
			default:
				return usageErrorf("rules", "unknown format %q (want text, markdown or json)", f)
			}
			_, err = a.stdout.Write(buf.Bytes())
			return err
		},
	}
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

func writeRulesText(w io.Writer, rows []ruleRow) {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tFAMILY\tSEVERITY\tDEFAULT\tSUMMARY")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Family, r.Severity, onOff(r.Enabled), r.Summary)
	}
	tw.Flush()
}

// markdownCell escapes text for a Markdown table cell.
func markdownCell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(s, "|", `\|`)
}

// writeRulesMarkdown writes the rule table README.md embeds between its
// rules markers.
func writeRulesMarkdown(w io.Writer, rows []ruleRow) {
	fmt.Fprintln(w, "| Rule | Family | Severity | Default | Summary |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- |")
	for _, r := range rows {
		fmt.Fprintf(w, "| `%s` | %s | %s | %s | %s |\n", r.ID, r.Family, r.Severity, onOff(r.Enabled), markdownCell(r.Summary))
	}
}

func (a *App) explainCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "explain",
		Usage:     "show a rule's documentation, kind, default severity, options and examples",
		ArgsUsage: "RULE",
		Flags: []ucli.Flag{
			configFlag(),
		},
		Action: func(c *ucli.Context) error {
			if c.NArg() != 1 {
				return usageErrorf("explain", "explain takes exactly one rule ID, e.g. 'galley explain style/repeated-word'")
			}
			id := c.Args().First()
			s, err := a.loadRules(setupOptions{configPath: c.String("config")})
			if err != nil {
				return err
			}
			r, ok := s.set.Lookup(id)
			if !ok || r.Kind.Data {
				msg := fmt.Sprintf("unknown rule %q", id)
				if sug := suggest(id, s.set.IDs()); sug != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", sug)
				}
				return &exitError{code: ExitError, err: fmt.Errorf("%s", msg), hint: "Run 'galley rules' for the list of rules."}
			}
			var buf bytes.Buffer
			if err := writeExplain(&buf, r); err != nil {
				return failErrorf("explain %s: %w", id, err)
			}
			_, err = a.stdout.Write(buf.Bytes())
			return err
		},
	}
}

// writeExplain writes a rule's full description.
func writeExplain(w io.Writer, r *rulepack.Rule) error {
	sp := r.Spec
	fmt.Fprintf(w, "%s\n%s\n\n", sp.ID, strings.Repeat("=", len(sp.ID)))
	fmt.Fprintf(w, "%s\n\n", sp.Summary)
	fmt.Fprintf(w, "Family:    %s\n", finding.Family(sp.ID))
	fmt.Fprintf(w, "Kind:      %s\n", sp.Kind)
	fmt.Fprintf(w, "Severity:  %s (default)\n", sp.Severity)
	fmt.Fprintf(w, "Enabled:   %s by default\n", onOff(r.Enabled))
	if len(sp.Tags) > 0 {
		fmt.Fprintf(w, "Tags:      %s\n", strings.Join(sp.Tags, ", "))
	}
	if sp.Source != "" {
		fmt.Fprintf(w, "Defined:   %s\n", sp.Source)
	}
	if doc := strings.TrimSpace(sp.Doc); doc != "" {
		fmt.Fprintf(w, "\n%s\n", doc)
	}
	if o, ok := sp.Options.(*rulepack.Options); ok && o.Node() != nil {
		var out bytes.Buffer
		enc := yaml.NewEncoder(&out)
		enc.SetIndent(2)
		if err := enc.Encode(o.Resolved()); err != nil {
			return fmt.Errorf("options: %w", err)
		}
		if err := enc.Close(); err != nil {
			return fmt.Errorf("options: %w", err)
		}
		fmt.Fprintf(w, "\nOptions:\n%s", indent(out.String(), "  "))
	}
	if len(sp.Examples) > 0 {
		fmt.Fprintf(w, "\nExamples:\n")
		for i, ex := range sp.Examples {
			if i > 0 {
				fmt.Fprintln(w)
			}
			if ex.Bad != "" {
				fmt.Fprintf(w, "  Bad:  %s\n", indentAfterFirst(strings.TrimSpace(ex.Bad), "        "))
			}
			if ex.Good != "" {
				fmt.Fprintf(w, "  Good: %s\n", indentAfterFirst(strings.TrimSpace(ex.Good), "        "))
			}
		}
	}
	return nil
}

// indent prefixes every non-empty line of s.
func indent(s, prefix string) string {
	lines := strings.SplitAfter(s, "\n")
	var b strings.Builder
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			b.WriteString(prefix)
		}
		b.WriteString(l)
	}
	return b.String()
}

// indentAfterFirst prefixes every line of s but the first.
func indentAfterFirst(s, prefix string) string {
	return strings.ReplaceAll(s, "\n", "\n"+prefix)
}
