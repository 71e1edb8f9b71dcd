package rules

import (
	"testing"

	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/rightsize"
	"github.com/infralint/infralint/schema"
)

// inputWithCost is inputWithCapacity plus the cost estimate, as the check
// command builds it.
func inputWithCost(t *testing.T, s *schema.Stack) *Input {
	t.Helper()
	in := inputWithCapacity(t, s)
	in.RightSizing = rightsize.Plan(s, in.Capacity, nil, rightsize.Options{Alternatives: true})
	in.Cost = pricing.Price(s, nil, pricing.Options{Instances: in.RightSizing.Instances})
	return in
}
