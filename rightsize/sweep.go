package rightsize

import (
	"maps"
	"math"
	"sort"
	"strings"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/schema"
)

// SweepMax is the largest instance count a sweep tries.
const SweepMax = 512

// SweepCounts is how many instance counts (1 to that many) a sweep of
// tier t tries: four times its largest fleet, at least 64, at most
// SweepMax.
func SweepCounts(t *capacity.Tier) int { return min(SweepMax, max(64, 4*t.Max)) }

// Sweep is one compute tier's cheapest fleet for each p99 target at peak,
// over the instance types of the tier's family: what the report's
// cost-against-SLO plot draws.
type Sweep struct {
	Tier, Family string
	// Types are the family's types swept (priced per hour in the stack's
	// region, not bare metal), in catalog order.
	Types []string
	// Low is the best p99 any swept fleet reaches within the utilisation
	// target; High the larger of twice the SLO and twice Low. The targets
	// run from Low to High.
	Low, High float64
	// Points is the cheapest fleet for each target where it changes,
	// targets ascending; the last is at High.
	Points []Fleet
	// AsWritten is the tier's own type at its largest fleet (its count,
	// or autoscaling max), priced the same way; nil when that fleet
	// saturates at peak or its type has no hourly price.
	AsWritten *Fleet
	// Partial is set when some line item of a fleet (a root volume, say)
	// has no price in the region: the costs are then lower bounds, as the
	// cost table's are.
	Partial bool
}

// Fleet is a fleet of one instance type and its monthly cost: the cost
// table's line items for a tier of that type and count (instance hours,
// root volumes, blue/green windows), priced items only.
type Fleet struct {
	// P99Ms is the p99 target the fleet is the cheapest for; for
	// Sweep.AsWritten, the fleet's own p99 at peak.
	P99Ms        float64
	InstanceType string
	Count        int
	MonthlyUSD   float64
}

// typeSweep is one instance type's peak sweep.
type typeSweep struct {
	instanceType string
	scs          []*capacity.Scenario
}

// need is the smallest count meeting p99 ≤ target within the utilisation
// target, or 0.
func (ts typeSweep) need(target, util float64) int {
	for i, sc := range ts.scs {
		if !sc.Saturated && sc.P99Ms <= target && sc.WorkerUtilization <= util && sc.CPUUtilization <= util {
			return i + 1
		}
	}
	return 0
}

// fleetPricer prices fleets of one tier with pricing.PriceComponent,
// each type and count once.
type fleetPricer struct {
	s       *schema.Stack
	comp    *schema.Component
	cat     *catalog.Catalog
	usd     map[fleetKey]float64
	partial bool
}

type fleetKey struct {
	instanceType string
	count        int
}

// price is the monthly cost of count instances of type t running the
// tier: a copy of it with that fixed count, so that the cost table's
// compute line items are billed for exactly that fleet.
func (p *fleetPricer) price(t string, count int) float64 {
	k := fleetKey{t, count}
	if usd, ok := p.usd[k]; ok {
		return usd
	}
	c := *p.comp
	cp := *c.Compute
	cp.InstanceType, cp.Count, cp.Autoscaling = t, count, nil
	c.Compute = &cp
	usd, complete := pricing.PriceComponent(p.s, &c, p.cat, pricing.Options{Catalog: p.cat})
	p.partial = p.partial || !complete
	p.usd[k] = usd
	return usd
}

// stackWithType returns a copy of s whose tier runs instance type it.
func stackWithType(s *schema.Stack, tier, it string) *schema.Stack {
	s2 := *s
	s2.Components = maps.Clone(s.Components)
	c := *s.Components[tier]
	cp := *c.Compute
	cp.InstanceType = it
	c.Compute = &cp
	s2.Components[tier] = &c
	return &s2
}

// SweepTier sweeps compute tier t of s (analysed as model, with cat) at
// peak on every type of its family from 1 to SweepCounts(t) instances,
// and returns the cheapest fleet for each p99 target; false when no
// swept fleet meets the utilisation target or fewer than two targets
// have a fleet.
func SweepTier(s *schema.Stack, model *capacity.Result, t *capacity.Tier, cat *catalog.Catalog) (*Sweep, bool) {
	return sweepTier(s, sweepStack(s, t, referrers(s)), model, t, cat)
}

