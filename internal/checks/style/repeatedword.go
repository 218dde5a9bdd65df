package style

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
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

func repeatedWordKind() check.Kind {
	return check.Kind{
		Name: "repeated-word",
		Doc: `Reports a word written twice in a row ("the the"), case-insensitively and
across line breaks, when only white space separates the two. Words with
digits and words whose second occurrence starts with a capital letter
("Walla Walla") are skipped. The span covers the second word and the fix
deletes it.

Message data: {{.Word}}. Options: allow (words whose doubling is
legitimate, such as "had" or "that"), fix_message.`,
		Build: buildRepeatedWord,
	}
}

func buildRepeatedWord(spec *check.Spec) (*check.Check, error) {
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
	allow := make(map[string]bool, len(opts.Allow))
	for _, w := range opts.Allow {
		allow[strings.ToLower(strings.TrimSpace(w))] = true
	}
	c := newCheck(spec)
	c.Run = func(pass *check.Pass) error {
		for _, b := range proseBlocks(pass.Doc) {
			findRepeatedWords(pass, b, allow, msg, fixMsg)
		}
		return nil
	}
	return c, nil
}

func findRepeatedWords(pass *check.Pass, b *document.Block, allow map[string]bool, msg, fixMsg message[repeatedWordData]) {
	text := b.Text
	words := scanWords(text)
	for i := 1; i < len(words); i++ {
		prev, cur := words[i-1], words[i]
		if prev.digits || cur.digits {
			continue
		}
		if !onlySpace([]byte(text[prev.end:cur.start])) {
			continue
		}
		a, w := text[prev.start:prev.end], text[cur.start:cur.end]
		if !strings.EqualFold(a, w) {
			continue
		}
		if first, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(first) {
			continue
		}
		if allow[strings.ToLower(w)] {
			continue
		}
		data := repeatedWordData{Word: w}
		d := check.Diagnostic{
			Span:    b.SourceSpan(cur.start, cur.end),
			Message: msg.format(data),
		}
		// Delete from the end of the first word to the end of the second,
		// but only when the source there is plain white space and the word
		// itself, so the edit cannot eat markup.
		del := document.Span{Start: b.SourceSpan(prev.start, prev.end).End, End: d.Span.End}
		if del.Start < d.Span.Start && verbatim(pass.Doc, b, cur.start, cur.end) &&
			onlySpace(pass.Doc.Source[del.Start:d.Span.Start]) {
			d.Fixes = []check.Fix{{Message: fixMsg.format(data), Edits: []check.Edit{{Span: del}}}}
		}
		pass.Report(d)
	}
}
