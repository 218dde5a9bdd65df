package citation

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// label is one expected finding of the labelled set.
type label struct {
	file string
	line int
	rule string
	re   *regexp.Regexp
	used bool
}

var labelLine = regexp.MustCompile(`^(\d+)\s+(\S+)\s+"(.*)"\s*$`)

// readLabels reads NAME.want: `LINE rule-id "regexp"` lines; blank lines
// and # comments are skipped.
func readLabels(t *testing.T, path, name string) []*label {
	t.Helper()
	data, err := os.ReadFile(path + ".want")
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var out []*label
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m := labelLine.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("%s.want:%d: want `LINE rule-id \"regexp\"`, got %q", name, n, line)
		}
		ln, _ := strconv.Atoi(m[1])
		out = append(out, &label{file: name, line: ln, rule: m[2], re: regexp.MustCompile(m[3])})
	}
	return out
}

// TestLabelledSet runs every citation rule over the labelled articles in
// testdata/citation at the repository root and requires precision and
// recall of at least 0.90 against their labels.
func TestLabelledSet(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "testdata", "citation")
	var paths []string
	for _, ext := range []string{"*.md", "*.txt"} {
		m, err := filepath.Glob(filepath.Join(dir, ext))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) < 12 {
		t.Fatalf("labelled set has %d articles, want at least 12", len(paths))
	}
	checks := loadChecks(t)
	var labels []*label
	findings, tp := 0, 0
	for _, p := range paths {
		name := filepath.Base(p)
		ls := readLabels(t, p, name)
		labels = append(labels, ls...)
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, ds := runChecks(t, checks, name, src)
		for _, d := range ds {
			findings++
			line := doc.Line(d.Span.Start)
			hit := false
			for _, l := range ls {
				if !l.used && l.line == line && l.rule == d.Rule && l.re.MatchString(d.Message) {
					l.used, hit = true, true
					break
				}
			}
			if hit {
				tp++
			} else {
				t.Logf("false positive: %s:%d: %s: %s", name, line, d.Rule, d.Message)
			}
		}
	}
	for _, l := range labels {
		if !l.used {
			t.Logf("missed: %s:%d: %s %q", l.file, l.line, l.rule, l.re)
		}
	}
	precision, recall := 1.0, 1.0
	if findings > 0 {
		precision = float64(tp) / float64(findings)
	}
	if len(labels) > 0 {
		recall = float64(tp) / float64(len(labels))
	}
	t.Logf("labelled set: %d articles, %d labels, %d findings, %d correct: precision %.3f, recall %.3f", len(paths), len(labels), findings, tp, precision, recall)
	if precision < 0.90 || recall < 0.90 {
		t.Errorf("precision %.3f, recall %.3f: want both at least 0.90", precision, recall)
	}
}
