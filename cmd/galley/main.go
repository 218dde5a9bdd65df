// Command galley is an editorial consistency linter for articles written in
// Markdown and plain text. See README.md, or run `galley --help`.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/galley-lint/galley/internal/cli"
)

// version is set at link time with
// -ldflags "-X main.version=v1.2.3"; empty means the module version from
// the build information, or "devel".
var version string

func main() {
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
