package contradiction

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/stance"
)

// Row is one article's position on one topic, for `galley stances`.
type Row struct {
	Path     string  `json:"path"`
	Topic    string  `json:"topic"`
	Stance   string  `json:"stance"`
	Label    string  `json:"label,omitempty"`
	Strength float64 `json:"strength"`
	// Totals are the advice strengths per stance.
	Totals []StanceTotal `json:"totals"`
	// Line and Evidence are the strongest passage's line and text.
	Line     int    `json:"line,omitempty"`
	Evidence string `json:"evidence,omitempty"`
}

// Tally counts the articles holding each stance on one topic.
type Tally struct {
	Topic  string         `json:"topic"`
	Counts map[string]int `json:"counts"`
}

// Rows turns the cross-article rule's facts into rows, by path and then
// topic in topics' order (unknown topics last, by name). Topics on which an
// article holds no stance (advice too weak) are left out; mixed ones stay.
func Rows(facts []check.DocFact, topics []string) []Row {
	order := map[string]int{}
	for i, t := range topics {
		order[t] = i
	}
	var out []Row
	for _, df := range facts {
		f, ok := df.Fact.(*Fact)
		if !ok || f == nil {
			continue
		}
		for _, tf := range f.Topics {
			if tf.Stance == stance.None {
				continue // advice too weak to hold a stance
			}
			r := Row{Path: df.Path, Topic: tf.Topic, Stance: tf.Stance, Label: tf.Label, Strength: tf.Strength, Totals: tf.Totals}
			if tf.Best != nil {
				r.Line = tf.Best.Location.Start.Line
				r.Evidence = tf.Best.Text
			}
			out = append(out, r)
		}
	}
	rank := func(t string) int {
		if i, ok := order[t]; ok {
			return i
		}
		return len(order)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		if ri, rj := rank(out[i].Topic), rank(out[j].Topic); ri != rj {
			return ri < rj
		}
		return out[i].Topic < out[j].Topic
	})
	return out
}

// Tallies counts the stances of rows per topic, in first-seen topic order
// after sorting by the topics' order.
func Tallies(rows []Row, topics []string) []Tally {
	byTopic := map[string]map[string]int{}
	for _, r := range rows {
		if byTopic[r.Topic] == nil {
			byTopic[r.Topic] = map[string]int{}
		}
		byTopic[r.Topic][r.Stance]++
	}
	var out []Tally
	seen := map[string]bool{}
	for _, t := range topics {
		if c, ok := byTopic[t]; ok {
			out = append(out, Tally{Topic: t, Counts: c})
			seen[t] = true
		}
	}
	for _, t := range slices.Sorted(maps.Keys(byTopic)) {
		if !seen[t] {
			out = append(out, Tally{Topic: t, Counts: byTopic[t]})
		}
	}
	return out
}

// WriteTable writes rows as an aligned table, then one tally line per
// topic.
func WriteTable(w io.Writer, rows []Row, tallies []Tally) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "ARTICLE\tTOPIC\tSTANCE\tSTRENGTH\tEVIDENCE")
	for _, r := range rows {
		st := r.Stance
		if r.Stance == stance.Mixed || r.Stance == stance.None {
			var parts []string
			for _, t := range r.Totals {
				if t.Total > 0 {
					parts = append(parts, fmt.Sprintf("%s %g", t.Stance, t.Total))
				}
			}
			st = fmt.Sprintf("%s (%s)", r.Stance, strings.Join(parts, ", "))
		}
		ev := ""
		if r.Line > 0 {
			ev = fmt.Sprintf("%d: %s", r.Line, shorten(r.Evidence, 90))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%g\t%s\n", r.Path, r.Topic, st, r.Strength, ev)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("writing the stances table: %w", err)
	}
	for _, t := range tallies {
		var parts []string
		for _, s := range slices.Sorted(maps.Keys(t.Counts)) {
			parts = append(parts, fmt.Sprintf("%s %d", s, t.Counts[s]))
		}
		if _, err := fmt.Fprintf(w, "%s: %s\n", t.Topic, strings.Join(parts, ", ")); err != nil {
			return fmt.Errorf("writing the stances table: %w", err)
		}
	}
	return nil
}
