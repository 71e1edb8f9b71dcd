package capacity

import (
	"errors"
	"math"
	"testing"
)

// octaveCase holds the six outputs of octave-queueing's qsmmm.
//
// Source for every row: Debian octave-queueing 1.2.7, printed with %.17g by
//
//	octave --no-gui --eval 'pkg load queueing; [U,R,Q,X,p0,pm] = qsmmm(lambda, mu, m); printf("%.17g %.17g %.17g %.17g %.17g %.17g\n", U,R,Q,X,p0,pm)'
//
// (all rows at once: testdata/ref/qsmmm.m). Q is qsmmm's mean number in
// system (our L), pm its waiting probability (our Pwait). qsmmm computes p0
// with a^k/k! sums, which overflow at c = 10,000 and yield p0 = 0 — the
// correctly rounded value there anyway (P0 ≈ e^{−9900}); bigMMC confirms
// P0, Wq and Lq for every row independently.
var octaveCases = []struct {
	name               string
	lambda, mu         float64
	c                  int
	U, R, Q, X, p0, pm float64
}{
	{"qsmmm(80,25,4)", 80, 25, 4,
		0.80000000000000004, 0.069821623589370232, 5.5857298871496184, 80, 0.02730251183108845, 0.59643247178740455},
	{"M/M/1 rho=0.6", 3, 5, 1,
		0.59999999999999998, 0.49999999999999983, 1.4999999999999996, 3, 0.40000000000000002, 0.59999999999999987},
	{"M/M/1 rho=0.99", 99, 100, 1,
		0.98999999999999999, 0.99999999999999911, 98.999999999999915, 99, 0.010000000000000009, 0.98999999999999999},
	{"c=64 rho=0.78", 50, 1, 64,
		0.78125, 1.0026751014303923, 50.133755071519616, 50, 1.9175777011115738e-22, 0.03745142002549335},
	{"c=64 rho=0.99", 63.36, 1, 64,
		0.98999999999999999, 2.4155425752622772, 153.04877756861788, 63.359999999999999, 5.5507161389040822e-29, 0.90594724816785821},
	{"c=10000 rho=0.99", 9900, 1, 10000,
		0.98999999999999999, 1.0022277692886414, 9922.0549159575512, 9900, 0, 0.22277692886414885},
	{"c=10000 rho=0.9", 9000, 1, 10000,
		0.90000000000000002, 1, 9000, 9000, 0, 2.0916197944192884e-25},
	{"c=2 theta=mu", 1, 1, 2,
		0.5, 1.3333333333333335, 1.3333333333333335, 1, 0.33333333333333331, 0.33333333333333337},
	{"light load c=3", 0.5, 2, 3,
		0.083333333333333329, 0.500402252614642, 0.250201126307321, 0.5, 0.77876106194690264, 0.0022123893805309734},
}

func TestMMCOctave(t *testing.T) {
	const tol = 1e-9
	for _, tt := range octaveCases {
		t.Run(tt.name, func(t *testing.T) {
			m, err := NewMMC(tt.lambda, tt.mu, tt.c)
			if err != nil {
				t.Fatal(err)
			}
			if m.Saturated || !m.Stable() {
				t.Fatal("stable queue reported saturated")
			}
			checkRel(t, "Rho", m.Rho, tt.U, tol)
			checkRel(t, "R", m.R, tt.R, tol)
			checkRel(t, "L", m.L, tt.Q, tol)
			checkRel(t, "Throughput", m.Throughput, tt.X, tol)
			checkRel(t, "P0", m.P0, tt.p0, tol)
			checkRel(t, "Pwait", m.Pwait, tt.pm, tol)
			checkRel(t, "A", m.A, tt.lambda/tt.mu, tol)

			ref := bigMMC(tt.lambda, tt.mu, tt.c)
			checkRel(t, "Wq (math/big)", m.Wq, ref.Wq, tol)
			checkRel(t, "Lq (math/big)", m.Lq, ref.Lq, tol)
			checkRel(t, "P0 (math/big)", m.P0, ref.P0, tol)
			checkRel(t, "Pwait (math/big)", m.Pwait, ref.Pwait, tol)
		})
	}
}

// TestMMCOneClosedForm checks c = 1 against the M/M/1 closed forms
// (Kleinrock, Queueing Systems vol. 1, §3.2): Pwait = ρ, Wq = ρ/(μ−λ),
// R = 1/(μ−λ), L = ρ/(1−ρ), Lq = ρ²/(1−ρ), P0 = 1−ρ.
func TestMMCOneClosedForm(t *testing.T) {
	for _, tt := range []struct{ lambda, mu float64 }{{3, 5}, {99, 100}, {0.999, 1}, {1e-3, 2e3}, {7e5, 1e6}} {
		m, err := NewMMC(tt.lambda, tt.mu, 1)
		if err != nil {
			t.Fatal(err)
		}
		rho := tt.lambda / tt.mu
		checkRel(t, "Pwait", m.Pwait, rho, 1e-9)
		checkRel(t, "Wq", m.Wq, rho/(tt.mu-tt.lambda), 1e-9)
		checkRel(t, "R", m.R, 1/(tt.mu-tt.lambda), 1e-9)
		checkRel(t, "L", m.L, rho/(1-rho), 1e-9)
		checkRel(t, "Lq", m.Lq, rho*rho/(1-rho), 1e-9)
		checkRel(t, "P0", m.P0, 1-rho, 1e-9)
	}
}

