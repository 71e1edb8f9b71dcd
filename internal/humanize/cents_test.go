package humanize

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Cents rounds as USD prints: the cases are TestUSD's hand-worked ties
// (1.005 is stored as 1.00499…, yet reads and prints as $1.01).
func TestCents(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want int64
	}{
		{0, 0}, {2248.96, 224896}, {1.005, 101}, {2.675, 268}, {0.125, 13},
		{999.995, 100000}, {-0.005, -1}, {-0.004, 0}, {8616.115, 861612},
	} {
		if got, ok := Cents(c.in); !ok || got != c.want {
			t.Errorf("Cents(%v) = %d, %v; want %d", c.in, got, ok, c.want)
		}
	}
	for _, bad := range []float64{math.NaN(), math.Inf(1), 1e15, -1e16} {
		if _, ok := Cents(bad); ok {
			t.Errorf("Cents(%v) ok", bad)
		}
	}
}

// Whatever the amount, the cents Cents gives print as USD prints the
// amount itself: a gate on cents compares the figure it prints.
func TestCentsPrintAsUSD(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 1))
	for range 20000 {
		v := math.Round(r.Float64()*1e7*1000) / 1000 // thousandths: half-cent ties
		if r.IntN(2) == 0 {
			v = r.Float64() * 1e5
		}
		c, ok := Cents(v)
		if !ok || USD(FromCents(c)) != USD(v) {
			t.Fatalf("v=%v: Cents %d prints %s, USD(v) %s", v, c, USD(FromCents(c)), USD(v))
		}
	}
}
