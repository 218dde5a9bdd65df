package boilerplate

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/galley-lint/galley/internal/document"
)

// lineTable is the cheap line table every document gets: block context
// for every line, and visible-text facts for the short candidate lines
// that the seed gate (mayHaveSeed) and template-line look at. It is built
// in one pass over the lines with reused buffers; only documents the gate
// lets through get the full table (readLines).
type lineTable struct {
	src   []byte
	lines []lineInfo
	// vis holds the visible text of the known lines, one after another:
	// arena, viewed as a string.
	vis   string
	arena []byte
	// valid: src is valid UTF-8, so no line needs checking (raw).
	valid bool
	// covered and sc are markBlocks's and compute's buffers, kept for
	// the next document with the table.
	covered []bool
	sc      visScratch
	// pool is the pool the table returns to on Release (nil: none).
	pool *tablePool
}

// lineInfo is what the line table knows of one line. The fields below
// known are as readLines computes them for the same line (words is
// len(line.words), first its first rune), and are set only when known is
// true. It is kept small (44 bytes): every line of every document has
// one. Counts fit in 16 bits since they are of lines of maxLineBytes at
// most (or at most a byline's words), offsets in 32 since input is at
// most parse.MaxInputSize.
type lineInfo struct {
	start, end int32 // the line's span, without its ending
	blank      bool
	lineCtx
	long bool
	// gateLine: the line is the one line of its run of multi-line prose
	// lines the seed gate tests (see markGateLines).
	gateLine bool
	// known: the fields below are set. They are for candidate lines that
	// are long (terminal only: see longWords) or short, outside multi-line
	// prose or the gate line of a run of its lines (see needInfo).
	known    bool
	template bool
	terminal bool
	// ascii: the line's bytes are all ASCII (short lines only).
	ascii bool
	first rune
	words int16
	upper int16 // words starting with an upper-case letter
	// tokens is the number of normalized words (strings.Fields of
	// normalize(visible)): runs of letters and digits, which an
	// apostrophe splits.
	tokens    int16
	links     int16
	linkChars int16
	anchors   int16
	vis       [2]int32 // the visible text is table.vis[vis[0]:vis[1]]
}

// span returns the line's span, without its ending.
func (l *lineInfo) span() document.Span { return document.Span{Start: int(l.start), End: int(l.end)} }

// visible returns line i's visible text (known short lines only).
func (t *lineTable) visible(i int) string {
	v := t.lines[i].vis
	return t.vis[v[0]:v[1]]
}

// raw returns line i's bytes, as readLines reads them (invalid UTF-8
// replaced).
func (t *lineTable) raw(i int) []byte {
	sp := t.lines[i].span()
	b := t.src[sp.Start:sp.End]
	if !t.valid && !utf8.Valid(b) {
		b = []byte(strings.ToValidUTF8(string(b), "\uFFFD"))
	}
	return b
}

// needInfo reports whether line i of lines needs its visible-text facts:
// lines of multi-line prose are never residue or template lines, and the
// seed gate tests one line of each run of them (its gate line, see
// markGateLines). What else looks at a line of prose (plainHeading, the
// gate's headingOverProse and byline test) computes it when it needs it.
func needInfo(lines []lineInfo, i int) bool {
	return !lines[i].inProse || lines[i].gateLine
}

