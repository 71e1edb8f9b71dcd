package fit

import (
	"fmt"
	"math"
	"testing"

	"github.com/infralint/infralint/internal/testload"
	"github.com/infralint/infralint/simulate"
)

// simulatedSamples measures a known tier the way a load test would: the
// simulator (package simulate, which shares no code with this fit) runs
// one c5.large (2 vCPUs) with 16 workers at each rate and reports its CPU
// utilisation, p50 and p99. Seed 20261202, 300,000 requests per rate.
func simulatedSamples(t *testing.T, cpuMs, waitMs, cv float64, rates []float64) []Sample {
	t.Helper()
	var out []Sample
	for i, rps := range rates {
		src := fmt.Sprintf(`name: "fit"
region: "us-east-1"
workload: {avg_rps: %[1]g, peak_rps: %[1]g, slo_p99_ms: 10000}
network: azs: ["us-east-1a", "us-east-1b"]
components: app: {
	kind: "compute", subnet: "private", instance_type: "c5.large", count: 1
	workers: {processes: 1, threads: 16}
	demand: {cpu_ms: %[2]g, wait_ms: %[3]g, cv: %[4]g}
}
`, rps, cpuMs, waitMs, cv)
		s := testload.Source(t, "fit.cue", src)
		res, err := simulate.Run(s, []simulate.Scenario{{Kind: "peak", RPS: rps, Instances: map[string]int{"app": 1}}},
			simulate.Options{Requests: 300_000, Seed: 20261202})
		if err != nil {
			t.Fatal(err)
		}
		f := res.Tier("app").Scenario("peak")
		out = append(out, Sample{Line: i + 2, RPS: rps, Utilisation: f.CPUUtilization.Value, P50ms: f.P50.Value, P99ms: f.P99.Value})
	}
	return out
}

// The fit recovers the demand a simulated tier was given. The utilisation
// law is exact, so cpu_ms must come back within 2 %; wait_ms and cv rest
// on the gamma fit of the holding time (the sum of two gammas is not one)
// and on the little CPU queueing at 5–10 % CPU: within 5 % and 15 %.
func TestFitDemandRecoversSimulatedTier(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates 1.5 M requests")
	}
	cases := []struct{ cpu, wait, cv float64 }{
		{4, 20, 0.5}, // wait-dominated
		{10, 5, 1},   // CPU-dominated, exponential
		{5, 0, 0.3},  // CPU only
	}
	for _, c := range cases {
		// Rates from 5 % to 70 % CPU on 2 vCPUs.
		var rates []float64
		for _, u := range []float64{0.05, 0.1, 0.3, 0.5, 0.7} {
			rates = append(rates, u*2*1000/c.cpu)
		}
		d, err := FitDemand(simulatedSamples(t, c.cpu, c.wait, c.cv, rates), 2)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("given cpu %g wait %g cv %g: fitted %s (holding %.3f ms cv %.3f), R² %.5f, warnings %q",
			c.cpu, c.wait, c.cv, d.Paste(), d.HoldingMs, d.HoldingCV, d.RSquared, d.Warnings)
		if rel(d.CPUms.Value, c.cpu) > 0.02 || c.cpu < d.CPUms.Lo || c.cpu > d.CPUms.Hi {
			t.Errorf("cpu_ms %.4f [%.4f, %.4f], given %g", d.CPUms.Value, d.CPUms.Lo, d.CPUms.Hi, c.cpu)
		}
		if math.Abs(d.WaitMs-c.wait) > 0.05*(c.cpu+c.wait) {
			t.Errorf("wait_ms %.3f, given %g", d.WaitMs, c.wait)
		}
		if math.Abs(d.CV-c.cv) > 0.15*c.cv {
			t.Errorf("cv %.3f, given %g", d.CV, c.cv)
		}
	}
}

func rel(got, want float64) float64 { return math.Abs(got-want) / want }
