package stance

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/document"
)

// Classifier finds stances in sentences. It is immutable and safe for
// concurrent use.
type Classifier struct {
	lex    *lexicon
	topics []*Topic
	// gate maps a lower-case gate word to the topics it opens; prefixes
	// maps a gate prefix ("communicat" for "communicat*") likewise.
	gate       map[string][]uint64
	prefixes   map[string][]uint64
	prefixLens []int
	maskWords  int
	// ctxWords holds each lower-case context word with the contexts
	// (bits) it counts for; ctxMin is each context's minimum; topicCtx is
	// each topic's context index, or -1.
	ctxWords wordTable
	// ctxShapes has the shapes of the context words: most tokens fail
	// it without a hash look-up.
	ctxShapes shapeSet
	// ctxFirst has, for each first byte, bit n set when a context word
	// of n bytes starts with that byte ignoring ASCII case: one look-up
	// rules out most tokens before their shape is computed.
	ctxFirst firstLenSet
	ctxMin   []int
	topicCtx []int

	// filter rules out the cue patterns a sentence cannot match (see
	// cueFilter); built on first use. noFilter turns it off (tests).
	filterOnce sync.Once
	filter     *cueFilter
	noFilter   bool
}

// shapeSet is a bit set of word shapes: first letter, last letter and
// length (see shapeOf). Testing a token's shape costs three look-ups;
// most words have the shape of no word in a short list.
type shapeSet [(27*27*16 + 63) / 64]uint64

// letterIndex maps a byte to its letter (0-25, either case) or 26.
var letterIndex = func() (t [256]uint8) {
	for c := range t {
		t[c] = 26
		if lc := lowerByte(byte(c)); lc >= 'a' && lc <= 'z' {
			t[c] = lc - 'a'
		}
	}
	return t
}()

// shapeOf returns the shape of a non-empty word.
func shapeOf(w string) int {
	return (int(letterIndex[w[0]])*27+int(letterIndex[w[len(w)-1]]))*16 + min(len(w), 15)
}

func (s *shapeSet) add(w string) {
	k := shapeOf(w)
	s[k/64] |= 1 << (k % 64)
}

func (s *shapeSet) has(w string) bool {
	k := shapeOf(w)
	return s[k/64]&(1<<(k%64)) != 0
}

// firstLenSet holds, per first byte, a bit per word length (1-63): a
// word equal ignoring ASCII case to a word of the set has its first
// byte's bit for its length set.
type firstLenSet [256]uint64

// add adds the lower-case word w (1-63 bytes; longer words are left out,
// so has must not be asked about them).
func (s *firstLenSet) add(w string) {
	if len(w) == 0 || len(w) > 63 {
		return
	}
	for c := range 256 {
		if lowerByte(byte(c)) == w[0] {
			s[c] |= 1 << len(w)
		}
	}
}

// wordTable is a small open-addressing hash set of lower-case words with
// bits, looked up by a token's bytes ASCII-lower-cased on the fly: no
// copy, no string hashing by the map, one probe for most words.
type wordTable struct {
	slots []wordSlot // a power of two long, at most half full
}

type wordSlot struct {
	word string
	bits uint64
}

// hashLower is FNV-1a over s ASCII-lower-cased.
func hashLower(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(lowerByte(s[i]))
		h *= 16777619
	}
	return h
}

// add ORs bits into word's entry (word lower-case).
func (t *wordTable) add(word string, bits uint64) {
	if 2*(t.count()+1) > len(t.slots) {
		old := t.slots
		t.slots = make([]wordSlot, max(16, 2*len(old)))
		for _, s := range old {
			if s.word != "" {
				t.add(s.word, s.bits)
			}
		}
	}
	mask := uint32(len(t.slots) - 1)
	for i := hashLower(word) & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.word == "" || s.word == word {
			s.word = word
			s.bits |= bits
			return
		}
	}
}

func (t *wordTable) count() int {
	n := 0
	for _, s := range t.slots {
		if s.word != "" {
			n++
		}
	}
	return n
}

// get returns the bits of the word w ASCII-lower-cased equals, or 0.
func (t *wordTable) get(w string) uint64 {
	if len(t.slots) == 0 {
		return 0
	}
	mask := uint32(len(t.slots) - 1)
	for i := hashLower(w) & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.word == "" {
			return 0
		}
		if equalLower(w, s.word) {
			return s.bits
		}
	}
}

// equalLower reports whether s ASCII-lower-cased equals lower.
func equalLower(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if lowerByte(s[i]) != lower[i] {
			return false
		}
	}
	return true
}

