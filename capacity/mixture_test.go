package capacity

import (
	"math"
	"testing"
)

// A mixture's moments are those of the random sum it stands for: a count
// p = k + f of copies of X has mean p·E[X] and variance p·Var X +
// f(1 − f)·E[X]² (moments.times, the law of total variance), and merging
// components down to maxComponents keeps both.
func TestMixtureMoments(t *testing.T) {
	one := []component{{0.8, moments{0.0005, 0}}, {0.2, moments{0.0055, 4e-6}}} // a cache call: hit, or miss + query
	x := mixMoments(one)
	for _, p := range []float64{0.01, 0.728, 1, 1.66, 2.5, 4} {
		got, want := mixMoments(repeat(one, p)), x.times(p)
		checkRel(t, "mean", got.mean, want.mean, 1e-12)
		checkRel(t, "variance", got.v, want.v, 1e-12)
		if n := len(repeat(one, p)); n > maxComponents {
			t.Errorf("p = %g: %d components, more than %d", p, n, maxComponents)
		}
	}
}

// Two exponential branches (gammas of SCV 1) without a wait are a
// hyperexponential: P(T > t) = 0.3·e^{−t/0.01} + 0.7·e^{−t/0.05}, whose
// p99 is solved here by bisection on that closed form.
func TestMixturePercentileIsHyperexponential(t *testing.T) {
	cs := []component{{0.3, moments{0.01, 1e-4}}, {0.7, moments{0.05, 25e-4}}}
	all := mixMoments(cs)
	parts := make([]component, len(cs))
	for i, c := range cs {
		parts[i] = component{c.p, moments{c.mean - all.mean, c.v - all.v}}
	}
	s := sojourn{hold: all, parts: parts}
	tail := func(t float64) float64 { return 0.3*math.Exp(-t/0.01) + 0.7*math.Exp(-t/0.05) }
	for _, p := range []float64{0.5, 0.95, 0.99} {
		lo, hi := 0.0, 10.0
		for range 200 {
			if mid := (lo + hi) / 2; tail(mid) > 1-p {
				lo = mid
			} else {
				hi = mid
			}
		}
		checkRel(t, "quantile", s.quantile(p), lo, 1e-8)
	}
}
