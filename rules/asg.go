package rules

import (
	"fmt"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/schema"
)

var ruleASGMissing = &Rule{
	ID:       "ASG001",
	Name:     "app-tier-without-autoscaling",
	Severity: Warning,
	Summary:  "An app tier behind a load balancer has a fixed instance count",
	Docs: `Behind a load balancer, auto scaling adds and removes instances by CPU usage
or on a schedule, so the tier follows the load instead of being sized for the
peak all month (or failing at a peak nobody sized for). A fixed count pays
for idle servers at night and falls over on the busiest day.

Fix: replace count with autoscaling {min, max, policy}.`,
	Check: func(p *Pass) {
		for _, c := range behindLB(p.Stack) {
			if c.Compute.Autoscaling == nil {
				p.Report(componentPath(c.Name), "use autoscaling: {min: 2, max: N, policy: cpu_target: 60}",
					"app tier %q sits behind a load balancer with a fixed count of %s and no autoscaling", c.Name, humanize.Plural(c.Compute.Instances(), "instance"))
			}
		}
	},
}

var ruleASGMinOrAZ = &Rule{
	ID:       "ASG002",
	Name:     "autoscaling-min-or-single-az",
	Severity: Warning,
	Summary:  "An autoscaling group keeps fewer than two instances or runs in one AZ",
	Docs: `An autoscaling group that may shrink to one instance, or that launches all of
them in one availability zone, has a single point of failure whatever its
maximum: a failed instance or AZ means downtime until a replacement boots.

Fix: min of at least 2 and azs covering at least two AZs.`,
	Check: func(p *Pass) {
		for _, c := range p.Stack.OfKind(schema.KindCompute) {
			as := c.Compute.Autoscaling
			if as == nil {
				continue
			}
			if as.Min < 2 {
				p.Report(componentPath(c.Name, "autoscaling", "min"), "set autoscaling.min to at least 2",
					"autoscaling group %q may shrink to %s", c.Name, humanize.Plural(as.Min, "instance"))
			}
			if len(c.AZs) < 2 {
				p.Report(componentPath(c.Name, "azs"), "spread the group over at least two AZs",
					"autoscaling group %q launches every instance in one AZ (%s)", c.Name, c.AZs[0])
			}
		}
	},
}

var ruleASGNoPolicy = &Rule{
	ID:       "ASG003",
	Name:     "autoscaling-without-policy",
	Severity: Warning,
	Summary:  "An autoscaling group has no scaling policy",
	Docs: `Auto scaling grows and shrinks a group by a policy: a CPU-utilisation target,
or a schedule for known daily peaks. Without one the group stays at its
desired count, which is a fixed fleet with extra steps.

Fix: policy: {cpu_target: 60} or a schedule.`,
	Check: func(p *Pass) {
		for _, c := range p.Stack.OfKind(schema.KindCompute) {
			as := c.Compute.Autoscaling
			if as == nil || as.Min == as.Max {
				continue
			}
			if as.Policy == nil || (as.Policy.CPUTarget == 0 && len(as.Policy.Schedule) == 0) {
				// At an empty policy when one is written, else at autoscaling.
				p.Report(componentPath(c.Name, "autoscaling", "policy"), "add policy: {cpu_target: 60} or a schedule",
					"autoscaling group %q has no policy, so it never scales between %d and %d", c.Name, as.Min, as.Max)
			}
		}
	},
}

var ruleASGMaxBelowPeak = &Rule{
	ID:       "ASG004",
	Name:     "autoscaling-max-below-peak-need",
	Severity: Warning,
	Requires: []Need{NeedCapacity},
	Summary:  "An autoscaling group's max is below the instances the peak needs",
	Docs: `The capacity model sizes each tier for the workload's peak: the smallest
instance count that keeps workers and CPUs under the target utilisation
and the p99 under the SLO. An autoscaling group whose max is below that
count stops scaling before the peak is served.

Fix: raise autoscaling.max to at least the NEEDED count of the peak row of
infralint capacity.`,
	Check: func(p *Pass) {
		for _, t := range p.Capacity.Tiers {
			sc := t.Scenario(capacity.ScenarioPeak)
			if !t.Autoscaling || sc == nil || sc.Needed == 0 || t.Max >= sc.Needed {
				continue
			}
			fix := fmt.Sprintf("set autoscaling.max to at least %d", sc.Needed)
			if lost := t.Scenario(capacity.ScenarioAZLost); t.AZs > 1 && lost != nil && lost.Needed > sc.Needed {
				// A max that only just holds the peak leaves CAP003 to
				// report the same peak with one AZ lost.
				fix = fmt.Sprintf("set autoscaling.max to at least %d, which also holds the peak with one AZ lost", lost.Needed)
			}
			p.Report(componentPath(t.Name, "autoscaling", "max"), fix,
				"tier %q needs %s at peak (%s rps) but may scale to only %d (at %d it %s)",
				t.Name, humanize.Plural(sc.Needed, "instance"), humanize.Figure(sc.RPS), t.Max, t.Max, verdictClause(sc.Verdict))
		}
	},
}

var ruleASGMinBelowAverage = &Rule{
	ID:       "ASG005",
	Name:     "autoscaling-min-below-average-need",
	Severity: Warning,
	Requires: []Need{NeedCapacity},
	Summary:  "An autoscaling group's min is below the instances the average load needs",
	Docs: `Scaling out takes minutes (alarm, launch, boot, health checks). A group
whose minimum cannot carry the average load spends most of the day
scaling out after the fact, with requests queueing meanwhile.

Fix: raise autoscaling.min to at least the NEEDED count of the average row
of infralint capacity.`,
	Check: func(p *Pass) {
		for _, t := range p.Capacity.Tiers {
			sc := t.Scenario(capacity.ScenarioAverage)
			if !t.Autoscaling || sc == nil || sc.Needed == 0 || t.Min >= sc.Needed {
				continue
			}
			p.Report(componentPath(t.Name, "autoscaling", "min"), fmt.Sprintf("set autoscaling.min to at least %d", sc.Needed),
				"tier %q needs %s for the average load (%s rps) but keeps a minimum of %d (at %d it %s)",
				t.Name, humanize.Plural(sc.Needed, "instance"), humanize.Figure(sc.RPS), t.Min, t.Min, verdictClause(sc.Verdict))
		}
	},
}
