package rules

import (
	"fmt"
	"math"
	"strings"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/rightsize"
	"github.com/infralint/infralint/schema"
)

// The rules in this file read Input.Cost (package pricing), COST001 and
// COST002 Input.Capacity, and COST002 Input.RightSizing; each declares
// them in Requires.

// COST002 reports an alternative only when it saves at least this share
// of the tier's monthly cost and this many dollars.
const (
	costMinSavingShare = 0.10
	costMinSavingUSD   = 10
)

// defaultCostWarningUSD is the monthly saving from which a COST finding is
// a warning (thresholds.cost_warning_usd changes it): about $3,000 a year,
// a sum worth a change request; below it the finding is info.
const defaultCostWarningUSD = 250

// costSeverityDocs is what the docs of every rule reporting a saving say.
const costSeverityDocs = `The finding is a warning when the change saves at least $250 a month
(thresholds.cost_warning_usd in .infralint.cue), info below, the same for
every COST rule that reports a saving: the bigger saving is never the milder
finding.`

// priceDates says how old the prices behind a dollar amount are, as the
// cost table's attribution line does: "prices as of 2024-08-09 (coroot)".
func priceDates(cat *catalog.Catalog, prices ...catalog.Price) string {
	if cat == nil {
		cat = catalog.Default()
	}
	line, _, _ := strings.Cut(cat.Attribution(prices...), "; sources: ")
	return line
}

// regionPrices looks keys up in the stack's region, leaving out the ones
// the catalog lacks.
func regionPrices(p *Pass, keys ...string) []catalog.Price {
	cat := p.Catalog
	if cat == nil {
		cat = catalog.Default()
	}
	var out []catalog.Price
	for _, k := range keys {
		if pr, ok := cat.Price(p.Stack.Region, k); ok {
			out = append(out, pr)
		}
	}
	return out
}

// costTierPath is where a finding about a tier's size points: its count,
// its autoscaling minimum, or the component.
func costTierPath(c *schema.Component) string {
	switch {
	case c.Compute.Autoscaling != nil:
		return componentPath(c.Name, "autoscaling", "min")
	case c.Compute.Count > 0:
		return componentPath(c.Name, "count")
	}
	return componentPath(c.Name)
}

// costHourly is the unit price of the tier's instance-hours line, if priced.
func costHourly(e *pricing.Estimate, c *schema.Component) (catalog.Price, bool) {
	if e == nil {
		return catalog.Price{}, false
	}
	key := catalog.EC2Key(c.Compute.InstanceType)
	for _, li := range e.Items {
		if li.Component == c.Name && li.PriceKey == key && li.Priced {
			return li.Price, true
		}
	}
	return catalog.Price{}, false
}

var ruleCostOverProvisioned = &Rule{
	ID:       "COST001",
	Name:     "over-provisioned-tier",
	Severity: Warning,
	Requires: []Need{NeedCapacity, NeedCost},
	Summary:  "A tier's always-on instances stay under half the utilisation target even at peak",
	Docs: `The instances a tier runs all month — its fixed count, or its autoscaling
minimum — are what it pays for whatever the traffic. When even the peak load
keeps them under half the utilisation target (CPU and workers, from the
capacity model), part of that fleet is idle all month.

The check scales the peak scenario's utilisation to the tier's floor
(utilisation falls in proportion to instances) and reports a floor above the
capacity model's instances needed at peak, kept at two or more for a tier
spread over several AZs; for a fixed count, enough that the tier does no
worse than as written in any scenario (one AZ lost, a deploy); for an
autoscaling minimum, what the average load needs. The message says what the
extra instances cost.

` + costSeverityDocs + ` Without a price for the type the saving is unknown
and the finding is a warning.

Fix: lower count (or autoscaling.min) to the number given, or use a smaller
instance type (see COST002).`,
	Check: func(p *Pass) {
		target := p.Capacity.TargetUtilization
		for _, c := range p.Stack.OfKind(schema.KindCompute) {
			t := p.Capacity.Tier(c.Name)
			if t == nil {
				continue
			}
			peak := t.Scenario(capacity.ScenarioPeak)
			if peak == nil || peak.Saturated || peak.Instances == 0 || peak.Needed == 0 {
				continue
			}
			floor := t.Min
			util := math.Max(peak.CPUUtilization, peak.WorkerUtilization) * float64(peak.Instances) / float64(floor)
			want := peak.Needed
			if t.AZs >= 2 {
				want = max(want, 2)
			}
			if !t.Autoscaling {
				// A fixed fleet cut to the peak's need would leave CAP003
				// to report it with one AZ lost, or a deploy overloaded:
				// the count must do no worse in any scenario.
				want = max(want, withAZLost(t, peak.Needed))
				for want < floor && !fewerHold(p, t, want) {
					want++
				}
			} else if avg := t.Scenario(capacity.ScenarioAverage); avg != nil {
				// The minimum is what runs at average load (the max
				// serves the peak, one AZ lost and a deploy).
				want = max(want, avg.Needed)
			}
			if util >= target/2 || want >= floor {
				continue
			}
			msg := fmt.Sprintf("tier %q keeps %s of %s running, and even at peak (%s req/s) they would be %s utilised, under half the %s target; %d would do",
				c.Name, humanize.Plural(floor, "instance"), c.Compute.InstanceType, humanize.Figure(p.Stack.Workload.PeakRPS), humanize.Percent(util), humanize.Percent(target), want)
			saving := -1.0
			if price, ok := costHourly(p.Cost, c); ok {
				saving = float64(floor-want) * price.USD * p.Stack.Workload.MonthlyHours
				msg += fmt.Sprintf(" and save %s a month; %s", humanize.USD(saving), priceDates(p.Catalog, price))
			}
			field := "count"
			if c.Compute.Autoscaling != nil {
				field = "autoscaling.min"
			}
			p.ReportSaving(saving, costTierPath(c), fmt.Sprintf("set %s to %d", field, want), "%s", msg)
		}
	},
}

