package main

import (
	"github.com/spf13/cobra"
	"io"

	"github.com/infralint/infralint/analysis"
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
  infralint capacity --format json --target-utilization 0.6 stack.cue
  infralint capacity --simulate stack.cue   # beside a seeded simulation`

type capacityOptions struct {
	format string
	target float64
	sim    simulateOptions
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
	addSimulateFlags(cmd, &o.sim)
	return cmd
}

func runCapacity(cmd *cobra.Command, args []string, o capacityOptions) error {
	if o.format != "text" && o.format != "json" {
		return badInput("--format: unknown format %q; use text or json", o.format)
	}
	if !(o.target > 0 && o.target <= 1) {
		return badInput("--target-utilization: %g is not in (0, 1]", o.target)
	}
	if err := o.sim.check(cmd); err != nil {
		return err
	}
	// Without the flag, each stack's .infralint.cue sets the target (as it
	// does for check's CAP rules); the flag overrides every config.
	var over analysis.Overrides
	if cmd.Flags().Changed("target-utilization") {
		over.TargetUtilization = o.target
	}
	dir := workingDir()
	run, err := analyze(cmd, analysis.Request{Paths: args, Expand: true, Overrides: over, Want: analysis.Want{Capacity: true}}, dir)
	if err != nil && o.sim.on {
		return errorDocument(cmd, err, simulationErrorDocument(o.format, dir))
	}
	if err != nil {
		return errorDocument(cmd, err, func(w io.Writer, errs schema.Errors) error {
			if o.format != "json" {
				return errNoDocument
			}
			return render.CapacityJSON(w, nil, errs, dir)
		})
	}
	if o.sim.on {
		return runCapacitySimulate(cmd, run, o.format, dir, o.sim)
	}
	var results []*capacity.Result
	for _, r := range run.Good() {
		results = append(results, r.Capacity)
	}
	out := cmd.OutOrStdout()
	if o.format == "json" {
		err = render.CapacityJSON(out, results, run.Errors(), dir)
	} else {
		err = render.CapacityText(out, results)
	}
	if err != nil {
		return err
	}
	if run.Bad() {
		return errBadInput
	}
	return nil
}
