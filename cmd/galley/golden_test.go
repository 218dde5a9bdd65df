package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aymanbagabas/go-udiff"

	"github.com/galley-lint/galley/internal/cli"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.golden and README.md's rule table from the current output")

// repoRoot is the repository root, relative to this package's directory.
const repoRoot = "../.."

// runGalley runs galley in-process in dir and returns stdout, stderr and
// the exit code.
func runGalley(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	app := cli.New(&stdout, &stderr, cli.Env{Dir: dir, Version: "test"})
	code := app.Run(context.Background(), append([]string{"galley"}, args...))
	return stdout.String(), stderr.String(), code
}

// TestGolden checks each article in testdata/golden on its own, and each
// subdirectory as one corpus, with every built-in rule enabled, and
// compares the text output with the .golden file of the same name. Run
// with -update to rewrite the .golden files.
func TestGolden(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join(repoRoot, "testdata", "golden"))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	// An empty configuration, so that no .galley.yaml above the
	// repository changes the output.
	cfg := filepath.Join(t.TempDir(), "galley.yaml")
	if err := os.WriteFile(cfg, []byte("# no settings\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		ext := filepath.Ext(name)
		if e.IsDir() {
			ext = ""
		} else if (ext != ".md" && ext != ".txt") || name == "README.md" {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			stdout, stderr, code := runGalley(t, dir, "check", "--config", cfg, "--enable", "**", "--fail-level", "none", "--quiet", name)
			if code != 0 {
				t.Fatalf("exit %d\nstderr:\n%s", code, stderr)
			}
			golden := filepath.Join(dir, strings.TrimSuffix(name, ext)+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(stdout), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/galley -run TestGolden -update)", err)
			}
			if stdout != string(want) {
				t.Errorf("output differs from %s (-want +got); if intended, run go test ./cmd/galley -run TestGolden -update\n%s",
					golden, udiff.Unified("want", "got", string(want), stdout))
			}
		})
	}
	if n == 0 {
		t.Fatal("no golden inputs found")
	}
}

// Markers around the generated rule table in README.md.
const (
	rulesStart = "<!-- rules:start -->"
	rulesEnd   = "<!-- rules:end -->"
)

// TestReadmeRules checks that README.md's rule table, between the
// rules:start and rules:end markers, equals `galley rules --format
// markdown`. Run with -update to rewrite it.
func TestReadmeRules(t *testing.T) {
	path := filepath.Join(repoRoot, "README.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	i := strings.Index(readme, rulesStart)
	j := strings.Index(readme, rulesEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md: no %s ... %s markers", rulesStart, rulesEnd)
	}
	// Run outside the repository so a local .galley.yaml cannot add rules.
	table, stderr, code := runGalley(t, t.TempDir(), "rules", "--format", "markdown")
	if code != 0 {
		t.Fatalf("galley rules: exit %d\n%s", code, stderr)
	}
	got := readme[:i+len(rulesStart)] + "\n" + table + readme[j:]
	if *update {
		if got != readme {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	if got != readme {
		t.Errorf("README.md's rule table is out of date (-README +generated); run go test ./cmd/galley -run TestReadmeRules -update\n%s",
			udiff.Unified("README.md", "generated", readme, got))
	}
}

// readmeBlock returns the body of the first ```lang code block after the
// heading line in README.md.
func readmeBlock(t *testing.T, readme, heading, lang string) string {
	t.Helper()
	i := strings.Index(readme, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("README.md: no heading %q", heading)
	}
	rest := readme[i:]
	open := "\n```" + lang + "\n"
	j := strings.Index(rest, open)
	if j < 0 {
		t.Fatalf("README.md: no %s block under %q", lang, heading)
	}
	body := rest[j+len(open):]
	k := strings.Index(body, "\n```")
	if k < 0 {
		t.Fatalf("README.md: unterminated %s block under %q", lang, heading)
	}
	return body[:k+1]
}

// TestReadmeExamples checks that the configuration and the rule pack shown
// in README.md load, together, without error.
func TestReadmeExamples(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	dir := t.TempDir()
	files := map[string]string{
		".galley.yaml":      readmeBlock(t, readme, "## Configuration", "yaml"),
		"house-rules.yaml":  readmeBlock(t, readme, "## Adding a rule", "yaml"),
		"a.md":              "It was a game changer, so send an e-mail today.\n",
		"legacy/old.md":     "this starts in lower case. the the.\n",
		"drafts/ignored.md": "We went the the shop.\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stdout, stderr, code := runGalley(t, dir, "check", ".")
	if code != 1 {
		t.Fatalf("galley check with README's configuration: exit %d, want 1\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"[house/banned-phrases]", "[house/preferred-terms]", "legacy/old.md:1:32: error: Repeated word"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	for _, unwanted := range []string{"drafts/ignored.md", "style/sentence-case"} {
		if strings.Contains(stdout, unwanted) {
			t.Errorf("output has %q:\n%s", unwanted, stdout)
		}
	}
}
