// Package check defines galley's check API, modelled on
// golang.org/x/tools/go/analysis: a Check has an ID, docs and a Run
// function that receives a Pass for one document and reports Diagnostics.
// Checks that look across articles export per-document facts and implement
// RunCorpus, which the engine calls once after every document, with every
// document's facts.
//
// Checks are built from rule specs (YAML in rules/) by Kinds: the spec holds
// the data (IDs, severities, messages, phrase lists), the Kind the mechanism.
package check

import (
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/finding"
)

// Check is one rule's mechanism, bound to its data.
type Check struct {
	// ID is "family/name", e.g. "style/repeated-word".
	ID string
	// Summary is a one-line description.
	Summary string
	// Doc is the full documentation (Markdown).
	Doc string
	// Severity is the default severity of its findings.
	Severity finding.Severity
	// Tags are free-form labels (SARIF rule tags).
	Tags []string
	// Examples show text the rule reports and text it accepts.
	Examples []Example

	// Claims marks a check whose findings say their text is not the
	// article's own (scraped boilerplate, which its fix deletes): the
	// engine drops other checks' findings that lie wholly inside a claimed
	// span of the same document, so one line is not reported twice.
	Claims bool

	// Run checks one document. It may be nil for corpus-only checks.
	Run func(*Pass) error

	// NewFact returns a new, empty fact value (a pointer to a struct that
	// marshals to JSON). A check that exports facts sets it; the engine
	// uses it to decode facts written by a sharded run.
	NewFact func() any
	// RunCorpus runs after every document has been checked, with every
	// document's fact. Nil for per-document checks.
	RunCorpus func(*CorpusPass) error
}

// New returns a check carrying a spec's metadata (ID, summary, doc,
// severity, tags, examples); a Kind's Build adds Run and the rest.
func New(spec *Spec) *Check {
	return &Check{
		ID:       spec.ID,
		Summary:  spec.Summary,
		Doc:      spec.Doc,
		Severity: spec.Severity,
		Tags:     spec.Tags,
		Examples: spec.Examples,
	}
}

// Family returns the part of the ID before the slash.
func (c *Check) Family() string { return finding.Family(c.ID) }

// Example is a pair of texts for `galley explain`.
type Example struct {
	Bad  string `yaml:"bad" json:"bad"`
	Good string `yaml:"good" json:"good"`
}

// Options holds a rule's kind-specific settings: the spec's `options:`
// with the user's configured options merged over them. Decode strictly
// decodes them into v, a pointer to a struct; unknown keys and wrong types
// are errors naming the file and line.
type Options interface {
	Decode(v any) error
}

// Pass is what a check sees of one document. It is valid only during the
// check's Run: the engine reuses it for the document's next check, so a
// check must not keep it beyond Run. The same holds for the document:
// its Source bytes, Blocks, Pieces, Sentences, Tokens and line table are
// storage the engine's worker reuses for its next document; only Path,
// the blocks' Text strings and Directives may be kept (copy the rest into
// facts and findings).
type Pass struct {
	// Check is the check being run.
	Check *Check
	// Doc is the parsed document. Checks must not modify it.
	Doc *document.Document
	// Report records a diagnostic.
	Report func(Diagnostic)
	// ExportFact records the document's fact for this check (replacing any
	// earlier one). The value must be of the type NewFact returns.
	ExportFact func(fact any)
	// Memo is shared by every pass over the same document; see Shared.
	// It may be nil (in tests), in which case nothing is shared.
	Memo *Memo
}

// Memo holds values computed once per document and shared by every check
// that runs on it, the way go/analysis shares one analyzer's result among
// the analyzers that require it. The engine runs a document's checks one
// after another, so a Memo needs no locking.
type Memo struct {
	values map[any]any
}

// NewMemo returns an empty memo for one document.
func NewMemo() *Memo { return &Memo{values: map[any]any{}} }

// Releaser is implemented by shared values that hold storage worth reusing
// for the next document (word arrays, tables): Memo.Release calls Release
// once every check of the document has run. After that nothing may use the
// value, so a value whose parts can end up in a diagnostic's message or in
// an exported fact must copy those parts out first, as it must for the
// document itself (see Pass).
type Releaser interface {
	Release()
}

// Release calls Release on every value of m that is a Releaser and empties
// m, so that it can serve the next document. The engine calls it when a
// document's checks are done.
func (m *Memo) Release() {
	for _, v := range m.values {
		if r, ok := v.(Releaser); ok {
			r.Release()
		}
	}
	clear(m.values)
}

// Shared returns the value stored under key for this document, computing it
// with compute the first time. Keys should be of an unexported type of the
// calling package, and must identify everything the value depends on
// besides the document (for example a pointer to the compiled options), so
// checks with different settings never share a value by mistake.
func (p *Pass) Shared(key any, compute func() any) any {
	if p.Memo == nil {
		return compute()
	}
	if v, ok := p.Memo.values[key]; ok {
		return v
	}
	v := compute()
	p.Memo.values[key] = v
	return v
}

// Reportf reports a diagnostic with a formatted message at span.
func (p *Pass) Reportf(span document.Span, format string, args ...any) {
	p.Report(Diagnostic{Span: span, Message: sprintf(format, args...)})
}

// Diagnostic is a finding in the document being checked. Spans are byte
// offsets into Pass.Doc.Source.
type Diagnostic struct {
	Span    document.Span
	Message string
	Related []RelatedSpan
	Fixes   []Fix
	// Severity overrides the check's severity for this diagnostic when
	// non-zero (configuration overrides still win).
	Severity finding.Severity
}

// RelatedSpan is a secondary location in the same document.
type RelatedSpan struct {
	Span    document.Span
	Message string
}

// Fix is a suggested change: edits to the document being checked.
type Fix struct {
	Message string
	Edits   []Edit
}

// Edit replaces the bytes in Span with NewText.
type Edit struct {
	Span    document.Span
	NewText string
}

// DocFact is one document's fact for a corpus check.
type DocFact struct {
	// Path is the document's reported path.
	Path string
	// Fact is the value the check exported (as returned by NewFact).
	Fact any
}

// CorpusPass is what a corpus check sees after every document has run.
type CorpusPass struct {
	Check *Check
	// Facts are every document's fact, sorted by path. Documents that
	// exported no fact are absent.
	Facts []DocFact
	// Report records a finding; its RuleID and Severity are filled in by
	// the engine when empty. Locations must be resolved (facts should store
	// finding.Location values, made with Document.Location).
	Report func(finding.Finding)
}

// Kind builds checks of one kind from rule specs.
type Kind struct {
	// Name is the value of `kind:` in a rule spec, e.g. "existence".
	Name string
	// Doc describes the kind and its options for rule authors.
	Doc string
	// Data marks a kind whose specs are data for other checks (for
	// example stance topics) rather than checks themselves. Build is not
	// called for them; other kinds read them through Spec.Data.
	Data bool
	// Build turns a spec into a check. It decodes spec.Options strictly and
	// returns errors that say what is wrong (the caller adds file:line).
	Build func(spec *Spec) (*Check, error)
}

// Spec is one rule as written in a rule pack.
type Spec struct {
	ID       string
	Kind     string
	Severity finding.Severity
	Summary  string
	Doc      string
	Message  string
	Tags     []string
	Examples []Example
	// Options are the kind-specific settings under `options:`.
	Options Options
	// Source is "file:line" of the spec, for error messages.
	Source string
	// Data returns the specs of a data kind (e.g. "stance-topic") loaded
	// alongside this one, in load order. It may be nil in tests.
	Data func(kind string) []*Spec
}
