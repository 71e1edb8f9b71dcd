package rightsize

import (
	"fmt"
	"math"
	"strings"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/schema"
)

// Instances estimates the average fleet of every autoscaling tier of s,
// for pricing.Options.Instances, as the group's own policy would run it
// (docs/cost-model.md#right-sizing-and-usage):
//
//   - target tracking on CPU runs what CPU asks for at average load: the
//     fleet whose average CPU (the tier's requests and a database it
//     hosts, from the capacity model) is at the policy's cpu_target,
//     whatever its workers need; when the model needs more for its
//     workers or the SLO, the basis line says so, since tracking CPU
//     never launches them;
//   - scheduled actions set min and max (and desired) for the hours
//     until the next action, so the fleet is averaged over the hours of
//     a year each setting holds;
//   - with neither, the group stays at its desired capacity (its min
//     when none is given).
//
// A tier the model cannot size is left out, so that pricing falls back to
// pricing.SimpleInstances; a nil model leaves them all out.
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

// tracksCPU reports whether the group has a target-tracking CPU policy.
func tracksCPU(as *schema.Autoscaling) bool { return as.Policy != nil && as.Policy.CPUTarget > 0 }

// instancesAs is Instances' estimate for autoscaling component c, which
// may be a copy of the stack's own on another instance type: its average
// arrivals do not depend on the type, its vCPUs and so its need do.
func instancesAs(model *capacity.Result, cat *catalog.Catalog, c *schema.Component) (pricing.Instances, bool) {
	comp := c.Compute
	as := comp.Autoscaling
	t := model.Tier(c.Name)
	vcpu, ok := comp.VCPUCount(cat)
	if t == nil || !ok {
		return pricing.Instances{}, false
	}
	avg := t.Scenario(capacity.ScenarioAverage)
	if avg == nil {
		return pricing.Instances{}, false
	}
	var why []string
	var need *int
	schedule := as.Policy != nil && len(as.Policy.Schedule) > 0
	if tracksCPU(as) {
		target := pricing.CPUTarget(as)
		n := cpuNeed(model, c, avg, vcpu, target)
		need = &n
		why = append(why, "average load needs "+humanize.Count(n)+" at the "+humanize.Percent(target)+" CPU target")
		if !schedule && n < as.Min {
			why = append(why, "autoscaling min")
		} else if !schedule && n > as.Max {
			why = append(why, "autoscaling max")
		}
	}
	fleets, average := shares(fleetHours(as, need))
	if need != nil {
		// The model's need counts workers and the SLO too; a fleet below
		// it at some hour is what tracking CPU leaves short.
		if m, err := model.NeededAs(c.Name, comp.InstanceType, capacity.ScenarioAverage, 0); err == nil && m > fleets[len(fleets)-1].n {
			why = append(why, fmt.Sprintf("its workers need %s for the %s utilisation target and the SLO, which CPU tracking does not launch",
				humanize.Count(m), humanize.Percent(model.TargetUtilization)))
		}
	}
	switch {
	case schedule:
		why = append(why, "schedule: "+scheduleBasis(fleets))
	case need != nil:
	case as.Desired > as.Min:
		why = append(why, "no scaling policy: stays at desired")
	default:
		why = append(why, "no scaling policy: stays at min")
	}
	basis := humanize.Quantity(average, basisDecimals, "instance")
	if math.Trunc(average) == average {
		basis = humanize.Plural(int(average), "instance")
	}
	return pricing.Instances{Average: average, Basis: basis + " (" + strings.Join(why, "; ") + ")"}, true
}

// basisDecimals is pricing's precision of a basis line's quantities.
const basisDecimals = 3

// scheduleBasis says which fleet holds which share of the year's hours:
// "6 for 23.8% of hours, 2 for 76.2%".
func scheduleBasis(fleets []fleetShare) string {
	if len(fleets) == 1 {
		return humanize.Count(fleets[0].n) + " all year"
	}
	parts := make([]string, len(fleets))
	for i, f := range fleets {
		parts[i] = humanize.Count(f.n) + " for " + humanize.Percent(f.share)
		if i == 0 {
			parts[i] += " of hours"
		}
	}
	return strings.Join(parts, ", ")
}

// cpuNeed is the fleet of vcpu-vCPU instances whose average CPU is at
// target with the average load avg brings the tier: its requests' CPU
// time and, for a database it hosts, the queries', which target tracking
// averages over the group as CloudWatch's CPUUtilization does. 0 when no
// traffic comes.
func cpuNeed(model *capacity.Result, c *schema.Component, avg *capacity.Scenario, vcpu int, target float64) int {
	busy := avg.RPS * c.Compute.Demand.CPUms / 1000 // vCPU-seconds a second
	for _, d := range model.Databases {
		if d.HostedBy == c.Name {
			if ds := d.Scenario(capacity.ScenarioAverage); ds != nil {
				busy += ds.RPS * d.QueryMs / 1000
			}
		}
	}
	if busy <= 0 {
		return 0
	}
	need := math.Ceil(busy/(float64(vcpu)*target) - 1e-9)
	if !(need < pricing.MaxCPUNeed) {
		return pricing.MaxCPUNeed
	}
	return int(need)
}
