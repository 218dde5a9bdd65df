package config

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"

	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/rulepack"
)

// familySettings says which top-level configuration sections are merged
// into the options of which rule family, and under which option key ("" to
// merge the section's keys directly).
var familySettings = []struct {
	section, family, key string
}{
	{"citations", "citation", ""},
	{"stances", "contradiction", "house"},
}

func (c *Config) section(name string) *yaml.Node {
	switch name {
	case "citations":
		return c.Citations
	case "stances":
		return c.Stances
	}
	return nil
}

// RuleOptions implements rulepack.OptionSource: the option layers the
// configuration adds to a rule, lowest precedence first: family sections
// (citations, stances), then `rules:` entries that match the rule, from
// least to most specific (later entries first among equals).
func (c *Config) RuleOptions(ruleID string) []rulepack.Layer {
	var out []rulepack.Layer
	fam := finding.Family(ruleID)
	for _, fs := range familySettings {
		n := c.section(fs.section)
		if n == nil || fs.family != fam {
			continue
		}
		if fs.key != "" {
			n = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: n.Line, Column: n.Column, Content: []*yaml.Node{
				{Kind: yaml.ScalarNode, Tag: "!!str", Value: fs.key, Line: n.Line, Column: n.Column}, n,
			}}
		}
		out = append(out, rulepack.Layer{File: c.Path, Node: n})
	}
	for _, s := range ordered(c.Rules) {
		if s.Options != nil && matchRule(s.Pattern, ruleID) {
			out = append(out, rulepack.Layer{File: c.Path, Node: s.Options})
		}
	}
	return out
}

