package engine

import (
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/finding"
)

// Suppression is one inline directive reduced to what filtering findings
// needs, so that a document's directives outlive the document.
type Suppression struct {
	// Kind is Disable, Enable or DisableNextLine.
	Kind document.DirectiveKind `json:"kind"`
	// Rules are rule IDs or globs ("style/*"), or a family name ("style");
	// empty means every rule.
	Rules []string `json:"rules,omitempty"`
	// Line is where a Disable or Enable takes effect (the line its comment
	// starts on) and the line a DisableNextLine silences.
	Line int `json:"line"`
}

// Suppressions are one document's directives in source order.
//
// A finding on line n for rule r is suppressed when a DisableNextLine
// naming r targets line n, or when the last Disable or Enable naming r on
// or before line n is a Disable: `galley-disable` runs until a matching
// `galley-enable` or the end of the file, and a later directive overrides
// an earlier one for the rules they both name.
type Suppressions []Suppression

// newSuppressions builds the table from a document's directives. A
// DisableNextLine silences the next line after its comment that is neither
// blank nor only directive comments.
func newSuppressions(doc *document.Document) Suppressions {
	if len(doc.Directives) == 0 {
		return nil
	}
	out := make(Suppressions, 0, len(doc.Directives))
	for _, d := range doc.Directives {
		s := Suppression{Kind: d.Kind, Rules: d.Rules, Line: d.Line}
		if d.Kind == document.DisableNextLine {
			s.Line = nextContentLine(doc, d)
		}
		out = append(out, s)
	}
	return out
}

// nextContentLine finds the line a DisableNextLine directive applies to.
func nextContentLine(doc *document.Document, d document.Directive) int {
	last := d.Line
	if d.Span.End > d.Span.Start {
		last = max(last, doc.Line(d.Span.End-1))
	}
	for n := last + 1; n <= doc.LineCount(); n++ {
		ls := doc.LineSpan(n)
		text := doc.Source[ls.Start:ls.End]
		lead := len(text) - len(strings.TrimLeft(string(text), " \t\f\v"))
		trail := len(strings.TrimRight(string(text), " \t\f\v"))
		if lead >= trail {
			continue // blank
		}
		if inDirective(doc, ls.Start+lead) && inDirective(doc, ls.Start+trail-1) {
			continue // another directive comment
		}
		return n
	}
	return doc.LineCount() + 1
}

// inDirective reports whether offset off lies inside a directive comment.
func inDirective(doc *document.Document, off int) bool {
	for _, d := range doc.Directives {
		if off >= d.Span.Start && off < d.Span.End {
			return true
		}
	}
	return false
}

// Suppressed reports whether a finding for ruleID starting on line is
// silenced by the directives.
func (s Suppressions) Suppressed(line int, ruleID string) bool {
	off := false
	for _, d := range s {
		switch d.Kind {
		case document.DisableNextLine:
			if d.Line == line && rulesMatch(d.Rules, ruleID) {
				return true
			}
		case document.Disable, document.Enable:
			if d.Line <= line && rulesMatch(d.Rules, ruleID) {
				off = d.Kind == document.Disable
			}
		}
	}
	return off
}

// rulesMatch reports whether a directive's rule list names ruleID.
func rulesMatch(patterns []string, ruleID string) bool {
	if len(patterns) == 0 {
		return true
	}
	for _, p := range patterns {
		if RuleMatch(p, ruleID) {
			return true
		}
	}
	return false
}

// RuleMatch reports whether pattern names ruleID: the ID itself, a
// doublestar glob over IDs ("style/*", "*/repeated-*", "**"), or a bare
// family name ("style" names every "style/…" rule).
func RuleMatch(pattern, ruleID string) bool {
	if pattern == ruleID {
		return true
	}
	if !strings.ContainsAny(pattern, "/*?[{") {
		return pattern == finding.Family(ruleID)
	}
	ok, _ := doublestar.Match(pattern, ruleID)
	return ok
}
