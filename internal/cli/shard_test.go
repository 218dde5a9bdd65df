package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// shardFixtures are fixture directories (relative to this package) whose
// articles include cross-article findings: template lines, term
// consistency across articles and contradictory advice.
var shardFixtures = []string{
	"../checks/boilerplate/testdata/golden/template-line",
	"../checks/style/testdata/term-consistency",
	"../checks/contradiction/testdata/cross",
	"../checks/boilerplate/testdata/golden/syndication",
	"../checks/boilerplate/testdata/golden/promo",
}

// copyFixtures copies the articles (not the .want files) of shardFixtures
// into dir, one subdirectory each, and returns how many it copied.
func copyFixtures(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	for _, fx := range shardFixtures {
		entries, err := os.ReadDir(fx)
		if err != nil {
			t.Skipf("fixture %s: %v", fx, err)
		}
		sub := filepath.Base(fx)
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() || strings.HasSuffix(e.Name(), ".want") {
				continue
			}
			data, err := os.ReadFile(filepath.Join(fx, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, sub, e.Name()), data, 0o644); err != nil {
				t.Fatal(err)
			}
			n++
		}
	}
	return n
}

// runApp runs galley in dir and returns its exit code and standard output.
func runApp(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := New(&stdout, &stderr, Env{Dir: dir}).Run(context.Background(), append([]string{"galley"}, args...))
	if code == ExitError {
		t.Fatalf("galley %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
	return code, stdout.String()
}

// jsonFindings returns the findings of a JSON report, each re-encoded as
// one string, and the rule IDs seen.
func jsonFindings(t *testing.T, report string) []string {
	t.Helper()
	var r struct {
		Findings []json.RawMessage `json:"findings"`
	}
	if err := json.Unmarshal([]byte(report), &r); err != nil {
		t.Fatalf("report is not JSON: %v\n%s", err, report)
	}
	out := make([]string, 0, len(r.Findings))
	for _, f := range r.Findings {
		var buf bytes.Buffer
		if err := json.Compact(&buf, f); err != nil {
			t.Fatal(err)
		}
		out = append(out, buf.String())
	}
	return out
}

// TestShardedAndMergedEqualsSingleRun checks a fixture corpus once, then
// in three shards writing facts and a merge of those facts, and expects the
// shards' findings plus the merge's to be exactly the single run's.
func TestShardedAndMergedEqualsSingleRun(t *testing.T) {
	dir := t.TempDir()
	if n := copyFixtures(t, dir); n < 10 {
		t.Skipf("only %d fixture articles", n)
	}
	common := []string{"--enable", "**", "--format", "json", "--fail-level", "none", "--quiet"}
	_, single := runApp(t, dir, append([]string{"check", "."}, common...)...)
	want := jsonFindings(t, single)

	const n = 3
	var got, facts []string
	for i := 1; i <= n; i++ {
		f := fmt.Sprintf("facts-%d.jsonl", i)
		facts = append(facts, f)
		_, out := runApp(t, dir, append([]string{"check", ".", "--shard", fmt.Sprintf("%d/%d", i, n), "--facts-out", f}, common...)...)
		got = append(got, jsonFindings(t, out)...)
	}
	shardOnly := len(got)
	_, merged := runApp(t, dir, append(append([]string{"merge"}, facts...), common[:len(common)-1]...)...)
	mergedFindings := jsonFindings(t, merged)
	got = append(got, mergedFindings...)

	if len(mergedFindings) == 0 {
		t.Fatalf("merge reported no cross-article findings; the fixture should have some (single run: %d findings)", len(want))
	}
	if shardOnly == 0 {
		t.Fatal("the shards reported no per-article findings")
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		for _, g := range got {
			if !slices.Contains(want, g) {
				t.Errorf("sharded+merged only: %s", g)
			}
		}
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("single run only: %s", w)
			}
		}
		t.Fatalf("sharded+merged findings (%d) differ from the single run's (%d)", len(got), len(want))
	}

	// Every format renders the merge.
	for _, format := range []string{"text", "sarif", "github"} {
		_, out := runApp(t, dir, append(append([]string{"merge"}, facts...), "--format", format, "--fail-level", "none")...)
		if strings.TrimSpace(out) == "" {
			t.Errorf("merge --format %s printed nothing", format)
		}
	}
	// Merge with findings at the fail level exits 1.
	if code, _ := runApp(t, dir, append([]string{"merge", "--quiet", "--enable", "**", "--fail-level", "info"}, facts...)...); code != ExitFindings {
		t.Errorf("merge with findings: exit %d, want %d", code, ExitFindings)
	}
	// Facts of a rule the merge does not run are an error.
	var stderr bytes.Buffer
	code := New(&bytes.Buffer{}, &stderr, Env{Dir: dir}).Run(context.Background(), append([]string{"galley", "merge", "--disable", "**"}, facts...))
	if code != ExitError || !strings.Contains(stderr.String(), "facts for") {
		t.Errorf("merge with every rule disabled: exit %d, stderr %q", code, stderr.String())
	}
}

func TestShardSpec(t *testing.T) {
	for _, bad := range []string{"0/3", "4/3", "1/0", "x/2", "1", "-1/2", "1/2/3"} {
		if _, err := parseShard(bad); err == nil {
			t.Errorf("parseShard(%q): no error", bad)
		}
	}
	s, err := parseShard(" 2 / 5 ")
	if err != nil || s.String() != "2/5" {
		t.Fatalf("parseShard(2/5) = %v, %v", s, err)
	}
	// Every path is in exactly one shard, and the shards are not lopsided.
	const n = 4
	counts := make([]int, n)
	for p := range 2000 {
		path := fmt.Sprintf("docs/section-%d/article-%d.md", p%17, p)
		in := 0
		for i := 1; i <= n; i++ {
			if (shardSpec{index: i, count: n}).has(path) {
				in++
				counts[i-1]++
			}
		}
		if in != 1 {
			t.Fatalf("%s is in %d shards", path, in)
		}
	}
	for i, c := range counts {
		if c < 400 || c > 600 {
			t.Errorf("shard %d/%d holds %d of 2000 paths", i+1, n, c)
		}
	}
	if !(shardSpec{}).has("any.md") || !(shardSpec{index: 1, count: 1}).has("any.md") {
		t.Error("no sharding must hold every path")
	}
}

func TestReadFactsErrors(t *testing.T) {
	for name, text := range map[string]string{
		"empty":      "",
		"not facts":  `{"version":1}` + "\n",
		"version":    `{"galleyFacts":99}` + "\n",
		"bad line":   `{"galleyFacts":1}` + "\n{nope\n",
		"no path":    `{"galleyFacts":1}` + "\n" + `{"check":"a/b","fact":{}}` + "\n",
		"check only": `{"galleyFacts":1}` + "\n" + `{"check":"a/b","path":"x.md"}` + "\n",
	} {
		if _, err := readFacts(name, strings.NewReader(text)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	ff, err := readFacts("ok", strings.NewReader(`{"galleyFacts":1,"files":2,"bytes":10}`+"\n"+
		`{"check":"a/b","path":"x.md","fact":{"k":1}}`+"\n"+`{"path":"x.md","suppressions":[{"kind":1,"line":3}]}`+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if ff.header.Files != 2 || len(ff.facts["a/b"]) != 1 || len(ff.suppressions["x.md"]) != 1 {
		t.Errorf("read %+v", ff)
	}
}
