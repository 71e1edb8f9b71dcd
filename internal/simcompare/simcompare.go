// Package simcompare puts the capacity model's figures beside a
// simulation of the same stack (docs/simulation.md): it hands the
// simulator the model's fleets and hit ratios, never its figures, and
// pairs the two per tier, database and scenario. capacity --simulate and
// the accuracy harness (bench/accuracy) both read it.
package simcompare

import (
	"fmt"
	"slices"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/schema"
	"github.com/infralint/infralint/simulate"
)

// Options seed and size the simulation.
type Options struct {
	Seed     uint64
	Requests int
	// Scenarios limits the comparison to these kinds; nil is every one.
	Scenarios []capacity.ScenarioKind
	Catalog   *catalog.Catalog
}

// Comparison is one stack's model and simulation side by side.
type Comparison struct {
	Stack, Path string
	Seed        uint64
	Requests    int
	Method      string
	Rows        []Row // compute tiers in the model's order, then databases
}

// Row is one tier (or database) in one scenario.
type Row struct {
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

// Plan turns the model's scenarios into the simulator's. The
// model evaluates a lost AZ and a deploy one tier at a time, every other
// tier at its peak fleet (docs/capacity-model.md#tier-chaining), so each
// tier whose fleet differs there from its peak one is simulated in a run
// of its own with only its fleet changed; a tier whose fleet is its peak
// one takes the peak run's figures, which are the same scenario. pick
// maps (tier, scenario) to the run its figures come from. only, when not
// nil, keeps those scenario kinds.
func Plan(s *schema.Stack, res *capacity.Result, only []capacity.ScenarioKind) (runs []simulate.Scenario, pick map[string]map[capacity.ScenarioKind]int) {
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
	wanted := func(k capacity.ScenarioKind) bool { return only == nil || slices.Contains(only, k) }
	base := map[capacity.ScenarioKind]int{}
	for _, k := range []capacity.ScenarioKind{capacity.ScenarioPeak, capacity.ScenarioAverage} {
		if !wanted(k) && (k != capacity.ScenarioPeak || !wanted(capacity.ScenarioAZLost) && !wanted(capacity.ScenarioDeploy)) {
			continue // the peak run also serves a lost AZ and a deploy
		}
		base[k] = len(runs)
		runs = append(runs, simulate.Scenario{Kind: string(k), RPS: entryRPS(s, k), Instances: fleet(k), HitRatio: hits})
	}
	pick = map[string]map[capacity.ScenarioKind]int{}
	for _, t := range res.Tiers {
		pick[t.Name] = map[capacity.ScenarioKind]int{}
		peak := t.Scenario(capacity.ScenarioPeak)
		for _, sc := range t.Scenarios {
			if !wanted(sc.Kind) {
				continue
			}
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
			if i, ok := base[sc.Kind]; ok && wanted(sc.Kind) {
				pick[d.Name][sc.Kind] = i
			}
		}
	}
	return runs, pick
}

// Compare simulates a stack the model has analysed (res) and pairs its
// figures with the model's; path is how the stack was named.
func Compare(s *schema.Stack, path string, res *capacity.Result, o Options) (*Comparison, error) {
	runs, pick := Plan(s, res, o.Scenarios)
	sim, err := simulate.Run(s, runs, simulate.Options{Requests: o.Requests, Seed: o.Seed, Catalog: o.Catalog})
	if err != nil {
		return nil, err
	}
	c := &Comparison{Stack: s.Name, Path: path, Seed: o.Seed, Requests: o.Requests, Method: sim.Method}
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
			c.Rows = append(c.Rows, Row{Name: name, Database: db, Scenario: sc.Kind, Instances: sc.Instances, Model: sc, Sim: st.Scenarios[i]})
		}
		return nil
	}
	for _, t := range res.Tiers {
		if err := add(t.Name, false, t.Scenarios); err != nil {
			return nil, err
		}
	}
	for _, d := range res.Databases {
		if err := add(d.Name, true, d.Scenarios); err != nil {
			return nil, err
		}
	}
	return c, nil
}
