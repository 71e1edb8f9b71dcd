package report

import (
	"fmt"
	"github.com/infralint/infralint/internal/humanize"
	"maps"
	"math"
	"sort"
	"strings"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/schema"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The cheapest monthly cost that meets each p99 target across the
// instance types of a tier's family.

// costPoint is the cheapest fleet meeting one p99 target.
type costPoint struct {
	target       float64
	usd          float64
	instanceType string
	count        int
}

// withType returns a copy of s whose tier runs instance type it.
func withType(s *schema.Stack, tier, it string) *schema.Stack {
	s2 := *s
	s2.Components = maps.Clone(s.Components)
	c := *s.Components[tier]
	cp := *c.Compute
	cp.InstanceType = it
	c.Compute = &cp
	s2.Components[tier] = &c
	return &s2
}

// typeSweep is one instance type's peak sweep.
type typeSweep struct {
	instanceType string
	hourly       float64
	scs          []*capacity.Scenario
}

// need is the smallest count meeting p99 ≤ target within the utilisation
// target, or 0.
func (ts typeSweep) need(target, util float64) int {
	for i, sc := range ts.scs {
		if !sc.Saturated && sc.P99Ms <= target && sc.WorkerUtilization <= util && sc.CPUUtilization <= util {
			return i + 1
		}
	}
	return 0
}

// costSLOPlot: the cheapest monthly cost of a fleet sized for peak that
// meets each p99 target, over the instance types of the tier's family.
func costSLOPlot(s *schema.Stack, res *capacity.Result, t *capacity.Tier, opts capacity.Options, cat *catalog.Catalog) (Plot, bool) {
	family := catalog.Family(t.InstanceType)
	hours := s.Workload.MonthlyHours
	n := min(sweepMax, max(64, 4*t.Max))
	var sweeps []typeSweep
	for _, it := range cat.EC2Types() {
		if catalog.Family(it) != family || strings.Contains(it, ".metal") {
			continue
		}
		p, ok := cat.Price(s.Region, catalog.EC2Key(it))
		if !ok || p.Unit != "hour" {
			continue
		}
		scs, err := capacity.Sweep(withType(s, t.Name, it), t.Name, counts(n), opts)
		if err != nil {
			continue
		}
		sweeps = append(sweeps, typeSweep{instanceType: it, hourly: p.USD, scs: scs})
	}
	if len(sweeps) == 0 {
		return Plot{}, false
	}
	// The p99 floor: the best any type reaches in the range.
	floor := math.Inf(1)
	for _, ts := range sweeps {
		for _, sc := range ts.scs {
			if !sc.Saturated && sc.WorkerUtilization <= res.TargetUtilization && sc.CPUUtilization <= res.TargetUtilization {
				floor = math.Min(floor, sc.P99Ms)
			}
		}
	}
	if math.IsInf(floor, 1) {
		return Plot{}, false
	}
	slo := res.SLOp99ms
	lo := floor
	hi := math.Max(slo*2, floor*2)
	// The cheapest cost changes only where some fleet's p99 is the
	// target, so those values (and the ends) are the exact breakpoints.
	set := map[float64]bool{lo: true, hi: true}
	for _, ts := range sweeps {
		for _, sc := range ts.scs {
			if !sc.Saturated && sc.P99Ms >= lo && sc.P99Ms <= hi {
				set[sc.P99Ms] = true
			}
		}
	}
	targets := make([]float64, 0, len(set))
	for v := range set {
		targets = append(targets, v)
	}
	sort.Float64s(targets)
	var pts []costPoint
	for _, target := range targets {
		best := costPoint{target: target, usd: math.Inf(1)}
		for _, ts := range sweeps {
			c := ts.need(target, res.TargetUtilization)
			if c == 0 {
				continue
			}
			usd := float64(c) * ts.hourly * hours
			if usd < best.usd || usd == best.usd && ts.instanceType < best.instanceType {
				best.usd, best.instanceType, best.count = usd, ts.instanceType, c
			}
		}
		if math.IsInf(best.usd, 1) {
			continue
		}
		if n := len(pts); n > 0 && pts[n-1].usd == best.usd && pts[n-1].instanceType == best.instanceType && target != hi {
			continue // no change
		}
		pts = append(pts, best)
	}
	if len(pts) < 2 {
		return Plot{}, false
	}
	var xys plotter.XYs
	for i, pt := range pts {
		if i > 0 && pts[i-1].usd != pt.usd {
			xys = append(xys, plotter.XY{X: pt.target, Y: pts[i-1].usd}) // a step
		}
		xys = append(xys, plotter.XY{X: pt.target, Y: pt.usd})
	}
	p := newPlot(fmt.Sprintf("%s: cheapest fleet for a p99 target (%s family)", t.Name, family), "p99 target at peak (ms)", "USD per month (log scale)")
	p.X.Min, p.X.Max = lo, hi
	top, bottom := 0.0, math.Inf(1)
	for _, pt := range pts {
		top, bottom = math.Max(top, pt.usd), math.Min(bottom, pt.usd)
	}
	cur, curOK := cat.Price(s.Region, catalog.EC2Key(t.InstanceType))
	peak := t.Scenario(capacity.ScenarioPeak)
	curOK = curOK && !peak.Saturated
	curUSD := 0.0
	if curOK {
		curUSD = float64(t.Max) * cur.USD * hours
		top, bottom = math.Max(top, curUSD), math.Min(bottom, curUSD)
	}
	if bottom <= 0 {
		return Plot{}, false // a free instance type: nothing to plot on a log axis
	}
	p.Y.Min, p.Y.Max = bottom/1.5, top*1.5
	p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, logMoneyTicks{}
	l := line(xys, colBlue, vg.Points(2))
	p.Add(l)
	p.Legend.Add("cheapest "+family+" fleet", l)
	sl := vline(slo, p.Y.Min, p.Y.Max, colVermil, dashed...)
	p.Add(sl)
	p.Legend.Add(fmt.Sprintf("SLO %s ms", humanize.Figure(slo)), sl)
	if curOK {
		sc, err := plotter.NewScatter(plotter.XYs{{X: peak.P99Ms, Y: curUSD}})
		if err == nil {
			sc.GlyphStyle.Color = colVermil
			sc.GlyphStyle.Radius = vg.Points(3)
			sc.GlyphStyle.Shape = draw.BoxGlyph{}
			p.Add(sc)
			p.Legend.Add(fmt.Sprintf("as written: %d × %s", t.Max, t.InstanceType), sc)
		}
	}

	table := &DataTable{Caption: "cheapest fleet per p99 target", Head: []string{"p99 target (ms)", "instance type", "instances", "USD per month"}}
	var words []string
	for i, pt := range pts {
		if i == 0 || i == len(pts)-1 || pt.usd != pts[i-1].usd {
			table.Rows = append(table.Rows, []string{humanize.Figure(pt.target), pt.instanceType, fmt.Sprint(pt.count), humanize.USD(pt.usd)})
		}
	}
	atSLO := ""
	for _, pt := range pts {
		if pt.target <= slo {
			atSLO = fmt.Sprintf(" At the SLO of %s ms the cheapest is %d × %s for %s a month.", humanize.Figure(slo), pt.count, pt.instanceType, humanize.USD(pt.usd))
		}
	}
	words = append(words, fmt.Sprintf("Step line of the cheapest monthly cost, from %s at a p99 target of %s ms to %s at %s ms.",
		humanize.USD(pts[0].usd), humanize.Figure(pts[0].target), humanize.USD(pts[len(pts)-1].usd), humanize.Figure(pts[len(pts)-1].target)))
	if atSLO != "" {
		words = append(words, strings.TrimSpace(atSLO))
	}
	if curOK {
		words = append(words, fmt.Sprintf("The tier as written (%d × %s at its peak fleet) costs %s for a p99 of %s ms.", t.Max, t.InstanceType, humanize.USD(curUSD), humanize.Figure(peak.P99Ms)))
	}
	square := " The tier as written saturates at peak, so it has no point here."
	if curOK {
		square = " The square is the tier as written: its peak fleet's cost and p99."
	}
	types := make([]string, 0, len(sweeps))
	for _, ts := range sweeps {
		types = append(types, ts.instanceType)
	}
	return Plot{
		Kind:  "cost-slo",
		Tier:  t.Name,
		Title: fmt.Sprintf("%s: monthly cost against the p99 target", t.Name),
		Desc:  strings.Join(words, " "),
		Caption: fmt.Sprintf("%s: the cheapest monthly cost (log scale) of a fleet sized for peak (on-demand instance hours × %s h, instances only) whose p99 meets each target with workers and CPUs within the %s target, over the %s types priced in %s (%s).%s",
			t.Name, humanize.Figure(hours), humanize.Percent(res.TargetUtilization), family, s.Region, strings.Join(types, ", "), square),
		SVG:   writeSVG(vg.Points(560), vg.Points(300), p),
		Table: table,
	}, true
}
