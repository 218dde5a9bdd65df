package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/galley-lint/galley/internal/finding"
)

// sarifSchema compiles the OASIS SARIF 2.1.0 schema vendored in testdata
// (taken from github.com/owenrumney/go-sarif/v3).
func compileSARIFSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	c.AssertFormat()
	s, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func decodeSARIF(t testing.TB, out string) map[string]any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("SARIF output is not JSON: %v", err)
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("SARIF output is %T, not an object", v)
	}
	return m
}

func TestSARIFSchema(t *testing.T) {
	schema := compileSARIFSchema(t)
	full := fixtureRun(t)
	runs := map[string]*Run{
		"fixture": full,
		"empty":   {Tool: full.Tool},
		"no root": {Tool: Tool{}, Findings: full.Findings[:1]},
		"notifications only": {Tool: full.Tool, Root: "/tmp", Notifications: []finding.Notification{
			{Level: finding.SeverityError, Message: "config: bad"},
			{Path: "C:/Users/Zoë/a b.md", Level: finding.SeverityNone, Message: "odd"},
		}},
		"absolute and windows paths": {Tool: full.Tool, Root: `C:\work\docs`, Findings: []finding.Finding{
			{RuleID: "x/y", Severity: finding.SeverityWarning, Message: "m", Location: finding.Location{Path: "/abs/ü.md", Start: finding.Position{Line: 1, Column: 1, ColumnUTF16: 1}, End: finding.Position{Line: 1, Column: 2, ColumnUTF16: 2, Offset: 1}}},
			{RuleID: "x/z", Severity: finding.SeverityNone, Message: "", Location: finding.Location{Path: "rel/a:b.md"}},
		}},
	}
	for name, run := range runs {
		t.Run(name, func(t *testing.T) {
			out := render(t, "sarif", Options{}, run)
			if err := schema.Validate(decodeSARIF(t, out)); err != nil {
				t.Fatalf("SARIF output fails the schema: %v\n%s", err, out)
			}
		})
	}
	// The validator must be able to fail.
	bad := decodeSARIF(t, render(t, "sarif", Options{}, full))
	bad["runs"].([]any)[0].(map[string]any)["results"].([]any)[0].(map[string]any)["level"] = "fatal"
	if err := schema.Validate(bad); err == nil {
		t.Fatal("schema accepted a result with level \"fatal\"")
	}
}

// sarifResults decodes the results of the SARIF output for run.
func sarifResults(t *testing.T, run *Run) (log map[string]any, results []any) {
	t.Helper()
	log = decodeSARIF(t, render(t, "sarif", Options{}, run))
	r := log["runs"].([]any)[0].(map[string]any)
	res, ok := r["results"].([]any)
	if !ok {
		t.Fatalf("results missing or not an array: %v", r["results"])
	}
	return log, res
}

