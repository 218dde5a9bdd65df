package stance

import "sort"

// Summary is an article's position on one topic.
type Summary struct {
	Topic int
	// Stance indexes the topic's stances; -1 when the article holds none
	// or is mixed.
	Stance int
	// Mixed marks an article that advises two or more stances with no
	// clear leader, or that gives standing (not phase-scoped) advice on
	// both sides (see Conflicts).
	Mixed bool
	// Totals are the advice strengths per stance (phase-scoped advice
	// weighed by the Phase weight).
	Totals []float64
	// Best is the strongest advice for Stance (or, when mixed or none,
	// the strongest advice overall); nil when there is no advice.
	Best *Evidence
	// Evidence is the article's advice on the topic, strongest first
	// (earlier first among equals).
	Evidence []Evidence
}

// Strength is the total of the article's stance, 0 when it holds none.
func (s *Summary) Strength() float64 {
	if s.Stance < 0 {
		return 0
	}
	return s.Totals[s.Stance]
}

// strongestFirst orders evidence by strength, then position.
func strongestFirst(ev []Evidence) {
	sort.SliceStable(ev, func(i, j int) bool {
		if ev[i].Strength != ev[j].Strength {
			return ev[i].Strength > ev[j].Strength
		}
		return ev[i].Sentence.Start < ev[j].Sentence.Start
	})
}

// Summarize totals a document's evidence per topic. Only advice counts
// (see Classifier.Advice). Topics without advice are absent; the result
// is in topic order.
func (c *Classifier) Summarize(ev []Evidence) []Summary {
	w := c.lex.w
	byTopic := map[int][]Evidence{}
	for _, e := range ev {
		if c.Advice(e) {
			byTopic[e.Topic] = append(byTopic[e.Topic], e)
		}
	}
	conflicted := map[int]bool{}
	for _, cf := range c.Conflicts(ev) {
		conflicted[cf.Topic] = true
	}
	var out []Summary
	for _, ti := range sortedInts(byTopic) {
		es := byTopic[ti]
		strongestFirst(es)
		s := Summary{Topic: ti, Stance: -1, Totals: make([]float64, len(c.topics[ti].Stances)), Evidence: es}
		for _, e := range es {
			v := e.Strength
			if e.Phased {
				v *= w.Phase
			}
			s.Totals[e.Stance] += v
		}
		top, second := -1, 0.0
		for st, v := range s.Totals {
			if v == 0 {
				continue
			}
			if top < 0 || v > s.Totals[top] {
				if top >= 0 {
					second = max(second, s.Totals[top])
				}
				top = st
			} else {
				second = max(second, v)
			}
		}
		switch {
		case top < 0 || s.Totals[top] < w.ArticleMin:
		case conflicted[ti]:
			s.Mixed = true // standing advice on both sides
		case second > 0 && s.Totals[top] < w.ArticleMargin*second:
			s.Mixed = true
		default:
			s.Stance = top
		}
		for i := range es {
			if s.Stance < 0 || es[i].Stance == s.Stance {
				s.Best = &es[i]
				break
			}
		}
		out = append(out, s)
	}
	return out
}

// Conflict is a pair of passages of one article that take opposite
// stances on a topic, neither of them phase-scoped.
type Conflict struct {
	Topic int
	// Earlier and Later are the strongest standing advice of each stance;
	// Later starts after Earlier.
	Earlier, Later Evidence
}

// Conflicts returns a document's within-article contradictions: for each
// topic and each pair of stances with standing (not phase-scoped) advice
// on both sides, the strongest passage of each. The result is ordered by
// topic, then by the later passage's position.
func (c *Classifier) Conflicts(ev []Evidence) []Conflict {
	type key struct{ topic, stance int }
	best := map[key]Evidence{}
	for _, e := range ev {
		if !c.Advice(e) || e.Phased {
			continue
		}
		k := key{e.Topic, e.Stance}
		if b, ok := best[k]; !ok || e.Strength > b.Strength {
			best[k] = e
		}
	}
	var out []Conflict
	for ti, t := range c.topics {
		for a := range t.Stances {
			ea, ok := best[key{ti, a}]
			if !ok {
				continue
			}
			for b := a + 1; b < len(t.Stances); b++ {
				eb, ok := best[key{ti, b}]
				if !ok {
					continue
				}
				if eb.Sentence.Start < ea.Sentence.Start {
					out = append(out, Conflict{Topic: ti, Earlier: eb, Later: ea})
				} else {
					out = append(out, Conflict{Topic: ti, Earlier: ea, Later: eb})
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Topic != out[j].Topic {
			return out[i].Topic < out[j].Topic
		}
		return out[i].Later.Sentence.Start < out[j].Later.Sentence.Start
	})
	return out
}

// ExampleFailure is a topic example the classifier gets wrong.
type ExampleFailure struct {
	Topic string
	// Index is the example's position in the topic's examples.
	Index int
	Text  string
	// Want and Got are stance IDs or "none".
	Want, Got string
	// WantPhased is set when the example checks phase scoping.
	WantPhased *bool
	GotPhased  bool
}

// CheckExamples runs every topic's examples and returns the failures, in
// topic and example order.
func (c *Classifier) CheckExamples(topics []NamedTopic) []ExampleFailure {
	var out []ExampleFailure
	for _, nt := range topics {
		for i, ex := range nt.Spec.Examples {
			got, _, phased := c.judgeText(nt.Name, ex.Text, ex.Heading)
			if got != ex.Stance || ex.Phased != nil && *ex.Phased != phased {
				out = append(out, ExampleFailure{Topic: nt.Name, Index: i, Text: ex.Text, Want: ex.Stance, Got: got, WantPhased: ex.Phased, GotPhased: phased})
			}
		}
	}
	return out
}
