package boilerplate

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/finding"
	"github.com/galley-lint/galley/internal/fix"
)

// fixturesDir holds the labelled articles: NAME.md or NAME.txt with a
// NAME.labels sidecar listing residue lines ("7" or "7-12" per line, #
// comments; blank lines inside a range do not count).
var fixturesDir = filepath.Join("..", "..", "..", "testdata", "boilerplate")

type fixture struct {
	name   string
	src    []byte
	labels map[int]bool // non-blank residue lines
}

func loadFixtures(t *testing.T) []fixture {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(fixturesDir, "*.labels"))
	if err != nil {
		t.Fatal(err)
	}
	var out []fixture
	for _, lp := range paths {
		base := strings.TrimSuffix(lp, ".labels")
		var article string
		for _, ext := range []string{".md", ".txt"} {
			if _, err := os.Stat(base + ext); err == nil {
				article = base + ext
			}
		}
		if article == "" {
			t.Fatalf("%s: no article next to it", lp)
		}
		src, err := os.ReadFile(article)
		if err != nil {
			t.Fatal(err)
		}
		labels, err := parseLabels(lp, src)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fixture{name: filepath.Base(article), src: src, labels: labels})
	}
	if len(out) < 25 {
		t.Fatalf("only %d labelled fixtures, want at least 25", len(out))
	}
	return out
}

// parseLabels reads a labels file into the set of non-blank labelled lines.
func parseLabels(path string, src []byte) (map[int]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	lines := strings.Split(string(src), "\n")
	out := map[int]bool{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		a, b, isRange := strings.Cut(s, "-")
		first, err1 := strconv.Atoi(a)
		last, err2 := first, error(nil)
		if isRange {
			last, err2 = strconv.Atoi(b)
		}
		if err1 != nil || err2 != nil || first < 1 || last < first || last > len(lines) {
			return nil, fmt.Errorf("%s:%d: bad line range %q", path, n, s)
		}
		for l := first; l <= last; l++ {
			if strings.TrimSpace(lines[l-1]) != "" {
				out[l] = true
			}
		}
	}
	return out, sc.Err()
}

// flaggedLines returns the non-blank lines the findings of path cover.
func flaggedLines(src []byte, fs []finding.Finding, path string) map[int]bool {
	lines := strings.Split(string(src), "\n")
	out := map[int]bool{}
	for _, f := range fs {
		if f.Location.Path != path || finding.Family(f.RuleID) != "boilerplate" {
			continue
		}
		for l := f.Location.Start.Line; l <= f.Location.End.Line && l <= len(lines); l++ {
			if strings.TrimSpace(lines[l-1]) != "" {
				out[l] = true
			}
		}
	}
	return out
}

// TestPrecisionRecall checks the boilerplate rules against the labelled
// fixtures line by line: precision and recall must both reach 0.90.
func TestPrecisionRecall(t *testing.T) {
	fixtures := loadFixtures(t)
	srcs := map[string][]byte{}
	for _, fx := range fixtures {
		srcs[fx.name] = fx.src
	}
	findings := runFiles(t, loadChecks(t), srcs)
	tp, fp, fn := 0, 0, 0
	for _, fx := range fixtures {
		got := flaggedLines(fx.src, findings, fx.name)
		lines := strings.Split(string(fx.src), "\n")
		for _, l := range sortedKeys(got) {
			if fx.labels[l] {
				tp++
			} else {
				fp++
				t.Logf("false positive %s:%d: %q", fx.name, l, lines[l-1])
			}
		}
		for _, l := range sortedKeys(fx.labels) {
			if !got[l] {
				fn++
				t.Logf("missed %s:%d: %q", fx.name, l, lines[l-1])
			}
		}
	}
	p := float64(tp) / float64(max(tp+fp, 1))
	r := float64(tp) / float64(max(tp+fn, 1))
	t.Logf("%d fixtures: %d residue lines labelled; TP %d FP %d FN %d; precision %.3f recall %.3f", len(fixtures), tp+fn, tp, fp, fn, p, r)
	if p < 0.90 || r < 0.90 {
		t.Errorf("precision %.3f, recall %.3f: want both >= 0.90", p, r)
	}
}

// TestFixturesFixed applies every boilerplate fix to each fixture: exactly
// the labelled lines disappear, every other non-blank line survives in
// order, no blank lines are left doubled where there were none, and a
// second run finds nothing.
func TestFixturesFixed(t *testing.T) {
	fixtures := loadFixtures(t)
	srcs := map[string][]byte{}
	for _, fx := range fixtures {
		srcs[fx.name] = fx.src
	}
	checks := loadChecks(t)
	findings := runFiles(t, checks, srcs)
	fixed := map[string][]byte{}
	for _, fx := range fixtures {
		var fixes []finding.Fix
		for _, f := range findings {
			if f.Location.Path == fx.name && len(f.Fixes) > 0 {
				fixes = append(fixes, f.Fixes[0])
			}
		}
		out, _, err := fix.Apply(fx.src, fixes)
		if err != nil {
			t.Fatalf("%s: %v", fx.name, err)
		}
		fixed[fx.name] = out
		var want []string
		for i, l := range strings.Split(string(fx.src), "\n") {
			if strings.TrimSpace(l) != "" && !fx.labels[i+1] {
				want = append(want, l)
			}
		}
		var got []string
		for _, l := range strings.Split(string(out), "\n") {
			if strings.TrimSpace(l) != "" {
				got = append(got, l)
			}
		}
		// Precision and recall allow a few misses; the fix must never
		// delete an unlabelled line.
		kept := 0
		for _, g := range got {
			if kept < len(want) && g == want[kept] {
				kept++
			}
		}
		if kept != len(want) {
			t.Errorf("%s: fixing deleted article lines:\n%s", fx.name, fix.Diff(fx.name, fx.src, out))
		}
		if bytes.Contains(out, []byte("\n\n\n")) && !bytes.Contains(fx.src, []byte("\n\n\n")) {
			t.Errorf("%s: fixing left doubled blank lines:\n%q", fx.name, out)
		}
	}
	again := runFiles(t, checks, fixed)
	for _, f := range again {
		if finding.Family(f.RuleID) == "boilerplate" {
			t.Errorf("after fixing, %s:%d: %s %s", f.Location.Path, f.Location.Start.Line, f.RuleID, f.Message)
		}
	}
}

func sortedKeys(m map[int]bool) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}
