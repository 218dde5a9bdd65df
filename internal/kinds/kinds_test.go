package kinds

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/rulepack"
)

// plainDoc builds a document whose paragraphs (separated by blank lines)
// are blocks with one verbatim piece each.
func plainDoc(src string) *document.Document {
	doc := document.New("test.md", document.Markdown, []byte(src))
	off := 0
	for _, para := range strings.Split(src, "\n\n") {
		doc.Blocks = append(doc.Blocks, document.Block{
			Kind:   document.Paragraph,
			Span:   document.Span{Start: off, End: off + len(para)},
			Text:   para,
			Pieces: []document.Piece{{Text: 0, TextEnd: len(para), Src: off, SrcEnd: off + len(para), Verbatim: true}},
		})
		off += len(para) + 2
	}
	return doc
}

// spec builds a spec whose options are the given YAML.
func spec(t *testing.T, kind, message, options string) *check.Spec {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(options), &n); err != nil {
		t.Fatal(err)
	}
	opts, err := rulepack.NewOptions(rulepack.Layer{File: "pack.yaml", Node: &n})
	if err != nil {
		t.Fatal(err)
	}
	return &check.Spec{ID: "test/rule", Kind: kind, Message: message, Options: opts}
}

func build(t *testing.T, k check.Kind, s *check.Spec) *check.Check {
	t.Helper()
	c, err := k.Build(s)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return c
}

func run(t *testing.T, c *check.Check, doc *document.Document) []check.Diagnostic {
	t.Helper()
	var out []check.Diagnostic
	pass := &check.Pass{Check: c, Doc: doc, Report: func(d check.Diagnostic) { out = append(out, d) }}
	if err := c.Run(pass); err != nil {
		t.Fatal(err)
	}
	return out
}

// texts returns the source text of each diagnostic's span.
func texts(doc *document.Document, ds []check.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, doc.Text(d.Span))
	}
	return out
}

func TestExistence(t *testing.T) {
	tests := []struct {
		name, options, src string
		want               []string
		msg0               string
	}{
		{"tokens case-insensitive on boundaries", `{tokens: [very, "in order to"]}`,
			"Very good. It is every bit very nice.\n\nWe did it in order\nto win.",
			[]string{"Very", "very", "in order\nto"}, `Avoid "Very".`},
		{"case-sensitive", `{tokens: [Very], case: true}`, "Very good, very good.", []string{"Very"}, ""},
		{"patterns", `{patterns: ['\b\w+ly\b']}`, "Really quickly now.", []string{"Really", "quickly"}, ""},
		{"exceptions", `{patterns: ['\b\w+ly\b'], exceptions: [only, Early]}`, "Only early, surely.", []string{"surely"}, ""},
		{"unicode boundaries", `{tokens: [café]}`, "cafés and café, écafé.", []string{"café"}, ""},
		{"placeholder skipped", `{tokens: ["run x"]}`, "run \uFFFC now", nil, ""},
		{"no match", `{tokens: [foo]}`, "food, afoot, foo_bar.", nil, ""},
		{"overlaps reported once", `{tokens: [a b, b c]}`, "a b c", []string{"a b"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := build(t, Existence(), spec(t, "existence", `Avoid "{{.Match}}".`, tt.options))
			doc := plainDoc(tt.src)
			ds := run(t, c, doc)
			got := texts(doc, ds)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			if tt.msg0 != "" && ds[0].Message != tt.msg0 {
				t.Errorf("message %q, want %q", ds[0].Message, tt.msg0)
			}
		})
	}
}

func TestExistenceScope(t *testing.T) {
	doc := plainDoc("foo\n\nfoo")
	doc.Blocks[0].Kind = document.Heading
	c := build(t, Existence(), spec(t, "existence", "x", `{tokens: [foo], scope: [heading]}`))
	ds := run(t, c, doc)
	if len(ds) != 1 || ds[0].Span.Start != 0 {
		t.Fatalf("got %+v", ds)
	}
}