func TestMMCIdle(t *testing.T) {
	// λ = 0: nobody waits, response is the bare service time, system empty.
	for _, c := range []int{1, 4, 10000} {
		m, err := NewMMC(0, 4, c)
		if err != nil {
			t.Fatal(err)
		}
		want := MMC{Lambda: 0, Mu: 4, C: c, A: 0, Rho: 0, Pwait: 0, Wq: 0, R: 0.25, L: 0, Lq: 0, P0: 1, Throughput: 0, theta: 4 * float64(c)}
		if m != want {
			t.Errorf("c=%d: got %+v, want %+v", c, m, want)
		}
	}
}

// TestMMCHeavyLoad covers ρ → 1 from below, where cancellation in cμ − λ
// and 1 − ρ is worst, against the math/big reference.
func TestMMCHeavyLoad(t *testing.T) {
	for _, tt := range []struct {
		lambda float64
		c      int
	}{{0.999999, 1}, {63.99, 64}, {63.9999, 64}, {9999, 10000}, {9999.99, 10000}} {
		m, err := NewMMC(tt.lambda, 1, tt.c)
		if err != nil {
			t.Fatal(err)
		}
		ref := bigMMC(tt.lambda, 1, tt.c)
		// The inputs themselves carry ~1e-16 relative error, amplified by
		// 1/(1−ρ) ≤ 1e6 in θ; 1e-9 still holds.
		checkRel(t, "Pwait", m.Pwait, ref.Pwait, 1e-9)
		checkRel(t, "Wq", m.Wq, ref.Wq, 1e-9)
		checkRel(t, "L", m.L, ref.L, 1e-9)
		checkRel(t, "P0", m.P0, ref.P0, 1e-9)
	}
}

// TestMMCSaturated: ρ = 1 and ρ > 1 are results, not errors. The fields a
// caller may print unchecked must be finite; the means are +Inf, never NaN.
func TestMMCSaturated(t *testing.T) {
	for _, tt := range []struct {
		lambda, mu float64
		c          int
	}{{4, 1, 4}, {100, 100, 1}, {130, 1, 100}, {1e6, 1, 1}, {10001, 1, 10000}} {
		m, err := NewMMC(tt.lambda, tt.mu, tt.c)
		if err != nil {
			t.Fatal(err)
		}
		if !m.Saturated || m.Stable() {
			t.Errorf("%+v: want saturated", tt)
		}
		for name, v := range map[string]float64{"A": m.A, "Rho": m.Rho, "Pwait": m.Pwait, "P0": m.P0, "Throughput": m.Throughput} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("%+v: printable field %s = %g", tt, name, v)
			}
		}
		for name, v := range map[string]float64{"Wq": m.Wq, "R": m.R, "L": m.L, "Lq": m.Lq} {
			if !math.IsInf(v, 1) {
				t.Errorf("%+v: saturated mean %s = %g, want +Inf", tt, name, v)
			}
		}
		checkRel(t, "Rho", m.Rho, tt.lambda/(float64(tt.c)*tt.mu), 1e-15)
		checkRel(t, "Throughput", m.Throughput, float64(tt.c)*tt.mu, 1e-15)
		if m.Pwait != 1 || m.P0 != 0 {
			t.Errorf("%+v: Pwait=%g P0=%g, want 1 and 0", tt, m.Pwait, m.P0)
		}
		p99, err := m.ResponsePercentile(0.99)
		if err != nil || !math.IsInf(p99, 1) {
			t.Errorf("%+v: saturated p99 = %g, %v; want +Inf, nil", tt, p99, err)
		}
		if m.ResponseTail(10) != 1 || m.WaitTail(10) != 1 {
			t.Errorf("%+v: saturated tails must be 1", tt)
		}
	}
}

func TestMMCInvalid(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, tt := range []struct {
		lambda, mu float64
		c          int
	}{
		{-1, 1, 1}, {nan, 1, 1}, {inf, 1, 1},
		{1, 0, 1}, {1, -1, 1}, {1, nan, 1}, {1, inf, 1},
		{1, 1, 0}, {1, 1, -3}, {1, 1, MaxServers + 1},
		{1e300, 1e-300, 1},      // λ/μ overflows
		{1, math.MaxFloat64, 2}, // cμ overflows
		{1e-320, 2e-320, 1},     // 1/μ overflows
	} {
		m, err := NewMMC(tt.lambda, tt.mu, tt.c)
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("NewMMC(%g, %g, %d) = %+v, %v; want ErrInvalid", tt.lambda, tt.mu, tt.c, m, err)
		}
	}
}

// TestEmptyProbabilityManyIdleWorkers: with c far above the offered load a,
// P0 = 1/Σ_{k<c} a^k/k! (+ a vanishing last term) tends to e^-a, the
// normalisation of the Poisson distribution; the early stop must give it
// to float64 precision (a fleet of 10 million workers once took seconds a
// call, and check over a minute).
func TestEmptyProbabilityManyIdleWorkers(t *testing.T) {
	for _, a := range []float64{0.5, 10, 300} {
		c := 10_000_000
		got := emptyProbability(c, a, 1-a/float64(c))
		if want := math.Exp(-a); math.Abs(got-want) > 1e-13*want {
			t.Errorf("a=%g: P0 %.17g, want e^-a = %.17g", a, got, want)
		}
	}
}
