// Package parse builds galley's documents: Markdown through goldmark's AST
// (whose segments give exact byte offsets), plain text by its own rules
// (never as Markdown), and, for every prose block, sentences and tokens
// from a fast rule-based segmenter and tokenizer.
//
// Markdown is CommonMark with GFM tables, strikethrough and task lists.
// Front matter (YAML "---", TOML "+++") becomes a FrontMatter block and is
// never linted. Inline code, autolinks, raw inline HTML and comments,
// images, bare URLs and e-mail addresses (GFM autolinks, found by this
// package) and template tags ("{{ … }}", "{% … %}", Hugo shortcodes)
// become document.Placeholder in Block.Text, in both formats. HTML
// comments <!-- galley-disable|galley-enable|galley-disable-next-line
// [rules…] --> become Document.Directives.
//
// Plain text is split into blank-line-separated paragraphs; a short
// title-like line standing alone before another paragraph is a heading
// (level 1 on the first line); lines starting with "-", "*", "+", "•" or
// "1." / "1)" are list items, nested by indentation; leading white space of
// every line is dropped, so an indented article is prose, not code.
//
// A Parser is built once from a Lexicon and is safe for concurrent use:
//
//	lex, err := parse.LoadLexicon(rules.FS)
//	if err != nil { ... }
//	p := parse.New(lex)
//	doc, err := p.Parse("docs/intro.md", src)
//
// A goroutine that parses documents one after another and is done with
// each before the next (as the engine's workers are) parses through a
// Worker from p.NewWorker(), which reuses the previous document's storage
// and so allocates about a third less.
//
// Offsets in the documents are byte offsets into the source exactly as
// given, BOM included.
package parse

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/document"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Parser parses articles into documents. It is built once per process and
// is safe for concurrent use.
type Parser struct {
	md parser.Parser
	// noPlain turns the plain-lines path off (tests compare the two).
	noPlain bool
	seg     *Segmenter
	pool    sync.Pool // of *scratch
}

// New returns a Parser that uses lex for sentence segmentation. A nil lex
// means no abbreviations. Markdown is CommonMark with GFM tables,
// strikethrough and task lists; GFM's bare-URL autolinks are found by the
// parser itself (see prose.go) and become placeholders.
func New(lex *Lexicon) *Parser {
	if lex == nil {
		lex = &Lexicon{}
	}
	return &Parser{md: newMarkdownParser(), seg: NewSegmenter(lex)}
}

// Segmenter returns the sentence segmenter the parser uses.
func (p *Parser) Segmenter() *Segmenter { return p.seg }

// FormatFor picks the format from the file name: ".txt" and ".text" (in any
// case) give document.PlainText, everything else document.Markdown.
func FormatFor(name string) document.Format {
	switch strings.ToLower(path.Ext(strings.ReplaceAll(name, "\\", "/"))) {
	case ".txt", ".text":
		return document.PlainText
	}
	return document.Markdown
}

// Parse parses src as the format FormatFor(path) gives.
func (p *Parser) Parse(path string, src []byte) (*document.Document, error) {
	return p.ParseAs(path, src, FormatFor(path))
}

// ParseAs parses src with an explicit format. It returns a *BinaryError for
// input containing a NUL byte and an *EncodingError for invalid UTF-8; the
// caller prefixes the path.
func (p *Parser) ParseAs(path string, src []byte, format document.Format) (*document.Document, error) {
	return p.parse(path, src, format, nil, nil)
}

// Timing is the time parsing took, split by phase. ParseTimed adds to it,
// so one Timing can sum many parses (it is not safe for concurrent use:
// keep one per worker).
type Timing struct {
	// Structure is the structural parse: input checks, the line table,
	// goldmark or the plain-text parser, and the conversion of the result
	// into blocks with their prose text.
	Structure time.Duration
	// Sentences is sentence segmentation and tokenization of the prose
	// blocks.
	Sentences time.Duration
}

// Total returns the time of both phases.
func (t Timing) Total() time.Duration { return t.Structure + t.Sentences }

// ParseTimed is Parse that also adds the time each phase took to t. A nil
// t times nothing. Parse and ParseAs never read the clock.
func (p *Parser) ParseTimed(path string, src []byte, t *Timing) (*document.Document, error) {
	return p.parse(path, src, FormatFor(path), t, nil)
}

