package fit

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// Estimate is one fitted parameter with its asymptotic 95 % confidence
// interval.
type Estimate struct {
	Value, StdErr float64
	Lo, Hi        float64 // Value ∓ t(0.975, n−3)·StdErr
}

// Determined says whether the data fix the parameter's sign: its
// interval excludes 0.
func (e Estimate) Determined() bool { return e.Lo > 0 || e.Hi < 0 }

// USL is the Universal Scalability Law fitted to a closed-loop test:
// X(N) = λN / (1 + σ(N−1) + κN(N−1)) (Gunther 2007, ch. 4–6).
type USL struct {
	Lambda, Sigma, Kappa Estimate
	RSquared             float64
	// NStar is the concurrency of peak throughput √((1−σ)/κ) and Peak the
	// throughput there; both NaN when κ ≤ 0 or σ ≥ 1 (no peak).
	NStar, Peak float64
	Points      []Point
	Fitted      []float64 // X̂(N) for each point
	Warnings    []string
}

// Model is the USL throughput at concurrency n.
func Model(lambda, sigma, kappa, n float64) float64 {
	return lambda * n / (1 + sigma*(n-1) + kappa*n*(n-1))
}

// FitUSL fits λ, σ and κ by nonlinear least squares on the throughput
// (gonum's BFGS on the sum of squared residuals), started from Gunther's
// linearisation. The intervals are asymptotic: the covariance is
// s²(JᵀJ)⁻¹ with J the model's Jacobian at the estimate and s² the
// residual variance on n−3 degrees of freedom.
func FitUSL(orig []Point) (*USL, error) {
	n := len(orig)
	if n < MinPoints {
		return nil, fmt.Errorf("%d points: fitting λ, σ and κ needs at least %d", n, MinPoints)
	}
	// The fit runs on throughput relative to the largest, so that JᵀJ
	// neither overflows nor underflows whatever the unit; λ, its interval
	// and the fitted values are scaled back at the end (σ and κ are
	// dimensionless, R² is scale-free).
	xscale := 0.0
	for _, p := range orig {
		xscale = math.Max(xscale, p.Throughput)
	}
	pts := make([]Point, n)
	for i, p := range orig {
		pts[i] = p
		pts[i].Throughput /= xscale
	}
	// Scale the unknowns so each is of order one where it matters: λ
	// relative to its start, σ and κ by the terms they multiply at the
	// largest N. BFGS is then well conditioned whatever the units.
	nmin, nmax, xmean := math.Inf(1), 0.0, 0.0
	for _, p := range pts {
		nmin, nmax = math.Min(nmin, p.Concurrency), math.Max(nmax, p.Concurrency)
		xmean += p.Throughput / float64(n)
	}
	lambda0, sigma0, kappa0 := start(pts)
	scale := [3]float64{lambda0, 1 / math.Max(nmax-1, 1), 1 / math.Max(nmax*(nmax-1), 1)}
	unscale := func(x []float64) (float64, float64, float64) {
		return x[0] * scale[0], x[1] * scale[1], x[2] * scale[2]
	}
	prob := optimize.Problem{
		Func: func(x []float64) float64 {
			l, s, k := unscale(x)
			var ssr float64
			for _, p := range pts {
				r := (p.Throughput - Model(l, s, k, p.Concurrency)) / xmean
				ssr += r * r
			}
			if math.IsNaN(ssr) {
				return math.Inf(1) // a denominator crossed zero: not a candidate
			}
			return ssr
		},
		Grad: func(g, x []float64) {
			l, s, k := unscale(x)
			g[0], g[1], g[2] = 0, 0, 0
			for _, p := range pts {
				r := (p.Throughput - Model(l, s, k, p.Concurrency)) / xmean
				j := jacobian(l, s, k, p.Concurrency)
				for i := range g {
					g[i] -= 2 * r * j[i] * scale[i] / xmean
				}
			}
		},
	}
	x0 := []float64{1, sigma0 / scale[1], kappa0 / scale[2]}
	res, err := optimize.Minimize(prob, x0, &optimize.Settings{GradientThreshold: 1e-10, MajorIterations: 10000}, &optimize.BFGS{})
	// A line search can fail when the sum is already at its floating-point
	// floor; the best point is then the answer if its gradient is flat.
	if err != nil && (res == nil || floats.Norm(res.Gradient, 2) > 1e-6) {
		return nil, fmt.Errorf("the fit did not converge: %v", err)
	}
	l, s, k := unscale(res.X)
	u := &USL{Points: orig, Fitted: make([]float64, n)}

	y := make([]float64, n)
	jt := mat.NewDense(n, 3, nil)
	for i, p := range pts {
		y[i] = p.Throughput
		u.Fitted[i] = Model(l, s, k, p.Concurrency)
		jt.SetRow(i, jacobian(l, s, k, p.Concurrency))
	}
	f, err := newLSQ(y, u.Fitted, jt)
	switch {
	case errors.Is(err, errSingular):
		return nil, errors.New("the data cannot determine λ, σ and κ together (their Jacobian is singular): measure more concurrency levels, further apart")
	case err != nil:
		return nil, errors.New("the data cannot determine λ, σ and κ together: " + err.Error())
	}
	u.RSquared = f.rSquared
	u.Lambda, u.Sigma, u.Kappa = f.estimate(l, 0), f.estimate(s, 1), f.estimate(k, 2)
	u.Lambda.Value, u.Lambda.StdErr = l*xscale, u.Lambda.StdErr*xscale
	u.Lambda.Lo, u.Lambda.Hi = u.Lambda.Lo*xscale, u.Lambda.Hi*xscale
	for i := range u.Fitted {
		u.Fitted[i] *= xscale
	}
	u.NStar, u.Peak = math.NaN(), math.NaN()
	if k > 0 && s < 1 {
		u.NStar = math.Sqrt((1 - s) / k)
		u.Peak = Model(u.Lambda.Value, s, k, u.NStar)
	}
	u.warn(nmin, nmax)
	return u, nil
}

