package boilerplate

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/check"
)

// linesOptions are the options of a boilerplate-lines rule. Every rule of
// the kind carries every pack (rules/boilerplate.yaml shares one mapping
// through a YAML alias), so all of them divide a document the same way.
type linesOptions struct {
	// Packs maps rule IDs to their phrase packs. The rule's own ID must be
	// among them.
	Packs map[string]packOptions `yaml:"packs"`
	// Classifier holds the shared classifier settings.
	Classifier *Classifier `yaml:"classifier"`
}

// packOptions is one rule's phrase pack.
type packOptions struct {
	// Phrases are matched against whole lines.
	Phrases []string `yaml:"phrases"`
	// Weak are phrases too generic to mark a line on their own ("Share",
	// "Reply"): a line they cover scores weak-phrase rather than phrase
	// and joins a block only next to stronger evidence.
	Weak []string `yaml:"weak"`
	// Patterns are regular expressions that must match a line's whole
	// visible text (markup, URLs and list markers removed),
	// case-insensitively.
	Patterns []string `yaml:"patterns"`
	// Claims are classifier features that give a line to this rule
	// without a phrase.
	Claims []string `yaml:"claims"`
	// Leads are phrases (matched as the whole line) that introduce a list
	// of residue, such as "Related posts": the short lines after such a
	// line join its block wherever it stands.
	Leads []string `yaml:"leads"`
}

// decodeLines decodes a spec's options over defaults.
func decodeLines(spec *check.Spec) (linesOptions, Classifier, error) {
	var o linesOptions
	if err := decodeOptions(spec, &o); err != nil {
		return o, Classifier{}, err
	}
	cls := defaultClassifier()
	if o.Classifier != nil {
		c := *o.Classifier
		mergeClassifier(&cls, c)
	}
	return o, cls, nil
}

// mergeClassifier copies the set fields of c over dst.
func mergeClassifier(dst *Classifier, c Classifier) {
	if c.Threshold != 0 {
		dst.Threshold = c.Threshold
	}
	if c.Weights != nil {
		dst.Weights = c.Weights
	}
	setF := func(d *float64, v float64) {
		if v != 0 {
			*d = v
		}
	}
	setI := func(d *int, v int) {
		if v != 0 {
			*d = v
		}
	}
	setF(&dst.PhraseCoverage, c.PhraseCoverage)
	setI(&dst.ShortWords, c.ShortWords)
	setI(&dst.SentenceWords, c.SentenceWords)
	setF(&dst.LinkDensity, c.LinkDensity)
	setI(&dst.HeadLines, c.HeadLines)
	setF(&dst.TailFraction, c.TailFraction)
	setI(&dst.MaxGap, c.MaxGap)
	setI(&dst.AbsorbWords, c.AbsorbWords)
	setF(&dst.UIShare, c.UIShare)
	if c.UIWords != nil {
		dst.UIWords = c.UIWords
	}
	if c.CountPatterns != nil {
		dst.CountPatterns = c.CountPatterns
	}
	setI(&dst.Byline.HeadLines, c.Byline.HeadLines)
	setI(&dst.Byline.MaxWords, c.Byline.MaxWords)
	setI(&dst.Byline.MaxDistance, c.Byline.MaxDistance)
}

// buildLines builds a boilerplate-lines check.
func buildLines(spec *check.Spec, analyzers map[analysisKey]*analyzer, tables *tablePool) (*check.Check, error) {
	o, cls, err := decodeLines(spec)
	if err != nil {
		return nil, err
	}
	if _, ok := o.Packs[spec.ID]; !ok {
		return nil, fmt.Errorf("%s: options: packs: no pack for %s", spec.ID, spec.ID)
	}
	key, err := newAnalysisKey(o, cls)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", spec.ID, err)
	}
	a, ok := analyzers[key]
	if !ok {
		if a, err = compileAnalyzer(spec.ID, o, cls); err != nil {
			return nil, err
		}
		analyzers[key] = a
	}
	msg, err := newMessage(spec.Message)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", spec.ID, err)
	}
	c := newCheck(spec)
	c.Run = func(pass *check.Pass) error {
		blocks := sharedAnalysis(pass, a, tables)
		for i := range blocks {
			b := blocks[i]
			if b.rule != spec.ID {
				continue
			}
			reportBlock(pass, a, &b, msg)
		}
		return nil
	}
	return c, nil
}

// compileAnalyzer compiles every pack and the classifier; the rules of one
// load with the same options share the result.
func compileAnalyzer(ruleID string, o linesOptions, cls Classifier) (*analyzer, error) {
	ids := make([]string, 0, len(o.Packs))
	for id := range o.Packs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	packs := make([]pack, 0, len(ids))
	for _, id := range ids {
		p, err := newPack(id, o.Packs[id])
		if err != nil {
			return nil, fmt.Errorf("%s: options: packs: %s: %w", ruleID, id, err)
		}
		packs = append(packs, p)
	}
	a, err := newAnalyzer(cls, packs)
	if err != nil {
		return nil, fmt.Errorf("%s: options: %w", ruleID, err)
	}
	return a, nil
}

// reportBlock reports one block with a fix that deletes it.
func reportBlock(pass *check.Pass, a *analyzer, b *block, msg message) {
	doc := pass.Doc
	start := doc.LineSpan(b.first)
	end := doc.LineSpan(b.last)
	text := ""
	if len(b.lines) > 0 {
		text = shorten(b.lines[0].visible, 60)
	}
	data := messageData{
		Rule:      b.rule,
		Text:      text,
		Lines:     lineRange(b.first, b.last),
		StartLine: b.first,
		EndLine:   b.last,
		Count:     len(b.lines),
		Reasons:   a.reasons(b),
	}
	pass.Report(check.Diagnostic{
		Span:    spanOf(start.Start, end.End),
		Message: msg.format(data),
		Fixes: []check.Fix{{
			Message: fmt.Sprintf("Delete %s", data.Lines),
			Edits:   []check.Edit{{Span: deletion(doc, b.first, b.last)}},
		}},
	})
}

// shorten cuts s to at most n runes, marking the cut with "…".
func shorten(s string, n int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		if utf8.ValidString(s) {
			return strings.Clone(s)
		}
		return string([]rune(s)) // invalid bytes become U+FFFD, as before
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