// fewerHold reports whether fixed tier t on n instances does no worse than
// as written in every scenario (capacity.Result.TierAs).
func fewerHold(p *Pass, t *capacity.Tier, n int) bool {
	as, err := p.Capacity.TierAs(t.Name, t.InstanceType, n, 0)
	return err == nil && rightsize.NoWorse(t.Scenarios, as.Scenario)
}

var ruleCostCheaperType = &Rule{
	ID:       "COST002",
	Name:     "cheaper-instance-type",
	Severity: Warning,
	Requires: []Need{NeedCapacity, NeedCost, NeedRightSizing},
	Summary:  "A cheaper instance type meets the utilisation target and the SLO at peak",
	Docs: `For each compute tier, infralint sizes the tier on other instance types with
the capacity model and prices them: first the sizes of the tier's own family,
then the m, c and r types (fifth generation on) of the same CPU architecture
with at least as much memory per vCPU, since memory is not modelled. A type
qualifies when the fleet it needs at peak meets the utilisation target and
the p99 SLO — within autoscaling.max, or as a fixed count kept at two or
more when the tier had two or more — and its monthly cost (instance hours,
root volumes, blue/green windows) is at least 10% and $10 lower. The finding
names the cheapest of the same family, else the cheapest other type, and
the cheapest of any family when that is cheaper still.

The search sizes for the peak, then runs the tier on the alternative in
every scenario the model gives it (average, one AZ lost, deploy): one that
does worse in any of them than the tier as written is left out, and a fixed
count is raised (by up to 3) until it does not, so the change never trades
this finding for CAP003 or a deploy overload. Prices are on-demand, and the
message says their date.

` + costSeverityDocs + `

Fix: change instance_type (and count, as given).`,
	Check: func(p *Pass) {
		for _, c := range p.Stack.OfKind(schema.KindCompute) {
			alts := p.RightSizing.Alternatives[c.Name] // the best of each group: all read below
			if len(alts) == 0 {
				continue
			}
			best := alts[0]
			if s := best.SavingUSD(); s < costMinSavingUSD || s < costMinSavingShare*best.CurrentUSD {
				continue
			}
			what := best.InstanceType
			fix := "instance_type: " + fmt.Sprintf("%q", best.InstanceType)
			if best.Count > 0 && best.Count != c.Compute.Count {
				what = fmt.Sprintf("%d × %s", best.Count, best.InstanceType)
				fix += fmt.Sprintf(", count: %d", best.Count)
			}
			current := ""
			if best.CurrentCount > 0 {
				current = fmt.Sprintf(" for %d × %s", best.CurrentCount, c.Compute.InstanceType)
			}
			msg := fmt.Sprintf("tier %q would meet the %s utilisation target%s at peak on %s for %s a month instead of %s%s (saves %s)",
				c.Name, humanize.Percent(p.Capacity.TargetUtilization), p99Objective(p.Capacity.Tier(c.Name), p.Stack.Workload.SLOp99ms), what,
				humanize.USD(best.MonthlyUSD), humanize.USD(best.CurrentUSD), current, humanize.USD(best.SavingUSD()))
			keys := []string{catalog.EC2Key(c.Compute.InstanceType), catalog.EC2Key(best.InstanceType), catalog.EBSGP3GBMonth}
			for _, a := range alts[1:] {
				if !a.SameFamily && a.MonthlyUSD < best.MonthlyUSD && best.SameFamily {
					msg += fmt.Sprintf("; cheapest of any family: %s at %s", a.InstanceType, humanize.USD(a.MonthlyUSD))
					keys = append(keys, catalog.EC2Key(a.InstanceType))
					break
				}
			}
			msg += "; " + priceDates(p.Catalog, regionPrices(p, keys...)...)
			p.ReportSaving(best.SavingUSD(), componentPath(c.Name, "instance_type"), fix, "%s", msg)
		}
	},
}

var ruleCostPartial = &Rule{
	ID:       "COST003",
	Name:     "price-missing",
	Severity: Info,
	Requires: []Need{NeedCost},
	Summary:  "A price is missing from the snapshot, so the monthly total is partial",
	Docs: `infralint never guesses a price. When the embedded snapshot has no price for
an item in the stack's region (no trusted source gives ALB, NAT gateway or EBS
prices outside us-east-1, for example), the item is left out and the monthly
total is a lower bound. This finding names each missing price.

It is info, not a warning, because check takes no price file: supply the
prices to infralint cost with --prices FILE (see README, "Cost").`,
	Check: func(p *Pass) {
		for _, m := range p.Cost.Missing {
			path := componentPath(m.Component)
			if m.Component == pricing.NetworkResource {
				path = "network"
			}
			p.Report(path, fmt.Sprintf(`infralint cost --prices FILE with {"prices": {%q: {%q: <USD>}}}`, m.Region, m.PriceKey),
				"no %s price in %s: the monthly total leaves out %s %s", m.PriceKey, m.Region, m.Component, m.Item)
		}
	},
}

// p99Objective is what a tier's p99 is held to besides utilisation, as
// the COST rules quote it: " and the 300 ms p99 SLO", a jobs tier's
// deadline, or nothing for a jobs tier without one.
func p99Objective(t *capacity.Tier, sloMs float64) string {
	switch o := t.ObjectiveMs(sloMs); {
	case t.Serves != string(schema.ServesJobs):
		return " and the " + humanize.Millis(sloMs) + " p99 SLO"
	case math.IsInf(o, 1):
		return ""
	default:
		return " and its " + humanize.Millis(o) + " job deadline"
	}
}
