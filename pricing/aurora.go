package pricing

import (
	"fmt"
	"strings"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/schema"
)

func isAurora(engine string) bool { return strings.HasPrefix(engine, "aurora-") }

// auroraIOPerQuery is the I/O requests one query is assumed to cost: a
// floor (a query served from Aurora's buffer cache costs none, a write or a
// scan several), said in the basis.
const auroraIOPerQuery = 1

// aurora bills an Aurora (standard) cluster: its writer instance, and with
// multi_az one replica in another AZ, at the class's hourly price; cluster
// storage per GB-month (not doubled: Aurora's storage is shared across
// zones); and I/O requests, which the snapshot prices in us-east-1 only
// (elsewhere the total is partial and names it).
func (d *decl) aurora(c *schema.Component) []CostComponent {
	db := c.Database
	instances, how := 1, "writer"
	if db.MultiAZ {
		instances, how = 2, "writer + 1 replica in another AZ"
	}
	var cs []CostComponent
	if db.InstanceClass != "" {
		cs = append(cs, CostComponent{
			Name:     fmt.Sprintf("instance hours (%s %s)", db.InstanceClass, db.Engine),
			PriceKey: catalog.RDSKey(db.Engine, db.InstanceClass, false),
			Unit:     "hour", Quantity: float64(instances) * d.hours, Charge: Fixed,
			Basis: humanize.Plural(instances, "instance") + " (" + how + ") × " + d.hoursBasis(),
		})
	}
	queries := d.rate(c.Name) * d.hours * secondsPerHour
	return append(cs, CostComponent{
		Name: "storage (Aurora)", PriceKey: catalog.AuroraStorageGBMonth,
		Unit: "GB-month", Quantity: db.StorageGB, Charge: Fixed,
		Basis: humanize.Number(db.StorageGB, basisDecimals) + " GB",
	}, CostComponent{
		Name: "I/O requests (Aurora)", PriceKey: catalog.AuroraIOMillion,
		Unit: "million request", Quantity: queries * auroraIOPerQuery / 1e6, Charge: UsageBased,
		Basis: fmt.Sprintf("%s queries/s × %s × %d I/O a query (a floor)", humanize.Number(d.rate(c.Name), basisDecimals), d.hoursBasis(), auroraIOPerQuery),
	})
}
