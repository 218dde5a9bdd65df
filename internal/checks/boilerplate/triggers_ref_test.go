package boilerplate

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// Bits of triggerClassRef beyond lineTriggers's: a '/' and a 'w' byte,
// and '.' and ':' as URL bytes.
const (
	refSlash = 1 << (iota + 12)
	refW
)

// triggerClassRef is triggerClass as lineTriggersRef read it.
var triggerClassRef = func() (t [256]uint16) {
	t['`'] = trigBacktick | trigOther
	t[']'] = trigBracket
	t['<'] = trigAngle
	t[':'] = trigURL | trigColon
	t['.'] = trigURL
	t[' '] = trigSpace
	t['/'] = refSlash
	t['w'] = refW
	t['{'], t['}'], t['%'] = trigTemplate, trigTemplate, trigTemplate
	for _, c := range "\t\n\v\f\r\x00*_~" {
		t[c] |= trigOther
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = trigOther | trigHigh
	}
	return t
}()

// lineTriggersRef is lineTriggers as it was before its pass only ORed
// byte classes: it also tracked byte pairs (two spaces, ":/", "//",
// "ww") in its pass and searched for the strings only when a pair was
// there. The reference lineTriggers is checked against.
func lineTriggersRef(s []byte) uint16 {
	var trig, pairs uint16
	var prev uint16 = trigSpace // a space at the start is dropped too
	for _, c := range s {
		b := triggerClassRef[c]
		trig |= b
		// A bit of b when the byte before had it (two spaces, "//",
		// "ww"), and refSlash for ":/".
		pairs |= b & prev
		if prev&trigColon != 0 && b&refSlash != 0 {
			pairs |= refSlash
		}
		prev = b
	}
	if trig&trigBracket != 0 && !bytes.Contains(s, []byte("](")) && !bytes.Contains(s, []byte("][")) {
		trig &^= trigBracket
	}
	if trig&trigURL != 0 && (pairs&(refSlash|refW) == 0 ||
		!bytes.Contains(s, []byte("://")) && !bytes.Contains(s, []byte("www."))) {
		trig &^= trigURL
	}
	if trig&trigSpace != 0 {
		if pairs&trigSpace != 0 || s[len(s)-1] == ' ' {
			trig |= trigOther
		}
	}
	return trig &^ (trigSpace | refSlash | refW)
}

// checkLineTriggers fails when lineTriggers and the reference disagree
// on s.
func checkLineTriggers(t *testing.T, s []byte) {
	t.Helper()
	if got, want := lineTriggers(s), lineTriggersRef(s); got != want {
		t.Fatalf("lineTriggers(%q) = %b; the reference gives %b", s, got, want)
	}
}

// TestLineTriggersRandom compares lineTriggers with the reference on
// random lines made of the bytes and strings the triggers are about.
func TestLineTriggersRandom(t *testing.T) {
	alphabet := []string{" ", "  ", ":", "/", "//", "://", "w", "ww", "www.", ".", "](", "][", "]", "(", "[", "`", "<", "{", "}", "%", "*", "_", "~", "\t", "\x00", "é", "\xff", "a", "Z", "0", "http", ">"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200000 {
		var b []byte
		for range rng.IntN(24) {
			b = append(b, alphabet[rng.IntN(len(alphabet))]...)
		}
		checkLineTriggers(t, b)
	}
	for c := range 256 {
		for _, s := range []string{"abc", "a b", "x:/y", "ww.", " w w "} {
			for k := range len(s) + 1 {
				b := []byte(s)
				if k < len(b) {
					b[k] = byte(c)
				} else {
					b = append(b, byte(c))
				}
				checkLineTriggers(t, b)
			}
		}
	}
}

// FuzzLineTriggers compares lineTriggers with the reference.
func FuzzLineTriggers(f *testing.F) {
	for _, s := range []string{"", "see https://example.com", "go to www.example.com now", "two  spaces", "[a](b) `c` <d>", " lead", "trail "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkLineTriggers(t, []byte(s)) })
}
