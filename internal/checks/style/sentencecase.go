package style

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
)

// sentenceCaseOptions are the options of the sentence-case kind.
type sentenceCaseOptions struct {
	// LowercaseWords are words written in lower case by design (npm,
	// iPhone); compared exactly.
	LowercaseWords []string `yaml:"lowercase_words"`
	// LowercasePatterns are regular expressions; a first word matching any
	// of them is lower case by design (camelCase names, file names).
	LowercasePatterns []string `yaml:"lowercase_patterns"`
	// Abbreviations end with a period that does not end a sentence ("e.g.",
	// "etc."); compared case-insensitively.
	Abbreviations []string `yaml:"abbreviations"`
	// FixMessage is the text of the suggested fix ({{.Word}}, {{.Fixed}}).
	FixMessage string `yaml:"fix_message"`
}

// sentenceCaseData is what sentence-case messages can use.
type sentenceCaseData struct {
	Word  string // the sentence's first word as written
	Fixed string // the word with its first letter in upper case
}

func sentenceCaseKind() check.Kind {
	return check.Kind{
		Name: "sentence-case",
		Doc: `Reports a sentence that starts with a lower-case letter ("… prepare for.
the primary goal is …"). Sentence starts are found by the rule itself: a
period, question mark or exclamation mark followed by white space, and the
start of a paragraph that follows a paragraph ending in such a mark or a
heading. (A statistical segmenter declines to split before a lower-case
word, which is exactly the case reported here.)

Not reported: headings (titles are often lower case by design), table
cells, the start of a list item (items are often fragments), paragraphs
after code, lists or anything but a finished sentence (continuations such
as "where x is …"), starts after an abbreviation (listed in options, or
any word with an inner period such as "i.e." or "node.js", or a single
letter or number), after an ellipsis, after a terminator followed by a
closing quotation mark or bracket (“Why?” she asked), and first words that
do not start with a lower-case letter (placeholders for code and URLs,
numbers, punctuation) or are lower case by design (options).

Message data: {{.Word}}, {{.Fixed}}. Options: lowercase_words,
lowercase_patterns, abbreviations, fix_message.`,
		Build: buildSentenceCase,
	}
}

// sentenceCase is a built sentence-case rule.
type sentenceCase struct {
	lowerWords map[string]bool
	patterns   []*regexp.Regexp
	abbrevs    map[string]bool
	msg, fix   message[sentenceCaseData]
}

func buildSentenceCase(spec *check.Spec) (*check.Check, error) {
	var opts sentenceCaseOptions
	if err := decodeOptions(spec, &opts); err != nil {
		return nil, err
	}
	sc := &sentenceCase{lowerWords: map[string]bool{}, abbrevs: map[string]bool{}}
	for _, w := range opts.LowercaseWords {
		sc.lowerWords[strings.TrimSpace(w)] = true
	}
	for _, p := range opts.LowercasePatterns {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("%s: lowercase_patterns: %w", spec.ID, err)
		}
		sc.patterns = append(sc.patterns, re)
	}
	for _, a := range opts.Abbreviations {
		sc.abbrevs[strings.ToLower(strings.TrimSpace(a))] = true
	}
	var err error
	if sc.msg, err = newMessage[sentenceCaseData](spec.ID+" message", spec.Message, `Sentence starts with a lower-case letter: "{{.Word}}".`); err != nil {
		return nil, err
	}
	if sc.fix, err = newMessage[sentenceCaseData](spec.ID+" fix_message", opts.FixMessage, `Capitalise "{{.Word}}"`); err != nil {
		return nil, err
	}
	c := newCheck(spec)
	c.Run = func(pass *check.Pass) error {
		sc.run(pass)
		return nil
	}
	return c, nil
}

// closers may follow a sentence terminator before the white space.
const closers = "\"'”’)]}»"

func (sc *sentenceCase) run(pass *check.Pass) {
	if pass.Doc == nil {
		return
	}
	blocks := pass.Doc.Blocks
	for i := range blocks {
		b := &blocks[i]
		switch b.Kind {
		case document.Paragraph, document.ListItem:
		default:
			continue
		}
		if b.Kind == document.Paragraph && i > 0 && continuesSentence(&blocks[i-1]) {
			start := len(b.Text) - len(strings.TrimLeftFunc(b.Text, unicode.IsSpace))
			sc.check(pass, b, start)
		}
		sc.scanStarts(pass, b)
	}
}

