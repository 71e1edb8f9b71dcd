package pricing

import (
	"testing"

	"github.com/infralint/infralint/catalog"
)

// The issue's figure (issue 17): 78,840 GB of internet egress in us-east-1
// is $6,338.00 tiered against $7,095.60 at the first tier alone. By hand
// from REGIONAL.md §6 (0.09 / 0.085 / 0.07 per GB): 10,240 × 0.09 = 921.60,
// 40,960 × 0.085 = 3,481.60, 27,640 × 0.07 = 1,934.80; sum 6,338.00;
// 78,840 × 0.09 = 7,095.60. With the free 100 GB, the first tier bills
// 10,140 GB: 6,338.00 − 9.00 = 6,329.00.
func TestEgressTiersIssueFigure(t *testing.T) {
	rates := []float64{0.09, 0.085, 0.07, 0.05}
	bill := func(free float64) (usd float64, q []float64) {
		q = tierQuantities(78840, free, catalog.EgressTiers)
		for i := range q {
			usd += q[i] * rates[i]
		}
		return usd, q
	}
	usd, q := bill(0)
	if want := []float64{10240, 40960, 27640, 0}; !same(q, want) {
		t.Errorf("tiers %v, want %v", q, want)
	}
	if !within(usd, 6338.00) || within(usd, 78840*0.09) {
		t.Errorf("tiered %v, want 6338.00 (not 7095.60)", usd)
	}
	usd, q = bill(FreeEgressGB)
	if !within(usd, 6329.00) || q[0] != 10140 {
		t.Errorf("with the free 100 GB: %v (%v), want 6329.00", usd, q)
	}
	// Below the allowance nothing is billed; past the last bound the rest
	// lands in the open tier.
	if q := tierQuantities(80, FreeEgressGB, catalog.EgressTiers); !same(q, []float64{0, 0, 0, 0}) {
		t.Errorf("80 GB: %v", q)
	}
	if q := tierQuantities(200*1024, 0, catalog.EgressTiers); !same(q, []float64{10240, 40960, 102400, 51200}) {
		t.Errorf("200 TB: %v", q)
	}
}

func same(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !within(a[i], b[i]) {
			return false
		}
	}
	return true
}

func within(a, b float64) bool { return a-b < 1e-6 && b-a < 1e-6 }
