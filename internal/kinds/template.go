package kinds

import (
	"fmt"
	"strings"
	"text/template"
)

// Template is a rule message template: text/template with
// missingkey=error, parsed and trial-run when the rule is built so that
// mistakes surface when packs load, not when findings are reported.
type Template struct {
	t    *template.Template
	text string
}

// NewTemplate parses text and executes it once with sample, a value of
// the type later passed to Execute (a struct or a map), so that unknown
// fields and keys are load-time errors.
//
//	t, err := kinds.NewTemplate(spec.Message, existenceData{})
//	msg := t.Execute(existenceData{Match: "alot"})
func NewTemplate(text string, sample any) (*Template, error) {
	t, err := template.New("message").Option("missingkey=error").Parse(text)
	if err != nil {
		return nil, fmt.Errorf("message template: %w", err)
	}
	var b strings.Builder
	if err := t.Execute(&b, sample); err != nil {
		return nil, fmt.Errorf("message template: %w", err)
	}
	return &Template{t: t, text: text}, nil
}

// Execute renders the template with data. Should execution fail despite
// the load-time trial, it returns the template text unrendered.
func (t *Template) Execute(data any) string {
	var b strings.Builder
	if err := t.t.Execute(&b, data); err != nil {
		return t.text
	}
	return b.String()
}
