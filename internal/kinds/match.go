package kinds

import (
	"fmt"
	"iter"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/rulepack"
	"github.com/galley-lint/galley/internal/wordscan"
)

// isWordRune reports whether r belongs to a word for boundary purposes.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.Is(unicode.Mn, r)
}

// asciiWord marks ASCII letters, digits and the underscore.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for r := range rune(utf8.RuneSelf) {
		t[r] = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return t
}()

var spaceRun = regexp.MustCompile(`\s+`)

// normalize folds a phrase for lookup: runs of white space become one
// space, and case is folded unless caseSensitive.
func normalize(s string, caseSensitive bool) string {
	s = spaceRun.ReplaceAllString(strings.TrimSpace(s), " ")
	if !caseSensitive {
		s = strings.ToLower(s)
	}
	return s
}

// phraseSet finds literal words and phrases in text on word boundaries,
// much faster than a regular expression alternation: candidates are
// looked up by their first character at word starts only. A space in a
// phrase matches any run of white space (a phrase may wrap across lines).
type phraseSet struct {
	caseSensitive bool
	ascii         [128][]int     // first byte -> phrase indexes, longest first
	other         map[rune][]int // first rune (non-ASCII) -> phrase indexes
	fields        [][][]rune     // per phrase, its fields (folded unless case-sensitive)
	// second[i] is the ASCII rune that the second rune of phrase i's
	// first field folds to, or 0 when that rune is not ASCII or the field
	// has one rune. A candidate whose text has another ASCII byte there
	// cannot match, which rules out most candidates without calling
	// match. (A non-ASCII text rune may fold to an ASCII one, as the
	// Kelvin sign does to k, so it rules out nothing.)
	second []byte
	// simple[i] is phrase i folded when it is one word of ASCII letters,
	// digits and underscores (most phrases), else "". Such a phrase
	// matches exactly a whole word equal to it, so a word matches no
	// simple phrase unless its length n has bit n set in
	// pairLengths[pairKey(w[0], w[1])] (phrases of two bytes or more) or
	// oneLengths[w[0]] (phrases of one). The other (complex) phrases are
	// found through their first two runes: complexPairs[pairKey(c, s)]
	// for one starting with ASCII c and s, complexAny[c] for one starting
	// with c whose second rune is not ASCII or not in its first field.
	simple       []string
	pairLengths  [1024]uint64
	oneLengths   [utf8.RuneSelf]uint64
	complexPairs [1024]bool
	complexAny   [utf8.RuneSelf]bool
	// inert[c] is set for the ASCII bytes that are not word bytes and
	// start no phrase (spaces, most punctuation): nothing is tried there.
	inert [utf8.RuneSelf]bool
	// ends and goes are the sets of the hashes (keyHash) of the
	// phrases' lead keys (leadKey) by which findAllIn rules out ASCII
	// blocks: of phrases that end with their lead, and of the others.
	// noLead is set when some phrase starts with an ASCII byte that is
	// not a word byte, so nothing can be ruled out that way, nonASCIILead
	// when some phrase starts with a non-ASCII rune, so no block with a
	// non-ASCII byte can.
	ends, goes   [1 << wordHashBits / 64]uint64
	noLead       bool
	nonASCIILead bool
	// A run of ASCII word bytes can be a lead (the run of a lead key)
	// only if its length n has bit n set (lengthBit) in
	// leadPairs[runKey(run)].
	leadPairs [1024]uint64
}

// phraseMatch is one match: text[S:E] is phrase number Index.
type phraseMatch struct {
	S, E, Index int
}

