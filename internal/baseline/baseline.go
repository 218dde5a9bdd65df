// Package baseline records a corpus's known findings so that a check
// reports only new ones. An entry's fingerprint is the rule ID, the path,
// the whitespace-normalised text of the finding's span (its snippet) and
// the occurrence index among findings with the same three, so a finding
// that moves to another line still matches, and fixing one of two
// identical findings leaves the other matched.
//
//	b := baseline.New(findings, rel)      // galley baseline FILE
//	data, err := b.Marshal()
//	...
//	b, err := baseline.Parse(data)        // galley check --baseline FILE
//	m := b.Match(findings, rel)
//	report(m.New); note(len(m.Suppressed), m.Fixed)
package baseline

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/cespare/xxhash/v2"

	"github.com/galley-lint/galley/internal/finding"
)

// Version is the baseline file format version this package writes and
// reads.
const Version = 1

// File is a baseline file.
type File struct {
	// Version is the format version (Version).
	Version int `json:"version"`
	// Entries are the known findings, sorted by path, line, rule and
	// fingerprint.
	Entries []Entry `json:"entries"`
}

// Entry is one known finding.
type Entry struct {
	// Fingerprint identifies the finding independently of its line.
	Fingerprint string `json:"fingerprint"`
	// Rule is the rule ID.
	Rule string `json:"rule"`
	// Path is the file's path, slash-separated, as the caller keyed it
	// (galley uses paths relative to the baseline file).
	Path string `json:"path"`
	// Line is where the finding was when the baseline was written; it is
	// informational and not matched.
	Line int `json:"line"`
	// Severity is the finding's severity when written.
	Severity finding.Severity `json:"severity"`
	// Message is the finding's message when written (informational).
	Message string `json:"message"`
	// Text is the normalised snippet the fingerprint was made from.
	Text string `json:"text,omitempty"`
}

// PathFunc maps a finding's reported path to the path a baseline keys it
// by. Nil keeps the reported path.
type PathFunc func(reported string) string

// Normalize collapses every run of white space in s to one space and trims
// the ends, so re-wrapping a line does not change a fingerprint.
func Normalize(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// key is what a fingerprint is made of, before the occurrence index.
func key(rule, path, text string) string {
	return rule + "\x00" + path + "\x00" + text
}

// fingerprint hashes a key and occurrence index.
func fingerprint(k string, occurrence int) string {
	h := xxhash.Sum64String(k + "\x00" + strconv.Itoa(occurrence))
	return fmt.Sprintf("%016x", h)
}

// text is the part of a finding its fingerprint uses: the normalised
// snippet, or the message for findings without one (whole-file findings).
func text(f *finding.Finding) string {
	if t := Normalize(f.Snippet); t != "" {
		return t
	}
	return "message:" + Normalize(f.Message)
}

// entries returns an entry per finding, in the findings' order.
func entries(fs []finding.Finding, rel PathFunc) []Entry {
	seen := map[string]int{}
	out := make([]Entry, len(fs))
	// Occurrence indexes count in reading order, whatever order fs is in.
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		fa, fb := &fs[a], &fs[b]
		return cmp.Or(strings.Compare(fa.Location.Path, fb.Location.Path), cmp.Compare(fa.Location.Start.Offset, fb.Location.Start.Offset))
	})
	for _, i := range order {
		f := &fs[i]
		path := f.Location.Path
		if rel != nil {
			path = rel(path)
		}
		t := text(f)
		k := key(f.RuleID, path, t)
		n := seen[k]
		seen[k] = n + 1
		out[i] = Entry{
			Fingerprint: fingerprint(k, n),
			Rule:        f.RuleID,
			Path:        path,
			Line:        f.Location.Start.Line,
			Severity:    f.Severity,
			Message:     f.Message,
			Text:        t,
		}
	}
	return out
}

// New returns a baseline of findings, with paths mapped by rel.
func New(fs []finding.Finding, rel PathFunc) *File {
	es := entries(fs, rel)
	sortEntries(es)
	return &File{Version: Version, Entries: es}
}

func sortEntries(es []Entry) {
	slices.SortFunc(es, func(a, b Entry) int {
		return cmp.Or(
			strings.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			strings.Compare(a.Rule, b.Rule),
			strings.Compare(a.Fingerprint, b.Fingerprint))
	})
}

// Marshal returns the baseline as indented JSON ending in a newline.
func (b *File) Marshal() ([]byte, error) {
	if b.Entries == nil {
		b.Entries = []Entry{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return nil, fmt.Errorf("encoding baseline: %w", err)
	}
	return buf.Bytes(), nil
}

// Parse reads a baseline file, rejecting unknown fields and versions.
func Parse(data []byte) (*File, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b File
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("not a galley baseline: %w", err)
	}
	if b.Version != Version {
		return nil, fmt.Errorf("baseline version %d is not supported (want %d); rewrite it with 'galley baseline'", b.Version, Version)
	}
	for i, e := range b.Entries {
		if e.Fingerprint == "" {
			return nil, fmt.Errorf("baseline entry %d has no fingerprint", i+1)
		}
	}
	return &b, nil
}

// Result is what matching findings against a baseline found.
type Result struct {
	// New are the findings not in the baseline, in their original order.
	New []finding.Finding
	// Suppressed are the findings the baseline knows, in their original
	// order.
	Suppressed []finding.Finding
	// Fixed are the baseline entries no finding matched, sorted.
	Fixed []Entry
}

// Match splits findings into new and known ones and lists the baseline
// entries that no longer match (fixed). Paths are mapped by rel as in New.
// Only entries for which keep returns true can be reported as fixed (nil
// keeps all): a run that checked fewer files or rules than the baseline
// was written with should not call the rest fixed.
func (b *File) Match(fs []finding.Finding, rel PathFunc, keep func(Entry) bool) Result {
	known := make(map[string]int, len(b.Entries))
	for _, e := range b.Entries {
		known[e.Fingerprint]++
	}
	var res Result
	for i, e := range entries(fs, rel) {
		if known[e.Fingerprint] > 0 {
			known[e.Fingerprint]--
			res.Suppressed = append(res.Suppressed, fs[i])
		} else {
			res.New = append(res.New, fs[i])
		}
	}
	for _, e := range b.Entries {
		if known[e.Fingerprint] > 0 {
			known[e.Fingerprint]--
			if keep == nil || keep(e) {
				res.Fixed = append(res.Fixed, e)
			}
		}
	}
	sortEntries(res.Fixed)
	return res
}