// sweepStack is the stack t's sweeps analyse: t alone when nothing is
// shared (see isolated), else s.
func sweepStack(s *schema.Stack, t *capacity.Tier, refs map[string][]string) *schema.Stack {
	if iso, ok := isolated(s, t, refs); ok {
		return iso
	}
	return s
}

// sweepTier is SweepTier with the capacity sweeps run on swept, the
// stack sweepStack gives.
func sweepTier(s, swept *schema.Stack, model *capacity.Result, t *capacity.Tier, cat *catalog.Catalog) (*Sweep, bool) {
	if cat == nil {
		cat = catalog.Default()
	}
	comp := s.Components[t.Name]
	if comp == nil || comp.Compute == nil {
		return nil, false
	}
	opts := capacity.Options{TargetUtilization: model.TargetUtilization, Catalog: cat}
	util := model.TargetUtilization
	family := catalog.Family(t.InstanceType)
	counts := make([]int, SweepCounts(t))
	for i := range counts {
		counts[i] = i + 1
	}
	var sweeps []typeSweep
	for _, it := range cat.EC2Types() {
		if catalog.Family(it) != family || strings.Contains(it, ".metal") {
			continue
		}
		p, ok := cat.Price(s.Region, catalog.EC2Key(it))
		if !ok || p.Unit != "hour" {
			continue
		}
		scs, err := capacity.Sweep(stackWithType(swept, t.Name, it), t.Name, counts, opts)
		if err != nil {
			continue
		}
		sweeps = append(sweeps, typeSweep{instanceType: it, scs: scs})
	}
	if len(sweeps) == 0 {
		return nil, false
	}
	floor := math.Inf(1)
	for _, ts := range sweeps {
		for _, sc := range ts.scs {
			if !sc.Saturated && sc.WorkerUtilization <= util && sc.CPUUtilization <= util {
				floor = math.Min(floor, sc.P99Ms)
			}
		}
	}
	if math.IsInf(floor, 1) {
		return nil, false
	}
	sw := &Sweep{Tier: t.Name, Family: family, Low: floor, High: math.Max(model.SLOp99ms*2, floor*2)}
	for _, ts := range sweeps {
		sw.Types = append(sw.Types, ts.instanceType)
	}
	// The cheapest cost changes only where some fleet's p99 is the
	// target, so those values (and the ends) are the exact breakpoints.
	set := map[float64]bool{sw.Low: true, sw.High: true}
	for _, ts := range sweeps {
		for _, sc := range ts.scs {
			if !sc.Saturated && sc.P99Ms >= sw.Low && sc.P99Ms <= sw.High {
				set[sc.P99Ms] = true
			}
		}
	}
	targets := make([]float64, 0, len(set))
	for v := range set {
		targets = append(targets, v)
	}
	sort.Float64s(targets)
	fleets := &fleetPricer{s: s, comp: comp, cat: cat, usd: map[fleetKey]float64{}}
	for _, target := range targets {
		best := Fleet{P99Ms: target, MonthlyUSD: math.Inf(1)}
		for _, ts := range sweeps {
			c := ts.need(target, util)
			if c == 0 {
				continue
			}
			usd := fleets.price(ts.instanceType, c)
			if usd < best.MonthlyUSD || usd == best.MonthlyUSD && ts.instanceType < best.InstanceType {
				best.MonthlyUSD, best.InstanceType, best.Count = usd, ts.instanceType, c
			}
		}
		if math.IsInf(best.MonthlyUSD, 1) {
			continue
		}
		if n := len(sw.Points); n > 0 && sw.Points[n-1].MonthlyUSD == best.MonthlyUSD && sw.Points[n-1].InstanceType == best.InstanceType && target != sw.High {
			continue // no change
		}
		sw.Points = append(sw.Points, best)
	}
	if len(sw.Points) < 2 {
		return nil, false
	}
	peak := t.Scenario(capacity.ScenarioPeak)
	if _, ok := cat.Price(s.Region, catalog.EC2Key(t.InstanceType)); ok && peak != nil && !peak.Saturated {
		sw.AsWritten = &Fleet{P99Ms: peak.P99Ms, InstanceType: t.InstanceType, Count: t.Max, MonthlyUSD: fleets.price(t.InstanceType, t.Max)}
	}
	sw.Partial = fleets.partial
	return sw, true
}
