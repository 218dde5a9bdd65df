// Package config reads galley's configuration file, .galley.yaml:
// discovery upward from a directory, a strict schema with "file:line:"
// errors, rule severities and options by ID or glob, extra rule packs,
// file selection and per-path overrides. Config.Policy combines it with the
// rule set's defaults and the command line's --enable/--disable into the
// engine's per-path, per-rule policy.
//
//	path, err := config.Discover(workDir)
//	cfg := config.Default()
//	if path != "" {
//		cfg, err = config.Load(path)
//	}
//	extra, err := cfg.PackSources()
//	set, err := rulepack.Parse(kinds, append(builtin, extra...), cfg)
//	policy, err := cfg.Policy(set, config.PolicyOptions{WorkDir: workDir, Enable: en, Disable: dis})
//	err = set.Build(policy.Active) // only the checks that can run
package config

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"

	"github.com/galley-lint/galley/internal/files"
	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/rulepack"
)

// FileNames are the names Discover looks for, in order of preference.
var FileNames = []string{".galley.yaml", ".galley.yml"}

// Config is a loaded configuration.
type Config struct {
	// Path is the file it was loaded from ("" for Default).
	Path string
	// Dir is the directory relative paths in the file are relative to.
	Dir string
	// Packs are the extra rule pack files and directories, joined to Dir.
	Packs []string
	// Rules are the `rules:` entries in file order.
	Rules []Setting
	// Files say which files to check.
	Files Files
	// Overrides are per-path rule settings; later entries win.
	Overrides []Override
	// Citations are settings merged into the options of every citation/*
	// rule; nil when absent.
	Citations *yaml.Node
	// Stances are house stances, merged as options {house: ...} into every
	// contradiction/* rule; nil when absent.
	Stances *yaml.Node
}

// Setting is one `rules:` entry: a rule ID or glob and what to do with the
// rules it names.
type Setting struct {
	// Pattern is a rule ID, a doublestar glob over IDs, or a family name.
	Pattern string
	// Enabled turns the rules on or off; nil leaves them as they are.
	Enabled *bool
	// Severity replaces the rules' severity; SeverityNone leaves it.
	Severity finding.Severity
	// Options are merged over the rules' spec options (nil when absent).
	Options *yaml.Node
	// Line is the entry's line in the configuration file.
	Line int
}

// Files say which files to check.
type Files struct {
	// Extensions are the file name endings checked in directories.
	Extensions []string
	// Ignore are doublestar globs over slash paths relative to the
	// configuration file's directory.
	Ignore []string
	// MaxSize is the largest file checked, in bytes.
	MaxSize int64
}

// Override applies rule settings to the files matching its globs.
type Override struct {
	// Files are doublestar globs over slash paths relative to the
	// configuration file's directory.
	Files []string
	// Rules are severities and on/off settings (no options).
	Rules []Setting
	// Line is the entry's line in the configuration file.
	Line int
}

// Default returns the configuration used when there is no file.
func Default() *Config {
	return &Config{
		Dir: ".",
		Files: Files{
			Extensions: files.DefaultExtensions(),
			MaxSize:    files.DefaultMaxSize,
		},
	}
}

// Discover looks for .galley.yaml (or .galley.yml) in dir and each of its
// parents up to the filesystem root. It returns the path found, or "" and
// no error when there is none.
func Discover(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("finding configuration: %w", err)
	}
	for {
		for _, name := range FileNames {
			p := filepath.Join(abs, name)
			info, err := os.Stat(p)
			if err == nil && !info.IsDir() {
				return p, nil
			}
			if err != nil && !errors.Is(err, os.ErrNotExist) {
				return "", fmt.Errorf("finding configuration: %w", err)
			}
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", nil
		}
		abs = parent
	}
}

// Load reads and strictly parses the configuration file at path. Every
// problem is reported, as rulepack.Errors, "path:line: message".
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading configuration: %w", err)
	}
	return Parse(path, data)
}

type rawConfig struct {
	Packs     []string      `yaml:"packs"`
	Rules     *yaml.Node    `yaml:"rules"`
	Files     rawFiles      `yaml:"files"`
	Overrides []rawOverride `yaml:"overrides"`
	Citations *yaml.Node    `yaml:"citations"`
	Stances   *yaml.Node    `yaml:"stances"`
}

type rawFiles struct {
	Extensions []string   `yaml:"extensions"`
	Ignore     []string   `yaml:"ignore"`
	MaxSize    *yaml.Node `yaml:"max-size"`
}

type rawOverride struct {
	Files []string   `yaml:"files"`
	Rules *yaml.Node `yaml:"rules"`
}

type rawSetting struct {
	Severity *string   `yaml:"severity"`
	Enabled  *bool     `yaml:"enabled"`
	Options  yaml.Node `yaml:"options"`
}

