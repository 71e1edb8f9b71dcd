package fit

import (
	"math"

	"gonum.org/v1/gonum/optimize"
	"gonum.org/v1/gonum/stat/distuv"
)

// Bounds of the gamma shape the two-quantile fit searches: cv from about
// 31.6 (shape 0.001) down to 0.001 (shape 10⁶, as good as deterministic).
const (
	minShape = 1e-3
	maxShape = 1e6
)

// gammaFromQuantiles is the gamma distribution whose median and 99th
// percentile are p50 and p99: the shape fixes the ratio p99/p50 (it falls
// from ∞ to 1 as the shape grows), the scale then fixes p50. It returns
// the mean and the coefficient of variation 1/√shape; clamped is true when
// the ratio lies outside what the shape bounds give.
func gammaFromQuantiles(p50, p99 float64) (mean, cv float64, clamped bool) {
	ratio := func(k float64) float64 {
		g := distuv.Gamma{Alpha: k, Beta: 1}
		return g.Quantile(0.99) / g.Quantile(0.5)
	}
	want := math.Log(p99 / p50)
	if want <= math.Log(ratio(maxShape)) {
		return p50, 0, p99 != p50 // narrower than the bound: deterministic
	}
	if want >= math.Log(ratio(minShape)) {
		k := minShape
		return p50 / distuv.Gamma{Alpha: k, Beta: 1}.Quantile(0.5) * k, 1 / math.Sqrt(k), true
	}
	// Search log(shape): the ratio is smooth and monotone in it, so Nelder–
	// Mead on the squared log-ratio error finds the one root.
	prob := optimize.Problem{Func: func(x []float64) float64 {
		d := math.Log(ratio(shapeOf(x[0]))) - want
		return d * d
	}}
	// An error here is the evaluation budget running out: the best point
	// found is still the nearest root reached, since the ratio is monotone.
	res, _ := optimize.Minimize(prob, []float64{0}, &optimize.Settings{FuncEvaluations: 2000}, &optimize.NelderMead{})
	x := 0.0
	if res != nil {
		x = res.X[0]
	}
	k := shapeOf(x)
	scale := p50 / distuv.Gamma{Alpha: k, Beta: 1}.Quantile(0.5)
	return k * scale, 1 / math.Sqrt(k), false
}

// shapeOf is the gamma shape at log-shape x, kept within the bounds.
func shapeOf(x float64) float64 {
	return math.Exp(math.Min(math.Max(x, math.Log(minShape)), math.Log(maxShape)))
}
