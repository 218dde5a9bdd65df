// Package rulepack loads rule packs: YAML files listing rule specs, each
// bound to a registered check.Kind that builds its check. Loading is strict:
// unknown keys, wrong types, missing fields, bad or duplicate IDs, unknown
// kinds and severities are errors formatted "file:line: message", and every
// problem of every file is reported at once.
//
// A pack looks like:
//
//	rules:
//	  - id: style/repeated-word   # family/name
//	    kind: repeated-word       # a registered kind
//	    severity: warning         # error, warning or info
//	    enabled: true             # false: off unless configuration enables it
//	    summary: One line.
//	    doc: Markdown.
//	    message: 'Repeated word "{{.Word}}".'
//	    tags: [consistency]
//	    examples: [{bad: ..., good: ...}]
//	    options: {...}            # decoded strictly by the kind
//
// Typical use:
//
//	srcs, err := rulepack.BuiltinSources()
//	set, err := rulepack.Load(kinds, append(srcs, extra...), cfg)
//	for _, c := range set.Checks() { ... }
//
// Load builds every rule's check. A command that runs some of them parses
// first and builds only those (building compiles patterns and phrase
// sets: most of the start-up time):
//
//	set, err := rulepack.Parse(kinds, append(srcs, extra...), cfg)
//	err = set.Build(policy.Active)
package rulepack

import (
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"go.yaml.in/yaml/v3"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/finding"
)

// Source is one rule pack's bytes and the name shown in errors
// ("rules/style.yaml" for built-in packs, the path for user packs).
type Source struct {
	Name string
	Data []byte
	// Builtin marks a pack shipped with galley (see BuiltinSources). Its
	// rules are built only when wanted (see Set.Build): galley's own tests
	// build every one of them. Rules of other packs are always built.
	Builtin bool
}

// Rule is one loaded rule spec with what was built from it.
type Rule struct {
	// Spec is the rule as written, with user options merged in.
	Spec *check.Spec
	// Kind is the kind that builds it.
	Kind check.Kind
	// Enabled is the spec's default (`enabled:`, true when absent).
	Enabled bool
	// User reports whether the user wrote or configured the rule: it comes
	// from a pack that is not built in, the user's options reach it, or
	// the user's packs add data specs (which kinds read at Build). Set.Build
	// always builds such rules, so their mistakes are reported even when
	// they are off.
	User bool
	// Check is the built check; nil for data kinds and for rules that
	// were not built (see Set.Build).
	Check *check.Check

	file   string
	line   int
	failed bool // Build failed; not tried again
}

// Set is a loaded collection of rules.
type Set struct {
	rules  []*Rule // check rules, sorted by ID
	loaded []*Rule // check rules in load order, the order they are built in
	byID   map[string]*Rule
	data   map[string][]*check.Spec
	// order maps a source's name to its index, for sorting errors.
	order map[string]int
}

