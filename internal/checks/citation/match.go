package citation

import (
	"strings"

	cit "github.com/galley-lint/galley/internal/citation"
)

// outcome is what became of one cited year.
type outcome int

const (
	matched  outcome = iota // an entry has the author and year
	mismatch                // the author is listed, under other years
	missing                 // the author is not listed
	skipped                 // not looked up (a primary source, or no list and a weak citation)
)

// lookup is the result of looking up one year of one citation.
type lookup struct {
	cite  int // index into Analysis.Cites
	year  int // index into Cite.Years
	out   outcome
	entry int   // the matched entry when out == matched
	cands []int // the author's entries when out == mismatch
}

// docInfo is an analysis with its citations resolved against the list.
type docInfo struct {
	a       *cit.Analysis
	lookups []lookup
	// cited marks entries matched (or named with a wrong year) by an
	// author–date citation.
	cited []bool
	// numCited marks entries named by a numeric citation.
	numCited []bool
	// numbers maps an entry number to its index.
	numbers map[int]int
}

// resolve looks every author–date citation up in the reference list and
// records which entries are cited.
func resolve(p *cit.Parser, a *cit.Analysis) *docInfo {
	info := &docInfo{a: a}
	if !a.Citing {
		return info
	}
	var entries []cit.Entry
	if a.List != nil {
		entries = a.List.Entries
	}
	info.cited = make([]bool, len(entries))
	info.numCited = make([]bool, len(entries))
	info.numbers = map[int]int{}
	for i, e := range entries {
		n := e.Number
		if !a.List.Numbered {
			n = i + 1
		}
		if n > 0 {
			if _, dup := info.numbers[n]; !dup {
				info.numbers[n] = i
			}
		}
	}
	for ci, c := range a.Cites {
		if c.Form == cit.NumericForm {
			for _, n := range c.Numbers {
				if i, ok := info.numbers[n]; ok {
					info.numCited[i] = true
				}
			}
			continue
		}
		var firsts, full []int
		for ei, e := range entries {
			if len(e.Authors) == 0 || !cit.SameName(c.Authors[0].Text, e.Authors[0]) {
				continue
			}
			firsts = append(firsts, ei)
			if len(c.Authors) >= 2 && !c.EtAl {
				if len(e.Authors) < 2 || !cit.SameName(c.Authors[1].Text, e.Authors[1]) {
					continue
				}
			}
			full = append(full, ei)
		}
		for yi, y := range c.Years {
			l := lookup{cite: ci, year: yi, entry: -1}
			switch {
			case c.Primary:
				l.out = skipped
			case a.List == nil && !c.Strong:
				l.out = skipped
			default:
				if ei := findYear(entries, full, y.Text); ei >= 0 {
					l.out, l.entry = matched, ei
				} else if ei := findYear(entries, firsts, y.Text); ei >= 0 {
					// Same first author and year, other co-authors: too
					// uncertain to report.
					l.out, l.entry = matched, ei
				} else if len(firsts) > 0 {
					l.out, l.cands = mismatch, firsts
				} else {
					l.out = missing
				}
			}
			switch {
			case l.out == matched:
				info.cited[l.entry] = true
			case l.out == mismatch:
				for _, ei := range l.cands {
					info.cited[ei] = true
				}
			case c.Primary:
				if ei := findYear(entries, firsts, y.Text); ei >= 0 {
					info.cited[ei] = true
				}
			}
			info.lookups = append(info.lookups, l)
		}
	}
	// A citation of "Gooley, 2011" covers every entry with that author
	// and year: a duplicate or an entry lacking its a/b suffix is
	// reported by its own rule, not as uncited.
	for i, e := range entries {
		if info.cited[i] || len(e.Authors) == 0 || e.Year == "" {
			continue
		}
		for j, o := range entries {
			if info.cited[j] && j != i && len(o.Authors) > 0 && sameYear(o.Year, e.Year) && cit.SameName(o.Authors[0], e.Authors[0]) {
				info.cited[i] = true
				break
			}
		}
	}
	return info
}

// findYear returns the first of idx whose entry has year, or -1.
func findYear(entries []cit.Entry, idx []int, year string) int {
	for _, ei := range idx {
		if sameYear(entries[ei].Year, year) {
			return ei
		}
	}
	return -1
}

// sameYear compares years, treating "n.d." and "n. d." alike.
func sameYear(a, b string) bool {
	norm := func(s string) string { return strings.ReplaceAll(strings.ToLower(s), " ", "") }
	return a != "" && norm(a) == norm(b)
}

// shortEntry is a short form of an entry for messages: its authors and
// year as written, or its first words.
func shortEntry(e cit.Entry) string {
	t := e.Text
	if e.Year != "" {
		if i := strings.Index(t, e.Year); i > 0 {
			end := i + len(e.Year)
			if end < len(t) && t[end] == ')' {
				end++
			}
			return strings.TrimSpace(t[:end])
		}
	}
	const max = 60
	if len(t) > max {
		cut := strings.LastIndexByte(t[:max], ' ')
		if cut < 20 {
			cut = max
		}
		for cut > 0 && cut < len(t) && t[cut]&0xC0 == 0x80 {
			cut--
		}
		return strings.TrimSpace(t[:cut]) + "…"
	}
	return strings.TrimSpace(t)
}

// citeLabel is the citation as written, one line.
func citeLabel(c cit.Cite) string {
	return strings.Join(strings.Fields(c.Text), " ")
}