// markGateLines marks in each run of multi-line prose lines the line the
// seed gate tests: the shortest, the cheapest to read, or the first when
// a heading is the line before (across blank lines). A run holds a seed
// only when every line of it matches a pack non-weakly
// (releaseResidueParagraphs), so any one of them failing mayMatch rules
// the run out. A run with a line longer than maxLineBytes (when the source
// is valid UTF-8, a line's length is its span's) matches never: it gets
// no gate line.
func (t *lineTable) markGateLines() {
	lines := t.lines
	for i := 0; i < len(lines); {
		if !lines[i].inProse {
			i++
			continue
		}
		// Under a heading, the gate reads the run's first line anyway
		// (headingOverProse): that one is its gate line.
		h := i - 1
		for h >= 0 && lines[h].blank {
			h--
		}
		first := h >= 0 && lines[h].heading && lines[i].candidate
		g, long := -1, false
		j := i
		for ; j < len(lines) && lines[j].inProse; j++ {
			n := lines[j].end - lines[j].start
			long = long || t.valid && n > maxLineBytes
			if lines[j].candidate && (g < 0 || !first && n < lines[g].end-lines[g].start) {
				g = j
			}
		}
		if g >= 0 && !long {
			lines[g].gateLine = true
		}
		i = j
	}
}

// buildTable builds doc's line table; sentenceWords is as for readLines.
func buildTable(doc *document.Document, sentenceWords int) *lineTable {
	return new(lineTable).fill(doc, sentenceWords)
}

// fill makes t doc's line table, reusing t's storage, and returns t.
func (t *lineTable) fill(doc *document.Document, sentenceWords int) *lineTable {
	n := doc.LineCount()
	t.src, t.valid = doc.Source, utf8.Valid(doc.Source)
	// Every line's entry is written whole below: nothing of a reused
	// table's lines is left.
	t.lines = slices.Grow(t.lines[:0], n)[:n]
	for i := range t.lines {
		sp := doc.LineSpan(i + 1)
		t.lines[i] = lineInfo{start: int32(sp.Start), end: int32(sp.End), blank: isBlank(doc.Source[sp.Start:sp.End])}
		t.lines[i].candidate = !t.lines[i].blank
	}
	t.covered = markBlocks(doc, len(t.lines), func(i int) *lineCtx { return &t.lines[i].lineCtx }, sentenceWords, t.covered)
	t.markGateLines()
	// Visible text is never longer than its line, so the arena needs at
	// most the length of the lines computed, and never moves while it is
	// written.
	size := 0
	for i := range t.lines {
		if t.lines[i].candidate && needInfo(t.lines, i) {
			size += t.lines[i].span().Len()
		}
	}
	arena := slices.Grow(t.arena[:0], size)
	for i := range t.lines {
		if !t.lines[i].candidate || !needInfo(t.lines, i) {
			continue
		}
		info, vis := t.compute(i, &t.sc)
		info.vis[0] = int32(len(arena))
		arena = append(arena, vis...)
		info.vis[1] = int32(len(arena))
		t.lines[i] = info
	}
	t.arena = arena
	// t.vis views the arena without a copy: the arena is not written
	// again until the table is released (Release), after which nothing
	// may read the table (check.Releaser).
	t.vis = unsafe.String(unsafe.SliceData(arena), len(arena))
	return t
}

// isBlank reports whether line holds only white space, as
// bytes.TrimSpace finds it; a line starting with an ASCII byte that is no
// space (nearly every non-blank line) is answered at once.
func isBlank(line []byte) bool {
	// Leading ASCII white space is skipped here; the first other byte
	// decides when it is ASCII (a line of ASCII white space only is
	// blank), and bytes.TrimSpace only when it is not.
	for i, c := range line {
		if c >= utf8.RuneSelf {
			return len(bytes.TrimSpace(line[i:])) == 0
		}
		if !asciiSpace[c] {
			return false
		}
	}
	return true
}

// asciiSpace marks the ASCII bytes bytes.TrimSpace trims.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// Release hands the table's storage back to the pool it came from, for
// the next document's table; the engine calls it once every check of the
// document has run (check.Releaser). A table built without a pool keeps
// its storage.
func (t *lineTable) Release() {
	if t.pool == nil {
		return
	}
	t.src, t.vis = nil, ""
	t.pool.p.Put(t)
}

// tablePool reuses line tables' storage from document to document: its
// lines, its visible-text arena and its scratch buffers. The rules of one
// Kinds call share one.
type tablePool struct{ p sync.Pool }

