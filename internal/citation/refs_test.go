package citation

import (
	"strings"
	"testing"
)

func TestParseEntry(t *testing.T) {
	p := testParser(t)
	tests := []struct {
		in      string
		authors string
		year    string
		title   string
		doi     string
		more    bool
		bib     bool
	}{
		{"Stosny, S. (2011). The Powerful Self. Psychology Today.", "Stosny", "2011", "The Powerful Self", "", false, true},
		{"Hendrix, H., & Hunt, H. (2007). Receiving love. Atria Books.", "Hendrix|Hunt", "2007", "Receiving love", "", false, true},
		{"American Psychological Association. (2020). Publication manual (7th ed.).", "American Psychological Association", "2020", "Publication manual (7th ed.)", "", false, true},
		{"Smith, John, and Mary Lee. 2019. Title Here. Chicago: Press.", "Smith|Lee", "2019", "Title Here", "", false, true},
		{"Vitolo, C., Fry, M. and Buytaert, W.: rnrfa: An R package, The R Journal, 8(2), 2016b.", "Vitolo|Fry|Buytaert", "2016b", "", "", false, true},
		{"van der Berg, J. (2018). A title. Publisher.", "van der Berg", "2018", "A title", "", false, true},
		{"A. B. Jones and C. Smith, Title of paper, Journal, 2019.", "Jones|Smith", "2019", "", "", false, true},
		{"Smith, J. (n.d.). Undated work. Site.", "Smith", "n.d.", "Undated work", "", false, true},
		{"Lee, K., Park, S., . . . Kim, H. (2020). Many authors. Journal.", "Lee|Park|Kim", "2020", "Many authors", "", true, true},
		{"Smith, J. (2015). Title. Journal, 1(2), 3. doi:10.1037/abc123", "Smith", "2015", "Title", "10.1037/abc123", false, true},
		{"Smith, J. (2015). Title. Journal. https://doi.org/10.1037/xyz.", "Smith", "2015", "Title", "10.1037/xyz", false, true},
		{"García-López, M., & O’Neil, P. (2017). Título. Editorial.", "García-López|O’Neil", "2017", "Título", "", false, true},
		{"Malkiel, Burton G. 2019. A Random Walk Down Wall Street. New York: Norton.", "Malkiel", "2019", "A Random Walk Down Wall Street", "", false, true},
		{"Madrian, Brigitte C., and Dennis F. Shea. 2001. The Power of Suggestion. QJE.", "Madrian|Shea", "2001", "The Power of Suggestion", "", false, true},
		{"Adam H Sparks, Tomislav Hengl and Andrew Nelson (2017). GSODR. JOSS, 2(10).", "Adam H Sparks|Hengl|Nelson", "2017", "GSODR", "", false, true},
		{"Smith, J. Title without a year. Publisher.", "Smith", "", "", "", false, false},
		{"Gething PW, Horby PW (2014). Title. Journal.", "Gething PW|Horby PW", "2014", "Title", "", false, true},
	}
	for _, tt := range tests {
		doc := parseDoc(t, "x.txt", []byte(tt.in+"\n"))
		if len(doc.Blocks) == 0 {
			t.Fatalf("%q: no blocks", tt.in)
		}
		e := p.parseEntry(doc, rawEntry{block: 0, s: 0, e: len(doc.Blocks[0].Text)})
		got := strings.Join(e.Authors, "|")
		if got != tt.authors || e.Year != tt.year || (tt.title != "" && e.Title != tt.title) || e.DOI != tt.doi || e.MoreAuthors != tt.more || e.Bibliographic != tt.bib {
			t.Errorf("parseEntry(%q)\n got  authors=%q year=%q title=%q doi=%q more=%v bib=%v\n want authors=%q year=%q title=%q doi=%q more=%v bib=%v",
				tt.in, got, e.Year, e.Title, e.DOI, e.MoreAuthors, e.Bibliographic, tt.authors, tt.year, tt.title, tt.doi, tt.more, tt.bib)
		}
		if e.Year != "" && doc.Text(e.YearSpan) != e.Year {
			t.Errorf("%q: year span %q", tt.in, doc.Text(e.YearSpan))
		}
	}
}

