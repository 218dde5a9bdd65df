package style

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/wordscan"
)

// termOptions are the options of the term-consistency kind.
type termOptions struct {
	// Groups are the spellings of one term ([email, e-mail]); the first is
	// the preferred one, used to break ties. Matching ignores the case of
	// ASCII letters and treats a space in a variant as any run of white
	// space; a plural "s" or "es" may follow.
	Groups [][]string `yaml:"groups"`
	// RelatedMessage labels the related span in another article.
	RelatedMessage string `yaml:"related_message"`
}

// termData is what term-consistency messages can use.
type termData struct {
	Variant  string // the minority spelling, as written in this article
	Majority string // the majority spelling (as listed in the group)
	Count    int    // how many other articles use the majority spelling
	Articles int    // how many articles use this article's spelling
}

// TermFact is the fact term-consistency exports for one article: how often
// each listed spelling occurs and where it first does.
type TermFact struct {
	Groups []TermGroupUse `json:"groups"`
}

// TermGroupUse is one variant group's use in an article.
type TermGroupUse struct {
	// Group is the group's first (preferred) variant, which names it.
	Group string `json:"group"`
	// Variants are the spellings the article uses, in group order.
	Variants []TermVariantUse `json:"variants"`
}

// TermVariantUse is one spelling's use in an article.
type TermVariantUse struct {
	// Variant is the spelling as listed in the group.
	Variant string `json:"variant"`
	// Count is how many times the article uses it.
	Count int `json:"count"`
	// First is where it first occurs and Text how it is written there.
	First finding.Location `json:"first"`
	Text  string           `json:"text"`
}

func termConsistencyKind(pools *pools) check.Kind {
	return check.Kind{
		Name: "term-consistency",
		Doc: `Reports a term spelled one way in some articles and another way in the
rest of the corpus ("e-mail" here, "email" in 14 other articles), from
the variant groups in options. Each article exports a TermFact with the
spellings it uses, their counts and first locations; after every
article, the spelling used by the most articles is the majority (ties:
more occurrences in the corpus, then the one listed first in the group).
Every article using another spelling gets ONE finding per group, at its
first minority occurrence, with a related location at the first
occurrence of the majority spelling in the first other article (by path)
that uses it. An article is only reported when some other article uses
the majority spelling: mixing within one article is the consistency
kind's business. Spellings match whole words, ignoring ASCII case, with
any white space for a space; plural endings count unless the plural is
itself listed.

Message data: {{.Variant}}, {{.Majority}}, {{.Count}}, {{.Articles}}.
Options: groups (lists of spellings), related_message.`,
		Build: func(spec *check.Spec) (*check.Check, error) { return buildTermConsistency(spec, pools) },
	}
}

// termGroup is a compiled variant group.
type termGroup struct {
	variants  []string
	spellings []spelling
}

// spellRef names one spelling: group and variant indexes.
type spellRef struct{ group, variant int }

// spelling is one variant compiled for matching: its words, ASCII letters
// in lower case, matched with any white space between them.
type spelling struct {
	parts  []string
	plural bool // a plural "s" or "es" may follow
}

// asciiLower lower-cases ASCII letters only, so every byte offset stays
// the same.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = lowerByte(c)
	}
	return string(b)
}