func TestSARIFContent(t *testing.T) {
	full := fixtureRun(t)
	log, results := sarifResults(t, full)
	run := log["runs"].([]any)[0].(map[string]any)
	if got := run["columnKind"]; got != "utf16CodeUnits" {
		t.Errorf("columnKind = %v", got)
	}
	if got := run["originalUriBaseIds"].(map[string]any)["%SRCROOT%"].(map[string]any)["uri"]; got != "file:///home/ann/my%20docs/" {
		t.Errorf("%%SRCROOT%% = %v", got)
	}
	inv := run["invocations"].([]any)[0].(map[string]any)
	if inv["executionSuccessful"] != false || len(inv["toolExecutionNotifications"].([]any)) != 3 {
		t.Errorf("invocation = %v", inv)
	}
	if len(results) != len(full.Findings) {
		t.Fatalf("%d results for %d findings", len(results), len(full.Findings))
	}
	emoji := results[1].(map[string]any)
	region := emoji["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)["region"].(map[string]any)
	if region["startColumn"] != json.Number("24") || region["endColumn"] != json.Number("33") {
		t.Errorf("emoji region columns are not UTF-16: %v", region)
	}
	if emoji["ruleIndex"] != json.Number("0") || emoji["level"] != "note" {
		t.Errorf("emoji result = %v", emoji)
	}
	uni := results[5].(map[string]any)
	loc := uni["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)["artifactLocation"].(map[string]any)
	if loc["uri"] != "docs/%C3%BCn%C3%AF%20c%C3%B8d%C3%A9%20%5B1%5D.md" || loc["uriBaseId"] != "%SRCROOT%" {
		t.Errorf("non-ASCII artifact location = %v", loc)
	}
	if msg := uni["message"].(map[string]any)["text"]; msg != `Text \[voir\](7) looks like a link. (see [related location](1))` {
		t.Errorf("message = %q", msg)
	}

	_, none := sarifResults(t, &Run{})
	if len(none) != 0 {
		t.Fatalf("empty run has results %v", none)
	}
	if out := render(t, "sarif", Options{}, &Run{}); !strings.Contains(out, `"results": []`) {
		t.Fatalf("empty run lacks \"results\": []\n%s", out)
	}
}

func TestSARIFMessage(t *testing.T) {
	cases := []struct {
		msg     string
		related int
		want    string
	}{
		{"plain", 0, "plain"},
		{"plain", 1, "plain (see [related location](1))"},
		{"plain", 2, "plain (see related locations [1](1), [2](2))"},
		{"see [the first](1)", 1, "see [the first](1)"},
		{"see [the first](1) and [x](9)", 1, "see [the first](1) and [x](9)"},
		{`a [b](c) \ d`, 0, `a \[b\](c) \\ d`},
		{"[no link] here", 0, "[no link] here"},
	}
	for _, c := range cases {
		if got := sarifMessage(c.msg, c.related); got != c.want {
			t.Errorf("sarifMessage(%q, %d) = %q, want %q", c.msg, c.related, got, c.want)
		}
	}
}

func TestFileURI(t *testing.T) {
	cases := []struct {
		path string
		dir  bool
		want string
	}{
		{"/home/ann/docs", true, "file:///home/ann/docs/"},
		{"/home/ann/docs/", true, "file:///home/ann/docs/"},
		{"/", true, "file:///"},
		{"/tmp/ü #1.md", false, "file:///tmp/%C3%BC%20%231.md"},
		{`C:\work\docs`, true, "file:///C:/work/docs/"},
		{`\\server\share\a.md`, false, "file://server/share/a.md"},
	}
	for _, c := range cases {
		if got := fileURI(c.path, c.dir); got != c.want {
			t.Errorf("fileURI(%q, %v) = %q, want %q", c.path, c.dir, got, c.want)
		}
	}
	for p, want := range map[string]sarifArtifactLoc{
		"docs/a.md":    {URI: "docs/a.md", URIBaseID: sarifSrcRoot},
		"a:b.md":       {URI: "./a:b.md", URIBaseID: sarifSrcRoot},
		"q?.md":        {URI: "q%3F.md", URIBaseID: sarifSrcRoot},
		"/abs/a.md":    {URI: "file:///abs/a.md"},
		"C:/abs/a.md":  {URI: "file:///C:/abs/a.md"},
		"100% done.md": {URI: "100%25%20done.md", URIBaseID: sarifSrcRoot},
	} {
		if got := artifactLocation(p); got != want {
			t.Errorf("artifactLocation(%q) = %+v, want %+v", p, got, want)
		}
	}
}

func fingerprints(t *testing.T, run *Run) []string {
	t.Helper()
	_, results := sarifResults(t, run)
	var out []string
	for _, r := range results {
		out = append(out, r.(map[string]any)["partialFingerprints"].(map[string]any)[FingerprintKey].(string))
	}
	return out
}

func TestFingerprints(t *testing.T) {
	at := func(line, off int, snippet string) finding.Finding {
		return finding.Finding{RuleID: "style/x", Severity: finding.SeverityWarning, Message: "m", Snippet: snippet,
			Location: finding.Location{Path: "a.md", Start: finding.Position{Line: line, Column: 3, ColumnUTF16: 3, Offset: off},
				End: finding.Position{Line: line, Column: 6, ColumnUTF16: 6, Offset: off + 3}}}
	}
	before := fingerprints(t, &Run{Findings: []finding.Finding{at(3, 30, "the  the"), at(9, 90, "the the"), at(12, 120, "other")}})
	// Lines inserted above: everything moves, nothing else changes.
	after := fingerprints(t, &Run{Findings: []finding.Finding{at(5, 50, "the the"), at(11, 110, "the\nthe"), at(14, 140, "other")}})
	for i := range before {
		if before[i] != after[i] {
			t.Errorf("fingerprint %d changed when the finding moved: %s → %s", i, before[i], after[i])
		}
	}
	if before[0] == before[1] {
		t.Error("identical findings share a fingerprint; the occurrence index should tell them apart")
	}
	if before[1] == before[2] {
		t.Error("different snippets share a fingerprint")
	}
	other := at(3, 30, "the the")
	other.RuleID = "style/y"
	if fp := fingerprints(t, &Run{Findings: []finding.Finding{other}}); fp[0] == before[0] {
		t.Error("fingerprint ignores the rule ID")
	}
	moved := at(3, 30, "the the")
	moved.Location.Path = "b.md"
	if fp := fingerprints(t, &Run{Findings: []finding.Finding{moved}}); fp[0] == before[0] {
		t.Error("fingerprint ignores the path")
	}
}

func TestRuleName(t *testing.T) {
	for id, want := range map[string]string{
		"style/repeated-word":     "RepeatedWord",
		"boilerplate/as_an_ai_42": "AsAnAi42",
		"plain":                   "Plain",
		"":                        "",
	} {
		if got := ruleName(id); got != want {
			t.Errorf("ruleName(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestSARIFIsDeterministic(t *testing.T) {
	run := fixtureRun(t)
	a := render(t, "sarif", Options{}, run)
	for range 5 {
		if b := render(t, "sarif", Options{}, run); !bytes.Equal([]byte(a), []byte(b)) {
			t.Fatal("SARIF output differs between runs")
		}
	}
}
