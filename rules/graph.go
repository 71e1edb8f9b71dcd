package rules

import "github.com/infralint/infralint/schema"

var ruleGraphUnreached = &Rule{
	ID:       "GRAPH001",
	Name:     "tier-without-traffic",
	Severity: Warning,
	Summary:  "No traffic reaches a compute tier",
	Docs: `Traffic enters at the stack's entry points (workload.entries; by default
every CDN and every internet-facing load balancer that is not a CDN's
origin) and moves on through CDN origins, load balancer targets and the
calls of compute tiers. A tier that none of these lead to is modelled at
0 requests per second: its capacity figures say "ok" whatever it would
face, and the load it passes to its databases and the tiers it calls is
missing from theirs. Usually a route is missing from the stack file: an
internal load balancer no tier calls, a second entry point not listed, a
service another one calls without a calls entry.

Fix: route traffic to the tier (a load balancer's targets, another tier's
calls, or workload.entries with its share), or mark it standby: true when
it is idle on purpose (a standby or disaster-recovery fleet).

A jobs tier (serves: "jobs") is reached by a queue that lists it in its
consumers and that some tier calls, or by its own jobs.per_s. A tier that
serves nothing, or TCP without a demand, is not modelled and not judged.

Fix for a jobs tier: list it in a queue's consumers and call that queue
from the producing tier, or declare jobs.per_s.`,
	Check: func(p *Pass) {
		reached := p.Stack.Reached()
		for _, c := range p.Stack.OfKind(schema.KindCompute) {
			if reached[c.Name] || c.Compute.Standby || !c.Compute.Modelled() {
				continue
			}
			if c.Compute.Serves == schema.ServesJobs {
				p.Report(componentPath(c.Name), "list it in a queue's consumers and call that queue from the producing tier, or declare jobs.per_s",
					"no jobs reach tier %q: no queue a tier calls hands it jobs and it declares no jobs.per_s, so the capacity model sees it at 0 jobs/s", c.Name)
				continue
			}
			p.Report(componentPath(c.Name), "route traffic to it (a load balancer's targets, a tier's calls or workload.entries), or set standby: true if it idles on purpose",
				"no traffic reaches tier %q: no entry point, load balancer or call leads to it, so the capacity model sees it at 0 rps", c.Name)
		}
	},
}
