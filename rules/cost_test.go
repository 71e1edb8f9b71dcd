package rules

import (
	"testing"

	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/schema"
)

// inputWithCost is inputWithCapacity plus the cost estimate, as the check
// command builds it.
func inputWithCost(t *testing.T, s *schema.Stack) *Input {
	t.Helper()
	in := inputWithCapacity(t, s)
	in.Cost = pricing.Price(s, nil, pricing.Options{})
	return in
}
