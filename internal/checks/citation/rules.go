package citation

import (
	"slices"
	"strings"

	"github.com/galley-lint/galley/internal/check"
	cit "github.com/galley-lint/galley/internal/citation"
	"github.com/galley-lint/galley/internal/document"
)

// citeFix returns a fix replacing span with text when the citation is
// written verbatim in the source (so the edit cannot break markup).
func citeFix(doc *document.Document, c cit.Cite, msg string, span document.Span, text string) []check.Fix {
	if doc.Text(c.Span) != c.Text || span.Start < c.Span.Start || span.End > c.Span.End {
		return nil
	}
	return []check.Fix{{Message: msg, Edits: []check.Edit{{Span: span, NewText: text}}}}
}

func years(c cit.Cite) string {
	ys := make([]string, len(c.Years))
	for i, y := range c.Years {
		ys[i] = y.Text
	}
	return strings.Join(ys, ", ")
}

// authorsText is the citation's authors as written.
func authorsText(doc *document.Document, c cit.Cite) string {
	if s := c.AuthorsSpan.Start - c.Span.Start; s >= 0 && c.AuthorsSpan.End-c.Span.Start <= len(c.Text) && doc.Text(c.Span) == c.Text {
		return c.Text[s : c.AuthorsSpan.End-c.Span.Start]
	}
	return doc.Text(c.AuthorsSpan)
}

func buildMissing(r *rule, c *check.Check) error {
	c.Run = func(pass *check.Pass) error {
		info, style, _, ok := r.analysis(pass)
		if !ok || !style.AuthorDate() {
			return nil
		}
		for _, l := range info.lookups {
			if l.out != missing {
				continue
			}
			ct := info.a.Cites[l.cite]
			pass.Report(check.Diagnostic{Span: ct.Span, Message: r.message.format(msgData{Cite: citeLabel(ct), Year: ct.Years[l.year].Text, Author: ct.Authors[0].Text})})
		}
		return nil
	}
	return nil
}

func buildYearMismatch(r *rule, c *check.Check) error {
	c.Run = func(pass *check.Pass) error {
		info, style, _, ok := r.analysis(pass)
		if !ok || !style.AuthorDate() {
			return nil
		}
		for _, l := range info.lookups {
			if l.out != mismatch {
				continue
			}
			ct := info.a.Cites[l.cite]
			entries := info.a.List.Entries
			var ys []string
			var rel []check.RelatedSpan
			for _, ei := range l.cands {
				e := entries[ei]
				y := e.Year
				if y == "" {
					y = "no year"
				}
				ys = append(ys, y)
				rel = append(rel, check.RelatedSpan{Span: e.Span, Message: r.related.format(msgData{Author: e.Authors[0], EntryYear: y, Entry: shortEntry(e)})})
			}
			author := entries[l.cands[0]].Authors[0]
			d := msgData{Cite: citeLabel(ct), Year: ct.Years[l.year].Text, Author: author, EntryYear: strings.Join(ys, ", ")}
			pass.Report(check.Diagnostic{Span: ct.Years[l.year].Span, Message: r.message.format(d), Related: rel})
		}
		return nil
	}
	return nil
}

