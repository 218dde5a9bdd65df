// Package stance classifies the advice in sentences by topic and stance,
// generically: topics, cue patterns, word lists and weights are data
// (rules/topics/*.yaml and the classifier options in
// rules/contradiction.yaml); this package holds the mechanism.
//
// A topic (say "contact") has gate terms, two or more stances (say
// "no-contact" and "keep-contact") with cue patterns, and macros that keep
// the patterns short. For each sentence that mentions a topic's gate terms
// the classifier finds the cues and weighs each one in its clause:
//
//   - negation (not, n't, never, no, without, stop, avoid, refrain from …
//     within a few words before the cue, bounded by clause punctuation)
//     turns a cue into the stance its spec names as its negation, or drops
//     it when none is named; an odd count of negators negates;
//   - contrastive frames ("X doesn't mean Y", "instead of Y", "rather than
//     Y", "it's not about Y") flip what follows them and may cancel what
//     precedes them;
//   - reported speech ("Some coaches tell you to…", quotations), questions,
//     conditional clauses ("If you decide to text him…") and feelings
//     ("the urge to text him", "it is tempting to call her") are not the
//     article's advice and are dropped;
//   - a heading that opens with a question or framing word ("Why going
//     no contact can backfire", "Is texting him a mistake") frames its
//     subject rather than advising it, and its cues are dropped; an
//     imperative heading ("Let him go when he pulls away") is advice;
//   - imperatives (a clause opening with a base verb, from a word list) and
//     modals (should, must, need to…) strengthen; hedges (might, maybe…)
//     weaken;
//   - time-bounded advice ("for 30 days", "at first", "once the period is
//     over") is phase-scoped: part of a sequence rather than a standing
//     position.
//
// Typical use:
//
//	c, err := stance.New(lexicon, []stance.NamedTopic{{Name: "contact", Spec: spec}})
//	ev := c.Document(doc)         // per-sentence evidence, in source order
//	sums := c.Summarize(ev)       // each topic's stance in the article
//	conflicts := c.Conflicts(ev)  // opposite standing advice in one article
//	got, _, _ := c.Judge("contact", "Do not text him.") // "no-contact"
//
// Topics may name a document context (a list of words such as "him",
// "ex", "relationship" and a minimum count): Document then skips them
// in documents that do not hold enough of those words, so the pass costs
// one word look-up per token on unrelated text. In the sentences that
// pass the gates, a cue filter (see cueFilter) rules out, with one pass
// over the bytes, every cue pattern whose required words the sentence
// lacks; only the patterns left run (their matches merged into what
// their list's alternation would find), and a pattern compiles when a
// sentence first needs it. The classifier options' pattern lists
// (negators, modals…) are filtered the same way.
// A Classifier is immutable after New and safe for concurrent use.
package stance

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
)

