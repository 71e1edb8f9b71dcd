package capacity

import "math"

// A blocking worker pool as a load-dependent birth–death chain
// (docs/capacity-model.md#compute-tiers-per-instance-queues).
//
// State k is the number of requests at one instance (holding a worker or
// waiting for one). With j = min(k, N) workers busy, the pool completes
// requests at μ(j) = j / E[H | j], where the holding time given j busy is
//
//	H | j = d_j·(CPU burst + wait) + CPU wait_j + calls,
//	d_j   = 1 + σ(j − 1) + κ·j(j − 1)       (USL: contention by the requests in service)
//
// and the CPU wait is that of a machine-repairman queue M/M/v//j: the j
// busy workers are its only sources, each alternating a (dilated) burst
// on the v vCPUs with the rest of its holding time as think time
// (Kleinrock vol. 1 §3.10; Gross et al. §2.7). Replacing the pool's
// inside by the throughput of its closed network is the flow-equivalent
// server of Chandy, Herzog and Woo (1975): exact for exponential stages,
// an approximation otherwise. The chain is solved as a product of
// ratios λ/μ(j) with rescaling (no factorial, no overflow) and stops
// when the remaining terms are below stopTol of the sum; past N the
// rate is constant and the tail is geometric, summed in closed form.

const (
	// stopTol: the chain (and the CPU queue inside it) stops once a term
	// is below this share of the sum and every later term is smaller
	// still (the ratios λ/μ(j) < 1 from there on).
	stopTol = 1e-16
	// exactSources bounds the busy workers for which the CPU queue is
	// solved exactly (O(j) each); beyond, its asymptote (below).
	exactSources = 1024
)

// holdSpec is what a request's holding time is made of, per instance.
type holdSpec struct {
	cpu, wait moments // one burst and one wait, before dilation
	calls     moments // databases, caches, called tiers: not dilated
	vcpu      int
	cpuCV     float64
	usl       USL
	// openCPU, when set, replaces the machine-repairman CPU queue by a
	// fixed wait (a hosted database's queries share the vCPUs as an open
	// stream, flow.go's hostCPU).
	openCPU   bool
	openCPUWq moments
	// openExtra is the Allen–Cunneen stretch of the CPU wait as the open
	// queue has it, (f − 1)·Wq(M/M/v) at the pool's arrival rate, held
	// as a delay in every state below extraBelow (the full pool, whose
	// CPU sees only its N sources, keeps the faded stretch): see
	// openStretch.
	openExtra  float64
	openPwait  float64 // that queue's P(wait)
	extraBelow int
}

// poolState is the pool with j workers busy.
type poolState struct {
	rate    float64 // μ(j), completions per second
	hold    moments // of H | j
	d       float64 // USL dilation
	cpuWq   float64 // mean CPU wait
	cpuBusy float64 // busy vCPUs (mean)
}

func (h holdSpec) state(j int) poolState {
	fj := float64(j)
	d := 1 + h.usl.Sigma*(fj-1) + h.usl.Kappa*fj*(fj-1)
	s, z := d*h.cpu.mean, d*h.wait.mean+h.calls.mean
	var wq moments
	busy := 0.0
	switch {
	case h.openCPU:
		wq = h.openCPUWq
	case j < h.extraBelow:
		// The burst's spread is carried by the open queue's extra wait,
		// a delay for the finite-source queue (so the busy workers it
		// keeps do not load the CPU), waited like the rest of Q_j.
		// With no wait in the closed queue (j ≤ v) the open queue's
		// P(wait) stands for the burst's.
		pge, m, b := repairmanWait(j, h.vcpu, s, z+h.openExtra, 1)
		if pge <= 0 {
			pge = h.openPwait
		}
		wq, busy = waitMoments(pge, pge/(m+h.openExtra)), b
	default:
		wq, busy = repairman(j, h.vcpu, s, z, h.cpuCV)
	}
	if h.openCPU {
		busy = fj * s / (s + z + wq.mean)
	}
	hold := moments{s + z + wq.mean, d*d*(h.cpu.v+h.wait.v) + h.calls.v + wq.v}
	st := poolState{hold: hold, d: d, cpuWq: wq.mean, cpuBusy: busy}
	if hold.mean > 0 {
		st.rate = fj / hold.mean
	} else {
		st.rate = math.Inf(1)
	}
	return st
}

