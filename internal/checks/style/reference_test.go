package style

// The straightforward implementations that the fast paths replaced, kept
// as references: the fuzz and corpus tests below check that the fast code
// computes exactly what these do.

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/parse"
	"github.com/galley-lint/galley/internal/wordscan"
)

// scanWordsRef is the rune-by-rune word scan. A word is Plain when it is
// ASCII letters and digits only.
func scanWordsRef(text string) []word {
	var out []word
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		start, plain := i, true
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				if r >= utf8.RuneSelf {
					plain = false
				}
				i += size
				continue
			}
			if isJoiner(r) {
				next, _ := utf8.DecodeRuneInString(text[i+size:])
				if i+size < len(text) && isWordRune(next) {
					plain = false
					i += size
					continue
				}
			}
			break
		}
		out = append(out, wordscan.NewWord(text, int32(start), int32(i), plain))
	}
	return out
}

// equivalenceSeeds are inputs for the equivalence fuzz tests.
var equivalenceSeeds = []string{
	"", "don't e-mail snake_case", "x'", "-a- 'b' _c_", "naïve café 12ab ٣٤ x\u0301y",
	"“quoted” ‘single’ don’t readers’ ’90s „low“", "a\xffb \xe2\x80 \xe2\x80\x99x", "K\u212a s\u017f",
	"word’", "’", "a’’b", "1-2-3 a--b a-'b", "\uFFFC's `x` e-mails Web\nSites",
}

func FuzzScanWords(f *testing.F) {
	for _, s := range equivalenceSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got, want := scanWords(text), scanWordsRef(text)
		if len(got) != len(want) {
			t.Fatalf("%q: %d words, reference %d: %v %v", text, len(got), len(want), got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q: word %d is %v, reference %v", text, i, got[i], want[i])
			}
		}
	})
}

// TestScanWordsCorpus compares scanWords, and the words style rules read
// (wordsOf: through the parser's tokens, and masked text scanned), with
// the reference on the prose of a sample of the shared corpus.
func TestScanWordsCorpus(t *testing.T) {
	docs, _ := parseTree(t, sharedDir(t, "corpora/markdown-docs"), 25)
	for _, doc := range docs {
		pass := &check.Pass{Doc: doc, Memo: check.NewMemo()}
		p := sharedProse(pass, nil)
		for i, b := range p.blocks {
			got, want := scanWords(b.Text), scanWordsRef(b.Text)
			if !slices.Equal(got, want) {
				t.Fatalf("%s: words %v, reference %v (%q)", doc.Path, got, want, strings.TrimSpace(b.Text))
			}
			if got, want := p.wordsOf(pass, i), scanWordsRef(p.texts[i]); !slices.Equal(got, want) {
				t.Fatalf("%s: wordsOf %v, reference %v (%q)", doc.Path, got, want, strings.TrimSpace(p.texts[i]))
			}
		}
	}
}

// FuzzWordsOf checks the words style rules read of parsed arbitrary
// input against the reference.
func FuzzWordsOf(f *testing.F) {
	for _, s := range equivalenceSeeds {
		f.Add(s)
	}
	f.Add("a {{ x }} b_c {% y %} d\n\nsnake_case {{x}}y")
	p := parse.New(nil)
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := p.Parse("f.md", []byte(src))
		if err != nil {
			return
		}
		pass := &check.Pass{Doc: doc, Memo: check.NewMemo()}
		pr := sharedProse(pass, nil)
		for i := range pr.blocks {
			if got, want := pr.wordsOf(pass, i), scanWordsRef(pr.texts[i]); !slices.Equal(got, want) {
				t.Fatalf("%q: block %d: %v, reference %v", src, i, got, want)
			}
		}
	})
}

