package capacity

import (
	"fmt"
	"math"
)

// USL is Gunther's Universal Scalability Law for N workers contending for
// shared state:
//
//	X(N) = N / (1 + σ(N − 1) + κN(N − 1))
//
// relative to one worker. σ is contention (the serialised fraction of the
// work, queueing for a lock), κ is coherency (pairwise crosstalk, e.g.
// cache-line or lock hand-off between every pair of workers). With κ > 0,
// X rises to a peak at N* = sqrt((1 − σ)/κ) and then falls: past N*, adding
// workers lowers throughput, which is what the CAP rule reports.
type USL struct {
	Sigma float64 // contention σ, in [0, 1]
	Kappa float64 // coherency κ, ≥ 0
}

// NewUSL validates σ ∈ [0, 1] and κ ≥ 0 (both finite). σ above 1 would
// mean more than all of the work is serialised, and a negative κ would
// make X(N) grow faster than N; neither describes a real system.
func NewUSL(sigma, kappa float64) (USL, error) {
	if !(sigma >= 0 && sigma <= 1) {
		return USL{}, fmt.Errorf("%w: USL contention σ = %g must be in [0, 1]", ErrInvalid, sigma)
	}
	if !(kappa >= 0) || math.IsInf(kappa, 1) {
		return USL{}, fmt.Errorf("%w: USL coherency κ = %g must be finite and ≥ 0", ErrInvalid, kappa)
	}
	return USL{Sigma: sigma, Kappa: kappa}, nil
}

// Capacity returns X(N), the throughput of n workers relative to one
// worker, which is also their effective parallelism: n workers behave like
// X(n) contention-free ones. n ≤ 0 gives 0.
func (u USL) Capacity(n int) float64 {
	if n <= 0 {
		return 0
	}
	return float64(n) * u.Efficiency(n)
}

// Efficiency returns X(N)/N = 1/(1 + σ(N − 1) + κN(N − 1)), the share of a
// contention-free worker that each of n workers delivers; 1 for n ≤ 1.
//
// This is the form to feed an M/M/c model: keep c = n servers and derate
// each server's rate to μ·Efficiency(n). Rounding X(N) to an integer c
// instead would throw away up to a whole server and change Erlang C
// discontinuously as N grows.
func (u USL) Efficiency(n int) float64 {
	if n <= 1 {
		return 1
	}
	fn := float64(n)
	return 1 / (1 + u.Sigma*(fn-1) + u.Kappa*fn*(fn-1))
}

// Peak returns N* = sqrt((1 − σ)/κ), the real-valued worker count that
// maximises X (from dX/dN ∝ (1 − σ) − κN²). κ = 0 has no peak: X keeps
// rising towards 1/σ, and Peak returns +Inf. Values below 1 (including 0
// for σ = 1) mean that any second worker already lowers throughput.
func (u USL) Peak() float64 {
	if u.Kappa == 0 {
		return math.Inf(1)
	}
	return math.Sqrt((1 - u.Sigma) / u.Kappa)
}

// PeakWorkers returns the whole number of workers n ≥ 1 with the largest
// X(n) — floor or ceil of N*, whichever is higher, the smaller on a tie —
// and ok = false when κ = 0 (no finite peak; n is then 0).
func (u USL) PeakWorkers() (n int, ok bool) {
	if u.Kappa == 0 {
		return 0, false
	}
	p := u.Peak()
	// A tiny κ puts the peak beyond any real pool; a subnormal one
	// (5e-324) makes (1 − σ)/κ overflow to +Inf, yet it is as finite a
	// peak as 1e-300's: the same answer for both.
	if math.IsInf(p, 1) || p >= float64(math.MaxInt32) {
		return math.MaxInt32, true
	}
	lo := max(1, int(math.Floor(p)))
	hi := max(1, int(math.Ceil(p)))
	if u.Capacity(hi) > u.Capacity(lo) {
		return hi, true
	}
	return lo, true
}
