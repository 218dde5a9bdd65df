package parse

import (
	"bytes"
	"cmp"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// urlTrigger is an occurrence of "://", "www." or "@" in the source.
type urlTrigger struct{ start, end int }

// refTriggers is the URL trigger lookup mayHaveURL replaced, kept as a
// reference: the source's triggers found once, and each run looked up
// among them by a forward cursor.
type refTriggers struct {
	src       []byte
	trig      []urlTrigger
	trigReady bool
	trigAt    int // the first trigger at or after the last run looked up
}

// findURLTriggers returns every occurrence of "://", "www." and "@" in src,
// sorted. (None of them can overlap another occurrence of itself.)
func findURLTriggers(out []urlTrigger, src []byte) []urlTrigger {
	out = out[:0]
	for _, pat := range [][]byte{schemeSep, wwwDot, {'@'}} {
		for i := 0; ; {
			k := bytes.Index(src[i:], pat)
			if k < 0 {
				break
			}
			out = append(out, urlTrigger{i + k, i + k + len(pat)})
			i += k + len(pat)
		}
	}
	slices.SortFunc(out, func(a, b urlTrigger) int { return cmp.Compare(a.start, b.start) })
	return out
}

// mayHaveURL reports whether src[start:end] holds a whole trigger. The
// document's triggers are found on first use.
func (t *refTriggers) mayHaveURL(start, end int) bool {
	if !t.trigReady {
		t.trig = findURLTriggers(t.trig, t.src)
		t.trigReady = true
	}
	// Runs mostly come in source order: move a cursor forward a few
	// steps, and search when that does not get there.
	i := t.trigAt
	if i > 0 && t.trig[i-1].start >= start {
		i = 0
	}
	for k := 0; i < len(t.trig) && t.trig[i].start < start; k++ {
		if k == 8 {
			i += sort.Search(len(t.trig)-i, func(j int) bool { return t.trig[i+j].start >= start })
			break
		}
		i++
	}
	t.trigAt = i
	for ; i < len(t.trig) && t.trig[i].start < end; i++ {
		if t.trig[i].end <= end {
			return true
		}
	}
	return false
}

// TestMayHaveURL checks mayHaveURL against the reference trigger lookup
// and a direct search of the run, with runs looked up in and out of
// source order.
func TestMayHaveURL(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("w.:/@ ax")
	for round := 0; round < 200; round++ {
		src := make([]byte, rng.IntN(300))
		for i := range src {
			src[i] = alphabet[rng.IntN(len(alphabet))]
		}
		ref := refTriggers{src: src}
		for q := 0; q < 100; q++ {
			start := rng.IntN(len(src) + 1)
			end := start + rng.IntN(len(src)-start+1)
			r := src[start:end]
			direct := bytes.Contains(r, schemeSep) || bytes.Contains(r, wwwDot) || bytes.IndexByte(r, '@') >= 0
			if got := ref.mayHaveURL(start, end); got != direct {
				t.Fatalf("%q [%d,%d) %q: reference lookup = %v, want %v", src, start, end, r, got, direct)
			}
			want := direct && len(r) >= minURLLen
			if got := mayHaveURL(r); got != want {
				t.Fatalf("%q [%d,%d) %q: mayHaveURL = %v, want %v", src, start, end, r, got, want)
			}
		}
	}
}

// TestMayHaveURLCases checks mayHaveURL at the edges of its "www."
// search, which looks for the dot and the three bytes before it.
func TestMayHaveURLCases(t *testing.T) {
	for run, want := range map[string]bool{
		"www.": true, "www.x": true, "xwww.": true, "a ww.w": false, "wwwx.": false,
		".www": false, "w.ww.ww": false, "..www.": true, "ww.www": false, "Www.x": false, "wwx.": false, "xww.": false,
		"a://": true, "a:/ /": false, "a@bc": true, "abc": false, "www": false,
	} {
		if got := mayHaveURL([]byte(run)); got != want {
			t.Errorf("mayHaveURL(%q) = %v, want %v", run, got, want)
		}
	}
}

// TestNoShortURLs checks minURLLen: the urlScanner finds nothing in any
// run shorter, over an alphabet of the bytes URLs and addresses are made
// of, exhaustively.
func TestNoShortURLs(t *testing.T) {
	small := []byte("a.:/@w1-_+")
	var run [minURLLen - 1]byte
	var rec func(n int)
	rec = func(n int) {
		checkNoURL(t, run[:n])
		if n == len(run) {
			return
		}
		for _, c := range small {
			run[n] = c
			rec(n + 1)
		}
	}
	rec(0)
	// The shortest URLs and addresses are found.
	for _, s := range []string{"a@.a", "a://b", "a@b.c", "www.a.b"} {
		u := newURLScanner([]byte(s), 0, len(s))
		if start, end, ok := u.next(0); !ok || start != 0 || end != len(s) {
			t.Errorf("%q: next = %d, %d, %v; want the whole run", s, start, end, ok)
		}
	}
}

func checkNoURL(t *testing.T, run []byte) {
	t.Helper()
	u := newURLScanner(run, 0, len(run))
	if s, e, ok := u.next(0); ok {
		t.Fatalf("%q: URL [%d,%d) in a run shorter than minURLLen", run, s, e)
	}
}

// FuzzProseURLs checks that the filter changes nothing: the text and
// pieces of a run of prose are those the urlScanner gives unfiltered.
func FuzzProseURLs(f *testing.F) {
	for _, s := range []string{"a://b c@d.e", "see www.a.b, x@y.zz and http://q.r/s.", "wwww.a.b", "a:/ /b @ w.w", ":// www. @"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src := []byte(s)
		var got, want textBuilder
		got.init(src)
		want.init(src)
		got.reset()
		want.reset()
		// Runs of several lengths, as the walker gives them.
		for start := 0; start < len(src); {
			end := min(len(src), start+1+(start*7)%13)
			got.proseURLs(start, end)
			refProseURLs(&want, start, end)
			start = end
		}
		if !bytes.Equal(got.buf, want.buf) || !slices.Equal(got.pieces, want.pieces) {
			t.Fatalf("%q: filtered %q %v, unfiltered %q %v", s, got.buf, got.pieces, want.buf, want.pieces)
		}
	})
}

// refProseURLs is proseURLs without the mayHaveURL filter.
func refProseURLs(t *textBuilder, start, end int) {
	u := newURLScanner(t.src, start, end)
	for start < end {
		s, e, ok := u.next(start)
		if !ok {
			break
		}
		t.verbatim(start, s)
		t.placeholder(s, e)
		start = e
	}
	t.verbatim(start, end)
}
