package rightsize

import (
	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/schema"
)

// Options say which answers Plan computes besides Instances: each costs
// more than the capacity analysis it starts from.
type Options struct {
	// Alternatives runs COST002's search (TypeFinder.Cheapest) on every
	// compute tier.
	Alternatives bool
	// Sweeps sweeps every compute tier that takes traffic for the
	// report's plots: cost against the SLO (SweepTier) and its Curves.
	Sweeps bool
}

// Result is a stack's right-sizing, from one capacity analysis.
type Result struct {
	// Instances is the average fleet of each autoscaling tier, for
	// pricing.Options.Instances.
	Instances map[string]pricing.Instances
	// Alternatives holds, by compute tier, TypeFinder.Cheapest's answer:
	// the cheapest cheaper type of the tier's family and of the others
	// (either may be missing; a tier with neither is absent). Nil unless
	// Options.Alternatives.
	Alternatives map[string][]Alternative
	// Sweeps holds, by compute tier, SweepTier's answer (a tier without
	// traffic or without a sweep is absent). Nil unless Options.Sweeps.
	Sweeps map[string]*Sweep
	// Curves holds, by compute tier that takes traffic, the p99 and
	// utilisation against instances and the load each scenario's fleet
	// carries. Nil unless Options.Sweeps.
	Curves map[string]*Curves
}

// Plan right-sizes the compute tiers of s from its capacity model (nil:
// Instances is empty and nothing else is computed), with the prices of
// cat (nil: catalog.Default()), computing only what opts asks for.
func Plan(s *schema.Stack, model *capacity.Result, cat *catalog.Catalog, opts Options) *Result {
	if cat == nil {
		cat = catalog.Default()
	}
	r := &Result{Instances: Instances(s, model, cat)}
	if model == nil {
		return r
	}
	if opts.Alternatives {
		r.Alternatives = map[string][]Alternative{}
		finder := NewTypeFinder(s, model, cat)
		for _, c := range s.OfKind(schema.KindCompute) {
			if alts := finder.Cheapest(c.Name); len(alts) > 0 {
				r.Alternatives[c.Name] = alts
			}
		}
	}
	if opts.Sweeps {
		r.Sweeps, r.Curves = map[string]*Sweep{}, map[string]*Curves{}
		copts := capacity.Options{TargetUtilization: model.TargetUtilization, Catalog: cat}
		for _, t := range model.Tiers {
			if peak := t.Scenario(capacity.ScenarioPeak); peak == nil || peak.RPS <= 0 {
				continue // no traffic: nothing to plot
			}
			if sw, ok := SweepTier(s, model, t, cat); ok {
				r.Sweeps[t.Name] = sw
			}
			r.Curves[t.Name] = curvesOf(s, t, copts)
		}
	}
	return r
}
