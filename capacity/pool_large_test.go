package capacity

import (
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
