package style

// The straightforward implementations that the fast paths replaced, kept
// as references: the fuzz and corpus tests below check that the fast code
// computes exactly what these do.

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// scanWordsRef is the rune-by-rune word scan.
func scanWordsRef(text string) []word {
	var out []word
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		w := word{start: i}
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				if unicode.IsDigit(r) {
					w.digits = true
				}
				i += size
				continue
			}
			if isJoiner(r) {
				next, _ := utf8.DecodeRuneInString(text[i+size:])
				if i+size < len(text) && isWordRune(next) {
					i += size
					continue
				}
			}
			break
		}
		w.end = i
		out = append(out, w)
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

// TestScanWordsCorpus compares scanWords with the reference on the prose
// of a sample of the shared corpus.
func TestScanWordsCorpus(t *testing.T) {
	docs, _ := parseTree(t, sharedDir(t, "corpora/markdown-docs"), 25)
	for _, doc := range docs {
		for _, b := range doc.ProseBlocks() {
			got, want := scanWords(b.Text), scanWordsRef(b.Text)
			if len(got) != len(want) {
				t.Fatalf("%s: %d words, reference %d", doc.Path, len(got), len(want))
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("%s: word %d is %v, reference %v (%q)", doc.Path, i, got[i], want[i], strings.TrimSpace(b.Text))
				}
			}
		}
	}
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
