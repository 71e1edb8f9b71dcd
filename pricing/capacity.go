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
	return forAutoscaling(func(s *schema.Stack, c *schema.Component, as *schema.Autoscaling) (float64, string) {
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
		if res != nil {
			t = res.Tier(c.Name)
		}
		if n, basis, ok := fromTier(t, c.Compute, target); ok {
			return n, basis
		}
		return simple(s, c)
	})
}

// forAutoscaling makes an InstancesFunc that takes a fixed count as
// written and leaves only autoscaling tiers to estimate.
func forAutoscaling(estimate func(s *schema.Stack, c *schema.Component, as *schema.Autoscaling) (float64, string)) InstancesFunc {
	return func(s *schema.Stack, c *schema.Component) (float64, string) {
		if as := c.Compute.Autoscaling; as != nil {
			return estimate(s, c, as)
		}
		n := c.Compute.Instances()
		return float64(n), plural(n, "instance")
	}
}

// fromTier is CapacityInstances' estimate for an autoscaling tier from its
// capacity figures t at target, or false when t has no average scenario.
func fromTier(t *capacity.Tier, comp *schema.Compute, target float64) (float64, string, bool) {
	var sc *capacity.Scenario
	if t != nil {
		sc = t.Scenario(capacity.ScenarioAverage)
	}
	if sc == nil {
		return 0, "", false
	}
	as := comp.Autoscaling
	pct := pctString(target)
	if sc.Needed == 0 {
		need := cpuNeed(sc.RPS, comp.Demand.CPUms, t.VCPU, target)
		n, basis := clamp(need, as, "at "+pct+" CPU; no fleet meets the SLO")
		return n, basis, true
	}
	n, basis := clamp(sc.Needed, as, "at "+pct+" target")
	return n, basis, true
}

// InstancesFrom is CapacityInstances for a stack already analysed (res),
// so that a caller holding the model does not analyse the stack again; it
// also serves components of that stack on another instance type: an
// autoscaling tier's instances needed at average load are found for it
// alone with capacity.Result.NeededAs, at the group's CPU target.
func InstancesFrom(res *capacity.Result, cat *catalog.Catalog) InstancesFunc {
	simple := SimpleInstances(cat)
	return forAutoscaling(func(s *schema.Stack, c *schema.Component, as *schema.Autoscaling) (float64, string) {
		comp := c.Compute
		target := cpuTarget(as)
		t := res.Tier(c.Name)
		spec, ok := cat.EC2Spec(comp.InstanceType)
		if t == nil || !ok {
			return simple(s, c)
		}
		// The tier as Analyze would report it on this type at this target:
		// its average arrivals do not depend on the type, its vCPUs do.
		sc := t.Scenario(capacity.ScenarioAverage)
		needed, err := res.NeededAs(c.Name, comp.InstanceType, capacity.ScenarioAverage, target)
		if sc == nil || err != nil {
			return simple(s, c)
		}
		as2 := &capacity.Tier{VCPU: spec.VCPU, Scenarios: []*capacity.Scenario{{Kind: capacity.ScenarioAverage, RPS: sc.RPS, Needed: needed}}}
		n, basis, _ := fromTier(as2, comp, target)
		return n, basis
	})
}
