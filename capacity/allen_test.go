package capacity

import (
	"errors"
	"math"
	"testing"
)

// Cs = 1 is exponential service: the approximation must be M/M/c exactly.
func TestMGCExponentialIsMMC(t *testing.T) {
	for _, tt := range octaveCases {
		g, err := NewMGC(tt.lambda, tt.mu, tt.c, 1)
		if err != nil {
			t.Fatal(err)
		}
		m := g.Base
		if g.Wq != m.Wq || g.R != m.R || g.L != m.L || g.Lq != m.Lq || g.Factor != 1 {
			t.Errorf("%s: Cs=1 means differ from M/M/c: %+v", tt.name, g)
		}
		for _, p := range []float64{0.5, 0.99} {
			if a, b := must(g.ResponsePercentile(p)), must(m.ResponsePercentile(p)); a != b {
				t.Errorf("%s: Cs=1 p%g = %g, M/M/c %g", tt.name, p*100, a, b)
			}
		}
	}
}

// For c = 1 Allen–Cunneen is exact: it reduces to the Pollaczek–Khinchine
// mean Wq = λE[S²]/(2(1−ρ)) with E[S²] = (1 + Cs²)/μ² (Kleinrock vol. 1,
// eq. 5.73). M/D/1 (Cs = 0) with λ = 0.5, μ = 1 gives Wq = 0.5·1/(2·0.5) = 0.5.
func TestMGCPollaczekKhinchine(t *testing.T) {
	checkRel(t, "M/D/1 Wq", must3(NewMGC(0.5, 1, 1, 0)).Wq, 0.5, 1e-12)
	for _, tt := range []struct{ lambda, mu, cs float64 }{{0.5, 1, 0}, {3, 5, 0.5}, {99, 100, 2}, {7, 10, 1.3}} {
		g := must3(NewMGC(tt.lambda, tt.mu, 1, tt.cs))
		rho := tt.lambda / tt.mu
		wq := tt.lambda * (1 + tt.cs*tt.cs) / (tt.mu * tt.mu) / (2 * (1 - rho))
		checkRel(t, "P-K Wq", g.Wq, wq, 1e-9)
		checkRel(t, "P-K R", g.R, wq+1/tt.mu, 1e-9)
		checkRel(t, "P-K Lq", g.Lq, tt.lambda*wq, 1e-9)
	}
}

func must3(g MGC, err error) MGC {
	if err != nil {
		panic(err)
	}
	return g
}

// TestMGCTextbook: qsmmm(80, 25, 4) gives R = 0.069821623589370232, so the
// M/M/4 wait is R − 1/25; with Cs = 0.5 Allen–Cunneen multiplies it by
// (1 + 0.25)/2 = 0.625.
func TestMGCTextbook(t *testing.T) {
	g := must3(NewMGC(80, 25, 4, 0.5))
	const wqMMC = 0.069821623589370232 - 0.04 // octave-queueing qsmmm(80, 25, 4): R − 1/μ
	checkRel(t, "Wq", g.Wq, wqMMC*0.625, 1e-9)
	checkRel(t, "R", g.R, wqMMC*0.625+0.04, 1e-9)
	checkRel(t, "L", g.L, 80*(wqMMC*0.625+0.04), 1e-9)

	// The percentile model stretches the conditional wait: P(Wq > t) =
	// C·e^{−θt/f}, whose mean C·f/θ must be the Allen–Cunneen mean.
	const C, theta, f = 0.59643247178740455, 20, 0.625
	checkRel(t, "mean of wait model", C*f/theta, g.Wq, 1e-9)
	checkRel(t, "WaitTail", g.WaitTail(0.05), C*math.Exp(-theta*0.05/f), 1e-12)
	checkRel(t, "wait p99", must(g.WaitPercentile(0.99)), f*math.Log(C/0.01)/theta, 1e-12)
	p99 := must(g.ResponsePercentile(0.99))
	checkRel(t, "ResponseTail(p99)", g.ResponseTail(p99), 0.01, 1e-9)
	checkRel(t, "quadrature(p99)", convTail(C, 25, theta/f, p99), 0.01, 1e-9)
	// Less variable service waits less, so its p99 is lower than M/M/c's.
	if mm := must(g.Base.ResponsePercentile(0.99)); !(p99 < mm) {
		t.Errorf("Cs=0.5 p99 %g not below M/M/c p99 %g", p99, mm)
	}
}

func TestMGCEdges(t *testing.T) {
	for _, cs := range []float64{-1, math.NaN(), math.Inf(1)} {
		if _, err := NewMGC(1, 2, 1, cs); !errors.Is(err, ErrInvalid) {
			t.Errorf("Cs=%g: err = %v, want ErrInvalid", cs, err)
		}
	}
	if _, err := NewMGC(-1, 2, 1, 1); !errors.Is(err, ErrInvalid) {
		t.Errorf("invalid λ not rejected: %v", err)
	}
	g := must3(NewMGC(5, 1, 4, 0.3))
	if !g.Saturated || !math.IsInf(g.Wq, 1) || !math.IsInf(must(g.ResponsePercentile(0.5)), 1) || g.WaitTail(3) != 1 {
		t.Errorf("saturated M/G/c: %+v", g)
	}
	idle := must3(NewMGC(0, 2, 3, 4))
	if idle.Wq != 0 || idle.R != 0.5 || must(idle.WaitPercentile(0.99)) != 0 {
		t.Errorf("idle M/G/c: %+v", idle)
	}
}
