package pricing_test

import (
	"testing"

	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/schema"
)

// The basis notes print their figures as the cost table prints quantities
// (package humanize): thousands grouped, up to three decimals, nouns
// agreeing with their number.

func TestClampBasis(t *testing.T) {
	as := &schema.Autoscaling{Min: 2, Max: 10}
	for _, c := range []struct {
		need   int
		target float64
		want   string
	}{
		{3, 0.6, "3 instances (average load needs 3 at 60% CPU)"},
		{1, 0.555, "2 instances (average load needs 1 at 55.5% CPU; autoscaling min)"},
		{1200, 0.7, "10 instances (average load needs 1,200 at 70% CPU; autoscaling max)"},
	} {
		if got := pricing.Clamp(c.need, as, c.target, "CPU").Basis; got != c.want {
			t.Errorf("Clamp(%d, …, %v).Basis = %q, want %q", c.need, c.target, got, c.want)
		}
	}
}

func TestLCUBasis(t *testing.T) {
	// ALB: 25 new connections/s or 1 processed GB/h make one LCU (AWS
	// Elastic Load Balancing pricing). 5,000 req/s of 10 KB is 180 GB/h
	// (5000 × 10 × 3600 / 1e6) against 5000 / 25 = 200 LCUs by connections.
	if n, basis := pricing.LCUs("alb", 5000, 10); n != 200 || basis != "new connections 5,000/s ÷ 25" {
		t.Errorf("LCUs(alb, 5000, 10) = %v, %q", n, basis)
	}
	// 25 req/s of 100 KB: 9 GB/h (25 × 100 × 3600 / 1e6) beats 1 by connections.
	if n, basis := pricing.LCUs("alb", 25, 100); n != 9 || basis != "processed 9 GB/h ÷ 1" {
		t.Errorf("LCUs(alb, 25, 100) = %v, %q", n, basis)
	}
}