func buildTermConsistency(spec *check.Spec, pools *pools) (*check.Check, error) {
	var opts termOptions
	if err := decodeOptions(spec, &opts); err != nil {
		return nil, err
	}
	msg, err := newMessage[termData](spec.ID+" message", spec.Message, `This article uses "{{.Variant}}"; {{.Count}} other articles use "{{.Majority}}".`)
	if err != nil {
		return nil, err
	}
	related, err := newMessage[termData](spec.ID+" related_message", opts.RelatedMessage, `"{{.Majority}}" is used here`)
	if err != nil {
		return nil, err
	}
	var groups []termGroup
	seen := map[string]bool{}
	for gi, g := range opts.Groups {
		if len(g) < 2 {
			return nil, fmt.Errorf("%s: groups[%d]: a group needs at least two spellings", spec.ID, gi)
		}
		var tg termGroup
		for _, v := range g {
			key := strings.ToLower(strings.Join(strings.Fields(v), " "))
			if key == "" {
				return nil, fmt.Errorf("%s: groups[%d]: empty spelling", spec.ID, gi)
			}
			if seen[key] {
				return nil, fmt.Errorf("%s: groups[%d]: spelling %q is listed twice", spec.ID, gi, v)
			}
			seen[key] = true
			tg.variants = append(tg.variants, strings.Join(strings.Fields(v), " "))
		}
		for _, v := range tg.variants {
			// A plural ending is optional unless the plural is itself a
			// listed spelling ([toward, towards]).
			sp := spelling{parts: strings.Fields(asciiLower(v)), plural: true}
			for _, p := range sp.parts {
				if w := scanWords(p); len(w) != 1 || w[0].Start != 0 || int(w[0].End()) != len(p) {
					return nil, fmt.Errorf("%s: groups[%d]: %q: a spelling is words (letters, digits, inner hyphens or apostrophes) separated by spaces", spec.ID, gi, v)
				}
			}
			for _, o := range tg.variants {
				if strings.EqualFold(o, v+"s") || strings.EqualFold(o, v+"es") {
					sp.plural = false
				}
			}
			tg.spellings = append(tg.spellings, sp)
		}
		groups = append(groups, tg)
	}
	index := newTermIndex(groups)
	c := check.New(spec)
	c.NewFact = func() any { return &TermFact{} }
	c.Run = func(pass *check.Pass) error {
		if f := countTerms(pass, pools, groups, index); f != nil {
			pass.ExportFact(f)
		}
		return nil
	}
	c.RunCorpus = func(cp *check.CorpusPass) error {
		reportTerms(cp, groups, msg, related)
		return nil
	}
	return c, nil
}

// termIndex finds the spellings whose first word is a given word. Most
// words of an article are no such word: lengths[c] has bit n set when
// some spelling's first word starts with the byte c and is n bytes long
// (n < 64; longer ones set bit 63 too), so most words are rejected by one
// table lookup before their lower-case form is looked up.
type termIndex struct {
	lengths [256]uint64
	// A word may be a spelling's first word, perhaps with a plural ending,
	// only if its length n has bit n set in pairs[pairKey(w[0], w[1])]
	// or ones[w[0]]: bits n, n+1 and n+2 (at most 63) are set there for
	// each first word of n bytes, in pairs under its first two bytes (two
	// bytes or more) or in ones under its only byte.
	pairs [1024]uint64
	ones  [256]uint64
	// The first words of the spellings (ASCII letters in lower case) with
	// their spellings, by pairKey of their first two bytes (pairWords)
	// or, for one-byte words, by their byte (oneWords): a word is looked
	// up by comparing it with the few first words there.
	pairWords [1024][]firstWord
	oneWords  [256][]firstWord
	// codes holds every bit pairs and ones hold, by the pair key of a
	// word's code (wordscan.Word.Code): pairs[k] in codes[k], and ones[c]
	// in codes[k] for every k whose first byte's key is c's. A plain word
	// that mayStart lets through passes codes[code>>6] & (1 << (code&63))
	// too, so one lookup of its code rules out most plain words.
	codes [1024]uint64
	// uses holds *termUses for countTerms to reuse (it is safe for
	// concurrent use; the rest of the index is read only).
	uses sync.Pool
}

// termUses is countTerms's count of each variant of each group, in one
// backing array, reused from document to document.
type termUses struct {
	all    []TermVariantUse
	groups [][]TermVariantUse
}

// firstWord is the first word of some spellings, and those spellings.
type firstWord struct {
	word string
	refs []spellRef
}

func newTermIndex(groups []termGroup) *termIndex {
	ix := &termIndex{}
	first := map[string][]spellRef{}
	var words []string // first words in order of first listing
	for gi, g := range groups {
		for vi, sp := range g.spellings {
			w := sp.parts[0]
			if first[w] == nil {
				words = append(words, w)
			}
			first[w] = append(first[w], spellRef{gi, vi})
			ix.lengths[w[0]] |= lengthBit(len(w))
			for k := range 3 {
				if len(w) == 1 {
					ix.ones[w[0]] |= lengthBit(len(w) + k)
				} else {
					ix.pairs[pairKey(w[0], w[1])] |= lengthBit(len(w) + k)
				}
			}
		}
	}
	ix.codes = ix.pairs
	for c, bits := range ix.ones {
		for x := range 32 {
			ix.codes[pairKey(byte(c), 0)|x] |= bits
		}
	}
	for _, w := range words {
		fw := firstWord{word: w, refs: first[w]}
		if len(w) == 1 {
			ix.oneWords[w[0]] = append(ix.oneWords[w[0]], fw)
		} else {
			k := pairKey(w[0], w[1])
			ix.pairWords[k] = append(ix.pairWords[k], fw)
		}
	}
	return ix
}

