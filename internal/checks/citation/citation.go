// Package citation holds the Go mechanisms of galley's citation rules:
// in-text citations checked against the article's reference list
// (missing-reference, year-mismatch, uncited-reference, numeric-range), the
// form of citations and entries checked against the article's style
// (malformed, et-al, reference-order, reference-format, mixed-style,
// duplicate-reference). The rules themselves (IDs, messages, what each
// style requires, word lists) are specs in rules/citation.yaml; parsing is
// in internal/citation.
//
// One parse of an article serves every citation rule, through the pass's
// check.Memo.
package citation

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"text/template"

	"github.com/galley-lint/galley/internal/check"
	cit "github.com/galley-lint/galley/internal/citation"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/rulepack"
)

// LexiconKind is the name of the data kind whose spec holds the citation
// lexicon.
const LexiconKind = "citation-lexicon"

// Kinds returns the citation mechanisms, sorted by name. The checks built
// from one call's kinds share their per-document analyses.
func Kinds() []check.Kind {
	sh := &shared{parsers: map[*check.Spec]*cit.Parser{}}
	return []check.Kind{
		{Name: LexiconKind, Data: true, Doc: "Language data and style requirements shared by the citation rules (options: headings, particles, not-names, prefixes, cited-in, locators, styles)."},
		sh.kind("citation-duplicate-reference", "Reports a reference entry listed twice.", nil, buildDuplicate),
		sh.kind("citation-et-al", "Checks \"et al.\" against the style's author-count rule.", []string{"use-et-al", "name-all", "add-et-al", "name-both"}, buildEtAl),
		sh.kind("citation-malformed", "Checks the punctuation and form of in-text citations against the style.", []string{"missing-comma", "extra-comma", "parenthetical-connector", "narrative-connector", "et-al-period", "unclosed", "comma-separated"}, buildMalformed),
		sh.kind("citation-missing-reference", "Reports in-text citations with no reference entry.", nil, buildMissing),
		sh.kind("citation-mixed-style", "Reports numeric and author–date citations in one article.", nil, buildMixed),
		sh.kind("citation-numeric-range", "Checks numeric citations against the numbered list.", []string{"out-of-range", "reversed", "uncited"}, buildNumericRange),
		sh.kind("citation-reference-format", "Checks reference entries: year, DOI form, same-year entries.", []string{"no-year", "doi", "same-year"}, buildFormat),
		sh.kind("citation-reference-order", "Checks that author–date entries are alphabetical and unnumbered.", []string{"numbered", "order"}, buildOrder),
		sh.kind("citation-uncited-reference", "Reports reference entries never cited.", nil, buildUncited),
		sh.kind("citation-year-mismatch", "Reports citations whose author is listed under another year.", nil, buildYearMismatch),
	}
}

// options are the options every citation kind accepts.
type options struct {
	// Style is auto, apa, harvard, chicago or numeric.
	Style string `yaml:"style"`
	// Messages are the message templates of kinds with several messages.
	Messages map[string]string `yaml:"messages"`
	// Fixes are the fix descriptions by message key.
	Fixes map[string]string `yaml:"fixes"`
	// Fix is the fix description of kinds with one kind of fix.
	Fix string `yaml:"fix"`
	// Related is the message of related locations.
	Related string `yaml:"related"`
}

// msgData is what message templates see.
type msgData struct {
	Cite      string // the citation as written
	Author    string
	Year      string
	EntryYear string
	Entry     string // a short form of an entry
	Previous  string
	Style     string // the style's label
	Connector string
	Preferred string
	Count     int
	Number    int
	Form      string
	Other     string
}

// tmpl is a compiled message template.
type tmpl struct{ t *template.Template }

func compile(what, text string) (tmpl, error) {
	t, err := template.New(what).Option("missingkey=error").Parse(text)
	if err != nil {
		return tmpl{}, fmt.Errorf("%s: %w", what, err)
	}
	if err := t.Execute(&bytes.Buffer{}, msgData{}); err != nil {
		return tmpl{}, fmt.Errorf("%s: %w", what, err)
	}
	return tmpl{t}, nil
}

func (m tmpl) format(d msgData) string {
	if m.t == nil {
		return ""
	}
	var b bytes.Buffer
	if err := m.t.Execute(&b, d); err != nil {
		return m.t.Root.String()
	}
	return b.String()
}

// rule is what every citation check holds: its parser, style, messages.
type rule struct {
	parser   *cit.Parser
	style    cit.Style
	message  tmpl            // the spec's message
	messages map[string]tmpl // options.messages
	fixes    map[string]tmpl // options.fixes
	fix      tmpl
	related  tmpl
}

// shared holds what the checks of one Kinds call share.
type shared struct {
	mu      sync.Mutex
	parsers map[*check.Spec]*cit.Parser
}

