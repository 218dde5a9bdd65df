// Package citation parses the citations of an article: in-text citations
// in author–date form ("(Smith & Lee, 2019, p. 12)", "Smith et al.
// (2020)") and numeric form ("[2–4]"), and the reference list (under a
// heading such as "References", or a trailing run of entry-looking
// blocks), each entry split into authors, year, title, DOI and URL. It
// also detects an article's citation style.
//
// Parsing works on Block.Text (paragraph text, before sentence splitting,
// since sentence splitters break at "et al.") and maps every span back to
// Document.Source with Block.SourceSpan. Which words are names, which
// headings open a reference list and what each style requires are data
// (a Lexicon, loaded from rules/citation.yaml).
//
// Usage:
//
//	p, err := citation.NewParser(lex)
//	a := p.Analyze(doc)
//	for _, c := range a.Cites { … }
package citation

import "github.com/galley-lint/galley/internal/document"

// Form is the form of an in-text citation.
type Form int

// Citation forms.
const (
	// Parenthetical: "(Smith, 2015)".
	Parenthetical Form = iota
	// Narrative: "Smith (2015)".
	Narrative
	// NumericForm: "[1]", "[2–4]".
	NumericForm
)

// String returns "parenthetical", "narrative" or "numeric".
func (f Form) String() string {
	switch f {
	case Narrative:
		return "narrative"
	case NumericForm:
		return "numeric"
	}
	return "parenthetical"
}

// Name is one author as written in a citation.
type Name struct {
	// Text is the name as written, without a possessive "’s".
	Text string
	// Span is where it is written.
	Span document.Span
}

// Year is a year as written ("2019a", "n.d.").
type Year struct {
	Text string
	Span document.Span
}

// Cite is one in-text citation of one work (a parenthesis holding
// "Smith, 2015; Lee, 2019" yields two Cites sharing a Group).
type Cite struct {
	Form Form
	// Span covers this citation: authors to year and locator for
	// parenthetical ones, name to closing parenthesis for narrative ones,
	// the bracket for numeric ones.
	Span document.Span
	// Group covers the whole parenthesis or bracket.
	Group document.Span
	// Text is the citation as written (its Span's text in Block.Text).
	Text string
	// Authors are the names cited, in order (empty for numeric ones).
	Authors []Name
	// AuthorsSpan covers the authors (et al. included).
	AuthorsSpan document.Span
	// EtAl is set when the citation ends its authors with "et al".
	EtAl bool
	// EtAlPeriod is false when "et al" lacks its period.
	EtAlPeriod bool
	// EtAlEnd is where "et al" ends (where a missing period goes).
	EtAlEnd int
	// Connector is the word joining the last two authors ("&", "and"),
	// empty if none; ConnectorSpan is where it is written.
	Connector     string
	ConnectorSpan document.Span
	// Years are the years cited ("2015, 2018" gives two).
	Years []Year
	// YearComma is set when a comma separates the authors from the year.
	YearComma bool
	// CommaSpan covers that comma when present; otherwise it is the empty
	// span where a comma belongs (right after the authors).
	CommaSpan document.Span
	// Locator is a page or paragraph locator ("p. 12"), if any.
	Locator string
	// Primary marks the original work named before "as cited in": APA
	// lists only the secondary source, so it is not looked up.
	Primary bool
	// Possessive marks a narrative citation written "Gottman’s (1999)".
	Possessive bool
	// Strong is set for forms that are unmistakably citations (a comma
	// before the year, "et al.", two named authors), as opposed to a
	// single capitalised word before a year.
	Strong bool
	// Numbers are the entry numbers a numeric citation names, ranges
	// expanded.
	Numbers []int
	// Reversed is set for a numeric range written high to low ("[4–2]").
	Reversed bool

	unclosed bool
	commaSep *document.Span
}

// ProblemKind is a form problem found while parsing, whatever the style.
type ProblemKind int

// Problem kinds.
const (
	// Unclosed: "(Smith, 2015" with no closing parenthesis.
	Unclosed ProblemKind = iota
	// CommaSeparated: "(Smith, 2015, Lee, 2019)": citations in one
	// parenthesis separated by a comma instead of a semicolon.
	CommaSeparated
)

// Problem is a form problem at a span.
type Problem struct {
	Kind ProblemKind
	Span document.Span
	// Text is the text concerned.
	Text string
	// Fix, when non-nil, is a certain correction: replace Fix.Span with
	// Fix.NewText.
	Fix *Edit
	// Strong is set when the citation concerned is unmistakable.
	Strong bool
}

// Edit replaces Span with NewText.
type Edit struct {
	Span    document.Span
	NewText string
}

// Entry is one reference-list entry.
type Entry struct {
	// Span covers the entry's text.
	Span document.Span
	// Text is the entry as written (numbering excluded).
	Text string
	// Number is the entry's number when the list numbers it ("1.",
	// "[1]"), else 0; NumberSpan is where that number is written.
	Number     int
	NumberSpan document.Span
	// Authors are the authors' surnames (or corporate names), in order.
	Authors []string
	// MoreAuthors is set when the list of authors is elided ("…").
	MoreAuthors bool
	// Year is the year ("2019a", "n.d."), empty when the entry has none;
	// YearSpan is where it is written.
	Year     string
	YearSpan document.Span
	// Title is the title, as far as it can be told.
	Title string
	// DOI is the DOI ("10.1037/…") and DOISpan where it is written with
	// its prefix ("doi:10…", "https://dx.doi.org/10…"); DOIForm is that
	// text.
	DOI     string
	DOISpan document.Span
	DOIForm string
	// URL is the first non-DOI URL.
	URL string
	// AuthorLike is set when the entry starts with author names
	// ("Smith, J.", "A. B. Jones", a corporate author and a year).
	AuthorLike bool
	// Bibliographic is set when the entry looks like a reference (names
	// and a year) rather than a bare link or a note.
	Bibliographic bool
}

// List is an article's reference list.
type List struct {
	// Heading covers the heading that opens it; empty for a headingless
	// trailing list.
	Heading document.Span
	// Entries in order.
	Entries []Entry
	// Numbered is set when any entry is numbered.
	Numbered bool
}

// Analysis is everything citation checks need to know about one article.
type Analysis struct {
	// Cites are the in-text citations in document order. Numeric ones are
	// included only when the article has a numbered reference list.
	Cites []Cite
	// Problems are form problems, in document order.
	Problems []Problem
	// List is the reference list, or nil.
	List *List
	// Detected is the style the article's own citations suggest (Auto
	// when it cites nothing).
	Detected Style
	// Citing is true when the article cites works in earnest: it has a
	// reference list with at least one bibliographic entry and at least
	// one in-text citation. Otherwise Cites, Problems and List are empty:
	// citation-like text in informal writing is left alone.
	Citing bool
}