// TestMarkupOffsets uses a block whose text skips emphasis markup and
// holds a placeholder for inline code.
func TestMarkupOffsets(t *testing.T) {
	src := "We **recieve** `alot` and alot."
	doc := document.New("t.md", document.Markdown, []byte(src))
	text := "We recieve \uFFFC and alot."
	ph := len("We recieve ")
	doc.Blocks = []document.Block{{
		Kind: document.Paragraph, Span: document.Span{Start: 0, End: len(src)}, Text: text,
		Pieces: []document.Piece{
			{Text: 0, TextEnd: 3, Src: 0, SrcEnd: 3, Verbatim: true},
			{Text: 3, TextEnd: 10, Src: 5, SrcEnd: 12, Verbatim: true},
			{Text: 10, TextEnd: 11, Src: 14, SrcEnd: 15, Verbatim: true},
			{Text: ph, TextEnd: ph + 3, Src: 15, SrcEnd: 21},
			{Text: ph + 3, TextEnd: len(text), Src: 21, SrcEnd: len(src), Verbatim: true},
		},
	}}
	c := build(t, Substitution(), spec(t, "substitution", `Use "{{.Preferred}}".`, `{swap: {recieve: receive, alot: a lot}}`))
	ds := run(t, c, doc)
	got := texts(doc, ds)
	if strings.Join(got, "|") != "recieve|alot" {
		t.Fatalf("got %q", got)
	}
	if ds[1].Span.Start != strings.LastIndex(src, "alot") {
		t.Errorf("second span %v", ds[1].Span)
	}
	if len(ds[0].Fixes) != 1 || ds[0].Fixes[0].Edits[0].NewText != "receive" {
		t.Errorf("fix %+v", ds[0].Fixes)
	}
}

