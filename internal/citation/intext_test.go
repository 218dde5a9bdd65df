package citation

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// describe renders text-level citations compactly: form, authors joined by
// "+", years joined by ",", then flags.
func describe(t string, cs []tcite) string {
	var out []string
	for _, c := range cs {
		var b strings.Builder
		b.WriteString(map[Form]string{Parenthetical: "P", Narrative: "N", NumericForm: "#"}[c.form])
		b.WriteString("[")
		var names []string
		for _, n := range c.names {
			names = append(names, n.text)
		}
		b.WriteString(strings.Join(names, "+"))
		var ys []string
		for _, y := range c.years {
			ys = append(ys, y.text)
		}
		for _, n := range c.numbers {
			ys = append(ys, itoa(n))
		}
		b.WriteString("|" + strings.Join(ys, ","))
		flags := []string{}
		if c.comma {
			flags = append(flags, "comma")
		}
		if c.etAl {
			flags = append(flags, "etal")
			if !c.etAlPeriod {
				flags = append(flags, "noperiod")
			}
		}
		if c.conn.text != "" {
			flags = append(flags, "conn:"+c.conn.text)
		}
		if c.locator != "" {
			flags = append(flags, "loc:"+c.locator)
		}
		if c.primary {
			flags = append(flags, "primary")
		}
		if c.possessive {
			flags = append(flags, "poss")
		}
		if c.unclosed {
			flags = append(flags, "unclosed")
		}
		if c.commaSep != nil {
			flags = append(flags, "sep")
		}
		if c.reversed {
			flags = append(flags, "rev")
		}
		if c.strong {
			flags = append(flags, "strong")
		}
		if len(flags) > 0 {
			b.WriteString("|" + strings.Join(flags, " "))
		}
		b.WriteString("]")
		// The span must slice back to the citation's own text.
		b.WriteString("=" + t[c.span.s:c.span.e])
		out = append(out, b.String())
	}
	return strings.Join(out, "  ")
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var d []byte
	for n > 0 {
		d = append([]byte{byte('0' + n%10)}, d...)
		n /= 10
	}
	return string(d)
}

