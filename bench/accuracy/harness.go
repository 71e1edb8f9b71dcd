package main

import (
	"fmt"
	"math"
	"slices"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/internal/simcompare"
	"github.com/infralint/infralint/schema"
)

// The comparison: each generated stack through the capacity model and
// the simulator (internal/simcompare, the pairing capacity --simulate
// prints), at peak, every compute tier and database.

// settings of one harness run.
type settings struct {
	Seed     uint64 // of the generator and of the simulation
	Requests int    // first try per stack
	Max      int    // most requests per stack; doubling from Requests
	Interval float64
}

// tierError is one tier's model against its simulation at peak.
type tierError struct {
	Stack     int
	Tier      string
	Database  bool
	Requests  int
	SimRho    float64 // the simulated utilisation of its busiest resource
	ModelSat  bool    // the model says saturated, the simulation does not
	MeanModel float64
	MeanSim   float64
	MeanHW    float64
	P99Model  float64
	P99Sim    float64
	P99HW     float64
}

// MeanErr and P99Err are model/simulated − 1.
func (e tierError) MeanErr() float64 { return e.MeanModel/e.MeanSim - 1 }
func (e tierError) P99Err() float64  { return e.P99Model/e.P99Sim - 1 }

// stackOutcome is one stack: its tiers, or why it was left out.
type stackOutcome struct {
	Gen     genStack
	Tiers   []tierError
	Skipped string // the simulation saturated: the stack is out of range
}

func loadStack(src string, cat *catalog.Catalog) (*schema.Stack, error) {
	l, err := schema.NewLoader()
	if err != nil {
		return nil, err
	}
	s, err := l.LoadBytes("generated.cue", []byte(src))
	if err != nil {
		return nil, err
	}
	if errs := schema.Validate(s, cat); len(errs) > 0 {
		return nil, errs
	}
	return s, nil
}

// evaluate compares one generated stack, doubling the requests until
// every simulated mean and p99 has a 95 % interval below set.Interval of
// its value (or set.Max is reached: the interval is then reported as is).
func evaluate(g genStack, cat *catalog.Catalog, set settings) (stackOutcome, error) {
	out := stackOutcome{Gen: g}
	s, err := loadStack(g.Source, cat)
	if err != nil {
		return out, fmt.Errorf("stack %d does not load: %w\n%s", g.ID, err, g.Source)
	}
	model, err := capacity.Analyze(s, capacity.Options{Catalog: cat})
	if err != nil {
		return out, fmt.Errorf("stack %d: %w", g.ID, err)
	}
	for n := set.Requests; ; n *= 2 {
		c, err := simcompare.Compare(s, "generated.cue", model, simcompare.Options{Seed: set.Seed, Requests: n,
			Scenarios: []capacity.ScenarioKind{capacity.ScenarioPeak}, Catalog: cat})
		if err != nil {
			return out, fmt.Errorf("stack %d: %w", g.ID, err)
		}
		out.Tiers, out.Skipped = nil, ""
		wide := false
		for _, r := range c.Rows {
			f := r.Sim
			if f.Saturated || f.Requests == 0 {
				out.Skipped = fmt.Sprintf("%s: simulation saturated", r.Name)
				break
			}
			e := tierError{Stack: g.ID, Tier: r.Name, Database: r.Database, Requests: n,
				SimRho:   max(f.WorkerUtilization.Value, f.CPUUtilization.Value),
				ModelSat: r.Model.Saturated, MeanModel: r.Model.MeanMs, P99Model: r.Model.P99Ms,
				MeanSim: f.Mean.Value, MeanHW: f.Mean.HalfWidth, P99Sim: f.P99.Value, P99HW: f.P99.HalfWidth}
			if e.MeanHW > set.Interval*e.MeanSim || e.P99HW > set.Interval*e.P99Sim {
				wide = true
			}
			out.Tiers = append(out.Tiers, e)
		}
		if out.Skipped != "" || !wide || 2*n > set.Max {
			return out, nil
		}
	}
}

// summary is the distribution of the errors over the compared tiers.
type summary struct {
	Tiers, Stacks, Skipped, ModelSaturated int
	Mean, P99                              quantiles // of |error|
	WorstMean, WorstP99                    tierError
	WidestInterval                         float64 // largest half-width / value
	// MeanWithin, P99Within and BothWithin count the tiers within the
	// targets (5 % and 15 %).
	MeanWithin, P99Within, BothWithin int
}

type quantiles struct{ Median, P90, Max float64 }

func quantilesOf(xs []float64) quantiles {
	if len(xs) == 0 {
		return quantiles{}
	}
	s := slices.Sorted(slices.Values(xs))
	at := func(p float64) float64 { return s[min(len(s)-1, int(math.Ceil(p*float64(len(s))))-1)] }
	return quantiles{Median: at(0.5), P90: at(0.9), Max: s[len(s)-1]}
}

// summarise covers the compute tiers the model does not saturate (a
// database is an exact M/M/c on both sides, and is reported apart).
func summarise(outs []stackOutcome) summary {
	var sum summary
	var means, p99s []float64
	for _, o := range outs {
		if o.Skipped != "" {
			sum.Skipped++
			continue
		}
		sum.Stacks++
		for _, e := range o.Tiers {
			sum.WidestInterval = max(sum.WidestInterval, e.MeanHW/e.MeanSim, e.P99HW/e.P99Sim)
			if e.Database {
				continue
			}
			if e.ModelSat {
				sum.ModelSaturated++
				continue
			}
			sum.Tiers++
			okMean, okP99 := math.Abs(e.MeanErr()) <= 0.05, math.Abs(e.P99Err()) <= 0.15
			sum.MeanWithin += b2i(okMean)
			sum.P99Within += b2i(okP99)
			sum.BothWithin += b2i(okMean && okP99)
			means = append(means, math.Abs(e.MeanErr()))
			p99s = append(p99s, math.Abs(e.P99Err()))
			if math.Abs(e.MeanErr()) > math.Abs(sum.WorstMean.MeanErr()) || sum.WorstMean.Tier == "" {
				sum.WorstMean = e
			}
			if math.Abs(e.P99Err()) > math.Abs(sum.WorstP99.P99Err()) || sum.WorstP99.Tier == "" {
				sum.WorstP99 = e
			}
		}
	}
	sum.Mean, sum.P99 = quantilesOf(means), quantilesOf(p99s)
	return sum
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