// IDPattern is the form of a rule ID: "family/name", lower-case letters,
// digits and dashes.
var IDPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$`)

// rawRule is a spec as written in YAML.
type rawRule struct {
	ID       string          `yaml:"id"`
	Kind     string          `yaml:"kind"`
	Severity string          `yaml:"severity"`
	Enabled  *bool           `yaml:"enabled"`
	Summary  string          `yaml:"summary"`
	Doc      string          `yaml:"doc"`
	Message  string          `yaml:"message"`
	Tags     []string        `yaml:"tags"`
	Examples []check.Example `yaml:"examples"`
	Options  *yaml.Node      `yaml:"options"`
}

type rawPack struct {
	Rules []yaml.Node `yaml:"rules"`
}

// pending is a parsed spec waiting for its options.
type pending struct {
	rule    *Rule
	file    string
	line    int
	builtin bool
	opts    *yaml.Node
}

// Load parses sources strictly, merges each rule's user options (from
// user, in order) over its spec options and builds every check through
// kinds. It returns every problem found, as Errors, or the Set.
func Load(kinds []check.Kind, sources []Source, user ...OptionSource) (*Set, error) {
	set, errs := parse(kinds, sources, user)
	errs = append(errs, set.build(nil)...)
	if len(errs) > 0 {
		return nil, set.sorted(errs)
	}
	return set, nil
}

// Parse is Load without building checks: it parses and validates every
// pack and merges every rule's options, reporting every problem found as
// Errors, and returns a Set whose rules have no Check yet. Set.Build then
// builds the checks that will run:
//
//	set, err := rulepack.Parse(kinds, srcs, cfg)
//	policy, err := cfg.Policy(set, opts)
//	err = set.Build(policy.Active)
//
// A problem only a kind's Build finds (an invalid pattern in an option,
// say) is reported by Build, for the rules it builds.
func Parse(kinds []check.Kind, sources []Source, user ...OptionSource) (*Set, error) {
	set, errs := parse(kinds, sources, user)
	if len(errs) > 0 {
		return nil, set.sorted(errs)
	}
	return set, nil
}

// Build builds the check of every rule that want selects, and of every
// rule the user wrote or configured (Rule.User), skipping rules built
// already; a nil want selects every rule. Kinds build in load order. It
// returns every problem found, as Errors; the rules that built have their
// Check either way. Build must not run concurrently with other methods of
// s.
func (s *Set) Build(want func(id string) bool) error {
	var errs Errors
	if want == nil {
		errs = s.build(nil)
	} else {
		errs = s.build(func(r *Rule) bool { return want(r.Spec.ID) })
	}
	if len(errs) > 0 {
		return s.sorted(errs)
	}
	return nil
}

// parse parses sources into a set of unbuilt rules with their options.
// The set is usable (for building what parsed well) even with errors.
func parse(kinds []check.Kind, sources []Source, user []OptionSource) (*Set, Errors) {
	var errs Errors
	kindByName := make(map[string]check.Kind, len(kinds))
	for _, k := range kinds {
		if _, dup := kindByName[k.Name]; dup {
			errs = append(errs, Problem{Msg: fmt.Sprintf("kind %q is registered twice", k.Name)})
		}
		kindByName[k.Name] = k
	}
	kindNames := make([]string, 0, len(kindByName))
	for n := range kindByName {
		kindNames = append(kindNames, n)
	}
	sort.Strings(kindNames)

	set := &Set{byID: map[string]*Rule{}, data: map[string][]*check.Spec{}, order: map[string]int{}}
	for i, src := range sources {
		if _, ok := set.order[src.Name]; !ok {
			set.order[src.Name] = i
		}
	}

	firstAt := map[string]string{}
	var todo []*pending
	userData := false
	packs := parsePacks(sources)
	for i, src := range sources {
		specs, perrs := packs[i].specs, packs[i].errs
		errs = append(errs, perrs...)
		for _, p := range specs {
			raw := p.rule.Spec
			if prev, ok := firstAt[raw.ID]; ok {
				errs = append(errs, Problem{File: p.file, Line: p.line, Msg: fmt.Sprintf("duplicate rule ID %q (first defined at %s)", raw.ID, prev)})
				continue
			}
			firstAt[raw.ID] = raw.Source
			k, ok := kindByName[raw.Kind]
			if !ok {
				errs = append(errs, Problem{File: p.file, Line: p.line, Msg: fmt.Sprintf("rule %s: unknown kind %q (known kinds: %s)", raw.ID, raw.Kind, strings.Join(kindNames, ", "))})
				continue
			}
			p.rule.Kind = k
			p.builtin = src.Builtin
			todo = append(todo, p)
			if k.Data {
				set.data[k.Name] = append(set.data[k.Name], raw)
				userData = userData || !src.Builtin
			}
		}
	}
	dataFn := func(kind string) []*check.Spec { return set.data[kind] }

	// Data specs get their options before any check is built, so a kind
	// can read every data spec at Build time whatever the load order.
	sort.SliceStable(todo, func(i, j int) bool { return todo[i].rule.Kind.Data && !todo[j].rule.Kind.Data })
	for _, p := range todo {
		r, spec := p.rule, p.rule.Spec
		spec.Data = dataFn
		layers := []Layer{{File: p.file, Node: p.opts}}
		configured := false
		if !r.Kind.Data {
			for _, u := range user {
				if u == nil {
					continue
				}
				for _, l := range u.RuleOptions(spec.ID) {
					layers = append(layers, l)
					configured = configured || l.Node != nil
				}
			}
		}
		opts, err := NewOptions(layers...)
		spec.Options = opts
		if err != nil {
			errs = appendErr(errs, p.file, p.line, spec.ID, err)
			continue
		}
		set.byID[spec.ID] = r
		if r.Kind.Data {
			continue
		}
		if r.Kind.Build == nil {
			errs = append(errs, Problem{File: p.file, Line: p.line, Msg: fmt.Sprintf("rule %s: kind %q cannot build checks", spec.ID, spec.Kind)})
			delete(set.byID, spec.ID)
			continue
		}
		r.file, r.line = p.file, p.line
		r.User = !p.builtin || configured || userData
		set.loaded = append(set.loaded, r)
	}
	set.rules = slices.Clone(set.loaded)
	sort.Slice(set.rules, func(i, j int) bool { return set.rules[i].Spec.ID < set.rules[j].Spec.ID })
	return set, errs
}

// build builds the rules want selects (all when nil) and the user's rules.
// Rules are built in groups that share no family and no kind, several
// groups at once; a group's rules one after another, in load order. (A
// family's kinds may share state among their Builds, as the rules of one
// family or kind do; see buildGroups.)
func (s *Set) build(want func(*Rule) bool) Errors {
	var todo []*Rule
	for _, r := range s.loaded {
		if r.Check == nil && !r.failed && (want == nil || r.User || want(r)) {
			todo = append(todo, r)
		}
	}
	errs := make([]error, len(todo))
	groups := buildGroups(todo)
	parallel(len(groups), func(g int) {
		for _, i := range groups[g] {
			errs[i] = todo[i].build()
		}
	})
	var out Errors
	for i, err := range errs {
		if err != nil {
			r := todo[i]
			r.failed = true
			out = appendErr(out, r.file, r.line, r.Spec.ID, err)
		}
	}
	return out
}

// buildGroups partitions rules (by index) into groups such that two rules
// sharing a family or a kind are in the same group, each group in rule
// order, groups in the order of their first rule.
func buildGroups(rules []*Rule) [][]int {
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		p, ok := parent[x]
		if !ok || p == x {
			parent[x] = x
			return x
		}
		root := find(p)
		parent[x] = root
		return root
	}
	keys := func(r *Rule) (string, string) { return "family " + finding.Family(r.Spec.ID), "kind " + r.Spec.Kind }
	for _, r := range rules {
		f, k := keys(r)
		parent[find(f)] = find(k)
	}
	index := map[string]int{}
	var groups [][]int
	for i, r := range rules {
		f, _ := keys(r)
		root := find(f)
		g, ok := index[root]
		if !ok {
			g = len(groups)
			index[root] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	return groups
}

// build builds r's check through its kind.
func (r *Rule) build() error {
	spec := r.Spec
	c, err := r.Kind.Build(spec)
	if err != nil {
		return err
	}
	if c == nil {
		return fmt.Errorf("kind %q built no check", spec.Kind)
	}
	fillCheck(c, spec)
	if c.ID != spec.ID {
		return fmt.Errorf("kind %q built a check with ID %q", spec.Kind, c.ID)
	}
	r.Check = c
	return nil
}

// sorted sorts errs by source (packs before user files), file and line.
func (s *Set) sorted(errs Errors) Errors {
	sort.SliceStable(errs, func(i, j int) bool {
		oi, oki := s.order[errs[i].File]
		oj, okj := s.order[errs[j].File]
		if oki != okj {
			return oki // pack files before user files
		}
		if oi != oj {
			return oi < oj
		}
		if errs[i].File != errs[j].File {
			return errs[i].File < errs[j].File
		}
		return errs[i].Line < errs[j].Line
	})
	return errs
}

// appendErr adds a kind's or options' error: located problems as they are,
// anything else at the spec's line, prefixed with the rule ID.
func appendErr(errs Errors, file string, line int, id string, err error) Errors {
	var list Errors
	if !errors.As(err, &list) {
		var one Problem
		if !errors.As(err, &one) {
			one = Problem{Msg: err.Error()}
		}
		list = Errors{one}
	}
	for _, e := range list {
		if e.File == "" {
			e.File, e.Line = file, line
			e.Msg = "rule " + id + ": " + e.Msg
		}
		errs = append(errs, e)
	}
	return errs
}

// fillCheck copies the spec's metadata into fields the kind left empty.
func fillCheck(c *check.Check, spec *check.Spec) {
	if c.ID == "" {
		c.ID = spec.ID
	}
	if c.Summary == "" {
		c.Summary = spec.Summary
	}
	if c.Doc == "" {
		c.Doc = spec.Doc
	}
	if c.Severity == finding.SeverityNone {
		c.Severity = spec.Severity
	}
	if c.Tags == nil {
		c.Tags = spec.Tags
	}
	if c.Examples == nil {
		c.Examples = spec.Examples
	}
}

// yamlError converts a yaml.v3 parse error into a Problem.
var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

func parseError(file string, err error) Problem {
	msg := err.Error()
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		if m[1] != "" {
			line, _ = strconv.Atoi(m[1])
		}
		msg = msg[len(m[0]):]
	}
	return Problem{File: file, Line: line, Msg: "invalid YAML: " + msg}
}

// ParseYAML parses data into a document node, reporting syntax errors as a
// Problem naming file and line. Empty input yields a nil node.
func ParseYAML(file string, data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, parseError(file, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

// parsedPack is what parsePack returned for one source.
type parsedPack struct {
	specs []*pending
	errs  Errors
}

// parsePacks parses every source, several at once: YAML parsing is half
// of galley's start-up, and packs do not depend on each other. Results
// are in source order.
func parsePacks(sources []Source) []parsedPack {
	out := make([]parsedPack, len(sources))
	// Largest first, so that no large pack is left to parse alone at the end.
	queue := make([]int, len(sources))
	for i := range queue {
		queue[i] = i
	}
	sort.SliceStable(queue, func(a, b int) bool { return len(sources[queue[a]].Data) > len(sources[queue[b]].Data) })
	parallel(len(queue), func(n int) {
		i := queue[n]
		out[i].specs, out[i].errs = parsePack(sources[i])
	})
	return out
}

// parallel calls do(i) for every i in [0, n), on up to GOMAXPROCS
// goroutines that take the next i in order, and returns when every call
// has.
func parallel(n int, do func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				do(i)
			}
		}()
	}
	wg.Wait()
}

// parsePack parses one pack into pending specs.
func parsePack(src Source) ([]*pending, Errors) {
	var root *yaml.Node
	if src.Builtin {
		root = builtinRoot(src.Name, src.Data)
	}
	if root == nil {
		var err error
		if root, err = ParseYAML(src.Name, src.Data); err != nil {
			return nil, Errors{err.(Problem)}
		}
	}
	if root == nil || (root.Kind == yaml.ScalarNode && root.Tag == "!!null") {
		return nil, nil // an empty pack
	}
	d := &decoder{file: src.Name}
	if root.Kind != yaml.MappingNode {
		d.errorf(root, "a rule pack must be a mapping with a top-level \"rules\" key, got %s", kindName(root))
		return nil, d.errs
	}
	var pack rawPack
	hasRules := false
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "rules" {
			hasRules = true
		}
	}
	if !hasRules {
		d.errorf(root, "missing top-level key \"rules\"")
	}
	d.decodeInto(root, &pack)
	var out []*pending
	for i := range pack.Rules {
		n := &pack.Rules[i]
		if n.Kind != yaml.MappingNode {
			d.errorf(n, "want a rule (a mapping), got %s", kindName(n))
			continue
		}
		var r rawRule
		before := len(d.errs)
		d.decodeInto(n, &r)
		present := map[string]bool{}
		for j := 0; j+1 < len(n.Content); j += 2 {
			present[n.Content[j].Value] = true
		}
		for _, key := range []string{"id", "kind", "summary"} {
			if !present[key] {
				d.errorf(n, "rule is missing required key %q", key)
			}
		}
		name := r.ID
		if name == "" {
			name = "(no id)"
		}
		if present["id"] && !IDPattern.MatchString(r.ID) {
			d.errorf(valueNode(n, "id"), "invalid rule ID %q (want family/name: lower-case letters, digits and dashes)", r.ID)
		}
		if present["summary"] && strings.TrimSpace(r.Summary) == "" {
			d.errorf(valueNode(n, "summary"), "rule %s: summary is empty", name)
		}
		sev := finding.SeverityWarning
		if present["severity"] {
			switch strings.TrimSpace(r.Severity) {
			case "error":
				sev = finding.SeverityError
			case "warning":
				sev = finding.SeverityWarning
			case "info":
				sev = finding.SeverityInfo
			default:
				d.errorf(valueNode(n, "severity"), "rule %s: invalid severity %q (want error, warning or info)", name, r.Severity)
			}
		}
		if len(d.errs) > before {
			continue
		}
		enabled := true
		if r.Enabled != nil {
			enabled = *r.Enabled
		}
		spec := &check.Spec{
			ID: r.ID, Kind: r.Kind, Severity: sev, Summary: strings.TrimSpace(r.Summary),
			Doc: r.Doc, Message: r.Message, Tags: r.Tags, Examples: r.Examples,
			Source: Problem{File: src.Name, Line: n.Line}.Position(),
		}
		out = append(out, &pending{
			rule: &Rule{Spec: spec, Enabled: enabled},
			file: src.Name, line: n.Line, opts: r.Options,
		})
	}
	return out, d.errs
}

// valueNode returns the value of key in mapping n, or n itself.
func valueNode(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return n
}

// Checks returns every built check, sorted by ID: after Load, every check
// (enabled by default or not); after Parse, the ones Set.Build built.
// Whether a check runs is the configuration policy's decision.
func (s *Set) Checks() []*check.Check {
	var out []*check.Check
	for _, r := range s.rules {
		if r.Check != nil {
			out = append(out, r.Check)
		}
	}
	return out
}

// Rules returns every check rule (data specs excluded), built or not,
// sorted by ID.
func (s *Set) Rules() []*Rule { return slices.Clone(s.rules) }

// IDs returns the IDs of every check rule, sorted.
func (s *Set) IDs() []string {
	ids := make([]string, len(s.rules))
	for i, r := range s.rules {
		ids[i] = r.Spec.ID
	}
	return ids
}

// Lookup returns the rule (check or data) with the given ID.
func (s *Set) Lookup(id string) (*Rule, bool) {
	r, ok := s.byID[id]
	return r, ok
}

// DefaultEnabled reports whether the rule is on when no configuration
// says otherwise, and its default severity. Unknown IDs and data specs are
// off.
func (s *Set) DefaultEnabled(id string) (bool, finding.Severity) {
	r, ok := s.byID[id]
	if !ok || r.Kind.Data {
		return false, finding.SeverityNone
	}
	return r.Enabled, r.Spec.Severity
}

// Data returns the specs of a data kind in load order.
func (s *Set) Data(kind string) []*check.Spec { return slices.Clone(s.data[kind]) }

// RuleInfos describes every check rule, enabled by default or not, sorted
// by ID, for `galley rules` and SARIF.
func (s *Set) RuleInfos() []finding.RuleInfo {
	out := make([]finding.RuleInfo, len(s.rules))
	for i, r := range s.rules {
		out[i] = RuleInfo(r)
	}
	return out
}

// RuleInfo describes one rule for reporters.
func RuleInfo(r *Rule) finding.RuleInfo {
	return finding.RuleInfo{
		ID:              r.Spec.ID,
		Family:          finding.Family(r.Spec.ID),
		Summary:         r.Spec.Summary,
		Doc:             r.Spec.Doc,
		DefaultSeverity: r.Spec.Severity,
		Tags:            r.Spec.Tags,
	}
}
