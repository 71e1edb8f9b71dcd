package capacity

import (
	"math"
	"math/big"
	"testing"
)

// relErr is |got − want|/|want|, or |got| when want is 0.
func relErr(got, want float64) float64 {
	if want == 0 {
		return math.Abs(got)
	}
	return math.Abs(got-want) / math.Abs(want)
}

func checkRel(t *testing.T, name string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(got) || relErr(got, want) > tol {
		t.Errorf("%s = %.17g, want %.17g (rel err %.3g > %.0e)", name, got, want, relErr(got, want), tol)
	}
}

// bigMMC is an independent reference for M/M/c: the textbook definition
//
//	P0 = [Σ_{k<c} a^k/k! + a^c/(c!(1−ρ))]^{-1},  Pwait = a^c/(c!(1−ρ))·P0
//
// evaluated in 256-bit math/big floats, whose exponent range makes a^c/c!
// representable even at c = 10,000 (≈ 10^40,000). It shares no code and no
// formula with the Erlang B recursion under test.
type bigRef struct {
	Pwait, P0, Wq, R, L, Lq float64
}

func bigMMC(lambda, mu float64, c int) bigRef {
	const prec = 256
	nf := func(x float64) *big.Float { return new(big.Float).SetPrec(prec).SetFloat64(x) }
	lam, m := nf(lambda), nf(mu)
	a := new(big.Float).SetPrec(prec).Quo(lam, m)
	cap := new(big.Float).SetPrec(prec).Mul(nf(float64(c)), m)
	theta := new(big.Float).SetPrec(prec).Sub(cap, lam)
	oneMinusRho := new(big.Float).SetPrec(prec).Quo(theta, cap)

	term, sum := nf(1), nf(0)
	for k := 0; k < c; k++ {
		sum.Add(sum, term)
		term.Mul(term, a)
		term.Quo(term, nf(float64(k+1)))
	}
	top := new(big.Float).SetPrec(prec).Quo(term, oneMinusRho)
	den := new(big.Float).SetPrec(prec).Add(sum, top)
	p0 := new(big.Float).SetPrec(prec).Quo(nf(1), den)
	pw := new(big.Float).SetPrec(prec).Quo(top, den)
	wq := new(big.Float).SetPrec(prec).Quo(pw, theta)
	r := new(big.Float).SetPrec(prec).Add(wq, new(big.Float).SetPrec(prec).Quo(nf(1), m))
	f := func(x *big.Float) float64 { v, _ := x.Float64(); return v }
	return bigRef{
		Pwait: f(pw), P0: f(p0), Wq: f(wq), R: f(r),
		L:  f(new(big.Float).SetPrec(prec).Mul(lam, r)),
		Lq: f(new(big.Float).SetPrec(prec).Mul(lam, wq)),
	}
}

// convTail is an independent numerical value of P(T > t) for M/M/c: the
// convolution of the wait with the exponential service,
//
//	P(T > t) = P(S > t) + ∫_0^t P(Wq > t−s)·μe^{−μs} ds
//	         = e^{−μt} + ∫_0^t C·e^{−θ(t−s)}·μe^{−μs} ds,
//
// integrated by adaptive Simpson quadrature. It uses neither the closed
// form nor its θ = μ limit, so it checks both.
func convTail(pw, mu, theta, t float64) float64 {
	f := func(s float64) float64 { return pw * math.Exp(-theta*(t-s)) * mu * math.Exp(-mu*s) }
	// A relative tolerance: far out in the tail the integral is ~1e-18 and
	// an absolute one would accept anything. The scale comes from a crude
	// 64-panel composite Simpson pass.
	crude := 0.0
	for i := 0; i < 64; i++ {
		a, b := t*float64(i)/64, t*float64(i+1)/64
		crude += (b - a) / 6 * (f(a) + 4*f((a+b)/2) + f(b))
	}
	return math.Exp(-mu*t) + adaptiveSimpson(f, 0, t, 1e-14*crude, 60)
}

func adaptiveSimpson(f func(float64) float64, a, b, tol float64, depth int) float64 {
	fa, fm, fb := f(a), f((a+b)/2), f(b)
	whole := (b - a) / 6 * (fa + 4*fm + fb)
	return simpsonStep(f, a, b, fa, fm, fb, whole, tol, depth)
}

func simpsonStep(f func(float64) float64, a, b, fa, fm, fb, whole, tol float64, depth int) float64 {
	m := (a + b) / 2
	lm, rm := (a+m)/2, (m+b)/2
	flm, frm := f(lm), f(rm)
	left := (m - a) / 6 * (fa + 4*flm + fm)
	right := (b - m) / 6 * (fm + 4*frm + fb)
	if depth <= 0 || math.Abs(left+right-whole) <= 15*tol {
		return left + right + (left+right-whole)/15
	}
	return simpsonStep(f, a, m, fa, flm, fm, left, tol/2, depth-1) +
		simpsonStep(f, m, b, fm, frm, fb, right, tol/2, depth-1)
}
