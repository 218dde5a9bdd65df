package style

import (
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
}

// proseKey is the check.Memo key of a document's prose. The value depends
// on the document only.
type proseKey struct{}

// sharedProse returns the document's prose, computed once per document.
func sharedProse(pass *check.Pass) *prose {
	return pass.Shared(proseKey{}, func() any { return newProse(pass.Doc) }).(*prose)
}

// newProse collects a document's prose blocks and masks their text.
func newProse(doc *document.Document) *prose {
	p := &prose{}
	if doc == nil {
		return p
	}
	p.blocks = make([]*document.Block, 0, len(doc.Blocks))
	p.index = make([]int, 0, len(doc.Blocks))
	for i := range doc.Blocks {
		if doc.Blocks[i].Kind.IsProse() {
			p.blocks = append(p.blocks, &doc.Blocks[i])
			p.index = append(p.index, i)
		}
	}
	p.texts = make([]string, len(p.blocks))
	p.masked = make([]bool, len(p.blocks))
	for i, b := range p.blocks {
		p.texts[i] = proseText(b)
		p.masked[i] = p.texts[i] != b.Text
	}
	return p
}

// wordsOf returns the words of block i's text: the document's shared
// words (wordscan.Shared) of the block, unless template tags were masked
// in it, when its masked text is scanned (once).
func (p *prose) wordsOf(pass *check.Pass, i int) []word {
	if !p.masked[i] {
		return p.sharedWords(pass).Words[p.index[i]]
	}
	if p.own == nil {
		p.own = make([][]word, len(p.texts))
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
		p.words = wordscan.Shared(pass)
	}
	return p.words
}
