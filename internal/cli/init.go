package cli

import (
	ucli "github.com/urfave/cli/v2"
)

func (a *App) initCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "init",
		Usage: "write a commented .galley.yaml in the current directory",
		Action: func(c *ucli.Context) error {
			return failErrorf("init: not implemented yet")
		},
	}
}
