// Package engine runs galley's checks over documents: it loads and parses
// each source once on a pool of workers, runs every enabled check's Run on
// it, turns diagnostics into resolved findings, applies inline directives,
// the configuration policy and the report filter, then releases the
// document. After every document it runs the corpus phase over the facts
// the documents exported. Output is sorted and deduplicated, and does not
// depend on the number of workers.
//
// The engine knows no individual check.
package engine

import (
	"bytes"
	"context"
	"fmt"
	"iter"
	"math"
	"os"
	"reflect"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/galley-lint/galley/internal/check"
	"github.com/galley-lint/galley/internal/document"
	"github.com/galley-lint/galley/internal/files"
	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/parse"
)

// Options configure a run.
type Options struct {
	// Checks are all enabled checks; they run in ID order. IDs must be
	// unique.
	Checks []*check.Check
	// Parser parses every source. It is required by Run.
	Parser *parse.Parser
	// Jobs is the number of worker goroutines; <= 0 means
	// runtime.GOMAXPROCS(0).
	Jobs int
	// Policy decides per path and rule whether the rule runs and at what
	// severity. Nil runs every check on every file at its default
	// severity.
	Policy Policy
	// Report, if set, limits which files' findings and notifications are
	// reported (PR mode): every file is still parsed and contributes facts
	// to corpus checks.
	Report func(path string) bool
	// SkipCorpus collects facts and suppressions but does not run the
	// corpus phase: a sharded run sees only part of the corpus, so its
	// cross-article findings would be wrong; `galley merge` runs the
	// corpus phase over every shard's facts instead.
	SkipCorpus bool
}

// Policy is implemented by the config package: per path and rule, whether
// the rule runs and at what severity (SeverityNone keeps the rule's
// default).
type Policy interface {
	Rule(path, ruleID string) (enabled bool, severity finding.Severity)
}

// Source is one document to check.
type Source struct {
	// Path is the reported path (slash-separated); its extension selects
	// the parser's format.
	Path string
	// Load returns the document's bytes. When buf is not nil it is
	// scratch space Load may read into (and replace with a larger one),
	// so the bytes stay valid only until buf is used again: the engine
	// keeps one buffer per worker instead of allocating every file anew.
	Load func(buf *[]byte) ([]byte, error)
}

// FileSources returns a Source per input, reading the file when the
// engine gets to it.
func FileSources(inputs []files.Input) []Source {
	out := make([]Source, len(inputs))
	for i, in := range inputs {
		out[i] = FileSource(in)
	}
	return out
}

// FileSource returns a Source reading the input's file when the engine
// gets to it, expecting the size the walk found (a file that changed since
// is still read whole; a zero Size, as in an Input made by hand, is taken
// as unknown).
func FileSource(in files.Input) Source {
	abs, size := in.Abs, in.Size
	if size == 0 {
		size = -1
	}
	return Source{Path: in.Path, Load: func(buf *[]byte) ([]byte, error) { return readSized(abs, size, buf) }}
}

// readSized reads the named file, expected to hold size bytes (negative:
// unknown, so the file is stat'ed), into *buf's storage when buf is not
// nil (replacing *buf with a larger buffer when the file does not fit),
// and returns the bytes read. Errors are os.ReadFile's.
func readSized(name string, size int64, buf *[]byte) ([]byte, error) {
	if buf == nil {
		return readFile(name, size, nil)
	}
	b, err := readFile(name, size, *buf)
	if err != nil {
		return nil, err
	}
	*buf = b[:0]
	return b, nil
}

// grow returns buf emptied, or a new buffer when buf cannot hold size
// bytes and one to spare (so that a file read whole meets its end
// without growing).
func grow(buf []byte, size int64) []byte {
	if size < 0 || size >= math.MaxInt32 {
		size = 0
	}
	if cap(buf) < int(size)+1 {
		return make([]byte, 0, int(size)+512)
	}
	return buf[:0]
}

// BytesSource returns a Source for bytes already read, such as standard
// input.
func BytesSource(path string, src []byte) Source {
	return Source{Path: path, Load: func(*[]byte) ([]byte, error) { return src, nil }}
}

