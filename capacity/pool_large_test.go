package capacity

import (
	"fmt"
	"math"
	"testing"
)

// TestPoolLargest: the chain at the largest pool the schema allows
// (MaxServers workers) stays finite and agrees with the M/M/c queue it
// is when there is no contention and no CPU queue (Erlang C from the B
// recursion, itself checked against 256-bit sums in TestErlangLargeC),
// at light load (a chain stopped early) and at ρ = 0.9 (9·10⁶ busy
// workers, largePool), and contention by the requests in service keeps a light
// load near its bare holding time.
func TestPoolLargest(t *testing.T) {
	n := MaxServers
	exp := holdSpec{cpu: moments{1, 1}, vcpu: n, cpuCV: 1}
	for _, rho := range []float64{1e-6, 0.9} {
		lam := rho * float64(n)
		p := solvePool(lam, n, exp)
		m, err := NewMMC(lam, 1, n)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(p.pwait-m.Pwait) > 1e-6*m.Pwait+1e-300 {
			t.Errorf("ρ %g: P(wait) %g, want %g", rho, p.pwait, m.Pwait)
		}
		checkRel(t, "busy", p.busy, lam, 1e-9)
		checkRel(t, "mean", p.resp.mean(), m.R, 1e-9)
	}
	con := exp
	con.usl = USL{Sigma: 0.01} // κ > 0 would put 10⁷ workers past the USL peak: saturated
	p := solvePool(1, n, con)  // one request a second, held 1 s
	if p.saturated || math.IsNaN(p.resp.mean()) || p.resp.mean() > 1.02 {
		t.Errorf("contended light load: %+v", p)
	}
}

// TestPoolContracts: over a grid of pools (cv 0 to the schema's 10,
// contention up to σ 0.9, κ 0.5, 1 to 64 workers, 1 to 8 vCPUs, loads
// up to saturation) the solution is finite, its utilisations in range
// and its percentiles ordered above the bare burst.
func TestPoolContracts(t *testing.T) {
	for _, cv := range []float64{0, 0.3, 1, 2, 10} {
		for _, usl := range []USL{{}, {Sigma: 0.05}, {Sigma: 0.9, Kappa: 0.5}} {
			for _, n := range []int{1, 4, 64} {
				for _, v := range []int{1, 8} {
					for _, load := range []float64{0.01, 0.5, 0.95, 1.2} {
						h := holdSpec{cpu: moments{0.004, sq(cv * 0.004)}, wait: moments{0.02, sq(cv * 0.02)},
							calls: moments{0.003, 0.00001}, vcpu: v, cpuCV: cv, usl: usl}
						lam := load * h.state(n).rate
						p := solvePool(lam, n, h)
						name := fmt.Sprintf("cv %g %+v n %d v %d load %g", cv, usl, n, v, load)
						if p.saturated {
							if load < 1 && usl.Sigma == 0 {
								t.Errorf("%s: saturated below the full pool's rate", name)
							}
							continue
						}
						q50, q95, q99 := p.resp.quantile(0.5), p.resp.quantile(0.95), p.resp.quantile(0.99)
						mean := p.resp.mean()
						for _, x := range []float64{q50, q95, q99, mean, p.busy, p.pwait, p.cpuBusy} {
							if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
								t.Fatalf("%s: %v (%+v)", name, x, p)
							}
						}
						if !(q50 <= q95 && q95 <= q99) || q99 < 0.027*(1-1e-9) && cv == 0 || p.busy > float64(n)+1e-9 || p.pwait > 1+1e-12 {
							t.Errorf("%s: p50 %g p95 %g p99 %g busy %g pwait %g", name, q50, q95, q99, p.busy, p.pwait)
						}
					}
				}
			}
		}
	}
}