func TestSubstitution(t *testing.T) {
	tests := []struct {
		name, options, src string
		want               []string // match=>replacement
	}{
		{"case preserving", `{swap: {alot: a lot, recieve: receive}}`, "Alot. ALOT. alot. Recieve", []string{"Alot=>A lot", "ALOT=>A LOT", "alot=>a lot", "Recieve=>Receive"}},
		{"boundaries", `{swap: {alot: a lot}}`, "alots balot alot_x", nil},
		{"case-sensitive", `{swap: {Javascript: JavaScript}, case: true}`, "Javascript javascript JavaScript", []string{"Javascript=>JavaScript"}},
		{"already preferred", `{swap: {javascript: JavaScript}}`, "JavaScript and javascript", []string{"javascript=>JavaScript"}},
		{"multi-word across lines", `{swap: {web site: website}}`, "a web\nsite here", []string{"web\nsite=>website"}},
		{"regex with groups", `{regex: true, swap: {'\b(\w+)ize\b': '${1}ise'}}`, "We organize it.", []string{"organize=>organise"}},
		{"longest key wins", `{swap: {"log in": "sign in", "log in to": "sign in to"}}`, "log in to it", []string{"log in to=>sign in to"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := build(t, Substitution(), spec(t, "substitution", `"{{.Match}}" → "{{.Preferred}}"`, tt.options))
			doc := plainDoc(tt.src)
			ds := run(t, c, doc)
			var got []string
			for _, d := range ds {
				match := doc.Text(d.Span)
				if len(d.Fixes) != 1 || len(d.Fixes[0].Edits) != 1 || d.Fixes[0].Edits[0].Span != d.Span {
					t.Fatalf("bad fix on %q: %+v", match, d.Fixes)
				}
				got = append(got, match+"=>"+d.Fixes[0].Edits[0].NewText)
				if want := `"` + match + `" → "` + d.Fixes[0].Edits[0].NewText + `"`; d.Message != want {
					t.Errorf("message %q, want %q", d.Message, want)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFixMessage(t *testing.T) {
	c := build(t, Substitution(), spec(t, "substitution", "m", `{swap: {alot: a lot}, fix_message: 'Replace with "{{.Preferred}}"'}`))
	ds := run(t, c, plainDoc("alot"))
	if len(ds) != 1 || ds[0].Fixes[0].Message != `Replace with "a lot"` || ds[0].Message != "m" {
		t.Fatalf("got %+v", ds)
	}
	_, err := Substitution().Build(spec(t, "substitution", "m", "swap: {a: b}\nfix_message: '{{.Nope}}'"))
	if err == nil || !strings.HasPrefix(err.Error(), "pack.yaml:2: message template:") {
		t.Errorf("got %v", err)
	}
}

func TestConsistency(t *testing.T) {
	opts := `{pairs: [[email, e-mail], [website, web site]], related: 'first {{.Preferred}}'}`
	c := build(t, Consistency(), spec(t, "consistency", `{{.Match}} vs {{.Preferred}} ({{.Count}}/{{.MatchCount}})`, opts))

	t.Run("minority reported", func(t *testing.T) {
		src := "Send an e-mail. Email us.\n\nThe email is here. A web site."
		doc := plainDoc(src)
		ds := run(t, c, doc)
		if got := texts(doc, ds); strings.Join(got, "|") != "e-mail" {
			t.Fatalf("got %q", got)
		}
		d := ds[0]
		if d.Message != "e-mail vs email (2/1)" {
			t.Errorf("message %q", d.Message)
		}
		if len(d.Related) != 1 || doc.Text(d.Related[0].Span) != "Email" || d.Related[0].Message != "first email" {
			t.Errorf("related %+v", d.Related)
		}
		if len(d.Fixes) != 1 || d.Fixes[0].Edits[0].NewText != "email" {
			t.Errorf("fixes %+v", d.Fixes)
		}
	})
	t.Run("tie goes to first", func(t *testing.T) {
		doc := plainDoc("A web site and a Website.")
		ds := run(t, c, doc)
		if got := texts(doc, ds); strings.Join(got, "|") != "Website" {
			t.Fatalf("got %q", got)
		}
		if ds[0].Fixes[0].Edits[0].NewText != "Web site" {
			t.Errorf("fix %+v", ds[0].Fixes)
		}
	})
	t.Run("single variant silent", func(t *testing.T) {
		doc := plainDoc("email, Email, EMAIL and emails.")
		if ds := run(t, c, doc); len(ds) != 0 {
			t.Fatalf("got %+v", ds)
		}
	})
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		kind    check.Kind
		message string
		options string
		want    string
	}{
		{Existence(), "m", `{tokens: [x], patterns: ['a(']}`, `pack.yaml:1: invalid pattern "a(": error parsing regexp: missing closing ): ` + "`a(`"},
		{Existence(), "m", "tokens: [x]\nscope: [footer]", `pack.yaml:2: unknown scope "footer" (want paragraph, heading, list-item or table-cell)`},
		{Existence(), "m", `{}`, `pack.yaml:1: existence needs tokens or patterns`},
		{Existence(), "{{.Nope}}", `{tokens: [x]}`, `message template: template: message:1:2: executing "message" at <.Nope>: can't evaluate field Nope in type kinds.ExistenceData`},
		{Existence(), "{{.Match", `{tokens: [x]}`, `message template: template: message:1: unclosed action`},
		{Existence(), "", `{tokens: [x]}`, `kind existence needs a message`},
		{Existence(), "m", "tokens: [x]\ntoken: [y]", `pack.yaml:2: unknown key "token" (known keys: case, exceptions, patterns, scope, tokens)`},
		{Existence(), "m", "tokens: x", `pack.yaml:1: want a list, got "x"`},
		{Existence(), "m", "tokens: [x]\ncase: maybe", `pack.yaml:2: want true or false, got "maybe"`},
		{Substitution(), "m", "regex: true\nswap:\n  'a[': b", `pack.yaml:3: invalid pattern "a[": error parsing regexp: missing closing ]: ` + "`[`"},
		{Substitution(), "m", `{swap: {}}`, `pack.yaml:1: substitution needs a non-empty swap mapping`},
		{Consistency(), "m", "pairs:\n  - [a]\n  - [b, B]", "pack.yaml:2: a group needs at least two variants\npack.yaml:3: duplicate variant \"B\""},
		{Consistency(), "m", "pairs: [[a, b]]\nrelated: '{{.X}}'", `pack.yaml:2: message template: template: message:1:2: executing "message" at <.X>: can't evaluate field X in type kinds.ConsistencyData`},
	}
	for _, tt := range tests {
		_, err := tt.kind.Build(spec(t, tt.kind.Name, tt.message, tt.options))
		if err == nil {
			t.Errorf("%s %s: no error, want %s", tt.kind.Name, tt.options, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("%s %s:\n got %s\nwant %s", tt.kind.Name, tt.options, err, tt.want)
		}
	}
}

func TestTemplate(t *testing.T) {
	tm, err := NewTemplate(`"{{.Match}}"`, ExistenceData{})
	if err != nil {
		t.Fatal(err)
	}
	if got := tm.Execute(ExistenceData{Match: "x"}); got != `"x"` {
		t.Errorf("got %q", got)
	}
	if _, err := NewTemplate(`{{.missing}}`, map[string]any{}); err == nil {
		t.Error("missing map key accepted")
	}
}

func TestGenericNames(t *testing.T) {
	var names []string
	for _, k := range Generic() {
		names = append(names, k.Name)
		if k.Doc == "" || k.Build == nil {
			t.Errorf("%s: no doc or build", k.Name)
		}
	}
	if strings.Join(names, ",") != "consistency,existence,substitution" {
		t.Errorf("got %v", names)
	}
}

func TestBadInputNoPanic(t *testing.T) {
	c := build(t, Substitution(), spec(t, "substitution", "m", `{swap: {alot: a lot}}`))
	for _, src := range []string{"", "\xff\xfealot\xff", "\uFEFFalot\r\n\r\nalot", strings.Repeat("alot ", 10000)} {
		run(t, c, plainDoc(src))
	}
}

// FuzzPhraseSet checks the literal matcher's invariants on arbitrary text:
// matches are in order, do not overlap, sit on word boundaries and read
// as their phrase (ignoring case and white space).
func FuzzPhraseSet(f *testing.F) {
	f.Add("Send an E-mail, then an email.\nweb\n site", false)
	f.Add("café CAFÉ cafés \xff\xfe alot", true)
	f.Add("", false)
	phrases := []string{"email", "e-mail", "web site", "café", "a", "a b", "ǅ"}
	f.Fuzz(func(t *testing.T, text string, caseSensitive bool) {
		ps := newPhraseSet(phrases, caseSensitive)
		end := 0
		for _, m := range ps.findAll(text) {
			if m.S < end || m.E <= m.S || m.E > len(text) {
				t.Fatalf("bad match %+v after %d in %q", m, end, text)
			}
			end = m.E
			got := normalize(text[m.S:m.E], caseSensitive)
			want := normalize(phrases[m.Index], caseSensitive)
			if !caseSensitive {
				got, want = strings.ToLower(got), strings.ToLower(want)
			}
			if got != want {
				t.Fatalf("match %q is not phrase %q", got, want)
			}
		}
	})
}

// BenchmarkGenericKinds runs one rule of each generic kind over synthetic
// prose (no corpus needed).
func BenchmarkGenericKinds(b *testing.B) {
	clean := strings.Repeat("The team reads the messages at the end of the day and answers them before the next release goes out. ", 4)
	dirty := "We will recieve the e-mail toward the end of the day, and the email will be read by the web site team in order to continue."
	var paras []string
	for i := range 2000 {
		if i%50 == 0 {
			paras = append(paras, dirty)
		}
		paras = append(paras, clean)
	}
	src := strings.Join(paras, "\n\n")
	doc := plainDoc(src)
	t := &testing.T{}
	checks := []*check.Check{
		build(t, Existence(), spec(t, "existence", "m", `{tokens: ["in order to", very, really], patterns: ['\bwill be \w+ed\b']}`)),
		build(t, Substitution(), spec(t, "substitution", "m", `{swap: {recieve: receive, alot: a lot, seperate: separate, untill: until}}`)),
		build(t, Consistency(), spec(t, "consistency", "m", `{pairs: [[email, e-mail], [toward, towards], [website, web site]]}`)),
	}
	for i, c := range checks {
		b.Run([]string{"existence", "substitution", "consistency"}[i], func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for range b.N {
				pass := &check.Pass{Check: c, Doc: doc, Report: func(check.Diagnostic) {}}
				c.Run(pass)
			}
		})
	}
}
