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

// TestCostOverProvisionedMessage checks COST001's figures, printed as the
// tables print them (package humanize). 20 m5.large at 100 rps × 5 ms of
// CPU: 0.5 CPU-seconds a second over 40 vCPUs is 1.25% busy, "1.3%" once
// rounded half up to a tenth. Two AZs keep two instances, so 18 go, at
// m5.large's us-east-1 on-demand list price of $0.096 an hour (AWS EC2
// pricing; the embedded snapshot's value, catalog/README.md) × 730 h:
// 18 × 0.096 × 730 = $1,261.44.
func TestCostOverProvisionedMessage(t *testing.T) {
	s := loadFile(t, "big.cue", []byte(`name: "big"
region: "us-east-1"
workload: {avg_rps: 40, peak_rps: 100, slo_p99_ms: 300}
network: azs: ["us-east-1a", "us-east-1b"]
components: web: {
	kind: "compute", instance_type: "m5.large"
	count: 20
	workers: threads: 8
	demand: cpu_ms: 5
}
`))
	const want = `tier "web" keeps 20 instances of m5.large running, and even at peak (100 req/s) they would be 1.3% utilised, under half the 70% target; 2 would do and save $1,261.44 a month`
	res := Run(inputWithCost(t, s), Options{})
	for _, f := range res.Findings {
		if f.RuleID == "COST001" {
			if f.Message != want {
				t.Errorf("COST001 message:\n got %s\nwant %s", f.Message, want)
			}
			return
		}
	}
	t.Fatalf("no COST001 finding in %v", res.Findings)
}