// Lexicon holds the generic word lists and weights the classifier uses for
// every topic. Entries of the pattern lists use the pattern syntax (see
// CompilePattern).
type Lexicon struct {
	// BaseVerbs are verbs in their base form: a clause that opens with one
	// (after optional lead words) is an imperative.
	BaseVerbs []string `yaml:"base_verbs"`
	// LeadWords may precede an imperative verb: "just", "please", "don't".
	LeadWords []string `yaml:"lead_words"`
	// Negators are patterns that negate a cue that follows within
	// NegationWindow words in the same clause.
	Negators []string `yaml:"negators"`
	// NegationWindow is how many words may separate a negator from its cue.
	NegationWindow int `yaml:"negation_window"`
	// Frames are contrastive frames.
	Frames []Frame `yaml:"frames"`
	// Reported are patterns that introduce reported speech or received
	// wisdom; cues after them in the sentence are not the article's advice.
	Reported []string `yaml:"reported"`
	// Feelings are patterns that introduce a feeling rather than advice:
	// a cue after one in its clause ("the urge to call him", "you may
	// feel like texting her") is dropped, and so are the cues of a list
	// it opens. A negator over the marker ("resist the urge to") keeps
	// the cue, negated.
	Feelings []string `yaml:"feelings"`
	// Conditionals open a conditional clause; cues in it are dropped.
	Conditionals []string `yaml:"conditionals"`
	// HeadingFrames are patterns that, opening a heading, make it a
	// question or a frame rather than advice ("Why going no contact can
	// backfire", "Is no contact right for you"): the heading's cues up to
	// the end of its clause, or up to a later clause that opens with an
	// imperative ("When he pulls away, let him go"), are dropped.
	HeadingFrames []string `yaml:"heading_frames"`
	// HeadingAdvice are patterns that, opening a heading, make it advice
	// even though a heading frame matches too ("How to get him back",
	// "Why you should go no contact").
	HeadingAdvice []string `yaml:"heading_advice"`
	// Modals strengthen a cue that follows them in its clause.
	Modals []string `yaml:"modals"`
	// Hedges weaken a cue in their clause.
	Hedges []string `yaml:"hedges"`
	// Phases mark a sentence's advice as time-bounded.
	Phases []string `yaml:"phases"`
	// Macros are available to every topic's patterns as {name}; a topic's
	// own macros override them.
	Macros map[string][]string `yaml:"macros"`
	// Weights weigh cues.
	Weights Weights `yaml:"weights"`
	// MaxSentence is the longest sentence, in bytes, worth classifying
	// (longer ones are tables or run-together lists); 0 means 800.
	MaxSentence int `yaml:"max_sentence"`
	// Contexts are named document gates: a topic that names one is only
	// considered in documents holding at least Min of its words.
	Contexts map[string]Context `yaml:"contexts"`
	// Trusted marks a lexicon already checked when galley was built (the
	// built-in one): New checks what is cheap to check and compiles each
	// pattern list when a sentence first needs it (or Compile is called).
	Trusted bool `yaml:"-"`
	// CueWords are the lexicon's required words as LexiconCueWords
	// computed them, to spare deriving them when the classifier first
	// needs them; words computed from other patterns are ignored.
	CueWords string `yaml:"-"`
}

// Context is a document-level gate: words that show a document is about
// the kind of subject a topic belongs to (relationships, say), and how
// many of them it must hold.
type Context struct {
	Words []string `yaml:"words"`
	Min   int      `yaml:"min"`
}

// Frame is a contrastive frame such as "doesn't mean".
type Frame struct {
	// Pattern matches the frame's marker.
	Pattern string `yaml:"pattern"`
	// Before says what happens to cues before the marker in its clause:
	// "keep" (the default) or "cancel".
	Before string `yaml:"before"`
	// After says what happens to cues after the marker in its clause:
	// "flip" (the default), "keep" or "cancel".
	After string `yaml:"after"`
	// Modal gives the cues a frame flips a modal's force: "X doesn't
	// mean Y" argues a point, "instead of Y" need not.
	Modal bool `yaml:"modal"`
}

// Weights are the multipliers that turn a cue into a strength.
type Weights struct {
	// Cue is the weight of an ordinary cue; Strong of a strong cue.
	Cue    float64 `yaml:"cue"`
	Strong float64 `yaml:"strong"`
	// Imperative, Modal and Plain multiply a cue in an imperative clause,
	// after a modal, and otherwise.
	Imperative float64 `yaml:"imperative"`
	Modal      float64 `yaml:"modal"`
	Plain      float64 `yaml:"plain"`
	// Hedge multiplies a hedged cue.
	Hedge float64 `yaml:"hedge"`
	// Phase multiplies phase-scoped evidence when an article's stance is
	// totalled.
	Phase float64 `yaml:"phase"`
	// Advice is the strength at which a sentence counts as advice.
	Advice float64 `yaml:"advice"`
	// Dominance is how many times stronger one stance must be than the
	// other stances of the same sentence to label it; otherwise the
	// sentence is mixed and labelled none.
	Dominance float64 `yaml:"dominance"`
	// ArticleMin is the total an article needs on a stance to hold it.
	ArticleMin float64 `yaml:"article_min"`
	// ArticleMargin is how many times stronger an article's leading stance
	// must be than the next for the article to hold it; otherwise the
	// article is "mixed".
	ArticleMargin float64 `yaml:"article_margin"`
}