// mayStart reports whether word (not empty) may be a spelling's first
// word, perhaps with a plural ending; most words are ruled out by one or
// two table lookups.
func (ix *termIndex) mayStart(word string) bool {
	bits := ix.ones[lowerByte(word[0])]
	if len(word) > 1 {
		bits |= ix.pairs[pairKey(word[0], word[1])]
	}
	return bits&lengthBit(len(word)) != 0
}

// pairKey is the index in termIndex.pairs of a word's first two bytes:
// their low five bits, the same for an ASCII letter in either case (other
// bytes may share keys, which only lets more words through). It is
// wordscan.PairKey, which the words' codes are made of.
func pairKey(a, b byte) int { return wordscan.PairKey(a, b) }

// lengthBit is the bit of termIndex.lengths for a word of n bytes (bit 0,
// never set, for n <= 0).
func lengthBit(n int) uint64 { return 1 << max(min(n, 63), 0) }

// lowerByte lower-cases an ASCII letter.
func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// lookup returns the spellings whose first word is w with its ASCII
// letters lower-cased, comparing w with the first words under its first
// two bytes (without allocating).
func (ix *termIndex) lookup(w string) []spellRef {
	if len(w) == 0 || ix.lengths[lowerByte(w[0])]&lengthBit(len(w)) == 0 {
		return nil
	}
	cands := ix.oneWords[lowerByte(w[0])]
	if len(w) > 1 {
		cands = ix.pairWords[pairKey(w[0], w[1])]
	}
	for _, c := range cands {
		if equalLower(w, c.word) {
			return c.refs
		}
	}
	return nil
}

// equalLower reports whether s equals lower, a string whose ASCII letters
// are in lower case, once s's ASCII letters are lower-cased.
func equalLower(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := range len(s) {
		if lowerByte(s[i]) != lower[i] {
			return false
		}
	}
	return true
}

// countTerms builds an article's fact, or nil when it uses no listed term
// (the prose in storage from pools).
func countTerms(pass *check.Pass, pools *pools, groups []termGroup, index *termIndex) *TermFact {
	var uses [][]TermVariantUse
	var scratch *termUses // where uses are, handed back at the end
	defer func() {
		if scratch != nil {
			index.uses.Put(scratch)
		}
	}()
	p := sharedProse(pass, pools)
	for bi, b := range p.blocks {
		text := p.texts[bi]
		words := p.wordsOf(pass, bi)
		for wi, w := range words {
			// Most words are no spelling's first word, nor one with a
			// plural ending: a plain word is ruled out by its code.
			if c := w.Code(); c != 0 {
				if index.codes[c>>6]&(1<<(c&63)) == 0 {
					continue
				}
			} else if !index.mayStart(w.In(text)) {
				continue
			}
			word := w.In(text)
			try := func(key string, plural bool) {
				for _, ref := range index.lookup(key) {
					sp := groups[ref.group].spellings[ref.variant]
					if plural && (!sp.plural || len(sp.parts) > 1) {
						continue
					}
					end, ok := sp.matchRest(text, words, wi)
					if !ok {
						continue
					}
					if uses == nil {
						// One backing array for every group's variants,
						// reused (the fact copies what it keeps).
						scratch, _ = index.uses.Get().(*termUses)
						if scratch == nil {
							scratch = &termUses{}
						}
						n := 0
						for gi := range groups {
							n += len(groups[gi].variants)
						}
						all := scratch.all[:0]
						if cap(all) < n {
							all = make([]TermVariantUse, n)
						}
						all = all[:n]
						clear(all)
						scratch.all = all
						uses = scratch.groups[:0]
						for gi := range groups {
							k := len(groups[gi].variants)
							uses, all = append(uses, all[:k:k]), all[k:]
						}
						scratch.groups = uses
					}
					v := &uses[ref.group][ref.variant]
					if v.Count == 0 {
						*v = TermVariantUse{
							Variant: groups[ref.group].variants[ref.variant],
							First:   pass.Doc.Location(b.SourceSpan(int(w.Start), end)),
							Text:    strings.Clone(strings.Join(strings.Fields(text[w.Start:end]), " ")), // a copy: facts outlive the document
						}
					}
					v.Count++
				}
			}
			try(word, false)
			// A plural ending, in either case ("e-mails", "E-MAILS").
			if n := len(word); n > 1 && lowerByte(word[n-1]) == 's' {
				try(word[:n-1], true)
				if n > 2 && lowerByte(word[n-2]) == 'e' {
					try(word[:n-2], true)
				}
			}
		}
	}
	if uses == nil {
		return nil
	}
	var fact TermFact
	for gi, g := range groups {
		use := TermGroupUse{Group: g.variants[0]}
		for _, v := range uses[gi] {
			if v.Count > 0 {
				use.Variants = append(use.Variants, v)
			}
		}
		if len(use.Variants) > 0 {
			fact.Groups = append(fact.Groups, use)
		}
	}
	return &fact
}