// Result is what a run found.
type Result struct {
	// Findings are sorted with finding.Less and deduplicated.
	Findings []finding.Finding
	// Notifications are sorted by path, then message.
	Notifications []finding.Notification
	// Files is the number of documents checked (loaded and parsed).
	Files int
	// Bytes is the total size of the documents checked.
	Bytes int64
	// Facts holds, per corpus check ID, every document's fact sorted by
	// path, for sharded runs.
	Facts map[string][]check.DocFact
	// Suppressions holds, per path, the document's inline directives as
	// far as corpus findings need them (for sharded runs).
	Suppressions map[string]Suppressions
	// Timings say where the time went.
	Timings Timings
}

// Timings record where a run spent its time. Durations measured in
// workers are summed over workers, so they may exceed Total.
type Timings struct {
	// Load is the time spent reading sources.
	Load time.Duration
	// Parse is the time spent parsing, sentence splitting included.
	Parse time.Duration
	// Sentences is the part of Parse spent splitting prose into sentences
	// and tokens.
	Sentences time.Duration
	// Checks is the time spent in checks' Run, per check family.
	Checks map[string]time.Duration
	// Corpus is the time spent in the corpus phase.
	Corpus time.Duration
	// Total is the wall-clock time of the run.
	Total time.Duration
}

