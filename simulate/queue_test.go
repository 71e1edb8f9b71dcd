package simulate

import (
	"fmt"
	"math"
	"testing"

	"github.com/infralint/infralint/internal/testload"
)

// One compute tier that takes the whole workload (no load balancer); every
// queue test runs seed 20261202, 400,000 requests unless it says otherwise,
// and checks the exact value against the 95 % batch-means interval.
func oneTier(t *testing.T, rps float64, instance string, procs, threads int, cpuMs, cv float64) *Result {
	t.Helper()
	return oneTierN(t, 400_000, rps, instance, procs, threads, cpuMs, cv)
}

func oneTierN(t *testing.T, requests int, rps float64, instance string, procs, threads int, cpuMs, cv float64) *Result {
	t.Helper()
	src := fmt.Sprintf(`name: "q"
region: "us-east-1"
workload: {avg_rps: %[1]g, peak_rps: %[1]g, slo_p99_ms: 1000}
network: azs: ["us-east-1a", "us-east-1b"]
components: app: {
	kind: "compute", subnet: "private", instance_type: %[2]q, count: 1
	workers: {processes: %[3]d, threads: %[4]d}
	demand: {cpu_ms: %[5]g, cv: %[6]g}
}
`, rps, instance, procs, threads, cpuMs, cv)
	s := testload.Source(t, "q.cue", src)
	res, err := Run(s, []Scenario{{Kind: "peak", RPS: rps, Instances: map[string]int{"app": 1}}}, Options{Requests: requests, Seed: 20261202})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// within asserts the exact value lies in the simulation's 95 % interval
// (widened by 1 % of the value for the histogram's bin width).
func within(t *testing.T, what string, e Estimate, exact float64) {
	t.Helper()
	t.Logf("%s: simulated %.4f ± %.4f, exact %.4f", what, e.Value, e.HalfWidth, exact)
	if math.Abs(e.Value-exact) > e.HalfWidth+0.01*exact {
		t.Errorf("%s: simulated %.4f ± %.4f, exact %.4f", what, e.Value, e.HalfWidth, exact)
	}
}

// erlangC is the M/M/c waiting probability, by the textbook sum
// (Harchol-Balter, Performance Modeling and Design of Computer Systems,
// 2013, §14.5; Kleinrock vol. 1 §3.5): C = (a^c/c!)/(1−ρ) / (Σ_{k<c}
// a^k/k! + (a^c/c!)/(1−ρ)), a = λ/μ, ρ = a/c.
func erlangC(c int, a float64) float64 {
	sum, term := 0.0, 1.0
	for k := 0; k < c; k++ {
		sum += term
		term *= a / float64(k+1)
	}
	last := term / (1 - a/float64(c))
	return last / (sum + last)
}

// M/M/4: 4 vCPUs (c5.xlarge), exponential 5 ms bursts, 256 workers so the
// worker pool never queues; R = C/(cμ−λ) + 1/μ.
func TestMMC(t *testing.T) {
	lambda, s := 640.0, 0.005 // ρ = 0.8
	res := oneTier(t, lambda, "c5.xlarge", 1, 256, 5, 1)
	f := res.Tier("app").Scenario("peak")
	c := erlangC(4, lambda*s)
	wq := c / (4/s - lambda)
	within(t, "M/M/4 mean ms", f.Mean, (wq+s)*1000)
	within(t, "M/M/4 CPU utilisation", f.CPUUtilization, lambda*s/4)
}

// M/D/1: one worker, deterministic 10 ms; Pollaczek–Khinchine mean wait
// ρS/(2(1−ρ)) (Kleinrock vol. 1, §5.7).
func TestMD1(t *testing.T) {
	lambda, s := 70.0, 0.010 // ρ = 0.7
	res := oneTier(t, lambda, "c5.xlarge", 1, 1, 10, 0)
	f := res.Tier("app").Scenario("peak")
	rho := lambda * s
	within(t, "M/D/1 mean ms", f.Mean, (s+rho*s/(2*(1-rho)))*1000)
	within(t, "M/D/1 worker utilisation", f.WorkerUtilization, rho)
}

// M/G/1 with gamma service of cv 2: P-K mean wait λE[S²]/(2(1−ρ)),
// E[S²] = S²(1 + cv²).
func TestMG1Gamma(t *testing.T) {
	for _, cv := range []float64{0.5, 2} {
		lambda, s := 60.0, 0.010 // ρ = 0.6
		res := oneTier(t, lambda, "c5.xlarge", 1, 1, 10, cv)
		f := res.Tier("app").Scenario("peak")
		rho := lambda * s
		within(t, fmt.Sprintf("M/G/1 cv %g mean ms", cv), f.Mean, (s+lambda*s*s*(1+cv*cv)/(2*(1-rho)))*1000)
	}
}

// M/M/1: one worker, exponential 10 ms (4 vCPUs, so the CPU never queues).
// The sojourn is exponential with rate μ−λ (Kleinrock vol. 1, §3.2;
// Harchol-Balter 2013, ch. 14): mean 1/(μ−λ), p99 ln(100)/(μ−λ).
// Seed 20261202, 4,000,000 requests (at 400,000 this seed's p99 was
// 147.1 ± 4.0, 1.6 half-widths low; 4 M at seeds 1–3 gave 153.4, 153.4,
// 152.1 ± 2.3), 95 % batch-means interval.
func TestMM1(t *testing.T) {
	lambda, s := 70.0, 0.010 // ρ = 0.7
	res := oneTierN(t, 4_000_000, lambda, "c5.xlarge", 1, 1, 10, 1)
	f := res.Tier("app").Scenario("peak")
	within(t, "M/M/1 mean ms", f.Mean, 1000/(1/s-lambda))
	within(t, "M/M/1 p99 ms", f.P99, 1000*math.Log(100)/(1/s-lambda))
}
