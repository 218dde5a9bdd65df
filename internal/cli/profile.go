package cli

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"

	ucli "github.com/urfave/cli/v2"
)

// profileFlags are check's hidden development flags for CPU and heap
// profiles.
func profileFlags() []ucli.Flag {
	return []ucli.Flag{
		&ucli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile to `FILE` (for development)", Hidden: true},
		&ucli.StringFlag{Name: "memprofile", Usage: "write a heap profile to `FILE` after the run (for development)", Hidden: true},
	}
}

// startCPUProfile starts writing a CPU profile to path; stop ends it and
// closes the file.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// writeHeapProfile writes the heap profile (live objects after a GC, and
// allocations since start-up) to path.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("--memprofile: %w", err)
	}
	runtime.GC()
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return fmt.Errorf("--memprofile: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("--memprofile: %w", err)
	}
	return nil
}
