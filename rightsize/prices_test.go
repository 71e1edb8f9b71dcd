package rightsize

import (
	"math"
	"testing"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/internal/testload"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/schema"
)

// A remembered price is pricing.PriceComponent's, for each shape asked,
// and an Aurora database (billed by the queries it serves) is priced
// anew each time.
func TestComponentPricesArePriceComponents(t *testing.T) {
	s := testload.File(t, "../examples/web-asg-rds-cache/stack.cue")
	cat := catalog.Default()
	prices := newComponentPrices(s, cat)
	want := func(c *schema.Component) float64 {
		usd, _ := pricing.PriceComponent(s, c, cat, pricing.Options{Catalog: cat})
		return usd
	}
	db, cache := s.Components["db"], s.Components["redis"]
	for _, c := range []*schema.Component{db, withClass(db, "db.r5.xlarge"), db, cache, withNodeType(cache, "cache.t3.small"), cache} {
		if got, _ := prices.of(c); math.Abs(got-want(c)) > 1e-9*want(c) || got <= 0 {
			t.Errorf("%s: %g, want %g", c.Name, got, want(c))
		}
	}
	if len(prices.known) != 4 {
		t.Errorf("%d shapes remembered, want 4", len(prices.known))
	}
	aurora := *db
	a := *db.Database
	a.Engine = "aurora-postgresql"
	aurora.Database = &a
	if _, keyed := pricing.PriceShape(s, &aurora); keyed {
		t.Error("an Aurora database is keyed: its I/O depends on its queries")
	}
}
