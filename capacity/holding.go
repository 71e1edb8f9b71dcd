package capacity

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// The response time of a worker pool as a distribution
// (docs/capacity-model.md#compute-tiers-per-instance-queues): a request
// waits W for a worker, then holds it for H. W is 0 with probability
// 1 − pw, else exponential at rate r (the wait of the pool's
// birth–death chain, pool.go); H is fitted by a gamma distribution with
// its first two moments. So
//
//	T = H                 with probability 1 − pw,
//	T = H + Exp(r)        with probability pw,
//
// and each branch is a two-moment gamma (the second: mean m + 1/r,
// variance v + 1/r²). A deterministic H (v = 0) makes both branches
// exact: a point mass at m, and m plus an exponential. An exponential H
// (SCV 1) uses the exact convolution of two exponentials (respDist), so
// an M/M/c pool is still the textbook M/M/c.

// moments are a mean and a variance (seconds, seconds²).
type moments struct{ mean, v float64 }

func (a moments) add(b moments) moments { return moments{a.mean + b.mean, a.v + b.v} }

// times is a random count (per_request p = k + f: k, plus one with
// probability f) of independent copies of x: mean p·E[x], variance
// p·Var(x) + f(1 − f)·E[x]².
func (x moments) times(p float64) moments {
	f := p - math.Floor(p)
	return moments{p * x.mean, p*x.v + f*(1-f)*x.mean*x.mean}
}

// waitMoments is the mean and variance of a wait that is 0 with
// probability 1 − pw and else exponential at rate r: E[W] = pw/r,
// E[W²] = 2pw/r².
func waitMoments(pw, r float64) moments {
	if pw <= 0 || !(r > 0) || math.IsInf(r, 1) {
		return moments{}
	}
	return moments{pw / r, (2*pw - pw*pw) / (r * r)}
}

// gammaDist is a two-moment gamma fit, a point mass when v = 0.
type gammaDist struct{ m, v float64 }

// cdf is P(X ≤ t). Shapes above 1,000 use the Wilson–Hilferty normal
// approximation of the gamma (Johnson, Kotz and Balakrishnan 1994,
// §17.5; its error is below 1e-4 there), where the incomplete gamma
// function would be slow.
func (g gammaDist) cdf(t float64) float64 {
	if g.v <= 0 || g.v < 1e-18*g.m*g.m {
		if t >= g.m {
			return 1
		}
		return 0
	}
	if t <= 0 {
		return 0
	}
	k := g.m * g.m / g.v
	x := t * g.m / g.v // t / scale
	if k > 1000 {
		z := (math.Cbrt(x/k) - (1 - 1/(9*k))) / math.Sqrt(1/(9*k))
		return 0.5 * math.Erfc(-z/math.Sqrt2)
	}
	return mathext.GammaIncReg(k, x)
}

// sojourn is the distribution of T above.
type sojourn struct {
	pw   float64
	r    float64 // rate of the wait of those who wait
	hold moments
	// parts, when set, make H a mixture (mixture.go): with probability
	// p, moments hold + the part's offsets (which average to 0), each
	// branch its own gamma.
	parts []component
}

// part is the sojourn of one component of H.
func (s sojourn) part(c component) sojourn {
	return sojourn{pw: s.pw, r: s.r, hold: moments{s.hold.mean + c.mean, math.Max(0, s.hold.v+c.v)}}
}

func (s sojourn) mean() float64 { return s.hold.mean + waitMoments(s.pw, s.r).mean }

// second is E[T²].
func (s sojourn) second() float64 {
	w := waitMoments(s.pw, s.r)
	m := s.hold.mean + w.mean
	return s.hold.v + w.v + m*m
}

// exponential: H is exponential (SCV 1 to rounding), where respDist is
// exact.
func (s sojourn) exponential() bool {
	return s.parts == nil && math.Abs(s.hold.v-s.hold.mean*s.hold.mean) <= 1e-12*s.hold.mean*s.hold.mean
}

func (s sojourn) cdf(t float64) float64 {
	if s.parts != nil {
		var sum float64
		for _, c := range s.parts {
			sum += c.p * s.part(c).cdf(t)
		}
		return sum
	}
	h := gammaDist{s.hold.mean, s.hold.v}
	if s.pw <= 0 || !(s.r > 0) {
		return h.cdf(t)
	}
	var waited float64
	if h.v <= 0 || h.v < 1e-18*h.m*h.m {
		if t > h.m {
			waited = -math.Expm1(-s.r * (t - h.m)) // exact: m + Exp(r)
		}
	} else {
		waited = gammaDist{h.m + 1/s.r, h.v + 1/(s.r*s.r)}.cdf(t)
	}
	return (1-s.pw)*h.cdf(t) + s.pw*waited
}

// pdf is the density of X (0 for a point mass, whose CDF jumps).
func (g gammaDist) pdf(t float64) float64 {
	if g.v <= 0 || g.v < 1e-18*g.m*g.m || t <= 0 {
		return 0
	}
	k, scale := g.m*g.m/g.v, g.v/g.m
	lg, _ := math.Lgamma(k)
	return math.Exp((k-1)*math.Log(t/scale) - t/scale - lg - math.Log(scale))
}

func (s sojourn) branches() (h, waited gammaDist, exact bool) {
	h = gammaDist{s.hold.mean, s.hold.v}
	exact = h.v <= 0 || h.v < 1e-18*h.m*h.m
	if s.pw > 0 && s.r > 0 && !exact {
		waited = gammaDist{h.m + 1/s.r, h.v + 1/(s.r*s.r)}
	}
	return h, waited, exact
}

// pdf is the density of T away from a point mass (Newton's derivative).
func (s sojourn) pdf(t float64) float64 {
	if s.parts != nil {
		var sum float64
		for _, c := range s.parts {
			sum += c.p * s.part(c).pdf(t)
		}
		return sum
	}
	h, waited, exact := s.branches()
	if s.pw <= 0 || !(s.r > 0) {
		return h.pdf(t)
	}
	if exact {
		if t <= h.m {
			return 0
		}
		return s.pw * s.r * math.Exp(-s.r*(t-h.m))
	}
	return (1-s.pw)*h.pdf(t) + s.pw*waited.pdf(t)
}

// quantile is the t with P(T ≤ t) = p, 0 < p < 1, to a relative 1e-9:
// bracketed by doubling from the mean, then Newton's method with the
// density, falling back to bisection whenever a step leaves the bracket
// or the density is 0 (at a point mass the CDF jumps, and the quantile is
// the jump's left end, found the same way).
func (s sojourn) quantile(p float64) float64 {
	if s.exponential() {
		return respDist{pw: s.pw, mu: 1 / s.hold.mean, theta: s.r}.quantile(p, s.mean())
	}
	lo, hi := 0.0, math.Max(s.mean(), 1e-300)
	for s.cdf(hi) < p {
		lo, hi = hi, hi*2
		if math.IsInf(hi, 0) {
			return lo
		}
	}
	t := hi
	for range 200 {
		res := s.cdf(t) - p
		if res < 0 {
			lo = t
		} else {
			hi = t
		}
		if hi-lo <= 1e-9*hi {
			break
		}
		next := t - res/s.pdf(t)
		if !(next > lo && next < hi) { // also NaN and ±Inf steps
			next = lo + (hi-lo)/2
		}
		if math.Abs(next-t) <= 1e-10*next {
			return next
		}
		t = next
	}
	return hi
}