// appendLineKey, which repeated-line used until sameLineKey compared keys
// without building them, appends the comparison key of a source line to
// dst: its
// fields (runs of non-space) joined by one space and lower-cased, exactly
// strings.ToLower(strings.Join(strings.Fields(line), " ")) (which turns
// an invalid UTF-8 byte into U+FFFD when the line is not all ASCII), but
// without allocating.
func appendLineKey(dst, line []byte) []byte {
	space := false // a space is owed before the next field
	start := len(dst)
	for i := 0; i < len(line); {
		c := line[i]
		if c < utf8.RuneSelf {
			i++
			if asciiSpace[c] {
				space = len(dst) > start
				continue
			}
			if space {
				dst = append(dst, ' ')
				space = false
			}
			dst = append(dst, lowerByte(c))
			continue
		}
		r, size := utf8.DecodeRune(line[i:])
		i += size
		if unicode.IsSpace(r) {
			space = len(dst) > start
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// lineKeyRef is the allocating form of appendLineKey.
func lineKeyRef(line string) string {
	return strings.ToLower(strings.Join(strings.Fields(line), " "))
}

func FuzzLineKey(f *testing.F) {
	for _, s := range equivalenceSeeds {
		f.Add(s)
	}
	f.Add("  A\u00a0B\u0085c\t\tD\xff  É ")
	f.Fuzz(func(t *testing.T, line string) {
		prefix := []byte("prefix")
		got := appendLineKey(prefix, []byte(line))
		if string(got[:len(prefix)]) != "prefix" || string(got[len(prefix):]) != lineKeyRef(line) {
			t.Fatalf("%q: key %q, reference %q", line, got[len(prefix):], lineKeyRef(line))
		}
	})
}

// FuzzSameLineKey checks sameLineKey against the keys built whole
// (appendLineKey, itself checked against lineKeyRef): for two lines as
// given, and for a line and a copy with its ASCII letters' case swapped
// and white space changed (equal keys), or with more text after it.
func FuzzSameLineKey(f *testing.F) {
	for _, s := range equivalenceSeeds {
		f.Add(s, "x", uint8(0))
		f.Add(s, " ", uint8(1))
		f.Add(s, "y", uint8(2))
	}
	f.Add("  A\u00a0B\u0085c\t\tD\xff  É ", "a b c d \ufffd é", uint8(0))
	f.Add("Kelvin \u212a", "kelvin k", uint8(0))
	f.Add(" a  b ", "a b", uint8(0))
	f.Add("\u00a0a\u00a0", "a", uint8(0))
	f.Fuzz(func(t *testing.T, a, b string, op uint8) {
		switch op % 3 {
		case 1:
			var sb strings.Builder
			for _, c := range []byte(a) {
				switch {
				case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
					sb.WriteByte(c ^ 0x20)
				case c == ' ':
					sb.WriteString(" \t" + b)
				default:
					sb.WriteByte(c)
				}
			}
			b = sb.String()
		case 2:
			b = a + b
		}
		want := string(appendLineKey(nil, []byte(a))) == string(appendLineKey(nil, []byte(b)))
		if got := sameLineKey([]byte(a), []byte(b)); got != want {
			t.Fatalf("%q, %q: sameLineKey %v, keys equal %v", a, b, got, want)
		}
	})
}

// scanQuotesRef is quoteScanner.scan without the jump to candidate bytes:
// every rune is decoded and looked up.
func (s *quoteScanner) scanRef(text string) []quoteMark {
	var marks []quoteMark
	var stack []int
	var doubles []int
	singleOnTop := func() bool {
		return len(stack) > 0 && !marks[stack[len(stack)-1]].double
	}
	lastEnd, lastRole := -1, roleOther
	for off := 0; off < len(text); {
		r, size := utf8.DecodeRuneInString(text[off:])
		if !strings.ContainsRune(quoteRunes, r) {
			off += size
			continue
		}
		m := quoteMark{start: off, end: off + size, r: r, double: r == '"' || r == '“' || r == '”' || r == '„', curly: r != '"' && r != '\''}
		prev, next := runeBefore(text, off), runeAt(text, off+size)
		open := prev < 0 || unicode.IsSpace(prev) || strings.ContainsRune(openingContext, prev) ||
			(lastEnd == off && lastRole == roleOpening)
		if prev == '"' || prev == '\'' {
			open = lastEnd == off && lastRole == roleOpening
		}
		closeCtx := next < 0 || unicode.IsSpace(next) || strings.ContainsRune(closingContext, next)
		m.role = s.classify(&m, text, prev, next, open, closeCtx, len(doubles) > 0, singleOnTop())
		switch m.role {
		case roleOpening:
			if m.double {
				doubles = append(doubles, len(stack))
			}
			stack = append(stack, len(marks))
		case roleClosing:
			switch {
			case m.double && len(doubles) > 0:
				i := doubles[len(doubles)-1]
				for _, j := range stack[i+1:] {
					marks[j].unmatched = true
				}
				stack, doubles = stack[:i], doubles[:len(doubles)-1]
			case m.double:
				m.unmatched = true
			case singleOnTop():
				stack = stack[:len(stack)-1]
			default:
				m.role = roleApostrophe
			}
		}
		marks = append(marks, m)
		lastEnd, lastRole = m.end, m.role
		off += size
	}
	for _, j := range stack {
		marks[j].unmatched = true
	}
	return marks
}

func FuzzQuoteScan(f *testing.F) {
	for _, s := range equivalenceSeeds {
		f.Add(s)
	}
	s := newQuoteScanner([]string{"em", "n", "tis"})
	f.Fuzz(func(t *testing.T, text string) {
		got, want := s.scan(text), s.scanRef(text)
		if len(got) != len(want) {
			t.Fatalf("%q: %d marks, reference %d", text, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q: mark %d is %+v, reference %+v", text, i, got[i], want[i])
			}
		}
	})
}

// proseLineRef is a line as the reference repeated-line kept it, with
// its key as a string.
type proseLineRef struct {
	key  string
	line int
	span document.Span
	text string
	list int
}

// proseLinesRef is the allocating proseLines.
func proseLinesRef(doc *document.Document, opts repeatedLineOptions) []proseLineRef {
	var out []proseLineRef
	trim := func(r rune) bool {
		return r == 0 || unicode.IsSpace(r) || unicode.IsPunct(r) || r == document.Placeholder || strings.ContainsRune(opts.Markers, r)
	}
	// open holds the lists open at each depth: a new list starts after a
	// non-item block, and a new sublist under each item of its parent.
	type openList struct{ level, id int }
	var open []openList
	nextID := 0
	for _, b := range proseBlocks(doc) {
		list := -1
		if b.Kind == document.ListItem {
			for len(open) > 0 && open[len(open)-1].level > b.Level {
				open = open[:len(open)-1]
			}
			if len(open) == 0 || open[len(open)-1].level < b.Level {
				open = append(open, openList{b.Level, nextID})
				nextID++
			}
			list = open[len(open)-1].id
		} else {
			open = open[:0]
		}
		if b.Kind == document.TableCell {
			continue
		}
		text := proseText(b)
		// In Markdown, paragraphs are soft-wrapped: a line is a unit only
		// when it is a whole block or a whole sentence (it starts the
		// block or follows a terminator, and ends the block or with a
		// terminator).
		wrapped := doc.Format == document.Markdown
		prevEnds := true
		for start := 0; start < len(text); {
			end := strings.IndexByte(text[start:], '\n')
			if end < 0 {
				end = len(text)
			} else {
				end += start
			}
			raw := text[start:end]
			startsUnit := prevEnds
			prevEnds = endsSentence(raw) || strings.HasSuffix(strings.TrimRightFunc(raw, unicode.IsSpace), ":")
			if wrapped && (!startsUnit || (end < len(text) && !endsSentence(raw))) {
				start = end + 1
				continue
			}
			s := start + len(raw) - len(strings.TrimLeftFunc(raw, trim))
			e := start + len(strings.TrimRightFunc(raw, trim))
			// A line starting in lower case continues a wrapped sentence
			// ("and above by default."), and a line ending with a colon is
			// a label for what follows ("Chromium issue:"): neither is a
			// unit of its own.
			if s < e && !unicode.IsLower(runeAt(text, s)) && !strings.HasSuffix(strings.TrimRightFunc(raw, unicode.IsSpace), ":") {
				line := text[s:e]
				if utf8.RuneCountInString(line) < opts.MinChars || countWords(line) < opts.MinWords {
					start = end + 1
					continue
				}
				// Compare whole source lines, so lines that differ only in
				// code or link targets ("`$a` - Access as normal.",
				// "[Source code](…/a.cc)") are not repeats.
				span := b.SourceSpan(s, e)
				lineNo := doc.Line(span.Start)
				src := strings.TrimLeftFunc(strings.TrimRightFunc(doc.Text(doc.LineSpan(lineNo)), trim), trim)
				key := strings.ToLower(strings.Join(strings.Fields(src), " "))
				out = append(out, proseLineRef{key: key, line: lineNo, span: span, text: line, list: list})
			}
			start = end + 1
		}
	}
	return out
}

// repeatedLineRef returns the spans of lines the reference repeated-line
// reports, each with the line of its first occurrence.
func repeatedLineRef(doc *document.Document, opts repeatedLineOptions) [][2]int {
	var out [][2]int
	lines := proseLinesRef(doc, opts)
	for i, l := range lines {
		for j := i - 1; j >= 0 && l.line-lines[j].line <= opts.Window; j-- {
			if lines[j].key != l.key || lines[j].line == l.line {
				continue
			}
			if l.list >= 0 && lines[j].list >= 0 && l.list != lines[j].list {
				continue
			}
			out = append(out, [2]int{l.span.Start, lines[j].line})
			break
		}
	}
	return out
}

// repeatedLineFound runs the built repeated-line rule over doc and returns
// what repeatedLineRef does.
func repeatedLineFound(tb testing.TB, c *check.Check, doc *document.Document) [][2]int {
	var out [][2]int
	pass := &check.Pass{Check: c, Doc: doc, Report: func(d check.Diagnostic) {
		out = append(out, [2]int{d.Span.Start, doc.Line(d.Related[0].Span.Start)})
	}}
	if err := c.Run(pass); err != nil {
		tb.Fatal(err)
	}
	return out
}

// repeatedLineOpts are the options rules/style.yaml gives repeated-line.
var repeatedLineOpts = repeatedLineOptions{Window: 3, MinChars: 10, MinWords: 2, Markers: "▪▫◦‣⁃■□●○◆◇►▸▹➢➤✓✔✗✘☐☑"}

func TestRepeatedLineReference(t *testing.T) {
	c := buildChecks(t)["style/repeated-line"]
	docs, _ := parseTree(t, "testdata", 1)
	if _, err := os.Stat(sharedDirPath("corpora/markdown-docs")); err == nil {
		more, _ := parseTree(t, sharedDirPath("corpora/markdown-docs"), 10)
		docs = append(docs, more...)
	}
	n := 0
	for _, doc := range docs {
		got, want := repeatedLineFound(t, c, doc), repeatedLineRef(doc, repeatedLineOpts)
		n += len(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: found %v, reference %v", doc.Path, got, want)
		}
	}
	if n == 0 {
		t.Error("the reference found nothing: the comparison shows nothing")
	}
}

func FuzzRepeatedLineReference(f *testing.F) {
	for _, s := range equivalenceSeeds {
		f.Add(s + "\n\n" + s)
	}
	f.Add("• Steven Robinson\nSteven Robinson\n")
	f.Add("- The same item here.\n- the SAME  item here!\n\nThe same item here.\n")
	f.Add("Ünïcödé line here.\n\nünïcödé LINE here.\nx\xff line here ok\n\nX\xff line here ok\n")
	c := buildChecks(f)["style/repeated-line"]
	p := parse.New(nil)
	f.Fuzz(func(t *testing.T, src string) {
		docs := []*document.Document{textDoc("hand.txt", src)}
		for _, name := range []string{"a.md", "a.txt"} {
			if doc, err := p.Parse(name, []byte(src)); err == nil {
				docs = append(docs, doc)
			}
		}
		for _, doc := range docs {
			got, want := repeatedLineFound(t, c, doc), repeatedLineRef(doc, repeatedLineOpts)
			if !slices.Equal(got, want) {
				t.Fatalf("%s %q: found %v, reference %v", doc.Path, src, got, want)
			}
		}
	})
}

// countTermsRef is countTerms as first written: every block lower-cased
// and scanned, every word looked up.
func countTermsRef(pass *check.Pass, groups []termGroup, index map[string][]spellRef) *TermFact {
	uses := make([][]TermVariantUse, len(groups))
	found := false
	for _, b := range proseBlocks(pass.Doc) {
		text := proseText(b)
		lower := asciiLower(text)
		words := scanWords(lower)
		for wi, w := range words {
			word := w.In(lower)
			try := func(key string, plural bool) {
				for _, ref := range index[key] {
					sp := groups[ref.group].spellings[ref.variant]
					if plural && (!sp.plural || len(sp.parts) > 1) {
						continue
					}
					end, ok := sp.matchRestRef(lower, words, wi)
					if !ok {
						continue
					}
					if !found {
						for gi := range groups {
							uses[gi] = make([]TermVariantUse, len(groups[gi].variants))
						}
						found = true
					}
					v := &uses[ref.group][ref.variant]
					if v.Count == 0 {
						*v = TermVariantUse{
							Variant: groups[ref.group].variants[ref.variant],
							First:   pass.Doc.Location(b.SourceSpan(int(w.Start), end)),
							Text:    strings.Clone(strings.Join(strings.Fields(text[int(w.Start):end]), " ")), // a copy: facts outlive the document
						}
					}
					v.Count++
				}
			}
			try(word, false)
			if strings.HasSuffix(word, "s") {
				try(word[:len(word)-1], true)
				if strings.HasSuffix(word, "es") {
					try(word[:len(word)-2], true)
				}
			}
		}
	}
	if !found {
		return nil
	}
	var fact TermFact
	for gi, g := range groups {
		use := TermGroupUse{Group: g.variants[0]}
		for _, v := range uses[gi] {
			if v.Count > 0 {
				use.Variants = append(use.Variants, v)
			}
		}
		if len(use.Variants) > 0 {
			fact.Groups = append(fact.Groups, use)
		}
	}
	return &fact
}

// matchRest checks the words after words[wi] (whose text matched the first
// part) against the rest of the spelling, with only white space between,
// and returns the end of the match. The last word may carry a plural
// ending when the spelling allows one.
func (sp spelling) matchRestRef(lower string, words []word, wi int) (int, bool) {
	end := int(words[wi].End())
	for k, p := range sp.parts[1:] {
		j := wi + 1 + k
		if j >= len(words) || !onlySpace(lower[end:words[j].Start]) {
			return 0, false
		}
		w := words[j].In(lower)
		last := k == len(sp.parts)-2
		if w != p && !(last && sp.plural && (w == p+"s" || w == p+"es")) {
			return 0, false
		}
		end = int(words[j].End())
	}
	return end, true
}

// refTermIndex is the index countTermsRef takes.
func refTermIndex(groups []termGroup) map[string][]spellRef {
	index := map[string][]spellRef{}
	for gi, g := range groups {
		for vi, sp := range g.spellings {
			index[sp.parts[0]] = append(index[sp.parts[0]], spellRef{gi, vi})
		}
	}
	return index
}

// termGroupsFromPack compiles the groups of rules/style.yaml.
func termGroupsFromPack(t testing.TB) []termGroup {
	var groups []termGroup
	for _, g := range [][]string{
		{"email", "e-mail"}, {"website", "web site"}, {"online", "on-line"}, {"healthcare", "health care"},
		{"self-esteem", "self esteem"}, {"well-being", "wellbeing", "well being"}, {"ebook", "e-book"},
		{"login", "log-in"}, {"filename", "file name"}, {"username", "user name"}, {"dataset", "data set"},
		{"timezone", "time zone"}, {"lifestyle", "life style"}, {"breakup", "break-up"}, {"toward", "towards"},
		{"afterward", "afterwards"}, {"judgment", "judgement"}, {"percent", "per cent"}, {"x", "a b c"},
	} {
		var tg termGroup
		for _, v := range g {
			tg.variants = append(tg.variants, v)
		}
		for _, v := range tg.variants {
			sp := spelling{parts: strings.Fields(asciiLower(v)), plural: true}
			for _, o := range tg.variants {
				if strings.EqualFold(o, v+"s") || strings.EqualFold(o, v+"es") {
					sp.plural = false
				}
			}
			tg.spellings = append(tg.spellings, sp)
		}
		groups = append(groups, tg)
	}
	return groups
}

func compareTerms(t *testing.T, groups []termGroup, doc *document.Document) {
	t.Helper()
	pass := &check.Pass{Doc: doc}
	got := countTerms(pass, nil, groups, newTermIndex(groups))
	want := countTermsRef(pass, groups, refTermIndex(groups))
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: fact %+v, reference %+v", doc.Path, got, want)
	}
}

func TestCountTermsReference(t *testing.T) {
	groups := termGroupsFromPack(t)
	docs, _ := parseTree(t, "testdata", 1)
	if _, err := os.Stat(sharedDirPath("corpora/markdown-docs")); err == nil {
		more, _ := parseTree(t, sharedDirPath("corpora/markdown-docs"), 10)
		docs = append(docs, more...)
	}
	for _, doc := range docs {
		compareTerms(t, groups, doc)
	}
}

func FuzzCountTermsReference(f *testing.F) {
	for _, s := range equivalenceSeeds {
		f.Add(s)
	}
	f.Add("E-MAILS email Web\nSites web  sites towards TOWARDES a b cs A B CES x xs xes percents per\ncentS")
	groups := termGroupsFromPack(f)
	f.Fuzz(func(t *testing.T, src string) {
		compareTerms(t, groups, textDoc("hand.txt", src))
	})
}

func FuzzByteFinder(f *testing.F) {
	f.Add("a.b?c!d..e", byte(3))
	f.Add("“x” 'y' \"z\"", byte(1))
	f.Fuzz(func(t *testing.T, text string, step byte) {
		for _, set := range []string{".?!", "\"'\xe2", "x"} {
			find := newByteFinder(text, []byte(set)...)
			for off := 0; off <= len(text); off += int(step%4) + 1 {
				want := len(text)
				for i := off; i < len(text); i++ {
					if strings.IndexByte(set, text[i]) >= 0 {
						want = i
						break
					}
				}
				if got := find.from(off); got != want {
					t.Fatalf("%q from %d: %d, want %d", text, off, got, want)
				}
			}
		}
	})
}

func FuzzLineHelpers(f *testing.F) {
	for _, s := range equivalenceSeeds {
		f.Add(s)
	}
	f.Add(" • Steven. \u00a0\uFFFC)” ")
	f.Add("label:\u2003 ")
	f.Add("\x00x.\xff")
	trim := newLineTrimmer(repeatedLineOpts.Markers + "#")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := trimLeft(trim, s), len(s)-len(strings.TrimLeftFunc(s, trim.trims)); got != want {
			t.Fatalf("trimLeft(%q) = %d, want %d", s, got, want)
		}
		if got, want := trimRight(trim, s), len(strings.TrimRightFunc(s, trim.trims)); got != want {
			t.Fatalf("trimRight(%q) = %d, want %d", s, got, want)
		}
		if got, want := trimLeft(trim, []byte(s)), trimLeft(trim, s); got != want {
			t.Fatalf("trimLeft([]byte(%q)) = %d, want %d", s, got, want)
		}
		if got, want := trimRight(trim, []byte(s)), trimRight(trim, s); got != want {
			t.Fatalf("trimRight([]byte(%q)) = %d, want %d", s, got, want)
		}
		if got, want := endsWithColon(s), strings.HasSuffix(strings.TrimRightFunc(s, unicode.IsSpace), ":"); got != want {
			t.Fatalf("endsWithColon(%q) = %v, want %v", s, got, want)
		}
		st := strings.TrimRightFunc(s, trailingNoise)
		r := runeBefore(st, len(st))
		if got, want := endsSentence(s), r == '.' || r == '?' || r == '!'; got != want {
			t.Fatalf("endsSentence(%q) = %v, want %v", s, got, want)
		}
	})
}