// Families returns the families in Checks, sorted.
func (t Timings) Families() []string {
	out := make([]string, 0, len(t.Checks))
	for f := range t.Checks {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// addChecks adds the time each check took, indexed like checks, to t's
// per-family times.
func (t *Timings) addChecks(checks []*check.Check, checkTime []time.Duration) {
	for i, c := range checks {
		if c.Run == nil || checkTime[i] == 0 {
			continue
		}
		if t.Checks == nil {
			t.Checks = map[string]time.Duration{}
		}
		t.Checks[c.Family()] += checkTime[i]
	}
}

func (t *Timings) add(o *Timings) {
	t.Load += o.Load
	t.Parse += o.Parse
	t.Sentences += o.Sentences
	t.Corpus += o.Corpus
	for f, d := range o.Checks {
		if t.Checks == nil {
			t.Checks = map[string]time.Duration{}
		}
		t.Checks[f] += d
	}
}

// docResult is what one worker keeps of one document once it is released.
type docResult struct {
	ok       bool
	bytes    int64
	findings []finding.Finding
	notes    []finding.Notification
	facts    map[string]any
	supp     Suppressions
}

// sortedChecks returns the non-nil checks in ID order, or an error for a
// duplicate ID.
func sortedChecks(in []*check.Check) ([]*check.Check, error) {
	out := make([]*check.Check, 0, len(in))
	for _, c := range in {
		if c != nil {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	for i := 1; i < len(out); i++ {
		if out[i].ID == out[i-1].ID {
			return nil, fmt.Errorf("engine: two checks have the ID %q", out[i].ID)
		}
	}
	return out, nil
}

// Run checks every source and runs the corpus phase. It returns an error
// only for a misconfiguration or a cancelled context; problems with
// individual files or checks become notifications.
func Run(ctx context.Context, opts Options, sources []Source) (*Result, error) {
	return RunSeq(ctx, opts, slices.Values(sources))
}

// RunSeq is Run over the sources a sequence yields, checked as they come:
// the sequence may still be finding them (walking directories, say) while
// the workers check the first ones, and it runs on the calling goroutine.
// The result does not depend on the order of the sources, except that of
// two sources with the same path the facts of the earlier come first.
func RunSeq(ctx context.Context, opts Options, sources iter.Seq[Source]) (*Result, error) {
	start := time.Now()
	if opts.Parser == nil {
		return nil, fmt.Errorf("engine: no parser")
	}
	checks, err := sortedChecks(opts.Checks)
	if err != nil {
		return nil, err
	}
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	jobs = max(1, jobs)

	// A worker starts with each of the first sources, up to jobs of
	// them, and keeps its results with their indexes.
	type task struct {
		i   int
		src Source
	}
	type indexed struct {
		i int
		r docResult
	}
	var all []Source
	done := make([][]indexed, jobs)
	timings := make([]Timings, jobs)
	next := make(chan task, jobs)
	var wg sync.WaitGroup
	started := 0
	startWorker := func(w int) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wk := &worker{tm: &timings[w], checkTime: make([]time.Duration, len(checks)), parser: opts.Parser.NewWorker()}
			for t := range next {
				done[w] = append(done[w], indexed{t.i, wk.checkSource(ctx, opts, checks, t.src)})
			}
			wk.tm.addChecks(checks, wk.checkTime)
		}()
	}
feed:
	for src := range sources {
		if ctx.Err() != nil {
			break
		}
		all = append(all, src)
		if started < jobs {
			startWorker(started)
			started++
		}
		select {
		case next <- task{len(all) - 1, src}:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("engine: %w", err)
	}
	results := make([]docResult, len(all))
	for _, d := range done {
		for _, x := range d {
			results[x.i] = x.r
		}
	}

	res := &Result{Facts: map[string][]check.DocFact{}, Suppressions: map[string]Suppressions{}}
	for w := range started {
		res.Timings.add(&timings[w])
	}
	var fs []finding.Finding
	var notes []finding.Notification
	for i := range results {
		r := &results[i]
		if r.ok {
			res.Files++
			res.Bytes += r.bytes
		}
		fs = append(fs, r.findings...)
		notes = append(notes, r.notes...)
		if len(r.supp) > 0 {
			res.Suppressions[all[i].Path] = r.supp
		}
		for id, f := range r.facts {
			res.Facts[id] = append(res.Facts[id], check.DocFact{Path: all[i].Path, Fact: f})
		}
	}
	for _, c := range checks {
		if c.RunCorpus == nil {
			continue
		}
		facts := res.Facts[c.ID]
		sort.SliceStable(facts, func(i, j int) bool { return facts[i].Path < facts[j].Path })
		if facts == nil {
			facts = []check.DocFact{}
		}
		res.Facts[c.ID] = facts
	}
	for id := range res.Facts {
		if c := findCheck(checks, id); c == nil || c.RunCorpus == nil {
			delete(res.Facts, id) // facts of checks without a corpus phase are not kept
		}
	}

	if !opts.SkipCorpus {
		cf, cn, ct := corpusPhase(ctx, opts, checks, res.Facts, res.Suppressions)
		AddContext(cf, all)
		fs = append(fs, cf...)
		notes = append(notes, cn...)
		res.Timings.Corpus = ct
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("engine: %w", err)
	}
	res.Findings = sortFindings(fs)
	res.Notifications = sortNotifications(notes)
	res.Timings.Total = time.Since(start)
	return res, nil
}

// RunCorpus runs only the corpus phase over facts gathered earlier (per
// corpus check ID, as in Result.Facts), filtering findings through the
// policy, the report filter and the given suppressions (as in
// Result.Suppressions; may be nil). Opts.Parser is not needed. This is what
// `galley merge` runs over the facts of sharded runs.
func RunCorpus(ctx context.Context, opts Options, facts map[string][]check.DocFact, supp map[string]Suppressions) (*Result, error) {
	start := time.Now()
	checks, err := sortedChecks(opts.Checks)
	if err != nil {
		return nil, err
	}
	sorted := map[string][]check.DocFact{}
	for id, fs := range facts {
		fs = append([]check.DocFact(nil), fs...)
		sort.SliceStable(fs, func(i, j int) bool { return fs[i].Path < fs[j].Path })
		sorted[id] = fs
	}
	fs, notes, ct := corpusPhase(ctx, opts, checks, sorted, supp)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("engine: %w", err)
	}
	return &Result{
		Findings:      sortFindings(fs),
		Notifications: sortNotifications(notes),
		Facts:         sorted,
		Suppressions:  supp,
		Timings:       Timings{Corpus: ct, Total: time.Since(start)},
	}, nil
}

func findCheck(checks []*check.Check, id string) *check.Check {
	i := sort.Search(len(checks), func(i int) bool { return checks[i].ID >= id })
	if i < len(checks) && checks[i].ID == id {
		return checks[i]
	}
	return nil
}

// reported reports whether findings for path are reported.
func (o *Options) reported(path string) bool {
	return o.Report == nil || path == "" || o.Report(path)
}

// rule returns whether a rule runs on path and the policy's severity.
func (o *Options) rule(path, ruleID string) (bool, finding.Severity) {
	if o.Policy == nil {
		return true, finding.SeverityNone
	}
	return o.Policy.Rule(path, ruleID)
}

// worker is what one worker goroutine keeps from document to document.
type worker struct {
	tm *Timings
	// checkTime is the time each check took, indexed like the checks: a
	// map update per check and document cost more than some checks.
	checkTime []time.Duration
	// buf holds the document being checked; nothing may keep its bytes.
	buf []byte
	// parser parses the worker's documents into storage reused from one
	// document to the next: a document, like buf, lives until the next
	// source.
	parser *parse.Worker
	// memo is the shared values of the document being checked, released
	// when its checks are done (see check.Memo.Release).
	memo *check.Memo
}

// checkSource loads, parses and checks one source, then lets the document
// go.
func (w *worker) checkSource(ctx context.Context, opts Options, checks []*check.Check, src Source) (r docResult) {
	tm, checkTime := w.tm, w.checkTime
	if ctx.Err() != nil {
		return r
	}
	note := func(format string, args ...any) {
		r.notes = append(r.notes, finding.Notification{Path: src.Path, Level: finding.SeverityError,
			Message: fmt.Sprintf(format, args...)})
	}
	defer func() {
		if !opts.reported(src.Path) {
			r.findings, r.notes = nil, nil
		}
	}()

	t0 := time.Now()
	if src.Load == nil {
		note("no content")
		return r
	}
	data, err := src.Load(&w.buf)
	tm.Load += time.Since(t0)
	if err != nil {
		note("%v", unwrapPath(err))
		return r
	}
	var pt parse.Timing
	doc, err := parseSafely(w.parser, src.Path, data, &pt)
	tm.Parse += pt.Total()
	tm.Sentences += pt.Sentences
	if err != nil {
		note("%v", err)
		return r
	}
	r.ok = true
	r.bytes = int64(len(data))
	r.supp = newSuppressions(doc)
	if w.memo == nil {
		w.memo = check.NewMemo()
	}
	memo := w.memo
	defer memo.Release()
	var claimed []document.Span
	var claimers map[string]bool // rules with claiming findings here

	// One pass serves every check of the document in turn (a check must
	// not keep its pass after Run returns).
	var diags []check.Diagnostic
	pass := &check.Pass{
		Doc:    doc,
		Memo:   memo,
		Report: func(d check.Diagnostic) { diags = append(diags, d) },
	}
	pass.ExportFact = func(f any) {
		c := pass.Check
		if err := checkFactType(c, f); err != nil {
			note("%v", err)
			return
		}
		if r.facts == nil {
			r.facts = map[string]any{}
		}
		r.facts[c.ID] = f
	}
	for ci, c := range checks {
		if c.Run == nil {
			continue
		}
		enabled, sev := opts.rule(src.Path, c.ID)
		if !enabled {
			continue
		}
		if ctx.Err() != nil {
			return r
		}
		pass.Check = c
		diags = diags[:0]
		t0 = time.Now()
		err := runSafely(c, pass)
		checkTime[ci] += time.Since(t0)
		if err != nil {
			note("%v", err)
		}
		for _, dg := range diags {
			f := toFinding(doc, c, dg)
			if sev != finding.SeverityNone {
				f.Severity = sev
			}
			if r.supp.Suppressed(f.Location.Start.Line, f.RuleID) {
				continue
			}
			if c.Claims {
				claimed = append(claimed, document.Span{Start: f.Location.Start.Offset, End: f.Location.End.Offset})
				if claimers == nil {
					claimers = map[string]bool{}
				}
				claimers[c.ID] = true
			}
			r.findings = append(r.findings, f)
		}
	}
	if len(claimed) > 0 {
		r.findings = dropClaimed(r.findings, claimed, claimers)
	}
	return r
}

// dropClaimed removes findings of non-claiming rules that lie wholly inside
// a claimed span (text that a claiming check says is not the article's).
func dropClaimed(fs []finding.Finding, claimed []document.Span, claimers map[string]bool) []finding.Finding {
	out := fs[:0]
	for _, f := range fs {
		inside := false
		if !claimers[f.RuleID] {
			for _, s := range claimed {
				if f.Location.Start.Offset >= s.Start && f.Location.End.Offset <= s.End {
					inside = true
					break
				}
			}
		}
		if !inside {
			out = append(out, f)
		}
	}
	return out
}

// checkFactType reports a fact that a sharded run could not decode: nil,
// or not of the type the check's NewFact returns.
func checkFactType(c *check.Check, f any) error {
	if f == nil {
		return fmt.Errorf("check %s exported a nil fact", c.ID)
	}
	if c.NewFact == nil {
		return nil
	}
	if want, got := reflect.TypeOf(c.NewFact()), reflect.TypeOf(f); want != got {
		return fmt.Errorf("check %s exported a fact of type %v; its NewFact returns %v", c.ID, got, want)
	}
	return nil
}

// unwrapPath drops the path an *os.PathError repeats.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// parseSafely parses, turning a parser panic into an error.
func parseSafely(p *parse.Worker, path string, data []byte, t *parse.Timing) (doc *document.Document, err error) {
	defer func() {
		if v := recover(); v != nil {
			doc, err = nil, fmt.Errorf("parser panicked: %v\n%s", v, firstFrames(debug.Stack()))
		}
	}()
	doc, err = p.ParseTimed(path, data, t)
	if err == nil && doc == nil {
		err = fmt.Errorf("parser returned no document")
	}
	return doc, err
}

// runSafely runs a check, turning a panic into an error naming the check.
func runSafely(c *check.Check, pass *check.Pass) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("check %s panicked: %v\n%s", c.ID, v, firstFrames(debug.Stack()))
		}
	}()
	if err := c.Run(pass); err != nil {
		return fmt.Errorf("check %s: %w", c.ID, err)
	}
	return nil
}