// DefaultWeights are used for weights a lexicon leaves at zero.
var DefaultWeights = Weights{
	Cue: 1, Strong: 2.3, Imperative: 1.5, Modal: 1.5, Plain: 0.45, Hedge: 0.7,
	Phase: 0.5, Advice: 1, Dominance: 1.5, ArticleMin: 1, ArticleMargin: 2,
}

func (w Weights) withDefaults() Weights {
	d := DefaultWeights
	set := func(v *float64, def float64) {
		if *v == 0 {
			*v = def
		}
	}
	set(&w.Cue, d.Cue)
	set(&w.Strong, d.Strong)
	set(&w.Imperative, d.Imperative)
	set(&w.Modal, d.Modal)
	set(&w.Plain, d.Plain)
	set(&w.Hedge, d.Hedge)
	set(&w.Phase, d.Phase)
	set(&w.Advice, d.Advice)
	set(&w.Dominance, d.Dominance)
	set(&w.ArticleMin, d.ArticleMin)
	set(&w.ArticleMargin, d.ArticleMargin)
	return w
}

// TopicSpec is a topic as written in YAML (the options of a stance-topic
// spec).
type TopicSpec struct {
	// Description says what the topic is about.
	Description string `yaml:"description"`
	// Gate terms: a sentence is considered only when one of its words is
	// a gate term. A term ending in "*" matches words starting with it.
	// Terms are single words, case-insensitive.
	Gate []string `yaml:"gate"`
	// Context names one of the lexicon's contexts: the topic is only
	// considered in documents that hold enough of its words. Empty means
	// every document.
	Context string `yaml:"context"`
	// Macros expand {name} in the patterns (over the lexicon's macros).
	Macros map[string][]string `yaml:"macros"`
	// Stances are the positions an article may take, two or more.
	Stances []StanceSpec `yaml:"stances"`
	// Examples are sentences with the stance they must get.
	Examples []Example `yaml:"examples"`
}

// StanceSpec is one stance of a topic.
type StanceSpec struct {
	// ID names the stance, e.g. "no-contact".
	ID string `yaml:"id"`
	// Label is a short phrase for messages, e.g. "no contact".
	Label string `yaml:"label"`
	// Negated names the stance a negated cue of this stance supports;
	// empty drops negated cues.
	Negated string `yaml:"negated"`
	// Cues are patterns of ordinary cues.
	Cues []string `yaml:"cues"`
	// Strong are patterns of cues that state the stance by themselves,
	// even outside an imperative ("communication is key").
	Strong []string `yaml:"strong"`
}

// Example is a sentence and the stance it must get ("none" for none).
type Example struct {
	Text   string `yaml:"text"`
	Stance string `yaml:"stance"`
	// Phased, when set, also checks whether the sentence is phase-scoped.
	Phased *bool `yaml:"phased"`
	// Heading judges the text as a heading (see Lexicon.HeadingFrames).
	Heading bool `yaml:"heading"`
}

// None is the label of a sentence or article without a stance.
const None = "none"

// Mixed is the stance of an article that holds opposite stances with no
// clear leader.
const Mixed = "mixed"

// NamedTopic is a topic spec with its name.
type NamedTopic struct {
	Name string
	Spec TopicSpec
	// Trusted marks a topic already checked when galley was built (a
	// built-in topic, whose patterns and examples galley's own tests
	// run): New checks its structure but defers compiling each cue
	// pattern until a sentence first needs it (or Compile is called).
	Trusted bool
	// CueWords are the topic's required cue words as CueWords computed
	// them, to spare deriving them when the classifier first needs
	// them; words computed from other patterns or macros are ignored.
	CueWords string
}

