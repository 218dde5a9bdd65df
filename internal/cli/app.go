// Package cli implements the galley command line: the check, fix, rules,
// explain and init commands, built on urfave/cli/v2. It holds no global
// state: New binds an App to its output streams and environment, so tests
// can run it in-process.
//
//	app := cli.New(os.Stdout, os.Stderr, cli.Env{Stdin: os.Stdin, Getenv: os.Getenv})
//	os.Exit(app.Run(ctx, os.Args))
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	ucli "github.com/urfave/cli/v2"
)

// Exit codes returned by App.Run.
const (
	// ExitOK means no finding at or above the fail level.
	ExitOK = 0
	// ExitFindings means at least one finding at or above the fail level.
	ExitFindings = 1
	// ExitError means a usage, configuration or I/O error.
	ExitError = 2
)

// Env is what the command sees of its environment.
type Env struct {
	// Stdin is read by `galley check -`. Nil reads nothing.
	Stdin io.Reader
	// Getenv looks up environment variables (NO_COLOR). Nil means an
	// empty environment.
	Getenv func(string) string
	// Dir is the working directory: configuration is discovered from it,
	// paths are resolved and reported relative to it, and `galley init`
	// writes into it. Empty means the process's working directory.
	Dir string
	// Version overrides the version printed by --version (set with
	// -ldflags -X in cmd/galley). Empty means the module version from the
	// build information, or "devel".
	Version string
}

// App is one galley command-line invocation's context.
type App struct {
	stdout io.Writer
	stderr io.Writer
	env    Env
}

// New returns an App writing results to stdout and messages to stderr.
func New(stdout, stderr io.Writer, env Env) *App {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if env.Stdin == nil {
		env.Stdin = strings.NewReader("")
	}
	return &App{stdout: stdout, stderr: stderr, env: env}
}

// exitError carries an exit code and an optional message for stderr.
type exitError struct {
	code int
	err  error
	hint string // printed after the error, e.g. "Run 'galley check --help'."
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageErrorf returns a usage error (exit 2) with a hint naming the help of
// command cmd ("" for the top level).
func usageErrorf(cmd, format string, args ...any) error {
	return &exitError{code: ExitError, err: fmt.Errorf(format, args...), hint: helpHint(cmd)}
}

func helpHint(cmd string) string {
	if cmd == "" {
		return "Run 'galley --help' for usage."
	}
	return fmt.Sprintf("Run 'galley %s --help' for usage.", cmd)
}

// failErrorf returns an error that exits with code 2 (configuration, I/O).
func failErrorf(format string, args ...any) error {
	return &exitError{code: ExitError, err: fmt.Errorf(format, args...)}
}

// exitCode returns an error that exits with code without a message.
func exitCode(code int) error {
	if code == ExitOK {
		return nil
	}
	return &exitError{code: code}
}

// Run runs the command line args (args[0] is the program name) and returns
// the process exit code.
func (a *App) Run(ctx context.Context, args []string) int {
	app := a.newApp()
	if len(args) == 0 {
		args = []string{"galley"}
	}
	err := app.RunContext(ctx, reorderArgs(app, args))
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(a.stderr, "galley: %v\n", ee.err)
		}
		if ee.hint != "" {
			fmt.Fprintln(a.stderr, ee.hint)
		}
		return ee.code
	}
	fmt.Fprintf(a.stderr, "galley: %v\n", err)
	return ExitError
}

// version returns the version string printed by --version.
func (a *App) version() string {
	if a.env.Version != "" {
		return a.env.Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// workDir returns the working directory.
func (a *App) workDir() (string, error) {
	if a.env.Dir != "" {
		return a.env.Dir, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("working directory: %w", err)
	}
	return wd, nil
}

// commands lists galley's subcommands, in the order help shows them.
func (a *App) commands() []*ucli.Command {
	return []*ucli.Command{
		a.checkCommand(),
		a.fixCommand(),
		a.baselineCommand(),
		a.mergeCommand(),
		a.rulesCommand(),
		a.explainCommand(),
		a.initCommand(),
		a.stancesCommand(),
	}
}

func (a *App) newApp() *ucli.App {
	app := &ucli.App{
		Name:                 "galley",
		Usage:                "an editorial consistency linter for articles in Markdown and plain text",
		Version:              a.version(),
		Writer:               a.stdout,
		ErrWriter:            a.stderr,
		HideHelpCommand:      false,
		EnableBashCompletion: false,
		Suggest:              true,
		Commands:             a.commands(),
		// Errors are turned into exit codes by Run, never by os.Exit.
		ExitErrHandler: func(*ucli.Context, error) {},
		OnUsageError: func(_ *ucli.Context, err error, _ bool) error {
			return usageErrorf("", "%v", err)
		},
		Action: func(c *ucli.Context) error {
			if c.NArg() > 0 {
				msg := fmt.Sprintf("unknown command %q", c.Args().First())
				if s := suggest(c.Args().First(), commandNames(c.App.Commands)); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				return usageErrorf("", "%s", msg)
			}
			return ucli.ShowAppHelp(c)
		},
	}
	for _, cmd := range app.Commands {
		name := cmd.Name
		cmd.OnUsageError = func(_ *ucli.Context, err error, _ bool) error {
			return usageErrorf(name, "%v", err)
		}
	}
	return app
}

func commandNames(cmds []*ucli.Command) []string {
	var names []string
	for _, c := range cmds {
		names = append(names, c.Names()...)
	}
	return names
}
