package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/analysis"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/internal/simcompare"
	"github.com/infralint/infralint/schema"
	"github.com/infralint/infralint/simulate"
)

// capacity --simulate: the analytical figures of the pipeline's capacity
// model beside a discrete-event simulation of the same stack
// (docs/simulation.md). The simulation never calls the model; this file
// only hands it the model's fleets and hit ratios, and puts the two side
// by side.

type simulateOptions struct {
	on       bool
	seed     uint64
	requests int
}

func addSimulateFlags(cmd *cobra.Command, o *simulateOptions) {
	f := cmd.Flags()
	f.BoolVar(&o.on, "simulate", false, "instead of the table, print the model's mean, p95 and p99 of every tier and scenario beside a seeded discrete-event simulation's")
	f.Uint64Var(&o.seed, "seed", simulate.DefaultSeed, "with --simulate: the seed of the simulation (the same seed prints the same figures)")
	f.IntVar(&o.requests, "requests", simulate.DefaultRequests, fmt.Sprintf("with --simulate: requests simulated per scenario, %d to %d", simulate.Batches*10, simulate.MaxRequests))
}

// check refuses --seed or --requests without --simulate, and a request
// count the simulator cannot run.
func (o simulateOptions) check(cmd *cobra.Command) error {
	for _, name := range []string{"seed", "requests"} {
		if cmd.Flags().Changed(name) && !o.on {
			return badInput("--%s: only with --simulate", name)
		}
	}
	if o.on && (o.requests < simulate.Batches*10 || o.requests > simulate.MaxRequests) {
		return badInput("--requests: %d is not in [%d, %d]", o.requests, simulate.Batches*10, simulate.MaxRequests)
	}
	return nil
}

// compareStack simulates one analysed stack beside its model.
func compareStack(r *analysis.Result, cat *catalog.Catalog, o simulateOptions) (*simcompare.Comparison, error) {
	return simcompare.Compare(r.Stack, r.Path, r.Capacity, simcompare.Options{Seed: o.seed, Requests: o.requests, Catalog: cat})
}

// runCapacitySimulate prints the comparison of every good stack of run; a
// stack the simulator refuses or cannot finish within its bounds is one
// message on standard error and exit 2, the others still printed.
func runCapacitySimulate(cmd *cobra.Command, run *analysis.Run, format, dir string, o simulateOptions) error {
	var out []*simcompare.Comparison
	var errs schema.Errors
	for _, r := range run.Good() {
		c, err := compareStack(r, run.Catalog, o)
		if err != nil {
			msg := fmt.Sprintf("%s: %v", r.Path, err)
			if errors.Is(err, simulate.ErrStopped) {
				msg += fmt.Sprintf("; fewer --requests (%s) end sooner", humanize.Count(o.requests))
			}
			fmt.Fprintln(cmd.ErrOrStderr(), "infralint: "+msg)
			errs = append(errs, &schema.Error{Msg: msg})
			continue
		}
		out = append(out, c)
	}
	w := cmd.OutOrStdout()
	var err error
	if format == "json" {
		err = simulationJSON(w, out, append(run.Errors(), errs...), dir)
	} else {
		err = simulationText(w, out, dir)
	}
	if err != nil {
		return err
	}
	if run.Bad() || len(errs) > 0 {
		return errBadInput
	}
	return nil
}

// simulationErrorDocument is the JSON document of a run stopped before
// any stack.
func simulationErrorDocument(format, dir string) func(io.Writer, schema.Errors) error {
	return func(w io.Writer, errs schema.Errors) error {
		if format != "json" {
			return errNoDocument
		}
		return simulationJSON(w, nil, errs, dir)
	}
}
