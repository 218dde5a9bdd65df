package contradiction

import (
	"fmt"
	"sort"
	"strings"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/stance"
)

// Fact is one article's stances, exported by the cross-article rule for
// the corpus phase (and read by `galley stances`).
type Fact struct {
	// Topics hold the topics the article gives advice on, in topic order.
	Topics []TopicFact `json:"topics"`
}

// TopicFact is an article's position on one topic.
type TopicFact struct {
	Topic string `json:"topic"`
	// Stance is a stance ID, "mixed", or "none" (advice too weak to hold
	// a stance).
	Stance string `json:"stance"`
	// Label is the stance's label ("" for mixed and none).
	Label string `json:"label,omitempty"`
	// Strength is the stance's total advice strength.
	Strength float64 `json:"strength"`
	// Totals are the advice strengths per stance, in the topic's order.
	Totals []StanceTotal `json:"totals"`
	// Best is the strongest passage for the stance (overall, when mixed).
	Best *Passage `json:"best,omitempty"`
	// Evidence is a few of the strongest passages, strongest first.
	Evidence []Passage `json:"evidence,omitempty"`
}

// StanceTotal is one stance's total in an article.
type StanceTotal struct {
	Stance string  `json:"stance"`
	Total  float64 `json:"total"`
}

// Passage is one sentence of advice.
type Passage struct {
	Stance   string           `json:"stance"`
	Strength float64          `json:"strength"`
	Phased   bool             `json:"phased,omitempty"`
	Location finding.Location `json:"location"`
	Text     string           `json:"text"`
}

// maxEvidence is how many passages a topic fact keeps.
const maxEvidence = 5

// divergenceOptions are the options of stance-divergence.
type divergenceOptions struct {
	Common      `yaml:",inline"`
	MaxRelated  int    `yaml:"max_related"`
	MinArticles int    `yaml:"min_articles"`
	TieMessage  string `yaml:"tie_message"`
}

// divergenceData is what the cross-article messages see.
type divergenceData struct {
	Topic, Stance, Label    string
	OtherStance, OtherLabel string
	// House is set when the other stance is the house position.
	House bool
	// Count articles hold this stance, OtherCount the other, of Total
	// articles holding a stance on the topic.
	Count, OtherCount, Total int
	// Links are "[path:line](n)" links to the related locations.
	Links string
}

const divergenceDefault = `On {{.Topic}}, this article advises {{.Label}}, but {{if .House}}the house position is{{else}}{{.OtherCount}} of {{.Total}} articles advise{{end}} {{.OtherLabel}}: {{.Links}}.`
const tieDefault = `The site is split on {{.Topic}}: this article advises {{.Label}} ({{.Count}} of {{.Total}} articles), others advise {{.OtherLabel}} ({{.OtherCount}}): {{.Links}}.`

func (f *family) buildDivergence(spec *check.Spec) (*check.Check, error) {
	o := divergenceOptions{MaxRelated: 3, MinArticles: 2}
	if err := decode(spec, &o); err != nil {
		return nil, err
	}
	if o.MaxRelated < 0 || o.MinArticles < 1 {
		return nil, fmt.Errorf("options: max_related must be >= 0 and min_articles >= 1")
	}
	s, err := f.setup(spec, o.Common)
	if err != nil {
		return nil, f.unseen(spec, err)
	}
	msg, err := newMessage(spec.Message, divergenceDefault, divergenceData{})
	if err != nil {
		return nil, err
	}
	tie, err := newMessage(o.TieMessage, tieDefault, divergenceData{})
	if err != nil {
		return nil, fmt.Errorf("tie_message: %w", err)
	}
	c := check.New(spec)
	c.NewFact = func() any { return &Fact{} }
	c.Run = func(pass *check.Pass) error {
		if f := s.fact(pass); f != nil {
			pass.ExportFact(f)
		}
		return nil
	}
	c.RunCorpus = func(cp *check.CorpusPass) error {
		s.corpus(cp, o, msg, tie)
		return nil
	}
	return c, nil
}

// fact classifies a document and summarises its stances.
func (s *engineSetup) fact(pass *check.Pass) *Fact {
	doc := pass.Doc
	ev := s.evidence(pass)
	if len(ev) == 0 {
		return nil
	}
	f := &Fact{}
	passage := func(t *stance.Topic, e stance.Evidence) Passage {
		return Passage{Stance: t.Stances[e.Stance], Strength: round(e.Strength), Phased: e.Phased,
			Location: doc.Location(e.Sentence), Text: shorten(e.Text, 160)}
	}
	for _, sum := range s.cl.Summarize(ev) {
		t := s.cl.Topics()[sum.Topic]
		tf := TopicFact{Topic: t.Name, Stance: stance.None}
		switch {
		case sum.Mixed:
			tf.Stance = stance.Mixed
		case sum.Stance >= 0:
			tf.Stance = t.Stances[sum.Stance]
			tf.Label = t.Labels[sum.Stance]
			tf.Strength = round(sum.Strength())
		}
		for i, v := range sum.Totals {
			tf.Totals = append(tf.Totals, StanceTotal{Stance: t.Stances[i], Total: round(v)})
		}
		if sum.Best != nil {
			p := passage(t, *sum.Best)
			tf.Best = &p
		}
		for i, e := range sum.Evidence {
			if i == maxEvidence {
				break
			}
			tf.Evidence = append(tf.Evidence, passage(t, e))
		}
		f.Topics = append(f.Topics, tf)
	}
	if len(f.Topics) == 0 {
		return nil
	}
	return f
}