// Worker parses documents one after another, reusing the storage of the
// document it returned last: the Document itself, its line table, Blocks,
// and the Pieces, Sentences and Tokens of every block. A document a Worker
// returns is therefore valid only until the Worker's next call; its Path,
// its blocks' Text strings and its Directives (with their Rules) are not
// reused and may be kept. A Worker is not safe for concurrent use: keep
// one per goroutine, as a worker goroutine keeps its read buffer.
//
//	w := p.NewWorker()
//	for _, f := range files {
//		doc, err := w.Parse(f.Path, f.Data)
//		... // use doc; copy what must outlive the next Parse
//	}
type Worker struct {
	p   *Parser
	sc  *scratch
	doc *document.Document
}

// NewWorker returns a Worker that parses with p.
func (p *Parser) NewWorker() *Worker { return &Worker{p: p} }

// Parse is Parser.Parse with the reuse described at Worker.
func (w *Worker) Parse(path string, src []byte) (*document.Document, error) {
	return w.p.parse(path, src, FormatFor(path), nil, w)
}

// ParseAs is Parser.ParseAs with the reuse described at Worker.
func (w *Worker) ParseAs(path string, src []byte, format document.Format) (*document.Document, error) {
	return w.p.parse(path, src, format, nil, w)
}

// ParseTimed is Parser.ParseTimed with the reuse described at Worker.
func (w *Worker) ParseTimed(path string, src []byte, t *Timing) (*document.Document, error) {
	return w.p.parse(path, src, FormatFor(path), t, w)
}

// maxReusedLines bounds the line table a Worker's document keeps, as
// maxPooledTokens bounds the token buffer.
const maxReusedLines = 1 << 18

// next returns the worker's document reset for src, and its scratch.
func (w *Worker) next(path string, format document.Format, src []byte) (*document.Document, *scratch) {
	if w.sc == nil {
		w.sc = newScratch()
	}
	w.sc.trim()
	w.sc.prepare(src)
	if w.doc == nil || w.doc.LineCount() > maxReusedLines {
		w.doc = &document.Document{}
	}
	w.doc.Reset(path, format, src)
	return w.doc, w.sc
}

// parse parses src as format, timing its phases into t unless t is nil.
// With a Worker w, the document and its slices are w's reused storage;
// otherwise they are allocated for this document alone.
func (p *Parser) parse(path string, src []byte, format document.Format, t *Timing, w *Worker) (*document.Document, error) {
	var t0 time.Time
	if t != nil {
		t0 = time.Now()
	}
	if err := CheckInput(src); err != nil {
		if t != nil {
			t.Structure += time.Since(t0)
		}
		return nil, err
	}
	var doc *document.Document
	var sc *scratch
	if w != nil {
		doc, sc = w.next(path, format, src)
	} else {
		doc = document.New(path, format, src)
		sc = p.getScratch(src)
		defer p.putScratch(sc)
	}
	switch format {
	case document.PlainText:
		parsePlainText(doc, sc)
	default:
		p.parseMarkdown(doc, sc)
	}
	reuse := w != nil
	if n := len(sc.blocks); n > 0 {
		if reuse {
			// The scratch's blocks are the document's: the parsers
			// appended whole blocks, so no field is left from the
			// document before.
			doc.Blocks = sc.blocks[:n:n]
		} else {
			// The parsers set only the blocks' scalar fields (done
			// and analyze add text, pieces, sentences and tokens
			// below), so they are copied field by field: a copy of
			// whole blocks would go through the GC's write barriers
			// for their slice fields.
			doc.Blocks = make([]document.Block, n)
			for i := range sc.blocks {
				b, d := &sc.blocks[i], &doc.Blocks[i]
				d.Kind, d.Span, d.Level, d.Quoted = b.Kind, b.Span, b.Level, b.Quoted
			}
		}
	}
	sc.tb.done(doc.Blocks, reuse)
	if t != nil {
		t1 := time.Now()
		t.Structure += t1.Sub(t0)
		t0 = t1
	}
	p.analyze(doc, sc, reuse)
	if t != nil {
		t.Sentences += time.Since(t0)
	}
	return doc, nil
}

// scratch is per-parse working storage, pooled by the Parser or kept by a
// Worker.
type scratch struct {
	tb     textBuilder
	blocks []document.Block
	gsrc   []byte
	lines  []txtLine
	toks   []document.Token
	sents  []document.Sentence
	ends   []int32 // a block's terminal punctuation offsets (see appendTokens)
	ranges []blockRanges
	// plain holds the blocks some or all of whose lines were hidden from
	// goldmark's inline parse (see plainlines.go); plainDone says the
	// hiding has been done for this parse.
	plain     map[*text.Segments]hiddenLines
	plainDone bool
	// lineBufs are line storage handed to goldmark's blocks (see
	// recycledLines), lineNodes the blocks of this parse holding them.
	lineBufs  []text.Segments
	lineNodes []ast.Node
	lineTotal int // the capacity of lineBufs, in lines
}