// kind returns a check.Kind whose Build decodes the common options,
// compiles the messages (requiring exactly keys when non-nil) and calls
// build.
func (sh *shared) kind(name, doc string, keys []string, build func(r *rule, c *check.Check) error) check.Kind {
	return check.Kind{
		Name: name,
		Doc:  doc + " Options: style (auto|apa|harvard|chicago|numeric), messages, fixes, fix, related.",
		Build: func(spec *check.Spec) (*check.Check, error) {
			var opts options
			if spec.Options != nil {
				if err := spec.Options.Decode(&opts); err != nil {
					return nil, fmt.Errorf("%s: options: %w", spec.ID, err)
				}
			}
			style, err := cit.ParseStyle(opts.Style)
			if err != nil {
				return nil, rulepack.OptionErrorf(spec.Options, []string{"style"}, "%v", err)
			}
			p, err := sh.parser(spec)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", spec.ID, err)
			}
			r := &rule{parser: p, style: style, messages: map[string]tmpl{}, fixes: map[string]tmpl{}}
			if keys == nil {
				if spec.Message == "" {
					return nil, fmt.Errorf("%s: message is required", spec.ID)
				}
				if len(opts.Messages) > 0 {
					return nil, fmt.Errorf("%s: options: messages: this kind takes one message (the spec's message)", spec.ID)
				}
				if r.message, err = compile(spec.ID+" message", spec.Message); err != nil {
					return nil, err
				}
			} else {
				for _, k := range keys {
					text, ok := opts.Messages[k]
					if !ok {
						return nil, fmt.Errorf("%s: options: messages: missing %q (want %s)", spec.ID, k, strings.Join(keys, ", "))
					}
					if r.messages[k], err = compile(spec.ID+" messages."+k, text); err != nil {
						return nil, err
					}
				}
				for k := range opts.Messages {
					if _, ok := r.messages[k]; !ok {
						return nil, fmt.Errorf("%s: options: messages: unknown key %q (want %s)", spec.ID, k, strings.Join(keys, ", "))
					}
				}
			}
			for _, k := range slices.Sorted(maps.Keys(opts.Fixes)) {
				if r.fixes[k], err = compile(spec.ID+" fixes."+k, opts.Fixes[k]); err != nil {
					return nil, err
				}
			}
			if r.fix, err = compile(spec.ID+" fix", opts.Fix); err != nil {
				return nil, err
			}
			if r.related, err = compile(spec.ID+" related", opts.Related); err != nil {
				return nil, err
			}
			c := check.New(spec)
			if err := build(r, c); err != nil {
				return nil, fmt.Errorf("%s: %w", spec.ID, err)
			}
			return c, nil
		},
	}
}

// parser returns the parser for the lexicon loaded alongside spec.
func (sh *shared) parser(spec *check.Spec) (*cit.Parser, error) {
	if spec.Data == nil {
		return nil, fmt.Errorf("no %s data: load rules/citation.yaml with these rules", LexiconKind)
	}
	data := spec.Data(LexiconKind)
	if len(data) == 0 {
		return nil, fmt.Errorf("no %s spec loaded (it is in rules/citation.yaml)", LexiconKind)
	}
	lexSpec := data[len(data)-1]
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if p, ok := sh.parsers[lexSpec]; ok {
		return p, nil
	}
	var lex cit.Lexicon
	if lexSpec.Options == nil {
		return nil, fmt.Errorf("%s: %s has no options", lexSpec.Source, lexSpec.ID)
	}
	if err := lexSpec.Options.Decode(&lex); err != nil {
		return nil, fmt.Errorf("%s: options: %w", lexSpec.ID, err)
	}
	p, err := cit.NewParser(lex)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", lexSpec.ID, err)
	}
	sh.parsers[lexSpec] = p
	return p, nil
}

// memoKey keys a document's analysis by a parser in check.Memo.
type memoKey struct{ p *cit.Parser }

// analysis returns the document's citation facts and the style and rules
// to check them against. ok is false when the article cites nothing.
func (r *rule) analysis(pass *check.Pass) (info *docInfo, style cit.Style, rules cit.StyleRules, ok bool) {
	info = pass.Shared(memoKey{r.parser}, func() any {
		return resolve(r.parser, r.parser.Analyze(pass.Doc))
	}).(*docInfo)
	if !info.a.Citing {
		return info, cit.Auto, cit.StyleRules{}, false
	}
	style = info.a.Style(r.style)
	return info, style, r.parser.Rules(style), true
}

// styleLabel returns the style's display name.
func styleLabel(rules cit.StyleRules, s cit.Style) string {
	if rules.Label != "" {
		return rules.Label
	}
	return strings.ToUpper(s.String())
}

// verbatim reports whether span's source text is exactly want (so an edit
// there cannot break markup).
func verbatim(doc *document.Document, span document.Span, want string) bool {
	return doc.Text(span) == want
}