// build returns doc's line table, in storage from the pool.
func (tp *tablePool) build(doc *document.Document, sentenceWords int) *lineTable {
	t, _ := tp.p.Get().(*lineTable)
	if t == nil {
		t = &lineTable{pool: tp}
	}
	return t.fill(doc, sentenceWords)
}

// compute returns candidate line i with its visible-text facts set, and
// its visible text (valid until sc's next use; nil for long lines and
// template lines, which are no candidates).
func (t *lineTable) compute(i int, sc *visScratch) (lineInfo, []byte) {
	l := t.lines[i]
	raw := t.raw(i)
	l.known = true
	if len(raw) > maxLineBytes {
		// As readLines: a long line is never residue; its words are its
		// fields, which are counted when needed (longWords).
		l.long = true
		l.terminal = endsSentence(raw)
		return l, nil
	}
	cur, trig := sc.triggers(raw)
	// Template syntax needs one of { } % or ":::"; stripLeadBytes
	// leaves them all in the text the triggers were read from. A
	// template line is no candidate, and what reads the table reads no
	// other fact of a line that is none: its visible text is not built.
	if trig&(trigTemplate|trigColon) != 0 && isTemplateBytes(raw) {
		l.template, l.candidate = true, false
		return l, nil
	}
	vis, linkChars, links, anchors := sc.visibleFrom(cur, trig)
	l.linkChars, l.links, l.anchors = int16(linkChars), int16(links), int16(anchors)
	words, first, upper, tokens := wordTokenStats(vis)
	l.words, l.first, l.upper, l.tokens = int16(words), first, int16(upper), int16(tokens)
	l.terminal = endsSentence(vis)
	l.ascii = trig&trigHigh == 0 && isASCII(raw[:sc.lead])
	if l.words == 0 {
		l.candidate = false
	}
	return l, vis
}

// isASCII reports whether b holds only ASCII bytes.
func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// longWords returns, for long line i, min(limit, its number of fields)
// (its words, as readLines counts them) and the first rune of its first
// field.
func (t *lineTable) longWords(i, limit int) (n int, first rune) {
	raw := t.raw(i)
	for k := 0; k < len(raw); {
		r, size := rune(raw[k]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(raw[k:])
		}
		if !isSpaceRune(r) {
			if first == 0 {
				first = r
			}
			break
		}
		k += size
	}
	return countFieldsUpTo(raw, limit), first
}

