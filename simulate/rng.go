package simulate

import (
	"math"
	"math/rand/v2"
)

// dist draws one demand: Gamma with a given mean and coefficient of
// variation, deterministic at cv 0 and exponential at cv 1 (the shared
// semantics of demand.cv, docs/simulation.md).
type dist struct {
	mean  float64 // seconds
	shape float64 // 1/cv²
	scale float64 // mean·cv²
	kind  uint8
}

const (
	distConst uint8 = iota
	distExp
	distGamma
)

func newDist(mean, cv float64) dist {
	switch {
	case mean <= 0 || cv <= 0:
		return dist{mean: max(mean, 0), kind: distConst}
	case cv == 1:
		return dist{mean: mean, kind: distExp}
	}
	shape := 1 / (cv * cv)
	return dist{mean: mean, shape: shape, scale: mean / shape, kind: distGamma}
}

func (d dist) draw(r *rand.Rand) float64 {
	switch d.kind {
	case distExp:
		return r.ExpFloat64() * d.mean
	case distGamma:
		return gammaUnit(r, d.shape) * d.scale
	}
	return d.mean
}

// gammaUnit draws Gamma(shape, 1) by Marsaglia and Tsang's squeeze method
// (G. Marsaglia, W. W. Tsang, "A simple method for generating gamma
// variables", ACM TOMS 26(3), 2000, §2 and, for shape < 1, §6: Gamma(a+1)
// times U^(1/a)).
func gammaUnit(r *rand.Rand, a float64) float64 {
	boost := 1.0
	if a < 1 {
		boost = math.Pow(1-r.Float64(), 1/a) // 1−U is in (0, 1]: never 0^(1/a)
		a++
	}
	d := a - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := r.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := r.Float64()
		x2 := x * x
		if u < 1-0.0331*x2*x2 {
			return d * v * boost
		}
		if u > 0 && math.Log(u) < 0.5*x2+d*(1-v+math.Log(v)) {
			return d * v * boost
		}
	}
}

// frac draws k or k+1 for a mean of p = k + f calls: k calls and one more
// with probability f (the shared semantics of per_request).
func frac(r *rand.Rand, p float64) int {
	k := math.Floor(p)
	n := int(k)
	if f := p - k; f > 0 && r.Float64() < f {
		n++
	}
	return n
}
