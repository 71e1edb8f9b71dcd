package capacity

import (
	"fmt"
	"testing"
)

// TestMMCStackIsQsmmm: a stack whose pool is exactly M/M/c — exponential
// CPU-only requests (cv 1), no contention, at most as many workers as
// vCPUs (so no CPU queue) — still reproduces octave-queueing's qsmmm to
// 1e-9 (the rows of TestMMCOctave), and its p99 is the M/M/c one
// (checked against mpmath in TestPercentileMpmath).
func TestMMCStackIsQsmmm(t *testing.T) {
	for _, tt := range []struct {
		row          int // of octaveCases
		typ          string
		cpuMs        float64
		workers, rps int
	}{
		{0, "c5.xlarge", 40, 4, 80},      // qsmmm(80, 25, 4)
		{3, "m5.16xlarge", 1000, 64, 50}, // c = 64, ρ = 0.78
	} {
		oc := octaveCases[tt.row]
		src := fmt.Sprintf(`name: "mmc"
region: "us-east-1"
workload: {avg_rps: %[4]d, peak_rps: %[4]d, slo_p99_ms: 100000}
network: azs: ["us-east-1a", "us-east-1b"]
components: app: {kind: "compute", subnet: "private", instance_type: %[1]q, count: 1
	workers: {processes: 1, threads: %[3]d}
	demand: {cpu_ms: %[2]g, cv: 1}}
`, tt.typ, tt.cpuMs, tt.workers, tt.rps)
		res, err := Analyze(load(t, "mmc.cue", src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		sc := res.Tier("app").Scenario(ScenarioPeak)
		checkRel(t, oc.name+" worker utilisation", sc.WorkerUtilization, oc.U, 1e-9)
		checkRel(t, oc.name+" P(wait)", sc.WaitProbability, oc.pm, 1e-9)
		checkRel(t, oc.name+" mean", sc.MeanMs/1000, oc.R, 1e-9)
		m, _ := NewMMC(oc.lambda, oc.mu, oc.c)
		p99, _ := m.ResponsePercentile(0.99)
		checkRel(t, oc.name+" p99", sc.P99Ms/1000, p99, 1e-9)
	}
}