// segmentsCap returns the number of lines s has room for.
func segmentsCap(s *text.Segments) int { return cap(s.Sliced(0, s.Len())) }

// maxRecycledBlocks bounds the blocks per document given recycled line
// storage, maxRecycledLines the lines one recycled slice may hold and
// maxRecycledTotal the lines all of them may hold, so that the scratch
// stays small (after the whole test corpus it holds about 35,000).
const (
	maxRecycledBlocks = 4096
	maxRecycledLines  = 1024
	maxRecycledTotal  = 1 << 16
)

// recycleLines moves the lines of node, a block goldmark has just opened,
// into line storage kept from an earlier parse.
func (sc *scratch) recycleLines(node ast.Node) {
	i := len(sc.lineNodes)
	if i >= maxRecycledBlocks {
		return
	}
	if i == len(sc.lineBufs) {
		sc.lineBufs = append(sc.lineBufs, text.Segments{})
	}
	buf := &sc.lineBufs[i]
	sc.lineTotal -= segmentsCap(buf) // out until reclaimLines
	lines := node.Lines()
	buf.SetSliced(0, 0)
	buf.AppendAll(lines.Sliced(0, lines.Len()))
	node.SetLines(buf)
	sc.lineNodes = append(sc.lineNodes, node)
}

// reclaimLines takes back the line storage of this parse's blocks, as
// they left it (grown, perhaps), once the tree is no longer used.
func (sc *scratch) reclaimLines() {
	for i, n := range sc.lineNodes {
		lines := n.Lines()
		c := segmentsCap(lines)
		if c > maxRecycledLines || sc.lineTotal+c > maxRecycledTotal {
			sc.lineBufs[i] = text.Segments{}
			continue
		}
		sc.lineBufs[i] = *lines
		sc.lineTotal += c
	}
	clear(sc.lineNodes)
	sc.lineNodes = sc.lineNodes[:0]
}

func newScratch() *scratch {
	return &scratch{plain: make(map[*text.Segments]hiddenLines)}
}

// prepare readies the scratch for parsing src, whatever an earlier parse
// (even one that panicked) left in it.
func (sc *scratch) prepare(src []byte) {
	sc.tb.init(src)
	sc.blocks = sc.blocks[:0]
	sc.resetPlain()
	sc.plainDone = false
	// Blocks left by a parse that panicked: their storage is not taken
	// back.
	for i := range sc.lineNodes {
		sc.lineBufs[i] = text.Segments{}
	}
	clear(sc.lineNodes)
	sc.lineNodes = sc.lineNodes[:0]
}

// resetPlain empties the map of hidden blocks. Clearing a map costs in
// proportion to the most it ever held, so after a document with many
// hidden blocks a new map replaces it.
func (sc *scratch) resetPlain() {
	if len(sc.plain) > maxClearedPlain {
		sc.plain = make(map[*text.Segments]hiddenLines)
		return
	}
	clear(sc.plain)
}

// maxClearedPlain is the most hidden blocks a scratch's map is cleared
// of; a larger map is replaced.
const maxClearedPlain = 64

// maxPooledTokens bounds the token buffer a pooled scratch keeps, so that
// one huge document does not pin its buffers for the rest of the run.
const maxPooledTokens = 1 << 20

// trim drops buffers one huge document made huge.
func (sc *scratch) trim() {
	if cap(sc.toks) > maxPooledTokens {
		sc.toks, sc.sents, sc.ends = nil, nil, nil
	}
	// A Worker's document keeps the blocks, pieces and text storage too.
	if cap(sc.blocks) > maxPooledTokens/16 || cap(sc.tb.allP) > maxPooledTokens/4 || cap(sc.tb.all) > 4*maxPooledTokens {
		sc.blocks, sc.tb.allP, sc.tb.all = nil, nil, nil
	}
}

func (p *Parser) getScratch(src []byte) *scratch {
	sc, _ := p.pool.Get().(*scratch)
	if sc == nil {
		sc = newScratch()
	}
	sc.prepare(src)
	return sc
}

