package fit

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// Server is what a closed-loop test's throughput owes to its queues
// alone: Workers request workers (N clients beyond them wait for one),
// each request CPUms of CPU on VCPUs vCPUs, DBms of database time on
// DBVCPUs vCPUs (its queries; 0 for none), and WaitMs of anything else,
// which holds the worker and queues for nothing; NaN: what the sweep's
// point at concurrency 1 leaves after the CPU and the database,
// 1/X(1) − CPUms − DBms.
type Server struct {
	CPUms, WaitMs float64
	VCPUs         int
	Workers       int // 0: as many as there are clients
	DBms          float64
	DBVCPUs       int
}

// QueueThroughput is the server's throughput with n clients and no
// contention: min(n, workers) jobs cycling through a delay of WaitMs, an
// FCFS queue of exponential CPUms bursts on VCPUs servers and, with DBms,
// one of DBms on DBVCPUs servers. That closed network has a product form
// (Gordon and Newell 1967; Baskett, Chandy, Muntz and Palacios 1975): the
// chance of k₁ jobs at the CPU and k₂ at the database is proportional to
// f(k₁; D₁, c₁)·f(k₂; D₂, c₂)·Z^m/m!, m the jobs in the delay and
// f(k; D, c) = Π_{j≤k} D/min(j, c); X = E[min(k₁, c₁)]/D₁, summed over
// every state (in logarithms: the terms underflow at a few hundred jobs).
// Without the database it is the machine-repairman model (Kleinrock
// 1975, §3.10; Gunther 2007, ch. 2). These are the CPU and database
// queues the capacity model already has; contention fitted on top of
// them is what they do not explain.
func (s Server) QueueThroughput(n float64) float64 {
	jobs := int(math.Round(n))
	if s.Workers > 0 {
		jobs = min(jobs, s.Workers)
	}
	if jobs <= 0 {
		return 0
	}
	d1, d2, z := s.CPUms/1000, s.DBms/1000, s.WaitMs/1000
	station := func(d float64, c int) []float64 { // log f(k; d, c), k = 0..jobs
		lf := make([]float64, jobs+1)
		for k := 1; k <= jobs; k++ {
			lf[k] = lf[k-1] + math.Log(d/float64(min(k, max(c, 1))))
		}
		return lf
	}
	cpu, db := station(d1, s.VCPUs), station(d2, s.DBVCPUs)
	if d2 == 0 {
		for k := 1; k <= jobs; k++ {
			db[k] = math.Inf(-1) // no database: no job is ever there
		}
	}
	delay := make([]float64, jobs+1) // log Z^m/m!
	for m := 1; m <= jobs; m++ {
		delay[m] = delay[m-1] + math.Log(z/float64(m))
	}
	logw := func(k1, k2 int) float64 { return cpu[k1] + db[k2] + delay[jobs-k1-k2] }
	top := math.Inf(-1)
	for k1 := 0; k1 <= jobs; k1++ {
		for k2 := 0; k1+k2 <= jobs; k2++ {
			top = math.Max(top, logw(k1, k2))
		}
	}
	sum, busy := 0.0, 0.0
	for k1 := 0; k1 <= jobs; k1++ {
		for k2 := 0; k1+k2 <= jobs; k2++ {
			w := math.Exp(logw(k1, k2) - top)
			sum += w
			busy += w * float64(min(k1, s.VCPUs))
		}
	}
	return busy / sum / d1
}

// FitUSLBeyondQueues fits σ and κ to the throughput that the server's
// CPU and database queues do not explain: X(N) = X_q(N) / (1 + σ(N−1) +
// κN(N−1)), X_q the server's QueueThroughput. A server whose CPU (or
// database) saturates then gets σ ≈ 0 instead of the σ that FitUSL reads
// from the flattening, which the capacity model would count a second time
// beside its own queues. λ is X_q(1), not fitted. Least squares by gonum's BFGS; asymptotic
// intervals on n−2 degrees of freedom.
func FitUSLBeyondQueues(orig []Point, srv Server) (*USL, error) {
	n := len(orig)
	if n < MinPoints {
		return nil, fmt.Errorf("%d points: fitting σ and κ needs at least %d", n, MinPoints)
	}
	if math.IsNaN(srv.WaitMs) {
		// From the sweep itself: at N = 1, X = 1/(D_cpu + D_db + Z).
		for _, p := range orig {
			if p.Concurrency == 1 && p.Throughput > 0 {
				srv.WaitMs = math.Max(1000/p.Throughput-srv.CPUms-srv.DBms, 0)
			}
		}
		if math.IsNaN(srv.WaitMs) {
			return nil, errors.New("no point at concurrency 1 to take the wait from: give it")
		}
	}
	if !(srv.CPUms > 0) || !(srv.WaitMs >= 0) || srv.VCPUs < 1 || srv.Workers < 0 {
		return nil, fmt.Errorf("the server needs cpu_ms > 0, wait_ms ≥ 0 and at least one vCPU (got %g, %g, %d)", srv.CPUms, srv.WaitMs, srv.VCPUs)
	}
	if !(srv.DBms >= 0) || srv.DBms > 0 && srv.DBVCPUs < 1 {
		return nil, fmt.Errorf("the database needs db_ms ≥ 0 and, with db_ms, at least one vCPU (got %g, %d)", srv.DBms, srv.DBVCPUs)
	}
	xcpu := make([]float64, n)
	nmin, nmax, xmean := math.Inf(1), 0.0, 0.0
	for i, p := range orig {
		xcpu[i] = srv.QueueThroughput(p.Concurrency)
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
	l := srv.QueueThroughput(1)
	u.Lambda = Estimate{Value: l, Lo: l, Hi: l}
	u.Sigma, u.Kappa = f.estimate(s, 0), f.estimate(k, 1)
	// The plain USL's N* and peak assume X(1)·N without the queues' limit:
	// they do not hold here, so none are reported.
	u.NStar, u.Peak = math.NaN(), math.NaN()
	u.warn(nmin, nmax)
	return u, nil
}