// countFieldsUpTo returns min(limit, len(strings.Fields(string(b)))).
func countFieldsUpTo(b []byte, limit int) int {
	n := 0
	in := false
	for i := 0; i < len(b) && n < limit; {
		r, size := rune(b[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(b[i:])
		}
		sp := isSpaceRune(r)
		if !sp && !in {
			n++
		}
		in = !sp
		i += size
	}
	return n
}

// wordTokenStats returns len(splitWords(s)), the first rune of the first
// word (0 when there is none) and how many words start with an upper-case
// letter, and counts the runs of letters and digits of s (the words of
// normalize(string(s))), in the same pass.
//
// It reads s eight bytes at a time while they are ASCII without an
// apostrophe: there a word is a run of ASCII letters and digits, and so
// is a token, so one bit mask of such bytes tells where runs start (a
// byte of the mask whose byte before is not in it). At the first eight
// bytes holding a byte >= 0x80 or an apostrophe, wordTokenStatsFrom goes
// on byte by byte from their start: a run of letters and digits just
// before it leaves it in a word, and in the run (in and alnum) alike.
// wordTokenStatsRef in the tests is the byte-by-byte version this was
// checked against.
func wordTokenStats(s []byte) (n int, first rune, upper, tokens int) {
	var prev uint64 // high bit of byte 0 set: the byte before is alphanumeric
	i := 0
	for i+8 <= len(s) {
		x := binary.LittleEndian.Uint64(s[i:])
		if x&hiBits != 0 || hasByte(x, '\'') {
			// These eight bytes go one at a time, and then as many more
			// as it takes to stop after an ASCII byte that is no
			// apostrophe, where a word is a run of letters and digits
			// again.
			var alnum bool
			n, first, upper, tokens, i, alnum = wordTokenStatsFrom(s, i, i+8, n, first, upper, tokens, prev != 0)
			prev = 0
			if alnum {
				prev = 0x80
			}
			continue
		}
		i += 8
		alnum, up := alnumBits(x)
		starts := alnum &^ (alnum<<8 | prev)
		prev = alnum >> 56
		if starts == 0 {
			continue
		}
		if n == 0 {
			first = rune(s[i-8+bits.TrailingZeros64(starts)/8])
		}
		k := bits.OnesCount64(starts)
		n += k
		tokens += k
		upper += bits.OnesCount64(starts & up)
	}
	n, first, upper, tokens, _, _ = wordTokenStatsFrom(s, i, len(s), n, first, upper, tokens, prev != 0)
	return n, first, upper, tokens
}

// hiBits has the high bit of every byte of a word set.
const hiBits = 0x8080808080808080

// lowBits has the low bit of every byte of a word set.
const lowBits = 0x0101010101010101

// hasByte reports whether one of x's bytes, all below 0x80, is c.
func hasByte(x uint64, c byte) bool {
	y := x ^ (lowBits * uint64(c))
	// A byte of y is zero exactly when adding 0x7f to it leaves its high
	// bit clear (no carry crosses bytes: every byte is below 0x80).
	return (y+lowBits*0x7f)&hiBits != hiBits
}

// alnumBits returns, for x's bytes, all below 0x80, the high bit of each
// ASCII letter or digit, and of each upper-case letter.
func alnumBits(x uint64) (alnum, upper uint64) {
	// |0x20 maps an upper-case letter to its lower case and no other
	// byte below 0x80 to a letter; an upper-case letter has bit 5 clear,
	// which <<2 moves to its byte's high bit.
	letters := inRange(x|lowBits*0x20, 'a', 'z')
	upper = letters &^ (x << 2)
	return letters | inRange(x, '0', '9'), upper
}

// inRange returns, for x's bytes, all below 0x80, the high bit of each
// byte in [lo, hi]: adding 0x80-lo sets it for a byte >= lo, adding
// 0x7f-hi for a byte > hi, and no sum carries out of its byte. (A
// function of its own, not a closure in alnumBits, so that both inline.)
func inRange(x, lo, hi uint64) uint64 {
	return (x + lowBits*(0x80-lo)) &^ (x + lowBits*(0x7f-hi)) & hiBits
}

// wordTokenStatsFrom is wordTokenStats from byte i of s on, with the
// counts of s[:i] given and alnum telling whether s[i-1] ends a run of
// letters and digits that is a word. It stops at the end of s, or at
// limit or after it once it has read an ASCII byte that is no apostrophe
// (and the run of letters and digits it starts), returning where, with
// the counts and whether the last byte read is a letter or digit.
func wordTokenStatsFrom(s []byte, i, limit, n int, first rune, upper, tokens int, alnum bool) (int, rune, int, int, int, bool) {
	in := alnum
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf && c != '\'' {
			word := asciiAlnum[c]
			if word && !alnum {
				tokens++
			}
			alnum = word
			if word && !in {
				n++
				if n == 1 {
					first = rune(c)
				}
				if 'A' <= c && c <= 'Z' {
					upper++
				}
			}
			in = word
			i++
			if word {
				// The rest of an ASCII run of letters and digits changes
				// nothing: skip it.
				for i < len(s) && normKeepAny[s[i]] {
					i++
				}
			}
			if i >= limit {
				return n, first, upper, tokens, i, alnum
			}
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(s[i:])
		}
		letterOrDigit := isLetterOrDigit(r)
		if letterOrDigit && !alnum {
			tokens++
		}
		alnum = letterOrDigit
		word := letterOrDigit ||
			((r == '\'' || r == '’') && in && i+size < len(s) && isLetterAtBytes(s, i+size))
		if word && !in {
			n++
			if n == 1 {
				first = r
			}
			if unicode.IsUpper(r) {
				upper++
			}
		}
		in = word
		i += size
	}
	return n, first, upper, tokens, i, alnum
}

