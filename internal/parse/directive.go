package parse

import (
	"bytes"
	"strings"

	"github.com/galley-lint/galley/internal/document"
)

var (
	commentOpen  = []byte("<!--")
	commentClose = []byte("-->")
)

// parseDirective parses the inside of an HTML comment as a galley
// directive: "galley-disable", "galley-enable" or
// "galley-disable-next-line", then optional rule IDs or globs separated by
// white space or commas. Line and Span are left for the caller.
func parseDirective(body []byte) (document.Directive, bool) {
	fields := strings.FieldsFunc(string(bytes.TrimSpace(body)), func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == ','
	})
	if len(fields) == 0 {
		return document.Directive{}, false
	}
	var d document.Directive
	switch fields[0] {
	case "galley-disable":
		d.Kind = document.Disable
	case "galley-enable":
		d.Kind = document.Enable
	case "galley-disable-next-line":
		d.Kind = document.DisableNextLine
	default:
		return document.Directive{}, false
	}
	for _, f := range fields[1:] {
		if f == ">" {
			// A blockquote marker on a continuation line.
			continue
		}
		d.Rules = append(d.Rules, f)
	}
	return d, true
}
