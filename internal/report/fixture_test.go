package report

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/finding"
)

// Fixture sources. guide has emoji (UTF-16 columns differ from character
// columns), a span over two lines, terminal escapes and a lone CR, a tab
// and East Asian wide characters.
const (
	guidePath = "docs/guide.md"
	guideSrc  = "# Guide 🚀\n" +
		"\n" +
		"The the café, naïve 😀 text here.\n" +
		"This sentence runs\n" +
		"over two lines.\n" +
		"Evil \x1b[31mred\x1b[0m text\r with CR.\n" +
		"\tTabbed 漢字 word here.\n"
	otherPath = "docs/other.md"
	otherSrc  = "Red means danger.\nRed also means stop.\n"
	uniPath   = "docs/ünï cødé [1].md"
	uniSrc    = "Ça [voir](7) 👍🏽 ok.\n"
)

// srcPosition resolves a byte offset in src the way document.Position does:
// 1-based line, column in runes and in UTF-16 code units.
func srcPosition(src string, off int) finding.Position {
	lineStart := strings.LastIndexByte(src[:off], '\n') + 1
	line := strings.Count(src[:off], "\n") + 1
	col, col16 := 1, 1
	for _, r := range src[lineStart:off] {
		col++
		col16 += utf16Len(r)
	}
	return finding.Position{Offset: off, Line: line, Column: col, ColumnUTF16: col16}
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// span returns the location of the nth (0-based) occurrence of needle in
// src.
func span(t testing.TB, path, src, needle string, nth int) finding.Location {
	t.Helper()
	off := -1
	for i, from := 0, 0; i <= nth; i++ {
		j := strings.Index(src[from:], needle)
		if j < 0 {
			t.Fatalf("%q: occurrence %d of %q not found", path, nth, needle)
		}
		off = from + j
		from = off + len(needle)
	}
	return finding.Location{Path: path, Start: srcPosition(src, off), End: srcPosition(src, off+len(needle))}
}

// sourceLine returns the line of src containing offset off, without its
// line ending.
func sourceLine(src string, off int) string {
	start := strings.LastIndexByte(src[:off], '\n') + 1
	end := strings.IndexByte(src[off:], '\n')
	if end < 0 {
		return src[start:]
	}
	return src[start : off+end]
}

// mk builds a finding at loc in src.
func mk(rule string, sev finding.Severity, msg, src string, loc finding.Location) finding.Finding {
	return finding.Finding{
		RuleID:     rule,
		Severity:   sev,
		Message:    msg,
		Location:   loc,
		Snippet:    firstLine(src[loc.Start.Offset:loc.End.Offset]),
		SourceLine: sourceLine(src, loc.Start.Offset),
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// fixtureRun is the fixed run behind the golden files.
func fixtureRun(t testing.TB) *Run {
	t.Helper()
	if !utf8.ValidString(guideSrc) {
		t.Fatal("fixture source is not UTF-8")
	}
	rules := []finding.RuleInfo{
		{ID: "citation/unsourced", Family: "citation", Summary: "A claim has no source.", DefaultSeverity: finding.SeverityInfo},
		{ID: "contradiction/colour-advice", Family: "contradiction", Summary: "Two passages give opposite advice.",
			Doc: "Two passages of the corpus give **opposite** advice.\n\nReconcile them or explain the difference.", DefaultSeverity: finding.SeverityWarning,
			Tags: []string{"consistency", "corpus"}, HelpURI: "https://example.org/rules/contradiction/colour-advice"},
		{ID: "style/long-span", Family: "style", Summary: "A phrase spans lines.", DefaultSeverity: finding.SeverityInfo},
		{ID: "style/repeated-word", Family: "style", Summary: `A word is repeated, as in "the the".`,
			Doc: "Repeated words are usually typos.\n\n```\nThe the cat\n```\n", DefaultSeverity: finding.SeverityError, Tags: []string{"typo"}},
		{ID: "style/wide-word", Family: "style", Summary: "A word in another script.", DefaultSeverity: finding.SeverityInfo},
	}

	repeated := mk("style/repeated-word", finding.SeverityError, `Repeated word "the".`, guideSrc, span(t, guidePath, guideSrc, "The the", 0))
	del := span(t, guidePath, guideSrc, "The ", 0)
	repeated.Fixes = []finding.Fix{{Message: `Delete the first "The".`, Edits: []finding.Edit{{Path: guidePath, Start: del.Start.Offset, End: del.End.Offset, NewText: ""}}}}

	emoji := mk("citation/unsourced", finding.SeverityInfo, "Claim after 😀 has no source.", guideSrc, span(t, guidePath, guideSrc, "text here", 0))

	multi := mk("style/long-span", finding.SeverityInfo, "Phrase runs over two lines.", guideSrc, span(t, guidePath, guideSrc, "runs\nover", 0))

	evil := mk("contradiction/colour-advice", finding.SeverityWarning, "Says \x1b[31mred\x1b[0m is safe\r\x1b[2K; elsewhere it means danger.", guideSrc, span(t, guidePath, guideSrc, "red", 0))
	evil.Related = []finding.Related{
		{Location: span(t, otherPath, otherSrc, "Red means danger", 0), Message: "Red means danger here."},
		{Location: span(t, otherPath, otherSrc, "Red also means stop", 0), Message: "And \x07stop here."},
	}

	wide := mk("style/wide-word", finding.SeverityInfo, "Word 漢字 in another script.", guideSrc, span(t, guidePath, guideSrc, "漢字", 0))
	wloc := wide.Location
	wide.Fixes = []finding.Fix{{Message: `Write "kanji".`, Edits: []finding.Edit{{Path: guidePath, Start: wloc.Start.Offset, End: wloc.End.Offset, NewText: "kanji"}}}}

	uni := mk("contradiction/colour-advice", finding.SeverityWarning, "Text [voir](7) looks like a link.", uniSrc, span(t, uniPath, uniSrc, "ok", 0))
	uni.Related = []finding.Related{{Location: span(t, guidePath, guideSrc, "café", 0), Message: "Café here."}}

	return &Run{
		Tool:     Tool{Name: "galley", Version: "1.2.3", InformationURI: "https://example.org/galley"},
		Rules:    rules,
		Findings: []finding.Finding{repeated, emoji, multi, evil, wide, uni},
		Notifications: []finding.Notification{
			{Path: "missing.md", Level: finding.SeverityError, Message: "no such file or directory"},
			{Path: "blob.bin", Level: finding.SeverityWarning, Message: "binary file skipped"},
			{Path: "latin1.txt", Level: finding.SeverityWarning, Message: "invalid UTF-8 at byte 12 (\xe9)"},
		},
		FilesChecked: 12,
		Bytes:        1234567,
		Elapsed:      85 * time.Millisecond,
		Root:         "/home/ann/my docs",
	}
}
