// Package wordscan finds the words of prose: runs of letters, decimal
// digits and marks (Unicode L, Nd and M), where an apostrophe (' or ’), a
// hyphen or an underscore between two such runes belongs to the word
// ("don't", "e-mail", "snake_case").
//
// The parser has already split every prose block into tokens
// (document.Token), and most words are tokens of ASCII letters and digits,
// so the words of a block are read from its tokens where that is exact
// (BlockWords), and only the other tokens, or whole blocks where tokens
// and words may differ, are scanned byte by byte (AppendWords). A
// document's words are computed once and shared by every check through
// check.Pass.Shared (Shared): the style rules read them, and the phrase
// sets of the generic kinds derive their ASCII word runs from them. Each
// word carries a code (Word.Code) of its first two bytes and length, so
// that a rule rules most words out with one table lookup. A document's
// words are stored in arrays from a Pool, which the memo's Release hands
// back for the next document.
//
//	pool := wordscan.NewPool()           // once per rule set
//	words := wordscan.Shared(pass, pool) // in a check's Run
//	for _, w := range words.Words[i] {   // block i of pass.Doc
//		if c := w.Code(); c != 0 && table[c>>6]&(1<<(c&63)) == 0 {
//			continue // a plain word none of the rule's words can be
//		}
//		... w.In(pass.Doc.Blocks[i].Text) ...
//	}
package wordscan

import (
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
)

// Word is one word of a text, by byte offsets (int32, as in
// document.Token), in twelve bytes: documents hold millions of words.
type Word struct {
	Start int32
	// end is the end offset, with plainBit set when the word is plain.
	end uint32
	// code is the word's Code.
	code uint16
}

// plainBit marks a plain word in Word.end (offsets are below 2 GiB).
const plainBit = 1 << 31

// NewWord returns the word text[start:end]; plain says that it is ASCII
// letters and digits only.
func NewWord(text string, start, end int32, plain bool) Word {
	w := Word{Start: start, end: uint32(end)}
	if plain {
		w.end |= plainBit
		w.code = CodeOf(text, int(start), int(end))
	}
	return w
}

// Code returns the word's code, computed once for every rule that tests
// words by it: for a plain word, CodeOf its text; 0 for the others. Words
// equal ignoring ASCII case have equal codes.
func (w Word) Code() uint16 { return w.code }

// CodeOf returns the code of text[s:e], a run of ASCII letters and digits
// (not empty): PairKey of its first two bytes (of its byte and 0 when it
// has one) in the top ten bits, its length (63 for 63 or more) in the low
// six, which are never all zero. A rule holding a 64-bit mask of lengths
// per pair key (1024 of them) tests a word with one lookup:
// mask[code>>6] & (1 << (code & 63)).
func CodeOf(text string, s, e int) uint16 {
	b := byte(0)
	if e-s > 1 {
		b = text[s+1]
	}
	return uint16(PairKey(text[s], b))<<6 | uint16(min(e-s, 63))
}

// WordCode returns the code a Word whose text is w has (Word.Code):
// CodeOf(w) when w is plain (ASCII letters and digits, not empty), 0
// otherwise.
func WordCode(w string) uint16 {
	if w == "" || !plainBytes(w, 0, len(w)) {
		return 0
	}
	return CodeOf(w, 0, len(w))
}

// PairKey is the index (below 1024) of two bytes in tables of word
// starts: their low five bits, the same for an ASCII letter in either case
// (other bytes may share keys, which only lets more words through).
func PairKey(a, b byte) int { return int(a&0x1F)<<5 | int(b&0x1F) }

// End returns the offset after the word.
func (w Word) End() int32 { return int32(w.end &^ plainBit) }

// Plain reports whether the word is ASCII letters and digits only.
func (w Word) Plain() bool { return w.end&plainBit != 0 }

// In returns the word's text in text.
func (w Word) In(text string) string { return text[w.Start:w.End()] }

