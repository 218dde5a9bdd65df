package style

import (
	"github.com/galley-lint/galley/internal/check"
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

func quoteBalanceKind() check.Kind {
	return check.Kind{
		Name: "quote-balance",
		Doc: `Reports an opening quotation mark (“ ‘ " ') that is not closed in its
paragraph (block), and a closing double mark with nothing to close.
Straight marks take their direction from context: after white space or
opening punctuation a mark opens, before white space or closing
punctuation it closes. Apostrophes (don’t, readers’, O’Neil), elisions
('90s, ’em, rock ‘n’ roll) and primes (6'2", 12") are not quotation marks.
Double marks pair with double marks and single with single, whatever
their style, so ‘Letting Go' is balanced (mixed-quotes reports the mix). A
single closing mark only closes when a single quotation is innermost;
otherwise it is an apostrophe, so unmatched single closing marks are never
reported. A paragraph whose quotation stays open is fine when the next
prose block opens with the same kind of mark (the convention for a
quotation running over paragraphs).

Message data: {{.Mark}}. Options: elisions (words a leading apostrophe may
start), closing_message (for an unmatched closing mark).`,
		Build: buildQuoteBalance,
	}
}

func buildQuoteBalance(spec *check.Spec) (*check.Check, error) {
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
	c := newCheck(spec)
	c.Run = func(pass *check.Pass) error {
		blocks := proseBlocks(pass.Doc)
		for bi, b := range blocks {
			for _, m := range scanner.scan(b.Text) {
				if !m.unmatched {
					continue
				}
				data := quoteBalanceData{Mark: string(m.r)}
				if m.role == roleClosing {
					pass.Reportf(b.SourceSpan(m.start, m.end), "%s", closeMsg.format(data))
					continue
				}
				if bi+1 < len(blocks) && scanner.startsWithOpening(blocks[bi+1].Text, m.double) {
					continue
				}
				pass.Reportf(b.SourceSpan(m.start, m.end), "%s", openMsg.format(data))
			}
		}
		return nil
	}
	return c, nil
}
