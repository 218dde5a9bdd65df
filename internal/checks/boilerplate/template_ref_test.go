package boilerplate

import (
	"math"
	"slices"

	"github.com/cespare/xxhash/v2"

	"github.com/galley-lint/galley/internal/document"
)

// refTemplateFact is template-line's fact as it was computed from the full
// line table (readLines), the reference templateFact is tested against.
func refTemplateFact(doc *document.Document, o templateOptions) *TemplateFact {
	cls := defaultClassifier()
	lines := readLines(doc, cls.SentenceWords)
	a := &analyzer{cls: cls}
	sc := make([]scored, len(lines))
	for i := range lines {
		sc[i] = scored{line: lines[i]}
	}
	fact := &TemplateFact{}
	for i := range sc {
		l := &sc[i]
		nw := len(l.words)
		if !l.candidate || l.long || l.norm == "" || l.heading || l.template || nw < o.MinWords || nw > o.MaxWords || l.inProse || a.plainHeading(sc, i) {
			continue
		}
		del := deletion(doc, l.n, l.n)
		loc := doc.Location(l.span)
		start, ok1 := packPosition(loc.Start)
		end, ok2 := packPosition(loc.End)
		if !ok1 || !ok2 || del.End > math.MaxInt32 {
			continue // beyond 2 GB: not a template line anyone wrote
		}
		fact.Lines = append(fact.Lines, TemplateLine{
			Key:    xxhash.Sum64String(normalize(l.raw)),
			Text:   shorten(l.visible, 60),
			Start:  start,
			End:    end,
			Delete: [2]int32{int32(del.Start), int32(del.End)},
		})
	}
	// Facts live until the corpus phase: keep no spare capacity.
	fact.Lines = slices.Clone(fact.Lines)
	return fact
}
