package style

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/wordscan"
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
	// CommonWords are words that often start a sentence ("the", "and");
	// they are reported even when the article never writes them
	// capitalised.
	CommonWords []string `yaml:"common_words"`
	// FixMessage is the text of the suggested fix ({{.Word}}, {{.Fixed}}).
	FixMessage string `yaml:"fix_message"`
}

// sentenceCaseData is what sentence-case messages can use.
type sentenceCaseData struct {
	Word  string // the sentence's first word as written
	Fixed string // the word with its first letter in upper case
}

func sentenceCaseKind(pools *pools) check.Kind {
	return check.Kind{
		Name: "sentence-case",
		Doc: `Reports a sentence that starts with a lower-case letter ("… prepare for.
the primary goal is …"). Sentence starts are found by the rule itself (a
statistical segmenter declines to split before a lower-case word, which
is exactly the case reported): a terminator ending a word and followed
by white space, and the start of a paragraph that is a sentence and
follows a finished paragraph at the same blockquote depth.

Skipped: headings, table cells and list-item starts; abbreviations,
initials and small numbers before the period; ellipses; terminators
followed by closing quotes, brackets or markup; names ending in "!"
(useR!); first words that are code, numbers, link text or emphasis, lower
case by design (options), reference titles ("keras: R …"), or never
written capitalised in the article unless they are common openers.

Message data: {{.Word}}, {{.Fixed}}. Options: lowercase_words,
lowercase_patterns, abbreviations, common_words, fix_message.`,
		Build: func(spec *check.Spec) (*check.Check, error) { return buildSentenceCase(spec, pools) },
	}
}

// sentenceCase is a built sentence-case rule.
type sentenceCase struct {
	common     map[string]bool
	lowerWords map[string]bool
	patterns   []*regexp.Regexp
	abbrevs    map[string]bool
	msg, fix   message[sentenceCaseData]
	pools      *pools
}

func buildSentenceCase(spec *check.Spec, pools *pools) (*check.Check, error) {
	var opts sentenceCaseOptions
	if err := decodeOptions(spec, &opts); err != nil {
		return nil, err
	}
	sc := &sentenceCase{common: map[string]bool{}, lowerWords: map[string]bool{}, abbrevs: map[string]bool{}, pools: pools}
	for _, w := range opts.CommonWords {
		sc.common[strings.ToLower(strings.TrimSpace(w))] = true
	}
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
	c := check.New(spec)
	c.Run = func(pass *check.Pass) error {
		sc.run(pass)
		return nil
	}
	return c, nil
}

// closers may follow a sentence terminator before the white space.
const closers = "\"'”’)]}»"

// asciiCloser marks the ASCII bytes of closers.
var asciiCloser = func() (t [utf8.RuneSelf]bool) {
	for _, r := range closers {
		if r < utf8.RuneSelf {
			t[r] = true
		}
	}
	return t
}()

func (sc *sentenceCase) run(pass *check.Pass) {
	if pass.Doc == nil {
		return
	}
	st := &sentenceState{pass: pass, prose: sharedProse(pass, sc.pools)}
	blocks := pass.Doc.Blocks
	pi := -1 // index of b in st.prose.blocks
	for i := range blocks {
		b := &blocks[i]
		if b.Kind.IsProse() {
			pi++
		}
		switch b.Kind {
		case document.Paragraph, document.ListItem:
		default:
			continue
		}
		text := st.prose.texts[pi]
		if b.Kind == document.Paragraph && i > 0 && continuesSentence(&blocks[i-1]) && blocks[i-1].Quoted == b.Quoted && endsSentence(text) {
			start := len(text) - len(strings.TrimLeftFunc(text, unicode.IsSpace))
			sc.check(st, b, text, start)
		}
		sc.scanStarts(st, b, text)
	}
}

// sentenceState is what one run over a document keeps.
type sentenceState struct {
	pass  *check.Pass
	prose *prose
	// capitalised holds, lower-cased, every word the document writes with
	// a capital first letter; built once asked answers more than
	// scanCapitalisedMax questions.
	capitalised map[string]bool
	asked       int
}

// scanCapitalisedMax is how many questions writtenCapitalised answers by
// a pass over the words before it builds the set of capitalised words:
// a pass costs a few instructions a word, the set a decode, a lower-case
// copy and a map insertion per capitalised word, and most documents ask
// once or twice.
const scanCapitalisedMax = 4

