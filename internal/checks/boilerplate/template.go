package boilerplate

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/finding"
)

// templateOptions are the options of a template-line rule.
type templateOptions struct {
	// MinArticles is the fewest articles a line must appear in.
	MinArticles int `yaml:"min_articles"`
	// MinFraction is the smallest share of all articles it must appear in.
	MinFraction float64 `yaml:"min_fraction"`
	// MinWords and MaxWords bound the words of a candidate line.
	MinWords int `yaml:"min_words"`
	MaxWords int `yaml:"max_words"`
	// MaxGap is the most blank lines between two lines of one finding.
	MaxGap int `yaml:"max_gap"`
}

// TemplateFact is one document's fact for template-line: its candidate
// lines. It is kept for every article until the corpus phase (and written
// to facts files by sharded runs), so it holds no more than the corpus
// phase needs: a hash of each line to count articles by, and the visible
// text only for messages. The location's path is the fact's document.
type TemplateFact struct {
	Lines []TemplateLine `json:"lines"`
}

// TemplateLine is one candidate line of a document.
type TemplateLine struct {
	// Key is the xxhash of the normalized raw line (case, punctuation and
	// markup characters aside; link targets and numbers kept), which the
	// line is compared by.
	Key uint64 `json:"k"`
	// Text is the visible text, shortened, for messages.
	Text string `json:"t"`
	// Start and End are the line's span without its ending, as offset,
	// line, column and UTF-16 column (finding.Position).
	Start [4]int32 `json:"s"`
	End   [4]int32 `json:"e"`
	// Delete is the byte range that deletes the line (see deletion).
	Delete [2]int32 `json:"d"`
}

// Line returns the 1-based line number.
func (l *TemplateLine) Line() int { return int(l.Start[1]) }

// packPosition converts a finding.Position to the compact form facts
// store; ok is false when it does not fit.
func packPosition(p finding.Position) (out [4]int32, ok bool) {
	for i, v := range [4]int{p.Offset, p.Line, p.Column, p.ColumnUTF16} {
		if v < 0 || v > math.MaxInt32 {
			return out, false
		}
		out[i] = int32(v)
	}
	return out, true
}

func unpackPosition(p [4]int32) finding.Position {
	return finding.Position{Offset: int(p[0]), Line: int(p[1]), Column: int(p[2]), ColumnUTF16: int(p[3])}
}

