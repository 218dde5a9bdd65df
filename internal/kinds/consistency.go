package kinds

import (
	"fmt"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/rulepack"
)

type consistencyOptions struct {
	Pairs      [][]string `yaml:"pairs"`
	Case       bool       `yaml:"case"`
	Scope      []string   `yaml:"scope"`
	Related    string     `yaml:"related"`
	FixMessage string     `yaml:"fix_message"`
}

// ConsistencyData is what a consistency rule's message templates see.
type ConsistencyData struct {
	// Match is the minority variant as written.
	Match string
	// Preferred is the majority variant as listed in the rule, in the
	// case of Match.
	Preferred string
	// Count is how many times the majority variant occurs.
	Count int
	// MatchCount is how many times Match's variant occurs.
	MatchCount int
}

// Consistency returns the "consistency" kind: within one article, when
// more than one variant of a group appears, it reports every occurrence of
// the minority variants.
func Consistency() check.Kind { return consistencyKind(newPools()) }

// consistencyKind is the consistency kind, whose rules reuse storage from pools.
func consistencyKind(pools *pools) check.Kind {
	return check.Kind{
		Name: "consistency",
		Doc: `Reports mixed spellings within one article: when more than one variant of
a group appears, every occurrence of the less frequent variants is reported,
pointing at the first occurrence of the most frequent one (ties go to the
variant used first). A fix replaces the occurrence with the majority variant.

Options:
  pairs:   list of groups, each a list of two or more variants, e.g. [[email, e-mail]]
  case:    true to tell variants apart by case (default false)
  scope:   block kinds to look in: paragraph, heading, list-item, table-cell (default all)
  related: message template for the related location (default empty)
  fix_message: template describing the fix (default: the message)
Message fields: {{.Match}}, {{.Preferred}}, {{.Count}}, {{.MatchCount}}.`,
		Build: func(spec *check.Spec) (*check.Check, error) { return buildConsistency(spec, pools) },
	}
}

type variantGroup struct {
	variants []string // as listed
}

func buildConsistency(spec *check.Spec, pools *pools) (*check.Check, error) {
	var o consistencyOptions
	if err := decode(spec, &o); err != nil {
		return nil, err
	}
	var errs rulepack.Errors
	if len(o.Pairs) == 0 {
		errs = append(errs, rulepack.OptionErrorf(spec.Options, nil, "consistency needs pairs"))
	}
	var groups []variantGroup
	var all []string   // every variant of every group, for one phrase set
	var owner [][2]int // per entry of all: group, variant
	for i, vs := range o.Pairs {
		var g variantGroup
		seen := map[string]bool{} // normalized variants
		ok := true
		for j, v := range vs {
			n := normalize(v, o.Case)
			if n == "" {
				errs = append(errs, rulepack.OptionErrorf(spec.Options, []string{"pairs", fmt.Sprint(i), fmt.Sprint(j)}, "empty variant"))
				ok = false
				continue
			}
			if seen[n] {
				errs = append(errs, rulepack.OptionErrorf(spec.Options, []string{"pairs", fmt.Sprint(i), fmt.Sprint(j)}, "duplicate variant %q", v))
				ok = false
				continue
			}
			seen[n] = true
			g.variants = append(g.variants, v)
		}
		if len(vs) < 2 {
			errs = append(errs, rulepack.OptionErrorf(spec.Options, []string{"pairs", fmt.Sprint(i)}, "a group needs at least two variants"))
			ok = false
		}
		if ok {
			for v, text := range g.variants {
				all = append(all, text)
				owner = append(owner, [2]int{len(groups), v})
			}
			groups = append(groups, g)
		}
	}
	sc, err := parseScope(spec.Options, o.Scope)
	if err != nil {
		errs = append(errs, err.(rulepack.Errors)...)
	}
	tmpl, err := messageTemplate(spec, ConsistencyData{})
	if err != nil {
		errs = append(errs, rulepack.OptionErrorf(nil, nil, "%v", err))
	}
	related, err := NewTemplate(o.Related, ConsistencyData{})
	if err != nil {
		errs = append(errs, rulepack.OptionErrorf(spec.Options, []string{"related"}, "%v", err))
	}
	fixMsg, err := fixTemplate(spec, o.FixMessage, ConsistencyData{})
	if err != nil {
		errs = append(errs, err.(rulepack.Problem))
	}
	if len(errs) > 0 {
		return nil, errs
	}
	type occurrence struct {
		block   *document.Block
		s, e    int
		variant int
	}
	set := newPhraseSet(all, o.Case)
	c := &check.Check{ID: spec.ID}
	c.Run = func(pass *check.Pass) error {
		// One scan finds every variant of every group (occsBy is made
		// at the first match: most documents have none).
		var occsBy [][]occurrence
		words := sharedWords(pass, pools)
		for bi, b := range sc.blocks(pass.Doc) {
			for _, m := range set.findAllIn(words, bi, b.Text) {
				if hasPlaceholder(b.Text[m.S:m.E]) {
					continue
				}
				gv := owner[m.Index]
				if occsBy == nil {
					occsBy = make([][]occurrence, len(groups))
				}
				occsBy[gv[0]] = append(occsBy[gv[0]], occurrence{b, m.S, m.E, gv[1]})
			}
		}
		for gi := range occsBy {
			occs := occsBy[gi]
			if len(occs) < 2 {
				continue // one occurrence is one variant: nothing is mixed
			}
			g := groups[gi]
			counts := make([]int, len(g.variants))
			first := make([]int, len(g.variants)) // index into occs of the first occurrence
			for i, oc := range occs {
				if counts[oc.variant] == 0 {
					first[oc.variant] = i
				}
				counts[oc.variant]++
			}
			used, major := 0, -1
			for v, n := range counts {
				if n == 0 {
					continue
				}
				used++
				if major < 0 || n > counts[major] || (n == counts[major] && first[v] < first[major]) {
					major = v
				}
			}
			if used < 2 {
				continue
			}
			fm := occs[first[major]]
			relSpan := fm.block.SourceSpan(fm.s, fm.e)
			for _, oc := range occs {
				if oc.variant == major {
					continue
				}
				text := oc.block.Text[oc.s:oc.e]
				pref := g.variants[major]
				if !o.Case {
					pref = matchCase(text, pref)
				}
				data := ConsistencyData{Match: text, Preferred: pref, Count: counts[major], MatchCount: counts[oc.variant]}
				span := oc.block.SourceSpan(oc.s, oc.e)
				msg := tmpl.Execute(data)
				pass.Report(check.Diagnostic{
					Span:    span,
					Message: msg,
					Related: []check.RelatedSpan{{Span: relSpan, Message: related.Execute(data)}},
					Fixes:   fixFor(pass.Doc, span, text, pref, fixMessage(fixMsg, msg, data)),
				})
			}
		}
		return nil
	}
	return c, nil
}