// writtenCapitalised reports whether the document writes w (lower case)
// with a capital first letter somewhere.
func (st *sentenceState) writtenCapitalised(w string) bool {
	if st.capitalised == nil && st.asked < scanCapitalisedMax {
		st.asked++
		return st.scanCapitalised(w)
	}
	if st.capitalised == nil {
		st.capitalised = map[string]bool{}
		for i, text := range st.prose.texts {
			for _, wd := range st.prose.wordsOf(st.pass, i) {
				t := wd.In(text)
				if r, _ := utf8.DecodeRuneInString(t); unicode.IsUpper(r) {
					st.capitalised[strings.ToLower(t)] = true
				}
			}
		}
	}
	return st.capitalised[w]
}

// scanCapitalised is writtenCapitalised(w) by a pass over the document's
// words. A plain word (ASCII letters and digits) lower-cases to w only
// when w is plain too, of the same length and equal ignoring case, so
// with the same code (wordscan.Word.Code): plain words with another code
// are passed over without looking at their text.
func (st *sentenceState) scanCapitalised(w string) bool {
	code := wordscan.WordCode(w) // 0, which no plain word has, when w is not plain
	for i, text := range st.prose.texts {
		for _, wd := range st.prose.wordsOf(st.pass, i) {
			if c := wd.Code(); c != 0 && c != code {
				continue
			}
			t := wd.In(text)
			if r, _ := utf8.DecodeRuneInString(t); unicode.IsUpper(r) && strings.ToLower(t) == w {
				return true
			}
		}
	}
	return false
}

// continuesSentence reports whether a paragraph after prev starts a new
// sentence: prev is a paragraph ending with a terminator. (After a heading
// a lower-case paragraph often continues the heading or starts with a
// name.)
func continuesSentence(prev *document.Block) bool {
	switch prev.Kind {
	case document.Paragraph:
		return endsSentence(prev.Text) && !strings.HasSuffix(strings.TrimRightFunc(prev.Text, trailingNoise), "...")
	}
	return false
}