// firstFrames keeps the part of a stack trace from the panic onwards, a
// few frames deep, so a notification says where a check broke.
func firstFrames(stack []byte) string {
	lines := strings.Split(strings.TrimSpace(string(stack)), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") {
			lines = lines[min(i+2, len(lines)):]
			break
		}
	}
	return strings.Join(lines[:min(len(lines), 6)], "\n")
}

// clamp keeps a span inside the document.
func clamp(doc *document.Document, s document.Span) document.Span {
	n := len(doc.Source)
	s.Start = max(0, min(s.Start, n))
	s.End = max(s.Start, min(s.End, n))
	return s
}

// maxSnippet is the most bytes a finding's Snippet holds.
const maxSnippet = 200

// toFinding resolves a diagnostic against its document.
func toFinding(doc *document.Document, c *check.Check, d check.Diagnostic) finding.Finding {
	span := clamp(doc, d.Span)
	f := finding.Finding{
		RuleID:   c.ID,
		Severity: d.Severity,
		// Clone strings a check may have cut from the document's text, so
		// that findings do not keep the document alive.
		Message:  strings.Clone(d.Message),
		Location: doc.Location(span),
	}
	if f.Severity == finding.SeverityNone {
		f.Severity = c.Severity
	}
	for _, rel := range d.Related {
		f.Related = append(f.Related, finding.Related{Location: doc.Location(clamp(doc, rel.Span)), Message: strings.Clone(rel.Message)})
	}
	for _, fx := range d.Fixes {
		out := finding.Fix{Message: fx.Message}
		for _, e := range fx.Edits {
			es := clamp(doc, e.Span)
			out.Edits = append(out.Edits, finding.Edit{Path: doc.Path, Start: es.Start, End: es.End, NewText: strings.Clone(e.NewText)})
		}
		out.Message = strings.Clone(out.Message)
		f.Fixes = append(f.Fixes, out)
	}
	f.Snippet = snippet(doc.Source[span.Start:span.End])
	f.SourceLine = doc.Text(doc.LineSpan(f.Location.Start.Line))
	return f
}

