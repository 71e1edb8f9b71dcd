package rules

import (
	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/schema"
)

var ruleDeployIncompatible = &Rule{
	ID:       "DEPLOY001",
	Name:     "incompatible-versions-side-by-side",
	Severity: Error,
	Summary:  "A deploy strategy runs old and new versions together for a change that is not backward compatible",
	Docs: `In-place (detach half the instances, deploy, reattach), rolling and
server-level blue/green deploys all run the old and the new version side by
side for a while, behind the same load balancer and against the same
database. So does in-server blue/green on several servers, each switching
at its own moment. That only works when the two versions can coexist: same
schema, same API, same session format.

Fix: make the change backward compatible (expand, migrate, contract), or use
a strategy that switches all traffic at once.`,
	Check: func(p *Pass) {
		for _, c := range p.Stack.OfKind(schema.KindCompute) {
			d := c.Compute.Deploy
			if d == nil || d.BackwardCompatible {
				continue
			}
			if d.Strategy == schema.DeployInServerBlueG && c.Compute.Instances() == 1 {
				// One server switches every connection at once; on several
				// servers each switches at its own moment, so the versions
				// do serve side by side.
				continue
			}
			if detachesAll(c.Compute) {
				// Nothing old keeps serving while the new version starts:
				// an outage (DEPLOY003), not two versions side by side.
				continue
			}
			p.Report(componentPath(c.Name, "deploy", "backward_compatible"), "split the change into backward-compatible steps",
				"%q deploys %s, which runs old and new versions side by side, but the change is not backward compatible", c.Name, d.Strategy)
		}
	},
}

var ruleDeployRestart = &Rule{
	ID:       "DEPLOY002",
	Name:     "in-server-switch-restarts",
	Severity: Error,
	Summary:  "An in-server blue/green deploy restarts the web server instead of reloading it",
	Docs: `In-server blue/green starts the new version on another port and switches the
web server's upstream to it. Connections already open must be allowed to
finish, and only new ones go to the new version: a reload does that, a
restart drops every request in flight, which is the downtime the deploy was
meant to avoid.

Fix: deploy.switch: "reload".`,
	Check: func(p *Pass) {
		for _, c := range p.Stack.OfKind(schema.KindCompute) {
			d := c.Compute.Deploy
			if d != nil && d.Strategy == schema.DeployInServerBlueG && d.Switch == "restart" {
				p.Report(componentPath(c.Name, "deploy", "switch"), `set switch: "reload"`,
					"%q switches ports with a restart: open connections are dropped", c.Name)
			}
		}
	},
}

var ruleDeploySingle = &Rule{
	ID:       "DEPLOY003",
	Name:     "single-instance-detach-deploy",
	Severity: Error,
	Summary:  "A single instance is deployed by detaching it",
	Docs: `In-place and rolling deploys take instances out of the load balancer while
they are updated. With one instance there is nothing left to serve: every
deploy is an outage.

Fix: run at least two instances, or use in-server blue/green (new version on
another port, switch with a reload).`,
	Check: func(p *Pass) {
		for _, c := range p.Stack.OfKind(schema.KindCompute) {
			d := c.Compute.Deploy
			if d == nil || !detachesAll(c.Compute) {
				continue
			}
			if n := c.Compute.Instances(); n > 1 {
				p.Report(componentPath(c.Name, "deploy", "batch"), "use a batch smaller than the instance count",
					"%q deploys in rolling batches of %d but runs %s: every instance is detached at once", c.Name, d.Batch, humanize.Plural(n, "instance"))
				continue
			}
			p.Report(componentPath(c.Name, "deploy", "strategy"), `use strategy: "in-server-blue-green" or run two instances`,
				"%q has one instance and deploys %s: the service is down during every deploy", c.Name, d.Strategy)
		}
	},
}

// deployCapacityFix offers what the strategy can change: an in-place deploy
// always detaches half, so it has no batch to shrink; more instances help
// only when some fleet size holds (needed > 0).
func deployCapacityFix(strategy string, needed int) string {
	more := ""
	if needed > 0 {
		more = ", or run " + humanize.Plural(needed, "instance")
	}
	if strategy == schema.DeployRolling {
		return "use smaller batches or blue/green" + more
	}
	return `deploy with strategy: "rolling" in small batches, or blue/green` + more
}

// detachesAll reports whether a deploy takes every instance out of service
// at once: in-place or rolling with one instance, or a rolling batch as
// large as the tier.
func detachesAll(c *schema.Compute) bool {
	n := c.Instances()
	switch c.Deploy.Strategy {
	case schema.DeployInPlace:
		return n == 1
	case schema.DeployRolling:
		return n == 1 || c.Deploy.Batch >= n
	}
	return false
}

var ruleDeployCapacity = &Rule{
	ID:       "DEPLOY004",
	Name:     "deploy-leaves-too-little-capacity",
	Severity: Warning,
	Requires: []Need{NeedCapacity},
	Summary:  "The deploy strategy detaches so many instances that the rest cannot hold the peak",
	Docs: `An in-place deploy detaches half of the instances at a time, and a rolling
deploy one batch. The instances left in service carry the whole load for
the deploy window. If they saturate or miss the SLO at peak while the full
fleet does not, every deploy is an incident waiting for a busy hour.
(A single instance detached is reported by DEPLOY003.)

Fix: a rolling deploy with smaller batches (an in-place deploy has no
batch to shrink: it always detaches half), blue/green, or more instances;
or deploy only off-peak and say so with a suppression.`,
	Check: func(p *Pass) {
		for _, t := range p.Capacity.Tiers {
			peak, dep := t.Scenario(capacity.ScenarioPeak), t.Scenario(capacity.ScenarioDeploy)
			if peak == nil || dep == nil || dep.Instances < 1 ||
				dep.Verdict.Rank() < capacity.VerdictSLOMissed.Rank() || dep.Verdict.Rank() <= peak.Verdict.Rank() {
				continue
			}
			p.Report(componentPath(t.Name, "deploy", "strategy"), deployCapacityFix(t.Deploy, dep.Needed),
				"tier %q: the %s deploy leaves %d of %s in service and at peak the tier %s; %s",
				t.Name, t.Deploy, dep.Instances, humanize.Plural(peak.Instances, "instance"), verdictClause(dep.Verdict), fleetNeeded(dep.Needed))
		}
	},
}
