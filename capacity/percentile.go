package capacity

import (
	"fmt"
	"math"
)

// respDist is the distribution of the response time T = Wq + S when
// P(Wq > 0) = pw, the wait given waiting is Exp(theta) and the service S is
// Exp(mu). For M/M/c this is exact with pw = Erlang C and θ = cμ − λ;
// MGC reuses it with a stretched θ. Keeping one implementation means the
// careful numerics below exist once.
//
// With m = min(θ, μ), d = |μ − θ| and φ(d, t) = (1 − e^{−dt})/d (φ = t at
// d = 0):
//
//	P(T > t) = e^{−μt} + pw·μ·e^{−mt}·φ(d, t)
//
// This is the textbook (1−C)e^{−μt} + C(μe^{−θt} − θe^{−μt})/(μ − θ)
// (docs/capacity-model.md#response-time-distribution-and-percentiles)
// rewritten: adding and subtracting C·e^{−μt} gives
// e^{−μt} + Cμ(e^{−θt} − e^{−μt})/(μ − θ), and factoring out the slower
// exponential e^{−mt} gives the form above. Why bother:
//   - every term is ≥ 0, so there is no cancellation anywhere;
//   - the quotient (e^{−θt} − e^{−μt})/(μ − θ) is 0/0 at θ = μ and loses all
//     digits near it; expm1 evaluates φ to full precision for any d, and
//     φ → t gives the θ = μ limit P(T > t) = (1 + Cμt)·e^{−μt}, i.e.
//     (1−C)e^{−μt} + C(1 + μt)e^{−μt}, continuously and without a branch
//     on "θ ≈ μ";
//   - factoring e^{−mt} (not e^{−μt}) avoids 0·Inf when θ ≪ μ and t is
//     large (e^{−μt} underflows while e^{(μ−θ)t} overflows).
//
// Derivation of the limit, for the record: with θ = μ − δ,
// μe^{−θt} − θe^{−μt} = e^{−μt}(μ(e^{δt} − 1) + δ), and dividing by δ → 0
// gives e^{−μt}(μt + 1).
type respDist struct {
	pw, mu, theta float64
}

// phi returns (1 − e^{−dt})/d for d ≥ 0, t ≥ 0: the integral of e^{−ds}
// over [0, t], which is t at d = 0.
func phi(d, t float64) float64 {
	if d == 0 {
		return t
	}
	return -math.Expm1(-d*t) / d
}

func (r respDist) split() (m, d float64) {
	return math.Min(r.theta, r.mu), math.Abs(r.mu - r.theta)
}

// tail returns P(T > t).
func (r respDist) tail(t float64) float64 {
	switch {
	case t <= 0:
		return 1
	case math.IsInf(t, 1): // at θ = μ, φ = t would make 0·Inf = NaN
		return 0
	}
	m, d := r.split()
	return math.Min(1, math.Exp(-r.mu*t)+r.pw*r.mu*math.Exp(-m*t)*phi(d, t))
}

// cdf returns P(T ≤ t), computed directly rather than as 1 − tail so that
// small percentiles keep their relative precision: near t = 0 the tail is
// 1 − O(t) and 1 − tail would keep only the digits of t that survive the
// subtraction.
func (r respDist) cdf(t float64) float64 {
	switch {
	case t <= 0:
		return 0
	case math.IsInf(t, 1):
		return 1
	}
	m, d := r.split()
	return math.Max(0, -math.Expm1(-r.mu*t)-r.pw*r.mu*math.Exp(-m*t)*phi(d, t))
}

// density returns the probability density of T at t: the mixture
// (1−C)·μe^{−μt} + C·(Exp(θ) ∗ Exp(μ))(t), where the convolution of two
// exponentials is θμ·e^{−mt}·φ(d, t). All terms are ≥ 0, so the Newton
// steps that use it never see a cancelled derivative.
func (r respDist) density(t float64) float64 {
	if t < 0 || math.IsInf(t, 1) {
		return 0
	}
	m, d := r.split()
	return (1-r.pw)*r.mu*math.Exp(-r.mu*t) + r.pw*r.theta*r.mu*math.Exp(-m*t)*phi(d, t)
}

// percentileTol is the relative accuracy to which quantiles are solved.
const percentileTol = 1e-12