// Parse parses configuration data; path names the file in errors and
// anchors relative paths.
func Parse(path string, data []byte) (*Config, error) {
	c := Default()
	c.Path = filepath.ToSlash(path)
	c.Dir = filepath.Dir(path)
	p := &parser{file: c.Path}
	root, err := rulepack.ParseYAML(c.Path, data)
	if err != nil {
		return nil, rulepack.Errors{err.(rulepack.Problem)}
	}
	if root == nil || (root.Kind == yaml.ScalarNode && root.Tag == "!!null") {
		return c, nil
	}
	if root.Kind != yaml.MappingNode {
		p.errorf(root, "configuration must be a mapping")
		return nil, p.errs
	}
	var raw rawConfig
	p.decode(root, &raw)

	for _, pk := range raw.Packs {
		if strings.TrimSpace(pk) == "" {
			p.errorf(keyValue(root, "packs"), "empty pack path")
			continue
		}
		if !filepath.IsAbs(pk) {
			pk = filepath.Join(c.Dir, filepath.FromSlash(pk))
		}
		c.Packs = append(c.Packs, pk)
	}
	c.Rules = p.settings(raw.Rules, true)

	filesNode := keyValue(root, "files")
	if raw.Files.Extensions != nil {
		c.Files.Extensions = nil
		extNode := keyValue(filesNode, "extensions")
		for i, e := range raw.Files.Extensions {
			if !strings.HasPrefix(e, ".") || len(e) < 2 || strings.ContainsAny(e, `/\*`) {
				p.errorf(item(extNode, i), "invalid extension %q (want a leading dot, as in .md)", e)
				continue
			}
			c.Files.Extensions = append(c.Files.Extensions, e)
		}
	}
	ignNode := keyValue(filesNode, "ignore")
	for i, g := range raw.Files.Ignore {
		if !doublestar.ValidatePattern(g) || g == "" {
			p.errorf(item(ignNode, i), "invalid glob %q", g)
			continue
		}
		c.Files.Ignore = append(c.Files.Ignore, g)
	}
	if n := raw.Files.MaxSize; n != nil {
		size, err := ParseSize(n.Value)
		if err != nil || n.Kind != yaml.ScalarNode {
			p.errorf(n, "invalid max-size %q (want bytes, or a number with KB, MB or GB)", n.Value)
		} else {
			c.Files.MaxSize = size
		}
	}

	ovNode := keyValue(root, "overrides")
	for i, o := range raw.Overrides {
		on := item(ovNode, i)
		ov := Override{Line: on.Line}
		if len(o.Files) == 0 {
			p.errorf(on, "override needs files")
		}
		fn := keyValue(on, "files")
		for j, g := range o.Files {
			if !doublestar.ValidatePattern(g) || g == "" {
				p.errorf(item(fn, j), "invalid glob %q", g)
				continue
			}
			ov.Files = append(ov.Files, g)
		}
		if o.Rules == nil {
			p.errorf(on, "override needs rules")
		}
		ov.Rules = p.settings(o.Rules, false)
		c.Overrides = append(c.Overrides, ov)
	}

	for _, fam := range []struct {
		name string
		node *yaml.Node
		dst  **yaml.Node
	}{{"citations", raw.Citations, &c.Citations}, {"stances", raw.Stances, &c.Stances}} {
		if fam.node == nil {
			continue
		}
		if fam.node.Kind != yaml.MappingNode {
			p.errorf(fam.node, "%s must be a mapping, got %s", fam.name, describe(fam.node))
			continue
		}
		*fam.dst = fam.node
	}
	if len(p.errs) > 0 {
		sort.SliceStable(p.errs, func(i, j int) bool { return p.errs[i].Line < p.errs[j].Line })
		return nil, p.errs
	}
	return c, nil
}

// parser collects problems while reading one configuration file.
type parser struct {
	file string
	errs rulepack.Errors
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	p.errs = append(p.errs, rulepack.Problem{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) decode(n *yaml.Node, v any) {
	err := rulepack.DecodeNode(p.file, n, v)
	var errs rulepack.Errors
	if errors.As(err, &errs) {
		p.errs = append(p.errs, errs...)
	} else if err != nil {
		p.errorf(n, "%v", err)
	}
}

// settings reads a `rules:` mapping of ID or glob to a severity, "off",
// "on" or {severity, enabled, options}.
func (p *parser) settings(n *yaml.Node, allowOptions bool) []Setting {
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "rules must be a mapping of rule IDs or globs to settings, got %s", describe(n))
		return nil
	}
	var out []Setting
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Value == "" {
			p.errorf(k, "rule keys must be rule IDs or globs")
			continue
		}
		if prev, dup := seen[k.Value]; dup {
			p.errorf(k, "duplicate key %q (first at line %d)", k.Value, prev)
			continue
		}
		seen[k.Value] = k.Line
		if !doublestar.ValidatePattern(k.Value) {
			p.errorf(k, "invalid rule glob %q", k.Value)
			continue
		}
		s := Setting{Pattern: k.Value, Line: k.Line}
		switch v.Kind {
		case yaml.ScalarNode:
			if !p.level(v, v.Value, &s) {
				continue
			}
		case yaml.MappingNode:
			var raw rawSetting
			before := len(p.errs)
			p.decode(v, &raw)
			if len(p.errs) > before {
				continue
			}
			if raw.Severity != nil && !p.level(keyValue(v, "severity"), *raw.Severity, &s) {
				continue
			}
			if raw.Enabled != nil {
				s.Enabled = raw.Enabled
			}
			if raw.Options.Kind != 0 && raw.Options.Tag != "!!null" {
				if !allowOptions {
					p.errorf(&raw.Options, "options cannot be set per path (overrides set severities only)")
					continue
				}
				if raw.Options.Kind != yaml.MappingNode {
					p.errorf(&raw.Options, "options must be a mapping, got %s", describe(&raw.Options))
					continue
				}
				opts := raw.Options
				s.Options = &opts
			}
		default:
			p.errorf(v, "want a severity (error, warning, info), on, off or a mapping, got %s", describe(v))
			continue
		}
		out = append(out, s)
	}
	return out
}

