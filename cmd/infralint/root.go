package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// Exit codes, as the README promises.
const (
	exitClean    = 0
	exitFindings = 1
	exitBadInput = 2
)

// run executes the CLI and returns the process exit code. It never panics
// outward: a bug is reported as one line, not a Go stack trace.
func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "infralint: internal error: %v (please report it with the input that caused it)\n", r)
			code = exitBadInput
		}
	}()
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitClean
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(stderr, "infralint: "+ee.msg)
		}
		return ee.code
	}
	// cobra's own errors: unknown command or flag, wrong arguments.
	fmt.Fprintf(stderr, "infralint: %v\nRun 'infralint --help' for usage.\n", err)
	return exitBadInput
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "infralint",
		Short: "Lint, price, size and draw an architecture described in CUE",
		Long: `infralint reads a stack described in CUE and reports best-practice findings,
a monthly AWS cost, a capacity verdict from a queueing model, and a diagram.

Exit codes: 0 no finding at or above the threshold, 1 findings, 2 bad input
or usage.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       toolVersion(),
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%v (see 'infralint %s --help')", err, c.Name())
	})
	root.AddCommand(
		newCheckCmd(),
		newRulesCmd(),
		newExplainCmd(),
		newInitCmd(),
		newCapacityCmd(),
		newCostCmd(),
		newDiagramCmd(),
		newReportCmd(),
		newSchemaCmd(),
	)
	addLimitFlags(root)
	return root
}
