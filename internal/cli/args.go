package cli

import (
	"strings"

	ucli "github.com/urfave/cli/v2"
)

// reorderArgs moves a subcommand's flags in front of its positional
// arguments, so that `galley check docs/ --format json` works: urfave/cli
// (like the standard flag package) stops parsing flags at the first
// positional argument. The positional arguments follow a "--", so a path
// such as "-" is never taken for a flag. Arguments after a "--" given by
// the user stay positional.
func reorderArgs(app *ucli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	// Find the subcommand: the first argument that is not a flag.
	i := 1
	for i < len(args) && strings.HasPrefix(args[i], "-") && args[i] != "-" {
		if args[i] == "--" {
			return args
		}
		i++
	}
	if i >= len(args) {
		return args
	}
	cmd := app.Command(args[i])
	if cmd == nil {
		return args
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*ucli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	out := append([]string{}, args[:i+1]...)
	var pos []string
	dashes := false
	rest := args[i+1:]
	for j := 0; j < len(rest); j++ {
		arg := rest[j]
		switch {
		case arg == "--":
			dashes = true
			pos = append(pos, rest[j+1:]...)
			j = len(rest)
		case arg == "-" || !strings.HasPrefix(arg, "-"):
			pos = append(pos, arg)
		default:
			out = append(out, arg)
			name := strings.TrimLeft(arg, "-")
			if strings.Contains(name, "=") {
				continue
			}
			if takesValue[name] && j+1 < len(rest) {
				j++
				out = append(out, rest[j])
			}
		}
	}
	if len(pos) > 0 || dashes {
		out = append(out, "--")
		out = append(out, pos...)
	}
	return out
}
