package kinds

import (
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/wordscan"
)

// A phrase set rules a block out before looking at it stop by stop, from
// the runs of ASCII word bytes of the block, read from its words, which
// every phrase-set rule of a document shares (docWords) with the style
// rules (wordscan).
//
// Why this is exact: a phrase whose first rune (folded) is an ASCII word
// byte matches at an offset s only where the text's rune folds to that
// byte. In a text without the two non-ASCII runes that fold to ASCII
// letters (foldsToASCII), that is the same ASCII byte, and findAll tries
// candidates only where no word rune precedes, so s starts a maximal run
// of ASCII word bytes (non-ASCII bytes end runs here). That run is then
// exactly the phrase's leading run of ASCII word bytes (its lead), since
// what follows the lead in the phrase is not an ASCII word byte, so ends
// the run in the text too. When the phrase goes on after its lead, the
// byte after the run must be the phrase's next byte when that is ASCII,
// and is white space or a non-ASCII byte otherwise (a space between
// fields matches any white space, ASCII or not): so "e-mail" needs a run
// "e" followed by "-", and "web site" a run "web" followed by white space
// or a non-ASCII byte. Folding ASCII letters to lower case is a necessary
// condition for a case-sensitive set as well.
//
// So each run of the text is hashed alone (h1) and with the byte after it
// (h2; white space and non-ASCII bytes as ' '), each phrase that ends with
// its lead puts the hash of its lead in the set's ends, each that goes on
// puts the hash of its lead and next byte (' ' likewise) in its goes, and
// a block none of whose runs has its h1 among ends or its h2 among goes
// has no match. Before hashing a run, the set looks up its first two
// bytes and length in leadPairs, which has a bit for the first bytes and
// length of every lead: most runs are ruled out there, so are not hashed
// at all. The key and length of each plain word are computed once per
// document, with its words (wordscan.Word.Code), so each set tests a
// word with one lookup.
// Blocks with a rune that folds to ASCII take the full path, as do all
// blocks for a set with a phrase that starts with an ASCII byte that is
// not a word byte, and blocks with a non-ASCII byte for a set with a
// phrase that starts with a non-ASCII rune.
//
// The runs are read from the block's words (wordscan), which the style
// rules read too: every ASCII letter and digit is in a word, and a word
// ends before no letter or digit, so in a text without an underscore the
// runs are the runs of ASCII letters and digits within the words, and a
// plain word (ASCII letters and digits only) is one run. A block with an
// underscore is scanned byte by byte.

// wordHashBits is the number of bits of a word hash a phrase set indexes.
const wordHashBits = 16

// Multipliers of the word hash.
const (
	hashLength uint64 = 0x9E3779B97F4A7C15
	hashMul    uint64 = 0xBF58476D1CE4E5B9
)

// fold8 sets bit 5 of every byte: it folds ASCII letters to lower case and
// leaves digits and the underscore as they are.
const fold8 = 0x2020202020202020

// load8 returns text[i:i+8] as a little-endian word.
func load8(text string, i int) uint64 {
	_ = text[i+7]
	return uint64(text[i]) | uint64(text[i+1])<<8 | uint64(text[i+2])<<16 | uint64(text[i+3])<<24 |
		uint64(text[i+4])<<32 | uint64(text[i+5])<<40 | uint64(text[i+6])<<48 | uint64(text[i+7])<<56
}

// runHash hashes text[s:e], a run of ASCII word bytes, folded to lower
// case, eight bytes at a time.
func runHash(text string, s, e int) uint64 {
	h := uint64(e-s) * hashLength
	for ; e-s > 8; s += 8 {
		h = (h ^ (load8(text, s) | fold8)) * hashMul
	}
	// The last one to eight bytes, in the low bytes of v.
	shift := 8 * uint(8-(e-s))
	var v uint64
	if e >= 8 {
		v = load8(text, e-8) >> shift
	} else {
		for j := e - 1; j >= s; j-- {
			v = v<<8 | uint64(text[j])
		}
	}
	return (h ^ (v | fold8>>shift)) * hashMul
}

// withNext mixes the byte after a run into the run's hash.
func withNext(h uint64, next byte) uint64 { return (h ^ uint64(next)) * hashMul }

// top16 is the part of a hash the sets index.
func top16(h uint64) uint32 { return uint32(h >> 48) }

// keyHash returns the hash a phrase set indexes for a lead key (leadKey):
// the run's hash when the phrase ends with its lead, else the hash of the
// run and the byte after it.
func keyHash(key string, ends bool) uint32 {
	if ends {
		return top16(runHash(key, 0, len(key)))
	}
	return top16(withNext(runHash(key, 0, len(key)-1), key[len(key)-1]))
}

