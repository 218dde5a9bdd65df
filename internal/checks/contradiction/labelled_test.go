package contradiction_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/galley-lint/galley/internal/checks/contradiction"
	"github.com/galley-lint/galley/internal/finding"
)

// labels is testdata/contradiction/labels.yaml.
type labels struct {
	Files map[string]struct {
		Within []string `yaml:"within"`
		Cross  []string `yaml:"cross"`
	} `yaml:"files"`
}

// corpusDir is the labelled fixture corpus, relative to this package.
var corpusDir = filepath.Join("..", "..", "..", "testdata", "contradiction")

// topicIn finds the topic a finding's message names ("… on contact …").
var topicIn = regexp.MustCompile(`(?i)\bon ([a-z][\w-]*)[:,]`)

// key is one finding as the labels see it.
type key struct{ file, rule, topic string }

func (k key) String() string { return fmt.Sprintf("%s %s %s", k.file, k.rule, k.topic) }

// TestLabelledCorpus runs both rules over the labelled corpus and requires
// precision and recall of at least 0.8 for each rule.
func TestLabelledCorpus(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(corpusDir, "labels.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var lab labels
	if err := yaml.Unmarshal(data, &lab); err != nil {
		t.Fatal(err)
	}
	entries, _ := filepath.Glob(filepath.Join(corpusDir, "*.*"))
	articles := 0
	for _, e := range entries {
		if ext := filepath.Ext(e); ext == ".md" || ext == ".txt" {
			articles++
		}
	}
	if articles < 15 {
		t.Fatalf("%d labelled articles, want at least 15", articles)
	}
	for f := range lab.Files {
		if _, err := os.Stat(filepath.Join(corpusDir, f)); err != nil {
			t.Errorf("labels name a missing file: %v", err)
		}
	}
	set := sharedSet(t)
	topics := map[string]bool{}
	for _, s := range set.Data(contradiction.TopicKind) {
		topics[contradiction.TopicName(s.ID)] = true
	}
	res := runDir(t, set, corpusDir)
	t.Logf("stances:\n%s", table(t, set, res))

	want := map[key]bool{}
	for f, l := range lab.Files {
		for _, tp := range l.Within {
			want[key{f, "contradiction/within-article", tp}] = true
		}
		for _, tp := range l.Cross {
			want[key{f, "contradiction/cross-article", tp}] = true
		}
	}
	got := map[key]finding.Finding{}
	for _, f := range res.Findings {
		tp := ""
		for _, m := range topicIn.FindAllStringSubmatch(f.Message, -1) {
			if topics[m[1]] {
				tp = m[1]
				break
			}
		}
		if tp == "" {
			t.Errorf("%s:%d: no topic in message %q", f.Location.Path, f.Location.Start.Line, f.Message)
		}
		got[key{f.Location.Path, f.RuleID, tp}] = f
	}
	for _, rule := range []string{"contradiction/within-article", "contradiction/cross-article"} {
		tp, fp, fn := 0, 0, 0
		for _, k := range sortedKeySet(got) {
			if k.rule != rule {
				continue
			}
			if want[k] {
				tp++
			} else {
				fp++
				f := got[k]
				t.Logf("false positive: %s (line %d: %s)", k, f.Location.Start.Line, f.Message)
			}
		}
		for _, k := range sortedKeySet(want) {
			if k.rule != rule {
				continue
			}
			if _, ok := got[k]; !ok {
				fn++
				t.Logf("missed: %s", k)
			}
		}
		p, r := ratio(tp, tp+fp), ratio(tp, tp+fn)
		t.Logf("%s: precision %.2f, recall %.2f (%d true, %d false positives, %d missed)", rule, p, r, tp, fp, fn)
		if p < 0.8 || r < 0.8 {
			t.Errorf("%s: precision %.2f and recall %.2f, want both at least 0.80", rule, p, r)
		}
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func sortedKeySet[V any](m map[key]V) []key {
	out := make([]key, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}
