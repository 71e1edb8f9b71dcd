package main

// Usage errors say what was wrong and offer at most one way on: the
// nearest command or flag, else the help of the command that failed.

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/infralint/infralint/internal/editdist"
)

// noSubcommand is the root's Args: an unknown word is a misspelt command.
func noSubcommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		return fmt.Errorf("unknown command %q; did you mean %q?", args[0], s[0])
	}
	return fmt.Errorf("unknown command %q", args[0])
}

// flagError adds the nearest flag of the command to pflag's "unknown flag".
func flagError(c *cobra.Command, err error) error {
	const prefix = "unknown flag: --"
	msg := err.Error()
	if !strings.HasPrefix(msg, prefix) {
		return err
	}
	name, _, _ := strings.Cut(strings.TrimPrefix(msg, prefix), "=")
	if s := nearestFlag(c.Flags(), name); s != "" {
		return errors.New(msg + "; did you mean --" + s + "?")
	}
	return err
}

// nearestFlag is the flag within cobra's suggestion distance of name (or
// starting with it), the closest first, ties by name.
func nearestFlag(fs *pflag.FlagSet, name string) string {
	best, bestD := "", 3 // cobra's default SuggestionsMinimumDistance is 2
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		d := editdist.Distance(strings.ToLower(name), f.Name)
		if strings.HasPrefix(f.Name, name) && name != "" {
			d = min(d, 1)
		}
		if d < bestD || (d == bestD && f.Name < best) {
			best, bestD = f.Name, d
		}
	})
	if bestD > 2 {
		return ""
	}
	return best
}

// usageMessage is the one line a cobra error prints: the error, then the
// help of the command it came from unless it already names a way on.
func usageMessage(c *cobra.Command, err error) string {
	msg := strings.Join(strings.Fields(err.Error()), " ")
	if strings.Contains(msg, "did you mean") {
		return msg
	}
	path := "infralint"
	if c != nil {
		path = c.CommandPath()
	}
	return fmt.Sprintf("%s (see '%s --help')", msg, path)
}
