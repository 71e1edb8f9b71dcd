package rules

import (
	"maps"
	"strings"
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
// pricing; the embedded snapshot's value, karpenter's of 2026-07-20,
// catalog/README.md) × 730 h: 18 × 0.096 × 730 = $1,261.44, a warning
// (at least the default $250).
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
	const want = `tier "web" keeps 20 instances of m5.large running, and even at peak (100 req/s) they would be 1.3% utilised, under half the 70% target; 2 would do and save $1,261.44 a month; prices as of 2026-07-20 (karpenter)`
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

// TestCostSeverityBySaving: a COST finding is a warning from
// thresholds.cost_warning_usd a month saved (default $250), info below,
// so the bigger saving is never the milder finding (the COST001
// warning for $1,121 beside a COST002 info for $1,962). Savings by hand at
// us-east-1 on-demand prices (karpenter 2026-07-20, catalog/README.md),
// 730 h, gp3 root volumes of 20 GB at $0.08 a GB-month (infracost-tests,
// read 2026-11-26): "web" drops 18 m5.large, 18 × 0.096 × 730 =
// $1,261.44 (COST001), or at 2 instances moves to m7a.medium at $0.05796:
// 2 × 0.096 × 730 + 3.20 = $143.36 against 2 × 0.05796 × 730 + 3.20 =
// $87.82, $55.54 saved (COST002); "app" (COST002's case) moves from
// c5.xlarge at $0.17 to c5.large at $0.085: 0.085 × 730 = $62.05 saved.
func TestCostSeverityBySaving(t *testing.T) {
	s := loadFile(t, "sev.cue", []byte(`name: "sev"
region: "us-east-1"
workload: {avg_rps: 20, peak_rps: 60, slo_p99_ms: 300}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	web: {
		kind: "compute", instance_type: "m5.large", count: 20
		workers: threads: 8
		demand: cpu_ms: 5
	}
	app: {
		kind: "compute", subnet: "public", instance_type: "c5.xlarge", count: 1
		workers: {processes: 4, threads: 4}
		demand: {cpu_ms: 20, wait_ms: 5}
	}
}
`))
	in := inputWithCost(t, s)
	type key struct{ rule, tier string }
	savings := map[key]string{
		{"COST001", "web"}: "save $1,261.44 a month",
		{"COST002", "web"}: "(saves $55.54)",
		{"COST002", "app"}: "(saves $62.05)",
	}
	for _, tc := range []struct {
		threshold float64
		want      map[key]Severity
	}{
		{0, map[key]Severity{{"COST001", "web"}: Warning, {"COST002", "web"}: Info, {"COST002", "app"}: Info}},
		{1500, map[key]Severity{{"COST001", "web"}: Info, {"COST002", "web"}: Info, {"COST002", "app"}: Info}},
		{60, map[key]Severity{{"COST001", "web"}: Warning, {"COST002", "web"}: Info, {"COST002", "app"}: Warning}},
		{55, map[key]Severity{{"COST001", "web"}: Warning, {"COST002", "web"}: Warning, {"COST002", "app"}: Warning}},
	} {
		res := Run(in, Options{CostWarningUSD: tc.threshold})
		got := map[key]Severity{}
		for _, f := range res.Findings {
			if f.RuleID != "COST001" && f.RuleID != "COST002" {
				continue
			}
			tier := strings.Split(f.Path, ".")[1]
			k := key{f.RuleID, tier}
			got[k] = f.Severity
			if !strings.Contains(f.Message, savings[k]) {
				t.Errorf("%v: %q lacks %q", k, f.Message, savings[k])
			}
		}
		if !maps.Equal(got, tc.want) {
			t.Errorf("threshold $%v: %v, want %v", tc.threshold, got, tc.want)
		}
	}
}
