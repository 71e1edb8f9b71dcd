package rightsize_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/internal/testload"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/rightsize"
)

// usageStack is one m5.large tier (2 vCPUs) behind nothing, at 40 rps
// average × 5 ms of CPU: 0.2 vCPU busy, so CPU tracking at 60% needs
// ⌈0.2 ÷ (2 × 0.6)⌉ = 1 instance; autoscaling is spliced in.
func usageStack(t *testing.T, autoscaling, workers string) string {
	t.Helper()
	if workers == "" {
		workers = "workers: threads: 8, demand: cpu_ms: 5"
	}
	return fmt.Sprintf(`name: "usage"
region: "us-east-1"
workload: {avg_rps: 40, peak_rps: 100, slo_p99_ms: 2000}
network: azs: ["us-east-1a", "us-east-1b"]
components: web: {
	kind: "compute", instance_type: "m5.large"
	autoscaling: %s
	%s
}
`, autoscaling, workers)
}

// TestUsage checks the average fleet each scaling setting bills against
// hand computations. Prices: m5.large $0.096 an hour in us-east-1 (AWS
// EC2 on-demand list price, the embedded snapshot's value from karpenter
// 2026-07-20; catalog/README.md), 730 h a month. Scheduled hours count
// the reference year 2025 (UTC): 365 days, 8,760 h, starting on a
// Wednesday, so 52 × 5 + 1 = 261 weekdays. AWS's scheduled actions set
// min and max, and desired only when given; the group's capacity moves
// only when it falls outside the new limits (EC2 Auto Scaling API
// reference, PutScheduledUpdateGroupAction; Application Auto Scaling
// user guide, "How scheduled scaling works").
func TestUsage(t *testing.T) {
	cases := []struct {
		name, autoscaling string
		workers           string // the tier's workers and demand, when not the usual
		avg, usd          float64
		basis             string
	}{{
		// No policy: the group stays at min, 2 × 0.096 × 730 = $140.16
		// (before, it was sized as if it tracked 60% CPU).
		name: "no policy", autoscaling: `{min: 2, max: 8}`,
		avg: 2, usd: 140.16, basis: "2 instances (no scaling policy: stays at min)",
	}, {
		name: "no policy, desired", autoscaling: `{min: 2, max: 8, desired: 3}`,
		avg: 3, usd: 210.24, basis: "3 instances (no scaling policy: stays at desired)",
	}, {
		// CPU tracking needs 1; min 2 holds.
		name: "cpu tracking", autoscaling: `{min: 2, max: 8, policy: cpu_target: 60}`,
		avg: 2, usd: 140.16, basis: "2 instances (average load needs 1 at the 60% CPU target; autoscaling min)",
	}, {
		// Worker-bound: one thread held 205 ms a request. CPU tracking
		// still needs 1 (min 2 holds), and that is what is billed; the
		// workers would need n with ρ = 40 × 0.205 ÷ n ≤ 0.7 and the
		// M/M/1 p99 −ln(0.01) × 0.205 ÷ (1 − ρ) ≤ 2 s, so ρ ≤ 0.528 and
		// n ≥ 8.2 ÷ 0.528 = 15.5: 16, which the basis line says.
		name: "worker-bound", autoscaling: `{min: 2, max: 40, policy: cpu_target: 60}`,
		workers: "workers: threads: 1, demand: {cpu_ms: 5, wait_ms: 200}",
		avg:     2, usd: 140.16, basis: "2 instances (average load needs 1 at the 60% CPU target; autoscaling min; its workers need 16 for the 70% utilisation target and the SLO, which CPU tracking does not launch)",
	}, {
		// One action setting min 6 holds all year once it has fired:
		// 6 × 0.096 × 730 = $420.48, $280.32 more than min 2 (the
		// issue's "at least $280 low").
		name: "one action", autoscaling: `{min: 2, max: 10, policy: {cpu_target: 60, schedule: [{cron: "0 8 * * MON-FRI", min: 6, max: 10}]}}`,
		avg: 6, usd: 420.48, basis: "6 instances (average load needs 1 at the 60% CPU target; schedule: 6 all year)",
	}, {
		// Weekdays 08:00–20:00 at min 6, the rest at min 2, CPU needing
		// 1: 261 × 12 = 3,132 h at 6 and 5,628 h at 2, 30,048
		// instance-hours a year, 2,504 a month (÷ 12): 2,504 × 0.096 =
		// $240.384; 30,048 ÷ 8,760 = 3.430 instances; 3,132 ÷ 8,760 =
		// 35.8% of hours.
		name: "business hours", autoscaling: `{min: 2, max: 10, policy: {cpu_target: 60, schedule: [
			{cron: "0 8 * * 1-5", min: 6, max: 10},
			{cron: "0 20 * * 1-5", min: 2, max: 10}]}}`,
		avg: 30048.0 / 8760, usd: 240.384, basis: "3.43 instances (average load needs 1 at the 60% CPU target; schedule: 6 for 35.8% of hours, 2 for 64.2%)",
	}, {
		// No tracking and no desired: lowering min at 20:00 leaves the 6
		// instances running (capacity is inside the new limits), so 6 all
		// year, $420.48.
		name: "schedule without desired", autoscaling: `{min: 2, max: 10, policy: schedule: [
			{cron: "0 8 * * *", min: 6, max: 10},
			{cron: "0 20 * * *", min: 2, max: 10}]}`,
		avg: 6, usd: 420.48, basis: "6 instances (schedule: 6 all year)",
	}, {
		// Desired set by each action: 12 h a day at 6, 12 at 2, average
		// 4, 4 × 0.096 × 730 = $280.32.
		name: "schedule with desired", autoscaling: `{min: 2, max: 10, policy: schedule: [
			{cron: "0 8 * * *", min: 2, max: 10, desired: 6},
			{cron: "0 20 * * *", min: 2, max: 10, desired: 2}]}`,
		avg: 4, usd: 280.32, basis: "4 instances (schedule: 6 for 50% of hours, 2 for 50%)",
	}, {
		// Lowering max pushes the fleet in: 6 from 08:00 to 20:00, then
		// max 3 until 08:00: 12 × 6 + 12 × 3 = 108 instance-hours a day,
		// 4.5 on average, 4.5 × 0.096 × 730 = $315.36.
		name: "max pushes in", autoscaling: `{min: 2, max: 10, policy: schedule: [
			{cron: "0 8 * * *", min: 6, max: 10},
			{cron: "0 20 * * *", min: 2, max: 3}]}`,
		avg: 4.5, usd: 315.36, basis: "4.5 instances (schedule: 6 for 50% of hours, 3 for 50%)",
	}, {
		// A cron every minute and one every hour: the minute one fires
		// last in every minute but :00 of each hour, where both fire and
		// the later in the list (min 3) wins for that minute only. So 3
		// for 1/60 of the hours, 5 for 59/60: 5 − 2/60 = 4.9667.
		name: "busy crons", autoscaling: `{min: 1, max: 10, policy: schedule: [
			{cron: "* * * * *", min: 5, max: 10, desired: 5},
			{cron: "0 * * * *", min: 3, max: 10, desired: 3}]}`,
		avg: 5 - 2.0/60, usd: (5 - 2.0/60) * 0.096 * 730, basis: "4.967 instances (schedule: 5 for 98.3% of hours, 3 for 1.7%)",
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := testload.Source(t, "usage.cue", usageStack(t, tc.autoscaling, tc.workers))
			model, err := capacity.Analyze(s, capacity.Options{})
			if err != nil {
				t.Fatal(err)
			}
			fleets := rightsize.Instances(s, model, nil)
			n := fleets["web"]
			if !near(n.Average, tc.avg) || n.Basis != tc.basis {
				t.Errorf("got %v %q\nwant %v %q", n.Average, n.Basis, tc.avg, tc.basis)
			}
			e := pricing.Price(s, nil, pricing.Options{Instances: fleets})
			for _, li := range e.Items {
				if strings.HasPrefix(li.Name, "instance hours") && !near(li.MonthlyUSD, tc.usd) {
					t.Errorf("instance hours: $%v, want $%v", li.MonthlyUSD, tc.usd)
				}
			}
		})
	}
}
