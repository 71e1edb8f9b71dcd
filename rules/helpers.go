package rules

import (
	"fmt"

	"github.com/infralint/infralint/schema"
)

// Helpers shared by the rules of several families.

func pct(x float64) string { return fmt.Sprintf("%.0f%%", x*100) }

func num(x float64) string { return fmt.Sprintf("%.4g", x) }

func fleetNeeded(n int) string {
	if n == 0 {
		return "no fleet size avoids it"
	}
	return fmt.Sprintf("a fleet of %d would hold", n)
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