// asciiAlnum marks the ASCII letters and digits.
var asciiAlnum = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

func isLetterOrDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isLetterAtBytes(s []byte, i int) bool {
	r, _ := utf8.DecodeRune(s[i:])
	return unicode.IsLetter(r)
}

// isTemplateBytes is isTemplate over bytes.
func isTemplateBytes(raw []byte) bool {
	if bytes.IndexByte(raw, '{') < 0 && bytes.IndexByte(raw, '}') < 0 && bytes.IndexByte(raw, '%') < 0 {
		return bytes.HasPrefix(bytes.TrimSpace(raw), []byte(":::"))
	}
	return bytes.Contains(raw, []byte("{%")) || bytes.Contains(raw, []byte("%}")) || bytes.Contains(raw, []byte("{{")) ||
		bytes.Contains(raw, []byte("}}")) || bytes.HasPrefix(bytes.TrimSpace(raw), []byte(":::"))
}

// appendNorm appends normalize(string(s)) to dst.
//
// It writes the space between two words at the first separator after a
// word (word says the last byte read was part of one), and drops a space
// left at the end: the same text as writing it only before the next
// word. That needs no look-ahead, so eight ASCII bytes are done at once:
// from the letter-and-digit bits of the eight (alnumBits), the bytes
// kept are the letters and digits, lower-cased (|0x20 keeps a digit), and
// each separator following one, as a space; all eight are stored at once
// when all are kept (one word, or words with single separators), else
// one by one. Other bytes go one at a time.
func appendNorm(dst, s []byte) []byte {
	start := len(dst)
	dst = slices.Grow(dst, len(s))
	word := false
	i := 0
	for i < len(s) {
		if i+8 <= len(s) {
			x := binary.LittleEndian.Uint64(s[i:])
			if x&hiBits == 0 {
				alnum, _ := alnumBits(x)
				sep := ^alnum & hiBits
				carry := uint64(0)
				if word {
					carry = 0x80
				}
				keep := alnum | sep&(alnum<<8|carry)
				sepBytes := (sep >> 7) * 0xff
				w := (x|lowBits*0x20)&^sepBytes | lowBits*' '&sepBytes
				if keep == hiBits {
					dst = binary.LittleEndian.AppendUint64(dst, w)
				} else {
					for k := keep; k != 0; k &= k - 1 {
						dst = append(dst, byte(w>>(bits.TrailingZeros64(k)-7)))
					}
				}
				word = alnum>>63 != 0
				i += 8
				continue
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if asciiNorm[c] != 0 {
				dst = append(dst, c|0x20)
				word = true
				continue
			}
		} else {
			r, size := utf8.DecodeRune(s[i:])
			i += size
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				dst = utf8.AppendRune(dst, unicode.ToLower(r))
				word = true
				continue
			}
		}
		if word {
			dst = append(dst, ' ')
		}
		word = false
	}
	if len(dst) > start && dst[len(dst)-1] == ' ' {
		dst = dst[:len(dst)-1]
	}
	return dst
}

// asciiNorm classes ASCII bytes for appendNorm: 0 separates words, 1 is
// kept, 2 is an upper-case letter.
var asciiNorm = func() (t [utf8.RuneSelf]uint8) {
	for c := range utf8.RuneSelf {
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			t[c] = 1
		case 'A' <= c && c <= 'Z':
			t[c] = 2
		}
	}
	return t
}()

// normKeepAny marks the ASCII letters and digits (asciiAlnum over all
// bytes: one test a byte in hot loops).
var normKeepAny = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = asciiAlnum[c]
	}
	return t
}()
