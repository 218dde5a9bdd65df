// Command galley is an editorial consistency linter for articles written in
// Markdown and plain text. See README.md, or run `galley --help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"

	"github.com/galley-lint/galley/internal/cli"
)

// version is set at link time with
// -ldflags "-X main.version=v1.2.3"; empty means the module version from
// the build information, or "devel".
var version string

// memoryLimit is the soft memory limit galley runs under unless
// GOMEMLIMIT is set. The facts of cross-article rules stay in memory until
// the corpus phase, so on a large corpus the live heap grows with them, and
// by default the garbage collector lets the heap grow to twice the live
// data; the limit makes it collect more often instead once the heap nears
// it. (The runtime caps the collector's CPU share, so a live heap beyond
// the limit slows galley down but does not stop it.)
const memoryLimit = 512 << 20

// gcPercent is the garbage collector's target (GOGC) galley runs with
// unless GOGC is set. Checking an article allocates far more than it
// keeps, so the live heap stays small and at the default of 100 the
// collector runs often for little gain; 200 took CPU time over the shared
// corpus from about 5.2 to 4.4 seconds for about 40 MB more peak memory
// (400 saved little more for twice the memory). Measured again later (7
// alternating runs each over the shared corpus): 300 and 400 cut the
// runtime's own estimate of collector time by a third and a half but not
// the process's CPU time (medians 3.98, 3.92 and 4.07 s) for 138, 196 and
// 202 MB of peak memory; at 16 times the corpus every setting peaks at
// the memory limit (about 520 MB). The memory limit above still bounds
// the heap.
const gcPercent = 200

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	os.Exit(run())
}

// run runs galley with the process's arguments and environment and returns
// the exit code.
func run() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	app := cli.New(os.Stdout, os.Stderr, cli.Env{
		Stdin:   os.Stdin,
		Getenv:  os.Getenv,
		Version: version,
	})
	return app.Run(ctx, os.Args)
}
