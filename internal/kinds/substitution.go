package kinds

import (
	"regexp"
	"sort"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/rulepack"
)

type substitutionOptions struct {
	Swap       map[string]string `yaml:"swap"`
	Regex      bool              `yaml:"regex"`
	Case       bool              `yaml:"case"`
	Scope      []string          `yaml:"scope"`
	FixMessage string            `yaml:"fix_message"`
}

// SubstitutionData is what a substitution rule's message template sees.
type SubstitutionData struct {
	// Match is the text as written.
	Match string
	// Preferred is the replacement, in the case of Match.
	Preferred string
}

// Substitution returns the "substitution" kind: it reports words that have
// a preferred form and offers the replacement as a fix.
func Substitution() check.Kind { return substitutionKind(newPools()) }

// substitutionKind is the substitution kind, whose rules reuse storage from pools.
func substitutionKind(pools *pools) check.Kind {
	return check.Kind{
		Name: "substitution",
		Doc: `Reports words or phrases that have a preferred form, with a fix.

Options:
  swap:  mapping of wrong form to preferred form
  regex: true when the keys of swap are RE2 regular expressions (matched as
         written; the preferred form may use $1 for groups)
  case:  true to match case-sensitively and replace verbatim (default false:
         match any case and give the replacement the case of the match)
  scope: block kinds to look in: paragraph, heading, list-item, table-cell (default all)
  fix_message: template describing the fix (default: the message)
Message fields: {{.Match}}, {{.Preferred}}.`,
		Build: func(spec *check.Spec) (*check.Check, error) { return buildSubstitution(spec, pools) },
	}
}

type swapRule struct {
	key       string
	re        *regexp.Regexp
	preferred string
}

func buildSubstitution(spec *check.Spec, pools *pools) (*check.Check, error) {
	var o substitutionOptions
	if err := decode(spec, &o); err != nil {
		return nil, err
	}
	var errs rulepack.Errors
	if len(o.Swap) == 0 {
		errs = append(errs, rulepack.OptionErrorf(spec.Options, nil, "substitution needs a non-empty swap mapping"))
	}
	keys := make([]string, 0, len(o.Swap))
	for k := range o.Swap {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var swaps []swapRule
	var literal *phraseSet
	lookup := map[string]string{}
	for _, k := range keys {
		if normalize(k, true) == "" {
			errs = append(errs, rulepack.OptionErrorf(spec.Options, []string{"swap", k}, "empty swap key"))
			continue
		}
		if !o.Regex {
			nk := normalize(k, o.Case)
			if prev, dup := lookup[nk]; dup && prev != o.Swap[k] {
				errs = append(errs, rulepack.OptionErrorf(spec.Options, []string{"swap", k}, "swap key %q differs only in case from another key", k))
			}
			lookup[nk] = o.Swap[k]
			continue
		}
		expr := k
		if !o.Case {
			expr = "(?i)" + expr
		}
		if _, err := regexp.Compile(k); err != nil {
			errs = append(errs, rulepack.OptionErrorf(spec.Options, []string{"swap", k}, "invalid pattern %q: %v", k, err))
			continue
		}
		swaps = append(swaps, swapRule{key: k, re: regexp.MustCompile(expr), preferred: o.Swap[k]})
	}
	if !o.Regex && len(keys) > 0 {
		literal = newPhraseSet(keys, o.Case)
	}
	sc, err := parseScope(spec.Options, o.Scope)
	if err != nil {
		errs = append(errs, err.(rulepack.Errors)...)
	}
	tmpl, err := messageTemplate(spec, SubstitutionData{})
	if err != nil {
		errs = append(errs, rulepack.OptionErrorf(nil, nil, "%v", err))
	}
	fixMsg, err := fixTemplate(spec, o.FixMessage, SubstitutionData{})
	if err != nil {
		errs = append(errs, err.(rulepack.Problem))
	}
	if len(errs) > 0 {
		return nil, errs
	}
	type hit struct {
		s, e int
		repl string
	}
	c := &check.Check{ID: spec.ID}
	c.Run = func(pass *check.Pass) error {
		var words *docWords
		if literal != nil {
			words = sharedWords(pass, pools)
		}
		for bi, b := range sc.blocks(pass.Doc) {
			var hits []hit
			if literal != nil {
				for _, m := range literal.findAllIn(words, bi, b.Text) {
					hits = append(hits, hit{m.S, m.E, o.Swap[keys[m.Index]]})
				}
			}
			for _, sw := range swaps {
				for _, m := range sw.re.FindAllStringSubmatchIndex(b.Text, -1) {
					if m[1] == m[0] {
						continue
					}
					repl := string(sw.re.ExpandString(nil, sw.preferred, b.Text, m))
					hits = append(hits, hit{m[0], m[1], repl})
				}
			}
			if len(hits) > 1 { // (sorting fewer is a no-op, but not free)
				sort.SliceStable(hits, func(i, j int) bool {
					if hits[i].s != hits[j].s {
						return hits[i].s < hits[j].s
					}
					return hits[i].e > hits[j].e
				})
			}
			end := -1
			for _, h := range hits {
				if h.s < end {
					continue
				}
				text := b.Text[h.s:h.e]
				if hasPlaceholder(text) {
					continue
				}
				repl := h.repl
				if !o.Case {
					repl = matchCase(text, repl)
				}
				if normalize(repl, true) == normalize(text, true) {
					continue
				}
				end = h.e
				span := b.SourceSpan(h.s, h.e)
				data := SubstitutionData{Match: text, Preferred: repl}
				msg := tmpl.Execute(data)
				pass.Report(check.Diagnostic{
					Span:    span,
					Message: msg,
					Fixes:   fixFor(pass.Doc, span, text, repl, fixMessage(fixMsg, msg, data)),
				})
			}
		}
		return nil
	}
	return c, nil
}
