package pricing

import (
	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/schema"
)

// CapacityInstances is the default instance estimate: a fixed count as
// written; an autoscaling tier at the capacity model's instances needed at
// average load (the smallest fleet whose CPUs and workers stay at or under
// the target utilisation and whose p99 meets the SLO), clamped to
// [min, max]. The target is the policy's cpu_target, since that is what the
// group tracks, else DefaultCPUTarget. When no fleet meets the SLO at
// average load (a slow database, say), more instances would not help and
// target tracking does not add them: the tier then runs what its CPU
// target needs at the tier's average rate. When the model cannot read the
// stack at all, SimpleInstances is used.
func CapacityInstances(cat *catalog.Catalog) InstancesFunc {
	if cat == nil {
		cat = catalog.Default()
	}
	simple := SimpleInstances(cat)
	results := map[float64]*capacity.Result{} // by target, for one stack
	var stack *schema.Stack
	return func(s *schema.Stack, c *schema.Component) (float64, string) {
		comp := c.Compute
		as := comp.Autoscaling
		if as == nil {
			n := comp.Instances()
			return float64(n), plural(n, "instance")
		}
		if s != stack {
			stack, results = s, map[float64]*capacity.Result{}
		}
		target := cpuTarget(as)
		res, ok := results[target]
		if !ok {
			var err error
			if res, err = capacity.Analyze(s, capacity.Options{TargetUtilization: target, Catalog: cat}); err != nil {
				res = nil
			}
			results[target] = res
		}
		var t *capacity.Tier
		var sc *capacity.Scenario
		if res != nil {
			if t = res.Tier(c.Name); t != nil {
				sc = t.Scenario(capacity.ScenarioAverage)
			}
		}
		if sc == nil {
			return simple(s, c)
		}
		pct := pctString(target)
		if sc.Needed == 0 {
			need := cpuNeed(sc.RPS, comp.Demand.CPUms, t.VCPU, target)
			return clamp(need, as, "at "+pct+" CPU; no fleet meets the SLO")
		}
		return clamp(sc.Needed, as, "at "+pct+" target")
	}
}