// New compiles the lexicon and topics. Problems are returned as Errors,
// each naming the topic (empty for the lexicon) and the option path.
func New(lex Lexicon, topics []NamedTopic) (*Classifier, error) {
	l, errs := compileLexicon(lex)
	c := &Classifier{lex: l, gate: map[string][]uint64{}, prefixes: map[string][]uint64{}}
	c.maskWords = (len(topics) + 63) / 64
	names := map[string]bool{}
	for i, nt := range topics {
		t, terrs := compileTopic(nt, lex.Macros)
		errs = append(errs, terrs...)
		if names[nt.Name] {
			errs = append(errs, &Error{Topic: nt.Name, Msg: "duplicate topic name"})
		}
		names[nt.Name] = true
		c.topics = append(c.topics, t)
		for _, g := range nt.Spec.Gate {
			g = normWord(g)
			m := c.gate
			if strings.HasSuffix(g, "*") {
				g = strings.TrimSuffix(g, "*")
				m = c.prefixes
			}
			if m[g] == nil {
				m[g] = make([]uint64, c.maskWords)
			}
			m[g][i/64] |= 1 << (i % 64)
		}
	}
	ctxIndex := map[string]int{}
	for _, name := range slices.Sorted(maps.Keys(lex.Contexts)) {
		cx := lex.Contexts[name]
		i := len(c.ctxMin)
		if i == 64 {
			errs = append(errs, &Error{Path: []string{"contexts", name}, Msg: "at most 64 contexts"})
			break
		}
		ctxIndex[name] = i
		c.ctxMin = append(c.ctxMin, max(cx.Min, 1))
		if len(cx.Words) == 0 {
			errs = append(errs, &Error{Path: []string{"contexts", name, "words"}, Msg: "a context needs words"})
		}
		for _, w := range cx.Words {
			w = normWord(w)
			if w == "" {
				continue
			}
			c.ctxWords.add(w, 1<<i)
			c.ctxShapes.add(w)
			c.ctxFirst.add(w)
		}
	}
	for _, nt := range topics {
		ci := -1
		if nt.Spec.Context != "" {
			var ok bool
			if ci, ok = ctxIndex[nt.Spec.Context]; !ok {
				errs = append(errs, &Error{Topic: nt.Name, Path: []string{"context"}, Msg: fmt.Sprintf("unknown context %q (the classifier's contexts: %s)", nt.Spec.Context, strings.Join(slices.Sorted(maps.Keys(lex.Contexts)), ", "))})
			}
		}
		c.topicCtx = append(c.topicCtx, ci)
	}
	lens := map[int]bool{}
	for p := range c.prefixes {
		lens[len(p)] = true
	}
	for n := range lens {
		c.prefixLens = append(c.prefixLens, n)
	}
	sort.Ints(c.prefixLens)
	if len(errs) > 0 {
		return nil, errs
	}
	return c, nil
}

