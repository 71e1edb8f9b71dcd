package capacity

import (
	"errors"
	"math"
	"testing"
)

// FuzzMMC asserts the contract callers rely on, for any input: no panic,
// never NaN, invalid input reported as ErrInvalid, stable results inside
// their mathematical ranges, and percentiles non-decreasing in p.
func FuzzMMC(f *testing.F) {
	f.Add(80.0, 25.0, 4, 0.99)
	f.Add(9900.0, 1.0, 10000, 0.5)
	f.Add(63.36, 1.0, 64, 0.95)
	f.Add(1.0, 1.0, 2, 0.99) // θ = μ
	f.Add(1.0, 1.0, 2, 1.0)  // θ = μ, p = 1: tail(+Inf) once gave NaN
	f.Add(0.0, 3.0, 1, 0.999)
	f.Add(4.0, 1.0, 4, 0.5) // ρ = 1
	f.Add(5.0, 1.0, 4, 0.5) // ρ > 1
	f.Add(-1.0, 0.0, 0, 2.0)
	f.Add(1e-300, 1e300, 1, 1e-300)
	f.Fuzz(func(t *testing.T, lambda, mu float64, c int, p float64) {
		// Keep c cheap: anything in range but huge is folded down (the O(c)
		// cost is benchmarked separately); out-of-range values still go
		// through to test the error path.
		if c > 100_000 && c <= MaxServers {
			c %= 100_000
		}
		m, err := NewMMC(lambda, mu, c)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error does not wrap ErrInvalid: %v", err)
			}
			return
		}
		for name, v := range map[string]float64{"A": m.A, "Rho": m.Rho, "Pwait": m.Pwait, "P0": m.P0, "Throughput": m.Throughput} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("always-printable %s = %g for %+v", name, v, m)
			}
		}
		for name, v := range map[string]float64{"Wq": m.Wq, "R": m.R, "L": m.L, "Lq": m.Lq} {
			if math.IsNaN(v) {
				t.Fatalf("%s is NaN for %+v", name, m)
			}
			if m.Stable() && math.IsInf(v, 0) {
				t.Fatalf("stable %s = %g for %+v", name, v, m)
			}
			if m.Saturated && !math.IsInf(v, 1) {
				t.Fatalf("saturated %s = %g, want +Inf", name, v)
			}
		}
		if m.Stable() {
			if !(m.Pwait >= 0 && m.Pwait <= 1) || !(m.P0 >= 0 && m.P0 <= 1) || !(m.Rho < 1) {
				t.Fatalf("probabilities out of range: %+v", m)
			}
			if m.R < 1/mu || m.Wq < 0 || m.Lq < 0 || m.L < m.Lq {
				t.Fatalf("means out of order: %+v (1/μ = %g)", m, 1/mu)
			}
		}

		q, err := m.ResponsePercentile(p)
		if !(p >= 0 && p <= 1) {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("p = %g accepted", p)
			}
			return
		}
		if err != nil || math.IsNaN(q) || q < 0 {
			t.Fatalf("percentile(%g) = %g, %v", p, q, err)
		}
		w, err := m.WaitPercentile(p)
		// T = Wq + S dominates Wq, so its quantile is at least as large, up
		// to the solver tolerance (the seed 9da524ab… has ρ = 1 − 1e-16,
		// where both are ≈ 2.6e15 s and differ by less than 1e-12).
		if err != nil || math.IsNaN(w) || w < 0 || (m.Stable() && p < 1 && w > q*(1+1e-9)) {
			t.Fatalf("wait percentile(%g) = %g, %v (response %g)", p, w, err, q)
		}
		// Tails at the returned quantiles, including +Inf for p = 1.
		for _, v := range [...]float64{m.ResponseTail(q), m.WaitTail(w)} {
			if math.IsNaN(v) || v < 0 || v > 1 {
				t.Fatalf("tail at percentile(%g) = %g for %+v", p, v, m)
			}
		}
		if m.Saturated || p == 0 || p == 1 {
			return
		}
		// Monotone in p, up to the solver's relative 1e-12.
		lo, hi := must(m.ResponsePercentile(p/2)), must(m.ResponsePercentile((1+p)/2))
		if lo > q*(1+1e-9) || q > hi*(1+1e-9) {
			t.Fatalf("percentile not monotone: p/2→%g, p=%g→%g, (1+p)/2→%g", lo, p, q, hi)
		}
		if tail := m.ResponseTail(q); math.IsNaN(tail) || tail < 0 || tail > 1 {
			t.Fatalf("tail(%g) = %g", q, tail)
		}
		// The solution satisfies its equation, on the side where it is solved
		// (unless the true root is below the normal float64 range, e.g.
		// p = 1e-300 with μ = 1e300, where 0 or a subnormal is the answer).
		const minNormal = 0x1p-1022
		if q < minNormal {
			return
		}
		if p > 0.5 {
			if tail := m.ResponseTail(q); relErr(tail, 1-p) > 1e-6 {
				t.Fatalf("tail(p%g = %g) = %g, want %g", 100*p, q, tail, 1-p)
			}
		} else if cdf := m.dist().cdf(q); relErr(cdf, p) > 1e-6 {
			t.Fatalf("cdf(p%g = %g) = %g, want %g", 100*p, q, cdf, p)
		}
	})
}

// FuzzMGC: the Allen–Cunneen wrapper keeps the same contract for any Cs.
func FuzzMGC(f *testing.F) {
	f.Add(80.0, 25.0, 4, 0.5, 0.99)
	f.Add(63.36, 1.0, 64, 0.0, 0.95)
	f.Add(0.5, 1.0, 1, 3.0, 0.5)
	f.Add(1.0, 1.0, 2, 1e150, 0.999999)
	f.Fuzz(func(t *testing.T, lambda, mu float64, c int, cs, p float64) {
		if c > 100_000 && c <= MaxServers {
			c %= 100_000
		}
		g, err := NewMGC(lambda, mu, c, cs)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error does not wrap ErrInvalid: %v", err)
			}
			return
		}
		for name, v := range map[string]float64{"Wq": g.Wq, "R": g.R, "L": g.L, "Lq": g.Lq} {
			if math.IsNaN(v) || (!g.Saturated && math.IsInf(v, 0)) {
				t.Fatalf("%s = %g for %+v", name, v, g)
			}
		}
		if !g.Saturated && (g.R < 1/mu || g.Wq < 0) {
			t.Fatalf("means out of order: %+v", g)
		}
		if !(p >= 0 && p <= 1) {
			return
		}
		q, err := g.ResponsePercentile(p)
		w, err2 := g.WaitPercentile(p)
		if err != nil || err2 != nil || math.IsNaN(q) || math.IsNaN(w) || q < 0 || w < 0 {
			t.Fatalf("percentiles(%g) = %g, %g, %v, %v for %+v", p, q, w, err, err2, g)
		}
		if tail := g.ResponseTail(q); math.IsNaN(tail) || tail < 0 || tail > 1 {
			t.Fatalf("tail(%g) = %g", q, tail)
		}
	})
}
