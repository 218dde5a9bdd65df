package report

import (
	"fmt"
	"io"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/cespare/xxhash/v2"

	"github.com/galley-lint/galley/internal/finding"
)

// SARIF constants.
const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// sarifSrcRoot is the uriBaseId relative artifact URIs are resolved
	// against; originalUriBaseIds maps it to Run.Root.
	sarifSrcRoot = "%SRCROOT%"
	// FingerprintKey names galley's entry in partialFingerprints.
	FingerprintKey = "galley/v1"
)

// The SARIF 2.1.0 objects galley writes: a subset of the OASIS schema,
// field order as in the specification.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                   `json:"tool"`
		Invocations        []sarifInvocation           `json:"invocations"`
		OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
		Results            []sarifResult               `json:"results"`
		ColumnKind         string                      `json:"columnKind"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string           `json:"id"`
		Name                 string           `json:"name,omitempty"`
		ShortDescription     *sarifText       `json:"shortDescription,omitempty"`
		FullDescription      *sarifText       `json:"fullDescription,omitempty"`
		DefaultConfiguration sarifRuleConfig  `json:"defaultConfiguration"`
		HelpURI              string           `json:"helpUri,omitempty"`
		Help                 *sarifMultiText  `json:"help,omitempty"`
		Properties           *sarifProperties `json:"properties,omitempty"`
	}
	sarifRuleConfig struct {
		Level string `json:"level"`
	}
	sarifProperties struct {
		Tags []string `json:"tags,omitempty"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifMultiText struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifInvocation struct {
		ExecutionSuccessful        bool                `json:"executionSuccessful"`
		ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Locations []sarifLocation `json:"locations,omitempty"`
		Message   sarifText       `json:"message"`
		Level     string          `json:"level"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           *int              `json:"ruleIndex,omitempty"`
		Level               string            `json:"level"`
		Message             sarifText         `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
		Fixes               []sarifFix        `json:"fixes,omitempty"`
	}
	sarifLocation struct {
		ID               *int                  `json:"id,omitempty"`
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
		Message          *sarifText            `json:"message,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
		Region           *sarifRegion     `json:"region,omitempty"`
	}
	sarifArtifactLoc struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int        `json:"startLine,omitempty"`
		StartColumn int        `json:"startColumn,omitempty"`
		EndLine     int        `json:"endLine,omitempty"`
		EndColumn   int        `json:"endColumn,omitempty"`
		ByteOffset  *int       `json:"byteOffset,omitempty"`
		ByteLength  *int       `json:"byteLength,omitempty"`
		Snippet     *sarifText `json:"snippet,omitempty"`
	}
	sarifFix struct {
		Description     sarifText             `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifactLoc   `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion `json:"deletedRegion"`
		InsertedContent *sarifText  `json:"insertedContent,omitempty"`
	}
)

// sarifReporter writes a SARIF 2.1.0 log with one run.
type sarifReporter struct{}

// Report implements Reporter.
func (sarifReporter) Report(w io.Writer, run *Run) error {
	if err := writeJSON(w, buildSARIF(run)); err != nil {
		return fmt.Errorf("writing SARIF report: %w", err)
	}
	return nil
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.SeverityError:
		return "error"
	case finding.SeverityWarning:
		return "warning"
	case finding.SeverityInfo:
		return "note"
	}
	return "none"
}

func buildSARIF(run *Run) *sarifLog {
	driver := sarifDriver{
		Name:           run.Tool.Name,
		Version:        run.Tool.Version,
		InformationURI: run.Tool.InformationURI,
		Rules:          make([]sarifRule, 0, len(run.Rules)),
	}
	if driver.Name == "" {
		driver.Name = "galley"
	}
	ruleIndex := make(map[string]int, len(run.Rules))
	for i, r := range run.Rules {
		if _, dup := ruleIndex[r.ID]; !dup {
			ruleIndex[r.ID] = i
		}
		driver.Rules = append(driver.Rules, sarifRuleFor(r))
	}

	sr := sarifRun{
		Tool:        sarifTool{Driver: driver},
		Invocations: []sarifInvocation{{ExecutionSuccessful: !hasErrorNotification(run.Notifications)}},
		Results:     make([]sarifResult, 0, len(run.Findings)),
		ColumnKind:  "utf16CodeUnits",
	}
	if run.Root != "" {
		sr.OriginalURIBaseIDs = map[string]sarifArtifactLoc{sarifSrcRoot: {URI: fileURI(run.Root, true)}}
	}
	for _, n := range sortedNotifications(run.Notifications) {
		sn := sarifNotification{Message: sarifText{Text: n.Message}, Level: sarifLevel(n.Level)}
		if n.Level == finding.SeverityNone {
			sn.Level = "note"
		}
		if n.Path != "" {
			sn.Locations = []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: artifactLocation(n.Path)}}}
		}
		sr.Invocations[0].ToolExecutionNotifications = append(sr.Invocations[0].ToolExecutionNotifications, sn)
	}

	occurrences := make(map[string]int)
	for i := range run.Findings {
		f := &run.Findings[i]
		res := sarifResult{
			RuleID:    f.RuleID,
			Level:     sarifLevel(f.Severity),
			Message:   sarifText{Text: sarifMessage(f.Message, len(f.Related))},
			Locations: []sarifLocation{{PhysicalLocation: physicalLocation(f.Location, f.Snippet)}},
		}
		if idx, ok := ruleIndex[f.RuleID]; ok {
			res.RuleIndex = &idx
		}
		key := fingerprintInput(f)
		res.PartialFingerprints = map[string]string{FingerprintKey: fingerprint(key, occurrences[key])}
		occurrences[key]++
		for j, r := range f.Related {
			id := j + 1
			loc := sarifLocation{ID: &id, PhysicalLocation: physicalLocation(r.Location, "")}
			if r.Message != "" {
				loc.Message = &sarifText{Text: r.Message}
			}
			res.RelatedLocations = append(res.RelatedLocations, loc)
		}
		for _, fx := range f.Fixes {
			res.Fixes = append(res.Fixes, sarifFixFor(fx))
		}
		sr.Results = append(sr.Results, res)
	}
	return &sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{sr}}
}

func sarifRuleFor(r finding.RuleInfo) sarifRule {
	sr := sarifRule{
		ID:                   r.ID,
		Name:                 ruleName(r.ID),
		DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(r.DefaultSeverity)},
		HelpURI:              r.HelpURI,
	}
	if r.Summary != "" {
		sr.ShortDescription = &sarifText{Text: r.Summary}
	}
	full := firstParagraph(r.Doc)
	if full == "" {
		full = r.Summary
	}
	if full != "" {
		sr.FullDescription = &sarifText{Text: full}
	}
	switch {
	case r.Doc != "":
		sr.Help = &sarifMultiText{Text: r.Doc, Markdown: r.Doc}
	case r.Summary != "":
		sr.Help = &sarifMultiText{Text: r.Summary}
	}
	if len(r.Tags) > 0 {
		sr.Properties = &sarifProperties{Tags: r.Tags}
	}
	return sr
}

// ruleName turns "style/repeated-word" into "RepeatedWord", the
// identifier-like name SARIF recommends.
func ruleName(id string) string {
	if i := strings.LastIndexByte(id, '/'); i >= 0 {
		id = id[i+1:]
	}
	var b strings.Builder
	upper := true
	for _, r := range id {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// firstParagraph returns the first blank-line-separated paragraph of doc,
// with its lines joined by spaces.
func firstParagraph(doc string) string {
	doc = strings.TrimSpace(strings.ReplaceAll(doc, "\r\n", "\n"))
	if i := strings.Index(doc, "\n\n"); i >= 0 {
		doc = doc[:i]
	}
	return strings.Join(strings.Fields(doc), " ")
}

// linkLike matches text a SARIF viewer would take for an embedded link.
var linkLike = regexp.MustCompile(`\[[^\]]*\]\(([^)]*)\)`)

// sarifMessage returns the result message text. Related locations are
// referred to with SARIF embedded links ("(see [related location](1))")
// unless the message already links to them. Literal brackets that would
// otherwise read as a link are escaped with a backslash.
func sarifMessage(msg string, related int) string {
	linked := false
	for _, m := range linkLike.FindAllStringSubmatch(msg, -1) {
		if n, err := strconv.Atoi(m[1]); err == nil && n >= 1 && n <= related {
			linked = true
		}
	}
	if linked {
		return msg
	}
	if linkLike.MatchString(msg) {
		msg = strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`).Replace(msg)
	}
	switch {
	case related == 1:
		msg += " (see [related location](1))"
	case related > 1:
		refs := make([]string, related)
		for i := range refs {
			refs[i] = fmt.Sprintf("[%d](%d)", i+1, i+1)
		}
		msg += " (see related locations " + strings.Join(refs, ", ") + ")"
	}
	return msg
}