// continuesSentence reports whether a paragraph after prev starts a new
// sentence: prev is a heading or a paragraph ending with a terminator.
func continuesSentence(prev *document.Block) bool {
	switch prev.Kind {
	case document.Heading:
		return true
	case document.Paragraph:
		t := strings.TrimRightFunc(prev.Text, unicode.IsSpace)
		r := runeBefore(t, len(t))
		return (r == '.' || r == '?' || r == '!') && !strings.HasSuffix(t, "...")
	}
	return false
}

// scanStarts checks every position after a terminator and white space.
func (sc *sentenceCase) scanStarts(pass *check.Pass, b *document.Block) {
	text := b.Text
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '.' && c != '?' && c != '!' {
			continue
		}
		j := i + 1
		for j < len(text) && (text[j] == '.' || text[j] == '?' || text[j] == '!') {
			j++
		}
		term := text[i:j]
		i = j - 1
		if strings.Contains(term, "..") {
			continue // an ellipsis
		}
		k := j
		for k < len(text) {
			r, size := utf8.DecodeRuneInString(text[k:])
			if !strings.ContainsRune(closers, r) {
				break
			}
			k += size
		}
		if k > j {
			continue // “Why?” she asked
		}
		s := k
		for s < len(text) {
			r, size := utf8.DecodeRuneInString(text[s:])
			if !unicode.IsSpace(r) {
				break
			}
			s += size
		}
		if s == k || s == len(text) {
			continue // no white space: "node.js", "1.5"; or the end
		}
		if term == "." && sc.abbreviationBefore(text, i) {
			continue
		}
		if r := runeBefore(text, i); r == '…' {
			continue
		}
		sc.check(pass, b, s)
	}
}

// abbreviationBefore reports whether the period at text[dot] ends an
// abbreviation rather than a sentence.
func (sc *sentenceCase) abbreviationBefore(text string, dot int) bool {
	start := strings.LastIndexFunc(text[:dot], unicode.IsSpace) + 1
	w := text[start : dot+1] // with the period
	w = strings.TrimLeft(w, "([{\"'“‘")
	bare := strings.TrimSuffix(w, ".")
	if bare == "" {
		return false
	}
	if sc.abbrevs[strings.ToLower(w)] || (strings.Contains(bare, ".") && !isNumber(bare)) {
		return true
	}
	if utf8.RuneCountInString(bare) == 1 && unicode.IsLetter(runeAt(bare, 0)) {
		return true // an initial
	}
	for _, r := range bare {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return len(bare) <= 2 // "1." in a numbered outline
}

// check reports the sentence starting at text[start] if its first word
// starts with a lower-case letter and is not lower case by design.
func (sc *sentenceCase) check(pass *check.Pass, b *document.Block, start int) {
	text := b.Text
	first, size := utf8.DecodeRuneInString(text[start:])
	if !unicode.IsLower(first) {
		return
	}
	end := start + strings.IndexFunc(text[start:]+" ", unicode.IsSpace)
	token := strings.TrimRightFunc(text[start:end], func(r rune) bool { return !isWordRune(r) })
	if sc.lowerWords[token] {
		return
	}
	for _, re := range sc.patterns {
		if re.MatchString(token) {
			return
		}
	}
	// The word itself, without trailing punctuation or an attached
	// placeholder.
	wordEnd := start
	for _, w := range scanWords(text[start:end]) {
		wordEnd = start + w.end
		break
	}
	word := text[start:wordEnd]
	data := sentenceCaseData{Word: word, Fixed: string(unicode.ToUpper(first)) + word[size:]}
	d := check.Diagnostic{Span: b.SourceSpan(start, wordEnd), Message: sc.msg.format(data)}
	if verbatim(pass.Doc, b, start, start+size) {
		d.Fixes = []check.Fix{{
			Message: sc.fix.format(data),
			Edits:   []check.Edit{{Span: b.SourceSpan(start, start+size), NewText: string(unicode.ToUpper(first))}},
		}}
	}
	pass.Report(d)
}

// isNumber reports whether s is digits and periods only ("1.5").
func isNumber(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) && r != '.' {
			return false
		}
	}
	return s != ""
}
