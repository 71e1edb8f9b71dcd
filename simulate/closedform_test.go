package simulate

import (
	"math"
	"testing"
)

// Closed forms the simulation is checked against, each from a textbook
// and computed here from its formula (never from the capacity package).

// mmcResponse is the M/M/c mean response Wq + 1/μ, Wq = C/(cμ − λ)
// (Harchol-Balter 2013, §14.5).
func mmcResponse(c int, lambda, s float64) float64 {
	return erlangC(c, lambda*s)/(float64(c)/s-lambda) + s
}

// mmcResponseQuantile is the p-quantile of the M/M/c response: the wait
// is 0 with probability 1 − C and else Exp(θ), θ = cμ − λ, and the
// service is an independent Exp(μ), so
//
//	P(T > t) = (1 − C)e^{−μt} + C(θe^{−μt} − μe^{−θt})/(θ − μ)
//
// and, when θ = μ, the Erlang-2 tail C(1 + μt)e^{−μt} in the second term
// (Kleinrock vol. 1 §3.5 for the wait; the hypoexponential tail for the
// sum), solved for P(T > t) = 1 − p by bisection.
func mmcResponseQuantile(c int, lambda, s, p float64) float64 {
	mu := 1 / s
	theta := float64(c)*mu - lambda
	C := erlangC(c, lambda*s)
	tail := func(t float64) float64 {
		sum := (1 + mu*t) * math.Exp(-mu*t)
		if math.Abs(theta-mu) > 1e-9*mu {
			sum = (theta*math.Exp(-mu*t) - mu*math.Exp(-theta*t)) / (theta - mu)
		}
		return (1-C)*math.Exp(-mu*t) + C*sum
	}
	lo, hi := 0.0, 1.0
	for tail(hi) > 1-p {
		hi *= 2
	}
	for range 200 {
		mid := (lo + hi) / 2
		if tail(mid) > 1-p {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// birthDeathMean is the mean response of a worker pool of n workers under
// USL contention with exponential work of mean s and nothing else: with k
// in service each progresses at 1/(1 + σ(k−1) + κk(k−1)), so the number
// present is a birth–death chain with birth rate λ and death rate
// μ_k = min(k, n)/s / (1 + σ(m−1) + κm(m−1)), m = min(k, n) (Gunther,
// Guerrilla Capacity Planning, 2007, ch. 6, the USL as a load-dependent
// server; Kleinrock vol. 1 §3.1 for the chain). π_k ∝ Π λ/μ_j, summed
// until the terms vanish; the mean response is L/λ (Little).
func birthDeathMean(n int, lambda, s, sigma, kappa float64) float64 {
	death := func(k int) float64 {
		m := float64(min(k, n))
		return m / s / (1 + sigma*(m-1) + kappa*m*(m-1))
	}
	p, sum, l := 1.0, 1.0, 0.0
	for k := 1; k < 1_000_000; k++ {
		p *= lambda / death(k)
		sum += p
		l += float64(k) * p
		if k > n && p < 1e-18*sum {
			break
		}
	}
	return l / sum / lambda
}

// TestClosedForms pins the closed forms above to values computed by hand
// or printed in the literature, so that a wrong formula cannot pass as a
// match with the simulation.
func TestClosedForms(t *testing.T) {
	// M/M/1 at λ 70, S 10 ms: 1/(μ−λ) = 33.33 ms; p99 ln(100)/(μ−λ) =
	// 153.51 ms (Kleinrock vol. 1 §3.2).
	if got := mmcResponse(1, 70, 0.010); math.Abs(got-1.0/30) > 1e-12 {
		t.Errorf("M/M/1 mean %g", got)
	}
	if got := mmcResponseQuantile(1, 70, 0.010, 0.99); math.Abs(got-math.Log(100)/30) > 1e-9 {
		t.Errorf("M/M/1 p99 %g, want %g", got, math.Log(100)/30)
	}
	// M/M/2 at a = 1 (ρ 0.5): C = 1/3 by hand ((a²/2)/(1−ρ) = 1 over
	// 1 + a + 1 = 3), Wq = (1/3)/(2μ − λ) = S/3.
	if got := mmcResponse(2, 50, 0.020); math.Abs(got-0.020*4/3) > 1e-12 {
		t.Errorf("M/M/2 mean %g", got)
	}
	// M/M/4 at λ 150, μ 50 (θ = μ): C = 0.5094 (a = 3: the Erlang C sum
	// 1 + 3 + 4.5 + 4.5 = 13, last term (81/24)/0.25 = 13.5, C = 13.5/26.5),
	// and p99 solves 0.4906e^{−50t} + 0.5094(1 + 50t)e^{−50t} = 0.01.
	tl := func(t float64) float64 {
		return (13.0/26.5)*math.Exp(-50*t) + (13.5/26.5)*(1+50*t)*math.Exp(-50*t)
	}
	if got := mmcResponseQuantile(4, 150, 0.020, 0.99); math.Abs(tl(got)-0.01) > 1e-12 {
		t.Errorf("M/M/4 p99 %g: tail %g", got, tl(got))
	}
	// Without contention and with one worker the chain is M/M/1.
	if got := birthDeathMean(1, 70, 0.010, 0, 0); math.Abs(got-1.0/30) > 1e-9 {
		t.Errorf("birth–death M/M/1 %g", got)
	}
	// With many workers and no contention it is M/M/∞: the mean is S.
	if got := birthDeathMean(500, 70, 0.010, 0, 0); math.Abs(got-0.010) > 1e-9 {
		t.Errorf("birth–death M/M/∞ %g", got)
	}
}
