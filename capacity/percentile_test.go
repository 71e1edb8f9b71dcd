package capacity

import (
	"errors"
	"math"
	"testing"
)

// TestPercentileMM1 uses the M/M/1 closed form: T ~ Exp(μ − λ), so
// P(T > t) = e^{−(μ−λ)t} and the p-quantile is −ln(1−p)/(μ−λ), e.g.
// p99 = ln(100)/(μ−λ) (Kleinrock vol. 1, eq. 3.28). λ = 0 is the bare
// Exp(μ) service time.
func TestPercentileMM1(t *testing.T) {
	for _, tt := range []struct{ lambda, mu float64 }{{3, 5}, {99, 100}, {0, 2}, {0.5, 1}, {1e-9, 1e3}} {
		m, err := NewMMC(tt.lambda, tt.mu, 1)
		if err != nil {
			t.Fatal(err)
		}
		rate := tt.mu - tt.lambda
		for _, p := range []float64{1e-9, 0.01, 0.5, 0.95, 0.99, 0.999, 1 - 1e-12} {
			got, err := m.ResponsePercentile(p)
			if err != nil {
				t.Fatal(err)
			}
			checkRel(t, "M/M/1 percentile", got, -math.Log1p(-p)/rate, 1e-10)
			checkRel(t, "M/M/1 tail", m.ResponseTail(got), 1-p, 1e-9)
		}
		checkRel(t, "p99 = ln(100)/(μ−λ)", must(m.ResponsePercentile(0.99)), math.Log(100)/rate, 1e-10)
	}
}

func must(v float64, err error) float64 {
	if err != nil {
		panic(err)
	}
	return v
}

// mpmathCases: percentiles of T for c > 1 from an independent
// implementation — mpmath 1.3.0 at 40 digits, Erlang C from the textbook
// sum, P(T > t) by mpmath.quad of the convolution
// e^{−μt} + ∫_0^t C·e^{−θ(t−s)}·μe^{−μs} ds, root by findroot
// (testdata/ref/percentiles.py: `python3 percentiles.py`). The c = 2,
// λ = μ = 1 row has θ = μ exactly; its values also equal the closed form
// t = −W₋₁(−3(1−p)e^{−3}) − 3 (Lambert W), printed by the same script.
var mpmathCases = []struct {
	name          string
	lambda, mu    float64
	c             int
	p50, p95, p99 float64
}{
	{"qsmmm(80,25,4)", 80, 25, 4, 0.053847962152772413711, 0.18952077984146373886, 0.27572814995531998662},
	{"c=64 rho=0.99", 63.36, 1, 64, 1.9771970000612068023, 6.0107285048753714215, 8.594304285257651089},
	{"c=10000 rho=0.99", 9900, 1, 10000, 0.695394924498470849, 2.9979800174925156448, 4.6074179299266160194},
	{"c=2 theta=mu", 1, 1, 2, 0.97441160518992912337, 3.8164603051678283455, 5.6659606837929962125},
}

func TestPercentileMpmath(t *testing.T) {
	for _, tt := range mpmathCases {
		t.Run(tt.name, func(t *testing.T) {
			m, err := NewMMC(tt.lambda, tt.mu, tt.c)
			if err != nil {
				t.Fatal(err)
			}
			for _, pw := range []struct{ p, want float64 }{{0.5, tt.p50}, {0.95, tt.p95}, {0.99, tt.p99}} {
				got := must(m.ResponsePercentile(pw.p))
				checkRel(t, "percentile vs mpmath", got, pw.want, 1e-10) // brief asks 1e-6; the solver reaches ~1e-13
				// The closed-form tail at the solution is 1 − p ...
				checkRel(t, "ResponseTail(percentile)", m.ResponseTail(got), 1-pw.p, 1e-9)
				// ... and so is the independent quadrature of the convolution.
				checkRel(t, "convTail(percentile)", convTail(m.Pwait, m.Mu, m.theta, got), 1-pw.p, 1e-9)
			}
		})
	}
}

// TestResponseTailNearThetaEqualsMu probes the 0/0 of the textbook form
// (μe^{−θt} − θe^{−μt})/(μ − θ) as θ → μ, from both sides, against the
// quadrature reference (which has no such singularity), and checks the
// exact θ = μ case against its limit (1−C)e^{−μt} + C(1 + μt)e^{−μt}.
func TestResponseTailNearThetaEqualsMu(t *testing.T) {
	// c = 2, μ = 1: θ = 2 − λ, so λ = 1 ± δ puts θ = μ ∓ δ.
	for _, delta := range []float64{0, 1e-15, -1e-15, 1e-12, -1e-12, 1e-8, -1e-8, 1e-4, -1e-4, 0.3} {
		m, err := NewMMC(1+delta, 1, 2)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range []float64{1e-6, 0.1, 1, 5, 20, 60} {
			checkRel(t, "ResponseTail vs quadrature", m.ResponseTail(x), convTail(m.Pwait, m.Mu, m.theta, x), 1e-9)
		}
	}
	m := must2(NewMMC(1, 1, 2)) // C = 1/3 exactly (2·0.2/(2 − 0.8))
	for _, x := range []float64{0.5, 1, 3, 10, 100} {
		limit := (1-1.0/3)*math.Exp(-x) + 1.0/3*(1+x)*math.Exp(-x) // = e^{−t}(1 + t/3)
		checkRel(t, "θ = μ limit", m.ResponseTail(x), limit, 1e-12)
	}
}