func buildTemplate(spec *check.Spec, tables *tablePool) (*check.Check, error) {
	o := templateOptions{MinArticles: 3, MinFraction: 0.05, MinWords: 2, MaxWords: 40, MaxGap: 2}
	if err := decodeOptions(spec, &o); err != nil {
		return nil, err
	}
	if o.MinArticles < 2 {
		return nil, fmt.Errorf("%s: options: min_articles must be at least 2", spec.ID)
	}
	msg, err := newMessage(spec.Message)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", spec.ID, err)
	}
	cls := defaultClassifier()
	c := newCheck(spec)
	c.NewFact = func() any { return &TemplateFact{} }
	c.Run = func(pass *check.Pass) error {
		pass.ExportFact(templateFact(pass.Doc, sharedTable(pass, tables, cls.SentenceWords), o, cls.SentenceWords))
		return nil
	}
	c.RunCorpus = func(cp *check.CorpusPass) error {
		// docs counts the articles each key is in: each fact's keys are
		// sorted in one reused buffer and counted once each.
		total := 0
		for _, df := range cp.Facts {
			if f, ok := df.Fact.(*TemplateFact); ok {
				total += len(f.Lines)
			}
		}
		docs := make(map[uint64]int, total/2)
		var keys []uint64
		for _, df := range cp.Facts {
			f, ok := df.Fact.(*TemplateFact)
			if !ok {
				continue
			}
			keys = keys[:0]
			for _, l := range f.Lines {
				keys = append(keys, l.Key)
			}
			slices.Sort(keys)
			for k, key := range keys {
				if k == 0 || key != keys[k-1] {
					docs[key]++
				}
			}
		}
		need := max(float64(o.MinArticles), math.Ceil(o.MinFraction*float64(len(cp.Facts))))
		for _, df := range cp.Facts {
			f, ok := df.Fact.(*TemplateFact)
			if !ok {
				continue
			}
			var group []TemplateLine
			flush := func() {
				if len(group) == 0 {
					return
				}
				first, last := group[0], group[len(group)-1]
				edits := make([]finding.Edit, 0, len(group))
				for _, g := range group {
					edits = append(edits, finding.Edit{Path: df.Path, Start: int(g.Delete[0]), End: int(g.Delete[1])})
				}
				cp.Report(finding.Finding{
					RuleID: spec.ID,
					Message: msg.format(messageData{
						Rule: spec.ID, Text: first.Text, Lines: lineRange(first.Line(), last.Line()),
						StartLine: first.Line(), EndLine: last.Line(), Count: len(group), Articles: docs[first.Key],
					}),
					// The engine fills in Snippet and SourceLine from the
					// file when it can read it again.
					Location: finding.Location{Path: df.Path, Start: unpackPosition(first.Start), End: unpackPosition(last.End)},
					Fixes: []finding.Fix{{
						Message: fmt.Sprintf("Delete %s", lineRange(first.Line(), last.Line())),
						Edits:   edits,
					}},
				})
				group = nil
			}
			lines := f.Lines
			byLine := func(a, b TemplateLine) int { return cmp.Compare(a.Start[1], b.Start[1]) }
			if !slices.IsSortedFunc(lines, byLine) {
				// templateFact writes them in order; a fact read from a
				// file may not be.
				lines = slices.Clone(lines)
				slices.SortStableFunc(lines, byLine)
			}
			for _, l := range lines {
				if float64(docs[l.Key]) < need {
					flush()
					continue
				}
				if n := len(group); n > 0 && l.Line()-group[n-1].Line() > o.MaxGap+1 {
					flush()
				}
				group = append(group, l)
			}
			flush()
		}
		return nil
	}
	return c, nil
}

// templateFact returns doc's template-line fact: its lines that may be
// template lines, from its line table t.
func templateFact(doc *document.Document, t *lineTable, o templateOptions, sentenceWords int) *TemplateFact {
	var lines []int
	for i := range t.lines {
		l := &t.lines[i]
		if !l.candidate || l.inProse || !l.known || l.long || l.heading || l.template ||
			int(l.words) < o.MinWords || int(l.words) > o.MaxWords || t.plainHeading(i, sentenceWords) {
			continue
		}
		lines = append(lines, i)
	}
	// Facts live until the corpus phase: no spare capacity.
	fact := &TemplateFact{Lines: make([]TemplateLine, 0, len(lines))}
	var norm []byte
	// The lines' texts are cut from one string per document, built in
	// texts: one allocation instead of one per line.
	var texts strings.Builder
	size := 0
	for _, i := range lines {
		size += min(len(t.visible(i)), utf8.UTFMax*textRunes) // writeShort's most
	}
	texts.Grow(size)
	ends := make([]int, 0, len(lines))
	for _, i := range lines {
		l := &t.lines[i]
		n := i + 1
		del := t.deletion(doc, n)
		loc := lineLocation(doc.Source, n, l.span(), l.ascii)
		start, ok1 := packPosition(loc.Start)
		end, ok2 := packPosition(loc.End)
		if !ok1 || !ok2 || del.End > math.MaxInt32 {
			continue // beyond 2 GB: not a template line anyone wrote
		}
		norm = appendNorm(norm[:0], t.raw(i))
		writeShort(&texts, t.visible(i), textRunes)
		ends = append(ends, texts.Len())
		fact.Lines = append(fact.Lines, TemplateLine{
			Key:    xxhash.Sum64(norm),
			Start:  start,
			End:    end,
			Delete: [2]int32{int32(del.Start), int32(del.End)},
		})
	}
	all := texts.String()
	for k := range fact.Lines {
		from := 0
		if k > 0 {
			from = ends[k-1]
		}
		fact.Lines[k].Text = all[from:ends[k]]
	}
	if len(fact.Lines) == 0 {
		fact.Lines = nil // as a fact without lines always was
	}
	return fact
}