// level applies a scalar setting: a severity, "off"/"none" or "on".
func (p *parser) level(n *yaml.Node, value string, s *Setting) bool {
	on, off := true, false
	switch strings.ToLower(strings.TrimSpace(value)) {
	case "on":
		s.Enabled = &on
		return true
	case "off", "none":
		s.Enabled = &off
		return true
	}
	sev, err := finding.ParseSeverity(value)
	if err != nil || sev == finding.SeverityNone {
		p.errorf(n, "invalid severity %q (want error, warning, info, on or off)", value)
		return false
	}
	s.Enabled, s.Severity = &on, sev
	return true
}

// keyValue returns the value of key in mapping n, or n itself when absent.
func keyValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return n
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return n
}

// item returns the i-th element of sequence n, or n itself.
func item(n *yaml.Node, i int) *yaml.Node {
	if n != nil && n.Kind == yaml.SequenceNode && i < len(n.Content) {
		return n.Content[i]
	}
	return n
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return strconv.Quote(n.Value)
}

var sizePattern = regexp.MustCompile(`(?i)^\s*(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?\s*$`)

// ParseSize parses a size: a number of bytes, or a number with a unit
// (KB, MB, GB; 1 KB = 1024 bytes; KiB, MiB and GiB are accepted too). It
// must be positive.
func ParseSize(s string) (int64, error) {
	m := sizePattern.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("invalid size %q", s)
	}
	f, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, fmt.Errorf("invalid size %q: %w", s, err)
	}
	mult := 1.0
	switch strings.ToLower(m[2]) {
	case "kb", "kib":
		mult = 1 << 10
	case "mb", "mib":
		mult = 1 << 20
	case "gb", "gib":
		mult = 1 << 30
	}
	v := f * mult
	if v < 1 || v > math.MaxInt64/2 {
		return 0, fmt.Errorf("size %q out of range", s)
	}
	return int64(v), nil
}

// PackSources reads the extra rule packs the configuration names.
func (c *Config) PackSources() ([]rulepack.Source, error) {
	if len(c.Packs) == 0 {
		return nil, nil
	}
	srcs, err := rulepack.SourcesFromPaths(c.Packs)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.Path, err)
	}
	return srcs, nil
}

// FileOptions returns how to collect files when running from workDir:
// ignore globs (relative to the configuration's directory) are rebased to
// workDir.
func (c *Config) FileOptions(workDir string) files.Options {
	return files.Options{
		Extensions: c.Files.Extensions,
		Ignore:     rebaseGlobs(c.Files.Ignore, c.Dir, workDir),
		MaxSize:    c.Files.MaxSize,
		Dir:        workDir,
	}
}

// rebaseGlobs rewrites globs relative to base as globs relative to dir.
// Globs starting with "**" match anywhere and are kept. When dir is below
// base, leading segments matching the path from base to dir are removed
// (globs that cannot match below dir are dropped); when dir is above base,
// the path from dir to base is prepended.
func rebaseGlobs(globs []string, base, dir string) []string {
	if len(globs) == 0 {
		return nil
	}
	ab, err1 := filepath.Abs(base)
	ad, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil || ab == ad {
		return globs
	}
	var out []string
	if rel, err := filepath.Rel(ab, ad); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		down := strings.Split(filepath.ToSlash(rel), "/")
		for _, g := range globs {
			if r, ok := stripPrefix(g, down); ok {
				out = append(out, r)
			}
		}
		return out
	}
	if rel, err := filepath.Rel(ad, ab); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		prefix := escapeMeta(filepath.ToSlash(rel))
		for _, g := range globs {
			if strings.HasPrefix(g, "**") {
				out = append(out, g)
				continue
			}
			out = append(out, prefix+"/"+g)
		}
		return out
	}
	return globs
}

// stripPrefix removes the leading segments of glob g that match dirs.
func stripPrefix(g string, dirs []string) (string, bool) {
	segs := strings.Split(g, "/")
	for i, d := range dirs {
		if i >= len(segs) {
			return "", false
		}
		if segs[i] == "**" {
			return strings.Join(segs[i:], "/"), true
		}
		if ok, _ := doublestar.Match(segs[i], d); !ok {
			return "", false
		}
	}
	if len(segs) == len(dirs) {
		// The glob names dir itself: everything below it.
		return "**", true
	}
	return strings.Join(segs[len(dirs):], "/"), true
}

// escapeMeta escapes glob metacharacters in a literal path.
func escapeMeta(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[]{}\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
