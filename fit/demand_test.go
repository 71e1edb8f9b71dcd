package fit

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// linearSamples are rates 50…400 rps on a 4-vCPU instance whose CPU is
// background + rps·cpuMs/(1000·4), plus normal noise of standard
// deviation noise (PCG seeded with seed).
func linearSamples(background, cpuMs, noise float64, seed uint64) []Sample {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var out []Sample
	for i, rps := range []float64{50, 100, 150, 200, 300, 400} {
		u := background + rps*cpuMs/4000 + noise*rng.NormFloat64()
		out = append(out, Sample{Line: i + 2, RPS: rps, Utilisation: u, P50ms: math.NaN(), P99ms: math.NaN()})
	}
	return out
}

// Exact data: the regression returns the line it was drawn from (cpu_ms
// 6, 3 % background, from the utilisation law U = U₀ + X·D/c), warns about
// the background, and leaves wait and cv unfitted.
func TestFitDemandExactLine(t *testing.T) {
	d, err := FitDemand(linearSamples(0.03, 6, 0, 1), 4)
	if err != nil {
		t.Fatal(err)
	}
	if rel(d.CPUms.Value, 6) > 1e-9 || math.Abs(d.Background.Value-0.03) > 1e-9 {
		t.Errorf("cpu_ms %.12g background %.12g, want 6 and 0.03", d.CPUms.Value, d.Background.Value)
	}
	if d.Latency || d.Paste() != "demand: {cpu_ms: 6}" {
		t.Errorf("latency %v paste %q: no latencies were given", d.Latency, d.Paste())
	}
	if !hasWarning(d, "busy at zero load") || !hasWarning(d, "wait_ms and cv are not fitted") {
		t.Errorf("warnings %q: want the background and the missing latencies", d.Warnings)
	}
}

// With noise of 1 percentage point, the 95 % intervals of ordinary least
// squares are exact for normal errors: over 400 seeded data sets (PCG seeds
// 1–400) they must hold the true cpu_ms in about 95 % of them. The binomial
// standard deviation at n = 400 is 1.1 %, so 91–99 % is a ±3.6 σ band.
func TestFitDemandIntervalCoverage(t *testing.T) {
	held, heldBg := 0, 0
	const runs = 400
	for seed := uint64(1); seed <= runs; seed++ {
		d, err := FitDemand(linearSamples(0.02, 6, 0.01, seed), 4)
		if err != nil {
			t.Fatal(err)
		}
		if d.CPUms.Lo <= 6 && 6 <= d.CPUms.Hi {
			held++
		}
		if d.Background.Lo <= 0.02 && 0.02 <= d.Background.Hi {
			heldBg++
		}
	}
	for what, n := range map[string]int{"cpu_ms": held, "background": heldBg} {
		share := float64(n) / runs
		t.Logf("%s: interval held the truth in %.1f %% of %d runs", what, 100*share, runs)
		if share < 0.91 || share > 0.99 {
			t.Errorf("%s: interval held the truth in %.1f %% of runs, want about 95 %%", what, 100*share)
		}
	}
}

func TestFitDemandRefuses(t *testing.T) {
	flat := linearSamples(0.5, 0, 0, 1) // utilisation that does not grow
	cases := []struct {
		name    string
		samples []Sample
		vcpus   int
		want    string
	}{
		{"two rates", linearSamples(0, 6, 0, 1)[:2], 4, "at least 3 rates"},
		{"no vCPUs", linearSamples(0, 6, 0, 1), 0, "need at least 1"},
		{"flat", flat, 4, "does not grow with the rate"},
	}
	for _, c := range cases {
		_, err := FitDemand(c.samples, c.vcpus)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}

// Latencies shorter than the CPU time: wait_ms cannot be negative.
func TestFitDemandLatencyBelowCPU(t *testing.T) {
	s := linearSamples(0, 6, 0, 1)
	for i := range s {
		s[i].P50ms, s[i].P99ms = 2, 9 // mean of the fitted gamma ≈ 2.9 ms < 6 ms
	}
	d, err := FitDemand(s, 4)
	if err != nil {
		t.Fatal(err)
	}
	if d.WaitMs != 0 || !hasWarning(d, "shorter than the CPU per request") {
		t.Errorf("wait_ms %g, warnings %q", d.WaitMs, d.Warnings)
	}
}

func hasWarning(d *Demand, s string) bool {
	for _, w := range d.Warnings {
		if strings.Contains(w, s) {
			return true
		}
	}
	return false
}