func buildUncited(r *rule, c *check.Check) error {
	c.Run = func(pass *check.Pass) error {
		info, style, _, ok := r.analysis(pass)
		if !ok || !style.AuthorDate() || info.a.List == nil {
			return nil
		}
		anyAD := false
		for _, ct := range info.a.Cites {
			if ct.Form != cit.NumericForm {
				anyAD = true
				break
			}
		}
		if !anyAD {
			return nil
		}
		for i, e := range info.a.List.Entries {
			if !e.Bibliographic || info.cited[i] || info.numCited[i] && info.a.List.Numbered {
				continue
			}
			pass.Report(check.Diagnostic{Span: e.Span, Message: r.message.format(msgData{Entry: shortEntry(e), Author: first(e.Authors), Year: e.Year})})
		}
		return nil
	}
	return nil
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func buildMalformed(r *rule, c *check.Check) error {
	c.Run = func(pass *check.Pass) error {
		info, style, rules, ok := r.analysis(pass)
		if !ok {
			return nil
		}
		doc := pass.Doc
		label := styleLabel(rules, style)
		report := func(key string, span document.Span, d msgData, fixes []check.Fix) {
			d.Style = label
			pass.Report(check.Diagnostic{Span: span, Message: r.messages[key].format(d), Fixes: fixes})
		}
		for _, p := range info.a.Problems {
			if !p.Strong && info.a.List == nil {
				continue
			}
			switch p.Kind {
			case cit.Unclosed:
				report("unclosed", p.Span, msgData{Cite: strings.Join(strings.Fields(p.Text), " ")}, nil)
			case cit.CommaSeparated:
				var fixes []check.Fix
				if p.Fix != nil && doc.Text(p.Fix.Span) == "," {
					fixes = []check.Fix{{Message: r.fixes["comma-separated"].format(msgData{}), Edits: []check.Edit{{Span: p.Fix.Span, NewText: p.Fix.NewText}}}}
				}
				report("comma-separated", p.Span, msgData{Cite: strings.Join(strings.Fields(p.Text), " ")}, fixes)
			}
		}
		if !style.AuthorDate() {
			return nil
		}
		for _, ct := range info.a.Cites {
			if ct.Form == cit.NumericForm {
				continue
			}
			if ct.Form == cit.Parenthetical {
				authors := authorsText(doc, ct)
				switch {
				case rules.YearComma == "required" && !ct.YearComma:
					gap := document.Span{Start: ct.AuthorsSpan.End, End: ct.Years[0].Span.Start}
					var fixes []check.Fix
					if strings.TrimSpace(doc.Text(gap)) == "" {
						// Replace the gap rather than insert at the end of
						// the authors, where an et-al fix may insert.
						fixes = citeFix(doc, ct, r.fixes["missing-comma"].format(msgData{}), gap, ", ")
					}
					report("missing-comma", ct.Span, msgData{Cite: citeLabel(ct), Preferred: authors + ", " + years(ct)}, fixes)
				case rules.YearComma == "forbidden" && ct.YearComma:
					fixes := citeFix(doc, ct, r.fixes["extra-comma"].format(msgData{}), ct.CommaSpan, "")
					report("extra-comma", ct.Span, msgData{Cite: citeLabel(ct), Preferred: authors + " " + years(ct)}, fixes)
				}
			}
			allowed := rules.ParentheticalAnd
			key := "parenthetical-connector"
			if ct.Form == cit.Narrative {
				allowed, key = rules.NarrativeAnd, "narrative-connector"
			}
			if ct.Connector != "" && len(allowed) > 0 && !slices.Contains(allowed, ct.Connector) {
				d := msgData{Cite: citeLabel(ct), Connector: ct.Connector, Preferred: allowed[0]}
				fixes := citeFix(doc, ct, r.fixes["connector"].format(d), ct.ConnectorSpan, allowed[0])
				report(key, ct.ConnectorSpan, d, fixes)
			}
			if ct.EtAl && !ct.EtAlPeriod {
				at := document.Span{Start: ct.EtAlEnd, End: ct.EtAlEnd}
				var fixes []check.Fix
				if ct.EtAlEnd >= 2 && doc.Text(document.Span{Start: ct.EtAlEnd - 2, End: ct.EtAlEnd}) == "al" {
					fixes = citeFix(doc, ct, r.fixes["et-al-period"].format(msgData{}), at, ".")
				}
				report("et-al-period", document.Span{Start: max(ct.AuthorsSpan.Start, ct.EtAlEnd-len("et al")), End: ct.EtAlEnd}, msgData{Cite: citeLabel(ct)}, fixes)
			}
		}
		return nil
	}
	return nil
}

func buildEtAl(r *rule, c *check.Check) error {
	c.Run = func(pass *check.Pass) error {
		info, style, rules, ok := r.analysis(pass)
		if !ok || !style.AuthorDate() || rules.EtAlMin <= 0 {
			return nil
		}
		doc := pass.Doc
		label := styleLabel(rules, style)
		reported := map[int]bool{}
		for ci, ct := range info.a.Cites {
			if ct.Form == cit.NumericForm || ct.EtAl || len(ct.Authors) < rules.EtAlMin {
				continue
			}
			pref := ct.Authors[0].Text + " et al."
			d := msgData{Cite: citeLabel(ct), Style: label, Count: len(ct.Authors), Preferred: pref}
			fixes := citeFix(doc, ct, r.fix.format(d), ct.AuthorsSpan, pref)
			pass.Report(check.Diagnostic{Span: ct.AuthorsSpan, Message: r.messages["use-et-al"].format(d), Fixes: fixes})
			reported[ci] = true
		}
		if info.a.List == nil {
			return nil
		}
		for _, l := range info.lookups {
			ct := info.a.Cites[l.cite]
			if l.out != matched || reported[l.cite] {
				continue
			}
			e := info.a.List.Entries[l.entry]
			if !e.Bibliographic || len(e.Authors) == 0 {
				continue
			}
			if !ct.EtAl {
				// One author named for a work with more.
				if len(ct.Authors) != 1 || len(e.Authors) < 2 {
					continue
				}
				reported[l.cite] = true
				d := msgData{Cite: citeLabel(ct), Style: label, Count: len(e.Authors), Entry: shortEntry(e)}
				rel := []check.RelatedSpan{{Span: e.Span, Message: r.related.format(d)}}
				if e.MoreAuthors || len(e.Authors) >= rules.EtAlMin {
					d.Preferred = ct.Authors[0].Text + " et al."
					end := document.Span{Start: ct.Authors[0].Span.End, End: ct.Authors[0].Span.End}
					fixes := citeFix(doc, ct, r.fix.format(d), end, " et al.")
					pass.Report(check.Diagnostic{Span: ct.AuthorsSpan, Message: r.messages["add-et-al"].format(d), Related: rel, Fixes: fixes})
				} else {
					pass.Report(check.Diagnostic{Span: ct.AuthorsSpan, Message: r.messages["name-both"].format(d), Related: rel})
				}
				continue
			}
			if e.MoreAuthors || len(e.Authors) >= rules.EtAlMin {
				continue
			}
			reported[l.cite] = true
			d := msgData{Cite: citeLabel(ct), Style: label, Count: len(e.Authors), Entry: shortEntry(e)}
			pass.Report(check.Diagnostic{Span: ct.AuthorsSpan, Message: r.messages["name-all"].format(d),
				Related: []check.RelatedSpan{{Span: e.Span, Message: r.related.format(d)}}})
		}
		return nil
	}
	return nil
}

func buildOrder(r *rule, c *check.Check) error {
	c.Run = func(pass *check.Pass) error {
		info, style, rules, ok := r.analysis(pass)
		if !ok || !style.AuthorDate() || info.a.List == nil || rules.Numbered {
			return nil
		}
		label := styleLabel(rules, style)
		entries := info.a.List.Entries
		if info.a.List.Numbered {
			for _, e := range entries {
				if e.Number > 0 {
					span := e.NumberSpan
					if span.End <= span.Start {
						span = e.Span
					}
					pass.Report(check.Diagnostic{Span: span, Message: r.messages["numbered"].format(msgData{Style: label})})
					break
				}
			}
		}
		prev := -1
		for i, e := range entries {
			if !e.Bibliographic || len(e.Authors) == 0 {
				continue
			}
			if prev >= 0 {
				pe := entries[prev]
				if cit.SortKey(e.Authors[0]) < cit.SortKey(pe.Authors[0]) {
					d := msgData{Author: shortEntry(e), Previous: shortEntry(pe), Style: label}
					pass.Report(check.Diagnostic{Span: e.Span, Message: r.messages["order"].format(d),
						Related: []check.RelatedSpan{{Span: pe.Span, Message: r.related.format(d)}}})
				}
			}
			prev = i
		}
		return nil
	}
	return nil
}

func buildMixed(r *rule, c *check.Check) error {
	c.Run = func(pass *check.Pass) error {
		info, _, _, ok := r.analysis(pass)
		if !ok {
			return nil
		}
		var num, ad []cit.Cite
		for _, ct := range info.a.Cites {
			if ct.Form == cit.NumericForm {
				num = append(num, ct)
			} else if ct.Strong || info.a.List != nil {
				ad = append(ad, ct)
			}
		}
		if len(num) == 0 || len(ad) == 0 {
			return nil
		}
		numericWins := len(num) > len(ad) || len(num) == len(ad) && info.a.List != nil && info.a.List.Numbered
		switch {
		case r.style == cit.Numeric:
			numericWins = true
		case r.style.AuthorDate():
			numericWins = false
		}
		minority, majority := num, ad
		form, other := "numeric", "by author and date"
		if numericWins {
			minority, majority = ad, num
			form, other = "author–date", "by number"
		}
		for _, ct := range minority {
			d := msgData{Cite: citeLabel(ct), Form: form, Other: other}
			rd := msgData{Form: strings.TrimPrefix(other, "by "), Cite: citeLabel(majority[0])}
			if numericWins {
				rd.Form = "numeric"
			} else {
				rd.Form = "author–date"
			}
			pass.Report(check.Diagnostic{Span: ct.Span, Message: r.message.format(d),
				Related: []check.RelatedSpan{{Span: majority[0].Span, Message: r.related.format(rd)}}})
		}
		return nil
	}
	return nil
}

func buildNumericRange(r *rule, c *check.Check) error {
	c.Run = func(pass *check.Pass) error {
		info, style, _, ok := r.analysis(pass)
		if !ok || info.a.List == nil {
			return nil
		}
		entries := info.a.List.Entries
		anyNum := false
		for _, ct := range info.a.Cites {
			if ct.Form != cit.NumericForm {
				continue
			}
			anyNum = true
			if ct.Reversed {
				pass.Report(check.Diagnostic{Span: ct.Span, Message: r.messages["reversed"].format(msgData{Cite: citeLabel(ct)})})
			}
			seen := map[int]bool{}
			for _, n := range ct.Numbers {
				if _, ok := info.numbers[n]; ok || seen[n] {
					continue
				}
				seen[n] = true
				pass.Report(check.Diagnostic{Span: ct.Span, Message: r.messages["out-of-range"].format(msgData{Cite: citeLabel(ct), Number: n, Count: len(entries)})})
			}
		}
		if !anyNum || style != cit.Numeric {
			return nil
		}
		for i, e := range entries {
			if info.numCited[i] {
				continue
			}
			n := e.Number
			if !info.a.List.Numbered {
				n = i + 1
			}
			span := e.NumberSpan
			if span.End <= span.Start {
				span = e.Span
			}
			pass.Report(check.Diagnostic{Span: span, Message: r.messages["uncited"].format(msgData{Number: n, Entry: shortEntry(e)})})
		}
		return nil
	}
	return nil
}

func buildDuplicate(r *rule, c *check.Check) error {
	c.Run = func(pass *check.Pass) error {
		info, _, _, ok := r.analysis(pass)
		if !ok || info.a.List == nil {
			return nil
		}
		seen := map[string]int{}
		for i, e := range info.a.List.Entries {
			var keys []string
			if e.DOI != "" {
				keys = append(keys, "doi:"+strings.ToLower(e.DOI))
			}
			if e.Bibliographic && e.Title != "" {
				keys = append(keys, "work:"+cit.SortKey(strings.Join(e.Authors, " "))+"|"+strings.ToLower(e.Year)+"|"+cit.SortKey(e.Title))
			}
			if len(keys) == 0 {
				keys = append(keys, "text:"+cit.SortKey(e.Text))
			}
			dup := -1
			for _, k := range keys {
				if j, ok := seen[k]; ok {
					dup = j
					break
				}
			}
			if dup >= 0 {
				pe := info.a.List.Entries[dup]
				d := msgData{Entry: shortEntry(e), Previous: shortEntry(pe)}
				pass.Report(check.Diagnostic{Span: e.Span, Message: r.message.format(d),
					Related: []check.RelatedSpan{{Span: pe.Span, Message: r.related.format(d)}}})
				continue
			}
			for _, k := range keys {
				seen[k] = i
			}
		}
		return nil
	}
	return nil
}

func buildFormat(r *rule, c *check.Check) error {
	c.Run = func(pass *check.Pass) error {
		info, style, rules, ok := r.analysis(pass)
		if !ok || info.a.List == nil {
			return nil
		}
		doc := pass.Doc
		entries := info.a.List.Entries
		byWork := map[string]int{}
		for i, e := range entries {
			if style.AuthorDate() && e.AuthorLike && e.Year == "" {
				pass.Report(check.Diagnostic{Span: e.Span, Message: r.messages["no-year"].format(msgData{Entry: shortEntry(e)})})
			}
			if rules.DOIURL && e.DOIForm != "" && !strings.HasPrefix(e.DOIForm, "https://doi.org/") {
				pref := "https://doi.org/" + e.DOI
				d := msgData{Preferred: pref, Entry: shortEntry(e)}
				var fixes []check.Fix
				if doc.Text(e.DOISpan) == e.DOIForm {
					fixes = []check.Fix{{Message: r.fix.format(d), Edits: []check.Edit{{Span: e.DOISpan, NewText: pref}}}}
				}
				pass.Report(check.Diagnostic{Span: e.DOISpan, Message: r.messages["doi"].format(d), Fixes: fixes})
			}
			if style.AuthorDate() && e.Bibliographic && len(e.Authors) > 0 && e.Year != "" && !yearSuffixed(e.Year) {
				k := cit.SortKey(strings.Join(e.Authors, " ")) + "|" + e.Year
				if j, ok := byWork[k]; ok {
					pe := entries[j]
					if cit.SortKey(pe.Title) != cit.SortKey(e.Title) && (pe.DOI == "" || pe.DOI != e.DOI) {
						pass.Report(check.Diagnostic{Span: e.YearSpan, Message: r.messages["same-year"].format(msgData{Author: e.Authors[0], Year: e.Year}),
							Related: []check.RelatedSpan{{Span: pe.YearSpan, Message: r.related.format(msgData{})}}})
					}
					continue
				}
				byWork[k] = i
			}
		}
		return nil
	}
	return nil
}

// yearSuffixed reports whether a year carries a letter ("2019a",
// "n.d.-b").
func yearSuffixed(y string) bool {
	return len(y) == 5 && y[4] >= 'a' && y[4] <= 'z' || strings.Contains(y, "-")
}