// countWordsRef counts the words of text that hold no digit, without
// allocating.
func countWordsRef(text string) int {
	n := 0
	in, digits := false, false
	for _, r := range text {
		switch {
		case isWordRune(r):
			if !in {
				in, digits = true, false
			}
			if unicode.IsDigit(r) {
				digits = true
			}
		case in && isJoiner(r):
			// stays inside the word if a word rune follows; a trailing
			// joiner ends it at the next non-word rune anyway
		default:
			if in && !digits {
				n++
			}
			in = false
		}
	}
	if in && !digits {
		n++
	}
	return n
}

func FuzzCountWords(f *testing.F) {
	for _, s := range equivalenceSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := countWords(s), countWordsRef(s); got != want {
			t.Fatalf("countWords(%q) = %d, reference %d", s, got, want)
		}
	})
}

// proseBlocks returns the document's prose blocks, or none for a nil
// document.
func proseBlocks(doc *document.Document) []*document.Block {
	if doc == nil {
		return nil
	}
	return doc.ProseBlocks()
}

// FuzzHasTagOpener checks hasTagOpener against the two searches it
// replaces.
func FuzzHasTagOpener(f *testing.F) {
	for _, s := range []string{"", "{", "{{", "{%", "a{b{%", "{ {", "x{", "{\xff{{"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := hasTagOpener(text), strings.Contains(text, "{%") || strings.Contains(text, "{{"); got != want {
			t.Fatalf("%q: %v, want %v", text, got, want)
		}
	})
}

