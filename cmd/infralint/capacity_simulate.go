package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/analysis"
	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/internal/humanize"
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
	f.BoolVar(&o.on, "simulate", false, "also simulate every tier and scenario (a seeded discrete-event simulation) and print its figures beside the model's")
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

// simComparison is one stack's model and simulation side by side.
type simComparison struct {
	Stack, Path string
	Seed        uint64
	Requests    int
	Method      string
	Rows        []simRow // compute tiers in the model's order, then databases
}

// simRow is one tier (or database) in one scenario.
type simRow struct {
	Name      string
	Database  bool
	Scenario  capacity.ScenarioKind
	Instances int
	Model     *capacity.Scenario
	Sim       *simulate.Figures
}

// entryRPS is the load at the entries in a scenario of the model: the
// average at average, the peak in the others.
func entryRPS(s *schema.Stack, k capacity.ScenarioKind) float64 {
	if k == capacity.ScenarioAverage {
		return s.Workload.AvgRPS
	}
	return s.Workload.PeakRPS
}

// simulationPlan turns the model's scenarios into the simulator's. The
// model evaluates a lost AZ and a deploy one tier at a time, every other
// tier at its peak fleet (docs/capacity-model.md#tier-chaining), so each
// tier whose fleet differs there from its peak one is simulated in a run
// of its own with only its fleet changed; a tier whose fleet is its peak
// one takes the peak run's figures, which are the same scenario. pick
// maps (tier, scenario) to the run its figures come from.
func simulationPlan(s *schema.Stack, res *capacity.Result) (runs []simulate.Scenario, pick map[string]map[capacity.ScenarioKind]int) {
	hits := map[string]float64{}
	for _, c := range res.Caches {
		for _, ds := range c.DataSets {
			hits[simulate.HitRatioKey(c.Name, ds.Name)] = ds.HitRatio
		}
	}
	fleet := func(k capacity.ScenarioKind) map[string]int {
		m := map[string]int{}
		for _, t := range res.Tiers {
			if sc := t.Scenario(k); sc != nil {
				m[t.Name] = sc.Instances
			}
		}
		return m
	}
	base := map[capacity.ScenarioKind]int{}
	for _, k := range []capacity.ScenarioKind{capacity.ScenarioPeak, capacity.ScenarioAverage} {
		base[k] = len(runs)
		runs = append(runs, simulate.Scenario{Kind: string(k), RPS: entryRPS(s, k), Instances: fleet(k), HitRatio: hits})
	}
	pick = map[string]map[capacity.ScenarioKind]int{}
	for _, t := range res.Tiers {
		pick[t.Name] = map[capacity.ScenarioKind]int{}
		peak := t.Scenario(capacity.ScenarioPeak)
		for _, sc := range t.Scenarios {
			i, ok := base[sc.Kind]
			if !ok {
				i = base[capacity.ScenarioPeak]
				if peak == nil || sc.Instances != peak.Instances {
					inst := fleet(capacity.ScenarioPeak)
					inst[t.Name] = sc.Instances
					i = len(runs)
					runs = append(runs, simulate.Scenario{Kind: string(sc.Kind), RPS: entryRPS(s, sc.Kind), Instances: inst, HitRatio: hits})
				}
			}
			pick[t.Name][sc.Kind] = i
		}
	}
	for _, d := range res.Databases {
		pick[d.Name] = map[capacity.ScenarioKind]int{}
		for _, sc := range d.Scenarios {
			if i, ok := base[sc.Kind]; ok {
				pick[d.Name][sc.Kind] = i
			}
		}
	}
	return runs, pick
}

// compareStack simulates one analysed stack and pairs its figures with
// the model's.
func compareStack(r *analysis.Result, cat *catalog.Catalog, o simulateOptions) (*simComparison, error) {
	runs, pick := simulationPlan(r.Stack, r.Capacity)
	sim, err := simulate.Run(r.Stack, runs, simulate.Options{Requests: o.requests, Seed: o.seed, Catalog: cat})
	if err != nil {
		return nil, err
	}
	c := &simComparison{Stack: r.Stack.Name, Path: r.Path, Seed: o.seed, Requests: o.requests, Method: sim.Method}
	add := func(name string, db bool, scs []*capacity.Scenario) error {
		st := sim.Tier(name)
		if st == nil {
			return fmt.Errorf("simulate: %q is not simulated (a bug: the model and the simulation disagree on what is a tier)", name)
		}
		for _, sc := range scs {
			i, ok := pick[name][sc.Kind]
			if !ok {
				continue
			}
			c.Rows = append(c.Rows, simRow{Name: name, Database: db, Scenario: sc.Kind, Instances: sc.Instances, Model: sc, Sim: st.Scenarios[i]})
		}
		return nil
	}
	for _, t := range r.Capacity.Tiers {
		if err := add(t.Name, false, t.Scenarios); err != nil {
			return nil, err
		}
	}
	for _, d := range r.Capacity.Databases {
		if err := add(d.Name, true, d.Scenarios); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// runCapacitySimulate prints the comparison of every good stack of run; a
// stack the simulator refuses or cannot finish within its bounds is one
// message on standard error and exit 2, the others still printed.
func runCapacitySimulate(cmd *cobra.Command, run *analysis.Run, format, dir string, o simulateOptions) error {
	var out []*simComparison
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
