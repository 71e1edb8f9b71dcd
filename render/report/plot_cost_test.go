package report

import (
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/schema"
)

// The cost-against-SLO plot and the cost table agree to the cent on every
// example: the tier as written costs in the plot what its line items cost
// in the report's estimate (at its peak fleet for an autoscaling tier,
// whose table bills the average fleet), and every fleet in the plot's data
// table costs what the cost table bills for the stack changed to run it.
func TestCostPlotMatchesCostTable(t *testing.T) {
	plotted := 0
	for _, f := range examples(t) {
		in := input(t, f, false)
		s := in.Stack
		for _, tier := range in.Capacity.Tiers {
			sw := in.RightSizing.Sweeps[tier.Name]
			// A tier stalled by a saturated database or called tier meets
			// the target at no size: there is nothing to sweep.
			peak := tier.Scenario(capacity.ScenarioPeak)
			stalled := peak.Bottleneck == capacity.BottleneckDatabase || peak.Bottleneck == capacity.BottleneckCalledTier
			if peak.RPS > 0 && sw == nil && !stalled {
				t.Errorf("%s %s: no sweep for a tier with traffic", f, tier.Name)
			}
			if sw == nil {
				continue
			}
			pl, ok := costSLOPlot(s, in.Capacity, tier, sw)
			if !ok {
				t.Errorf("%s %s: no plot", f, tier.Name)
				continue
			}
			plotted++
			comp := s.Components[tier.Name].Compute
			table := in.Estimate
			if as := comp.Autoscaling; as != nil {
				// The table at the peak fleet: the group at its max.
				fleets := maps.Clone(in.RightSizing.Instances)
				fleets[tier.Name] = pricing.Instances{Average: float64(as.Max), Basis: "max"}
				table = pricing.Price(s, catalog.Default(), pricing.Options{Instances: fleets})
			}
			tableUSD, _ := table.Component(tier.Name)
			switch {
			case sw.AsWritten == nil && !tier.Scenario(capacity.ScenarioPeak).Saturated:
				t.Errorf("%s %s: no fleet as written, though it does not saturate at peak", f, tier.Name)
			case sw.AsWritten == nil:
				// Saturated at peak: the plot has no square to compare.
			case cents(sw.AsWritten.MonthlyUSD) != cents(tableUSD):
				t.Errorf("%s %s: as written %s in the plot, %s in the cost table", f, tier.Name, cents(sw.AsWritten.MonthlyUSD), cents(tableUSD))
			}
			if want := fmt.Sprintf("(%d × %s at its peak fleet) costs %s", tier.Max, comp.InstanceType, humanize.USD(tableUSD)); sw.AsWritten != nil && !strings.Contains(pl.Desc, want) {
				t.Errorf("%s %s: the plot says %q, want %q", f, tier.Name, pl.Desc, want)
			}
			for _, row := range pl.Table.Rows {
				var n int
				if _, err := fmt.Sscan(row[2], &n); err != nil {
					t.Fatalf("%s %s: row %v: %v", f, tier.Name, row, err)
				}
				usd, _ := pricing.Price(withFleet(s, tier.Name, row[1], n), catalog.Default(), pricing.Options{}).Component(tier.Name)
				if row[3] != humanize.USD(usd) {
					t.Errorf("%s %s: %d × %s is %s in the plot, %s in the cost table", f, tier.Name, n, row[1], row[3], humanize.USD(usd))
				}
			}
		}
	}
	if plotted == 0 {
		t.Fatal("no example has a cost plot")
	}
}

func cents(usd float64) string { return fmt.Sprintf("%.2f", usd) }

// withFleet returns a copy of s whose tier runs a fixed count of n
// instances of type it.
func withFleet(s *schema.Stack, tier, it string, n int) *schema.Stack {
	s2 := *s
	s2.Components = maps.Clone(s.Components)
	c := *s.Components[tier]
	cp := *c.Compute
	cp.InstanceType, cp.Count, cp.Autoscaling = it, n, nil
	c.Compute = &cp
	s2.Components[tier] = &c
	return &s2
}
