package contradiction

import (
	"errors"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/rulepack"
	"github.com/galley-lint/galley/internal/stance"
)

// withinOptions are the options of stance-contradiction.
type withinOptions struct {
	Common `yaml:",inline"`
}

// withinData is what the within-article message sees.
type withinData struct {
	Topic, Stance, Label, Text         string
	OtherStance, OtherLabel, OtherText string
	OtherLine                          int
}

const withinDefault = `Contradictory advice on {{.Topic}}: this passage says {{.Label}}, but line {{.OtherLine}} says {{.OtherLabel}}.`

func (f *family) buildWithin(spec *check.Spec) (*check.Check, error) {
	var o withinOptions
	if err := decode(spec, &o); err != nil {
		return nil, err
	}
	s, err := f.setup(spec, o.Common)
	if err != nil {
		return nil, f.unseen(spec, err)
	}
	msg, err := newMessage(spec.Message, withinDefault, withinData{})
	if err != nil {
		return nil, err
	}
	c := check.New(spec)
	c.Run = func(pass *check.Pass) error {
		doc := pass.Doc
		ev := s.evidence(pass)
		for _, cf := range s.cl.Conflicts(ev) {
			t := s.cl.Topics()[cf.Topic]
			d := withinData{
				Topic: t.Name, Stance: t.Stances[cf.Later.Stance], Label: t.Labels[cf.Later.Stance],
				Text:        shorten(cf.Later.Text, 80),
				OtherStance: t.Stances[cf.Earlier.Stance], OtherLabel: t.Labels[cf.Earlier.Stance],
				OtherText: shorten(cf.Earlier.Text, 80),
				OtherLine: doc.Line(cf.Earlier.Sentence.Start),
			}
			pass.Report(check.Diagnostic{
				Span:    cf.Later.Sentence,
				Message: msg.format(d),
				Related: []check.RelatedSpan{{Span: cf.Earlier.Sentence, Message: "earlier: " + t.Labels[cf.Earlier.Stance]}},
			})
		}
		return nil
	}
	return c, nil
}

// evidenceKey keys a document's evidence in the pass memo: rules that
// share a classifier classify each document once.
type evidenceKey struct{ cl *stance.Classifier }

// evidence returns the document's evidence under the rule's classifier.
func (s *engineSetup) evidence(pass *check.Pass) []stance.Evidence {
	ev, _ := pass.Shared(evidenceKey{s.cl}, func() any { return s.cl.Document(pass.Doc) }).([]stance.Evidence)
	return ev
}

func asRulepackErrors(err error, target *rulepack.Errors) bool {
	if errors.As(err, target) {
		return true
	}
	var p rulepack.Problem
	if errors.As(err, &p) {
		*target = rulepack.Errors{p}
		return true
	}
	return false
}
