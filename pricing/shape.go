package pricing

import (
	"fmt"

	"github.com/infralint/infralint/schema"
)

// PriceShape is what PriceComponent's price of c depends on beyond the
// stack's region and hours, when that is c's own fields alone: an RDS
// database's instance hours and storage (database), a cache's node hours
// (cache). Two components of one stack with the same shape cost the same.
// Aurora bills its I/O by the queries c serves, a hosted component bills
// nothing of its own, and the other kinds follow their traffic: no shape.
func PriceShape(s *schema.Stack, c *schema.Component) (string, bool) {
	if s.HostOf(c.Name) != nil {
		return "", false
	}
	switch {
	case c.Database != nil && !isAurora(c.Database.Engine):
		db := c.Database
		return fmt.Sprintf("database\x00%s\x00%s\x00%t\x00%s\x00%g", db.Engine, db.InstanceClass, db.MultiAZ, db.StorageType, db.StorageGB), true
	case c.Cache != nil:
		ca := c.Cache
		return fmt.Sprintf("cache\x00%s\x00%s\x00%d", ca.Engine, ca.NodeType, ca.Nodes), true
	}
	return "", false
}
