// Package finding holds what galley reports: findings with resolved
// positions, rule metadata and file-level notifications. Reporters depend on
// this package only; they know nothing of checks or documents.
package finding

import (
	"fmt"
	"strings"
)

// Severity is how serious a finding is. The zero value is SeverityNone.
type Severity int

// Severities, in increasing order.
const (
	SeverityNone Severity = iota
	SeverityInfo
	SeverityWarning
	SeverityError
)

// String returns the lower-case name used in configuration and output.
func (s Severity) String() string {
	switch s {
	case SeverityInfo:
		return "info"
	case SeverityWarning:
		return "warning"
	case SeverityError:
		return "error"
	default:
		return "none"
	}
}

// ParseSeverity parses "error", "warning", "info" or "none" (case-insensitive;
// "suggestion" is accepted as an alias of info, "warn" of warning).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return SeverityError, nil
	case "warning", "warn":
		return SeverityWarning, nil
	case "info", "suggestion", "note":
		return SeverityInfo, nil
	case "none", "off":
		return SeverityNone, nil
	}
	return SeverityNone, fmt.Errorf("unknown severity %q (want error, warning, info or none)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Position is a resolved point in a file.
type Position struct {
	// Offset is the 0-based byte offset into the file as read (a BOM, if
	// any, counts).
	Offset int `json:"offset"`
	// Line is 1-based.
	Line int `json:"line"`
	// Column is 1-based and counts Unicode characters (runes); a tab is one.
	Column int `json:"column"`
	// ColumnUTF16 is 1-based and counts UTF-16 code units, as SARIF and
	// LSP clients expect.
	ColumnUTF16 int `json:"columnUtf16"`
}

// Location is a span of a file: Start inclusive, End exclusive.
type Location struct {
	// Path is slash-separated and relative to the working directory when
	// the file is below it; "-" style stdin gets its --stdin-filename.
	Path  string   `json:"path"`
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Related is a secondary location that explains a finding.
type Related struct {
	Location Location `json:"location"`
	Message  string   `json:"message"`
}

// Edit replaces the bytes [Start, End) of Path with NewText.
type Edit struct {
	Path    string `json:"path"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	NewText string `json:"newText"`
}

// Fix is a set of edits that together resolve a finding.
type Fix struct {
	Message string `json:"message"`
	Edits   []Edit `json:"edits"`
}

// Finding is one problem found in one place.
type Finding struct {
	RuleID   string    `json:"rule"`
	Severity Severity  `json:"severity"`
	Message  string    `json:"message"`
	Location Location  `json:"location"`
	Related  []Related `json:"related,omitempty"`
	Fixes    []Fix     `json:"fixes,omitempty"`
	// Snippet is the text of the primary span (or its first line), used
	// for fingerprints and baselines. It is not shown by itself.
	Snippet string `json:"snippet,omitempty"`
	// SourceLine is the whole source line the finding starts on, without
	// its line ending, for reporters that show context. Not serialised.
	SourceLine string `json:"-"`
}

// RuleInfo describes a rule for reporters (SARIF's tool.driver.rules) and
// for `galley rules`.
type RuleInfo struct {
	ID              string   `json:"id"`
	Family          string   `json:"family"`
	Summary         string   `json:"summary"`
	Doc             string   `json:"doc,omitempty"`
	DefaultSeverity Severity `json:"defaultSeverity"`
	Tags            []string `json:"tags,omitempty"`
	HelpURI         string   `json:"helpUri,omitempty"`
}

// Notification is a problem with a file or with the run rather than with
// the text: a path that does not exist, a binary file, invalid UTF-8.
type Notification struct {
	Path    string   `json:"path,omitempty"`
	Level   Severity `json:"level"`
	Message string   `json:"message"`
}

// Less orders findings by path, line, column, rule ID and then message, the
// order every reporter prints them in.
func Less(a, b *Finding) bool {
	if a.Location.Path != b.Location.Path {
		return a.Location.Path < b.Location.Path
	}
	if a.Location.Start.Offset != b.Location.Start.Offset {
		return a.Location.Start.Offset < b.Location.Start.Offset
	}
	if a.RuleID != b.RuleID {
		return a.RuleID < b.RuleID
	}
	if a.Location.End.Offset != b.Location.End.Offset {
		return a.Location.End.Offset < b.Location.End.Offset
	}
	return a.Message < b.Message
}

// Family returns the part of a rule ID before the first slash.
func Family(ruleID string) string {
	if i := strings.IndexByte(ruleID, '/'); i >= 0 {
		return ruleID[:i]
	}
	return ruleID
}