// Topic is a compiled topic.
type Topic struct {
	// Name is the topic's name, e.g. "contact".
	Name string
	// Description says what it is about.
	Description string
	// Stances are the stance IDs in spec order.
	Stances []string
	// Labels are the stance labels (IDs when a spec gives none).
	Labels []string

	context string
	negated []int // per stance: the stance a negated cue supports, or -1

	spec   []StanceSpec
	macros map[string][]string
	// lists are the cue lists: for each stance its strong cues, then
	// its cues; pats are their patterns, in list order. Each pattern
	// compiles on first use (or all at New for a topic that is not
	// trusted); a list's alternation only when its patterns cannot tell
	// its matches (see Topic.listMatches).
	lists []cueList
	pats  []cuePattern
	// words are the precomputed required words of the patterns (see
	// NamedTopic.CueWords), or empty.
	words string
}

// cueList is one cue list of a topic: its patterns (pats[first:end] of
// the topic) and their alternation, compiled when first needed.
type cueList struct {
	first, end int
	patterns   []string
	once       sync.Once
	re         *regexp.Regexp
}

// cuePattern is one cue pattern, compiled the first time a sentence may
// match it.
type cuePattern struct {
	src  string
	list int
	once sync.Once
	re   *regexp.Regexp
	err  error
	// ready is set once the pattern is compiled.
	ready atomic.Bool
}

// list returns the alternation of cue list li, or nil when it does not
// compile or is empty.
func (t *Topic) list(li int) *regexp.Regexp {
	l := &t.lists[li]
	l.once.Do(func() { l.re, _ = compileList(l.patterns, t.macros) })
	return l.re
}

// pattern returns pattern pi compiled as compileList compiles a list of
// one, or nil when it does not compile.
func (t *Topic) pattern(pi int) *regexp.Regexp {
	p := &t.pats[pi]
	p.once.Do(func() {
		re, err := compileList([]string{p.src}, t.macros)
		if err != nil {
			p.err = err.err
		}
		p.re = re
		p.ready.Store(true)
	})
	return p.re
}

// compile compiles every cue pattern and returns the problems.
func (t *Topic) compile() Errors {
	var errs Errors
	for pi := range t.pats {
		t.pattern(pi)
		p := &t.pats[pi]
		if p.err != nil {
			key := "strong"
			if p.list%2 == 1 {
				key = "cues"
			}
			errs = append(errs, &Error{Topic: t.Name, Path: []string{"stances", fmt.Sprint(p.list / 2), key, fmt.Sprint(pi - t.lists[p.list].first)}, Msg: p.err.Error()})
		}
	}
	return errs
}

// StanceIndex returns the index of stance id, or -1.
func (t *Topic) StanceIndex(id string) int {
	for i, s := range t.Stances {
		if s == id {
			return i
		}
	}
	return -1
}

// Error is a problem in a topic or lexicon spec, located by the path of
// the option at fault (e.g. ["stances", "0", "cues", "3"]).
type Error struct {
	// Topic is the topic's name; empty for the lexicon.
	Topic string
	Path  []string
	Msg   string
}

func (e *Error) Error() string {
	where := strings.Join(e.Path, ".")
	if e.Topic != "" {
		return fmt.Sprintf("topic %s: %s: %s", e.Topic, where, e.Msg)
	}
	return fmt.Sprintf("%s: %s", where, e.Msg)
}

