package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/rightsize"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Load against capacity per scenario.

// loadPlot: each scenario's load against what its instances in service
// carry.
func loadPlot(t *capacity.Tier, curves *rightsize.Curves) (Plot, bool) {
	if curves == nil {
		return Plot{}, false
	}
	var names []string
	var load, capy plotter.Values
	table := &DataTable{Caption: "load and capacity by scenario", Head: []string{"scenario", "instances in service", "load (req/s)", "capacity (req/s)", "headroom"}}
	var words []string
	for _, sc := range t.Scenarios {
		c := curves.Carried[sc.Instances]
		names = append(names, fmt.Sprintf("%s (%d)", scenarioLabel[sc.Kind], sc.Instances))
		load = append(load, sc.RPS)
		capy = append(capy, c)
		head := "—"
		if sc.RPS > 0 {
			head = humanize.SignedPercent(c/sc.RPS - 1)
		}
		table.Rows = append(table.Rows, []string{scenarioLabel[sc.Kind], fmt.Sprint(sc.Instances), humanize.Figure(sc.RPS), humanize.Figure(c), head})
		words = append(words, fmt.Sprintf("%s: %s req/s against %s req/s with %d instances", scenarioLabel[sc.Kind], humanize.Figure(sc.RPS), humanize.Figure(c), sc.Instances))
	}
	p := newPlot(fmt.Sprintf("%s: load and capacity by scenario", t.Name), "scenario (instances in service)", "requests per second")
	w := vg.Points(22)
	bl, err := plotter.NewBarChart(load, w)
	if err != nil {
		return Plot{}, false
	}
	bl.Color, bl.LineStyle.Width, bl.Offset = colSkyBlue, 0, -w/2
	bc, err := plotter.NewBarChart(capy, w)
	if err != nil {
		return Plot{}, false
	}
	bc.Color, bc.LineStyle.Width, bc.Offset = colGreen, 0, w/2
	p.Add(bl, bc)
	if none := noFleetLabels(capy, load, w/2); none != nil {
		p.Add(none)
	}
	p.Legend.Add("load", bl)
	p.Legend.Add("capacity within target and SLO", bc)
	p.NominalX(names...)
	p.Y.Min = 0
	top := 0.0
	for i := range load {
		top = math.Max(top, math.Max(load[i], capy[i]))
	}
	p.Y.Max = top * 1.25
	if top == 0 {
		p.Y.Max = 1 // nothing to draw but the labels
	}
	return Plot{
		Kind:  "load",
		Tier:  t.Name,
		Title: fmt.Sprintf("%s: load against capacity per scenario", t.Name),
		Desc: "Grouped bar chart. For each scenario, the tier's load in requests per second beside the highest load its instances in service carry " +
			"within the utilisation target and the SLO. " + strings.Join(words, "; ") + ".",
		Caption: fmt.Sprintf("%s: load (blue) against capacity (green) in each scenario. Capacity is the highest load the instances in service carry with workers and CPUs within the target and p99 within the SLO, found by scaling the whole workload in the capacity model; where no load meets the SLO with that fleet, the plot says so in place of the bar.", t.Name),
		SVG:     writeSVG(vg.Points(560), vg.Points(280), p),
		Table:   table,
	}, true
}

// noFleetText stands where a capacity bar would be when no load meets the
// SLO with that scenario's fleet: a bar of height 0 draws nothing, which
// reads as missing data.
const noFleetText = "no load meets the SLO"

// noFleetLabels writes noFleetText upwards from the axis in each capacity
// bar's place whose capacity is 0 while there is load; nil when none.
func noFleetLabels(capy, load plotter.Values, offset vg.Length) *plotter.Labels {
	var xys plotter.XYLabels
	for i, c := range capy {
		if c == 0 && load[i] > 0 {
			xys.XYs = append(xys.XYs, plotter.XY{X: float64(i), Y: 0})
			xys.Labels = append(xys.Labels, noFleetText)
		}
	}
	if len(xys.Labels) == 0 {
		return nil
	}
	l, err := plotter.NewLabels(xys)
	if err != nil {
		return nil // only for NaN or Inf, which capacity never holds
	}
	for i := range l.TextStyle {
		st := &l.TextStyle[i]
		st.Font = plot.DefaultFont // NewLabels' default is a serif face
		st.Color, st.Font.Size = colVermil, vg.Points(8)
		st.Rotation = math.Pi / 2
		st.XAlign, st.YAlign = draw.XLeft, draw.YCenter
	}
	l.Offset = vg.Point{X: offset, Y: vg.Points(4)}
	return l
}
