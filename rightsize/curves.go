package rightsize

import (
	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/schema"
)

// Curves are what the report's other two plots of a compute tier draw:
// the tier at peak against the instances in service, and the load each
// scenario's fleet carries.
type Curves struct {
	// AtPeak is the tier at peak with 1, 2, … len(AtPeak) instances in
	// service (capacity.Sweep): from 1 to past both twice its largest
	// fleet and a quarter above what the peak needs, at most SweepMax.
	// Nil when the model cannot sweep the tier.
	AtPeak []*capacity.Scenario
	// Carried maps each instance count a scenario of the tier puts in
	// service to the highest arrival rate at the tier that many instances
	// carry within the utilisation target and the SLO, found by scaling
	// the whole workload (so databases see the matching load); 0 when no
	// load does.
	Carried map[int]float64
}

// curvesOf computes tier t's Curves; opts carries the model's utilisation
// target and catalog, so the sweeps judge as the model did.
func curvesOf(s *schema.Stack, t *capacity.Tier, opts capacity.Options) *Curves {
	c := &Curves{Carried: map[int]float64{}}
	peak := t.Scenario(capacity.ScenarioPeak)
	n := min(SweepMax, max(4, t.Max*2, peak.Needed+max(2, peak.Needed/4)))
	counts := make([]int, n)
	for i := range counts {
		counts[i] = i + 1
	}
	if scs, err := capacity.Sweep(s, t.Name, counts, opts); err == nil {
		c.AtPeak = scs
	}
	for _, sc := range t.Scenarios {
		if _, ok := c.Carried[sc.Instances]; !ok {
			c.Carried[sc.Instances] = carriedRPS(s, t.Name, sc.Instances, peak.RPS, opts)
		}
	}
	return c
}

// carriedRPS is the highest arrival rate at tier that n instances in
// service carry within the utilisation target and the SLO, by bisection
// on a factor scaling the whole workload; 0 when none does.
func carriedRPS(s *schema.Stack, tier string, n int, peakRPS float64, opts capacity.Options) float64 {
	ok := func(k float64) bool {
		scs, err := capacity.Sweep(scaledLoad(s, k), tier, []int{n}, opts)
		return err == nil && scs[0].Verdict == capacity.VerdictOK
	}
	if n < 1 {
		return 0
	}
	lo, hi := 0.0, 1.0
	for ok(hi) {
		lo, hi = hi, hi*2
		if hi > 1<<20 {
			return lo * peakRPS
		}
	}
	if lo == 0 && !ok(1e-6) {
		return 0
	}
	for range 40 {
		mid := (lo + hi) / 2
		if ok(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo * peakRPS
}

// scaledLoad returns a copy of s with its workload scaled by k.
func scaledLoad(s *schema.Stack, k float64) *schema.Stack {
	s2 := *s
	s2.Workload.PeakRPS *= k
	s2.Workload.AvgRPS *= k
	return &s2
}