func round(v float64) float64 {
	return float64(int64(v*100+0.5)) / 100
}

// holder is one article holding a stance on a topic.
type holder struct {
	path string
	tf   *TopicFact
}

// stronger orders holders by strength, then path.
func stronger(hs []holder) {
	sort.SliceStable(hs, func(i, j int) bool {
		if hs[i].tf.Strength != hs[j].tf.Strength {
			return hs[i].tf.Strength > hs[j].tf.Strength
		}
		return hs[i].path < hs[j].path
	})
}

// corpus reports the articles that diverge from the majority or house
// position on each topic.
func (s *engineSetup) corpus(cp *check.CorpusPass, o divergenceOptions, msg, tie message) {
	for ti, t := range s.cl.Topics() {
		sides := make([][]holder, len(t.Stances))
		n := 0
		for _, df := range cp.Facts {
			f, ok := df.Fact.(*Fact)
			if !ok || f == nil {
				continue
			}
			for i := range f.Topics {
				tf := &f.Topics[i]
				if tf.Topic != t.Name || tf.Best == nil {
					continue
				}
				si := t.StanceIndex(tf.Stance)
				if si < 0 {
					continue
				}
				sides[si] = append(sides[si], holder{df.Path, tf})
				n++
			}
		}
		for i := range sides {
			stronger(sides[i])
		}
		if house, ok := s.house[ti]; ok {
			for si, side := range sides {
				if si == house {
					continue
				}
				for _, h := range side {
					d := divergenceData{Topic: t.Name, Stance: t.Stances[si], Label: t.Labels[si],
						OtherStance: t.Stances[house], OtherLabel: t.Labels[house], House: true,
						Count: len(side), OtherCount: len(sides[house]), Total: n}
					report(cp, msg, d, h, sides[house], o.MaxRelated)
				}
			}
			continue
		}
		if n < o.MinArticles {
			continue
		}
		best, tied := -1, []int(nil)
		for si, side := range sides {
			switch {
			case len(side) == 0:
			case best < 0 || len(side) > len(sides[best]):
				best, tied = si, []int{si}
			case len(side) == len(sides[best]):
				tied = append(tied, si)
			}
		}
		if best < 0 || len(tied) == len(nonEmpty(sides)) && len(tied) == 1 {
			continue // one stance only: nothing diverges
		}
		if len(tied) > 1 {
			// A split site: report each side once, at its strongest
			// article, against the strongest articles of the others.
			for si, side := range sides {
				if len(side) == 0 {
					continue
				}
				var others []holder
				otherStance := -1
				for sj, o := range sides {
					if sj != si && len(o) > 0 {
						others = append(others, o...)
						if otherStance < 0 || len(o) > len(sides[otherStance]) {
							otherStance = sj
						}
					}
				}
				stronger(others)
				d := divergenceData{Topic: t.Name, Stance: t.Stances[si], Label: t.Labels[si],
					OtherStance: t.Stances[otherStance], OtherLabel: t.Labels[otherStance],
					Count: len(side), OtherCount: len(others), Total: n}
				report(cp, tie, d, side[0], others, o.MaxRelated)
			}
			continue
		}
		for si, side := range sides {
			if si == best {
				continue
			}
			for _, h := range side {
				d := divergenceData{Topic: t.Name, Stance: t.Stances[si], Label: t.Labels[si],
					OtherStance: t.Stances[best], OtherLabel: t.Labels[best],
					Count: len(side), OtherCount: len(sides[best]), Total: n}
				report(cp, msg, d, h, sides[best], o.MaxRelated)
			}
		}
	}
}

func nonEmpty(sides [][]holder) []int {
	var out []int
	for i, s := range sides {
		if len(s) > 0 {
			out = append(out, i)
		}
	}
	return out
}

// report reports h's strongest passage with related locations at up to
// max opposing passages of other articles.
func report(cp *check.CorpusPass, msg message, d divergenceData, h holder, opposing []holder, max int) {
	var related []finding.Related
	var links []string
	for _, o := range opposing {
		if len(related) == max {
			break
		}
		if o.path == h.path {
			continue
		}
		loc := o.tf.Best.Location
		related = append(related, finding.Related{Location: loc, Message: fmt.Sprintf("%s: %q", o.tf.Label, shorten(o.tf.Best.Text, 80))})
		links = append(links, fmt.Sprintf("[%s:%d](%d)", loc.Path, loc.Start.Line, len(related)))
	}
	if len(links) == 0 {
		d.Links = "no passage of another article"
	} else {
		d.Links = strings.Join(links, ", ")
	}
	cp.Report(finding.Finding{Message: msg.format(d), Location: h.tf.Best.Location, Related: related})
}
