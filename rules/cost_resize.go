package rules

import (
	"fmt"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/rightsize"
	"github.com/infralint/infralint/schema"
)

// The rules in this file report rightsize's Resizes: a database class or
// cache node type larger than the model needs.

// worthResizing is COST002's bar for a suggestion: at least
// costMinSavingShare of the component's cost and costMinSavingUSD.
func worthResizing(r *rightsize.Resize) bool {
	s := r.SavingUSD()
	return s >= costMinSavingUSD && s >= costMinSavingShare*r.CurrentUSD
}

func gib(mib float64) string { return humanize.Figure(mib/1024) + " GiB" }

var ruleCostDatabaseClass = &Rule{
	ID:       "COST004",
	Name:     "oversized-database-class",
	Severity: Warning,
	Requires: []Need{NeedCapacity, NeedCost, NeedRightSizing},
	Summary:  "A smaller RDS class holds the database's peak within the utilisation target",
	Docs: `For each RDS database, infralint tries the cheaper classes of the same engine,
Multi-AZ as written, of the same CPU architecture, with at least as much memory
per vCPU (a memory-optimised class stays memory-optimised), cheapest first. A class qualifies when the
capacity model, run again with it, keeps the database's peak CPU within the
utilisation target and no tier or database does worse in any scenario (peak,
average, one AZ lost, deploy): query waits grow on fewer vCPUs, and a caller
whose p99 would then miss the SLO rules the class out. The finding names the
cheapest that qualifies when it saves at least 10% and $10 a month (instance
hours and storage, priced with the cost table's own prices; the message says
their date).

Memory is not modelled for databases: the message gives the memory before and
after. Check that the working set (the hot part of the tables and indexes)
fits the smaller class's memory before switching.

` + costSeverityDocs + `

Fix: change instance_class to the class given.`,
	Check: func(p *Pass) {
		for _, c := range p.Stack.OfKind(schema.KindDatabase) {
			r := p.RightSizing.Resizes[c.Name]
			if r == nil || r.Field != "instance_class" || !worthResizing(r) {
				continue
			}
			az := "single-AZ"
			if c.Database.MultiAZ {
				az = "Multi-AZ"
			}
			prices := regionPrices(p, catalog.RDSKey(c.Database.Engine, r.From, c.Database.MultiAZ),
				catalog.RDSKey(c.Database.Engine, r.To, c.Database.MultiAZ), catalog.RDSStorageKey(c.Database.StorageType, c.Database.MultiAZ))
			p.ReportSaving(r.SavingUSD(), componentPath(c.Name, "instance_class"), fmt.Sprintf("instance_class: %q", r.To),
				"database %q is %s busy at peak on %s (%s); %s (%s) would hold the peak at %s, within the %s target, %s kept, for %s a month instead of %s (saves %s); memory goes from %s to %s, which the model does not check against the working set; %s",
				c.Name, humanize.Percent(r.PeakCPU), r.From, humanize.Plural(r.VCPU, "vCPU"), r.To, humanize.Plural(r.ToVCPU, "vCPU"),
				humanize.Percent(r.ToPeakCPU), humanize.Percent(p.Capacity.TargetUtilization), az,
				humanize.USD(r.MonthlyUSD), humanize.USD(r.CurrentUSD), humanize.USD(r.SavingUSD()),
				gib(r.MemoryMiB), gib(r.ToMemoryMiB), priceDates(p.Catalog, prices...))
		}
	},
}

var ruleCostCacheNode = &Rule{
	ID:       "COST005",
	Name:     "oversized-cache-node",
	Severity: Warning,
	Requires: []Need{NeedCapacity, NeedCost, NeedRightSizing},
	Summary:  "A smaller cache node type holds the cache's data sets and keeps their hit ratios",
	Docs: `For each cache with data sets, infralint tries the cheaper node types of the
same engine and CPU architecture (Graviton or not), with as many nodes,
cheapest first. A node type qualifies when
its memory, less the 25% ElastiCache reserves by default
(reserved-memory-percent), holds the data sets (keys × item size), and the
capacity model, run again with it, keeps every data set's hit ratio and finds
no tier or database doing worse in any scenario. The finding names the
cheapest that qualifies when it saves at least 10% and $10 a month (node
hours; the message says the prices' date).

A cache without data sets is not judged: nothing says what it holds.

` + costSeverityDocs + `

Fix: change node_type to the type given.`,
	Check: func(p *Pass) {
		for _, c := range p.Stack.OfKind(schema.KindCache) {
			r := p.RightSizing.Resizes[c.Name]
			if r == nil || r.Field != "node_type" || !worthResizing(r) {
				continue
			}
			prices := regionPrices(p, catalog.ElastiCacheKey(c.Cache.Engine, r.From), catalog.ElastiCacheKey(c.Cache.Engine, r.To))
			p.ReportSaving(r.SavingUSD(), componentPath(c.Name, "node_type"), fmt.Sprintf("node_type: %q", r.To),
				"cache %q holds %s MiB of data in %s MiB (%s × %s); %s × %s, with %s MiB, holds it with %s of the memory reserved and keeps every hit ratio, for %s a month instead of %s (saves %s); %s",
				c.Name, humanize.Figure(r.DataMiB), humanize.Figure(r.MemoryMiB), humanize.Count(r.Nodes), r.From,
				humanize.Count(r.Nodes), r.To, humanize.Figure(r.ToMemoryMiB), humanize.Percent(rightsize.CacheReservedShare),
				humanize.USD(r.MonthlyUSD), humanize.USD(r.CurrentUSD), humanize.USD(r.SavingUSD()), priceDates(p.Catalog, prices...))
		}
	},
}
