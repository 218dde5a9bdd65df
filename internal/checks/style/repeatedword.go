package style

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/wordscan"
)

// repeatedWordOptions are the options of the repeated-word kind.
type repeatedWordOptions struct {
	// Allow lists words whose doubling is legitimate ("had had", "that
	// that"); compared case-insensitively.
	Allow []string `yaml:"allow"`
	// FixMessage is the text of the suggested fix ({{.Word}}).
	FixMessage string `yaml:"fix_message"`
}

// repeatedWordData is what repeated-word messages can use.
type repeatedWordData struct {
	Word string // the repeated word as written the second time
}

func repeatedWordKind(pools *pools) check.Kind {
	return check.Kind{
		Name: "repeated-word",
		Doc: `Reports a word written twice in a row ("the the"), case-insensitively and
across line breaks, when only white space separates the two. Skipped:
words with digits, three or more in a row, a capitalised second word or a
capitalised first word inside a sentence (names), words touching "-", "/",
"_", ":" and the like (parts of larger tokens), a second word set off by
emphasis, quoted mentions ("the the"), and listed doublings. The span
covers the second word; the fix deletes it.

Message data: {{.Word}}. Options: allow (words whose doubling is
legitimate, or phrases whose last word may be doubled after the others:
"had", "chime in"), fix_message.`,
		Build: func(spec *check.Spec) (*check.Check, error) { return buildRepeatedWord(spec, pools) },
	}
}

func buildRepeatedWord(spec *check.Spec, pools *pools) (*check.Check, error) {
	var opts repeatedWordOptions
	if err := decodeOptions(spec, &opts); err != nil {
		return nil, err
	}
	msg, err := newMessage[repeatedWordData](spec.ID+" message", spec.Message, `Repeated word "{{.Word}}".`)
	if err != nil {
		return nil, err
	}
	fixMsg, err := newMessage[repeatedWordData](spec.ID+" fix_message", opts.FixMessage, `Delete the repeated "{{.Word}}"`)
	if err != nil {
		return nil, err
	}
	rw := &repeatedWord{allow: map[string][][]string{}, msg: msg, fix: fixMsg}
	for _, a := range opts.Allow {
		f := strings.Fields(strings.ToLower(a))
		if len(f) == 0 {
			return nil, fmt.Errorf("%s: allow: empty entry", spec.ID)
		}
		last := f[len(f)-1]
		rw.allow[last] = append(rw.allow[last], f[:len(f)-1])
	}
	c := check.New(spec)
	c.Run = func(pass *check.Pass) error {
		p := sharedProse(pass, pools)
		for i, b := range p.blocks {
			// Most blocks have no two consecutive words that may be
			// equal ignoring case (exact: see wordscan.MayRepeat).
			if words := p.wordsOf(pass, i); wordscan.MayRepeat(p.texts[i], words) {
				rw.block(pass, b, p.texts[i], words)
			}
		}
		return nil
	}
	return c, nil
}

// repeatedWord is a built repeated-word rule.
type repeatedWord struct {
	// allow maps a word to the word sequences that may precede its
	// doubling; an empty sequence allows the doubling anywhere.
	allow    map[string][][]string
	msg, fix message[repeatedWordData]
}

