package stance

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/document"
)

// activeTopicsRef is activeTopics before its first-byte-and-length gate
// (ctxFirst): every word token of up to 32 bytes is tested by shape. The
// reference for TestActiveTopicsReference.
func (c *Classifier) activeTopicsRef(doc *document.Document) []uint64 {
	active := make([]uint64, c.maskWords)
	var need, met uint64
	for i, ci := range c.topicCtx {
		if ci < 0 {
			active[i/64] |= 1 << (i % 64)
		} else {
			need |= 1 << ci
		}
	}
	if need == 0 {
		return active
	}
	counts := make([]int, len(c.ctxMin))
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		if !b.Kind.IsProse() {
			continue
		}
		for _, tok := range b.Tokens {
			if tok.Kind != document.Word || tok.End-tok.Start > 32 || tok.End <= tok.Start {
				continue
			}
			w := b.Text[tok.Start:tok.End]
			if !c.ctxShapes.has(w) {
				continue
			}
			bits := c.ctxWords.get(w)
			for i := 0; bits != 0; i, bits = i+1, bits>>1 {
				if bits&1 != 0 {
					if counts[i]++; counts[i] >= c.ctxMin[i] {
						met |= 1 << i
					}
				}
			}
		}
		if met&need == need {
			break
		}
	}
	for i, ci := range c.topicCtx {
		if ci >= 0 && counts[ci] >= c.ctxMin[ci] {
			active[i/64] |= 1 << (i % 64)
		}
	}
	return active
}

// TestActiveTopicsReference compares activeTopics with activeTopicsRef
// over the labelled articles, the seeds and random texts made of the
// context words (in mixed case, cut short and lengthened, joined by
// words of their first bytes and lengths), where one context word more or
// less decides whether a document is in context.
func TestActiveTopicsReference(t *testing.T) {
	c, _ := builtinPair(t)
	_, docs := texts(t)
	ctx := slices.Sorted(func(yield func(string) bool) {
		for _, s := range c.ctxWords.slots {
			if s.word != "" && !yield(s.word) {
				return
			}
		}
	})
	if len(ctx) < 10 {
		t.Fatalf("%d context words, want the built-in relationship context", len(ctx))
	}
	rng := rand.New(rand.NewPCG(6, 8))
	word := func() string {
		w := ctx[rng.IntN(len(ctx))]
		switch rng.IntN(6) {
		case 0:
			w = strings.ToUpper(w)
		case 1:
			w = strings.ToUpper(w[:1]) + w[1:]
		case 2:
			w = w[:rng.IntN(len(w))+1] // cut short
		case 3:
			w += string("sxe"[rng.IntN(3)]) // one byte longer
		case 4:
			b := []byte(w) // same first byte and length, another byte
			b[rng.IntN(len(b))] = "aeiouqz"[rng.IntN(7)]
			w = string(b)
		}
		return w
	}
	for range 400 {
		var sb strings.Builder
		for range rng.IntN(8) {
			for range rng.IntN(12) + 1 {
				sb.WriteString(word())
				sb.WriteString(" ")
			}
			sb.WriteString(".\n\n")
		}
		docs = append(docs, parseDoc(t, sb.String()))
	}
	in := 0
	for _, d := range docs {
		got, want := c.activeTopics(d), c.activeTopicsRef(d)
		if !slices.Equal(got, want) {
			t.Fatalf("%s: activeTopics %x, reference %x", d.Path, got, want)
		}
		if !zero(want) {
			in++
		}
	}
	if in == 0 || in == len(docs) {
		t.Fatalf("%d of %d documents in context: the test tells nothing", in, len(docs))
	}
}

// TestFirstLenSet: a word is in the set when one of the set's words has
// its length and its first byte, ignoring ASCII case.
func TestFirstLenSet(t *testing.T) {
	var s firstLenSet
	s.add("he")
	s.add("partner")
	for _, tc := range []struct {
		w  string
		in bool
	}{{"he", true}, {"He", true}, {"HX", true}, {"h", false}, {"her", false}, {"Partner", true}, {"pppppppp", false}, {"qartner", false}} {
		if got := s[tc.w[0]]&(1<<len(tc.w)) != 0; got != tc.in {
			t.Errorf("%q: in set %v, want %v", tc.w, got, tc.in)
		}
	}
}
