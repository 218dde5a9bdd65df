package report

import (
	"os"
	"path/filepath"
	"testing"
)

func TestColorEnabledNonTerminal(t *testing.T) {
	t.Setenv("TERM", "xterm-256color")
	t.Setenv("NO_COLOR", "")
	os.Unsetenv("NO_COLOR") // t.Setenv restores it afterwards
	f, err := os.Create(filepath.Join(t.TempDir(), "out.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if ColorEnabled(f, false) {
		t.Error("colour enabled for a regular file")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if ColorEnabled(w, false) {
		t.Error("colour enabled for a pipe")
	}
	if ColorEnabled(nil, false) {
		t.Error("colour enabled for no file")
	}
}
