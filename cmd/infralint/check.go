package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/render"
	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

const checkDoc = `Check one or more stacks against infralint's rules.

Each FILE is one stack; a directory is one stack made of its .cue files;
DIR/... checks every stack below DIR.

Examples:
  infralint check examples/web-asg-rds/stack.cue
  infralint check --format json ./...
  infralint check --severity error stack.cue`

type checkOptions struct {
	format   string
	severity string
}

func newCheckCmd() *cobra.Command {
	var o checkOptions
	cmd := &cobra.Command{
		Use:   "check FILE|DIR|DIR/... ...",
		Short: "Report best-practice findings",
		Long:  checkDoc,
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd, args, o)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text or json")
	cmd.Flags().StringVar(&o.severity, "severity", "warning", "fail (exit 1) on findings at or above: info, warning or error")
	return cmd
}

func runCheck(cmd *cobra.Command, args []string, o checkOptions) error {
	threshold, err := rules.ParseSeverity(o.severity)
	if err != nil {
		return badInput("--severity: %v", err)
	}
	if o.format != "text" && o.format != "json" {
		return badInput("--format: unknown format %q; use text or json", o.format)
	}
	paths, err := expandPaths(args)
	if err != nil {
		return err
	}
	dir := workingDir()
	stacks, bad := loadStacks(paths, func(err error) { printInputError(cmd, err, dir) })
	if len(stacks) == 0 {
		// Nothing loaded: the errors on stderr are the whole answer.
		return &exitError{code: exitBadInput}
	}
	var report render.Report
	for _, s := range stacks {
		model, err := capacity.Analyze(s, capacity.Options{})
		if err != nil {
			printInputError(cmd, err, dir)
			bad = true
			continue
		}
		res := rules.Run(&rules.Input{Stack: s, Capacity: model}, rules.Options{})
		report.Findings = append(report.Findings, res.Findings...)
		report.Suppressed = append(report.Suppressed, res.Suppressed...)
	}
	rules.Sort(report.Findings)
	rules.Sort(report.Suppressed)
	out := cmd.OutOrStdout()
	if o.format == "json" {
		err = render.FindingsJSON(out, report, dir)
	} else {
		err = render.FindingsText(out, report, dir)
	}
	if err != nil {
		return err
	}
	if bad {
		return &exitError{code: exitBadInput}
	}
	for _, f := range report.Findings {
		if f.Severity >= threshold {
			return &exitError{code: exitFindings}
		}
	}
	return nil
}

// printInputError prints each error of a bad input on its own line, with
// its position relative to the working directory.
func printInputError(cmd *cobra.Command, err error, dir string) {
	w := cmd.ErrOrStderr()
	var list schema.Errors
	switch e := err.(type) {
	case schema.Errors:
		list = e
	case *schema.Error:
		list = schema.Errors{e}
	default:
		fmt.Fprintln(w, "infralint: "+strings.TrimSpace(err.Error()))
		return
	}
	for _, e := range list {
		if e.Pos.File == "" {
			fmt.Fprintln(w, e.Msg)
			continue
		}
		fmt.Fprintf(w, "%s: %s\n", render.RelPosition(e.Pos, dir), e.Msg)
	}
}
