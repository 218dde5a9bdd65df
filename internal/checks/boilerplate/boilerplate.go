// Package boilerplate holds the mechanisms of galley's boilerplate rules:
// text that was scraped, syndicated or pasted along with an article but is
// not part of it (navigation, duplicated bylines, comment and share
// widgets, promotions, syndication footers, copyright lines, and lines that
// recur across the articles of a corpus).
//
// Two kinds do the work. "boilerplate-lines" runs a scored, explainable
// line classifier backed by phrase packs, one pack per residue rule; every
// rule of that kind carries all the packs (the YAML shares them through an
// alias), so all of them agree on how a document's lines divide into
// residue blocks, and each reports only the blocks it owns.
// "template-line" is a corpus check: each document exports its short
// lines as a fact, and lines shared by enough articles are reported.
//
// Every finding spans whole lines and carries a fix that deletes them.
// The phrases, weights, thresholds and messages live in
// rules/boilerplate.yaml; this package holds the mechanisms only.
//
// Most articles hold no residue, so the work is staged: every document
// gets a cheap line table (table.go: block context, and the visible text
// of its short candidate lines, stripped by the hand-written passes of
// visible.go), which template-line reads and the seed gate (gate.go)
// tests. A residue block needs a seed; the gate tests exact necessary
// conditions for one, and only the few documents it lets through get the
// full line table (readLines) and the scored analysis (classify.go).
package boilerplate

import (
	"bytes"
	"fmt"
	"text/template"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
)

// Kind names.
const (
	LinesKind    = "boilerplate-lines"
	TemplateKind = "template-line"
)

// Kinds returns the boilerplate mechanisms, sorted by name.
func Kinds() []check.Kind {
	// The line rules built from one Kinds call share compiled analyzers:
	// every rule of the kind carries all packs, so compiling them once
	// instead of once per rule keeps start-up cheap.
	// They share one pool of line tables with template-line, so the
	// tables' storage serves document after document.
	analyzers := map[analysisKey]*analyzer{}
	tables := new(tablePool)
	return []check.Kind{
		{
			Name:  LinesKind,
			Doc:   linesKindDoc,
			Build: func(spec *check.Spec) (*check.Check, error) { return buildLines(spec, analyzers, tables) },
		},
		{
			Name:  TemplateKind,
			Doc:   templateKindDoc,
			Build: func(spec *check.Spec) (*check.Check, error) { return buildTemplate(spec, tables) },
		},
	}
}

const linesKindDoc = `Flags blocks of residue lines with a scored line classifier backed by
phrase packs. Options: packs (rule ID -> pack; every rule of the kind
carries all packs, including its own), and classifier (weights, threshold
and word lists). A pack has phrases (matched against whole lines: a line
matches when the pack's phrases cover at least classifier.phrase_coverage of
its words), patterns (regular expressions that must match the whole visible
line, case-insensitively; markup, URLs and list markers are removed first)
and claims (classifier features that give a line to the rule without a
phrase: breadcrumb, count, ui-verbs, link-dense, byline-duplicate).`

const templateKindDoc = `Corpus check: flags lines that recur verbatim or nearly so (case,
punctuation and markup aside) in at least min_articles articles and at least
min_fraction of all articles. Headings and lines outside prose are never
candidates.`

// decodeOptions decodes a spec's options strictly into v; nil options (as
// in unit tests) leave v unchanged.
func decodeOptions(spec *check.Spec, v any) error {
	if spec.Options == nil {
		return nil
	}
	if err := spec.Options.Decode(v); err != nil {
		return fmt.Errorf("%s: options: %w", spec.ID, err)
	}
	return nil
}

// newCheck returns a check carrying the spec's metadata that claims its
// findings' spans: residue is not the article's text.
func newCheck(spec *check.Spec) *check.Check {
	c := check.New(spec)
	c.Claims = true
	return c
}

// messageData is what a rule's message template sees.
type messageData struct {
	// Rule is the rule ID.
	Rule string
	// Text is the first residue line's visible text (shortened).
	Text string
	// Lines is "line 7" or "lines 7-12".
	Lines string
	// StartLine and EndLine are the block's first and last lines.
	StartLine, EndLine int
	// Count is the number of non-blank lines in the block.
	Count int
	// Reasons lists the classifier features of the block's strongest line
	// with their weights, e.g. `phrase "jump to content" +3.5, head +0.5`.
	Reasons string
	// Articles is, for template lines, how many articles share the line.
	Articles int
}

const defaultMessage = `Boilerplate on {{.Lines}}: "{{.Text}}".`

// message is a compiled message template.
type message struct{ tmpl *template.Template }

func newMessage(text string) (message, error) {
	if text == "" {
		text = defaultMessage
	}
	t, err := template.New("message").Option("missingkey=error").Parse(text)
	if err != nil {
		return message{}, fmt.Errorf("message: %w", err)
	}
	if err := t.Execute(&bytes.Buffer{}, messageData{}); err != nil {
		return message{}, fmt.Errorf("message: %w", err)
	}
	return message{t}, nil
}

func (m message) format(d messageData) string {
	var b bytes.Buffer
	if err := m.tmpl.Execute(&b, d); err != nil {
		return m.tmpl.Root.String()
	}
	return b.String()
}

// lineRange formats a line range for messages: "line 7", "lines 7-12".
func lineRange(start, end int) string {
	if start == end {
		return fmt.Sprintf("line %d", start)
	}
	return fmt.Sprintf("lines %d-%d", start, end)
}

// deletion returns the span that deletes lines [first, last] of doc whole,
// with their line endings, plus one adjacent blank line (the one after the
// block, or else the one before it) so that deleting the block does not
// leave two blank lines where there was one.
func deletion(doc *document.Document, first, last int) document.Span {
	n := doc.LineCount()
	start := doc.LineStart(first)
	end := doc.LineStart(last + 1)
	if last+1 <= n && isBlankLine(doc, last+1) && (last+1 < n || end < len(doc.Source)) {
		end = doc.LineStart(last + 2)
	} else if first > 1 && isBlankLine(doc, first-1) {
		start = doc.LineStart(first - 1)
	}
	if first == 1 {
		start = doc.BOM // keep a byte order mark
		if start > end {
			start = end
		}
	}
	return document.Span{Start: start, End: end}
}

func isBlankLine(doc *document.Document, n int) bool {
	sp := doc.LineSpan(n)
	return len(bytes.TrimSpace(doc.Source[sp.Start:sp.End])) == 0
}

func spanOf(start, end int) document.Span { return document.Span{Start: start, End: end} }
