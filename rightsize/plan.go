package rightsize

import (
	"cmp"
	"slices"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/schema"
)

// Options say which answers Plan computes besides Instances: each costs
// more than the capacity analysis it starts from.
type Options struct {
	// Alternatives runs COST002's search (TypeFinder.Cheapest) on every
	// compute tier, and the search for a cheaper class or node type
	// (Resizes) on every database and cache.
	Alternatives bool
	// Sweeps sweeps the compute tiers that take traffic for the
	// report's plots, at most MaxSweptTiers of them (SweptTiers): cost
	// against the SLO (SweepTier) and its Curves.
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
	// Resizes holds, by database or cache, the cheapest class or node type
	// that holds what the model asks of it (a component with none is
	// absent). Nil unless Options.Alternatives.
	Resizes map[string]*Resize
	// Sweeps holds, by compute tier, SweepTier's answer (a tier without
	// traffic or without a sweep is absent). Nil unless Options.Sweeps.
	Sweeps map[string]*Sweep
	// Curves holds, by compute tier swept (SweptTiers), the p99 and
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
		r.Resizes = resizes(s, model, cat)
	}
	if opts.Sweeps {
		r.Sweeps, r.Curves = map[string]*Sweep{}, map[string]*Curves{}
		copts := capacity.Options{TargetUtilization: model.TargetUtilization, Catalog: cat}
		refs := referrers(s)
		for _, t := range SweptTiers(model) {
			swept := sweepStack(s, t, refs)
			if sw, ok := sweepTier(s, swept, model, t, cat); ok {
				r.Sweeps[t.Name] = sw
			}
			r.Curves[t.Name] = curvesOf(swept, t, copts)
		}
	}
	return r
}

// MaxSweptTiers bounds the tiers Plan sweeps: a tier's sweeps and plots
// cost tens of milliseconds, and a page of thousands of plots (40 KB
// each) is no review. The report says which tiers it left out.
const MaxSweptTiers = 20

// SweptTiers are the compute tiers of model that Plan sweeps, in model
// order: those that take traffic, and of them, beyond MaxSweptTiers, the
// ones with the worst verdict in any scenario, then the busiest at peak,
// then by name.
func SweptTiers(model *capacity.Result) []*capacity.Tier {
	var busy []*capacity.Tier
	for _, t := range model.Tiers {
		if peak := t.Scenario(capacity.ScenarioPeak); peak != nil && peak.RPS > 0 {
			busy = append(busy, t)
		}
	}
	if len(busy) <= MaxSweptTiers {
		return busy
	}
	worst := func(t *capacity.Tier) int {
		w := 0
		for _, sc := range t.Scenarios {
			w = max(w, sc.Verdict.Rank())
		}
		return w
	}
	ranked := slices.Clone(busy)
	slices.SortStableFunc(ranked, func(a, b *capacity.Tier) int {
		return cmp.Or(cmp.Compare(worst(b), worst(a)),
			cmp.Compare(b.Scenario(capacity.ScenarioPeak).RPS, a.Scenario(capacity.ScenarioPeak).RPS),
			cmp.Compare(a.Name, b.Name))
	})
	keep := map[*capacity.Tier]bool{}
	for _, t := range ranked[:MaxSweptTiers] {
		keep[t] = true
	}
	return slices.DeleteFunc(busy, func(t *capacity.Tier) bool { return !keep[t] })
}
