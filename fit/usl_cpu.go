package fit

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// Server is what a closed-loop test's throughput owes to the CPU alone:
// Workers request workers (N clients beyond them wait for one), each
// request CPUms of CPU on VCPUs vCPUs and WaitMs of anything else (waits,
// queries), which holds the worker but no CPU; NaN: what the sweep's
// point at concurrency 1 leaves after the CPU, 1/X(1) − CPUms.
type Server struct {
	CPUms, WaitMs float64
	VCPUs         int
	Workers       int // 0: as many as there are clients
}

// CPUThroughput is the server's throughput with n clients and no
// contention: the machine-repairman model (Kleinrock 1975, §3.10; Gunther
// 2007, ch. 2) of min(n, workers) jobs cycling between a delay of WaitMs
// and an FCFS queue on VCPUs servers of exponential CPUms bursts, solved
// as its birth–death chain. This is the CPU queue the capacity model
// already has; contention fitted on top of it is what the CPU does not
// explain.
func (s Server) CPUThroughput(n float64) float64 {
	jobs := int(math.Round(n))
	if s.Workers > 0 {
		jobs = min(jobs, s.Workers)
	}
	d, z := s.CPUms/1000, s.WaitMs/1000
	if z == 0 {
		return float64(min(jobs, s.VCPUs)) / d
	}
	// p[k] ∝ Π_{i<k} (jobs−i)/z ÷ (min(i+1, v)/d): k jobs at the CPU.
	p, sum, busy := 1.0, 1.0, 0.0
	for k := 1; k <= jobs; k++ {
		p *= float64(jobs-k+1) / z * d / float64(min(k, s.VCPUs))
		sum += p
		busy += p * float64(min(k, s.VCPUs))
	}
	return busy / sum / d
}

// FitUSLBeyondCPU fits σ and κ to the throughput that the CPU queue does
// not explain: X(N) = X_cpu(N) / (1 + σ(N−1) + κN(N−1)), X_cpu the
// server's CPUThroughput. A server whose CPU saturates then gets σ ≈ 0
// instead of the σ that FitUSL reads from the flattening, which the
// capacity model would count a second time beside its CPU queue. λ is
// X_cpu(1), not fitted. Least squares by gonum's BFGS; asymptotic
// intervals on n−2 degrees of freedom.
func FitUSLBeyondCPU(orig []Point, srv Server) (*USL, error) {
	n := len(orig)
	if n < MinPoints {
		return nil, fmt.Errorf("%d points: fitting σ and κ needs at least %d", n, MinPoints)
	}
	if math.IsNaN(srv.WaitMs) {
		// From the sweep itself: at N = 1, X = 1/(D + Z).
		for _, p := range orig {
			if p.Concurrency == 1 && p.Throughput > 0 {
				srv.WaitMs = math.Max(1000/p.Throughput-srv.CPUms, 0)
			}
		}
		if math.IsNaN(srv.WaitMs) {
			return nil, errors.New("no point at concurrency 1 to take the wait from: give it")
		}
	}
	if !(srv.CPUms > 0) || !(srv.WaitMs >= 0) || srv.VCPUs < 1 || srv.Workers < 0 {
		return nil, fmt.Errorf("the server needs cpu_ms > 0, wait_ms ≥ 0 and at least one vCPU (got %g, %g, %d)", srv.CPUms, srv.WaitMs, srv.VCPUs)
	}
	xcpu := make([]float64, n)
	nmin, nmax, xmean := math.Inf(1), 0.0, 0.0
	for i, p := range orig {
		xcpu[i] = srv.CPUThroughput(p.Concurrency)
		nmin, nmax = math.Min(nmin, p.Concurrency), math.Max(nmax, p.Concurrency)
		xmean += p.Throughput / float64(n)
	}
	if xmean <= 0 {
		return nil, errors.New("every throughput is 0: nothing to fit")
	}
	model := func(s, k float64, i int) float64 {
		c := orig[i].Concurrency
		return xcpu[i] / (1 + s*(c-1) + k*c*(c-1))
	}
	jac := func(s, k float64, i int) []float64 {
		c := orig[i].Concurrency
		d := 1 + s*(c-1) + k*c*(c-1)
		return []float64{-xcpu[i] * (c - 1) / (d * d), -xcpu[i] * c * (c - 1) / (d * d)}
	}
	// σ and κ scaled by the terms they multiply at the largest N.
	scale := [2]float64{1 / math.Max(nmax-1, 1), 1 / math.Max(nmax*(nmax-1), 1)}
	prob := optimize.Problem{
		Func: func(x []float64) float64 {
			var ssr float64
			for i, p := range orig {
				r := (p.Throughput - model(x[0]*scale[0], x[1]*scale[1], i)) / xmean
				ssr += r * r
			}
			if math.IsNaN(ssr) {
				return math.Inf(1)
			}
			return ssr
		},
		Grad: func(g, x []float64) {
			g[0], g[1] = 0, 0
			for i, p := range orig {
				s, k := x[0]*scale[0], x[1]*scale[1]
				r := (p.Throughput - model(s, k, i)) / xmean
				j := jac(s, k, i)
				g[0] -= 2 * r * j[0] * scale[0] / xmean
				g[1] -= 2 * r * j[1] * scale[1] / xmean
			}
		},
	}
	res, err := optimize.Minimize(prob, []float64{0.01 / scale[0], 1e-4 / scale[1]}, &optimize.Settings{GradientThreshold: 1e-12, MajorIterations: 10000}, &optimize.BFGS{})
	if err != nil && (res == nil || math.Hypot(res.Gradient[0], res.Gradient[1]) > 1e-6) {
		return nil, fmt.Errorf("the fit did not converge: %v", err)
	}
	s, k := res.X[0]*scale[0], res.X[1]*scale[1]
	u := &USL{Points: orig, Fitted: make([]float64, n)}
	y := make([]float64, n)
	jt := mat.NewDense(n, 2, nil)
	for i, p := range orig {
		y[i] = p.Throughput
		u.Fitted[i] = model(s, k, i)
		jt.SetRow(i, jac(s, k, i))
	}
	f, err := newLSQ(y, u.Fitted, jt)
	if err != nil {
		return nil, errors.New("the data cannot determine σ and κ together: measure more concurrency levels, further apart")
	}
	u.RSquared = f.rSquared
	l := srv.CPUThroughput(1)
	u.Lambda = Estimate{Value: l, Lo: l, Hi: l}
	u.Sigma, u.Kappa = f.estimate(s, 0), f.estimate(k, 1)
	// The plain USL's N* and peak assume X(1)·N without the CPU's limit:
	// they do not hold here, so none are reported.
	u.NStar, u.Peak = math.NaN(), math.NaN()
	u.warn(nmin, nmax)
	return u, nil
}
