package style

import (
	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
)

// prose is what every style rule reads of one document: its prose blocks,
// their text with template tags masked and, on first use, their words.
// The rules of the family share one through check.Pass.Shared, so a
// document is masked and scanned for words once, not once per rule.
type prose struct {
	blocks []*document.Block
	// texts[i] is proseText(blocks[i]).
	texts []string
	// words[i] are the words of texts[i]; nil until wordsOf first runs.
	words [][]word
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
	p := &prose{blocks: proseBlocks(doc)}
	p.texts = make([]string, len(p.blocks))
	for i, b := range p.blocks {
		p.texts[i] = proseText(b)
	}
	return p
}

// wordsOf returns the words of block i's text. The first call scans every
// block, into one backing array.
func (p *prose) wordsOf(i int) []word {
	if p.words == nil {
		size := 0
		for _, t := range p.texts {
			size += len(t)
		}
		// Prose averages about six bytes a word; append grows the rest.
		all := make([]word, 0, size/6+1)
		ends := make([]int, len(p.texts))
		for i, t := range p.texts {
			all = appendWords(all, t)
			ends[i] = len(all)
		}
		p.words = make([][]word, len(p.texts))
		start := 0
		for i, end := range ends {
			p.words[i] = all[start:end:end]
			start = end
		}
	}
	return p.words[i]
}
