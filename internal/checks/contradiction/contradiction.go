// Package contradiction holds the mechanisms of galley's contradiction
// rules: advice that contradicts itself within an article
// (stance-contradiction) or goes against the rest of the site
// (stance-divergence), judged by the generic stance classifier over the
// stance-topic specs loaded with the packs.
//
// Topics are data: a stance-topic spec (rules/topics/*.yaml, or any pack)
// holds a topic's gate terms, stances, cue patterns, macros and examples.
// Both check kinds read the topics when they are built (rulepack.Load
// gives every data spec its options before building any check). A topic
// from a user pack is compiled then and, with check_examples (on by
// default), its examples run: a bad pattern, an unknown stance or an
// example that gets the wrong stance fails loading with an error at the
// file and line at fault, so `galley check`, `galley rules`, `galley
// explain` and `galley stances` all refuse a broken topic and say why
// (once, though both rules read it). Built-in topics are embedded, so
// galley's own tests (TestTopicExamples) compile them and run their
// examples (at load too when configuration changes the classifier
// options); loading only checks their structure and compiles a pattern
// when a sentence first holds the words it needs, which keeps start-up
// cheap and costs nothing for disabled rules. Those required words are
// precomputed for the built-in topics and classifier options in
// cuewords.txt (TestCueWordsFile keeps it current). The two rules share one
// classifier when their options agree, and one classification of each
// document.
package contradiction

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"text/template"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/rulepack"
	"github.com/galley-lint/galley/internal/stance"
	"github.com/galley-lint/galley/rules"
)

// Kind names.
const (
	TopicKind      = "stance-topic"
	WithinKind     = "stance-contradiction"
	DivergenceKind = "stance-divergence"
)

// Kinds returns the contradiction mechanisms, sorted by name.
// The kinds share one family: both rules read the same topics, so a
// broken topic is reported once, by the first rule built.
func Kinds() []check.Kind {
	f := newFamily()
	return []check.Kind{
		{Name: WithinKind, Doc: withinDoc, Build: f.buildWithin},
		{Name: DivergenceKind, Doc: divergenceDoc, Build: f.buildDivergence},
		{Name: TopicKind, Doc: topicDoc, Data: true},
	}
}

// family is what the contradiction kinds of one Kinds call share while
// a rule set loads.
type family struct {
	mu sync.Mutex
	// shown holds the load problems a rule's Build has already returned.
	shown map[string]bool
	// classifiers are the classifiers built, by lexicon, topics and load.
	classifiers map[string]sharedClassifier
	// topics are the decoded stance-topic specs.
	topics map[*check.Spec]decodedTopic
}

// newFamily returns an empty family.
func newFamily() *family {
	return &family{shown: map[string]bool{}, classifiers: map[string]sharedClassifier{}, topics: map[*check.Spec]decodedTopic{}}
}

