package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestCheckCancelledWithStdin: a run cancelled before it starts, over
// files and standard input, stops the walk and takes nothing more (the
// sources' sequence must not go on after the run stopped taking them),
// failing with exit status 2 instead of panicking.
func TestCheckCancelledWithStdin(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.md", "b.md", "galley.yaml"} {
		if err := writeFile(dir, name, "# none\n"); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	app := New(&stdout, &stderr, Env{Dir: dir, Stdin: strings.NewReader("Hello.\n")})
	code := app.Run(ctx, []string{"galley", "check", ".", "-", "--config", "galley.yaml", "--format", "json"})
	if code != ExitError {
		t.Errorf("exit %d, want %d; stderr:\n%s", code, ExitError, stderr.String())
	}
}

// TestCheckFilesAndStdin: files found by the walk and standard input are
// all checked, sharded or not, whatever order the walk finds them in.
func TestCheckFilesAndStdin(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.md", "a-b.md", "galley.yaml"} {
		if err := writeFile(dir, name, "# none\n"); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) string {
		var stdout, stderr bytes.Buffer
		app := New(&stdout, &stderr, Env{Dir: dir, Stdin: strings.NewReader("Hello.\n")})
		app.Run(context.Background(), append([]string{"galley", "check", "--config", "galley.yaml", "--fail-level", "none"}, args...))
		return stderr.String()
	}
	if got := run(".", "-"); !strings.Contains(got, "in 3 files") {
		t.Errorf("files and stdin: summary %q, want 3 files", got)
	}
	n := 0
	for i := 1; i <= 3; i++ {
		got := run(".", "-", "--shard", strings.Join([]string{string(rune('0' + i)), "3"}, "/"))
		for k := 0; k <= 4; k++ {
			if strings.Contains(got, " in "+string(rune('0'+k))+" file") {
				n += k
			}
		}
	}
	if n != 3 {
		t.Errorf("shards checked %d files in all, want 3", n)
	}
}
