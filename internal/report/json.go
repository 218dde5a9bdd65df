package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/galley-lint/galley/internal/finding"
)

// JSONVersion is the version of the JSON output shape. It changes only when
// a field is removed or changes meaning; new fields may be added within a
// version.
const JSONVersion = 1

// JSONReport is the document the "json" format writes (indented, with a
// trailing newline). Its shape is stable within JSONVersion and described
// in docs/json-format.md:
//
//	{
//	  "version": 1,
//	  "tool": {"name": "galley", "version": "1.0.0", "informationUri": "https://…"},
//	  "findings": [{
//	    "rule": "style/repeated-word",
//	    "severity": "warning",                       // "error", "warning" or "info"
//	    "message": "Repeated word \"the\".",
//	    "location": {"path": "docs/a.md",
//	                 "start": {"offset": 10, "line": 2, "column": 3, "columnUtf16": 3},
//	                 "end":   {"offset": 17, "line": 2, "column": 10, "columnUtf16": 10}},
//	    "related": [{"location": {…}, "message": "…"}],
//	    "fixes": [{"message": "…", "edits": [{"path": "docs/a.md", "start": 10, "end": 14, "newText": ""}]}]
//	  }],
//	  "notifications": [{"path": "b.md", "level": "error", "message": "…"}],
//	  "summary": {"files": 12, "bytes": 10240, "errors": 0, "warnings": 1, "infos": 0}
//	}
//
// Every array is present (empty, never null). Offsets are 0-based bytes
// into the file as read; lines and columns are 1-based; "column" counts
// Unicode characters and "columnUtf16" UTF-16 code units; an end position
// is exclusive.
type JSONReport struct {
	Version       int                `json:"version"`
	Tool          JSONTool           `json:"tool"`
	Findings      []JSONFinding      `json:"findings"`
	Notifications []JSONNotification `json:"notifications"`
	Summary       JSONSummary        `json:"summary"`
}

// JSONTool identifies the tool in JSON output.
type JSONTool struct {
	Name           string `json:"name"`
	Version        string `json:"version"`
	InformationURI string `json:"informationUri"`
}

// JSONFinding is one finding in JSON output.
type JSONFinding struct {
	Rule     string        `json:"rule"`
	Severity string        `json:"severity"`
	Message  string        `json:"message"`
	Location JSONLocation  `json:"location"`
	Related  []JSONRelated `json:"related"`
	Fixes    []JSONFix     `json:"fixes"`
}

// JSONPosition is a point in a file in JSON output.
type JSONPosition struct {
	Offset      int `json:"offset"`
	Line        int `json:"line"`
	Column      int `json:"column"`
	ColumnUTF16 int `json:"columnUtf16"`
}

// JSONLocation is a span of a file in JSON output; End is exclusive.
type JSONLocation struct {
	Path  string       `json:"path"`
	Start JSONPosition `json:"start"`
	End   JSONPosition `json:"end"`
}

// JSONRelated is a secondary location of a finding in JSON output.
type JSONRelated struct {
	Location JSONLocation `json:"location"`
	Message  string       `json:"message"`
}

// JSONFix is a fix in JSON output; Edits is never null.
type JSONFix struct {
	Message string     `json:"message"`
	Edits   []JSONEdit `json:"edits"`
}

// JSONEdit replaces the bytes [Start, End) of Path with NewText.
type JSONEdit struct {
	Path    string `json:"path"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	NewText string `json:"newText"`
}

func jsonPosition(p finding.Position) JSONPosition {
	return JSONPosition{Offset: p.Offset, Line: p.Line, Column: p.Column, ColumnUTF16: p.ColumnUTF16}
}

func jsonLocation(l finding.Location) JSONLocation {
	return JSONLocation{Path: l.Path, Start: jsonPosition(l.Start), End: jsonPosition(l.End)}
}

// JSONNotification is a file-level problem in JSON output. Path is empty
// for problems with the run as a whole.
type JSONNotification struct {
	Path    string `json:"path"`
	Level   string `json:"level"`
	Message string `json:"message"`
}

// JSONSummary totals a run in JSON output.
type JSONSummary struct {
	Files    int   `json:"files"`
	Bytes    int64 `json:"bytes"`
	Errors   int   `json:"errors"`
	Warnings int   `json:"warnings"`
	Infos    int   `json:"infos"`
}

// NewJSONReport builds the JSON document for run.
func NewJSONReport(run *Run) *JSONReport {
	c := countFindings(run.Findings)
	out := &JSONReport{
		Version: JSONVersion,
		Tool: JSONTool{
			Name:           run.Tool.Name,
			Version:        run.Tool.Version,
			InformationURI: run.Tool.InformationURI,
		},
		Findings:      make([]JSONFinding, 0, len(run.Findings)),
		Notifications: make([]JSONNotification, 0, len(run.Notifications)),
		Summary: JSONSummary{
			Files:    run.FilesChecked,
			Bytes:    run.Bytes,
			Errors:   c.errors,
			Warnings: c.warnings,
			Infos:    c.infos,
		},
	}
	for i := range run.Findings {
		f := &run.Findings[i]
		jf := JSONFinding{
			Rule:     f.RuleID,
			Severity: levelName(f.Severity),
			Message:  f.Message,
			Location: jsonLocation(f.Location),
			Related:  make([]JSONRelated, 0, len(f.Related)),
			Fixes:    make([]JSONFix, 0, len(f.Fixes)),
		}
		for _, r := range f.Related {
			jf.Related = append(jf.Related, JSONRelated{Location: jsonLocation(r.Location), Message: r.Message})
		}
		for _, fx := range f.Fixes {
			jx := JSONFix{Message: fx.Message, Edits: make([]JSONEdit, 0, len(fx.Edits))}
			for _, e := range fx.Edits {
				jx.Edits = append(jx.Edits, JSONEdit{Path: e.Path, Start: e.Start, End: e.End, NewText: e.NewText})
			}
			jf.Fixes = append(jf.Fixes, jx)
		}
		out.Findings = append(out.Findings, jf)
	}
	for _, n := range sortedNotifications(run.Notifications) {
		out.Notifications = append(out.Notifications, JSONNotification{
			Path:    n.Path,
			Level:   levelName(n.Level),
			Message: n.Message,
		})
	}
	return out
}

// jsonReporter writes JSONReport.
type jsonReporter struct{}

// Report implements Reporter.
func (jsonReporter) Report(w io.Writer, run *Run) error {
	if err := writeJSON(w, NewJSONReport(run)); err != nil {
		return fmt.Errorf("writing JSON report: %w", err)
	}
	return nil
}

// writeJSON writes v indented by two spaces, without HTML escaping, with a
// trailing newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
