package capacity

import (
	"fmt"
	"testing"
)

// TestCAP004FixPassesCAP002: issue 14's Java service (σ 0.03, κ 0.0004,
// 2 rps, ~0.2 % busy). The model before derated every request by the
// whole pool's USL efficiency: mean 2,381 ms with 200 threads, and
// applying CAP004's advice (the USL peak, 49 threads) still left p99
// above the SLO, so CAP004 and CAP002 gave no path to a clean check. With
// contention by the requests in service, a request that runs alone is not
// slowed: both fleets answer in about the bare 104 ms (simulated 104.5 ±
// 0.4 ms, p99 468.7 ± 3.9 in TestTierMatchesSimulation) and the fix
// leaves no SLO miss.
func TestCAP004FixPassesCAP002(t *testing.T) {
	java := func(threads int) string {
		return fmt.Sprintf(`name: "java"
region: "us-east-1"
workload: {avg_rps: 1, peak_rps: 2, slo_p99_ms: 500}
network: azs: ["us-east-1a", "us-east-1b"]
components: app: {kind: "compute", subnet: "private", instance_type: "m5.large", count: 2
	workers: {processes: 1, threads: %d}
	demand: {cpu_ms: 4, wait_ms: 100}
	contention: {sigma: 0.03, kappa: 0.0004}}
`, threads)
	}
	res, err := Analyze(load(t, "java.cue", java(200)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	tier := res.Tier("app")
	if tier.USLPeakWorkers != 49 { // ⌊√(0.97/0.0004)⌋ = ⌊49.24⌋, X(49) > X(50)
		t.Fatalf("USL peak %d, want 49", tier.USLPeakWorkers)
	}
	res, err = Analyze(load(t, "java.cue", java(tier.USLPeakWorkers)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range res.Tier("app").Scenarios {
		if sc.Verdict == VerdictSLOMissed || sc.Saturated || sc.P99Ms > 500 {
			t.Errorf("%s with CAP004's 49 threads: %s, p99 %.1f ms (mean %.1f)", sc.Kind, sc.Verdict, sc.P99Ms, sc.MeanMs)
		}
		// Alone, a request takes its bare 104 ms: within 1 % of it.
		if sc.MeanMs < 104 || sc.MeanMs > 105.1 {
			t.Errorf("%s: mean %.2f ms, want about 104", sc.Kind, sc.MeanMs)
		}
	}
}
