package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/internal/term"
	"github.com/infralint/infralint/internal/textsafe"
)

// Exit codes, as the README promises.
const (
	exitClean    = 0
	exitFindings = 1
	exitBadInput = 2
)

// run executes the CLI and returns the process exit code. It never panics
// outward: a bug is reported as one line, not a Go stack trace. A failed
// write to standard output (a full disk, a closed pipe) is exit 2 with one
// message, whatever the command. Whatever reaches stderr has its control
// characters escaped (file names and CUE messages quote user text).
func run(args []string, stdout, stderr io.Writer) (code int) {
	safeErr := textsafe.NewWriter(stderr)
	stderr = safeErr
	defer safeErr.Flush() // registered first, so it runs after the messages below
	// Tables are written a cell at a time: unbuffered, a report of 500
	// findings is over 2,000 write calls. A bufio.Writer keeps its first
	// error, so the final Flush reports any write that failed.
	out := bufio.NewWriterSize(stdout, 64<<10)
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "infralint: internal error: %v (please report it with the input that caused it)\n", r)
			code = exitBadInput
		}
		if err := out.Flush(); err != nil {
			fmt.Fprintf(stderr, "infralint: cannot write standard output: %s\n", fileError(err))
			code = exitBadInput
		}
	}()
	// The text renderers lay out for the reader of stdout: its width,
	// whether to colour (internal/term).
	root := newRootCmd(&term.Writer{Writer: out, Style: term.Detect(stdout, os.Getenv)}, stderr)
	root.SetArgs(args)
	c, err := root.ExecuteC()
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
	if out.Flush() != nil {
		// The command's error is that failed write: the deferred Flush
		// names it, once, without the usage hint below.
		return exitBadInput
	}
	// cobra's own errors: unknown command or flag, wrong arguments.
	fmt.Fprintln(stderr, "infralint: "+usageMessage(c, err))
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
		// Bare infralint is a usage error: help on stderr, exit 2.
		RunE: func(cmd *cobra.Command, _ []string) error {
			cmd.SetOut(cmd.ErrOrStderr())
			_ = cmd.Help()
			return errBadInput
		},
		Args: noSubcommand,
	}
	// --version prints what 'infralint version' prints.
	var vb strings.Builder
	_ = readBuildInfo().writeText(&vb)
	root.Version = vb.String()
	root.SetVersionTemplate("{{.Version}}")
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SuggestionsMinimumDistance = 2 // cobra sets it only on its own path
	root.SetFlagErrorFunc(flagError)
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
		newFitCmd(),
		newImportCmd(),
		newVersionCmd(),
	)
	addLimitFlags(root)
	addSelectionFlags(root)
	addTerraformFlags(root)
	for _, c := range root.Commands() {
		if c.Name() == "check" {
			addQuietFlag(c)
		}
	}
	registerCompletions(root)
	wrapHelpFlags(root, term.StyleOf(stdout).Width)
	return root
}
