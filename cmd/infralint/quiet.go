package main

import (
	"github.com/spf13/cobra"

	"github.com/infralint/infralint/internal/term"
)

const quietFlag = "quiet"

// addQuietFlag gives a command with a summary line (check) --quiet: its
// text report on standard output is that line alone, and standard error
// keeps only the errors. Files written with -o get the whole report,
// since only standard output carries the style (internal/term).
func addQuietFlag(c *cobra.Command) {
	c.Flags().BoolP(quietFlag, "q", false, "print only the summary line and errors (the text on standard output; -o files get the whole report)")
	run := c.RunE
	c.RunE = func(cmd *cobra.Command, args []string) error {
		if v, _ := cmd.Flags().GetBool(verboseFlag); v && quiet(cmd) {
			return badInput("--quiet and --verbose ask for opposite things: use one (see '%s --help')", cmd.CommandPath())
		}
		if quiet(cmd) {
			out := cmd.OutOrStdout()
			style := term.StyleOf(out)
			if tw, ok := out.(*term.Writer); ok {
				out = tw.Writer
			}
			style.Quiet = true
			cmd.SetOut(&term.Writer{Writer: out, Style: style})
		}
		return run(cmd, args)
	}
}

// quiet reports whether cmd runs with --quiet.
func quiet(cmd *cobra.Command) bool {
	if cmd.Flags().Lookup(quietFlag) == nil {
		return false
	}
	q, _ := cmd.Flags().GetBool(quietFlag)
	return q
}
