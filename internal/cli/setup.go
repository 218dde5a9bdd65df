package cli

import (
	"fmt"
	"path/filepath"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/checks"
	"github.com/galley-lint/galley/internal/config"
	"github.com/galley-lint/galley/internal/files"
	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/parse"
	"github.com/galley-lint/galley/internal/rulepack"
	"github.com/galley-lint/galley/rules"
)

// ruleSetup is what every command that runs or lists rules needs: the
// working directory, the configuration, the loaded rule set, the checks
// that may run and the policy deciding per file.
type ruleSetup struct {
	dir    string
	cfg    *config.Config
	set    *rulepack.Set
	checks []*check.Check
	policy *config.Policy
}

// setupOptions say how to load rules.
type setupOptions struct {
	// configPath is --config ("" discovers .galley.yaml).
	configPath string
	// enable and disable are --enable and --disable.
	enable, disable []string
	// policy builds the policy and the list of active checks, and builds
	// the checks of the active rules.
	policy bool
	// build names further rules whose checks are needed (nil: none).
	build func(id string) bool
}

// loadConfig loads --config, or the .galley.yaml discovered upward from
// dir, or the defaults.
func loadConfig(dir, path string) (*config.Config, error) {
	if path == "" {
		found, err := config.Discover(dir)
		if err != nil {
			return nil, err
		}
		if found == "" {
			cfg := config.Default()
			cfg.Dir = dir
			return cfg, nil
		}
		path = found
	} else if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, err
	}
	return cfg, nil
}

// loadRules loads the configuration and the built-in and configured packs
// into a rule set and, with opts.policy, the policy. Only the checks that
// can run are built (see rulepack.Set.Build): the active rules', those
// opts.build names, and the user's own rules, which are always built so
// that their mistakes are reported. Errors are configuration errors
// (exit 2).
func (a *App) loadRules(opts setupOptions) (*ruleSetup, error) {
	dir, err := a.workDir()
	if err != nil {
		return nil, failErrorf("%w", err)
	}
	cfg, err := loadConfig(dir, opts.configPath)
	if err != nil {
		return nil, failErrorf("configuration:\n%w", err)
	}
	srcs, err := rulepack.BuiltinSources()
	if err != nil {
		return nil, failErrorf("%w", err)
	}
	extra, err := cfg.PackSources()
	if err != nil {
		return nil, failErrorf("%w", err)
	}
	srcs = append(srcs, extra...)
	kinds := checks.Kinds()
	set, err := rulepack.Parse(kinds, srcs, cfg)
	if err != nil {
		// Report the problems Build would find too, all at once.
		if _, lerr := rulepack.Load(kinds, srcs, cfg); lerr != nil {
			err = lerr
		}
		return nil, failErrorf("loading rules:\n%w", err)
	}
	want := opts.build
	if want == nil {
		want = func(string) bool { return false }
	}
	// The user's rules and opts.build's first, so that their mistakes are
	// reported before any about --enable or --disable, as before Build
	// was deferred.
	if err := set.Build(want); err != nil {
		return nil, failErrorf("loading rules:\n%w", err)
	}
	s := &ruleSetup{dir: dir, cfg: cfg, set: set}
	if !opts.policy {
		return s, nil
	}
	s.policy, err = cfg.Policy(set, config.PolicyOptions{WorkDir: dir, Enable: opts.enable, Disable: opts.disable})
	if err != nil {
		return nil, failErrorf("%w", err)
	}
	if err := set.Build(s.policy.Active); err != nil {
		return nil, failErrorf("loading rules:\n%w", err)
	}
	for _, r := range set.Rules() {
		if r.Check != nil && s.policy.Active(r.Spec.ID) {
			s.checks = append(s.checks, r.Check)
		}
	}
	return s, nil
}

// matchesAny reports whether id matches one of the patterns: a rule ID,
// a doublestar glob over IDs, or a family name.
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
	return s.cfg.FileOptions(s.dir)
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