func must2(m MMC, err error) MMC {
	if err != nil {
		panic(err)
	}
	return m
}

// TestResponseTailExtremes: θ ≪ μ with large t would compute 0·Inf in the
// factored form e^{−μt}·e^{(μ−θ)t}; the result must stay finite and match
// the M/M/1 closed form e^{−θt}.
func TestResponseTailExtremes(t *testing.T) {
	m := must2(NewMMC(1e6-1e-3, 1e6, 1)) // θ = 1e-3, μ = 1e6
	for _, x := range []float64{1e-3, 1, 1e3, 1e4, 1e5} {
		checkRel(t, "tail", m.ResponseTail(x), math.Exp(-m.theta*x), 1e-6) // θ carries the rounding of 1e6 − (1e6 − 1e-3)
	}
	if v := m.ResponseTail(1e9); v != 0 {
		t.Errorf("tail far out = %g, want 0 (underflow, not NaN)", v)
	}
	if v := m.ResponseTail(0); v != 1 {
		t.Errorf("tail at 0 = %g, want 1", v)
	}
	// t = +Inf (e.g. the p100 a caller got back) at θ = μ, where φ(0, t) = t
	// once made 0·Inf = NaN (found by FuzzMGC).
	for _, q := range []MMC{must2(NewMMC(1, 1, 2)), m} {
		if v, d := q.ResponseTail(math.Inf(1)), q.dist(); v != 0 || d.cdf(math.Inf(1)) != 1 || d.density(math.Inf(1)) != 0 {
			t.Errorf("at t=+Inf: tail %g, cdf %g, density %g", v, d.cdf(math.Inf(1)), d.density(math.Inf(1)))
		}
	}
}

// TestWaitTail: P(Wq > t) = C·e^{−θt} and its inverse, with the atom at 0.
func TestWaitTail(t *testing.T) {
	m := must2(NewMMC(80, 25, 4)) // C = 0.59643247178740455 (octave), θ = 20
	const C = 0.59643247178740455
	checkRel(t, "WaitTail(0)", m.WaitTail(0), C, 1e-12)
	checkRel(t, "WaitTail(0.1)", m.WaitTail(0.1), C*math.Exp(-2), 1e-12)
	if m.WaitTail(-1) != 1 {
		t.Error("WaitTail(t<0) must be 1")
	}
	// p ≤ 1 − C: that share of arrivals does not wait at all.
	if w := must(m.WaitPercentile(0.4)); w != 0 {
		t.Errorf("wait p40 = %g, want 0", w)
	}
	checkRel(t, "wait p99", must(m.WaitPercentile(0.99)), math.Log(C/0.01)/20, 1e-12)
	checkRel(t, "WaitTail(wait p95)", m.WaitTail(must(m.WaitPercentile(0.95))), 0.05, 1e-12)
	// λ = 0: nobody waits.
	if w := must(must2(NewMMC(0, 1, 3)).WaitPercentile(0.999)); w != 0 {
		t.Errorf("idle wait p99.9 = %g, want 0", w)
	}
}

// TestPercentileSmallP: small levels keep their relative precision; near
// t = 0 the CDF is (1−C)μt + O(t²).
func TestPercentileSmallP(t *testing.T) {
	m := must2(NewMMC(63.36, 1, 64))
	for _, p := range []float64{1e-300, 1e-100, 1e-12, 1e-6} {
		got := must(m.ResponsePercentile(p))
		if p <= 1e-12 { // second-order term is O(μt) relative
			checkRel(t, "small-p percentile", got, p/((1-m.Pwait)*m.Mu), 1e-9)
		}
		checkRel(t, "cdf(percentile)", m.dist().cdf(got), p, 1e-11)
	}
}

func TestPercentileDomainAndMonotone(t *testing.T) {
	m := must2(NewMMC(9900, 1, 10000))
	for _, p := range []float64{-0.1, 1.1, math.NaN(), math.Inf(1)} {
		if _, err := m.ResponsePercentile(p); !errors.Is(err, ErrInvalid) {
			t.Errorf("ResponsePercentile(%g) err = %v, want ErrInvalid", p, err)
		}
		if _, err := m.WaitPercentile(p); !errors.Is(err, ErrInvalid) {
			t.Errorf("WaitPercentile(%g) err = %v, want ErrInvalid", p, err)
		}
	}
	if v := must(m.ResponsePercentile(0)); v != 0 {
		t.Errorf("p0 = %g", v)
	}
	if v := must(m.ResponsePercentile(1)); !math.IsInf(v, 1) {
		t.Errorf("p100 = %g, want +Inf", v)
	}
	prev := 0.0
	for i := 1; i < 1000; i++ {
		p := float64(i) / 1000
		v := must(m.ResponsePercentile(p))
		if v <= prev {
			t.Fatalf("percentile not increasing: p=%g gives %g after %g", p, v, prev)
		}
		prev = v
	}
}
