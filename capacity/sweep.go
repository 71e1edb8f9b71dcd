package capacity

import (
	"fmt"

	"github.com/infralint/infralint/schema"
)

// Sweep evaluates compute tier tier of s at peak load with each count of
// instances in service, for what-if plots (p99 and utilisation against
// instance count). Each scenario is what Analyze would report for the
// peak with that many instances, except that Needed is 0. A count below 1
// gives a saturated scenario (no instances). The error is Analyze's, or
// one naming an unknown tier.
func Sweep(s *schema.Stack, tier string, counts []int, opts Options) ([]*Scenario, error) {
	a, err := prepare(s, opts)
	if err != nil {
		return nil, err
	}
	m, ok := a.tiers[tier]
	if !ok {
		return nil, fmt.Errorf("%w: %q is not a compute tier of %s", ErrInvalid, tier, s.Name)
	}
	out := make([]*Scenario, len(counts))
	for i, n := range counts {
		out[i] = a.eval(m, ScenarioPeak, n, levelPeak)
	}
	return out, nil
}