// isGlob reports whether a pattern has glob metacharacters.
func isGlob(p string) bool { return strings.ContainsAny(p, `*?[{\`) }

// specificity ranks patterns: exact IDs above globs, globs with more
// literal characters above those with fewer, family names lowest.
func specificity(p string) int {
	if !isGlob(p) {
		if strings.Contains(p, "/") {
			return 1 << 20
		}
		return 0 // a family name, as broad as family/*
	}
	n := 0
	for _, r := range p {
		if !strings.ContainsRune(`*?[]{}\,`, r) {
			n++
		}
	}
	return n
}

// ordered returns settings sorted by specificity, keeping file order among
// equals, so that applying them in order lets later, more specific entries
// win.
func ordered(ss []Setting) []Setting {
	out := append([]Setting(nil), ss...)
	sort.SliceStable(out, func(i, j int) bool { return specificity(out[i].Pattern) < specificity(out[j].Pattern) })
	return out
}

// matchRule reports whether pattern (an ID, a glob or a family name)
// names the rule.
func matchRule(pattern, id string) bool {
	if pattern == id {
		return true
	}
	if !strings.Contains(pattern, "/") {
		ok, _ := doublestar.Match(pattern, finding.Family(id))
		return ok || pattern == "**"
	}
	ok, _ := doublestar.Match(pattern, id)
	return ok
}

// PolicyOptions are the inputs of Config.Policy besides the rule set.
type PolicyOptions struct {
	// WorkDir is the directory relative paths given to Rule are relative
	// to ("" means the process's working directory).
	WorkDir string
	// Enable and Disable are --enable and --disable: rule IDs, globs or
	// family names. They win over the configuration; where both match a
	// rule, the more specific pattern wins, and --disable among equals.
	Enable, Disable []string
}

type state struct {
	on  bool
	sev finding.Severity
}

// effect is what an override does to one rule.
type effect struct {
	enabled *bool
	sev     finding.Severity
}

type compiledOverride struct {
	files   []string
	effects map[string]effect
}

// Policy decides, per file and rule, whether the rule runs and at what
// severity. It implements the engine's Policy interface and is safe for
// concurrent use.
type Policy struct {
	base      map[string]state
	overrides []compiledOverride
	cli       map[string]bool
	root      string // absolute configuration directory
	workDir   string // absolute
}

// Policy combines the rule set's defaults (severity, `enabled: false`),
// the configuration's rules and overrides and the command line's --enable
// and --disable. Patterns that name no rule are errors, with the nearest
// rule ID as a hint: configuration ones as "file:line: message".
func (c *Config) Policy(set *rulepack.Set, opts PolicyOptions) (*Policy, error) {
	ids := set.IDs()
	var errs rulepack.Errors
	check := func(pattern string, line int, what string) bool {
		for _, id := range ids {
			if matchRule(pattern, id) {
				return true
			}
		}
		msg := ""
		if isGlob(pattern) {
			msg = fmt.Sprintf("rule glob %q matches no rule", pattern)
		} else {
			msg = fmt.Sprintf("unknown rule %q", pattern)
		}
		if near := nearest(pattern, ids); near != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", near)
		}
		if what != "" {
			msg = what + ": " + msg
		}
		p := rulepack.Problem{File: c.Path, Line: line, Msg: msg}
		if what != "" {
			p.File, p.Line = "", 0
		}
		errs = append(errs, p)
		return false
	}

	p := &Policy{base: map[string]state{}, cli: map[string]bool{}}
	for _, id := range ids {
		on, sev := set.DefaultEnabled(id)
		p.base[id] = state{on, sev}
	}
	for _, s := range c.Rules {
		check(s.Pattern, s.Line, "")
	}
	for _, s := range ordered(c.Rules) {
		for _, id := range ids {
			if matchRule(s.Pattern, id) {
				st := p.base[id]
				if s.Enabled != nil {
					st.on = *s.Enabled
				}
				if s.Severity != finding.SeverityNone {
					st.sev = s.Severity
				}
				p.base[id] = st
			}
		}
	}
	for _, ov := range c.Overrides {
		co := compiledOverride{files: ov.Files, effects: map[string]effect{}}
		for _, s := range ov.Rules {
			check(s.Pattern, s.Line, "")
		}
		for _, s := range ordered(ov.Rules) {
			for _, id := range ids {
				if matchRule(s.Pattern, id) {
					e := co.effects[id]
					if s.Enabled != nil {
						e.enabled = s.Enabled
					}
					if s.Severity != finding.SeverityNone {
						e.sev = s.Severity
					}
					co.effects[id] = e
				}
			}
		}
		p.overrides = append(p.overrides, co)
	}

	type cliEntry struct {
		pattern string
		on      bool
	}
	var cli []cliEntry
	for _, e := range opts.Enable {
		if !doublestar.ValidatePattern(e) {
			errs = append(errs, rulepack.Problem{Msg: fmt.Sprintf("--enable: invalid rule glob %q", e)})
		} else if check(e, 0, "--enable") {
			cli = append(cli, cliEntry{e, true})
		}
	}
	for _, d := range opts.Disable {
		if !doublestar.ValidatePattern(d) {
			errs = append(errs, rulepack.Problem{Msg: fmt.Sprintf("--disable: invalid rule glob %q", d)})
		} else if check(d, 0, "--disable") {
			cli = append(cli, cliEntry{d, false})
		}
	}
	sort.SliceStable(cli, func(i, j int) bool { return specificity(cli[i].pattern) < specificity(cli[j].pattern) })
	for _, e := range cli {
		for _, id := range ids {
			if matchRule(e.pattern, id) {
				p.cli[id] = e.on
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}

	var err error
	if p.workDir, err = filepath.Abs(orDot(opts.WorkDir)); err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	if p.root, err = filepath.Abs(orDot(c.Dir)); err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	return p, nil
}

func orDot(s string) string {
	if s == "" {
		return "."
	}
	return s
}

// Rule reports whether ruleID runs on the file at path (slash-separated,
// relative to the work directory, or absolute) and at what severity.
// Unknown rules are off.
func (p *Policy) Rule(path, ruleID string) (bool, finding.Severity) {
	st, ok := p.base[ruleID]
	if !ok {
		return false, finding.SeverityNone
	}
	if len(p.overrides) > 0 {
		rel := p.relPath(path)
		for _, ov := range p.overrides {
			e, ok := ov.effects[ruleID]
			if !ok || !matchAny(ov.files, rel) {
				continue
			}
			if e.enabled != nil {
				st.on = *e.enabled
			}
			if e.sev != finding.SeverityNone {
				st.sev = e.sev
			}
		}
	}
	if on, ok := p.cli[ruleID]; ok {
		st.on = on
	}
	return st.on, st.sev
}

// Active reports whether the rule runs on at least some files: it is on
// by default, or some override turns it on, and the command line does not
// turn it off. Callers can leave inactive checks out of a run.
func (p *Policy) Active(ruleID string) bool {
	st, ok := p.base[ruleID]
	if !ok {
		return false
	}
	if on, ok := p.cli[ruleID]; ok {
		return on
	}
	if st.on {
		return true
	}
	for _, ov := range p.overrides {
		if e, ok := ov.effects[ruleID]; ok && e.enabled != nil && *e.enabled {
			return true
		}
	}
	return false
}

// relPath returns path relative to the configuration directory (slash
// form), or path itself when it lies outside it.
func (p *Policy) relPath(path string) string {
	fp := filepath.FromSlash(path)
	if !filepath.IsAbs(fp) {
		fp = filepath.Join(p.workDir, fp)
	}
	rel, err := filepath.Rel(p.root, fp)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return path
	}
	return filepath.ToSlash(rel)
}

func matchAny(globs []string, path string) bool {
	for _, g := range globs {
		if ok, _ := doublestar.Match(g, path); ok {
			return true
		}
	}
	return false
}

// nearest returns the rule ID (or family glob) closest to pattern by edit
// distance, "" when there are no rules.
func nearest(pattern string, ids []string) string {
	cands := append([]string(nil), ids...)
	fams := map[string]bool{}
	for _, id := range ids {
		fams[finding.Family(id)] = true
	}
	for f := range fams {
		cands = append(cands, f+"/*")
	}
	sort.Strings(cands)
	best, bestD := "", -1
	for _, c := range cands {
		d := distance(pattern, c)
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