// allowed reports whether the doubling of words[i] (repeating words[i-1])
// is listed as legitimate.
func (rw *repeatedWord) allowed(text string, words []word, i int) bool {
	w := strings.ToLower(words[i].In(text))
	for _, before := range rw.allow[w] {
		k := i - 1 - len(before)
		if k < 0 {
			continue
		}
		ok := true
		for j, b := range before {
			if strings.ToLower(words[k+j].In(text)) != b {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// compoundBefore and compoundAfter are characters that, touching a word,
// make it part of a larger token ("dispuesto/a a", "screenshot
// screenshot--filled").
const (
	compoundBefore = "-/_.@#$:\\"
	compoundAfter  = "-/_@\\"
)

// emphasis is inline markup whose presence between two words means the
// second is set off on purpose ("host _host name_").
const emphasis = "*_"

// block checks one block's text (template tags masked) and its words.
func (rw *repeatedWord) block(pass *check.Pass, b *document.Block, text string, words []word) {
	for i := 1; i < len(words); i++ {
		prev, cur := words[i-1], words[i]
		ps, pe, cs, ce := int(prev.Start), int(prev.End()), int(cur.Start), int(cur.End())
		// Most neighbours differ: compare them first. Words start with a
		// letter or digit; two ASCII ones fold alike only if they are
		// equal with the 0x20 bit set.
		if a, w := text[ps], text[cs]; a < utf8.RuneSelf && w < utf8.RuneSelf && a|0x20 != w|0x20 {
			continue
		}
		a, w := text[ps:pe], text[cs:ce]
		if !strings.EqualFold(a, w) {
			continue
		}
		if hasDigit(a) || hasDigit(w) {
			continue
		}
		if !onlySpace(text[pe:cs]) {
			continue
		}
		// Three or more in a row ("long long long ago") are deliberate.
		if (i >= 2 && sameWord(text, words[i-2], prev)) || (i+1 < len(words) && sameWord(text, cur, words[i+1])) {
			continue
		}
		// A capitalised second word is a name ("Walla Walla"); so is a
		// capitalised first word inside a sentence ("the Parameter
		// parameter", "Gallus gallus").
		if first, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(first) {
			continue
		}
		if first, _ := utf8.DecodeRuneInString(a); unicode.IsUpper(first) && !sentenceStart(text, ps) {
			continue
		}
		before, after := runeBefore(text, ps), runeAt(text, ce)
		if strings.ContainsRune(compoundBefore, before) || strings.ContainsRune(compoundAfter, after) {
			continue
		}
		if rw.allowed(text, words, i) {
			continue
		}
		// A quoted mention of the slip ("fix the "the the" typo").
		if strings.ContainsRune(quoteRunes, before) && strings.ContainsRune(quoteRunes, after) {
			continue
		}
		d := check.Diagnostic{
			Span:    b.SourceSpan(cs, ce),
			Message: rw.msg.format(repeatedWordData{Word: w}),
		}
		firstEnd := b.SourceSpan(ps, pe).End
		var between []byte
		if firstEnd <= d.Span.Start && d.Span.Start <= len(pass.Doc.Source) {
			between = pass.Doc.Source[firstEnd:d.Span.Start]
		}
		if strings.ContainsAny(string(between), emphasis) || (d.Span.Start > 0 && strings.ContainsRune(emphasis, rune(pass.Doc.Source[d.Span.Start-1]))) {
			continue
		}
		// Delete from the end of the first word to the end of the second,
		// but only when the source there is plain white space and the word
		// itself, so the edit cannot eat markup.
		if firstEnd < d.Span.Start && verbatim(pass.Doc, b, cs, ce) && onlySpace(between) {
			d.Fixes = []check.Fix{{
				Message: rw.fix.format(repeatedWordData{Word: w}),
				Edits:   []check.Edit{{Span: document.Span{Start: firstEnd, End: d.Span.End}}},
			}}
		}
		pass.Report(d)
	}
}

// sameWord reports whether two words are equal ignoring case and only
// white space separates them.
func sameWord(text string, a, b word) bool {
	return strings.EqualFold(a.In(text), b.In(text)) && onlySpace(text[a.End():b.Start])
}

// sentenceStart reports whether text[off] starts a sentence: only white
// space, opening quotes or brackets stand between it and the start of the
// text or a sentence terminator.
func sentenceStart(text string, off int) bool {
	before := strings.TrimRightFunc(text[:off], func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("\"'“‘([{", r)
	})
	if before == "" {
		return true
	}
	r := runeBefore(before, len(before))
	return strings.ContainsRune(".!?:;…", r)
}