// leadKey returns what a phrase (its folded fields) needs of the run of
// ASCII word bytes it starts with (see above): the lead, folded, with ends
// set when the phrase ends with it, else the lead and the byte after it
// (' ' for a space or a non-ASCII rune). For a phrase that starts with
// another rune, it returns "" and whether that rune is ASCII.
func leadKey(fields [][]rune) (key string, ends, ascii bool) {
	if len(fields) == 0 || len(fields[0]) == 0 {
		return "", false, true
	}
	var b []byte
	f := fields[0]
	for _, r := range f {
		if r >= utf8.RuneSelf || !asciiWord[r] {
			break
		}
		b = append(b, byte(r)|0x20)
	}
	switch {
	case len(b) == 0:
		return "", false, f[0] < utf8.RuneSelf
	case len(b) < len(f) && f[len(b)] < utf8.RuneSelf:
		return string(append(b, byte(f[len(b)]))), false, true
	case len(b) < len(f) || len(fields) > 1:
		return string(append(b, ' ')), false, true
	}
	return string(b), true, true
}

// foldsToASCII are the non-ASCII runes that unicode.ToLower maps to ASCII
// (TestFoldsToASCII checks the list): İ to i and the Kelvin sign to k.
var foldsToASCII = []string{"\u0130", "\u212A"}

// docWords is what the phrase sets of a document share: per block of
// doc.Blocks, its words, whether its text has an underscore or a non-ASCII
// byte or must take the full path, and its stops once computed.
type docWords struct {
	// words[i] are block i's words (wordscan.Doc); nil when the block is
	// not prose.
	words [][]wordscan.Word
	// info[i] describes block i's text (one array, not one per field).
	info []blockInfo
	// stops[i] are block i's stops, computed on first use.
	stops [][]stop
	// allStops is the backing array of stops, kept for the next document
	// when pool is set (Release).
	allStops []stop
	pool     *pools
}

// pools holds the per-document storage the phrase-set rules of one rule
// set reuse from document to document: the words (wordscan) and the
// docWords, which the memo releases once a document's checks are done.
// It is safe for concurrent use.
type pools struct {
	words    *wordscan.Pool
	docWords sync.Pool
}

// newPools returns empty pools.
func newPools() *pools { return &pools{words: wordscan.NewPool()} }

// Release hands w's storage back to its pool (check.Releaser); nothing
// may use w afterwards. Nothing of it is kept in findings: matches are
// offsets, and texts are cut from the blocks' Text.
func (w *docWords) Release() {
	if w.pool != nil {
		w.pool.docWords.Put(w)
	}
}

// blockInfo is what docWords knows of one block's text.
type blockInfo struct {
	// underscore is set when the text has an underscore.
	underscore bool
	// nonASCII is set when the text has a non-ASCII byte.
	nonASCII bool
	// full is set when the block is prose with a rune that folds to
	// ASCII (or too long for int32 stops), so it cannot be ruled out.
	full bool
	// done is set once the block's stops are computed.
	done bool
}

// wordsKey is the check.Memo key of a document's docWords. The value
// depends on the document only.
type wordsKey struct{}

// sharedWords returns what the phrase sets of the document share,
// computed once per document in storage from p.
func sharedWords(pass *check.Pass, p *pools) *docWords {
	return pass.Shared(wordsKey{}, func() any {
		var w *docWords
		if p != nil {
			w, _ = p.docWords.Get().(*docWords)
		}
		if w == nil {
			w = &docWords{pool: p}
		}
		var words *wordscan.Pool
		if p != nil {
			words = p.words
		}
		w.fill(pass.Doc, wordscan.Shared(pass, words))
		return w
	}).(*docWords)
}

// newDocWords collects what the phrase sets need of the document's prose
// blocks, given their words ws.
func newDocWords(doc *document.Document, ws *wordscan.Doc) *docWords {
	w := &docWords{}
	w.fill(doc, ws)
	return w
}

// reuse returns s[:n] cleared, or a new slice when s is too small.
func reuse[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// fill sets w to what the phrase sets need of doc's prose blocks, given
// their words ws, reusing w's arrays where they are large enough.
func (w *docWords) fill(doc *document.Document, ws *wordscan.Doc) {
	n := len(doc.Blocks)
	w.words = ws.Words
	w.info = reuse(w.info, n)
	w.stops = reuse(w.stops, n)
	w.allStops = w.allStops[:0]
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		if !b.Kind.IsProse() {
			continue
		}
		in := &w.info[i]
		in.underscore = strings.IndexByte(b.Text, '_') >= 0
		in.nonASCII = wordscan.HasNonASCII(b.Text)
		in.full = len(b.Text) > math.MaxInt32 || in.nonASCII && hasFoldsToASCII(b.Text)
	}
}

