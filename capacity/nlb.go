package capacity

import (
	"sort"

	"github.com/infralint/infralint/schema"
)

// pinningNLBs records, on every autoscaling tier behind a network load
// balancer, that NLB's name. An NLB balances connections, not requests:
// long-lived HTTP/2 or gRPC clients stay on the instances they first
// reached, so instances added by scaling get no traffic until clients
// reconnect. The model still splits requests evenly over the instances in
// service; the capacity output says where that assumption is weak.
func (a *analysis) pinningNLBs() {
	for _, lb := range a.s.OfKind(schema.KindLB) {
		if lb.LB.Type != "nlb" {
			continue
		}
		for _, target := range lb.LB.Targets {
			m, ok := a.tiers[target]
			if !ok || !m.out.Autoscaling || m.out.Max <= m.out.Min {
				continue
			}
			m.out.PinnedBy = append(m.out.PinnedBy, lb.Name)
		}
	}
	for _, m := range a.tiers {
		sort.Strings(m.out.PinnedBy)
	}
}
