package fit

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// errSingular says JᵀJ has no Cholesky factor: the data cannot tell the
// parameters apart.
var errSingular = errors.New("singular Jacobian")

// lsq is what a nonlinear least-squares fit's residuals say: R², and the
// asymptotic covariance s²(JᵀJ)⁻¹ with s² the residual variance on n − p
// degrees of freedom, for 95 % t intervals.
type lsq struct {
	rSquared float64
	s2, t    float64
	cov      mat.SymDense
}

// newLSQ judges fitted against y, jt holding the model's Jacobian at the
// estimate (a row a point, a column a parameter).
func newLSQ(y, fitted []float64, jt *mat.Dense) (*lsq, error) {
	n, p := jt.Dims()
	mean := 0.0
	for _, v := range y {
		mean += v / float64(n)
	}
	var ssr, sst float64
	for i, v := range y {
		r := v - fitted[i]
		ssr += r * r
		d := v - mean
		sst += d * d
	}
	f := &lsq{rSquared: 1 - ssr/sst}
	if sst == 0 {
		f.rSquared = math.NaN() // every value equal: nothing to explain
	}
	var jtj mat.SymDense
	jtj.SymOuterK(1, jt.T())
	var chol mat.Cholesky
	if !chol.Factorize(&jtj) {
		return nil, errSingular
	}
	if err := chol.InverseTo(&f.cov); err != nil {
		return nil, err
	}
	dof := float64(n - p)
	f.s2 = ssr / dof
	f.t = distuv.StudentsT{Mu: 0, Sigma: 1, Nu: dof}.Quantile(0.975)
	return f, nil
}

// estimate is parameter i, of value v, with its standard error and interval.
func (f *lsq) estimate(v float64, i int) Estimate {
	se := math.Sqrt(f.s2 * f.cov.At(i, i))
	return Estimate{Value: v, StdErr: se, Lo: v - f.t*se, Hi: v + f.t*se}
}
