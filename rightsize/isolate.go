package rightsize

import (
	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/schema"
)

// Each sweep point of a tier is a capacity analysis, and an analysis of
// the whole stack costs O(tiers): sweeping every tier that way made the
// report quadratic (3,000 tiers: minutes). A tier that shares nothing
// with another is swept on a stack of its own instead, which gives the
// same figures at the cost of one tier.

// isolateTiers can be turned off by tests, to compare with sweeps of the
// whole stack.
var isolateTiers = true

// referrers maps each component to the components whose calls or hosts
// name it.
func referrers(s *schema.Stack) map[string][]string {
	refs := map[string][]string{}
	for _, name := range s.Names() {
		c := s.Components[name]
		if c.Compute == nil {
			continue
		}
		for _, call := range c.Compute.Calls {
			refs[call.Target] = append(refs[call.Target], name)
		}
		for _, h := range c.Compute.Hosts {
			refs[h] = append(refs[h], name)
		}
	}
	return refs
}

// isolated returns a stack of compute tier t alone with the databases and
// caches it calls or hosts, whose workload enters at t with the rates the
// whole stack brings it, at peak and on average. Scaling that workload
// scales t's rates as scaling the whole stack's does (traffic is spread
// linearly), and nothing outside changes t's figures. ok is false, and
// the whole stack must be swept, when something is shared: another tier
// calls or hosts one of t's databases or caches, or calls t; and when t
// calls a load balancer or a compute tier, whose response is part of t's
// own and whose load a swept workload changes with the rest of the graph.
func isolated(s *schema.Stack, t *capacity.Tier, refs map[string][]string) (*schema.Stack, bool) {
	c := s.Components[t.Name]
	peak, avg := t.Scenario(capacity.ScenarioPeak), t.Scenario(capacity.ScenarioAverage)
	if !isolateTiers || c == nil || c.Compute == nil || peak == nil || avg == nil || len(refs[t.Name]) > 0 {
		return nil, false
	}
	s2 := *s
	s2.Components = map[string]*schema.Component{t.Name: c}
	deps := make([]string, 0, len(c.Compute.Calls)+len(c.Compute.Hosts))
	for _, call := range c.Compute.Calls {
		deps = append(deps, call.Target)
	}
	deps = append(deps, c.Compute.Hosts...)
	for _, d := range deps {
		for _, r := range refs[d] {
			if r != t.Name {
				return nil, false
			}
		}
		dc, ok := s.Components[d]
		if !ok || (dc.Database == nil && dc.Cache == nil) {
			return nil, false
		}
		s2.Components[d] = dc
	}
	s2.Workload.Entry, s2.Workload.Entries = t.Name, nil
	s2.Workload.PeakRPS, s2.Workload.AvgRPS = peak.RPS, avg.RPS
	return &s2, true
}
