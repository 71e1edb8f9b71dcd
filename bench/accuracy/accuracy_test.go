package main

import (
	"reflect"
	"testing"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/schema"
)

// What holds today, whatever the model says: the generator makes stacks
// in the documented ranges that load, the harness compares ten of them
// with every simulated interval under a looser bound (10 %), and the same
// seed gives the same comparison. The accuracy targets themselves are
// asserted behind the accuracy build tag (accuracy_target_test.go).

// quick is the harness of the untagged test: 200,000 requests a stack,
// doubled up to 1,600,000 until every interval is below 10 %.
var quick = settings{Seed: 1, Requests: 200_000, Max: 1_600_000, Interval: 0.10}

func TestGeneratedStacksInRange(t *testing.T) {
	cat := catalog.Default()
	for i := range 200 {
		g := generate(cat, 1, i)
		s, err := loadStack(g.Source, cat)
		if err != nil {
			t.Fatalf("stack %d: %v\n%s", i, err, g.Source)
		}
		if g.Rho < 0.1 || g.Rho > 0.85 {
			t.Errorf("stack %d: drawn ρ %g", i, g.Rho)
		}
		for _, c := range s.OfKind(schema.KindCompute) {
			cp := c.Compute
			w := cp.Workers
			if !w.EventLoop() && (w.Total() < 1 || w.Total() > 64) {
				t.Errorf("stack %d %s: %d workers", i, c.Name, w.Total())
			}
			if cp.Demand.CV < 0 || cp.Demand.CV > 2 || cp.Contention.Sigma > 0.1 || cp.Contention.Kappa > 0.002 {
				t.Errorf("stack %d %s: cv %g, σ %g, κ %g", i, c.Name, cp.Demand.CV, cp.Contention.Sigma, cp.Contention.Kappa)
			}
			calls := 0.0
			for _, call := range cp.Calls {
				if k := s.Components[call.Target]; k.Database != nil || k.Cache != nil {
					calls += call.PerRequest
				}
			}
			// 0–4 calls, and the 0.01 query a cache-only caller gets
			// for its misses.
			if calls > 4.01 {
				t.Errorf("stack %d %s: %g database and cache calls", i, c.Name, calls)
			}
		}
	}
}

func TestHarnessRunsTenStacks(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation")
	}
	cat := catalog.Default()
	var outs []stackOutcome
	for i := range 10 {
		o, err := evaluate(generate(cat, quick.Seed, i), cat, quick)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range o.Tiers {
			if e.MeanHW > quick.Interval*e.MeanSim || e.P99HW > quick.Interval*e.P99Sim {
				t.Errorf("stack %d %s: interval ±%.2f on a mean of %.2f, ±%.2f on a p99 of %.2f after %d requests",
					i, e.Tier, e.MeanHW, e.MeanSim, e.P99HW, e.P99Sim, e.Requests)
			}
		}
		outs = append(outs, o)
	}
	s := summarise(outs)
	t.Logf("%d stacks, %d tiers; |mean error| median %.1f %% worst %.1f %%; |p99 error| median %.1f %% worst %.1f %%",
		s.Stacks, s.Tiers, 100*s.Mean.Median, 100*s.Mean.Max, 100*s.P99.Median, 100*s.P99.Max)
	if s.Stacks < 8 || s.Tiers < 10 {
		t.Errorf("only %d stacks (%d skipped) and %d tiers compared", s.Stacks, s.Skipped, s.Tiers)
	}
	again, err := evaluate(generate(cat, quick.Seed, 0), cat, quick)
	if err != nil || !reflect.DeepEqual(again, outs[0]) {
		t.Errorf("stack 0 again: %v\n%+v\nvs\n%+v", err, again, outs[0])
	}
}
