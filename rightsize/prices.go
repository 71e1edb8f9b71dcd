package rightsize

import (
	"fmt"
	"strings"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/schema"
)

// componentPrices remembers pricing.PriceComponent's monthly price of a
// database or cache by what that price depends on, within one stack (one
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
	key, ok := priceKey(c)
	if !ok || p.s.HostOf(c.Name) != nil {
		return pricing.PriceComponent(p.s, c, p.cat, pricing.Options{Catalog: p.cat})
	}
	if got, ok := p.known[key]; ok {
		return got.usd, got.complete
	}
	usd, complete := pricing.PriceComponent(p.s, c, p.cat, pricing.Options{Catalog: p.cat})
	p.known[key] = componentPrice{usd, complete}
	return usd, complete
}

// priceKey is what the price of c depends on besides the stack's region
// and hours, when nothing else does: an RDS database's instance hours and
// storage, a cache's node hours. Aurora bills its I/O by the queries c
// serves: not keyed (nor, in of, a hosted component, which bills nothing
// of its own).
func priceKey(c *schema.Component) (string, bool) {
	switch {
	case c.Database != nil && !strings.HasPrefix(c.Database.Engine, "aurora"):
		db := c.Database
		return fmt.Sprintf("database\x00%s\x00%s\x00%t\x00%s\x00%g", db.Engine, db.InstanceClass, db.MultiAZ, db.StorageType, db.StorageGB), true
	case c.Cache != nil:
		ca := c.Cache
		return fmt.Sprintf("cache\x00%s\x00%s\x00%d", ca.Engine, ca.NodeType, ca.Nodes), true
	}
	return "", false
}