// snippet returns the first line of b, trimmed, cut to maxSnippet bytes at
// a character boundary, as a new string.
func snippet(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	b = bytes.TrimSpace(b)
	if len(b) > maxSnippet {
		cut := maxSnippet
		for cut > 0 && !utf8.RuneStart(b[cut]) {
			cut--
		}
		b = b[:cut]
	}
	return string(b)
}

// corpusPhase runs every corpus check over its facts.
func corpusPhase(ctx context.Context, opts Options, checks []*check.Check, facts map[string][]check.DocFact, supp map[string]Suppressions) ([]finding.Finding, []finding.Notification, time.Duration) {
	start := time.Now()
	var out []finding.Finding
	var notes []finding.Notification
	for _, c := range checks {
		if c.RunCorpus == nil {
			continue
		}
		if ctx.Err() != nil {
			break
		}
		fs := facts[c.ID]
		if fs == nil {
			fs = []check.DocFact{}
		}
		var got []finding.Finding
		pass := &check.CorpusPass{Check: c, Facts: fs, Report: func(f finding.Finding) { got = append(got, f) }}
		if err := runCorpusSafely(c, pass); err != nil {
			notes = append(notes, finding.Notification{Level: finding.SeverityError, Message: err.Error()})
		}
		for _, f := range got {
			if f.RuleID == "" {
				f.RuleID = c.ID
			}
			if f.Severity == finding.SeverityNone {
				f.Severity = c.Severity
			}
			path := f.Location.Path
			enabled, sev := opts.rule(path, f.RuleID)
			if !enabled || !opts.reported(path) {
				continue
			}
			if sev != finding.SeverityNone {
				f.Severity = sev
			}
			if supp[path].Suppressed(f.Location.Start.Line, f.RuleID) {
				continue
			}
			out = append(out, f)
		}
	}
	return out, notes, time.Since(start)
}

