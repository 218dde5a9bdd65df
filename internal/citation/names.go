package citation

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fold lower-cases s, removes diacritics and writes every apostrophe as
// "'", so "O’Neil" and "O'Neil", "García" and "Garcia" compare equal.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == '’' || r == 'ʼ' || r == '‘':
			b.WriteByte('\'')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// SortKey is fold(s) with everything but letters and digits removed, for
// letter-by-letter alphabetical order ("O’Neil" sorts as "oneil").
func SortKey(s string) string {
	f := fold(s)
	var b strings.Builder
	b.Grow(len(f))
	for _, r := range f {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// SameName reports whether a cited name and an entry's surname name the
// same author: equal when folded, or one ends with the other on a word
// boundary ("Psychologist John Gottman" and "Gottman").
func SameName(cited, surname string) bool {
	a, b := fold(nameCore(cited)), fold(nameCore(surname))
	if a == "" || b == "" {
		return false
	}
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return strings.HasSuffix(b, a) && b[len(b)-len(a)-1] == ' '
}

// nameCore drops trailing initials from a name written surname first
// ("Gething PW", "Yoo A.B."), keeping at least one word.
func nameCore(s string) string {
	words := strings.Fields(s)
	for len(words) > 1 && (isInitials(words[len(words)-1]) || isCapsInitials(words[len(words)-1])) {
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
}

// isCapsInitials reports whether w is one to three capitals without
// periods ("PW"), as Vancouver style writes initials.
func isCapsInitials(w string) bool {
	if w == "" || len(w) > 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// isUpperStart reports whether w starts with an upper-case letter.
func isUpperStart(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// isNameWord reports whether w can be a capitalised part of a name:
// "Smith", "O’Neil", "García-López", "McDonald", "d’Alembert", an
// initial "J." or an abbreviation in brackets "[WHO]".
func isNameWord(w string) bool {
	if w == "" {
		return false
	}
	if len(w) >= 3 && w[0] == '[' && w[len(w)-1] == ']' {
		for _, r := range w[1 : len(w)-1] {
			if !unicode.IsUpper(r) {
				return false
			}
		}
		return true
	}
	first, size := utf8.DecodeRuneInString(w)
	rest := w[size:]
	if !unicode.IsUpper(first) {
		// d’Alembert, l’Hôpital.
		if unicode.IsLower(first) && (strings.HasPrefix(rest, "’") || strings.HasPrefix(rest, "'")) {
			_, n := utf8.DecodeRuneInString(rest)
			return isNameWord(rest[n:])
		}
		return false
	}
	if rest == "." {
		return true // an initial
	}
	letters := 1
	prev := first
	for _, r := range rest {
		switch {
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			letters++
		case r == '-' || r == '’' || r == '\'' || r == '‐':
			if prev == '-' || prev == '’' || prev == '\'' || prev == '‐' {
				return false
			}
		case r == '.' && unicode.IsUpper(prev):
			// "J.-P." or "St."
		default:
			return false
		}
		prev = r
	}
	return letters >= 1 && prev != '-' && prev != '’' && prev != '\''
}

// isInitials reports whether s is a run of initials: "J.", "J. R.",
// "J.-P.", "M.P.".
func isInitials(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	n := 0
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '‐' }) {
		for f != "" {
			r, size := utf8.DecodeRuneInString(f)
			if !unicode.IsUpper(r) {
				return false
			}
			f = f[size:]
			// Two-letter initials such as "Th." are allowed.
			if f != "" && f[0] != '.' {
				r2, size2 := utf8.DecodeRuneInString(f)
				if !unicode.IsLower(r2) {
					return false
				}
				f = f[size2:]
			}
			if f == "" || f[0] != '.' {
				return false
			}
			f = f[1:]
			n++
		}
	}
	return n > 0
}

func isLetterRune(r rune) bool { return unicode.IsLetter(r) }