// Compile compiles now the patterns New deferred (those of a trusted
// lexicon and trusted topics) and returns their problems, as Errors, or
// nil. A pattern of a trusted topic or a list of a trusted lexicon that
// does not compile matches nothing.
func (c *Classifier) Compile() error {
	c.lex.compiled()
	errs := c.lex.compileAll()
	for _, t := range c.topics {
		errs = append(errs, t.compile()...)
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// warm compiles the deferred patterns of the lexicon and the cue
// patterns in pats, concurrently, when some are not compiled yet: the
// first document that needs them waits for the slowest one rather than
// for all in turn, and patterns no document may match are never
// compiled.
func (c *Classifier) warm(f *cueFilter, pats []uint64) {
	var todo []func()
	if !c.lex.ready.Load() {
		todo = append(todo, func() { c.lex.compiled() })
	}
	var mine []func()
	for ti, t := range c.topics {
		for pi := range t.pats {
			if f.has(pats, ti, pi) && !t.pats[pi].ready.Load() {
				mine = append(mine, func() { t.pattern(pi) })
			}
		}
	}
	if len(mine) > 0 {
		// The patterns are small: one goroutine compiles them all.
		todo = append(todo, func() {
			for _, f := range mine {
				f()
			}
		})
	}
	if len(todo) < 2 {
		return // compiled on first use
	}
	var wg sync.WaitGroup
	for _, f := range todo {
		wg.Go(f)
	}
	wg.Wait()
}

// cueFilter returns the classifier's cue filter, built on first use from
// the topics' precomputed cue words, or derived for topics without
// current ones.
func (c *Classifier) cueFilter() *cueFilter {
	c.filterOnce.Do(func() {
		var all []cueWords
		for _, t := range c.topics {
			all = append(all, t.cueWords())
		}
		c.filter = newCueFilter(all)
	})
	return c.filter
}

// Topics returns the compiled topics in order.
func (c *Classifier) Topics() []*Topic { return c.topics }

// Topic returns the topic named name, or nil.
func (c *Classifier) Topic(name string) *Topic {
	for _, t := range c.topics {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// Weights returns the weights in use.
func (c *Classifier) Weights() Weights { return c.lex.w }

// gateWord ORs the topics word opens into mask.
func (c *Classifier) gateWord(word string, mask []uint64) {
	var buf [48]byte
	if len(word) > len(buf) {
		return
	}
	lower := buf[:0]
	ascii := true
	for i := 0; i < len(word); i++ {
		b := word[i]
		if b >= utf8.RuneSelf {
			ascii = false
			break
		}
		if b >= 'A' && b <= 'Z' {
			b += 'a' - 'A'
		}
		lower = append(lower, b)
	}
	if !ascii {
		w := normWord(word)
		lower = append(buf[:0], w...)
	}
	if m, ok := c.gate[string(lower)]; ok {
		or(mask, m)
	}
	for _, n := range c.prefixLens {
		if n > len(lower) {
			break
		}
		if m, ok := c.prefixes[string(lower[:n])]; ok {
			or(mask, m)
		}
	}
	// Hyphenated words ("no-contact") also gate by their parts.
	if i := strings.IndexByte(word, '-'); i > 0 && i < len(word)-1 {
		c.gateWord(word[:i], mask)
		c.gateWord(word[i+1:], mask)
	}
}

// activeTopics returns the topics whose context the document meets.
func (c *Classifier) activeTopics(doc *document.Document) []uint64 {
	active := make([]uint64, c.maskWords)
	// need has the contexts topics name; the scan stops once all are met.
	var need, met uint64
	for i, ci := range c.topicCtx {
		if ci < 0 {
			active[i/64] |= 1 << (i % 64)
		} else {
			need |= 1 << ci
		}
	}
	if need == 0 {
		return active
	}
	counts := make([]int, len(c.ctxMin))
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		if !b.Kind.IsProse() {
			continue
		}
		text := b.Text
		for _, tok := range b.Tokens {
			// Words longer than 32 bytes never counted. A word counts
			// only when its first byte and length are those of a
			// context word (ctxFirst: exact, as wordTable.get compares
			// the lengths and the ASCII-lower-cased bytes), and then
			// only when its shape is one's.
			n := tok.End - tok.Start
			if tok.Kind != document.Word || uint32(n-1) >= 32 || c.ctxFirst[text[tok.Start]]&(1<<uint(n)) == 0 {
				continue
			}
			w := text[tok.Start:tok.End]
			if !c.ctxShapes.has(w) {
				continue
			}
			bits := c.ctxWords.get(w)
			for i := 0; bits != 0; i, bits = i+1, bits>>1 {
				if bits&1 != 0 {
					if counts[i]++; counts[i] >= c.ctxMin[i] {
						met |= 1 << i
					}
				}
			}
		}
		if met&need == need {
			break
		}
	}
	for i, ci := range c.topicCtx {
		if ci >= 0 && counts[ci] >= c.ctxMin[ci] {
			active[i/64] |= 1 << (i % 64)
		}
	}
	return active
}

func and(dst, src []uint64) {
	for i := range dst {
		dst[i] &= src[i]
	}
}

func or(dst, src []uint64) {
	for i := range dst {
		dst[i] |= src[i]
	}
}

func zero(m []uint64) bool {
	for _, w := range m {
		if w != 0 {
			return false
		}
	}
	return true
}

// gateText returns the topics the words of s open.
func (c *Classifier) gateText(s string, mask []uint64) {
	for _, w := range words(s) {
		c.gateWord(s[w.start:w.end], mask)
	}
}

// Sentence classifies one sentence for every topic it mentions.
func (c *Classifier) Sentence(s string) []Hit {
	mask := make([]uint64, c.maskWords)
	c.gateText(s, mask)
	return c.sentence(s, mask, nil, false)
}

// HeadingSentence classifies one sentence of a heading for every topic it
// mentions: a heading that opens with a question or framing word ("Why
// going no contact can backfire") frames its subject rather than advising
// it (see Lexicon.HeadingFrames).
func (c *Classifier) HeadingSentence(s string) []Hit {
	mask := make([]uint64, c.maskWords)
	c.gateText(s, mask)
	return c.sentence(s, mask, nil, true)
}

// sentence classifies s for the topics in mask. lists are the cue patterns
// the filter leaves for s, or nil to have them computed.
func (c *Classifier) sentence(s string, mask, lists []uint64, heading bool) []Hit {
	if zero(mask) {
		return nil
	}
	if len(s) > c.lex.maxSentence {
		return nil // a table, a list run together, not a sentence of advice
	}
	f := c.cueFilter()
	if lists == nil && !c.noFilter {
		lists = f.mask()
		f.sentence(s, lists)
	}
	// Cues first: most gated sentences have none, and then the clause
	// analysis is never needed.
	var in *sentenceInfo
	var hits []Hit
	for i, t := range c.topics {
		if mask[i/64]&(1<<(i%64)) == 0 || lists != nil && !f.topic(lists, i) {
			continue
		}
		cs := t.findCues(s, f, i, lists)
		if len(cs) == 0 {
			continue
		}
		if in == nil {
			if !c.lex.compiled() {
				return nil
			}
			in = c.lex.info(s, heading)
		}
		hits = append(hits, c.lex.judge(t, i, in, cs)...)
	}
	return hits
}

// Label is a sentence's stance on one topic.
type Label struct {
	// Stance indexes the topic's stances; -1 for none.
	Stance   int
	Strength float64
	Phased   bool
	// Cue is the strongest cue of the stance, in the sentence.
	Cue Hit
}

// Labels reduces a sentence's hits to one label per topic: the stance
// whose strongest cue is the strongest when that is advice (at least the
// Advice weight) and dominates the others by the Dominance weight; none
// otherwise (a mention, a sentence that advises both, or a sequence of
// phase-scoped advice).
func (c *Classifier) Labels(hits []Hit) map[int]Label {
	out := map[int]Label{}
	byTopic := map[int][]Hit{}
	for _, h := range hits {
		byTopic[h.Topic] = append(byTopic[h.Topic], h)
	}
	for ti, hs := range byTopic {
		totals := map[int]float64{}
		best := map[int]Hit{}
		for _, h := range hs {
			if b, ok := best[h.Stance]; !ok || h.Strength > b.Strength || h.Strength == b.Strength && b.Phased && !h.Phased {
				best[h.Stance] = h
				totals[h.Stance] = h.Strength
			}
		}
		top, second := -1, 0.0
		for st := range c.topics[ti].Stances {
			v, ok := totals[st]
			if !ok {
				continue
			}
			if top < 0 || v > totals[top] {
				if top >= 0 {
					second = max(second, totals[top])
				}
				top = st
			} else {
				second = max(second, v)
			}
		}
		allPhased := true
		for _, h := range hs {
			allPhased = allPhased && h.Phased
		}
		switch {
		case top < 0, totals[top] < c.lex.w.Advice:
			// No advice: a mention, a description, a weak hedge.
			out[ti] = Label{Stance: -1}
			continue
		case second > 0 && allPhased:
			// A sequence: "no contact for 30 days, then reach out".
			out[ti] = Label{Stance: -1}
			continue
		}
		if second > 0 && totals[top] < c.lex.w.Dominance*second {
			out[ti] = Label{Stance: -1}
			continue
		}
		b := best[top]
		out[ti] = Label{Stance: top, Strength: totals[top], Phased: b.Phased, Cue: b}
	}
	return out
}

// Judge returns the stance ID ("none" when there is none) a sentence gets
// on the named topic, with its strength and whether it is phase-scoped.
func (c *Classifier) Judge(topic, sentence string) (stance string, strength float64, phased bool) {
	return c.judgeText(topic, sentence, false)
}

// JudgeHeading is Judge for a sentence of a heading (see
// HeadingSentence).
func (c *Classifier) JudgeHeading(topic, sentence string) (stance string, strength float64, phased bool) {
	return c.judgeText(topic, sentence, true)
}

func (c *Classifier) judgeText(topic, sentence string, heading bool) (stance string, strength float64, phased bool) {
	ti := -1
	for i, t := range c.topics {
		if t.Name == topic {
			ti = i
		}
	}
	if ti < 0 {
		return None, 0, false
	}
	// Only the topic's own gate counts: other topics' labels are
	// independent of it, and this compiles no other deferred topic.
	mask := make([]uint64, c.maskWords)
	c.gateText(sentence, mask)
	only := make([]uint64, c.maskWords)
	only[ti/64] = mask[ti/64] & (1 << (ti % 64))
	l, ok := c.Labels(c.sentence(sentence, only, nil, heading))[ti]
	if !ok || l.Stance < 0 {
		return None, 0, false
	}
	return c.topics[ti].Stances[l.Stance], l.Strength, l.Phased
}

// Evidence is one sentence of a document that takes a stance on a topic.
type Evidence struct {
	Topic, Stance int
	Strength      float64
	Phased        bool
	// Sentence is the sentence's span in the source; Cue the strongest
	// cue's.
	Sentence, Cue document.Span
	// Text is the sentence's prose text.
	Text string
}

// Advice reports whether the evidence is strong enough to count as
// advice.
func (c *Classifier) Advice(e Evidence) bool { return e.Strength >= c.lex.w.Advice }

// Document classifies every prose sentence of doc that is not inside a
// block quotation, in source order.
func (c *Classifier) Document(doc *document.Document) []Evidence {
	var out []Evidence
	active := c.activeTopics(doc)
	if zero(active) {
		return nil
	}
	// First the cue filter and the gates of every sentence, so that the
	// cue patterns the document may match compile together (see warm).
	// Most sentences of a document in context hold none of the words a
	// topic's cues need, or mention no topic.
	n := c.maskWords
	f := c.cueFilter()
	nl := len(f.always)
	var masks, lists []uint64
	used := make([]uint64, nl)
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		if !b.Kind.IsProse() || b.Quoted > 0 || len(b.Sentences) == 0 {
			continue
		}
		ti := 0
		for _, s := range b.Sentences {
			masks = append(masks, make([]uint64, n)...)
			lists = append(lists, make([]uint64, nl)...)
			mask := masks[len(masks)-n:]
			l := lists[len(lists)-nl:]
			// The cue filter first (one pass over the bytes), then the
			// gates (a look-up per word) where it leaves a topic in
			// context: both must hold, in either order.
			ok := int(s.End) <= len(b.Text) && s.Start >= 0 && s.Start < s.End && int(s.End-s.Start) <= c.lex.maxSentence
			if ok {
				if c.noFilter {
					for i := range l {
						l[i] = ^uint64(0)
					}
				} else {
					f.sentence(b.Text[s.Start:s.End], l)
				}
				ok = false
				for i := range c.topics {
					if active[i/64]&(1<<(i%64)) != 0 && f.topic(l, i) {
						ok = true
						break
					}
				}
			}
			for ti < len(b.Tokens) && b.Tokens[ti].Start < s.End {
				tok := b.Tokens[ti]
				ti++
				if !ok || tok.Kind != document.Word || tok.Start < s.Start {
					continue
				}
				c.gateWord(b.Text[tok.Start:tok.End], mask)
			}
			if !ok {
				continue
			}
			and(mask, active)
			// A topic is left when both its gate and a cue pattern of
			// it are; only its patterns compile.
			for i := range c.topics {
				if mask[i/64]&(1<<(i%64)) == 0 || !f.topic(l, i) {
					mask[i/64] &^= 1 << (i % 64)
					f.clearTopic(l, i)
				}
			}
			if zero(mask) {
				continue
			}
			or(used, l)
		}
	}
	if zero(used) {
		return nil
	}
	c.warm(f, used)
	si := 0
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		if !b.Kind.IsProse() || b.Quoted > 0 || len(b.Sentences) == 0 {
			continue
		}
		for _, sent := range b.Sentences {
			start, end := int(sent.Start), int(sent.End)
			mask := masks[si*n : (si+1)*n]
			l := lists[si*nl : (si+1)*nl]
			si++
			if zero(mask) {
				continue
			}
			text := b.Text[start:end]
			hits := c.sentence(text, mask, l, b.Kind == document.Heading)
			if len(hits) == 0 {
				continue
			}
			labels := c.Labels(hits)
			for _, topic := range sortedInts(labels) {
				l := labels[topic]
				if l.Stance < 0 {
					continue
				}
				out = append(out, Evidence{
					Topic: topic, Stance: l.Stance, Strength: l.Strength, Phased: l.Phased,
					Sentence: b.SourceSpan(start, end),
					Cue:      b.SourceSpan(start+l.Cue.Start, start+l.Cue.End),
					Text:     strings.TrimSpace(text),
				})
			}
		}
	}
	return out
}

func sortedInts[V any](m map[int]V) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}
