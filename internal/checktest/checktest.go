// Package checktest runs checks over test files and compares their findings
// with expectations written beside the text, in the manner of
// golang.org/x/tools/go/analysis/analysistest.
//
// In Markdown files an expectation is an HTML comment on the line where the
// finding starts:
//
//	Some bad text. <!-- want "style/bad" "bad word .bad." -->
//
// A comment may hold several rule/regexp pairs, and a line several
// comments. Other files (plain text and the rest) take their expectations
// from a sidecar file NAME.want (beside NAME) with lines
//
//	LINE rule-id "regexp"
//
// where blank lines and lines starting with # are ignored. Any file may
// have a sidecar. Every expected finding must occur, and every finding must
// be expected; each expectation matches one finding.
package checktest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/engine"
	"github.com/galley-lint/galley/internal/files"
	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/parse"
	"github.com/galley-lint/galley/rules"
)

// T is the part of *testing.T that Run uses.
type T interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// Run parses every Markdown and plain-text file under dir with a parser
// built from the built-in lexicon, runs the checks through engine.Run (so
// the corpus phase runs too) and compares the findings with the
// expectations. Failures are reported on t as "file:line: ..." with the
// rule and message. Run returns the findings (paths relative to dir).
func Run(t *testing.T, dir string, checks ...*check.Check) []finding.Finding {
	t.Helper()
	return run(t, dir, checks...)
}

// run is Run for any T (so checktest's own tests can record failures).
func run(t T, dir string, checks ...*check.Check) []finding.Finding {
	t.Helper()
	lex, err := parse.LoadLexicon(rules.FS)
	if err != nil {
		t.Fatalf("checktest: loading the lexicon: %v", err)
		return nil
	}
	inputs, notes := files.Collect([]string{"."}, files.Options{Dir: dir, MaxSize: -1})
	for _, n := range notes {
		t.Errorf("checktest: %s", n.Message)
	}
	if len(inputs) == 0 {
		t.Fatalf("checktest: no Markdown or text files in %s", dir)
		return nil
	}
	res, err := engine.Run(context.Background(), engine.Options{Checks: checks, Parser: parse.New(lex)}, engine.FileSources(inputs))
	if err != nil {
		t.Fatalf("checktest: %v", err)
		return nil
	}
	for _, n := range res.Notifications {
		t.Errorf("checktest: unexpected notification: %s", n.Message)
	}

	show := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	var wants []*want
	for _, in := range inputs {
		ws, errs := expectations(in, show(in.Path))
		for _, e := range errs {
			t.Errorf("%s", e)
		}
		wants = append(wants, ws...)
	}
	for _, f := range res.Findings {
		if w := match(wants, &f); w != nil {
			w.matched = true
			continue
		}
		t.Errorf("%s:%d:%d: unexpected finding %s: %s", show(f.Location.Path), f.Location.Start.Line, f.Location.Start.Column, f.RuleID, f.Message)
	}
	for _, w := range wants {
		if !w.matched {
			t.Errorf("%s:%d: no finding %s matching %q", show(w.path), w.line, w.rule, w.re)
		}
	}
	return res.Findings
}

// want is one expected finding.
type want struct {
	path    string
	line    int
	rule    string
	re      *regexp.Regexp
	matched bool
}

// match returns the first unmatched expectation the finding meets.
func match(wants []*want, f *finding.Finding) *want {
	for _, w := range wants {
		if !w.matched && w.path == f.Location.Path && w.line == f.Location.Start.Line && w.rule == f.RuleID && w.re.MatchString(f.Message) {
			return w
		}
	}
	return nil
}

// wantComment finds `<!-- want ... -->` comments.
var wantComment = regexp.MustCompile(`<!--\s*want\s(.*?)-->`)

// expectations reads an input's expectations: want comments in Markdown,
// and the NAME.want sidecar when there is one. Errors name the file as
// shown.
func expectations(in files.Input, shown string) ([]*want, []error) {
	var out []*want
	var errs []error
	ext := strings.ToLower(filepath.Ext(in.Path))
	if ext == ".md" || ext == ".markdown" {
		src, err := os.ReadFile(in.Abs)
		if err != nil {
			return nil, []error{fmt.Errorf("%s: %w", shown, err)}
		}
		for i, line := range strings.Split(string(src), "\n") {
			for _, m := range wantComment.FindAllStringSubmatch(line, -1) {
				ws, err := pairs(in.Path, i+1, m[1])
				if err != nil {
					errs = append(errs, fmt.Errorf("%s:%d: %w", shown, i+1, err))
				}
				out = append(out, ws...)
			}
		}
	}
	side, err := os.ReadFile(in.Abs + ".want")
	if errors.Is(err, os.ErrNotExist) {
		return out, errs
	}
	if err != nil {
		return out, append(errs, fmt.Errorf("%s.want: %w", shown, err))
	}
	for i, line := range strings.Split(string(side), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		num, rest, _ := strings.Cut(line, " ")
		n, err := strconv.Atoi(num)
		if err != nil || n < 1 {
			errs = append(errs, fmt.Errorf("%s.want:%d: want `LINE rule-id \"regexp\"`, got %q", shown, i+1, line))
			continue
		}
		ws, err := pairs(in.Path, n, rest)
		if err != nil {
			err = fmt.Errorf("%s.want:%d: %w", shown, i+1, err)
			errs = append(errs, err)
		}
		out = append(out, ws...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].line < out[j].line })
	return out, errs
}

// pairs parses `rule "regexp" rule "regexp"...`, where a rule may be bare
// or quoted and a regexp is a Go string literal.
func pairs(path string, line int, s string) ([]*want, error) {
	var out []*want
	bad := func(format string, args ...any) ([]*want, error) {
		return out, fmt.Errorf("bad expectation: %s", fmt.Sprintf(format, args...))
	}
	for {
		s = strings.TrimSpace(s)
		if s == "" {
			break
		}
		rule, rest, err := word(s)
		if err != nil {
			return bad("%v", err)
		}
		rest = strings.TrimSpace(rest)
		if rest == "" || (rest[0] != '"' && rest[0] != '`') {
			return bad("rule %q has no quoted regexp after it", rule)
		}
		lit, err := strconv.QuotedPrefix(rest)
		if err != nil {
			return bad("%v in %s", err, rest)
		}
		pat, _ := strconv.Unquote(lit)
		re, err := regexp.Compile(pat)
		if err != nil {
			return bad("%v", err)
		}
		out = append(out, &want{path: path, line: line, rule: rule, re: re})
		s = rest[len(lit):]
	}
	if len(out) == 0 {
		return bad("no rule and regexp")
	}
	return out, nil
}

// word takes a bare or quoted word off the front of s.
func word(s string) (string, string, error) {
	if s[0] == '"' || s[0] == '`' {
		lit, err := strconv.QuotedPrefix(s)
		if err != nil {
			return "", "", err
		}
		w, _ := strconv.Unquote(lit)
		return w, s[len(lit):], nil
	}
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i], s[i:], nil
	}
	return s, "", nil
}
