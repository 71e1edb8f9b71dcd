package capacity

import "testing"

// A pool that is not the limit passes its Poisson arrivals to the CPU,
// which is then the open M/G/v queue (pool.go, openStretch): the mean CPU
// wait is Allen–Cunneen's f·Wq(M/M/v), f = (1 + cv²)/2. Stack 52's front
// tier of the accuracy bench (seed 1): m5.large (2 vCPUs), 40 workers,
// 18.8 ms bursts of cv 1.92, then 57.5 ms off the CPU, 81.7 rps. By hand,
// ρ = 81.7 × 0.0188 / 2 = 0.768, Erlang C for c = 2 is 2ρ²/(1 + ρ)
// (Kleinrock vol. 1 §3.5), Wq = C/(2μ − λ) = 27.0 ms, × f = 2.343 gives
// 63.3 ms; the simulation (bench/accuracy.sh, seed 1) gave a CPU wait of
// about 62 ms (mean 138.05 ± 1.38 ms). The chain's finite-source queue
// with 40 workers is within 1 % of the open Wq; the faded per-state
// stretch gave 33 ms.
func TestOpenStretchIsAllenCunneen(t *testing.T) {
	const lam, s, z, cv = 81.7, 0.0188, 0.0575, 1.92
	rho := lam * s / 2
	c := 2 * rho * rho / (1 + rho)
	want := (1 + cv*cv) / 2 * c / (2/s - lam)
	h := holdSpec{cpu: moments{s, sq(cv * s)}, wait: moments{z, 0}, vcpu: 2, cpuCV: cv}
	p := solvePool(lam, 40, h)
	if p.saturated {
		t.Fatal("saturated")
	}
	checkRel(t, "mean CPU wait", p.cpuWq, want, 0.01)
	// The full pool keeps the faded stretch, so the pool saturates where
	// it did: at μ(N), which openStretch leaves alone.
	if got, old := h.state(40).rate, openStretch(lam, 40, h).state(40).rate; got != old {
		t.Errorf("μ(N) = %g with the open stretch, %g without", old, got)
	}
}
