package rules

import (
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/schema"
)

// Helpers shared by the rules of several families.

func fleetNeeded(n int) string {
	if n == 0 {
		return "no fleet size avoids it"
	}
	return "a fleet of " + humanize.Count(n) + " would hold"
}

// behindLB lists the compute components that some load balancer targets.
func behindLB(s *schema.Stack) []*schema.Component {
	targeted := map[string]bool{}
	for _, lb := range s.OfKind(schema.KindLB) {
		for _, t := range lb.LB.Targets {
			targeted[t] = true
		}
	}
	var out []*schema.Component
	for _, c := range s.OfKind(schema.KindCompute) {
		if targeted[c.Name] {
			out = append(out, c)
		}
	}
	return out
}