// lowerStartAfterRef is the rune-by-rune form of lowerStartAfter, as
// scanStarts first wrote it.
func lowerStartAfterRef(text string, j int) (int, bool) {
	k := j
	for k < len(text) {
		r, size := utf8.DecodeRuneInString(text[k:])
		if !strings.ContainsRune(closers, r) {
			break
		}
		k += size
	}
	if k > j {
		return 0, false
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
		return 0, false
	}
	r, _ := utf8.DecodeRuneInString(text[s:])
	return s, unicode.IsLower(r)
}

func FuzzLowerStartAfter(f *testing.F) {
	for _, s := range []string{"", "a. b", "a.  B", "“Why?” she", "x.\u00a0é", "x.\u0085\xffa", "1.5", "a.)", "a.\u2003ß", "a.\t\n z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for j := 0; j <= len(text); j++ {
			s, ok := lowerStartAfter(text, j)
			ws, wok := lowerStartAfterRef(text, j)
			if ok != wok || ok && s != ws {
				t.Fatalf("%q at %d: %d %v, reference %d %v", text, j, s, ok, ws, wok)
			}
		}
	})
}

// capitalisedRef is the set writtenCapitalised first built for every
// question: every word of the document with a capital first letter,
// lower-cased.
func capitalisedRef(st *sentenceState) map[string]bool {
	out := map[string]bool{}
	for i, text := range st.prose.texts {
		for _, wd := range st.prose.wordsOf(st.pass, i) {
			t := wd.In(text)
			if r, _ := utf8.DecodeRuneInString(t); unicode.IsUpper(r) {
				out[strings.ToLower(t)] = true
			}
		}
	}
	return out
}