// quantile returns t with P(T ≤ t) = p for 0 < p < 1.
//
// The root is bracketed (lo = 0, hi doubled from the mean until it
// overshoots) and then found by Newton's method with the density as the
// derivative, falling back to bisection whenever a Newton step leaves the
// bracket. Newton alone can overshoot where the density rises (the hump of
// the wait+service convolution); bisection alone would need ~40 evaluations
// for 1e-12. The safeguarded mix converges in a handful of steps and
// cannot diverge.
//
// For p ≤ 1/2 the residual is cdf(t) − p; above, it is (1−p) − tail(t).
// 1 − p is exact for p ≥ 1/2 (Sterbenz), and each side avoids the
// subtraction that would cost digits there.
func (r respDist) quantile(p, mean float64) float64 {
	residual := func(t float64) float64 {
		if p <= 0.5 {
			return r.cdf(t) - p
		}
		return (1 - p) - r.tail(t)
	}
	lo, hi := 0.0, mean
	if !(hi > 0) || math.IsInf(hi, 0) {
		hi = 1 / r.mu
	}
	for residual(hi) < 0 {
		lo = hi
		hi *= 2
		if math.IsInf(hi, 0) {
			return lo // unreachable for a stable queue; never loop forever
		}
	}
	t := hi
	for range 200 {
		res := residual(t)
		if res == 0 {
			return t
		}
		if res < 0 {
			lo = t
		} else {
			hi = t
		}
		next := t - res/r.density(t)
		if !(next > lo && next < hi) { // also catches NaN/Inf steps
			next = bisect(lo, hi)
		}
		if math.Abs(next-t) <= percentileTol*next*0.1 || hi-lo <= percentileTol*hi {
			return next
		}
		t = next
	}
	return t
}

// bisect splits [lo, hi], geometrically when the bracket spans orders of
// magnitude, so that a root near 0 is reached in O(log) steps in its
// exponent rather than in its value.
func bisect(lo, hi float64) float64 {
	switch {
	case lo == 0:
		return hi / 2
	case hi > 4*lo:
		return math.Sqrt(lo) * math.Sqrt(hi)
	default:
		return lo + (hi-lo)/2
	}
}

// checkP validates a percentile level.
func checkP(p float64) error {
	if !(p >= 0 && p <= 1) {
		return fmt.Errorf("%w: percentile level p = %g must be in [0, 1]", ErrInvalid, p)
	}
	return nil
}

func (m MMC) dist() respDist { return respDist{pw: m.Pwait, mu: m.Mu, theta: m.theta} }

// ResponseTail returns P(T > t) for the response time T = wait + service,
// exactly (see respDist). It is 1 for t ≤ 0, and 1 for every t when the
// queue is saturated (the wait is unbounded). A NaN t gives NaN.
func (m MMC) ResponseTail(t float64) float64 {
	if math.IsNaN(t) {
		return t
	}
	if m.Saturated {
		return 1
	}
	return m.dist().tail(t)
}

// WaitTail returns P(Wq > t) = C·e^{−θt} for t ≥ 0 (θ = cμ − λ), the exact
// M/M/c waiting-time tail; 1 for t < 0, and 1 for every t when saturated.
// A NaN t gives NaN.
func (m MMC) WaitTail(t float64) float64 {
	switch {
	case math.IsNaN(t):
		return t
	case t < 0 || m.Saturated:
		return 1
	}
	return m.Pwait * math.Exp(-m.theta*t)
}

// ResponsePercentile returns the p-quantile of the response time (p = 0.99
// for p99) in seconds, solved to a relative 1e-12.
//
// p outside [0, 1] or NaN is an error. p = 0 gives 0 and p = 1 gives +Inf
// (the distribution is unbounded). A saturated queue gives +Inf with a nil
// error, matching its means: check Saturated before printing.
func (m MMC) ResponsePercentile(p float64) (float64, error) {
	if err := checkP(p); err != nil {
		return 0, err
	}
	switch {
	case p == 0:
		return 0, nil
	case p == 1 || m.Saturated:
		return math.Inf(1), nil
	}
	return m.dist().quantile(p, m.R), nil
}

// WaitPercentile returns the p-quantile of the waiting time in queue, in
// closed form: 0 when p ≤ 1 − C (that share of arrivals does not wait),
// otherwise ln(C/(1−p))/θ. Same conventions as ResponsePercentile.
func (m MMC) WaitPercentile(p float64) (float64, error) {
	if err := checkP(p); err != nil {
		return 0, err
	}
	switch {
	case p == 1 || m.Saturated:
		return math.Inf(1), nil
	}
	return waitQuantile(m.Pwait, m.theta, p), nil
}

// waitQuantile inverts P(Wq > t) = pw·e^{−θt}. log1p keeps 1 − p exact-ish
// for small p, where the answer is 0 anyway unless pw is close to 1.
func waitQuantile(pw, theta, p float64) float64 {
	if 1-p >= pw || pw == 0 {
		return 0
	}
	return math.Max(0, (math.Log(pw)-math.Log1p(-p))/theta)
}