// textRunes is the most runes of a line a TemplateLine's Text keeps.
const textRunes = 60

// plainHeading is analyzer.plainHeading over the line table, for lines
// no pack has matched: line i is a short capitalized line without
// sentence punctuation or links, followed by a line that is a real
// sentence.
func (t *lineTable) plainHeading(i, sentenceWords int) bool {
	l := &t.lines[i]
	if l.words == 0 || l.words > 12 || l.terminal || !unicode.IsUpper(l.first) || l.links > 0 {
		return false
	}
	for j := i + 1; j < len(t.lines) && j <= i+2; j++ {
		if t.lines[j].blank {
			continue
		}
		n := &t.lines[j]
		if n.inProse && n.candidate && !n.known {
			// The table reads one line of each run of prose (its gate
			// line, see needInfo): this one is read now.
			var vs visScratch
			info, _ := t.compute(j, &vs)
			n = &info
		}
		words := int(n.words)
		if n.long {
			words, _ = t.longWords(j, sentenceWords)
		}
		return n.candidate && words >= sentenceWords && (n.terminal || n.inProse)
	}
	return false
}

// lineLocation returns the positions of span, the non-blank line n
// without its ending, as doc.Location does, but knowing its line: it
// starts in column 1, and ends as many runes further as it holds (an
// invalid byte counting as one; ascii says it holds only ASCII bytes).
func lineLocation(src []byte, n int, span document.Span, ascii bool) finding.Location {
	col, col16 := 1+span.Len(), 1+span.Len()
	if !ascii {
		col, col16 = document.Columns(src, span.Start, span.End)
	}
	return finding.Location{
		Start: finding.Position{Offset: span.Start, Line: n, Column: 1, ColumnUTF16: 1},
		End:   finding.Position{Offset: span.End, Line: n, Column: col, ColumnUTF16: col16},
	}
}

// deletion is deletion(doc, n, n) with the blank lines read from the line
// table.
func (t *lineTable) deletion(doc *document.Document, n int) document.Span {
	count := len(t.lines)
	start := doc.LineStart(n)
	end := doc.LineStart(n + 1)
	if n+1 <= count && t.lines[n].blank && (n+1 < count || end < len(t.src)) {
		end = doc.LineStart(n + 2)
	} else if n > 1 && t.lines[n-2].blank {
		start = doc.LineStart(n - 1)
	}
	if n == 1 {
		start = min(doc.BOM, end) // keep a byte order mark
	}
	return document.Span{Start: start, End: end}
}

// writeShort writes shorten(s, n) to b, for valid UTF-8 s without
// surrounding space, as visible text is, without building runes.
func writeShort(b *strings.Builder, s string, n int) {
	if len(s) <= n {
		b.WriteString(s)
		return
	}
	// off is the end of the first n-1 runes; ASCII ones are a byte each.
	off := 0
	for off < n-1 && s[off] < utf8.RuneSelf {
		off++
	}
	for k := off; off < len(s) && k < n-1; k++ {
		_, size := utf8.DecodeRuneInString(s[off:])
		off += size
	}
	if off == len(s) || off+runeLen(s[off:]) == len(s) {
		b.WriteString(s) // n runes at most
		return
	}
	b.WriteString(strings.TrimSpace(s[:off]))
	b.WriteString("…")
}

// runeLen returns the length of the first rune of s, as
// utf8.DecodeRuneInString counts it (one byte for an invalid one).
func runeLen(s string) int {
	_, size := utf8.DecodeRuneInString(s)
	return size
}
