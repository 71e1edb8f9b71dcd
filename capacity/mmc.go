package capacity

import (
	"errors"
	"fmt"
	"math"
)

// MaxServers bounds c. Erlang B and P0 cost O(c) each; the bound keeps a
// typo such as processes × threads = 10^12 from hanging the linter, while
// leaving room far beyond any real fleet (a worker pool of 10 million).
const MaxServers = 10_000_000

// ErrInvalid is wrapped by every input-validation error of this package,
// so callers can tell bad input (exit code 2) from a model result.
var ErrInvalid = errors.New("capacity: invalid input")

// MMC is the steady state of an M/M/c queue: Poisson arrivals at rate
// Lambda, C identical servers, exponential service at rate Mu per server.
//
// A queue with ρ ≥ 1 has no steady state. That is a finding, not an error,
// so NewMMC still returns a result, with Saturated set and the
// time-and-length means (Wq, R, L, Lq) set to +Inf. Callers MUST check
// Saturated (or Stable) before formatting those means or any percentile;
// the other fields (A, Rho, Pwait, P0, Throughput) are always finite and
// safe to print. No field is ever NaN.
type MMC struct {
	Lambda float64 // arrival rate λ (1/s)
	Mu     float64 // service rate μ of one server (1/s); mean service time is 1/μ
	C      int     // number of servers c

	A   float64 // offered load a = λ/μ in Erlangs
	Rho float64 // utilisation ρ = λ/(cμ); ≥ 1 means saturated, and is reported as is (not clamped) so a finding can say "130 %"

	Pwait float64 // probability an arrival waits (Erlang C); 1 when saturated
	Wq    float64 // mean wait in queue C/(cμ − λ) (s); +Inf when saturated
	R     float64 // mean response time Wq + 1/μ (s); +Inf when saturated
	L     float64 // mean number in system λR (Little); +Inf when saturated
	Lq    float64 // mean number waiting λWq; +Inf when saturated
	P0    float64 // probability the system is empty; 0 when saturated (it may also underflow to 0 for large c, which is the correctly rounded value)

	// Throughput is the completion rate: λ when stable, and the service
	// capacity cμ when saturated, since servers cannot finish work faster
	// than that however much arrives.
	Throughput float64

	Saturated bool // ρ ≥ 1: no steady state, the queue grows without bound

	// theta is cμ − λ, the decay rate of the waiting-time tail. It is
	// kept separately rather than recomputed from Rho because cμ − λ is
	// the form the tail formulas need and recomputing would round again.
	theta float64
}

// NewMMC computes the M/M/c steady state for arrival rate lambda (≥ 0),
// per-server service rate mu (> 0) and c servers (1 ≤ c ≤ MaxServers).
//
// Invalid inputs (negative, NaN or infinite rates, c out of range) are
// reported as an error wrapping ErrInvalid rather than as NaN results,
// because a NaN would otherwise travel silently into findings. Inputs so
// extreme that a stable mean does not fit in a float64 (e.g. μ = 1e-320)
// are rejected the same way. Saturation (ρ ≥ 1) is not an error.
func NewMMC(lambda, mu float64, c int) (MMC, error) {
	switch {
	case !(lambda >= 0) || math.IsInf(lambda, 1):
		return MMC{}, fmt.Errorf("%w: arrival rate λ = %g must be finite and ≥ 0", ErrInvalid, lambda)
	case !(mu > 0) || math.IsInf(mu, 1):
		return MMC{}, fmt.Errorf("%w: service rate μ = %g must be finite and > 0", ErrInvalid, mu)
	case c < 1 || c > MaxServers:
		return MMC{}, fmt.Errorf("%w: server count c = %d must be in [1, %d]", ErrInvalid, c, MaxServers)
	}
	fc := float64(c)
	capacity := fc * mu
	a := lambda / mu
	if math.IsInf(capacity, 0) || math.IsInf(a, 0) {
		return MMC{}, fmt.Errorf("%w: λ = %g, μ = %g, c = %d overflow float64", ErrInvalid, lambda, mu, c)
	}
	m := MMC{Lambda: lambda, Mu: mu, C: c, A: a, Rho: a / fc, theta: capacity - lambda}

	// Two roundings (a/c and cμ − λ) could disagree right at ρ = 1; either
	// one saying "no spare capacity" is enough, since dividing by a θ ≤ 0
	// is exactly what must never happen.
	if a >= fc || m.theta <= 0 {
		inf := math.Inf(1)
		m.Saturated = true
		m.Pwait = 1
		m.Wq, m.R, m.L, m.Lq = inf, inf, inf, inf
		m.P0 = 0
		m.Throughput = capacity
		m.theta = 0
		return m, nil
	}

	m.Pwait = ErlangC(c, a)
	m.Wq = m.Pwait / m.theta
	m.R = m.Wq + 1/mu
	m.L = lambda * m.R
	m.Lq = lambda * m.Wq
	m.P0 = emptyProbability(c, a, m.theta/capacity)
	m.Throughput = lambda
	for _, v := range [...]float64{m.Wq, m.R, m.L, m.Lq} {
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return MMC{}, fmt.Errorf("%w: λ = %g, μ = %g, c = %d give means beyond float64 range", ErrInvalid, lambda, mu, c)
		}
	}
	return m, nil
}

// Stable reports whether the queue has a steady state (ρ < 1); it is
// !Saturated, spelled positively for call sites that read better that way.
func (m MMC) Stable() bool { return !m.Saturated }

// emptyProbability returns P0 = [Σ_{k<c} a^k/k! + a^c/(c!·(1−ρ))]^{-1} for a
// stable queue, given oneMinusRho = 1 − ρ.
//
// The terms a^k/k! overflow a float64 for large c (the sum is ≈ e^a, and
// e^710 is already +Inf), so the running term and sum are rescaled by a
// fixed power of ten whenever they get large, and the scale is carried as
// a logarithm. The final exp then underflows gracefully to 0 when P0 really
// is smaller than the smallest float64, instead of producing 1/Inf from an
// overflowed sum or NaN from Inf/Inf.
func emptyProbability(c int, a, oneMinusRho float64) float64 {
	const (
		big    = 1e280
		logBig = 280 * math.Ln10
	)
	term, sum, logScale := 1.0, 1.0, 0.0 // k = 0 term
	for k := 1; k < c; k++ {
		term *= a / float64(k)
		sum += term
		if sum > big {
			term /= big
			sum /= big
			logScale += logBig
		}
		// Past k = a the terms fall geometrically (ratio r = a/(k+1)). Once
		// all that is left, term·r/(1-r) and the last term, is below the
		// sum's rounding, the rest of the loop cannot change the sum: stop,
		// so that a fleet of millions of idle workers costs microseconds
		// instead of seconds per call.
		if r := a / float64(k+1); r < 0.5 && term*r/(1-r)/oneMinusRho < sum*0x1p-60 {
			return scaledInverse(sum, logScale)
		}
	}
	term *= a / float64(c) // a^c/c!, same scale
	sum += term / oneMinusRho
	return scaledInverse(sum, logScale)
}

// scaledInverse is 1/(sum·e^logScale), underflowing to 0 rather than
// overflowing.
func scaledInverse(sum, logScale float64) float64 {
	if logScale == 0 {
		return 1 / sum
	}
	return math.Exp(-(math.Log(sum) + logScale))
}
