package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/rightsize"
	"github.com/infralint/infralint/schema"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The cheapest monthly cost that meets each p99 target across the
// instance types of a tier's family, as package rightsize sweeps and
// prices it (rightsize.SweepTier).

// costSLOPlot: the cheapest monthly cost of a fleet sized for peak that
// meets each p99 target, over the instance types of the tier's family;
// false without a sweep (sw nil).
func costSLOPlot(s *schema.Stack, res *capacity.Result, t *capacity.Tier, sw *rightsize.Sweep) (Plot, bool) {
	if sw == nil {
		return Plot{}, false
	}
	family := sw.Family
	hours := s.Workload.MonthlyHours
	pts := sw.Points
	lo, hi := sw.Low, sw.High
	obj := objectiveOf(res, t)
	var xys plotter.XYs
	for i, pt := range pts {
		if i > 0 && pts[i-1].MonthlyUSD != pt.MonthlyUSD {
			xys = append(xys, plotter.XY{X: pt.P99Ms, Y: pts[i-1].MonthlyUSD}) // a step
		}
		xys = append(xys, plotter.XY{X: pt.P99Ms, Y: pt.MonthlyUSD})
	}
	p := newPlot(fmt.Sprintf("%s: cheapest fleet for a p99 target (%s family)", t.Name, family), "p99 target at peak (ms)", "USD per month (log scale)")
	p.X.Min, p.X.Max = lo, hi
	top, bottom := 0.0, math.Inf(1)
	for _, pt := range pts {
		top, bottom = math.Max(top, pt.MonthlyUSD), math.Min(bottom, pt.MonthlyUSD)
	}
	cur := sw.AsWritten
	curOK := cur != nil
	if curOK {
		top, bottom = math.Max(top, cur.MonthlyUSD), math.Min(bottom, cur.MonthlyUSD)
	}
	if bottom <= 0 {
		return Plot{}, false // a free instance type: nothing to plot on a log axis
	}
	p.Y.Min, p.Y.Max = bottom/1.5, top*1.5
	p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, logMoneyTicks{}
	l := line(xys, colBlue, vg.Points(2))
	p.Add(l)
	p.Legend.Add("cheapest "+family+" fleet", l)
	if !obj.none() {
		sl := vline(obj.ms, p.Y.Min, p.Y.Max, colVermil, dashed...)
		p.Add(sl)
		p.Legend.Add(obj.legend(), sl)
	}
	if curOK {
		sc, err := plotter.NewScatter(plotter.XYs{{X: cur.P99Ms, Y: cur.MonthlyUSD}})
		if err == nil {
			sc.GlyphStyle.Color = colVermil
			sc.GlyphStyle.Radius = vg.Points(3)
			sc.GlyphStyle.Shape = draw.BoxGlyph{}
			p.Add(sc)
			p.Legend.Add(fmt.Sprintf("as written: %d × %s", cur.Count, cur.InstanceType), sc)
		}
	}

	table := &DataTable{Caption: "cheapest fleet per p99 target", Head: []string{"p99 target (ms)", "instance type", "instances", "USD per month"}}
	var words []string
	for i, pt := range pts {
		if i == 0 || i == len(pts)-1 || pt.MonthlyUSD != pts[i-1].MonthlyUSD {
			table.Rows = append(table.Rows, []string{humanize.Figure(pt.P99Ms), pt.InstanceType, fmt.Sprint(pt.Count), humanize.USD(pt.MonthlyUSD)})
		}
	}
	atSLO := ""
	for _, pt := range pts {
		if !obj.none() && pt.P99Ms <= obj.ms {
			atSLO = fmt.Sprintf(" At %s the cheapest is %d × %s for %s a month.", obj.phrase(), pt.Count, pt.InstanceType, humanize.USD(pt.MonthlyUSD))
		}
	}
	words = append(words, fmt.Sprintf("Step line of the cheapest monthly cost, from %s at a p99 target of %s ms to %s at %s ms.",
		humanize.USD(pts[0].MonthlyUSD), humanize.Figure(pts[0].P99Ms), humanize.USD(pts[len(pts)-1].MonthlyUSD), humanize.Figure(pts[len(pts)-1].P99Ms)))
	if atSLO != "" {
		words = append(words, strings.TrimSpace(atSLO))
	}
	if curOK {
		words = append(words, fmt.Sprintf("The tier as written (%d × %s at its peak fleet) costs %s for a p99 of %s ms.", cur.Count, cur.InstanceType, humanize.USD(cur.MonthlyUSD), humanize.Figure(cur.P99Ms)))
	}
	square := " The tier as written saturates at peak, so it has no point here."
	if curOK {
		square = " The square is the tier as written: its peak fleet's cost and p99."
	}
	partial := ""
	if sw.Partial {
		partial = fmt.Sprintf(" Some line items have no price in %s, so these costs are lower bounds, as the cost table's are.", s.Region)
	}
	return Plot{
		Kind:  "cost-slo",
		Tier:  t.Name,
		Title: fmt.Sprintf("%s: monthly cost against the p99 target", t.Name),
		Desc:  strings.Join(words, " "),
		Caption: fmt.Sprintf("%s: the cheapest monthly cost (log scale) of a fleet sized for peak (on-demand instance hours × %s h, root volumes and any blue/green windows, billed as in the cost table) whose p99 meets each target with workers and CPUs within the %s target, over the %s types priced in %s (%s).%s%s",
			t.Name, humanize.Figure(hours), humanize.Percent(res.TargetUtilization), family, s.Region, strings.Join(sw.Types, ", "), square, partial),
		SVG:   writeSVG(vg.Points(560), vg.Points(300), p),
		Table: table,
	}, true
}
