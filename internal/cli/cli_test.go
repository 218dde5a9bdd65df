package cli

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
)

func TestReorderArgs(t *testing.T) {
	app := New(&bytes.Buffer{}, &bytes.Buffer{}, Env{}).newApp()
	tests := []struct {
		in, want []string
	}{
		{[]string{"galley"}, []string{"galley"}},
		{[]string{"galley", "--version"}, []string{"galley", "--version"}},
		{[]string{"galley", "check"}, []string{"galley", "check"}},
		// Flags after paths move in front; values stay with their flag.
		{[]string{"galley", "check", "docs/", "--format", "json", "a.md"},
			[]string{"galley", "check", "--format", "json", "--", "docs/", "a.md"}},
		// Bool flags take no value; --flag=value is one argument.
		{[]string{"galley", "check", "a.md", "--quiet", "b.md", "--fail-level=none"},
			[]string{"galley", "check", "--quiet", "--fail-level=none", "--", "a.md", "b.md"}},
		// '-' is a path (stdin), not a flag.
		{[]string{"galley", "check", "-", "--stdin-filename", "x.txt"},
			[]string{"galley", "check", "--stdin-filename", "x.txt", "--", "-"}},
		// After the user's "--" everything is a path.
		{[]string{"galley", "check", "--quiet", "--", "--odd-name.md"},
			[]string{"galley", "check", "--quiet", "--", "--odd-name.md"}},
		// Repeatable flags keep their order.
		{[]string{"galley", "fix", "a.md", "--rule", "x/y", "--rule", "z/*", "-w"},
			[]string{"galley", "fix", "--rule", "x/y", "--rule", "z/*", "-w", "--", "a.md"}},
		// Unknown commands are left for urfave/cli to report.
		{[]string{"galley", "chek", "a.md", "--x"}, []string{"galley", "chek", "a.md", "--x"}},
	}
	for _, tt := range tests {
		if got := reorderArgs(app, tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("reorderArgs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitList(t *testing.T) {
	got := splitList([]string{"a/b, c/*", "", "d", " ,e,"})
	want := []string{"a/b", "c/*", "d", "e"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("splitList = %q, want %q", got, want)
	}
}

func TestSuggest(t *testing.T) {
	ids := []string{"style/repeated-word", "style/repeated-line", "citation/missing-reference"}
	for in, want := range map[string]string{
		"style/repeted-word": "style/repeated-word",
		"repeated-line":      "style/repeated-line",
		"citation/missing":   "citation/missing-reference",
		"zzzz":               "",
	} {
		if got := suggest(in, ids); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestVersion(t *testing.T) {
	var out bytes.Buffer
	code := New(&out, &bytes.Buffer{}, Env{Version: "v1.2.3"}).Run(context.Background(), []string{"galley", "--version"})
	if code != 0 || strings.TrimSpace(out.String()) != "galley version v1.2.3" {
		t.Errorf("--version with Env.Version: exit %d, output %q", code, out.String())
	}
	out.Reset()
	// Test binaries have no module version: the fallback is "devel".
	code = New(&out, &bytes.Buffer{}, Env{}).Run(context.Background(), []string{"galley", "--version"})
	if code != 0 || strings.TrimSpace(out.String()) != "galley version devel" {
		t.Errorf("--version without Env.Version: exit %d, output %q", code, out.String())
	}
}

// TestExitCodes runs the app in-process on a temporary directory.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := writeFile(dir, name, text); err != nil {
			t.Fatal(err)
		}
	}
	write("clean.md", "Nothing is wrong here.\n")
	write("bad.md", "We went the the shop.\n")
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"check", "clean.md"}, ExitOK},
		{[]string{"check", "bad.md"}, ExitFindings},
		{[]string{"check", "bad.md", "--fail-level", "error"}, ExitOK},
		{[]string{"check", "missing.md", "clean.md"}, ExitError},
		{[]string{"check", "--format", "nope", "clean.md"}, ExitError},
		{[]string{"check", "--jobs", "-1", "clean.md"}, ExitError},
		{[]string{"nosuchcommand"}, ExitError},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		got := New(&stdout, &stderr, Env{Dir: dir}).Run(context.Background(), append([]string{"galley"}, tt.args...))
		if got != tt.want {
			t.Errorf("galley %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(tt.args, " "), got, tt.want, stdout.String(), stderr.String())
		}
	}
}

// FuzzReorderArgs checks that reordering never panics, never loses or
// invents an argument (other than the "--" it adds before paths) and keeps
// the program and command in front.
func FuzzReorderArgs(f *testing.F) {
	f.Add("check docs --format json -")
	f.Add("fix a.md --rule x/y -w -- --odd")
	f.Add("--version")
	f.Add("check --format")
	f.Add("check -- -- --")
	app := New(&bytes.Buffer{}, &bytes.Buffer{}, Env{}).newApp()
	f.Fuzz(func(t *testing.T, line string) {
		args := append([]string{"galley"}, strings.Fields(line)...)
		got := reorderArgs(app, args)
		if len(got) < len(args) || len(got) > len(args)+1 {
			t.Fatalf("reorderArgs(%q) = %q: length changed by more than one", args, got)
		}
		count := map[string]int{}
		for _, a := range args {
			count[a]++
		}
		for _, a := range got {
			count[a]--
		}
		for a, n := range count {
			if n != 0 && !(a == "--" && n == -1) {
				t.Fatalf("reorderArgs(%q) = %q: %q count off by %d", args, got, a, n)
			}
		}
		if got[0] != "galley" {
			t.Fatalf("reorderArgs(%q) = %q: program name moved", args, got)
		}
	})
}