// endsSentence reports whether text ends with a sentence terminator
// (perhaps followed by closing quotes or brackets): a paragraph that does
// not is a fragment, such as a byline or a label under a heading.
func endsSentence(text string) bool {
	// Step back over trailing noise; ASCII bytes by table lookup.
	for k := len(text); k > 0; {
		if c := text[k-1]; c < utf8.RuneSelf {
			if !asciiNoise[c] {
				return c == '.' || c == '?' || c == '!'
			}
			k--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(text[:k])
		if !trailingNoise(r) {
			return false // no terminator is outside ASCII
		}
		k -= size
	}
	return false
}

// asciiNoise marks the ASCII bytes trailingNoise accepts.
var asciiNoise = func() (t [utf8.RuneSelf]bool) {
	for c := range rune(utf8.RuneSelf) {
		t[c] = trailingNoise(c)
	}
	return t
}()

// trailingNoise is what may follow a paragraph's last terminator: white
// space, closing quotes and brackets, placeholders (a trailing comment or
// link) and masked template tags.
func trailingNoise(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(closers, r) || r == document.Placeholder || r == 0
}

// innerCapital reports whether the word ending at text[end] has an upper
// case letter after its first letter.
func innerCapital(text string, end int) bool {
	start := strings.LastIndexFunc(text[:end], func(r rune) bool { return !isWordRune(r) }) + 1
	for i, r := range text[start:end] {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// scanStarts checks every position after a terminator and white space.
func (sc *sentenceCase) scanStarts(st *sentenceState, b *document.Block, text string) {
	src := st.pass.Doc.Source
	find := newByteFinder(text, '.', '?', '!')
	for i := 0; i < len(text); i++ {
		if i = find.from(i); i >= len(text) {
			break
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
		s, ok := lowerStartAfter(text, j)
		if !ok {
			continue
		}
		if term == "." && sc.abbreviationBefore(text, i) {
			continue
		}
		// An exclamation mark after a word with an inner capital is part
		// of a name (useR!, LatinR!).
		if term == "!" && innerCapital(text, i) {
			continue
		}
		// The terminator must end a word, not stand alone or end a symbol
		// ("the question mark ? matches", "$? is").
		if r := runeBefore(text, i); !wordish(r) && !strings.ContainsRune(closers, r) {
			continue
		}
		// Markup right after the terminator means it ends a label or link
		// text, not a sentence ("Click **Okay!** to go on").
		if end := b.SourceSpan(i, j).End; end < len(src) {
			if r, _ := utf8.DecodeRune(src[end:]); !unicode.IsSpace(r) {
				continue
			}
		}
		sc.check(st, b, text, s)
	}
}

// lowerStartAfter returns where a sentence starting in lower case starts
// after a terminator ending at text[j]: no closer follows the terminator
// (“Why?” she asked), white space does ("node.js", "1.5" have none), and
// then a lower-case letter. ASCII bytes are tested by table or range;
// other runes are decoded.
func lowerStartAfter(text string, j int) (int, bool) {
	if j < len(text) {
		if c := text[j]; c < utf8.RuneSelf && asciiCloser[c] {
			return 0, false
		} else if c >= utf8.RuneSelf {
			if r, _ := utf8.DecodeRuneInString(text[j:]); strings.ContainsRune(closers, r) {
				return 0, false
			}
		}
	}
	s := j
	for s < len(text) {
		if c := text[s]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			s++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[s:])
		if !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	if s == j || s == len(text) {
		return 0, false
	}
	if c := text[s]; c < utf8.RuneSelf {
		return s, 'a' <= c && c <= 'z'
	}
	r, _ := utf8.DecodeRuneInString(text[s:])
	return s, unicode.IsLower(r)
}

// abbreviationBefore reports whether the period at text[dot] ends an
// abbreviation rather than a sentence.
func (sc *sentenceCase) abbreviationBefore(text string, dot int) bool {
	// The run of letters, digits and periods before the period:
	// "functions/etc." gives "etc.", "(#_1." gives "1.".
	start := strings.LastIndexFunc(text[:dot], func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.'
	}) + 1
	w := text[start : dot+1] // with the period
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

// sentenceEnd is punctuation stripped from the end of a first word
// before matching it against lowercase_words and lowercase_patterns.
const sentenceEnd = ".,;:!?\"'’”"

// check reports the sentence starting at text[start] if its first word
// starts with a lower-case letter and is not lower case by design.
func (sc *sentenceCase) check(st *sentenceState, b *document.Block, text string, start int) {
	doc := st.pass.Doc
	first, size := utf8.DecodeRuneInString(text[start:])
	if !unicode.IsLower(first) {
		return
	}
	end := len(text)
	if i := strings.IndexFunc(text[start:], unicode.IsSpace); i >= 0 {
		end = start + i
	}
	token := strings.TrimRight(text[start:end], sentenceEnd)
	if sc.lowerWords[token] {
		return
	}
	for _, re := range sc.patterns {
		if re.MatchString(token) {
			return
		}
	}
	// A word set off by markup is a term or a name: link text, emphasis,
	// code ("[terrainr](…) is", "_unary-expression_ can").
	firstSrc := b.SourceSpan(start, start+size)
	if firstSrc.Start > 0 && strings.ContainsRune("[*_`", rune(doc.Source[firstSrc.Start-1])) {
		return
	}
	// "keras: R Interface to Keras" is a title in a reference.
	if strings.HasSuffix(text[start:end], ":") {
		if r := runeAt(text, end+1); unicode.IsUpper(r) {
			return
		}
	}
	// The word itself, without trailing punctuation or an attached
	// placeholder.
	wordEnd := start
	for _, w := range scanWords(text[start:end]) {
		wordEnd = start + int(w.End())
		break
	}
	word := text[start:wordEnd]
	// A word the article never writes capitalised is probably a name
	// written in lower case by design (rromeo, pnkfelix), unless it is a
	// common sentence opener.
	lower := strings.ToLower(word)
	if !sc.common[lower] && !st.writtenCapitalised(lower) {
		return
	}
	data := sentenceCaseData{Word: word, Fixed: string(unicode.ToUpper(first)) + word[size:]}
	d := check.Diagnostic{Span: b.SourceSpan(start, wordEnd), Message: sc.msg.format(data)}
	if verbatim(doc, b, start, start+size) {
		d.Fixes = []check.Fix{{
			Message: sc.fix.format(data),
			Edits:   []check.Edit{{Span: firstSrc, NewText: string(unicode.ToUpper(first))}},
		}}
	}
	st.pass.Report(d)
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