func (p *Parser) putScratch(sc *scratch) {
	clear(sc.blocks)
	sc.resetPlain()
	sc.tb.init(nil)
	sc.trim()
	p.pool.Put(sc)
}

// analyze fills in sentences and tokens of every prose block. They are
// gathered in the scratch buffers. Unless reuse is set, they are then
// copied into one token slice and one sentence slice of exactly the right
// size per document (a copy into fresh memory need not clear it first,
// and an estimate of the token count would over-allocate by half); with
// reuse, the blocks keep slices of the scratch buffers themselves.
func (p *Parser) analyze(doc *document.Document, sc *scratch, reuse bool) {
	toks, sents, idx, ends := sc.toks[:0], sc.sents[:0], sc.ranges[:0], sc.ends
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		if !b.Kind.IsProse() || b.Text == "" {
			continue
		}
		r := blockRanges{block: i, s0: len(sents), t0: len(toks)}
		ends = ends[:0]
		toks = appendTokens(toks, b.Text, &ends)
		sents = p.seg.appendSentencesAt(sents, b.Text, ends)
		r.s1, r.t1 = len(sents), len(toks)
		idx = append(idx, r)
	}
	sc.toks, sc.sents, sc.ranges, sc.ends = toks, sents, idx, ends
	allToks, allSents := toks, sents
	if !reuse {
		allToks = make([]document.Token, len(toks))
		copy(allToks, toks)
		allSents = make([]document.Sentence, len(sents))
		copy(allSents, sents)
	}
	for _, r := range idx {
		b := &doc.Blocks[r.block]
		if r.s1 > r.s0 {
			b.Sentences = allSents[r.s0:r.s1:r.s1]
		}
		if r.t1 > r.t0 {
			b.Tokens = allToks[r.t0:r.t1:r.t1]
		}
	}
}

// blockRanges locates one block's sentences and tokens in the document's
// slices.
type blockRanges struct{ block, s0, s1, t0, t1 int }

// BinaryError reports input that looks binary.
type BinaryError struct {
	// Offset is the byte offset of the first NUL byte.
	Offset int
}

// Error returns "binary file (NUL byte at offset N)".
func (e *BinaryError) Error() string {
	return fmt.Sprintf("binary file (NUL byte at offset %d)", e.Offset)
}

// EncodingError reports input that is not valid UTF-8.
type EncodingError struct {
	// Line and Column (1-based, in characters) locate the first invalid
	// byte; Offset is its byte offset.
	Line, Column, Offset int
}

// Error returns "invalid UTF-8 at line L, column C (byte offset N)".
func (e *EncodingError) Error() string {
	return fmt.Sprintf("invalid UTF-8 at line %d, column %d (byte offset %d)", e.Line, e.Column, e.Offset)
}

// MaxInputSize is the largest input Parse accepts, 1 GiB. Sentence and
// token offsets are int32 (document.Sentence, document.Token), so a
// block's text must stay below 2 GiB; a block's text is never longer than
// its source (a Placeholder's 3 bytes stand for at least 3 bytes of
// markup), so 1 GiB leaves a margin of two. galley's file walker skips
// files over 10 MiB by default.
const MaxInputSize = 1 << 30

// TooLargeError reports input larger than MaxInputSize.
type TooLargeError struct {
	// Size is the input's size in bytes.
	Size int
}

// Error returns "file too large (N bytes, limit M)".
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("file too large (%d bytes, limit %d)", e.Size, MaxInputSize)
}

// CheckInput returns a *TooLargeError if src is larger than MaxInputSize,
// a *BinaryError if it contains a NUL byte and an *EncodingError if it is
// not valid UTF-8, and nil otherwise. Parse calls it first, so every
// document it returns is shorter than MaxInputSize and its sentence and
// token offsets fit their int32 fields.
func CheckInput(src []byte) error {
	if len(src) > MaxInputSize {
		return &TooLargeError{Size: len(src)}
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return &BinaryError{Offset: i}
	}
	if utf8.Valid(src) {
		return nil
	}
	line, lineStart := 1, 0
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if c == '\n' {
				line++
				lineStart = i + 1
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			start := lineStart
			if line == 1 && bytes.HasPrefix(src, bom) {
				start = 3
			}
			return &EncodingError{Line: line, Column: utf8.RuneCount(src[start:i]) + 1, Offset: i}
		}
		i += size
	}
	return nil
}

var bom = []byte{0xEF, 0xBB, 0xBF}