// codeScan is the code (wordscan.Word.Code) of a word that is not plain:
// its runs are found by scanning it. A plain word is one run, and its code
// is runKey<<6 | min(length, 63), so that a set tests it with
// leadPairs[code>>6] & (1 << (code & 63)), as mayLead does.
const codeScan = 0

// hasFoldsToASCII reports whether text has a rune of foldsToASCII.
func hasFoldsToASCII(text string) bool {
	for _, r := range foldsToASCII {
		if strings.Contains(text, r) {
			return true
		}
	}
	return false
}

// runHashes returns h1<<16 | h2 for the run text[s:e] of ASCII word
// bytes: the run's hash and the hash of the run followed by the byte after
// it (white space and non-ASCII bytes as ' ', 0 at the end).
func runHashes(text string, s, e int) uint32 {
	var h uint64
	if n := e - s; n <= 8 && e >= 8 {
		// runHash of a run of at most eight bytes, inline (most runs).
		shift := 8 * uint(8-n)
		h = (uint64(n)*hashLength ^ (load8(text, e-8)>>shift | fold8>>shift)) * hashMul
	} else {
		h = runHash(text, s, e)
	}
	next := byte(0) // the byte after the run; 0 at the end
	if e < len(text) {
		if next = text[e]; next >= utf8.RuneSelf || asciiSpace[next] {
			next = ' '
		}
	}
	return top16(h)<<16 | top16(withNext(h, next))
}

// stopsOf returns the stops of block i, whose text is text.
func (w *docWords) stopsOf(i int, text string) []stop {
	if !w.info[i].done {
		// Every block's stops in one array (a block's slice keeps the
		// old array when append grows it).
		start := len(w.allStops)
		w.allStops = appendStops(w.allStops, text)
		w.stops[i], w.info[i].done = w.allStops[start:len(w.allStops):len(w.allStops)], true
	}
	return w.stops[i]
}

// findAllIn returns findAll(text) for block i of the document whose
// words are w, skipping the block when no run of it can be a lead.
func (ps *phraseSet) findAllIn(w *docWords, i int, text string) []phraseMatch {
	if in := w.info[i]; !in.full && !ps.noLead && !(ps.nonASCIILead && in.nonASCII) && !ps.mayHaveLead(text, w.words[i], in.underscore) {
		return nil
	}
	return ps.findAllStops(text, w.stopsOf(i, text))
}

// mayHaveLead reports whether some run of ASCII word bytes of text, whose
// words are words, may be a phrase's lead (mayLead and leadHash), testing
// plain words by their codes; underscore says that text has an
// underscore, so its runs are found by scanning it.
func (ps *phraseSet) mayHaveLead(text string, words []wordscan.Word, underscore bool) bool {
	if underscore {
		return ps.runHasLead(text, 0, len(text))
	}
	for _, w := range words {
		c := w.Code()
		if c == codeScan {
			if ps.runHasLead(text, int(w.Start), int(w.End())) {
				return true
			}
			continue
		}
		if ps.leadPairs[c>>6]&(1<<(c&63)) != 0 && ps.leadHash(text, int(w.Start), int(w.End())) {
			return true
		}
	}
	return false
}

// runHasLead reports whether some run of ASCII word bytes in text[s:e]
// may be a lead; a run at e goes on past it only when text[e] is an ASCII
// word byte.
func (ps *phraseSet) runHasLead(text string, s, e int) bool {
	for i := s; i < e; {
		if c := text[i]; c >= utf8.RuneSelf || !asciiWord[c] {
			i++
			continue
		}
		j := asciiWordEnd(text, i+1)
		if ps.mayLead(text, i, j) && ps.leadHash(text, i, j) {
			return true
		}
		i = j
	}
	return false
}

// mayLead reports whether the first two bytes and the length of the run
// text[s:e] of ASCII word bytes are a lead's (leadPairs): most
// runs are ruled out by it, and the rest by their hashes (leadHash). It
// is small enough to be inlined in the loops over runs.
func (ps *phraseSet) mayLead(text string, s, e int) bool {
	return ps.leadPairs[runKey(text, s, e)]&lengthBit(e-s) != 0
}

// leadHash reports whether the hashes of the run text[s:e] of ASCII word
// bytes are among the set's.
func (ps *phraseSet) leadHash(text string, s, e int) bool {
	h := runHashes(text, s, e)
	h1, h2 := h>>16, h&0xFFFF
	return ps.ends[h1>>6]&(1<<(h1&63)) != 0 || ps.goes[h2>>6]&(1<<(h2&63)) != 0
}