// jacobian is ∂X/∂(λ, σ, κ) at concurrency n.
func jacobian(l, s, k, n float64) []float64 {
	d := 1 + s*(n-1) + k*n*(n-1)
	return []float64{n / d, -l * n * (n - 1) / (d * d), -l * n * n * (n - 1) / (d * d)}
}

// start is Gunther's linearisation (2007, ch. 5): with λ from the lowest
// concurrency, N·λ/X(N) − 1 = σ(N−1) + κN(N−1) is linear in σ and κ.
func start(pts []Point) (lambda, sigma, kappa float64) {
	lo := pts[0]
	for _, p := range pts {
		if p.Concurrency < lo.Concurrency || (p.Concurrency == lo.Concurrency && p.Throughput > lo.Throughput) {
			lo = p
		}
	}
	lambda = lo.Throughput / lo.Concurrency
	a := mat.NewDense(len(pts), 2, nil)
	b := mat.NewVecDense(len(pts), nil)
	for i, p := range pts {
		a.Set(i, 0, p.Concurrency-1)
		a.Set(i, 1, p.Concurrency*(p.Concurrency-1))
		b.SetVec(i, p.Concurrency*lambda/p.Throughput-1)
	}
	var x mat.VecDense
	if err := x.SolveVec(a, b); err != nil {
		return lambda, 0.01, 0.0001
	}
	// Start inside the region the schema allows; the fit may leave it.
	return lambda, math.Max(x.AtVec(0), 1e-6), math.Max(x.AtVec(1), 1e-9)
}

func (u *USL) warn(nmin, nmax float64) {
	add := func(format string, args ...any) { u.Warnings = append(u.Warnings, fmt.Sprintf(format, args...)) }
	// A negative estimate inside noise is "not determined"; only one the
	// data pin below 0 is reported as negative.
	clamped := func(e Estimate) string {
		if e.Value < 0 {
			return fmt.Sprintf("; the fit gives %.3g and the CUE uses 0", e.Value)
		}
		return ""
	}
	switch {
	case u.Sigma.Hi < 0:
		add("sigma is negative (%.3g), which the schema does not allow: the data scale better than linearly (a cache warming up?); the CUE uses 0", u.Sigma.Value)
	case !u.Sigma.Determined():
		add("sigma not determined: its 95 %% interval [%.3g, %.3g] includes 0%s", u.Sigma.Lo, u.Sigma.Hi, clamped(u.Sigma))
	case u.Sigma.Value >= 0.9999:
		add("sigma is %.4g, about 1 or more: throughput does not grow with concurrency, which the model does not describe; the CUE uses 0.9999", u.Sigma.Value)
	}
	switch {
	case u.Kappa.Hi < 0:
		add("kappa is negative (%.3g), which the schema does not allow; the CUE uses 0", u.Kappa.Value)
	case !u.Kappa.Determined():
		add("kappa not determined: its 95 %% interval [%.3g, %.3g] includes 0%s; the data stay below the concurrency where coherency delays show (largest measured %g), so N* and the peak are not known; measure at higher concurrency", u.Kappa.Lo, u.Kappa.Hi, clamped(u.Kappa), nmax)
	case u.NStar > nmax:
		add("the peak N* = %.1f lies beyond the largest concurrency measured (%g): N* and the peak are extrapolated", u.NStar, nmax)
	case u.NStar < nmin:
		add("the peak N* = %.2f lies below the smallest concurrency measured (%g): throughput falls over the whole test", u.NStar, nmin)
	}
}

// Paste is the CUE a user pastes into a compute component: the fitted
// coefficients, clamped into the range the schema allows.
func (u *USL) Paste() string {
	// The schema's bound is < 1; 0.9999 survives sig's rounding.
	s := math.Min(math.Max(u.Sigma.Value, 0), 0.9999)
	k := math.Min(math.Max(u.Kappa.Value, 0), 0.9999)
	return fmt.Sprintf("contention: {sigma: %s, kappa: %s}", sig(s), sig(k))
}

// sig prints v with four significant digits, never in exponent form (CUE
// accepts 1e-4 but a reader compares 0.0001 more easily), except below
// 10⁻⁶ and from 10⁹.
func sig(v float64) string {
	if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e9) {
		return strconv.FormatFloat(v, 'g', 4, 64) // 21 zeros help no one
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 4, 64), 64)
	if err != nil {
		return strconv.FormatFloat(v, 'g', 4, 64) // ±Inf, NaN
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}
