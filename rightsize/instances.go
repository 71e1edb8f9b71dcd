package rightsize

import (
	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/schema"
)

// Instances estimates the average fleet of every autoscaling tier of s
// from its capacity model, for pricing.Options.Instances: the instances
// needed at average load (the smallest fleet whose CPUs and workers stay
// at or under the target utilisation and whose p99 meets the SLO),
// clamped to [min, max]. The target is the group's policy cpu_target,
// since that is what the group tracks (pricing.CPUTarget), whatever the
// model's own target. When no fleet meets the SLO at average load (a slow
// database, say), more instances would not help and target tracking does
// not add them: the tier then runs what its CPU target needs at its
// average rate. A tier the model cannot size is left out, so that pricing
// falls back to pricing.SimpleInstances; a nil model leaves them all out.
func Instances(s *schema.Stack, model *capacity.Result, cat *catalog.Catalog) map[string]pricing.Instances {
	if cat == nil {
		cat = catalog.Default()
	}
	out := map[string]pricing.Instances{}
	if model == nil {
		return out
	}
	for _, c := range s.OfKind(schema.KindCompute) {
		if c.Compute.Autoscaling == nil {
			continue
		}
		if n, ok := instancesAs(model, cat, c); ok {
			out[c.Name] = n
		}
	}
	return out
}

// instancesAs is Instances' estimate for autoscaling component c, which
// may be a copy of the stack's own on another instance type: its average
// arrivals do not depend on the type, its vCPUs and so its need do.
func instancesAs(model *capacity.Result, cat *catalog.Catalog, c *schema.Component) (pricing.Instances, bool) {
	comp := c.Compute
	as := comp.Autoscaling
	t := model.Tier(c.Name)
	spec, ok := cat.EC2Spec(comp.InstanceType)
	if t == nil || !ok {
		return pricing.Instances{}, false
	}
	avg := t.Scenario(capacity.ScenarioAverage)
	target := pricing.CPUTarget(as)
	needed, err := model.NeededAs(c.Name, comp.InstanceType, capacity.ScenarioAverage, target)
	if avg == nil || err != nil {
		return pricing.Instances{}, false
	}
	if needed == 0 {
		need := pricing.CPUNeed(avg.RPS, comp.Demand.CPUms, spec.VCPU, target)
		return pricing.Clamp(need, as, target, "CPU; no fleet meets the SLO"), true
	}
	return pricing.Clamp(needed, as, target, "target"), true
}
