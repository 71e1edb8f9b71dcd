package fit

import (
	"math"
	"testing"
)

// The quantiles come from closed forms, not from gonum: the exponential
// (cv 1) has p50 = m·ln 2 and p99 = m·ln 100; the Erlang-2 (shape 2, cv
// 1/√2) with rate 1 has P(X ≤ x) = 1 − e^(−x)(1 + x), solved for 0.5 and
// 0.99 by hand to 1e-9 (x = 1.678346990, 6.638352067).
func TestGammaFromQuantiles(t *testing.T) {
	cases := []struct {
		name             string
		p50, p99         float64
		wantMean, wantCV float64
	}{
		{"exponential, mean 20 ms", 20 * math.Ln2, 20 * math.Log(100), 20, 1},
		{"Erlang-2, rate 1", 1.678346990, 6.638352067, 2, 1 / math.Sqrt2},
		{"deterministic", 100, 100, 100, 0},
	}
	for _, c := range cases {
		mean, cv, clamped := gammaFromQuantiles(c.p50, c.p99)
		if clamped || math.Abs(mean-c.wantMean) > 1e-4*c.wantMean || math.Abs(cv-c.wantCV) > 1e-4 {
			t.Errorf("%s: mean %.6g cv %.6g clamped %v, want %.6g %.6g", c.name, mean, cv, clamped, c.wantMean, c.wantCV)
		}
	}
}

// The hand-solved Erlang-2 quantiles above, put back into its CDF.
func TestErlang2Quantiles(t *testing.T) {
	cdf := func(x float64) float64 { return 1 - math.Exp(-x)*(1+x) }
	for _, c := range []struct{ x, p float64 }{{1.678346990, 0.5}, {6.638352067, 0.99}} {
		if got := cdf(c.x); math.Abs(got-c.p) > 1e-9 {
			t.Errorf("Erlang-2 CDF(%v) = %.12f, want %v", c.x, got, c.p)
		}
	}
}
