package capacity

import (
	"fmt"
	"math"
)

// MGC approximates an M/G/c queue (Poisson arrivals, so Ca = 1; general
// service with coefficient of variation Cs = σ_S/E[S]) by the
// Allen–Cunneen formula
//
//	Wq ≈ Wq(M/M/c) · (Ca² + Cs²)/2 = Wq(M/M/c) · (1 + Cs²)/2.
//
// It is exact for Cs = 1 (exponential service, where it is M/M/c) and for
// c = 1 (where it is the Pollaczek–Khinchine mean), and a good
// approximation otherwise; Cs = 0 is deterministic service (M/D/c).
//
// Percentiles are an approximation for Cs ≠ 1 and exact only for Cs = 1.
// The model keeps P(wait) = Erlang C and the M/M/c shape of the
// conditional wait — exponential — but stretches its mean by the same
// factor, i.e. the wait-given-waiting is Exp(θ/f) with f = (1 + Cs²)/2, so
// that the wait distribution has exactly the Allen–Cunneen mean. The
// service part of the response time stays exponential with mean 1/μ: only
// its mean is known here, not its shape. For Cs < 1 that overstates the
// spread of service (conservative percentiles); for Cs > 1 the service tail
// itself is understated, and the wait dominates p99 only when the queue is
// busy. Treat Cs ≠ 1 percentiles as estimates, not bounds.
type MGC struct {
	// Base is the exact M/M/c queue with the same λ, μ, c. Its Pwait, Rho,
	// A and Throughput are the values of this model too (Allen–Cunneen
	// changes only the wait); its P0 is exact only for Cs = 1.
	Base MMC

	Cs     float64 // service-time coefficient of variation
	Factor float64 // (1 + Cs²)/2, the multiplier on the M/M/c wait

	Wq float64 // approximate mean wait (s); +Inf when saturated
	R  float64 // Wq + 1/μ (s); +Inf when saturated
	L  float64 // λR; +Inf when saturated
	Lq float64 // λWq; +Inf when saturated

	Saturated bool // same as Base.Saturated: check before printing means or percentiles
}

// NewMGC builds the Allen–Cunneen approximation for service coefficient
// of variation cs (finite, ≥ 0); lambda, mu and c are validated as in
// NewMMC.
func NewMGC(lambda, mu float64, c int, cs float64) (MGC, error) {
	if !(cs >= 0) || math.IsInf(cs, 1) {
		return MGC{}, fmt.Errorf("%w: service coefficient of variation Cs = %g must be finite and ≥ 0", ErrInvalid, cs)
	}
	base, err := NewMMC(lambda, mu, c)
	if err != nil {
		return MGC{}, err
	}
	g := MGC{Base: base, Cs: cs, Factor: (1 + cs*cs) / 2, Saturated: base.Saturated}
	if g.Saturated {
		g.Wq, g.R, g.L, g.Lq = base.Wq, base.R, base.L, base.Lq
		return g, nil
	}
	g.Wq = base.Wq * g.Factor
	g.R = g.Wq + 1/mu
	g.L = lambda * g.R
	g.Lq = lambda * g.Wq
	for _, v := range [...]float64{g.Wq, g.R, g.L, g.Lq} {
		if math.IsInf(v, 0) {
			return MGC{}, fmt.Errorf("%w: Cs = %g makes the mean wait overflow float64", ErrInvalid, cs)
		}
	}
	return g, nil
}

// waitRate is the decay rate θ/f of the stretched conditional wait.
func (g MGC) waitRate() float64 { return g.Base.theta / g.Factor }

func (g MGC) dist() respDist {
	return respDist{pw: g.Base.Pwait, mu: g.Base.Mu, theta: g.waitRate()}
}

// ResponseTail approximates P(T > t); see the type comment for the model.
// Conventions as MMC.ResponseTail.
func (g MGC) ResponseTail(t float64) float64 {
	if math.IsNaN(t) {
		return t
	}
	if g.Saturated {
		return 1
	}
	return g.dist().tail(t)
}

// WaitTail approximates P(Wq > t) = C·e^{−θt/f}. Conventions as
// MMC.WaitTail.
func (g MGC) WaitTail(t float64) float64 {
	switch {
	case math.IsNaN(t):
		return t
	case t < 0 || g.Saturated:
		return 1
	}
	return g.Base.Pwait * math.Exp(-g.waitRate()*t)
}

// ResponsePercentile approximates the p-quantile of the response time;
// exact only for Cs = 1. Conventions as MMC.ResponsePercentile.
func (g MGC) ResponsePercentile(p float64) (float64, error) {
	if err := checkP(p); err != nil {
		return 0, err
	}
	switch {
	case p == 0:
		return 0, nil
	case p == 1 || g.Saturated:
		return math.Inf(1), nil
	}
	return g.dist().quantile(p, g.R), nil
}

// WaitPercentile approximates the p-quantile of the wait; exact only for
// Cs = 1. Conventions as MMC.WaitPercentile.
func (g MGC) WaitPercentile(p float64) (float64, error) {
	if err := checkP(p); err != nil {
		return 0, err
	}
	if p == 1 || g.Saturated {
		return math.Inf(1), nil
	}
	return waitQuantile(g.Base.Pwait, g.waitRate(), p), nil
}
