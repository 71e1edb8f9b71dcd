package capacity

import "math"

// ErlangB returns the Erlang B blocking probability B(c, a) for c servers
// and offered load a Erlangs.
//
// It uses the recursion B(0) = 1, B(k) = a·B(k−1)/(k + a·B(k−1)) rather
// than the textbook (a^c/c!)/Σ a^k/k!, because a^c/c! overflows a float64
// long before c = 10,000 (already near c = 170) while every step of the
// recursion stays in [0, 1]. The cost is O(min(c, a + a few thousand))
// multiplications: microseconds even at c = 10,000.
//
// Like the functions of package math, ErlangB reports an out-of-domain
// argument (c < 0, a < 0 or a NaN) as NaN; NewMMC validates its inputs
// before it gets here, so callers that want errors should go through it.
// a = +Inf gives 1 (every server is always busy).
func ErlangB(c int, a float64) float64 {
	if c < 0 || a < 0 || math.IsNaN(a) {
		return math.NaN()
	}
	if math.IsInf(a, 1) {
		return 1
	}
	b := 1.0
	for k := 1; k <= c; k++ {
		ab := a * b
		b = ab / (float64(k) + ab)
		if b == 0 {
			// Underflowed: every later step is 0 too. Past c ≫ a this
			// comes within a few thousand steps, so a fleet of millions
			// of idle workers costs no more than one of thousands.
			return 0
		}
	}
	return b
}

// ErlangC returns the Erlang C probability that an arrival has to wait in
// an M/M/c queue with c servers and offered load a Erlangs.
//
// It is derived from Erlang B as C = c·B/(c − a·(1 − B)), which keeps the
// stability of the B recursion: with a < c the denominator is at least
// c − a > 0 and no term overflows. For a ≥ c the queue is saturated and
// every arrival waits, so ErlangC returns 1 (the limit as a → c from
// below) instead of the negative or infinite value the formula would give.
// Out-of-domain arguments (c < 1, a < 0, NaN) give NaN, as in ErlangB.
func ErlangC(c int, a float64) float64 {
	if c < 1 || a < 0 || math.IsNaN(a) {
		return math.NaN()
	}
	fc := float64(c)
	if a >= fc {
		return 1
	}
	b := ErlangB(c, a)
	p := fc * b / (fc - a*(1-b))
	// In exact arithmetic C ≤ 1 whenever B ≤ 1; rounding can overshoot by
	// an ulp, and a probability above 1 would leak into 1 − C later.
	return math.Min(p, 1)
}