func TestSameName(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Smith", "Smith", true},
		{"smith", "Smith", true},
		{"O'Neil", "O’Neil", true},
		{"Garcia", "García", true},
		{"Psychologist John Gottman", "Gottman", true},
		{"Gething PW", "Gething", true},
		{"Yoo A.B.", "Yoo", true},
		{"Smithson", "Smith", false},
		{"Smith", "Goldsmith", false},
		{"", "Smith", false},
		{"Van der Berg", "van der Berg", true},
	}
	for _, tt := range tests {
		if got := SameName(tt.a, tt.b); got != tt.want {
			t.Errorf("SameName(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestAnalyzeLists(t *testing.T) {
	p := testParser(t)
	tests := []struct {
		name, path, src string
		entries         []string // each entry's first author and year
		numbered        bool
		heading         bool
		cites           int
	}{
		{
			name: "markdown heading",
			path: "a.md",
			src: "# T\n\nSleep matters (Walker, 2017) and so do dreams (Freud, 1900).\n\n## References\n\n" +
				"Freud, S. (1900). The interpretation of dreams. Macmillan.\n\nWalker, M. (2017). Why we sleep. Scribner.\n",
			entries: []string{"Freud 1900", "Walker 2017"}, heading: true, cites: 2,
		},
		{
			name:    "markdown ordered list",
			path:    "b.md",
			src:     "Text (Walker, 2017).\n\n## Bibliography\n\n1. Walker, M. (2017). Why we sleep. Scribner.\n2. Freud, S. (1900). Dreams. Macmillan.\n",
			entries: []string{"Walker 2017", "Freud 1900"}, numbered: true, heading: true, cites: 1,
		},
		{
			name:    "plain text lines in one paragraph",
			path:    "c.txt",
			src:     "Title\n\nText cites Smith (2015) and Lee (2019).\n\nReferences\n\nLee, K. (2019). A book. Press.\nSmith, J. (2015). Another book,\n  with a long title. Press.\n",
			entries: []string{"Lee 2019", "Smith 2015"}, heading: true, cites: 2,
		},
		{
			name:    "plain text headingless numbered",
			path:    "d.txt",
			src:     "Title\n\nSome text cites work (Stosny, 2011) and more (Manning, 2013).\n\n1. Stosny, S. (2011). The Powerful Self. Psychology Today.\n\n2. Manning, J. (2013). How To Let Go. Psych Central.\n\nUser Feedback\n\nThere are no comments to display.\n",
			entries: []string{"Stosny 2011", "Manning 2013"}, numbered: true, cites: 2,
		},
		{
			name:    "bracket numbers",
			path:    "e.md",
			src:     "Sleep matters [1], dreams too [2].\n\n## References\n\n[1] Walker, M. (2017). Why we sleep. Scribner.\n\n[2] Freud, S. (1900). Dreams. Macmillan.\n",
			entries: []string{"Walker 2017", "Freud 1900"}, numbered: true, heading: true, cites: 2,
		},
		{
			name: "link list is not a reference list",
			path: "f.md",
			src:  "Windows (2000) was released (June 2015).\n\n## References\n\n- [about_Pipelines](https://example.com)\n- [Other page](https://example.com)\n",
		},
		{
			name: "no list",
			path: "g.md",
			src:  "Sleep matters (Walker, 2017).\n",
		},
	}
	for _, tt := range tests {
		doc := parseDoc(t, tt.path, []byte(tt.src))
		a := p.Analyze(doc)
		var got []string
		if a.List != nil {
			for _, e := range a.List.Entries {
				got = append(got, first(e.Authors)+" "+e.Year)
			}
		}
		if strings.Join(got, "; ") != strings.Join(tt.entries, "; ") {
			t.Errorf("%s: entries %q, want %q", tt.name, got, tt.entries)
			continue
		}
		if a.List == nil {
			if a.Citing || len(a.Cites) > 0 {
				t.Errorf("%s: no list but citing=%v cites=%d", tt.name, a.Citing, len(a.Cites))
			}
			continue
		}
		if a.List.Numbered != tt.numbered || (a.List.Heading.End > 0) != tt.heading || len(a.Cites) != tt.cites {
			t.Errorf("%s: numbered=%v heading=%v cites=%d, want %v %v %d", tt.name, a.List.Numbered, a.List.Heading.End > 0, len(a.Cites), tt.numbered, tt.heading, tt.cites)
		}
		for _, e := range a.List.Entries {
			if e.Number > 0 && !strings.Contains(doc.Text(e.NumberSpan), itoa(e.Number)) {
				t.Errorf("%s: number span %q for %d", tt.name, doc.Text(e.NumberSpan), e.Number)
			}
			if !strings.HasPrefix(doc.Text(e.Span), e.Text[:min(len(e.Text), 10)]) {
				t.Errorf("%s: entry span %q does not start with its text %q", tt.name, doc.Text(e.Span), e.Text)
			}
		}
	}
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