func fold(r rune, caseSensitive bool) rune {
	if caseSensitive {
		return r
	}
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// newPhraseSet indexes phrases; empty phrases never match. Index in
// matches refers to the position in phrases.
func newPhraseSet(phrases []string, caseSensitive bool) *phraseSet {
	ps := &phraseSet{caseSensitive: caseSensitive, other: map[rune][]int{}}
	ps.fields = make([][][]rune, len(phrases))
	ps.second = make([]byte, len(phrases))
	ps.simple = make([]string, len(phrases))
	for i, p := range phrases {
		for _, f := range strings.Fields(p) {
			rs := []rune(f)
			for j, r := range rs {
				rs[j] = fold(r, caseSensitive)
			}
			ps.fields[i] = append(ps.fields[i], rs)
		}
		if len(ps.fields[i]) == 0 {
			continue
		}
		switch key, ends, ascii := leadKey(ps.fields[i]); {
		case key == "" && ascii:
			ps.noLead = true
		case key == "":
			ps.nonASCIILead = true
		case ends:
			h := keyHash(key, true)
			ps.ends[h>>6] |= 1 << (h & 63)
			ps.addLead(key)
		default:
			h := keyHash(key, false)
			ps.goes[h>>6] |= 1 << (h & 63)
			ps.addLead(key[:len(key)-1])
		}
		if f := ps.fields[i]; len(f) == 1 && isSimpleWord(f[0]) {
			ps.simple[i] = string(f[0])
		}
		first := ps.fields[i][0][0]
		if f := ps.fields[i][0]; len(f) > 1 && f[1] < utf8.RuneSelf {
			ps.second[i] = byte(f[1])
		}
		if first < utf8.RuneSelf {
			ps.ascii[first] = append(ps.ascii[first], i)
		} else {
			ps.other[first] = append(ps.other[first], i)
		}
		if !caseSensitive && first < utf8.RuneSelf && 'a' <= first && first <= 'z' {
			// Index the capital too, so lookups need no folding.
			up := first - ('a' - 'A')
			ps.ascii[up] = append(ps.ascii[up], i)
		}
	}
	length := func(i int) int {
		n := 0
		for _, f := range ps.fields[i] {
			n += len(f) + 1
		}
		return n
	}
	byLength := func(list []int) {
		slices.SortStableFunc(list, func(a, b int) int { return length(b) - length(a) })
	}
	for i := range ps.ascii {
		ps.inert[i] = !asciiWord[i] && len(ps.ascii[i]) == 0
		byLength(ps.ascii[i])
		for _, c := range ps.ascii[i] {
			switch w, f := ps.simple[c], ps.fields[c][0]; {
			case len(w) == 1:
				ps.oneLengths[i] |= lengthBit(1)
			case w != "":
				ps.pairLengths[pairKey(byte(i), w[1])] |= lengthBit(len(w))
			case len(f) > 1 && f[1] < utf8.RuneSelf:
				ps.complexPairs[pairKey(byte(i), byte(f[1]))] = true
			default:
				ps.complexAny[i] = true
			}
		}
	}
	for _, l := range ps.other {
		byLength(l)
	}
	return ps
}

// addLead records the run of a lead key (folded) in leadPairs.
func (ps *phraseSet) addLead(run string) {
	ps.leadPairs[runKey(run, 0, len(run))] |= lengthBit(len(run))
}

// runKey is the index in leadPairs of the run text[s:e] (not empty) of
// ASCII word bytes: pairKey of its first two bytes, or of its byte and 0
// for a run of one byte (only one-byte runs have length bit 1, so they
// are told apart from longer runs by their length).
func runKey(text string, s, e int) int {
	if e-s == 1 {
		return pairKey(text[s], 0)
	}
	return pairKey(text[s], text[s+1])
}

func (ps *phraseSet) candidates(r rune) []int {
	if r < utf8.RuneSelf {
		return ps.ascii[r]
	}
	return ps.other[fold(r, ps.caseSensitive)]
}

// match reports where phrase i ends when it starts at text[pos:].
func (ps *phraseSet) match(text string, pos, i int) (int, bool) {
	var last rune
	for j, f := range ps.fields[i] {
		if j > 0 {
			start := pos
			for pos < len(text) {
				r, size := utf8.DecodeRuneInString(text[pos:])
				if !unicode.IsSpace(r) {
					break
				}
				pos += size
			}
			if pos == start {
				return 0, false
			}
		}
		for _, want := range f {
			if pos >= len(text) {
				return 0, false
			}
			if c := text[pos]; c < utf8.RuneSelf {
				if !ps.caseSensitive && 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				if rune(c) != want {
					return 0, false
				}
				pos++
				last = rune(text[pos-1])
				continue
			}
			r, size := utf8.DecodeRuneInString(text[pos:])
			if fold(r, ps.caseSensitive) != want {
				return 0, false
			}
			pos += size
			last = r
		}
	}
	if pos < len(text) && isWordRune(last) {
		if next, _ := utf8.DecodeRuneInString(text[pos:]); isWordRune(next) {
			return 0, false
		}
	}
	return pos, true
}

// findAll returns the leftmost-longest, non-overlapping matches in text.
// Candidates are tried at every position that does not continue a word,
// first match (longest first) wins.
func (ps *phraseSet) findAll(text string) []phraseMatch {
	return ps.findAllStops(text, appendStops(nil, text))
}

// findAllStops is findAll given the stops of text (appendStops), which
// phrase sets share: skipStops passes over the text where no candidate
// can match; the rest is stepped through rune by rune.
func (ps *phraseSet) findAllStops(text string, stops []stop) []phraseMatch {
	var out []phraseMatch
	k := 0            // stops before stops[k] start before i
	prevWord := false // text[i-1] is a word rune
	for i := 0; i < len(text); {
		if !prevWord {
			if i, k = ps.skipStops(text, i, stops, k); i >= len(text) {
				break
			}
		}
		c := text[i]
		if c < utf8.RuneSelf && asciiWord[c] && prevWord {
			// Inside a word nothing is tried.
			i = asciiWordEnd(text, i+1)
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		isWord := isWordRune(r)
		if !(isWord && prevWord) {
			if m, ok := ps.matchAt(text, i, ps.candidates(r)); ok {
				out = append(out, m)
				last, _ := utf8.DecodeLastRuneInString(text[:m.E])
				prevWord, i = isWordRune(last), m.E
				continue
			}
		}
		prevWord = isWord
		i += size
	}
	return out
}

// stop is a place in a text that skipStops looks at whatever the phrase
// set: a maximal run of ASCII word bytes, a maximal run of non-ASCII
// bytes, or one other ASCII byte that is not white space. White space,
// between stops, starts no phrase of any set (phrases are split on it).
type stop struct{ start, end int32 }

// appendStops appends the stops of text to out. (Offsets are int32: a
// text of 2 GiB or more gets no stops past that, and then no matches.)
func appendStops(out []stop, text string) []stop {
	for i := 0; i < len(text) && i <= math.MaxInt32; {
		c := text[i]
		j := i + 1
		switch {
		case c >= utf8.RuneSelf:
			for j < len(text) && text[j] >= utf8.RuneSelf {
				j++
			}
		case asciiWord[c]:
			j = asciiWordEnd(text, j)
		case asciiSpace[c]:
			i++
			continue
		}
		out = append(out, stop{int32(i), int32(min(j, math.MaxInt32))})
		i = j
	}
	return out
}

// asciiSpace marks the ASCII white space.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// skipStops returns the first offset from i on where findAll has a
// candidate to try, or len(text); text[i-1] must not be a word rune, and
// neither is the byte before the offset returned. k indexes the first
// stop that may start at i or later; the index to pass next time is
// returned with the offset. It passes over white space, inert bytes and
// whole ASCII words (ended by an ASCII byte or the end) that no candidate
// can match: when every candidate for the word's first byte is simple, a
// match is the whole word, so a word whose length no such candidate has
// cannot match. It stops at non-ASCII bytes, at other bytes with
// candidates, and at the start of a word followed by a non-ASCII byte
// (which could continue the word or fold to an ASCII letter).
func (ps *phraseSet) skipStops(text string, i int, stops []stop, k int) (int, int) {
	if i < len(text) && text[i] >= utf8.RuneSelf {
		return i, k
	}
	for k < len(stops) && int(stops[k].start) < i {
		k++
	}
	for ; k < len(stops); k++ {
		s, q := int(stops[k].start), int(stops[k].end)
		c := text[s]
		switch {
		case c >= utf8.RuneSelf:
			return s, k
		case !asciiWord[c]:
			if !ps.inert[c] {
				return s, k
			}
		default:
			if q < len(text) && text[q] >= utf8.RuneSelf || ps.complexAny[c] {
				return s, k
			}
			// text[s+1] is ASCII: in the word, or the byte after it.
			lengths := ps.oneLengths[c]
			if s+1 < len(text) {
				if ps.complexPairs[pairKey(c, text[s+1])] {
					return s, k
				}
				lengths |= ps.pairLengths[pairKey(c, text[s+1])]
			}
			if lengths&lengthBit(q-s) != 0 {
				return s, k
			}
		}
	}
	return len(text), k
}

// asciiWordEnd returns the offset of the first byte from i on that is not
// an ASCII word byte, or len(text).
func asciiWordEnd(text string, i int) int {
	for i < len(text) && text[i] < utf8.RuneSelf && asciiWord[text[i]] {
		i++
	}
	return i
}

// matchAt returns the match of the first of cands (phrases whose first
// rune is the one at text[pos]) that matches at text[pos:].
func (ps *phraseSet) matchAt(text string, pos int, cands []int) (phraseMatch, bool) {
	_, size := utf8.DecodeRuneInString(text[pos:])
	next := -1 // the ASCII byte after the first rune, folded; -1 if none
	if j := pos + size; j < len(text) && text[j] < utf8.RuneSelf {
		next = int(fold(rune(text[j]), ps.caseSensitive))
	}
	for _, c := range cands {
		if want := ps.second[c]; want != 0 && next >= 0 && next != int(want) {
			continue
		}
		if e, ok := ps.match(text, pos, c); ok {
			return phraseMatch{pos, e, c}, true
		}
	}
	return phraseMatch{}, false
}

// isSimpleWord reports whether a folded field is ASCII letters, digits
// and underscores only.
func isSimpleWord(f []rune) bool {
	for _, r := range f {
		if r >= utf8.RuneSelf || !asciiWord[r] {
			return false
		}
	}
	return len(f) > 0
}

// pairKey is the index in phraseSet.pairLengths and complexPairs of two
// ASCII bytes: their low five bits, the same for a letter in either case
// (other bytes share keys too, which only lets more words through).
// It is wordscan.PairKey, which the words' codes are made of.
func pairKey(a, b byte) int { return wordscan.PairKey(a, b) }

// lengthBit is the bit of phraseSet.pairLengths for a word of n bytes.
func lengthBit(n int) uint64 { return 1 << min(n, 63) }

// findAll returns the non-overlapping, non-empty matches of re in text.
func findAll(re *regexp.Regexp, text string) [][2]int {
	var out [][2]int
	for _, m := range re.FindAllStringIndex(text, -1) {
		if m[1] > m[0] {
			out = append(out, [2]int{m[0], m[1]})
		}
	}
	return out
}

// hasPlaceholder reports whether s contains a document.Placeholder.
func hasPlaceholder(s string) bool {
	return strings.ContainsRune(s, document.Placeholder)
}

// scope is the set of prose block kinds a rule looks at: bit k for
// kind k (a bit set rather than a map, as it is tested for every block).
type scope uint32

// has reports whether kind k is in the scope.
func (sc scope) has(k document.BlockKind) bool { return k >= 0 && k < 32 && sc&(1<<k) != 0 }

var proseKinds = []document.BlockKind{document.Paragraph, document.Heading, document.ListItem, document.TableCell}

// parseScope turns option names into a scope; empty means all prose.
func parseScope(opts check.Options, names []string) (scope, error) {
	var sc scope
	if len(names) == 0 {
		for _, k := range proseKinds {
			sc |= 1 << k
		}
		return sc, nil
	}
	var errs rulepack.Errors
	for i, n := range names {
		found := false
		for _, k := range proseKinds {
			if k.String() == n {
				sc |= 1 << k
				found = true
			}
		}
		if !found {
			errs = append(errs, rulepack.OptionErrorf(opts, []string{"scope", fmt.Sprint(i)}, "unknown scope %q (want paragraph, heading, list-item or table-cell)", n))
		}
	}
	return sc, errs.Err()
}

// blocks yields the document's prose blocks within the scope, in order,
// with their index in doc.Blocks, without collecting them.
func (sc scope) blocks(doc *document.Document) iter.Seq2[int, *document.Block] {
	return func(yield func(int, *document.Block) bool) {
		for i := range doc.Blocks {
			if b := &doc.Blocks[i]; b.Kind.IsProse() && sc.has(b.Kind) && !yield(i, b) {
				return
			}
		}
	}
}

// decode decodes spec options (which may be nil in tests).
func decode(spec *check.Spec, v any) error {
	if spec.Options == nil {
		return nil
	}
	return spec.Options.Decode(v)
}

// messageTemplate builds the spec's message template; a message is
// required for the generic kinds.
func messageTemplate(spec *check.Spec, sample any) (*Template, error) {
	if strings.TrimSpace(spec.Message) == "" {
		return nil, fmt.Errorf("kind %s needs a message", spec.Kind)
	}
	return NewTemplate(spec.Message, sample)
}

// matchCase gives repl the case pattern of match: all capitals when match
// is all capitals (two letters or more), a capital first letter when match
// starts with one; otherwise repl as written.
func matchCase(match, repl string) string {
	letters, upper := 0, 0
	for _, r := range match {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters >= 2 && upper == letters {
		return strings.ToUpper(repl)
	}
	first, _ := utf8.DecodeRuneInString(match)
	if unicode.IsUpper(first) {
		r, size := utf8.DecodeRuneInString(repl)
		if unicode.IsLower(r) {
			return string(unicode.ToUpper(r)) + repl[size:]
		}
	}
	return repl
}

// fixFor returns a fix replacing span with repl when the source at span is
// exactly match (no markup inside the span), else nil.
func fixFor(doc *document.Document, span document.Span, match, repl, message string) []check.Fix {
	if doc.Text(span) != match {
		return nil
	}
	return []check.Fix{{Message: message, Edits: []check.Edit{{Span: span, NewText: repl}}}}
}

// fixTemplate builds the optional fix_message template; nil when unset.
// Errors are rulepack.Problems located at the option.
func fixTemplate(spec *check.Spec, text string, sample any) (*Template, error) {
	if text == "" {
		return nil, nil
	}
	t, err := NewTemplate(text, sample)
	if err != nil {
		return nil, rulepack.OptionErrorf(spec.Options, []string{"fix_message"}, "%v", err)
	}
	return t, nil
}

// fixMessage renders t with data, or returns msg when t is nil.
func fixMessage(t *Template, msg string, data any) string {
	if t == nil {
		return msg
	}
	return t.Execute(data)
}
