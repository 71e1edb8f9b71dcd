package main

import (
	"github.com/spf13/cobra"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/render"
	"github.com/infralint/infralint/schema"
)

const capacityDoc = `Size every tier of one or more stacks with a queueing model.

For each compute tier and database, under each scenario (peak, average,
one AZ lost, deploy in progress), print the instances in service, the
utilisation of workers and CPUs, the probability a request waits, the
mean and p99 response, the instances needed to meet the utilisation target
and the p99 SLO, and a verdict: ok, over target, SLO missed or saturated.

Examples:
  infralint capacity examples/web-asg-rds-cache/stack.cue
  infralint capacity --format json --target-utilization 0.6 stack.cue`

type capacityOptions struct {
	format string
	target float64
}

func newCapacityCmd() *cobra.Command {
	var o capacityOptions
	cmd := &cobra.Command{
		Use:   "capacity FILE|DIR|DIR/... ...",
		Short: "Size each tier for peak, average, a lost AZ and a deploy",
		Long:  capacityDoc,
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCapacity(cmd, args, o)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text or json")
	cmd.Flags().Float64Var(&o.target, "target-utilization", capacity.DefaultTargetUtilization, "highest acceptable utilisation of workers and CPUs, in (0, 1]")
	return cmd
}

func runCapacity(cmd *cobra.Command, args []string, o capacityOptions) error {
	if o.format != "text" && o.format != "json" {
		return badInput("--format: unknown format %q; use text or json", o.format)
	}
	if !(o.target > 0 && o.target <= 1) {
		return badInput("--target-utilization: %g is not in (0, 1]", o.target)
	}
	paths, err := expandPaths(args)
	if err != nil {
		return err
	}
	dir := workingDir()
	report := func(err error) { printInputError(cmd, err, dir) }
	stacks, bad := loadStacks(paths, report)
	// Without the flag, each stack's .infralint.cue sets the target (as it
	// does for check's CAP rules); the flag overrides every config.
	targetOf := func(*schema.Stack) float64 { return o.target }
	if !cmd.Flags().Changed("target-utilization") {
		configs := newConfigFinder()
		targetOf = func(s *schema.Stack) float64 {
			if cfg, err := configs.forStack(s.Source.File); err == nil && cfg.Thresholds.UtilisationTarget > 0 {
				return cfg.Thresholds.UtilisationTarget
			}
			return o.target
		}
	}
	results, badCap := analyzeStacks(stacks, targetOf, report)
	out := cmd.OutOrStdout()
	if o.format == "json" {
		err = render.CapacityJSON(out, results)
	} else {
		err = render.CapacityText(out, results)
	}
	if err != nil {
		return err
	}
	if bad || badCap {
		return &exitError{code: exitBadInput}
	}
	return nil
}

// analyzeStacks runs the capacity model over each stack, reporting a stack
// the model cannot read (an unknown instance type) as bad input. The
// results are those of the stacks it could read.
func analyzeStacks(stacks []*schema.Stack, targetOf func(*schema.Stack) float64, report func(error)) ([]*capacity.Result, bool) {
	var out []*capacity.Result
	bad := false
	for _, s := range stacks {
		r, err := capacity.Analyze(s, capacity.Options{TargetUtilization: targetOf(s)})
		if err != nil {
			report(err)
			bad = true
			continue
		}
		out = append(out, r)
	}
	return out, bad
}