// TestScanCapitalised checks scanCapitalised, which skips plain words by
// their codes, against the set of capitalised words, over the documents
// of testdata, part of the corpus and a few made up (the Kelvin sign and
// dotted capital I lower-case to ASCII), asking for each word of each
// document lower-cased and a few others; then writtenCapitalised, which
// switches to the set after a few questions.
func TestScanCapitalised(t *testing.T) {
	docs, _ := parseTree(t, "testdata", 1)
	if _, err := os.Stat(sharedDirPath("corpora/markdown-docs")); err == nil {
		more, _ := parseTree(t, sharedDirPath("corpora/markdown-docs"), 80)
		docs = append(docs, more...)
	}
	docs = append(docs, textDoc("k.txt", "The \u212aelvin scale. kelvin is a unit. \u0130stanbul and istanbul. Straße, STRASSE, e-Mail E-mail. 9Lives"))
	found := 0
	for _, doc := range docs {
		pass := &check.Pass{Doc: doc}
		st := &sentenceState{pass: pass, prose: sharedProse(pass, nil)}
		ref := capitalisedRef(st)
		asks := []string{"", "kelvin", "k", "istanbul", "i̇stanbul", "straße", "strasse", "e-mail", "9lives", "the", "zzz"}
		for i, text := range st.prose.texts {
			for _, wd := range st.prose.wordsOf(pass, i) {
				asks = append(asks, strings.ToLower(wd.In(text)))
			}
		}
		for _, w := range asks {
			if got := st.scanCapitalised(w); got != ref[w] {
				t.Fatalf("%s: scanCapitalised(%q) %v, the set says %v", doc.Path, w, got, ref[w])
			}
			if ref[w] {
				found++
			}
			if got := st.writtenCapitalised(w); got != ref[w] {
				t.Fatalf("%s: writtenCapitalised(%q) %v, the set says %v", doc.Path, w, got, ref[w])
			}
		}
	}
	if found == 0 {
		t.Fatal("no word was found capitalised: the test tested nothing")
	}
}
