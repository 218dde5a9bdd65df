package style

import (
	"strings"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
)

// quoteOptions are the options of the quote-balance and mixed-quotes
// kinds.
type quoteOptions struct {
	// Elisions are words a leading apostrophe may start ('em, 'tis, 'n'),
	// so the apostrophe is not taken for an opening quotation mark.
	Elisions []string `yaml:"elisions"`
	// ClosingMessage is the message for a closing mark with no opening
	// one (quote-balance only; {{.Mark}}).
	ClosingMessage string `yaml:"closing_message"`
	// CountApostrophes makes mixed-quotes count apostrophes (don’t versus
	// don't) as well as quotation marks.
	CountApostrophes bool `yaml:"count_apostrophes"`
	// CurlyMessage and StraightMessage label the related spans of a
	// mixed-quotes finding.
	CurlyMessage    string `yaml:"curly_message"`
	StraightMessage string `yaml:"straight_message"`
}

// quoteBalanceData is what quote-balance messages can use.
type quoteBalanceData struct {
	Mark string // the quotation mark
}

func quoteBalanceKind(pools *pools) check.Kind {
	return check.Kind{
		Name: "quote-balance",
		Doc: `Reports an opening quotation mark (“ ‘ „ " ') not closed in its
paragraph, and a closing double mark with nothing to close. Straight
marks, and curly marks written the wrong way round, take their direction
from context. Apostrophes (don’t, readers’), elisions ('90s, ’em, ‘n’),
primes (6'2") and marks named as characters are not quotation marks.
Double marks pair with double and single with single, whatever their
style; a single closing mark only closes when a single quotation is
innermost, so unmatched single closing marks are never reported. A
quotation may run on into the next paragraph (which opens with a mark of
the same kind or closes it) and over list items and blockquote
paragraphs without marks of its kind.

Message data: {{.Mark}}. Options: elisions (words a leading apostrophe
may start), closing_message (for an unmatched closing mark).`,
		Build: func(spec *check.Spec) (*check.Check, error) { return buildQuoteBalance(spec, pools) },
	}
}

func buildQuoteBalance(spec *check.Spec, pools *pools) (*check.Check, error) {
	var opts quoteOptions
	if err := decodeOptions(spec, &opts); err != nil {
		return nil, err
	}
	openMsg, err := newMessage[quoteBalanceData](spec.ID+" message", spec.Message, `Quotation mark {{.Mark}} is never closed in this paragraph.`)
	if err != nil {
		return nil, err
	}
	closeMsg, err := newMessage[quoteBalanceData](spec.ID+" closing_message", opts.ClosingMessage, `Closing quotation mark {{.Mark}} has no opening mark.`)
	if err != nil {
		return nil, err
	}
	scanner := newQuoteScanner(opts.Elisions)
	c := check.New(spec)
	c.Run = func(pass *check.Pass) error {
		report := func(b *document.Block, m quoteMark) {
			text := openMsg
			if m.role == roleClosing {
				text = closeMsg
			}
			pass.Report(check.Diagnostic{Span: b.SourceSpan(m.start, m.end), Message: text.format(quoteBalanceData{Mark: string(m.r)})})
		}
		// pending are unmatched opening marks of earlier blocks, which a
		// following block may excuse (it opens with a mark of the same
		// kind: a quotation running over paragraphs) or close. A pending
		// mark carries over list items and blockquote paragraphs with no
		// marks of its kind, so a quotation may span a list.
		var pending []pendingMark
		var prev *document.Block
		p := sharedProse(pass, pools)
		for bi, marks := range scanner.marks(pass, pools) {
			b := p.blocks[bi]
			var closers []quoteMark
			var opens bool // b starts with an opening mark
			var opensDouble bool
			var hasDouble, hasSingle bool
			for i, m := range marks {
				if i == 0 && m.role == roleOpening && strings.TrimSpace(b.Text[:m.start]) == "" {
					opens, opensDouble = true, m.double
				}
				if m.unmatched && m.role == roleClosing {
					closers = append(closers, m)
				}
				if m.isQuote() {
					hasDouble = hasDouble || m.double
					hasSingle = hasSingle || !m.double
				}
			}
			var carried []pendingMark
			for _, p := range pending {
				switch {
				case opens && opensDouble == p.mark.double:
				case p.mark.double && len(closers) > 0:
					closers = closers[1:]
				case p.hops < maxQuoteHops && sameContainer(prev, b) &&
					!(p.mark.double && hasDouble) && !(!p.mark.double && hasSingle):
					p.hops++
					carried = append(carried, p)
				default:
					report(p.block, p.mark)
				}
			}
			for _, m := range closers {
				report(b, m)
			}
			pending = carried
			for _, m := range marks {
				if m.unmatched && m.role == roleOpening {
					pending = append(pending, pendingMark{block: b, mark: m})
				}
			}
			prev = b
		}
		for _, p := range pending {
			report(p.block, p.mark)
		}
		return nil
	}
	return c, nil
}

// pendingMark is an unmatched opening mark waiting for a later block.
type pendingMark struct {
	block *document.Block
	mark  quoteMark
	hops  int // blocks carried over
}

// maxQuoteHops is how many blocks an unclosed quotation may carry over.
const maxQuoteHops = 4

// sameContainer reports whether b continues a's list or blockquote.
func sameContainer(a, b *document.Block) bool {
	if a == nil {
		return false
	}
	return (a.Kind == document.ListItem && b.Kind == document.ListItem) || (a.Quoted > 0 && b.Quoted > 0)
}
