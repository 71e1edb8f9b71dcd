package capacity

import (
	"errors"
	"math"
	"testing"
)

func TestUSLCapacity(t *testing.T) {
	// Hand-evaluated X(N) = N/(1 + σ(N−1) + κN(N−1)).
	for _, tt := range []struct {
		sigma, kappa float64
		n            int
		want         float64
	}{
		{0, 0, 64, 64},                  // linear scaling
		{0.05, 0.001, 1, 1},             // one worker is the unit
		{0.05, 0.001, 10, 10 / 1.54},    // 1 + 0.45 + 0.09
		{0.1, 0, 1000, 1000 / 100.9},    // Amdahl: → 1/σ = 10
		{0.02, 0.0005, 100, 100 / 7.93}, // 1 + 1.98 + 4.95
		{1, 0, 8, 1},                    // fully serialised
		{0.3, 0.2, 0, 0},                // no workers
		{0.3, 0.2, -5, 0},               // nonsense count, no NaN
	} {
		u := must4(NewUSL(tt.sigma, tt.kappa))
		checkRel(t, "Capacity", u.Capacity(tt.n), tt.want, 1e-14)
		if tt.n > 0 {
			checkRel(t, "Efficiency", u.Efficiency(tt.n), tt.want/float64(tt.n), 1e-14)
		}
	}
}

func must4(u USL, err error) USL {
	if err != nil {
		panic(err)
	}
	return u
}

// TestUSLPeak: N* = sqrt((1−σ)/κ) from dX/dN ∝ (1−σ) − κN², and the integer
// peak agrees with a brute-force argmax of X(n) over n.
func TestUSLPeak(t *testing.T) {
	for _, tt := range []struct{ sigma, kappa float64 }{{0.05, 0.001}, {0.02, 0.0005}, {0, 1e-4}, {0.5, 0.5}, {1, 0.01}, {0.9, 0.3}} {
		u := must4(NewUSL(tt.sigma, tt.kappa))
		checkRel(t, "Peak", u.Peak(), math.Sqrt((1-tt.sigma)/tt.kappa), 1e-15)
		best, bestX := 1, u.Capacity(1)
		for n := 2; n <= 10000; n++ {
			if x := u.Capacity(n); x > bestX {
				best, bestX = n, x
			}
		}
		n, ok := u.PeakWorkers()
		if !ok || n != best {
			t.Errorf("σ=%g κ=%g: PeakWorkers = %d, %v; brute force %d", tt.sigma, tt.kappa, n, ok, best)
		}
	}
	u := must4(NewUSL(0.1, 0))
	if !math.IsInf(u.Peak(), 1) {
		t.Errorf("κ=0 peak = %g, want +Inf", u.Peak())
	}
	if n, ok := u.PeakWorkers(); ok || n != 0 {
		t.Errorf("κ=0 PeakWorkers = %d, %v; want 0, false", n, ok)
	}
	// 1e-300 gives N* = 1e150; 5e-324 (the smallest subnormal) overflows
	// (1 − σ)/κ to +Inf in float64 though its N* ≈ 1.4e161 is as finite:
	// both beyond any pool, the same answer (issue 14 found null for one).
	for _, kappa := range []float64{1e-30, 1e-300, 5e-324} {
		if n, ok := must4(NewUSL(0.02, kappa)).PeakWorkers(); !ok || n != math.MaxInt32 {
			t.Errorf("tiny κ %g: PeakWorkers = %d, %v; want %d, true", kappa, n, ok, math.MaxInt32)
		}
	}
}

func TestUSLInvalid(t *testing.T) {
	for _, tt := range []struct{ sigma, kappa float64 }{{-0.1, 0}, {1.1, 0}, {math.NaN(), 0}, {0, -1}, {0, math.NaN()}, {0, math.Inf(1)}} {
		if _, err := NewUSL(tt.sigma, tt.kappa); !errors.Is(err, ErrInvalid) {
			t.Errorf("NewUSL(%g, %g) err = %v, want ErrInvalid", tt.sigma, tt.kappa, err)
		}
	}
}