// unseen drops from a Build error of spec the problems an earlier rule
// of the same load returned (problems are keyed by the load's topic specs,
// which every rule of one load shares). When none is left it returns an
// empty rulepack.Errors: still a failure, but one that adds no line.
func (f *family) unseen(spec *check.Spec, err error) error {
	var list rulepack.Errors
	if err == nil || !asRulepackErrors(err, &list) {
		return err
	}
	load := ""
	if spec.Data != nil {
		if ts := spec.Data(TopicKind); len(ts) > 0 {
			load = fmt.Sprintf("%p ", ts[0])
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	out := rulepack.Errors{}
	for _, p := range list {
		if k := load + p.Error(); !f.shown[k] {
			f.shown[k] = true
			out = append(out, p)
		}
	}
	return out
}

const topicDoc = `Data for the contradiction rules: one topic of advice. The rule ID's
name is the topic's name (topic/contact is "contact"). Options: description;
gate (single words, "*" for a prefix: a sentence is considered only when it
holds one); macros (name -> list of alternatives, used as {name} in
patterns; the classifier's macros such as {target} and {poss} are always
available); stances (two or more, each with id, label, negated — the stance
a negated cue supports — cues and strong cues: RE2 patterns matched
case-insensitively at word boundaries, where a space matches any white
space and ' matches ’); examples (text and stance, or "none"; optional
phased: true|false), which run as tests: when the rules load for topics in
user packs, in galley's own tests for the built-in ones.`

const withinDoc = `Reports an article that gives opposite advice on one topic. Options:
classifier (the stance classifier's word lists and weights), topics (names
to check; empty for all), check_examples (run the examples of the topics
in user packs when the rule is built), house (ignored; accepted because configuration merges
stances into every contradiction rule). Message data: {{.Topic}},
{{.Stance}}, {{.Label}}, {{.Text}}, {{.OtherStance}}, {{.OtherLabel}},
{{.OtherText}}, {{.OtherLine}}.`

const divergenceDoc = `Corpus check: reports an article whose stance on a topic opposes the
corpus majority or the house position. Options: classifier, topics,
check_examples, house (topic -> stance), max_related (opposing passages
linked, default 3), min_articles (articles holding a stance before a
majority counts, default 2), tie_message. Message data: {{.Topic}},
{{.Stance}}, {{.Label}}, {{.OtherStance}}, {{.OtherLabel}}, {{.House}} (the
other stance is the house position), {{.Count}}, {{.OtherCount}}, {{.Total}},
{{.Links}}.`

// Common are the options both contradiction kinds take.
type Common struct {
	Classifier    stance.Lexicon    `yaml:"classifier"`
	Topics        []string          `yaml:"topics"`
	CheckExamples bool              `yaml:"check_examples"`
	House         map[string]string `yaml:"house"`
}

// engineSetup is what both kinds build from a spec.
type engineSetup struct {
	cl     *stance.Classifier
	topics []stance.NamedTopic
	house  map[int]int // topic index -> stance index
}

// Classifier builds the stance classifier a contradiction rule's spec
// describes (its classifier options and every stance-topic spec it sees),
// with every pattern compiled now (built-in topics' too) and the examples
// of every topic that is not built in checked. Tests use it to run the
// built-in topics' examples.
func Classifier(spec *check.Spec) (*stance.Classifier, error) {
	var c Common
	if spec.Kind == DivergenceKind {
		var o divergenceOptions
		if err := decode(spec, &o); err != nil {
			return nil, err
		}
		c = o.Common
	} else {
		var o withinOptions
		if err := decode(spec, &o); err != nil {
			return nil, err
		}
		c = o.Common
	}
	c.CheckExamples = true
	f := newFamily()
	s, err := f.setup(spec, c)
	if err != nil {
		return nil, err
	}
	if err := s.cl.Compile(); err != nil {
		return nil, fmt.Errorf("built-in stance topics: %w", err)
	}
	return s.cl, nil
}

// decode decodes a spec's options strictly; nil options leave v as is.
func decode(spec *check.Spec, v any) error {
	if spec.Options == nil {
		return nil
	}
	if err := spec.Options.Decode(v); err != nil {
		return fmt.Errorf("options: %w", err)
	}
	return nil
}

// TopicName returns the topic name of a stance-topic spec ID: the part
// after the slash.
func TopicName(id string) string {
	if i := strings.LastIndexByte(id, '/'); i >= 0 {
		return id[i+1:]
	}
	return id
}

// topic decodes a stance-topic spec once per load (both rules read it).
func (f *family) topic(ts *check.Spec) (stance.TopicSpec, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if d, ok := f.topics[ts]; ok {
		return d.spec, d.err
	}
	var d decodedTopic
	d.err = decode(ts, &d.spec)
	f.topics[ts] = d
	return d.spec, d.err
}

// decodedTopic is a decoded stance-topic spec or the error decoding it.
type decodedTopic struct {
	spec stance.TopicSpec
	err  error
}

// builtinFile reports whether a file name names one of galley's embedded
// packs ("rules/contradiction.yaml").
func builtinFile(file string) bool {
	name, ok := strings.CutPrefix(file, "rules/")
	if !ok {
		return false
	}
	_, err := fs.Stat(rules.FS, name)
	return err == nil
}

// builtinOptions reports whether every value of the option at key comes
// from an embedded pack, none from configuration or a user pack: then the
// built-in classifier options are in use, which galley's tests check.
func builtinOptions(opts check.Options, key string) bool {
	o, ok := opts.(*rulepack.Options)
	if !ok || o == nil || o.Node() == nil {
		return false
	}
	var walk func(n *yaml.Node, path []string) bool
	walk = func(n *yaml.Node, path []string) bool {
		pos := o.Pos(path...)
		if i := strings.LastIndexByte(pos, ':'); i >= 0 {
			pos = pos[:i]
		}
		if !builtinFile(pos) {
			return false
		}
		for n != nil && n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		if n == nil || n.Kind != yaml.MappingNode {
			return true
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if !walk(n.Content[i+1], append(path[:len(path):len(path)], n.Content[i].Value)) {
				return false
			}
		}
		return true
	}
	root := o.Node()
	for root != nil && root.Kind == yaml.AliasNode {
		root = root.Alias
	}
	if root == nil || root.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == key {
			return walk(root.Content[i+1], []string{key})
		}
	}
	return false
}

// builtin reports whether a stance-topic spec comes from galley's
// embedded packs: those topics are checked by galley's own tests (their
// patterns compile and their examples pass), so loading defers compiling
// them until a document needs them and does not run their examples.
func builtin(ts *check.Spec) bool {
	file := ts.Source
	if i := strings.LastIndexByte(file, ':'); i >= 0 {
		file = file[:i]
	}
	return builtinFile(file)
}

// classifier returns the classifier of a lexicon and topics, shared by
// every rule of one load that asks for the same ones (the two
// contradiction rules normally do).
func (f *family) classifier(key string, build func() (*stance.Classifier, error)) (*stance.Classifier, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if cl, ok := f.classifiers[key]; ok {
		return cl.cl, cl.err
	}
	cl, err := build()
	f.classifiers[key] = sharedClassifier{cl, err}
	return cl, err
}

// sharedClassifier is a built classifier or the error building it.
type sharedClassifier struct {
	cl  *stance.Classifier
	err error
}

// setup decodes and compiles a rule's topics (deferring the built-in ones'
// patterns) and, with check_examples, runs the examples of every topic
// that is not built in, so a broken user topic is a load error.
func (f *family) setup(spec *check.Spec, c Common) (*engineSetup, error) {
	c.Classifier.Trusted = builtinOptions(spec.Options, "classifier")
	var errs rulepack.Errors
	var topicSpecs []*check.Spec
	if spec.Data != nil {
		topicSpecs = spec.Data(TopicKind)
	}
	want := map[string]bool{}
	for _, t := range c.Topics {
		want[t] = true
	}
	var named []stance.NamedTopic
	var specOf []*check.Spec
	found := map[string]bool{}
	for _, ts := range topicSpecs {
		name := TopicName(ts.ID)
		found[name] = true
		if len(want) > 0 && !want[name] {
			continue
		}
		tsp, err := f.topic(ts)
		if err != nil {
			errs = appendProblems(errs, ts, err)
			continue
		}
		nt := stance.NamedTopic{Name: name, Spec: tsp, Trusted: builtin(ts)}
		if nt.Trusted {
			nt.CueWords = builtinCueWords(name)
		}
		named = append(named, nt)
		specOf = append(specOf, ts)
	}
	for i, t := range c.Topics {
		if !found[t] {
			errs = append(errs, rulepack.OptionErrorf(spec.Options, []string{"topics", fmt.Sprint(i)}, "unknown topic %q", t))
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	key, err := json.Marshal(struct {
		Lexicon stance.Lexicon
		Topics  []string
		Check   bool
	}{c.Classifier, c.Topics, c.CheckExamples})
	if err != nil {
		return nil, fmt.Errorf("stance classifier: %w", err)
	}
	if len(topicSpecs) > 0 {
		key = fmt.Appendf(key, " %p", topicSpecs[0])
	}
	cl, err := f.classifier(string(key), func() (*stance.Classifier, error) {
		return compile(spec, c, named, specOf)
	})
	if err != nil {
		return nil, err
	}
	s := &engineSetup{cl: cl, topics: named, house: map[int]int{}}
	for _, topic := range slices.Sorted(maps.Keys(c.House)) {
		st := c.House[topic]
		t := cl.Topic(topic)
		if t == nil {
			if len(want) > 0 && found[topic] {
				continue // a topic this rule does not check
			}
			errs = append(errs, rulepack.OptionErrorf(spec.Options, []string{"house", topic}, "house position for unknown topic %q", topic))
			continue
		}
		si := t.StanceIndex(st)
		if si < 0 {
			errs = append(errs, rulepack.OptionErrorf(spec.Options, []string{"house", topic}, "topic %s has no stance %q (stances: %s)", topic, st, strings.Join(t.Stances, ", ")))
			continue
		}
		for i, tt := range cl.Topics() {
			if tt == t {
				s.house[i] = si
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return s, nil
}

// compile builds the classifier of named topics (specOf holds their
// specs) and, with check_examples, runs the examples of the topics that
// are not built in (of every topic when the classifier options are not
// the built-in ones).
func compile(spec *check.Spec, c Common, named []stance.NamedTopic, specOf []*check.Spec) (*stance.Classifier, error) {
	var errs rulepack.Errors
	lex := c.Classifier
	if lex.Trusted {
		lex.CueWords = builtinLexiconWords()
	}
	cl, err := stance.New(lex, named)
	if err != nil {
		var serrs stance.Errors
		if !errors.As(err, &serrs) {
			return nil, err
		}
		for _, e := range serrs {
			if e.Topic == "" {
				errs = append(errs, rulepack.OptionErrorf(spec.Options, append([]string{"classifier"}, e.Path...), "classifier: %s", e.Msg))
				continue
			}
			for i, nt := range named {
				if nt.Name == e.Topic {
					errs = append(errs, rulepack.OptionErrorf(specOf[i].Options, e.Path, "topic %s: %s", e.Topic, e.Msg))
					break
				}
			}
		}
		return nil, errs
	}
	if !c.CheckExamples {
		return cl, nil
	}
	// Built-in topics' examples ran in galley's tests with the built-in
	// classifier options; under options from configuration they run now.
	var user []stance.NamedTopic
	for _, nt := range named {
		if !nt.Trusted || !c.Classifier.Trusted {
			user = append(user, nt)
		}
	}
	for _, f := range cl.CheckExamples(user) {
		var ts *check.Spec
		for i, nt := range named {
			if nt.Name == f.Topic {
				ts = specOf[i]
			}
		}
		got := f.Got
		want := f.Want
		if f.WantPhased != nil {
			got = fmt.Sprintf("%s (phased: %t)", got, f.GotPhased)
			want = fmt.Sprintf("%s (phased: %t)", want, *f.WantPhased)
		}
		errs = append(errs, rulepack.OptionErrorf(ts.Options, []string{"examples", fmt.Sprint(f.Index)}, "topic %s: example %q gets %s, want %s", f.Topic, f.Text, got, want))
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return cl, nil
}

// appendProblems adds a decode error of a topic spec: located problems as
// they are, others at the topic spec.
func appendProblems(errs rulepack.Errors, ts *check.Spec, err error) rulepack.Errors {
	var list rulepack.Errors
	if asRulepackErrors(err, &list) {
		return append(errs, list...)
	}
	return append(errs, rulepack.OptionErrorf(ts.Options, nil, "topic %s: %v", TopicName(ts.ID), err))
}

// message is a compiled message template.
type message struct{ t *template.Template }

func newMessage(text, def string, sample any) (message, error) {
	if strings.TrimSpace(text) == "" {
		text = def
	}
	t, err := template.New("message").Option("missingkey=error").Parse(text)
	if err != nil {
		return message{}, fmt.Errorf("message: %w", err)
	}
	if err := t.Execute(&bytes.Buffer{}, sample); err != nil {
		return message{}, fmt.Errorf("message: %w", err)
	}
	return message{t}, nil
}

func (m message) format(data any) string {
	var b bytes.Buffer
	if err := m.t.Execute(&b, data); err != nil {
		return m.t.Root.String()
	}
	return b.String()
}

// shorten trims s to at most n runes on a word boundary, adding "…".
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

// Topics decodes stance-topic specs into named topics (the name is the
// part of the ID after the slash).
func Topics(specs []*check.Spec) ([]stance.NamedTopic, error) {
	var errs rulepack.Errors
	var out []stance.NamedTopic
	for _, ts := range specs {
		var tsp stance.TopicSpec
		if err := decode(ts, &tsp); err != nil {
			errs = appendProblems(errs, ts, err)
			continue
		}
		out = append(out, stance.NamedTopic{Name: TopicName(ts.ID), Spec: tsp})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}
