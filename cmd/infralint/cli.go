package main

// The helpers every command file shares: exit codes as errors, the run's
// date, the pipeline call and how its input errors are printed, and the
// plan every output file goes through.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/analysis"
	"github.com/infralint/infralint/internal/output"
	"github.com/infralint/infralint/internal/textsafe"
	"github.com/infralint/infralint/render"
	"github.com/infralint/infralint/schema"
)

// exitError carries an exit code out of a command; its message, if any,
// has already been printed or is printed once by run.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func badInput(format string, args ...any) error {
	return &exitError{code: exitBadInput, msg: fmt.Sprintf(format, args...)}
}

// errBadInput ends a run whose input errors were already printed.
var errBadInput = &exitError{code: exitBadInput}

// workingDir is where relative positions are printed from.
func workingDir() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	return wd
}

// todayEnv fixes the date suppressions expire against, for reproducible
// runs and tests: INFRALINT_TODAY=2026-01-31.
const todayEnv = "INFRALINT_TODAY"

func today() (time.Time, error) {
	if v := strings.TrimSpace(os.Getenv(todayEnv)); v != "" {
		t, err := time.Parse(schema.DateLayout, v)
		if err != nil {
			return time.Time{}, badInput("%s=%q: want a date YYYY-MM-DD", todayEnv, v)
		}
		return t, nil
	}
	return time.Now(), nil
}

// analyze runs the pipeline and prints every stack's input errors on
// standard error, each once, in stack order. A usage error (an argument
// naming no stack, a bad --prices file) exits 2 with its message. The
// command's evaluation budget (limits.go) applies.
func analyze(cmd *cobra.Command, req analysis.Request, dir string) (*analysis.Run, error) {
	var err error
	if req.Limits, err = limitsOf(cmd, dir); err != nil {
		return nil, err
	}
	if err := selectionOf(cmd, &req); err != nil {
		return nil, err
	}
	terraformOf(cmd, &req)
	req.Stdin = cmd.InOrStdin()
	run, err := analysis.Analyze(req)
	if err != nil {
		return nil, badInput("%v", err)
	}
	printSkipped(cmd, run, dir)
	if cmd.Name() != "check" {
		printTerraformNotes(cmd, run, dir) // check's report carries them
	}
	noteUnusedWorkload(cmd, req, run)
	printInputErrors(cmd, run.Errors(), dir)
	return run, nil
}

// printInputErrors prints each error of a bad input on its own line, with
// its position relative to the working directory (escaped onto one line:
// a file name may hold a newline).
func printInputErrors(cmd *cobra.Command, errs schema.Errors, dir string) {
	w := cmd.ErrOrStderr()
	for _, e := range errs {
		if e.Pos.File == "" {
			fmt.Fprintln(w, "infralint: "+strings.TrimSpace(e.Msg))
			continue
		}
		// file:line:col: msg is what editors and CI matchers parse, so it
		// stays bare; a whole-file error (missing, unreadable) is the
		// tool's own message and carries its name like every other.
		prefix := ""
		if e.Pos.Line == 0 {
			prefix = "infralint: "
		}
		fmt.Fprintf(w, "%s%s: %s\n", prefix, textsafe.Line(render.RelPosition(e.Pos, dir)), e.Msg)
	}
}

// newPlan starts the outputs of a command: every file it writes goes
// through the plan (see internal/output).
func newPlan(cmd *cobra.Command) *output.Plan {
	return output.NewPlan(cmd.OutOrStdout(), cmd.ErrOrStderr())
}

// addOutput resolves one output of the plan; a refusal is bad input.
func addOutput(plan *output.Plan, label, path string) (*output.Target, error) {
	t, err := plan.Add(label, path)
	if err != nil {
		return nil, badInput("%v", err)
	}
	return t, nil
}

// fileError drops the path an *os.PathError repeats.
func fileError(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return fmt.Sprint(err)
}

// errorDocument prints, for the formats a program or a CI job reads, a
// document whose only content is err, an input problem found before any
// stack was analysed (an argument naming no stack, an unreadable --prices
// or --baseline file), so that standard output is a whole document
// whatever failed; err is returned, and printed on standard error, as
// ever. write renders the document of the command's format, or returns
// errNoDocument for a format read by people.
func errorDocument(cmd *cobra.Command, err error, write func(io.Writer, schema.Errors) error) error {
	var e *exitError
	if !errors.As(err, &e) || e.msg == "" {
		return err
	}
	if werr := write(cmd.OutOrStdout(), schema.Errors{{Msg: e.msg}}); werr != nil && !errors.Is(werr, errNoDocument) {
		return werr
	}
	return err
}

// errNoDocument: the format has no document to print an error in.
var errNoDocument = errors.New("no document for this format")