// IsWordRune reports whether r is a letter, a decimal digit or a mark:
// what words are made of.
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	if 0x2000 <= r && r <= 0x206F || r == document.Placeholder {
		// General punctuation (spaces, dashes, quotes, format
		// characters) and the placeholder, the commonest non-ASCII
		// runes of prose, hold no word rune (TestIsWordRuneFast).
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// Byte classes of AppendWords (and of style's line scan); every byte from
// 0x80 up is classNonASCII and goes through the unicode tables.
const (
	classOther uint8 = iota
	classLetter
	classDigit
	classJoiner // ' - _
	classNonASCII
)

// ASCIIClass describes an ASCII byte: whether it is a letter, a digit, or
// one of the joiners ' - _ that may join word runs. ok is false for bytes
// from 0x80 up, which only a rune decode can classify.
func ASCIIClass(c byte) (letter, digit, joiner, ok bool) {
	k := byteClass[c]
	return k == classLetter, k == classDigit, k == classJoiner, k != classNonASCII
}

// byteClass classifies bytes for AppendWords and ASCIIClass.
var byteClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c >= 0x80:
			t[c] = classNonASCII
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			t[c] = classLetter
		case '0' <= c && c <= '9':
			t[c] = classDigit
		case c == '\'' || c == '-' || c == '_':
			t[c] = classJoiner
		}
	}
	return t
}()

// wordRuneAt reports whether a word rune starts at text[i] (false at the
// end of text).
func wordRuneAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	switch byteClass[text[i]] {
	case classLetter, classDigit:
		return true
	case classNonASCII:
		r, _ := utf8.DecodeRuneInString(text[i:])
		return IsWordRune(r)
	}
	return false
}

// AppendWords appends the words of text to out, scanning it byte by byte:
// ASCII bytes are classified by one table lookup; only other bytes are
// decoded and looked up in the unicode tables.
//
// Offsets are int32: a text of 2 GiB or more has no words past that.
func AppendWords(out []Word, text string) []Word {
	return appendWordsFrom(out, text[:min(len(text), math.MaxInt32)], 0)
}