// matchRest checks the words after words[wi] (whose text matched the first
// part) against the rest of the spelling, with only white space between,
// and returns the end of the match. The last word may carry a plural
// ending when the spelling allows one. Text is compared with its ASCII
// letters lower-cased.
func (sp spelling) matchRest(text string, words []word, wi int) (int, bool) {
	end := int(words[wi].End())
	for k, p := range sp.parts[1:] {
		j := wi + 1 + k
		if j >= len(words) || !onlySpace(text[end:words[j].Start]) {
			return 0, false
		}
		w := words[j].In(text)
		last := k == len(sp.parts)-2
		if !equalLower(w, p) && !(last && sp.plural && pluralOf(w, p)) {
			return 0, false
		}
		end = int(words[j].End())
	}
	return end, true
}

// pluralOf reports whether w is p followed by "s" or "es", comparing with
// w's ASCII letters lower-cased.
func pluralOf(w, p string) bool {
	n := len(p)
	if len(w) <= n || !equalLower(w[:n], p) {
		return false
	}
	rest := w[n:]
	return equalLower(rest, "s") || equalLower(rest, "es")
}

// termArticle is one article's use of one variant.
type termArticle struct {
	path string
	use  TermVariantUse
}

// reportTerms runs the corpus phase of term-consistency.
func reportTerms(cp *check.CorpusPass, groups []termGroup, msg, related message[termData]) {
	// byGroup[group][variant] lists the articles using that spelling, in
	// path order (Facts are sorted by path).
	byGroup := map[string]map[string][]termArticle{}
	for _, df := range cp.Facts {
		f, ok := df.Fact.(*TermFact)
		if !ok || f == nil {
			continue
		}
		for _, g := range f.Groups {
			if byGroup[g.Group] == nil {
				byGroup[g.Group] = map[string][]termArticle{}
			}
			for _, v := range g.Variants {
				byGroup[g.Group][v.Variant] = append(byGroup[g.Group][v.Variant], termArticle{path: df.Path, use: v})
			}
		}
	}
	for _, g := range groups {
		uses := byGroup[g.variants[0]]
		if len(uses) < 2 {
			continue
		}
		majority := majorityVariant(g.variants, uses)
		// Each article is reported once per group, at its earliest
		// minority occurrence.
		firstMinority := map[string]TermVariantUse{}
		var paths []string
		for _, v := range g.variants {
			if v == majority {
				continue
			}
			for _, a := range uses[v] {
				prev, ok := firstMinority[a.path]
				if !ok {
					paths = append(paths, a.path)
				}
				if !ok || a.use.First.Start.Offset < prev.First.Start.Offset {
					firstMinority[a.path] = a.use
				}
			}
		}
		sort.Strings(paths)
		for _, p := range paths {
			var other *termArticle
			count := 0
			for i, a := range uses[majority] {
				if a.path == p {
					continue
				}
				if other == nil {
					other = &uses[majority][i]
				}
				count++
			}
			if other == nil {
				continue // only this article uses the majority spelling
			}
			use := firstMinority[p]
			data := termData{Variant: use.Text, Majority: majority, Count: count, Articles: len(uses[use.Variant])}
			cp.Report(finding.Finding{
				Message:  msg.format(data),
				Location: use.First,
				Related:  []finding.Related{{Location: other.use.First, Message: related.format(data)}},
				Snippet:  use.Text,
			})
		}
	}
}

// majorityVariant picks the spelling used by the most articles; ties go
// to more occurrences, then to the earlier variant in the group.
func majorityVariant(variants []string, uses map[string][]termArticle) string {
	best, bestArticles, bestCount := "", -1, -1
	for _, v := range variants {
		n, total := len(uses[v]), 0
		for _, a := range uses[v] {
			total += a.use.Count
		}
		if n > bestArticles || (n == bestArticles && total > bestCount) {
			best, bestArticles, bestCount = v, n, total
		}
	}
	return best
}
