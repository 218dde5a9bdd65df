package cli

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/galley-lint/galley/internal/engine"
)

func TestProgressWanted(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	if progressWanted(&bytes.Buffer{}, env()) {
		t.Errorf("a buffer (a pipe) is not a terminal")
	}
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if progressWanted(f, env()) {
		t.Errorf("a regular file is not a terminal")
	}
	if progressWanted(nil, env()) {
		t.Errorf("nil writer")
	}
	// CI and TERM=dumb win even on a terminal.
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		defer tty.Close()
		if !progressWanted(tty, env()) {
			t.Errorf("a terminal outside CI should get a progress bar")
		}
		if progressWanted(tty, env("CI", "true")) || progressWanted(tty, env("TERM", "dumb")) {
			t.Errorf("no progress bar in CI or on a dumb terminal")
		}
	}
}

func sources(n int) []engine.Source {
	out := make([]engine.Source, n)
	for i := range out {
		data := []byte(fmt.Sprintf("file %d\n", i))
		out[i] = engine.BytesSource(fmt.Sprintf("f%d.md", i), data)
	}
	return out
}

// loadAll loads every source concurrently, as the engine's workers do.
func loadAll(t *testing.T, srcs []engine.Source) {
	t.Helper()
	var wg sync.WaitGroup
	for _, s := range srcs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.Load(nil); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}

func TestProgressDrawsAfterDelay(t *testing.T) {
	var buf bytes.Buffer
	p := &progress{w: &syncWriter{w: &buf}, delay: 0}
	srcs := p.wrap(sources(50))
	if len(srcs) != 50 || srcs[7].Path != "f7.md" {
		t.Fatalf("wrap changed the sources")
	}
	data, err := srcs[7].Load(nil)
	if err != nil || string(data) != "file 7\n" {
		t.Fatalf("wrapped Load = %q, %v", data, err)
	}
	loadAll(t, srcs[:7])
	loadAll(t, srcs[8:])
	if p.done != 50 {
		t.Errorf("counted %d loads, want 50", p.done)
	}
	p.finish()
	out := buf.String()
	if !strings.Contains(out, "checking") || !strings.Contains(out, "/50") {
		t.Errorf("no progress bar drawn: %q", out)
	}
	// ClearOnFinish: the last thing written blanks the line.
	if !strings.HasSuffix(strings.TrimRight(out, " "), "\r") {
		t.Errorf("the bar is not cleared at the end: %q", out[max(0, len(out)-40):])
	}
}

func TestProgressSilentOnShortRuns(t *testing.T) {
	var buf bytes.Buffer
	p := &progress{w: &buf, delay: time.Hour}
	loadAll(t, p.wrap(sources(20)))
	p.finish()
	if buf.Len() != 0 {
		t.Errorf("a short run drew a progress bar: %q", buf.String())
	}
	// A single file never gets a bar.
	p = &progress{w: &buf, delay: 0}
	loadAll(t, p.wrap(sources(1)))
	p.finish()
	if buf.Len() != 0 {
		t.Errorf("a one-file run drew a progress bar: %q", buf.String())
	}
}

// syncWriter serialises writes (the bar may render from several workers,
// under the progress lock, but the race detector wants proof).
type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(b)
}

func TestPlural(t *testing.T) {
	o := baselineOutcome{suppressed: 1}
	var buf bytes.Buffer
	o.write(&buf)
	if got := buf.String(); got != "baseline: 1 known finding suppressed, 0 entries fixed\n" {
		t.Errorf("got %q", got)
	}
}
