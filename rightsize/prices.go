package rightsize

import (
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/schema"
)

// componentPrices remembers pricing.PriceComponent's monthly price of a
// database or cache by its pricing.PriceShape, within one stack (one
// region, one month's hours): the resize searches price every candidate
// of every component, and a stack's databases and caches mostly repeat a
// few shapes (1,000 generated components: 250 databases × their
// candidate classes priced, with the line items' text formatted each
// time, 7 % of a check).
type componentPrices struct {
	s     *schema.Stack
	cat   *catalog.Catalog
	known map[string]componentPrice
}

type componentPrice struct {
	usd      float64
	complete bool
}

func newComponentPrices(s *schema.Stack, cat *catalog.Catalog) *componentPrices {
	return &componentPrices{s: s, cat: cat, known: map[string]componentPrice{}}
}

// of is c's monthly price, as pricing.PriceComponent gives it.
func (p *componentPrices) of(c *schema.Component) (float64, bool) {
	key, ok := pricing.PriceShape(p.s, c)
	if !ok {
		return pricing.PriceComponent(p.s, c, p.cat, pricing.Options{Catalog: p.cat})
	}
	if got, ok := p.known[key]; ok {
		return got.usd, got.complete
	}
	usd, complete := pricing.PriceComponent(p.s, c, p.cat, pricing.Options{Catalog: p.cat})
	p.known[key] = componentPrice{usd, complete}
	return usd, complete
}
