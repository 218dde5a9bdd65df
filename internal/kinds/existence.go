package kinds

import (
	"fmt"
	"regexp"
	"sort"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/rulepack"
)

type existenceOptions struct {
	Tokens     []string `yaml:"tokens"`
	Patterns   []string `yaml:"patterns"`
	Case       bool     `yaml:"case"`
	Scope      []string `yaml:"scope"`
	Exceptions []string `yaml:"exceptions"`
}

// ExistenceData is what an existence rule's message template sees.
type ExistenceData struct {
	// Match is the matched text as written.
	Match string
}

// Existence returns the "existence" kind: it reports every occurrence of
// listed tokens or patterns.
func Existence() check.Kind { return existenceKind(newPools()) }

// existenceKind is the existence kind, whose rules reuse storage from pools.
func existenceKind(pools *pools) check.Kind {
	return check.Kind{
		Name: "existence",
		Doc: `Reports each occurrence of listed words, phrases or patterns in prose.

Options:
  tokens:     literal words or phrases, matched on word boundaries; a space matches any white space
  patterns:   RE2 regular expressions, matched as written (no implied boundaries)
  case:       true to match case-sensitively (default false, for tokens and patterns)
  scope:      block kinds to look in: paragraph, heading, list-item, table-cell (default all)
  exceptions: matched texts to accept (compared like tokens)
Message fields: {{.Match}}.`,
		Build: func(spec *check.Spec) (*check.Check, error) { return buildExistence(spec, pools) },
	}
}

func buildExistence(spec *check.Spec, pools *pools) (*check.Check, error) {
	var o existenceOptions
	if err := decode(spec, &o); err != nil {
		return nil, err
	}
	var errs rulepack.Errors
	if len(o.Tokens) == 0 && len(o.Patterns) == 0 {
		errs = append(errs, rulepack.OptionErrorf(spec.Options, nil, "existence needs tokens or patterns"))
	}
	var res []*regexp.Regexp
	var tokens *phraseSet
	if len(o.Tokens) > 0 {
		for i, t := range o.Tokens {
			if normalize(t, true) == "" {
				errs = append(errs, rulepack.OptionErrorf(spec.Options, []string{"tokens", fmt.Sprint(i)}, "empty token"))
			}
		}
		tokens = newPhraseSet(o.Tokens, o.Case)
	}
	for i, p := range o.Patterns {
		expr := p
		if !o.Case {
			expr = "(?i)" + expr
		}
		if _, err := regexp.Compile(p); err != nil {
			errs = append(errs, rulepack.OptionErrorf(spec.Options, []string{"patterns", fmt.Sprint(i)}, "invalid pattern %q: %v", p, err))
			continue
		}
		res = append(res, regexp.MustCompile(expr))
	}
	sc, err := parseScope(spec.Options, o.Scope)
	if err != nil {
		errs = append(errs, err.(rulepack.Errors)...)
	}
	tmpl, err := messageTemplate(spec, ExistenceData{})
	if err != nil {
		errs = append(errs, rulepack.OptionErrorf(nil, nil, "%v", err))
	}
	if len(errs) > 0 {
		return nil, errs
	}
	except := map[string]bool{}
	for _, e := range o.Exceptions {
		except[normalize(e, o.Case)] = true
	}
	c := &check.Check{ID: spec.ID}
	c.Run = func(pass *check.Pass) error {
		var words *docWords
		if tokens != nil {
			words = sharedWords(pass, pools)
		}
		for bi, b := range sc.blocks(pass.Doc) {
			var ms [][2]int
			if tokens != nil {
				for _, m := range tokens.findAllIn(words, bi, b.Text) {
					ms = append(ms, [2]int{m.S, m.E})
				}
			}
			for _, re := range res {
				ms = append(ms, findAll(re, b.Text)...)
			}
			if len(ms) > 1 { // (sorting fewer is a no-op, but not free)
				sort.Slice(ms, func(i, j int) bool {
					if ms[i][0] != ms[j][0] {
						return ms[i][0] < ms[j][0]
					}
					return ms[i][1] > ms[j][1]
				})
			}
			end := -1
			for _, m := range ms {
				if m[0] < end {
					continue // overlaps a match already reported
				}
				text := b.Text[m[0]:m[1]]
				if hasPlaceholder(text) || except[normalize(text, o.Case)] {
					continue
				}
				end = m[1]
				pass.Report(check.Diagnostic{
					Span:    b.SourceSpan(m[0], m[1]),
					Message: tmpl.Execute(ExistenceData{Match: text}),
				})
			}
		}
		return nil
	}
	return c, nil
}
