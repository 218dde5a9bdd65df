package style

import (
	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
)

// mixedQuotesData is what mixed-quotes messages can use.
type mixedQuotesData struct {
	Curly    int    // how many curly marks the article has
	Straight int    // how many straight marks it has
	Minority string // "curly" or "straight": the style reported
	Majority string // the other style
	Mark     string // the reported mark
}

func mixedQuotesKind(pools *pools) check.Kind {
	return check.Kind{
		Name: "mixed-quotes",
		Doc: `Reports an article that uses both curly (“ ” ‘ ’) and straight (" ')
quotation marks: one finding per article, at the first mark of the
minority style, with related spans at the first mark of each style. Only
marks that act as quotation marks count (see quote-balance for how
apostrophes, elisions and primes are told apart), unless
count_apostrophes is set, which counts apostrophes (don’t against don't)
too. On a tie the style of the article's first mark is the majority.

Message data: {{.Curly}}, {{.Straight}}, {{.Minority}}, {{.Majority}},
{{.Mark}}. Options: elisions, count_apostrophes, curly_message,
straight_message (labels of the related spans).`,
		Build: func(spec *check.Spec) (*check.Check, error) { return buildMixedQuotes(spec, pools) },
	}
}

// styledMark is a mark located in the document.
type styledMark struct {
	span  document.Span
	curly bool
	r     rune
}

func buildMixedQuotes(spec *check.Spec, pools *pools) (*check.Check, error) {
	var opts quoteOptions
	if err := decodeOptions(spec, &opts); err != nil {
		return nil, err
	}
	msg, err := newMessage[mixedQuotesData](spec.ID+" message", spec.Message,
		`This article mixes curly and straight quotation marks ({{.Curly}} curly, {{.Straight}} straight); this {{.Minority}} mark is in the minority.`)
	if err != nil {
		return nil, err
	}
	curlyMsg, err := newMessage[mixedQuotesData](spec.ID+" curly_message", opts.CurlyMessage, `curly quotation mark here`)
	if err != nil {
		return nil, err
	}
	straightMsg, err := newMessage[mixedQuotesData](spec.ID+" straight_message", opts.StraightMessage, `straight quotation mark here`)
	if err != nil {
		return nil, err
	}
	scanner := newQuoteScanner(opts.Elisions)
	c := check.New(spec)
	c.Run = func(pass *check.Pass) error {
		var first [2]*styledMark // [straight, curly]
		var count [2]int
		var order []int // styles in order of first appearance
		p := sharedProse(pass, pools)
		for bi, marks := range scanner.marks(pass, pools) {
			b := p.blocks[bi]
			for _, m := range marks {
				if !m.isQuote() && !(opts.CountApostrophes && m.role == roleApostrophe) {
					continue
				}
				st := 0
				if m.curly {
					st = 1
				}
				count[st]++
				if first[st] == nil {
					first[st] = &styledMark{span: b.SourceSpan(m.start, m.end), curly: m.curly, r: m.r}
					order = append(order, st)
				}
			}
		}
		if count[0] == 0 || count[1] == 0 {
			return nil
		}
		minority := order[1] // on a tie, the style that appears second
		if count[0] != count[1] {
			minority = 0
			if count[1] < count[0] {
				minority = 1
			}
		}
		styleName := [2]string{"straight", "curly"}
		data := mixedQuotesData{
			Curly: count[1], Straight: count[0],
			Minority: styleName[minority], Majority: styleName[1-minority],
			Mark: string(first[minority].r),
		}
		pass.Report(check.Diagnostic{
			Span:    first[minority].span,
			Message: msg.format(data),
			Related: []check.RelatedSpan{
				{Span: first[1].span, Message: curlyMsg.format(data)},
				{Span: first[0].span, Message: straightMsg.format(data)},
			},
		})
		return nil
	}
	return c, nil
}