// AddContext fills in the Snippet and SourceLine of corpus findings, which
// are made from facts after their documents were released (as RunCorpus
// returns them), by reading again (once each) only the sources that have
// such findings. Sources that cannot be read again, or have changed so
// that a location no longer fits, are left alone.
func AddContext(fs []finding.Finding, sources []Source) {
	byPath := map[string][]int{}
	for i := range fs {
		if fs[i].SourceLine == "" || fs[i].Snippet == "" {
			byPath[fs[i].Location.Path] = append(byPath[fs[i].Location.Path], i)
		}
	}
	for _, src := range sources {
		idx := byPath[src.Path]
		if len(idx) == 0 || src.Load == nil {
			continue
		}
		delete(byPath, src.Path)
		data, err := src.Load(nil)
		if err != nil {
			continue
		}
		doc := document.New(src.Path, document.Markdown, data) // only the line table is used
		for _, i := range idx {
			f := &fs[i]
			start, end := f.Location.Start.Offset, f.Location.End.Offset
			if start < 0 || end < start || end > len(doc.Source) || doc.Line(start) != f.Location.Start.Line {
				continue
			}
			if f.Snippet == "" {
				f.Snippet = snippet(doc.Source[start:end])
			}
			if f.SourceLine == "" {
				f.SourceLine = doc.Text(doc.LineSpan(f.Location.Start.Line))
			}
		}
	}
}

// runCorpusSafely runs a corpus check, turning a panic into an error.
func runCorpusSafely(c *check.Check, pass *check.CorpusPass) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("check %s panicked in the corpus phase: %v\n%s", c.ID, v, firstFrames(debug.Stack()))
		}
	}()
	if err := c.RunCorpus(pass); err != nil {
		return fmt.Errorf("check %s (corpus phase): %w", c.ID, err)
	}
	return nil
}

// sortFindings sorts with finding.Less and drops exact duplicates.
func sortFindings(fs []finding.Finding) []finding.Finding {
	sort.SliceStable(fs, func(i, j int) bool { return finding.Less(&fs[i], &fs[j]) })
	out := fs[:0]
	groupStart := 0
	for i := range fs {
		if len(out) > 0 && finding.Less(&out[len(out)-1], &fs[i]) {
			groupStart = len(out)
		}
		dup := false
		for j := groupStart; j < len(out); j++ {
			if reflect.DeepEqual(out[j], fs[i]) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, fs[i])
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// sortNotifications sorts by path then message and drops duplicates.
func sortNotifications(ns []finding.Notification) []finding.Notification {
	sort.SliceStable(ns, func(i, j int) bool {
		if ns[i].Path != ns[j].Path {
			return ns[i].Path < ns[j].Path
		}
		return ns[i].Message < ns[j].Message
	})
	out := ns[:0]
	for i := range ns {
		if len(out) > 0 && out[len(out)-1] == ns[i] {
			continue
		}
		out = append(out, ns[i])
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
