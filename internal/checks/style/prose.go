package style

import (
	"sync"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/wordscan"
)

// prose is what every style rule reads of one document: its prose blocks
// and their text with template tags masked. The rules of the family share
// one through check.Pass.Shared, so a document is masked once, not once
// per rule; its words come from wordscan, shared with other families.
type prose struct {
	blocks []*document.Block
	// index[i] is the index of blocks[i] in Document.Blocks.
	index []int
	// texts[i] is proseText(blocks[i]).
	texts []string
	// masked[i] is set when texts[i] differs from blocks[i].Text (it has
	// template tags), and own[i] are then its words, once scanned.
	masked []bool
	own    [][]word
	// words are the document's shared words, once asked for.
	words *wordscan.Doc
	// pool is where Release returns p (nil: nowhere).
	pool *pools
}

// proseKey is the check.Memo key of a document's prose. The value depends
// on the document only.
type proseKey struct{}

// pools holds the per-document storage the style rules of one rule set
// reuse from document to document (Kinds makes one): the words
// (wordscan), the prose and the quotation marks, which the memo releases
// once a document's checks are done, and repeated-line's lines, which its Run hands back
// when it returns. It is safe for concurrent use; a nil *pools allocates.
type pools struct {
	words *wordscan.Pool
	prose sync.Pool // of *prose
	lines sync.Pool // of *[]proseLine
	marks sync.Pool // of *docMarks
}

// newPools returns empty pools.
func newPools() *pools { return &pools{words: wordscan.NewPool()} }

// wordPool returns the pool of words (nil for nil pools).
func (pl *pools) wordPool() *wordscan.Pool {
	if pl == nil {
		return nil
	}
	return pl.words
}

// sharedProse returns the document's prose, computed once per document in
// storage from pl.
func sharedProse(pass *check.Pass, pl *pools) *prose {
	return pass.Shared(proseKey{}, func() any {
		var p *prose
		if pl != nil {
			p, _ = pl.prose.Get().(*prose)
		}
		if p == nil {
			p = &prose{pool: pl}
		}
		p.fill(pass.Doc)
		return p
	}).(*prose)
}

// Release hands p's storage back to its pool (check.Releaser); nothing
// may use p afterwards. Findings keep only the blocks' Text (which the
// engine lets checks keep) and copies.
func (p *prose) Release() {
	if p.pool != nil {
		p.pool.prose.Put(p)
	}
}

// newProse collects a document's prose blocks and masks their text.
func newProse(doc *document.Document) *prose {
	p := &prose{}
	p.fill(doc)
	return p
}

// fill sets p to doc's prose blocks and their masked text, reusing p's
// arrays.
func (p *prose) fill(doc *document.Document) {
	p.blocks, p.index, p.texts, p.masked = p.blocks[:0], p.index[:0], p.texts[:0], p.masked[:0]
	clear(p.own)
	p.own, p.words = p.own[:0], nil
	if doc == nil {
		return
	}
	for i := range doc.Blocks {
		if b := &doc.Blocks[i]; b.Kind.IsProse() {
			text := proseText(b)
			p.blocks = append(p.blocks, b)
			p.index = append(p.index, i)
			p.texts = append(p.texts, text)
			p.masked = append(p.masked, text != b.Text)
		}
	}
}

// wordsOf returns the words of block i's text: the document's shared
// words (wordscan.Shared) of the block, unless template tags were masked
// in it, when its masked text is scanned (once).
func (p *prose) wordsOf(pass *check.Pass, i int) []word {
	if !p.masked[i] {
		return p.sharedWords(pass).Words[p.index[i]]
	}
	if len(p.own) == 0 {
		// fill left p.own cleared and empty.
		if cap(p.own) < len(p.texts) {
			p.own = make([][]word, len(p.texts))
		}
		p.own = p.own[:len(p.texts)]
	}
	if p.own[i] == nil {
		p.own[i] = wordscan.AppendWords(make([]word, 0, len(p.texts[i])/6+1), p.texts[i])
	}
	return p.own[i]
}

// sharedWords returns the document's words (wordscan.Shared), asking for
// them once (without a memo, as in tests, each request computes them).
func (p *prose) sharedWords(pass *check.Pass) *wordscan.Doc {
	if p.words == nil {
		p.words = wordscan.Shared(pass, p.pool.wordPool())
	}
	return p.words
}