func TestScanText(t *testing.T) {
	p := testParser(t)
	tests := []struct{ in, want string }{
		// APA parenthetical forms.
		{"Sleep matters (Smith, 2015).", "P[Smith|2015|comma strong]=Smith, 2015"},
		{"It works (Smith & Lee, 2019).", "P[Smith+Lee|2019|comma conn:& strong]=Smith & Lee, 2019"},
		{"As shown (Smith et al., 2020, p. 12).", "P[Smith|2020|comma etal loc:p. 12 strong]=Smith et al., 2020, p. 12"},
		{"Two (Smith, 2015; Lee, 2019).", "P[Smith|2015|comma strong]=Smith, 2015  P[Lee|2019|comma strong]=Lee, 2019"},
		{"Range (Smith, 2015, pp. 12–15).", "P[Smith|2015|comma loc:pp. 12–15 strong]=Smith, 2015, pp. 12–15"},
		{"Para (Smith, 2015, para. 4).", "P[Smith|2015|comma loc:para. 4 strong]=Smith, 2015, para. 4"},
		{"Undated (Smith, n.d.).", "P[Smith|n.d.|comma strong]=Smith, n.d."},
		{"Undated b (Smith, n.d.-b).", "P[Smith|n.d.-b|comma strong]=Smith, n.d.-b"},
		{"Two years (Smith, 2019a, 2019b).", "P[Smith|2019a,2019b|comma strong]=Smith, 2019a, 2019b"},
		{"One suffix (Smith, 2015a).", "P[Smith|2015a|comma strong]=Smith, 2015a"},
		{"Years (Smith, 2015, 2018).", "P[Smith|2015,2018|comma strong]=Smith, 2015, 2018"},
		{"Dreams (Freud, 1900, as cited in Smith, 2015).", "P[Freud|1900|comma primary strong]=Freud, 1900  P[Smith|2015|comma strong]=Smith, 2015"},
		{"Dreams matter (as cited in Smith, 2015).", "P[Smith|2015|comma strong]=Smith, 2015"},
		{"Corporate (American Psychological Association, 2020).", "P[American Psychological Association|2020|comma strong]=American Psychological Association, 2020"},
		{"With abbreviation (World Health Organization [WHO], 2020).", "P[World Health Organization [WHO]|2020|comma strong]=World Health Organization [WHO], 2020"},
		{"Joiner (Department of Health, 2019).", "P[Department of Health|2019|comma strong]=Department of Health, 2019"},
		{"Particle (van der Berg, 2018).", "P[van der Berg|2018|comma strong]=van der Berg, 2018"},
		{"Apostrophe (O’Neil, 2016).", "P[O’Neil|2016|comma strong]=O’Neil, 2016"},
		{"Hyphen (García-López, 2017).", "P[García-López|2017|comma strong]=García-López, 2017"},
		{"Elision (d’Alembert, 1743).", "P[d’Alembert|1743|comma strong]=d’Alembert, 1743"},
		{"Three (Smith, Lee, & Park, 2019).", "P[Smith+Lee+Park|2019|comma conn:& strong]=Smith, Lee, & Park, 2019"},
		{"Prefix (e.g., Smith, 2015).", "P[Smith|2015|comma strong]=Smith, 2015"},
		{"See also (see also Lee & Park, 2010).", "P[Lee+Park|2010|comma conn:& strong]=Lee & Park, 2010"},
		{"Mixed group (Smith, 2015; see also Lee, 2019).", "P[Smith|2015|comma strong]=Smith, 2015  P[Lee|2019|comma strong]=Lee, 2019"},
		// Harvard and Chicago forms.
		{"Harvard (Smith 2015).", "P[Smith|2015]=Smith 2015"},
		{"Harvard two (Smith and Lee 2019).", "P[Smith+Lee|2019|conn:and strong]=Smith and Lee 2019"},
		{"Chicago page (Smith 2015, 12).", "P[Smith|2015|loc:12]=Smith 2015, 12"},
		// Narrative forms.
		{"Smith (2015) found it.", "N[Smith|2015]=Smith (2015)"},
		{"Smith and Lee (2019) argue.", "N[Smith+Lee|2019|conn:and strong]=Smith and Lee (2019)"},
		{"Smith et al. (2020) showed.", "N[Smith|2020|etal strong]=Smith et al. (2020)"},
		{"In his book, Gottman’s (1999) study.", "N[Gottman|1999|poss]=Gottman’s (1999)"},
		{"As Smith (2015) notes.", "N[Smith|2015]=Smith (2015)"},
		{"According to Smith and Lee (2019), yes.", "N[Smith+Lee|2019|conn:and strong]=Smith and Lee (2019)"},
		{"Smith, Lee, and Park (2019) agree.", "N[Smith+Lee+Park|2019|conn:and strong]=Smith, Lee, and Park (2019)"},
		{"Smith (2015, p. 3) says.", "N[Smith|2015|loc:p. 3]=Smith (2015, p. 3)"},
		{"Freud (1900, as cited in Smith, 2015) said.", "N[Freud|1900|primary]=Freud (1900, as cited in Smith, 2015)  P[Smith|2015|comma strong]=Smith, 2015"},
		{"Work by van der Berg (2018) helps.", "N[van der Berg|2018]=van der Berg (2018)"},
		// Malformed forms.
		{"Amp (Smith and Lee, 2019).", "P[Smith+Lee|2019|comma conn:and strong]=Smith and Lee, 2019"},
		{"Smith & Lee (2019) found.", "N[Smith+Lee|2019|conn:& strong]=Smith & Lee (2019)"},
		{"No period (Smith et al, 2020).", "P[Smith|2020|comma etal noperiod strong]=Smith et al, 2020"},
		{"Smith et al (2020) found.", "N[Smith|2020|etal noperiod strong]=Smith et al (2020)"},
		{"Open (Smith, 2015 and more", "P[Smith|2015|comma unclosed strong]=Smith, 2015"},
		{"Comma list (Clark et al., 2008, Vitolo et al. 2016a).", "P[Clark|2008|comma etal strong]=Clark et al., 2008  P[Vitolo|2016a|etal sep strong]=Vitolo et al. 2016a"},
		// Numeric forms.
		{"Numbered [1].", "#[|1|strong]=[1]"},
		{"List [1, 3].", "#[|1,3|strong]=[1, 3]"},
		{"En dash [2–4].", "#[|2,3,4|strong]=[2–4]"},
		{"Hyphen [2-4].", "#[|2,3,4|strong]=[2-4]"},
		{"Backwards [4–2].", "#[|4|rev strong]=[4–2]"},
		// Not citations.
		{"Released (June 2015).", ""},
		{"Old (Windows 2000) systems.", ""},
		{"It was (released in 2015).", ""},
		{"Steps (1) and (2).", ""},
		{"A quote (p. 12).", ""},
		{"In June (2015) we met.", ""},
		{"the survey (2015) said.", ""},
		{"Version (Version 2, 2019).", ""},
		{"Image ![alt][1] here.", ""},
		{"Link [text][1] here.", ""},
		{"Years 2015-2019 (2015-2019).", ""},
		{"A number (12345).", ""},
		{"Nested (see (Smith, 2015)).", "P[Smith|2015|comma strong]=Smith, 2015"},
	}
	for _, tt := range tests {
		got := describe(tt.in, p.scanText(tt.in, nil))
		if got != tt.want {
			t.Errorf("scanText(%q)\n got  %s\n want %s", tt.in, got, tt.want)
		}
	}
	if len(tests) < 40 {
		t.Fatalf("only %d cases", len(tests))
	}
}

