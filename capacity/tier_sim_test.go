package capacity

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/infralint/infralint/internal/testload"
	"github.com/infralint/infralint/simulate"
)

// The blocking tier model against package simulate, a seeded
// discrete-event simulation of the same stack that shares no code with
// this package (simulate never imports capacity). The stacks are issue
// 14's: the 4 × c5.xlarge tier (16 workers, 10 ms CPU on 4 vCPUs, 3 × 2 ms
// queries, 20 ms wait) at 600 and 1,300 rps and cv 0, 0.3, 1, 2; a
// deterministic 100 ms request at 0.1 % load; the Java service with
// σ 0.03, κ 0.0004 at 2 rps (200 threads, and CAP004's 49); 4 workers on
// one vCPU with 5 ms of CPU at 90 % CPU, and 2 ms CPU + 20 ms wait.
//
// Simulation: seed simSeed, simRequests requests per case, batch means
// (20 batches after a 10 % warm-up, 95 % t-intervals; docs/simulation.md).
// The target: mean within 5 %, p99 within 15 %; each bound is
// widened by the simulation's own half-width. INFRALINT_SIM_TABLE=FILE
// writes the Markdown table of docs/capacity-model.md.

const (
	simSeed     = 20261202
	simRequests = 400_000
)

type simCase struct {
	name    string
	src     string
	tier    string
	rps     float64
	n       int
	meanTol float64 // relative, before the simulation's half-width
	p99Tol  float64
}

func web4(rps float64, cv float64) simCase {
	return simCase{name: fmt.Sprintf("4 × c5.xlarge, %g rps, cv %g", rps, cv), tier: "app", rps: rps, n: 4,
		meanTol: 0.05, p99Tol: 0.15, src: fmt.Sprintf(`name: "web4"
region: "us-east-1"
workload: {avg_rps: %[1]g, peak_rps: %[1]g, slo_p99_ms: 10000}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	app: {kind: "compute", subnet: "private", instance_type: "c5.xlarge", count: 4
		workers: {processes: 1, threads: 16}
		demand: {cpu_ms: 10, wait_ms: 20, cv: %[2]g}
		calls: [{target: "db", per_request: 3, tls: true}]}
	db: {kind: "database", engine: "postgres", instance_class: "db.r5.4xlarge", multi_az: true,
		encrypted_at_rest: true, require_tls: true, ingress: ["app"], query_ms: 2}
}
`, rps, cv)}
}

func oneTier(name, typ string, threads int, cpu, wait, cv, sigma, kappa, rps float64) simCase {
	return simCase{name: name, tier: "app", rps: rps, n: 1, meanTol: 0.05, p99Tol: 0.15, src: fmt.Sprintf(`name: "one"
region: "us-east-1"
workload: {avg_rps: %[7]g, peak_rps: %[7]g, slo_p99_ms: 10000}
network: azs: ["us-east-1a", "us-east-1b"]
components: app: {kind: "compute", subnet: "private", instance_type: %[1]q, count: 1
	workers: {processes: 1, threads: %[2]d}
	demand: {cpu_ms: %[3]g, wait_ms: %[4]g, cv: %[5]g}
	contention: {sigma: %[6]g, kappa: %[8]g}}
`, typ, threads, cpu, wait, cv, sigma, rps, kappa)}
}

func simCases() []simCase {
	var cs []simCase
	for _, rps := range []float64{600, 1300} {
		for _, cv := range []float64{0, 0.3, 1, 2} {
			cs = append(cs, web4(rps, cv))
		}
	}
	return append(cs,
		oneTier("100 ms deterministic, ρ 0.001", "m5.large", 10, 1, 99, 0, 0, 0, 0.1),
		oneTier("Java σ 0.03 κ 0.0004, 200 threads, 2 rps", "m5.large", 200, 4, 100, 1, 0.03, 0.0004, 2),
		oneTier("Java σ 0.03 κ 0.0004, 49 threads, 2 rps", "m5.large", 49, 4, 100, 1, 0.03, 0.0004, 2),
		oneTier("Java σ 0.03 κ 0.0004, 49 threads, 100 rps", "m5.large", 49, 4, 100, 1, 0.03, 0.0004, 100),
		oneTier("σ 0.02 κ 0.001, 16 workers, 4 ms CPU + 6 ms wait, cv 0.7, 300 rps", "c5.xlarge", 16, 4, 6, 0.7, 0.02, 0.001, 300),
		// 17 % and 22 % low on the mean until the CPU's stretch was the
		// open queue's (pool.go, openStretch); now −4.8 % and −4.8 %.
		oneTier("c5.large, 8 workers, 8 ms CPU + 10 ms wait, cv 1.5, 80 % CPU", "c5.large", 8, 8, 10, 1.5, 0, 0, 200),
		oneTier("4 workers, 1 vCPU, 5 ms CPU, 90 % CPU", "t2.micro", 4, 5, 0, 1, 0, 0, 180),
		oneTier("4 workers, 1 vCPU, 2 ms CPU + 20 ms wait, cv 0", "t2.micro", 4, 2, 20, 0, 0, 0, 150),
	)
}

func TestTierMatchesSimulation(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates 13 stacks")
	}
	var table strings.Builder
	table.WriteString("| stack | model mean | sim mean ± 95 % | err | model p99 | sim p99 ± 95 % | err |\n|---|---|---|---|---|---|---|\n")
	for _, c := range simCases() {
		s := testload.Source(t, "sim.cue", c.src)
		res, err := Analyze(s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		sc := res.Tier(c.tier).Scenario(ScenarioPeak)
		sim, err := simulate.Run(s, []simulate.Scenario{{Kind: "peak", RPS: c.rps, Instances: map[string]int{c.tier: c.n}}},
			simulate.Options{Requests: simRequests, Seed: simSeed})
		if err != nil {
			t.Fatal(err)
		}
		f := sim.Tier(c.tier).Scenario("peak")
		if sc.Saturated || f.Saturated {
			t.Errorf("%s: saturated (model %v, simulation %v)", c.name, sc.Saturated, f.Saturated)
			continue
		}
		eMean := sc.MeanMs/f.Mean.Value - 1
		eP99 := sc.P99Ms/f.P99.Value - 1
		fmt.Fprintf(&table, "| %s | %.1f | %.1f ± %.1f | %+.1f %% | %.1f | %.1f ± %.1f | %+.1f %% |\n",
			c.name, sc.MeanMs, f.Mean.Value, f.Mean.HalfWidth, 100*eMean, sc.P99Ms, f.P99.Value, f.P99.HalfWidth, 100*eP99)
		if math.Abs(eMean) > c.meanTol+f.Mean.HalfWidth/f.Mean.Value {
			t.Errorf("%s: mean %.2f ms, simulated %.2f ± %.2f (%+.1f %%)", c.name, sc.MeanMs, f.Mean.Value, f.Mean.HalfWidth, 100*eMean)
		}
		if math.Abs(eP99) > c.p99Tol+f.P99.HalfWidth/f.P99.Value {
			t.Errorf("%s: p99 %.2f ms, simulated %.2f ± %.2f (%+.1f %%)", c.name, sc.P99Ms, f.P99.Value, f.P99.HalfWidth, 100*eP99)
		}
	}
	t.Log("\n" + table.String())
	if p := os.Getenv("INFRALINT_SIM_TABLE"); p != "" {
		if err := os.WriteFile(p, []byte(table.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