// appendWordsFrom appends the words of text from offset i on.
func appendWordsFrom(out []Word, text string, i int) []Word {
	for i < len(text) {
		c := byteClass[text[i]]
		if c == classOther || c == classJoiner {
			i++ // no word starts here
			continue
		}
		if c == classNonASCII {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !IsWordRune(r) {
				i += size
				continue
			}
		}
		start, plain := i, true
		for i < len(text) {
			c = byteClass[text[i]]
			if c == classLetter || c == classDigit {
				i++
				continue
			}
			if c == classOther {
				break // how most words end
			}
			if c == classJoiner {
				if !wordRuneAt(text, i+1) {
					break
				}
				plain = false
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if !IsWordRune(r) && (r != '’' || !wordRuneAt(text, i+size)) {
				break
			}
			plain = false
			i += size
		}
		out = append(out, NewWord(text, int32(start), int32(i), plain))
	}
	return out
}

// BlockWords appends the words of text, whose parser tokens are toks, to
// out: AppendWords(out, text), computed from the tokens where that is
// exact.
//
// Why it is exact: the parser's word and number tokens are made of
// letters and marks (Unicode L and M), digits (Nd and Nl), joiners between
// them (' ’ - and U+2010, U+2011) and, in numbers, separators (. ,)
// between digits; every word rune is in such a token (a symbol token
// may take marks and other runes after its first rune, so a block with
// such a symbol takes the byte scan). A joiner of a word is a joiner of
// tokens too, except the underscore, so in a text without one every word
// lies within one token: it cannot run past the token's ends, as whatever
// continues a word continues a token. A token of ASCII letters and digits
// only is then exactly one word, and the words of any other token are
// found by scanning the token alone. A block without tokens (as a
// document built by hand has), or with tokens that do not fit its text,
// is scanned whole.
func BlockWords(out []Word, text string, toks []document.Token) []Word {
	if len(toks) == 0 || len(text) > math.MaxInt32 || strings.IndexByte(text, '_') >= 0 {
		return AppendWords(out, text)
	}
	start := len(out)
	prev := 0 // the end of the token before
	for _, t := range toks {
		s, e := int(t.Start), int(t.End)
		if s < prev || e <= s || e > len(text) {
			return AppendWords(out[:start], text) // not the tokens of text
		}
		prev = e
		switch t.Kind {
		case document.Word, document.Number:
			// Whether text[s:e] is ASCII letters and digits only, up to
			// eight bytes at once (plainLast8 is inlined: no call is made
			// per token). TestPlain tests this through plain.
			if n := e - s; n <= 8 && e >= 8 {
				if w := load8(text, e-8); plainLast8(w, n) {
					// The code (CodeOf) from the token's bytes, in
					// the low n lanes of v (the lanes above are 0).
					v := w >> (uint(8*(8-n)) & 63)
					code := uint16(v&0x1F)<<11 | uint16(v>>8&0x1F)<<6 | uint16(n)
					out = append(out, Word{Start: t.Start, end: uint32(t.End) | plainBit, code: code})
					continue
				}
			} else if plainBytes(text, s, e) {
				out = append(out, NewWord(text, t.Start, t.End, true))
				continue
			}
			out = appendWordsFrom(out, text[:e], s)
		case document.Symbol:
			if c := text[s]; c < utf8.RuneSelf {
				if e-s > 1 {
					return AppendWords(out[:start], text)
				}
			} else if text[s:e] != placeholder {
				if _, size := utf8.DecodeRuneInString(text[s:]); e-s > size {
					return AppendWords(out[:start], text)
				}
			}
		}
	}
	return out
}

// placeholder is document.Placeholder as a string.
const placeholder = string(document.Placeholder)

// SWAR constants: each lane of a uint64 is one byte of the text.
const (
	ones = 0x0101010101010101
	lo7  = 0x7F7F7F7F7F7F7F7F
	hi   = 0x8080808080808080
)

// load8 returns text[i:i+8] as a little-endian word (one load).
func load8(text string, i int) uint64 {
	b := text[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// plainLast8 reports whether the last n (1 to 8) of the eight bytes in
// w's lanes are ASCII letters and digits only. For a lane below 0x80,
// adding 0x80-c carries into its bit 7 exactly when it is c or more, and
// never out of the lane; only the lanes' high bits are kept, by want at
// the end, so that plainLast8 is cheap enough to be inlined into
// BlockWords's loop over tokens.
func plainLast8(w uint64, n int) bool {
	shift := uint(8*(8-n)) & 63
	v := w >> shift // the bytes in the low n lanes; the lanes above are ignored
	x := v & lo7
	f := x | ones*0x20 // ASCII letters in lower case
	alnum := (f+ones*(0x80-'a'))&^(f+ones*(0x80-'z'-1)) | (x+ones*(0x80-'0'))&^(x+ones*(0x80-'9'-1))
	want := uint64(hi) >> shift
	return alnum&^v&want == want
}

// plainBytes reports whether text[s:e] is ASCII letters and digits only,
// byte by byte.
func plainBytes(text string, s, e int) bool {
	for i := s; i < e; i++ {
		if c := byteClass[text[i]]; c != classLetter && c != classDigit {
			return false
		}
	}
	return true
}

// HasNonASCII reports whether text has a byte from 0x80 up, testing eight
// bytes at a time.
func HasNonASCII(text string) bool {
	i := 0
	for ; i+8 <= len(text); i += 8 {
		if load8(text, i)&hi != 0 {
			return true
		}
	}
	for ; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// Doc holds the words of a document's prose blocks.
type Doc struct {
	// Words[i] are the words of doc.Blocks[i].Text (BlockWords); nil for
	// blocks that are not prose.
	Words [][]Word
	// all is the backing array of Words, kept for the next document when
	// the Doc came from a Pool (pool), to which Release returns it.
	all  []Word
	pool *Pool
}

// Pool keeps the storage of released Docs (their Words and backing
// array) for the next documents, so that a worker does not allocate and
// zero a document's words anew each time. A rule set holds one (several
// are harmless: a Doc returns to the pool it came from); it is safe for
// concurrent use.
type Pool struct {
	docs sync.Pool
}

// NewPool returns an empty pool.
func NewPool() *Pool { return &Pool{} }

// Release hands d's storage back to the pool it came from
// (check.Releaser): the engine calls it once every check of the document
// has run, and nothing may use d or its Words afterwards. A Doc from
// NewDoc is left to the garbage collector.
func (d *Doc) Release() {
	if d.pool != nil {
		d.pool.docs.Put(d)
	}
}

// MayRepeat reports whether two consecutive words of text may be equal
// ignoring case (strings.EqualFold): it is false only when, for every
// pair, both words are plain and differ in code (CodeOf), in length or,
// ignoring case, in their last byte (plain words are equal ignoring case
// exactly when their bytes are equal once ASCII letters are lower-cased,
// and then their codes are equal too), or both start with ASCII bytes
// that differ ignoring case.
func MayRepeat(text string, words []Word) bool {
	for k := 1; k < len(words); k++ {
		a, b := words[k-1], words[k]
		if a.code != 0 && b.code != 0 {
			if a.code != b.code || a.End()-a.Start != b.End()-b.Start || text[a.End()-1]|0x20 != text[b.End()-1]|0x20 {
				continue
			}
			return true
		}
		x, y := text[a.Start], text[b.Start]
		if x < utf8.RuneSelf && y < utf8.RuneSelf && x|0x20 != y|0x20 {
			continue
		}
		if a.Plain() && b.Plain() && (a.End()-a.Start != b.End()-b.Start || text[a.End()-1]|0x20 != text[b.End()-1]|0x20) {
			continue
		}
		return true
	}
	return false
}

// key is the check.Memo key of a document's Doc. The value depends on
// the document only (not on the pool its storage comes from).
type key struct{}

// Shared returns the words of the document's prose blocks, computed once
// per document for every check that asks, in storage from pool (nil:
// freshly allocated), to which the memo's Release returns it.
func Shared(pass *check.Pass, pool *Pool) *Doc {
	return pass.Shared(key{}, func() any { return pool.NewDoc(pass.Doc) }).(*Doc)
}

// NewDoc finds the words of the prose blocks of doc (nil: none), in one
// backing array.
func NewDoc(doc *document.Document) *Doc {
	d := &Doc{}
	d.fill(doc)
	return d
}

// NewDoc is NewDoc, in the storage of a Doc released to p (if any), which
// Release returns to p. A nil p allocates, as NewDoc does.
func (p *Pool) NewDoc(doc *document.Document) *Doc {
	if p == nil {
		return NewDoc(doc)
	}
	d, _ := p.docs.Get().(*Doc)
	if d == nil {
		d = &Doc{pool: p}
	}
	d.fill(doc)
	return d
}

// fill sets d.Words to the words of doc's prose blocks, reusing d's
// arrays where they are large enough.
func (d *Doc) fill(doc *document.Document) {
	if doc == nil {
		d.Words = nil
		return
	}
	n := len(doc.Blocks)
	words := d.Words[:0]
	if cap(words) < n {
		words = make([][]Word, n)
	} else {
		words = words[:n]
	}
	size := 0
	for i := range doc.Blocks {
		size += len(doc.Blocks[i].Tokens)
	}
	// A word is a token (or, rarely, part of one: "1.5" is two words),
	// so the tokens bound the words closely enough that append seldom
	// grows the array (which would copy it).
	all := d.all[:0]
	if cap(all) < size+1 {
		all = make([]Word, 0, size+1)
	}
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		if !b.Kind.IsProse() {
			words[i] = nil
			continue
		}
		start := len(all)
		all = BlockWords(all, b.Text, b.Tokens)
		words[i] = all[start:len(all):len(all)]
	}
	// When append grew all, the blocks before hold the old array, which
	// stays valid; the new one is kept for the next document.
	d.Words, d.all = words, all
}
