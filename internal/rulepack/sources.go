package rulepack

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/galley-lint/galley/rules"
)

// isPackName reports whether a file name looks like a rule pack.
func isPackName(name string) bool {
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
}

// LexiconFile is the built-in data file that is not a rule pack.
const LexiconFile = "lexicon.yaml"

// SourcesFromFS returns every *.yaml (and *.yml) file of fsys, in lexical
// path order, named prefix/path. The top-level lexicon.yaml (parser data,
// not rules) is skipped.
func SourcesFromFS(fsys fs.FS, prefix string) ([]Source, error) {
	var out []Source
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !isPackName(p) || p == LexiconFile {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		out = append(out, Source{Name: path.Join(prefix, p), Data: data})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading rule packs under %s: %w", prefix, err)
	}
	return out, nil
}

// BuiltinSources returns the packs embedded in rules.FS, named
// "rules/<file>" and marked Builtin.
func BuiltinSources() ([]Source, error) {
	srcs, err := SourcesFromFS(rules.FS, "rules")
	for i := range srcs {
		srcs[i].Builtin = true
	}
	return srcs, err
}

// SourcesFromPaths reads rule packs from files and directories. A
// directory contributes every *.yaml and *.yml file below it, in lexical
// order. Names are the paths as given, slash-separated.
func SourcesFromPaths(paths []string) ([]Source, error) {
	var out []Source
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("rule pack: %w", err)
		}
		if !info.IsDir() {
			data, err := os.ReadFile(p)
			if err != nil {
				return nil, fmt.Errorf("rule pack: %w", err)
			}
			out = append(out, Source{Name: filepath.ToSlash(p), Data: data})
			continue
		}
		var files []string
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && isPackName(d.Name()) {
				files = append(files, q)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("rule pack directory %s: %w", p, err)
		}
		sort.Strings(files)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("rule pack: %w", err)
			}
			out = append(out, Source{Name: filepath.ToSlash(f), Data: data})
		}
	}
	return out, nil
}
