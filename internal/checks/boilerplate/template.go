package boilerplate

import (
	"fmt"
	"math"
	"sort"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/finding"
)

// templateOptions are the options of a template-line rule.
type templateOptions struct {
	// MinArticles is the fewest articles a line must appear in.
	MinArticles int `yaml:"min_articles"`
	// MinFraction is the smallest share of all articles it must appear in.
	MinFraction float64 `yaml:"min_fraction"`
	// MinWords and MaxWords bound the words of a candidate line.
	MinWords int `yaml:"min_words"`
	MaxWords int `yaml:"max_words"`
	// MaxGap is the most blank lines between two lines of one finding.
	MaxGap int `yaml:"max_gap"`
}

// TemplateFact is one document's fact for template-line: its candidate
// lines.
type TemplateFact struct {
	Lines []TemplateLine `json:"lines"`
}

// TemplateLine is one candidate line of a document.
type TemplateLine struct {
	// Key is the normalized raw line (case, punctuation and markup
	// characters aside; link targets and numbers kept), which the line is
	// compared by.
	Key string `json:"key"`
	// Line is the 1-based line number.
	Line int `json:"line"`
	// Text is the visible text, for messages.
	Text string `json:"text"`
	// Location covers the line without its ending.
	Location finding.Location `json:"location"`
	// Delete is the byte range that deletes the line (see deletion).
	Delete [2]int `json:"delete"`
	// SourceLine is the raw line.
	SourceLine string `json:"sourceLine"`
}

func buildTemplate(spec *check.Spec) (*check.Check, error) {
	o := templateOptions{MinArticles: 3, MinFraction: 0.05, MinWords: 2, MaxWords: 40, MaxGap: 2}
	if err := decodeOptions(spec, &o); err != nil {
		return nil, err
	}
	if o.MinArticles < 2 {
		return nil, fmt.Errorf("%s: options: min_articles must be at least 2", spec.ID)
	}
	msg, err := newMessage(spec.Message)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", spec.ID, err)
	}
	cls := defaultClassifier()
	c := newCheck(spec)
	c.NewFact = func() any { return &TemplateFact{} }
	c.Run = func(pass *check.Pass) error {
		doc := pass.Doc
		lines := sharedLines(pass, cls.SentenceWords)
		a := &analyzer{cls: cls}
		sc := make([]scored, len(lines))
		for i := range lines {
			sc[i] = scored{line: lines[i]}
		}
		fact := &TemplateFact{}
		for i := range sc {
			l := &sc[i]
			nw := len(l.words)
			if !l.candidate || l.long || l.norm == "" || l.heading || l.template || nw < o.MinWords || nw > o.MaxWords || l.inProse || a.plainHeading(sc, i) {
				continue
			}
			del := deletion(doc, l.n, l.n)
			fact.Lines = append(fact.Lines, TemplateLine{
				Key:        normalize(l.raw),
				Line:       l.n,
				Text:       shorten(l.visible, 60),
				Location:   doc.Location(l.span),
				Delete:     [2]int{del.Start, del.End},
				SourceLine: l.raw,
			})
		}
		pass.ExportFact(fact)
		return nil
	}
	c.RunCorpus = func(cp *check.CorpusPass) error {
		docs := map[string]int{}
		for _, df := range cp.Facts {
			f, ok := df.Fact.(*TemplateFact)
			if !ok {
				continue
			}
			seen := map[string]bool{}
			for _, l := range f.Lines {
				if !seen[l.Key] {
					seen[l.Key] = true
					docs[l.Key]++
				}
			}
		}
		need := max(float64(o.MinArticles), math.Ceil(o.MinFraction*float64(len(cp.Facts))))
		for _, df := range cp.Facts {
			f, ok := df.Fact.(*TemplateFact)
			if !ok {
				continue
			}
			var group []TemplateLine
			flush := func() {
				if len(group) == 0 {
					return
				}
				first, last := group[0], group[len(group)-1]
				edits := make([]finding.Edit, 0, len(group))
				for _, g := range group {
					edits = append(edits, finding.Edit{Path: g.Location.Path, Start: g.Delete[0], End: g.Delete[1]})
				}
				cp.Report(finding.Finding{
					RuleID: spec.ID,
					Message: msg.format(messageData{
						Rule: spec.ID, Text: first.Text, Lines: lineRange(first.Line, last.Line),
						StartLine: first.Line, EndLine: last.Line, Count: len(group), Articles: docs[first.Key],
					}),
					Location: finding.Location{Path: first.Location.Path, Start: first.Location.Start, End: last.Location.End},
					Fixes: []finding.Fix{{
						Message: fmt.Sprintf("Delete %s", lineRange(first.Line, last.Line)),
						Edits:   edits,
					}},
					Snippet:    first.SourceLine,
					SourceLine: first.SourceLine,
				})
				group = nil
			}
			lines := append([]TemplateLine(nil), f.Lines...)
			sort.SliceStable(lines, func(i, j int) bool { return lines[i].Line < lines[j].Line })
			for _, l := range lines {
				if float64(docs[l.Key]) < need {
					flush()
					continue
				}
				if n := len(group); n > 0 && l.Line-group[n-1].Line > o.MaxGap+1 {
					flush()
				}
				group = append(group, l)
			}
			flush()
		}
		return nil
	}
	return c, nil
}
