package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	ucli "github.com/urfave/cli/v2"

	"github.com/galley-lint/galley/internal/config"
)

func (a *App) initCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "init",
		Usage:     "write a commented " + config.FileNames[0] + " in the current directory",
		ArgsUsage: " ",
		Action: func(c *ucli.Context) error {
			if c.NArg() > 0 {
				return usageErrorf("init", "init takes no arguments (got %q)", c.Args().First())
			}
			dir, err := a.workDir()
			if err != nil {
				return failErrorf("%w", err)
			}
			for _, name := range config.FileNames {
				p := filepath.Join(dir, name)
				if _, err := os.Lstat(p); err == nil {
					return failErrorf("%s already exists; not overwriting it", name)
				} else if !errors.Is(err, fs.ErrNotExist) {
					return failErrorf("%w", err)
				}
			}
			p := filepath.Join(dir, config.FileNames[0])
			// O_EXCL: never replace a file created since the check above.
			f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			if err != nil {
				if errors.Is(err, fs.ErrExist) {
					return failErrorf("%s already exists; not overwriting it", config.FileNames[0])
				}
				return failErrorf("%w", err)
			}
			if _, err := f.WriteString(config.Template); err != nil {
				f.Close()
				return failErrorf("writing %s: %w", p, err)
			}
			if err := f.Close(); err != nil {
				return failErrorf("writing %s: %w", p, err)
			}
			fmt.Fprintf(a.stderr, "wrote %s; edit it to configure galley (see 'galley rules')\n", config.FileNames[0])
			return nil
		},
	}
}
