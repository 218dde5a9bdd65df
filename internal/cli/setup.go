package cli

import (
	"fmt"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/engine"
	"github.com/galley-lint/galley/internal/files"
	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/parse"
	"github.com/galley-lint/galley/internal/rulepack"
	"github.com/galley-lint/galley/rules"
)

// ruleSetup is what every command that runs or lists rules needs: the
// working directory, the loaded rule set, the enabled checks and the
// policy.
type ruleSetup struct {
	dir    string
	set    *rulepack.Set
	checks []*check.Check
	policy engine.Policy
}

// setupOptions say how to load rules.
type setupOptions struct {
	// configPath is --config ("" discovers .galley.yaml).
	configPath string
	// enable and disable are --enable and --disable.
	enable, disable []string
}

// loadRules loads the built-in packs (and configured packs) into a rule
// set. Errors are configuration errors (exit 2).
func (a *App) loadRules(opts setupOptions) (*ruleSetup, error) {
	dir, err := a.workDir()
	if err != nil {
		return nil, failErrorf("%w", err)
	}
	srcs, err := rulepack.BuiltinSources()
	if err != nil {
		return nil, failErrorf("%w", err)
	}
	set, err := rulepack.Load(ruleKinds(), srcs)
	if err != nil {
		return nil, failErrorf("loading rules:\n%w", err)
	}
	s := &ruleSetup{dir: dir, set: set}
	for _, pat := range append(append([]string{}, opts.enable...), opts.disable...) {
		if !doublestar.ValidatePattern(pat) {
			return nil, usageErrorf("check", "invalid rule pattern %q", pat)
		}
	}
	for _, r := range set.Rules() {
		on := r.Enabled
		if matchesAny(r.Spec.ID, opts.enable) {
			on = true
		}
		if matchesAny(r.Spec.ID, opts.disable) {
			on = false
		}
		if on && r.Check != nil {
			s.checks = append(s.checks, r.Check)
		}
	}
	return s, nil
}

// matchesAny reports whether id matches one of the patterns: an ID, a glob
// or a family name.
func matchesAny(id string, patterns []string) bool {
	for _, p := range patterns {
		if p == id || p == finding.Family(id) {
			return true
		}
		if ok, _ := doublestar.Match(p, id); ok {
			return true
		}
	}
	return false
}

// fileOptions returns how to collect files.
func (s *ruleSetup) fileOptions() files.Options {
	return files.Options{Dir: s.dir}
}

// ruleInfos describes the rules that ran.
func (s *ruleSetup) ruleInfos() []finding.RuleInfo {
	ran := map[string]bool{}
	for _, c := range s.checks {
		ran[c.ID] = true
	}
	var out []finding.RuleInfo
	for _, r := range s.set.Rules() {
		if ran[r.Spec.ID] {
			out = append(out, rulepack.RuleInfo(r))
		}
	}
	return out
}

// newParser builds the document parser from the built-in lexicon.
func newParser() (*parse.Parser, error) {
	lex, err := parse.LoadLexicon(rules.FS)
	if err != nil {
		return nil, fmt.Errorf("loading lexicon: %w", err)
	}
	return parse.New(lex), nil
}
