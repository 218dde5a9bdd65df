package kinds

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/rulepack"
)

// isWordRune reports whether r belongs to a word for boundary purposes.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.Is(unicode.Mn, r)
}

var spaceRun = regexp.MustCompile(`\s+`)

// normalize folds a phrase for lookup: runs of white space become one
// space, and case is folded unless caseSensitive.
func normalize(s string, caseSensitive bool) string {
	s = spaceRun.ReplaceAllString(strings.TrimSpace(s), " ")
	if !caseSensitive {
		s = strings.ToLower(s)
	}
	return s
}

// phraseRegexp compiles literal phrases into one alternation, longest
// first, where a space in a phrase matches any run of white space (a
// phrase may wrap across lines).
func phraseRegexp(phrases []string, caseSensitive bool) *regexp.Regexp {
	ps := slices.Clone(phrases)
	slices.SortFunc(ps, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, 0, len(ps))
	for _, p := range ps {
		fields := strings.Fields(p)
		if len(fields) == 0 {
			continue
		}
		for i, f := range fields {
			fields[i] = regexp.QuoteMeta(f)
		}
		parts = append(parts, strings.Join(fields, `\s+`))
	}
	expr := "(?:" + strings.Join(parts, "|") + ")"
	if !caseSensitive {
		expr = "(?i)" + expr
	}
	return regexp.MustCompile(expr)
}

// boundaryOK reports whether text[s:e] starts and ends on word boundaries
// where it starts or ends with a word character.
func boundaryOK(text string, s, e int) bool {
	if s > 0 {
		first, _ := utf8.DecodeRuneInString(text[s:])
		prev, _ := utf8.DecodeLastRuneInString(text[:s])
		if isWordRune(first) && isWordRune(prev) {
			return false
		}
	}
	if e < len(text) && e > s {
		last, _ := utf8.DecodeLastRuneInString(text[:e])
		next, _ := utf8.DecodeRuneInString(text[e:])
		if isWordRune(last) && isWordRune(next) {
			return false
		}
	}
	return true
}

// findAll returns the non-overlapping matches of re in text. With
// boundaries, matches that start or end inside a word are skipped (and the
// search resumes one character later, so a shorter alternative can still
// match there).
func findAll(re *regexp.Regexp, text string, boundaries bool) [][2]int {
	var out [][2]int
	for pos := 0; pos <= len(text); {
		loc := re.FindStringIndex(text[pos:])
		if loc == nil {
			break
		}
		s, e := pos+loc[0], pos+loc[1]
		if e == s {
			// Empty matches report nothing; step over one character.
			_, size := utf8.DecodeRuneInString(text[s:])
			pos = s + max(size, 1)
			continue
		}
		if boundaries && !boundaryOK(text, s, e) {
			_, size := utf8.DecodeRuneInString(text[s:])
			pos = s + max(size, 1)
			continue
		}
		out = append(out, [2]int{s, e})
		pos = e
	}
	return out
}

// hasPlaceholder reports whether s contains a document.Placeholder.
func hasPlaceholder(s string) bool {
	return strings.ContainsRune(s, document.Placeholder)
}

// scope is the set of prose block kinds a rule looks at.
type scope map[document.BlockKind]bool

var proseKinds = []document.BlockKind{document.Paragraph, document.Heading, document.ListItem, document.TableCell}

// parseScope turns option names into a scope; empty means all prose.
func parseScope(opts check.Options, names []string) (scope, error) {
	sc := scope{}
	if len(names) == 0 {
		for _, k := range proseKinds {
			sc[k] = true
		}
		return sc, nil
	}
	var errs rulepack.Errors
	for i, n := range names {
		found := false
		for _, k := range proseKinds {
			if k.String() == n {
				sc[k] = true
				found = true
			}
		}
		if !found {
			errs = append(errs, rulepack.OptionErrorf(opts, []string{"scope", fmt.Sprint(i)}, "unknown scope %q (want paragraph, heading, list-item or table-cell)", n))
		}
	}
	return sc, errs.Err()
}

// blocks returns the document's prose blocks within the scope.
func (sc scope) blocks(doc *document.Document) []*document.Block {
	var out []*document.Block
	for _, b := range doc.ProseBlocks() {
		if sc[b.Kind] {
			out = append(out, b)
		}
	}
	return out
}

// decode decodes spec options (which may be nil in tests).
func decode(spec *check.Spec, v any) error {
	if spec.Options == nil {
		return nil
	}
	return spec.Options.Decode(v)
}

// messageTemplate builds the spec's message template; a message is
// required for the generic kinds.
func messageTemplate(spec *check.Spec, sample any) (*Template, error) {
	if strings.TrimSpace(spec.Message) == "" {
		return nil, fmt.Errorf("kind %s needs a message", spec.Kind)
	}
	return NewTemplate(spec.Message, sample)
}

// matchCase gives repl the case pattern of match: all capitals when match
// is all capitals (two letters or more), a capital first letter when match
// starts with one; otherwise repl as written.
func matchCase(match, repl string) string {
	letters, upper := 0, 0
	for _, r := range match {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters >= 2 && upper == letters {
		return strings.ToUpper(repl)
	}
	first, _ := utf8.DecodeRuneInString(match)
	if unicode.IsUpper(first) {
		r, size := utf8.DecodeRuneInString(repl)
		if unicode.IsLower(r) {
			return string(unicode.ToUpper(r)) + repl[size:]
		}
	}
	return repl
}

// fixFor returns a fix replacing span with repl when the source at span is
// exactly match (no markup inside the span), else nil.
func fixFor(doc *document.Document, span document.Span, match, repl, message string) []check.Fix {
	if doc.Text(span) != match {
		return nil
	}
	return []check.Fix{{Message: message, Edits: []check.Edit{{Span: span, NewText: repl}}}}
}