func TestMayCite(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Plain prose with no numbers at all.", false},
		{"We met in 2015 and talked.", false},
		{"Call (555) 123-4567 today.", false},
		{"A paragraph (with a parenthesis) but no year.", false},
		{"the smith, jones 2019.", false},
		{"Sleep matters (Walker, 2017).", true},
		{"See [1].", true},
		{"Undated (Smith, n.d.).", true},
		{"Smith, John. 2019. Title.", true},
	}
	for _, tt := range tests {
		if got := mayCite(tt.in); got != tt.want {
			t.Errorf("mayCite(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// mayCiteRef is mayCite as a scan of every byte: the reference the fast
// version must agree with (FuzzMayCite).
func mayCiteRef(t string) bool {
	if strings.IndexByte(t, '(') < 0 && strings.IndexByte(t, '[') < 0 {
		if t == "" || t[0] < 'A' || t[0] > 'Z' && t[0] < utf8.RuneSelf {
			return false
		}
		if i := strings.Index(t, ", "); i < 0 || i > 100 {
			return false
		}
	}
	for i := 0; i+1 < len(t); i++ {
		c := t[i]
		switch {
		case c == '[' && isDigit(t[i+1]):
			return true
		case (c == '1' || c == '2') && i+3 < len(t) && isDigit(t[i+1]) && isDigit(t[i+2]) && isDigit(t[i+3]):
			if yearAt(t, i) > 0 {
				return true
			}
			i += 3
		case c == 'n' && t[i+1] == '.' && yearAt(t, i) > 0:
			return true
		}
	}
	return false
}

// mayCiteSeeds are texts near mayCite's edges.
var mayCiteSeeds = []string{
	"", "(", "[", "[1", "x [", "(x [a] [9", "(12015 x)", "(2015)", "(120151999)", "(1999", "(x 1999",
	"(n.d", "(n.d.)", "(n. d.)", "(in. d.)", "(n.2015)", "(2015.3)", "(2015-16)", "(2015a)", "(2015ab)",
	"(1499) (2100) (1500) (2099)", "Smith, John. 2019.", "smith, john 2019.", "É, A. (2015). T.",
	"(22222 2019)", "(2 2019)", "(212019)", "(1234567 2019)", "(20 19 2019x 2019", "[0x] (11111999)",
}

// FuzzMayCite: mayCite agrees with the byte-by-byte reference.
func FuzzMayCite(f *testing.F) {
	for _, s := range mayCiteSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := mayCite(s), mayCiteRef(s); got != want {
			t.Fatalf("mayCite(%q) = %v, reference %v", s, got, want)
		}
	})
}

// TestMayCiteRandom compares mayCite with the reference on random texts
// over the bytes it looks at.
func TestMayCiteRandom(t *testing.T) {
	const alphabet = "0112229915[]()n.d ,Sxa-/"
	rng := rand.New(rand.NewPCG(7, 8))
	trues := 0
	for range 200000 {
		b := make([]byte, rng.IntN(24))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		s := string(b)
		got, want := mayCite(s), mayCiteRef(s)
		if got != want {
			t.Fatalf("mayCite(%q) = %v, reference %v", s, got, want)
		}
		if got {
			trues++
		}
	}
	if trues < 1000 {
		t.Errorf("only %d random texts may cite: the test does not reach the cases", trues)
	}
	// An entry's comma must come within its first 100 bytes.
	for k := 95; k <= 106; k++ {
		s := "S" + strings.Repeat("x", k-1) + ", John. 2019. Title."
		if got, want := mayCite(s), mayCiteRef(s); got != want || want != (k <= 100) {
			t.Errorf("comma at %d: mayCite %v, reference %v", k, got, want)
		}
	}
}