// artifactLocation returns the SARIF artifactLocation of a finding path:
// a relative, URI-escaped reference against %SRCROOT%, or a file URI for
// an absolute path.
func artifactLocation(p string) sarifArtifactLoc {
	if isAbsPath(p) {
		return sarifArtifactLoc{URI: fileURI(p, false)}
	}
	u := url.URL{Path: strings.ReplaceAll(p, `\`, "/")}
	return sarifArtifactLoc{URI: u.String(), URIBaseID: sarifSrcRoot}
}

// isAbsPath reports whether p is an absolute slash path or a Windows path
// with a drive letter.
func isAbsPath(p string) bool {
	if path.IsAbs(p) || strings.HasPrefix(p, `\\`) {
		return true
	}
	return len(p) >= 3 && p[1] == ':' && (p[2] == '/' || p[2] == '\\') &&
		(p[0]|0x20 >= 'a' && p[0]|0x20 <= 'z')
}

// fileURI turns an absolute path into a file URI, with a trailing slash
// when dir is set.
func fileURI(p string, dir bool) string {
	p = strings.ReplaceAll(p, `\`, "/")
	host := ""
	if strings.HasPrefix(p, "//") { // UNC: //server/share/…
		rest := p[2:]
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			host, p = rest[:i], rest[i:]
		} else {
			host, p = rest, "/"
		}
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x → /C:/x
	}
	if dir && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	u := url.URL{Scheme: "file", Host: host, Path: p}
	return u.String()
}

// physicalLocation converts a location. The region uses UTF-16 columns
// (the run's columnKind) and carries the byte offset and length too; it
// is left out when the location has no line.
func physicalLocation(loc finding.Location, snippet string) sarifPhysicalLocation {
	pl := sarifPhysicalLocation{ArtifactLocation: artifactLocation(loc.Path)}
	if loc.Start.Line < 1 {
		return pl
	}
	reg := &sarifRegion{StartLine: loc.Start.Line}
	if loc.Start.ColumnUTF16 >= 1 {
		reg.StartColumn = loc.Start.ColumnUTF16
	}
	if loc.End.Line >= loc.Start.Line {
		reg.EndLine = loc.End.Line
		if loc.End.ColumnUTF16 >= 1 && (loc.End.Line > loc.Start.Line || loc.End.ColumnUTF16 >= reg.StartColumn) {
			reg.EndColumn = loc.End.ColumnUTF16
		}
	}
	if loc.Start.Offset >= 0 && loc.End.Offset >= loc.Start.Offset {
		off, n := loc.Start.Offset, loc.End.Offset-loc.Start.Offset
		reg.ByteOffset, reg.ByteLength = &off, &n
	}
	// Finding.Snippet holds only the first line of a longer span, and a
	// SARIF snippet must be the whole region.
	if snippet != "" && loc.End.Line == loc.Start.Line {
		reg.Snippet = &sarifText{Text: snippet}
	}
	pl.Region = reg
	return pl
}

func sarifFixFor(fx finding.Fix) sarifFix {
	out := sarifFix{Description: sarifText{Text: fx.Message}, ArtifactChanges: []sarifArtifactChange{}}
	byPath := make(map[string]int)
	for _, e := range fx.Edits {
		i, ok := byPath[e.Path]
		if !ok {
			i = len(out.ArtifactChanges)
			byPath[e.Path] = i
			out.ArtifactChanges = append(out.ArtifactChanges, sarifArtifactChange{ArtifactLocation: artifactLocation(e.Path)})
		}
		start, end := max(e.Start, 0), max(e.End, e.Start, 0)
		n := end - start
		rep := sarifReplacement{DeletedRegion: sarifRegion{ByteOffset: &start, ByteLength: &n}}
		if e.NewText != "" {
			rep.InsertedContent = &sarifText{Text: e.NewText}
		}
		out.ArtifactChanges[i].Replacements = append(out.ArtifactChanges[i].Replacements, rep)
	}
	return out
}

// fingerprintInput is what identifies a finding across runs: its rule, its
// path and its whitespace-normalised snippet (the message when there is
// none), but not its line, so it survives text moving within the file.
func fingerprintInput(f *finding.Finding) string {
	text := f.Snippet
	if text == "" {
		text = f.Message
	}
	return f.RuleID + "\x00" + f.Location.Path + "\x00" + strings.Join(strings.Fields(text), " ")
}

// fingerprint hashes a fingerprint input with the occurrence index among
// findings with the same input (in report order).
func fingerprint(input string, occurrence int) string {
	h := xxhash.New()
	h.WriteString(input)
	h.WriteString("\x00")
	h.WriteString(strconv.Itoa(occurrence))
	return fmt.Sprintf("%016x", h.Sum64())
}

// plainMessage returns a finding's message for formats without embedded
// links: each SARIF-style link to one of its related locations,
// "[label](n)", becomes its label. Other text is left as it is.
func plainMessage(f *finding.Finding) string {
	if !strings.Contains(f.Message, "](") {
		return f.Message
	}
	return linkLike.ReplaceAllStringFunc(f.Message, func(m string) string {
		sub := linkLike.FindStringSubmatch(m)
		if n, err := strconv.Atoi(sub[1]); err == nil && n >= 1 && n <= len(f.Related) {
			return m[1:strings.Index(m, "](")]
		}
		return m
	})
}