// repairman is the CPU wait (mean, variance) of a burst of mean s among
// j sources that think z between bursts on v servers, M/M/v//j, and the
// mean busy servers. The mean wait is Lq/X (Little); an arriving burst
// waits with the probability that all v are busy in the queue of the
// j − 1 others (the arrival theorem), and the wait of those who wait is
// taken as exponential with the mean that gives. A burst of cv ≠ 1
// stretches the wait by Allen–Cunneen's f = (1 + cv²)/2 where the CPU is
// idle, by 1 where it is saturated, linearly in its utilisation u
// between (f + (1 − f)u: a heuristic, checked against the simulation in
// tier_sim_test.go): the full pool's, and every state's for cv < 1
// (openStretch carries cv > 1 below it). j ≤ v never waits.
// Past exactSources sources the closed network's asymptote is used (the
// CPU response max(s, j·s/v − z), Denning and Buzen 1978), waited by
// every burst once the CPU is the bottleneck.
func repairman(j, v int, s, z, cv float64) (moments, float64) {
	pge, wq, busy := repairmanWait(j, v, s, z, cv)
	if pge <= 0 || wq <= 0 {
		return moments{}, busy
	}
	return waitMoments(pge, pge/wq), busy
}

// repairmanWait is repairman's P(a burst waits), mean wait and mean busy
// servers; the asymptote's wait is waited by every burst (pge 1).
func repairmanWait(j, v int, s, z, cv float64) (pge, wq, busy float64) {
	if j <= v || s == 0 {
		return 0, 0, float64(j) * s / (s + z)
	}
	if j > exactSources {
		r := math.Max(s, float64(j)*s/float64(v)-z)
		x := float64(j) / (r + z)
		return 1, r - s, x * s
	}
	_, lq, x := repairmanDist(j, v, s, z)
	pge, _, _ = repairmanDist(j-1, v, s, z)
	// The stretch applies where the CPU has slack; a saturated CPU pins
	// the closed network's throughput at v/s whatever the burst's
	// spread, so it fades out with the utilisation u.
	f, u := (1+cv*cv)/2, math.Min(1, x*s/float64(v))
	if f > 1 {
		f += (1 - f) * u * u
	}
	return pge, f * lq / x, x * s
}

// repairmanDist solves M/M/v//n: the probability that all v servers are
// busy, the mean number waiting Lq and the throughput of bursts X.
func repairmanDist(n, v int, s, z float64) (pge, lq, x float64) {
	if n == 0 {
		return 0, 0, 0
	}
	if z == 0 { // no think time: all n at the CPU
		busy := math.Min(float64(n), float64(v))
		if n >= v {
			return 1, float64(n - v), busy / s
		}
		return 0, 0, busy / s
	}
	term, sum := 1.0, 1.0
	var sGE, sLq, sBusy float64
	for q := 1; q <= n; q++ {
		ratio := float64(n-q+1) * s / z / float64(min(q, v))
		term *= ratio
		sum += term
		if q >= v {
			sGE += term
			sLq += term * float64(q-v)
		}
		sBusy += term * float64(min(q, v))
		if sum > 1e280 {
			term, sum, sGE, sLq, sBusy = term/1e280, sum/1e280, sGE/1e280, sLq/1e280, sBusy/1e280
		}
		if ratio < 1 && term < stopTol*sum && q >= v {
			break
		}
	}
	return sGE / sum, sLq / sum, sBusy / sum / s
}

// pool is the solved chain at arrival rate lam per instance.
type pool struct {
	saturated bool
	rho       float64 // λ/μ(N): the worker utilisation the verdicts read; ≥ 1 saturated
	busy      float64 // mean busy workers
	pwait     float64 // P(an arrival waits for a worker) = P(K ≥ N)
	waitRate  float64 // of the wait of those who wait, stretched by Allen–Cunneen
	hold      moments // of the holding time, over the states an arrival is served in
	cpuWq     float64 // mean CPU wait per request
	cpuBusy   float64 // mean busy vCPUs
	resp      sojourn
}