// Errors is a list of problems.
type Errors []*Error

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// validID reports whether s has the form of topic and stance IDs:
// lower-case letters and digits in words joined by single dashes.
func validID(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '-' && s[i-1] == '-' {
			return false
		}
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// compileTopic compiles one topic with the lexicon's macros.
func compileTopic(nt NamedTopic, lexMacros map[string][]string) (*Topic, Errors) {
	var errs Errors
	bad := func(path []string, format string, args ...any) {
		errs = append(errs, &Error{Topic: nt.Name, Path: path, Msg: fmt.Sprintf(format, args...)})
	}
	sp := nt.Spec
	t := &Topic{Name: nt.Name, Description: sp.Description, context: sp.Context}
	if !validID(nt.Name) {
		bad(nil, "invalid topic name %q (want lower-case letters, digits and dashes)", nt.Name)
	}
	if len(sp.Gate) == 0 {
		bad([]string{"gate"}, "a topic needs gate terms")
	}
	for i, g := range sp.Gate {
		if !validGateTerm(g) {
			bad([]string{"gate", fmt.Sprint(i)}, "gate term %q must be one word (letters, digits, ' and -), optionally ending in *", g)
		}
	}
	if len(sp.Stances) < 2 {
		bad([]string{"stances"}, "a topic needs two or more stances, got %d", len(sp.Stances))
	}
	macros := map[string][]string{}
	for k, v := range lexMacros {
		macros[k] = v
	}
	for k, v := range sp.Macros {
		macros[k] = v
	}
	seen := map[string]bool{}
	for i, s := range sp.Stances {
		path := []string{"stances", fmt.Sprint(i)}
		if !validID(s.ID) || s.ID == None || s.ID == Mixed {
			bad(append(path, "id"), "invalid stance ID %q (want lower-case letters, digits and dashes, not %q or %q)", s.ID, None, Mixed)
		}
		if seen[s.ID] {
			bad(append(path, "id"), "duplicate stance %q", s.ID)
		}
		seen[s.ID] = true
		label := s.Label
		if label == "" {
			label = s.ID
		}
		t.Stances = append(t.Stances, s.ID)
		t.Labels = append(t.Labels, label)
		if len(s.Cues)+len(s.Strong) == 0 {
			bad(path, "stance %q has no cues", s.ID)
		}
	}
	t.spec, t.macros, t.words = sp.Stances, macros, nt.CueWords
	for _, s := range sp.Stances {
		for _, ps := range [][]string{s.Strong, s.Cues} {
			li := len(t.lists)
			t.lists = append(t.lists, cueList{first: len(t.pats), patterns: ps})
			for _, p := range ps {
				t.pats = append(t.pats, cuePattern{src: p, list: li})
			}
			t.lists[li].end = len(t.pats)
		}
	}
	if !nt.Trusted {
		errs = append(errs, t.compile()...)
	}
	for i, s := range sp.Stances {
		n := -1
		if s.Negated != "" {
			n = t.StanceIndex(s.Negated)
			if n < 0 || n == i {
				bad([]string{"stances", fmt.Sprint(i), "negated"}, "negated: %q is not another stance of the topic (stances: %s)", s.Negated, strings.Join(t.Stances, ", "))
			}
		}
		t.negated = append(t.negated, n)
	}
	for i, ex := range sp.Examples {
		if ex.Stance != None && t.StanceIndex(ex.Stance) < 0 {
			bad([]string{"examples", fmt.Sprint(i), "stance"}, "unknown stance %q (want %s or %s)", ex.Stance, strings.Join(t.Stances, ", "), None)
		}
		if strings.TrimSpace(ex.Text) == "" {
			bad([]string{"examples", fmt.Sprint(i), "text"}, "example has no text")
		}
	}
	return t, errs
}

// validGateTerm reports whether g is one word (letters, digits, ' ’ and
// -), optionally ending in *.
func validGateTerm(g string) bool {
	g = strings.TrimSuffix(g, "*")
	if g == "" {
		return false
	}
	for _, r := range g {
		if !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '\'' || r == '’' || r == '-') {
			return false
		}
	}
	return true
}