// solvePool solves the chain of n workers with holding spec h at lam.
func solvePool(lam float64, n int, h holdSpec) pool {
	h = openStretch(lam, n, h)
	top := h.state(n)
	if lam == 0 { // idle: a request would find every worker free
		st := h.state(1)
		return pool{hold: st.hold, cpuWq: st.cpuWq, resp: sojourn{hold: st.hold}}
	}
	if lam >= top.rate {
		return pool{saturated: true, rho: lam / top.rate, pwait: 1}
	}
	if p, ok := largePool(lam, n, h); ok {
		return p
	}
	// Weights of the states: t_k ∝ P(K = k), t_0 = 1. Completions in
	// state j happen at t_j·μ(j) = λ·t_{j−1}: the moments of H are
	// averaged with those weights.
	term, sum := 1.0, 1.0
	var sBusy, sHold, sHold2, sCPUWq, sCPU, sGE float64
	reachedTop := false
	for j := 1; j <= n; j++ {
		st := top
		if j < n {
			st = h.state(j)
		}
		ratio := lam / st.rate
		w := term * lam // t_{j−1}·λ: weight of completions in state j
		term *= ratio
		sum += term
		fj := float64(j)
		sBusy += term * fj
		sHold += w * st.hold.mean
		sHold2 += w * (st.hold.v + st.hold.mean*st.hold.mean)
		sCPUWq += w * st.cpuWq
		sCPU += term * st.cpuBusy
		if j == n {
			reachedTop = true
			break
		}
		if sum > 1e280 {
			term, sum, sBusy, sHold, sHold2, sCPUWq, sCPU = term/1e280, sum/1e280, sBusy/1e280, sHold/1e280, sHold2/1e280, sCPUWq/1e280, sCPU/1e280
		}
		if ratio < 1 && term < stopTol*sum {
			break
		}
	}
	rho := lam / top.rate
	if reachedTop {
		// k > N: t_k = t_N·ρ^{k−N}, all N busy.
		tail := term * rho / (1 - rho)
		sum += tail
		sBusy += tail * float64(n)
		wTail := tail * top.rate // completions in the states past N
		sHold += wTail * top.hold.mean
		sHold2 += wTail * (top.hold.v + top.hold.mean*top.hold.mean)
		sCPUWq += wTail * top.cpuWq
		sCPU += tail * top.cpuBusy
		sGE = term + tail
	}
	wsum := lam * sum // Σ t_j μ(j) = λ Σ t_{j−1}
	p := pool{rho: rho, busy: sBusy / sum, pwait: sGE / sum, cpuWq: sCPUWq / wsum, cpuBusy: sCPU / sum}
	m := sHold / wsum
	p.hold = moments{m, math.Max(0, sHold2/wsum-m*m)}
	// The wait of those who wait: geometric numbers of completions at
	// μ(N), exactly exponential at μ(N) − λ for the chain; stretched by
	// (1 + SCV of H)/2 (Allen–Cunneen) for a holding time that is not
	// exponential.
	f := 1.0
	if m > 0 {
		f = (1 + p.hold.v/(m*m)) / 2
	}
	p.waitRate = (top.rate - lam) / f
	p.resp = sojourn{pw: p.pwait, r: p.waitRate, hold: p.hold}
	return p
}

// largePool solves, without walking its states, a pool without
// contention whose busy workers number beyond exactSources: each state
// there has the holding time of the CPU queue's asymptote, the same for
// every j as long as the CPU is not the bottleneck (it is then
// saturated), so the chain is the M/M/c queue of that holding time
// (Erlang C by the B recursion, O(n) with early stopping), stretched by
// Allen–Cunneen for its spread. ok is false when the walk is needed.
func largePool(lam float64, n int, h holdSpec) (pool, bool) {
	if n <= exactSources || h.usl.Sigma != 0 || h.usl.Kappa != 0 {
		return pool{}, false
	}
	busy := lam * h.state(1).hold.mean
	if busy <= exactSources {
		return pool{}, false
	}
	st := h.state(min(n, int(math.Ceil(busy))))
	scv := st.hold.v / sq(st.hold.mean)
	g, err := NewMGC(lam, 1/st.hold.mean, n, math.Sqrt(scv))
	if err != nil || g.Saturated {
		return pool{saturated: true, rho: lam * st.hold.mean / float64(n), pwait: 1}, true
	}
	p := pool{rho: g.Base.Rho, busy: lam * st.hold.mean, pwait: g.Base.Pwait, waitRate: g.waitRate(),
		hold: st.hold, cpuWq: st.cpuWq, cpuBusy: lam * st.d * h.cpu.mean}
	p.resp = sojourn{pw: p.pwait, r: p.waitRate, hold: p.hold}
	return p, true
}

// openStretch sets h's open-queue stretch of the CPU wait. Each request
// bursts once, when it gets its worker, so while the pool is not full the
// CPU's arrivals are the pool's own Poisson ones: the CPU is an open
// M/G/v queue, whose wait Allen–Cunneen puts at f·Wq(M/M/v), f = (1 +
// cv²)/2. The chain's finite-source queue without the stretch is that
// Wq for exponential bursts (the flow-equivalent server is exact for a
// product-form network), so the open queue's extra (f − 1)·Wq is added
// as a delay to every state but the full pool's. Stretching each state's
// wait instead (faded by that state's CPU utilisation, as repairman
// does) leaves it out where a burst of arrivals has made the closed
// network CPU-bound: stack 52 of the accuracy bench (40 workers, 2 vCPUs
// at 77 %, cv 1.92) had 33 ms of CPU wait against 62 simulated, and
// the open queue gives 63. Only for cv > 1: below, the per-state
// stretch shortens waits and cannot feed back. Contention's dilation is
// left out of the open queue (its bursts are undilated).
func openStretch(lam float64, n int, h holdSpec) holdSpec {
	f := (1 + h.cpuCV*h.cpuCV) / 2
	if f <= 1 || h.openCPU || h.vcpu >= n || lam == 0 || h.cpu.mean == 0 {
		return h
	}
	g, err := NewMGC(lam, 1/h.cpu.mean, h.vcpu, 1)
	if err != nil || g.Saturated {
		return h // the CPU saturates the pool: the faded stretch, as before
	}
	h.openExtra, h.openPwait, h.extraBelow = (f-1)*g.Wq, g.Base.Pwait, n
	return h
}
