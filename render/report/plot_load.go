package report

import (
	"fmt"
	"github.com/infralint/infralint/internal/humanize"
	"math"
	"strings"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/schema"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Load against capacity per scenario.

// scaledLoad returns a copy of s with its workload scaled by k.
func scaledLoad(s *schema.Stack, k float64) *schema.Stack {
	s2 := *s
	s2.Workload.PeakRPS *= k
	s2.Workload.AvgRPS *= k
	return &s2
}

// capacityRPS is the highest arrival rate at tier that n instances in
// service carry within the utilisation target and the SLO, scaling the
// whole workload (so databases see the matching load); 0 when none does.
func capacityRPS(s *schema.Stack, tier string, n int, peakRPS float64, opts capacity.Options) float64 {
	ok := func(k float64) bool {
		scs, err := capacity.Sweep(scaledLoad(s, k), tier, []int{n}, opts)
		return err == nil && scs[0].Verdict == capacity.VerdictOK
	}
	if n < 1 {
		return 0
	}
	lo, hi := 0.0, 1.0
	for ok(hi) {
		lo, hi = hi, hi*2
		if hi > 1<<20 {
			return lo * peakRPS
		}
	}
	if lo == 0 && !ok(1e-6) {
		return 0
	}
	for range 40 {
		mid := (lo + hi) / 2
		if ok(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo * peakRPS
}

// loadPlot: each scenario's load against what its instances in service
// carry.
func loadPlot(s *schema.Stack, t *capacity.Tier, opts capacity.Options) (Plot, bool) {
	peak := t.Scenario(capacity.ScenarioPeak)
	var names []string
	var load, capy plotter.Values
	table := &DataTable{Caption: "load and capacity by scenario", Head: []string{"scenario", "instances in service", "load (req/s)", "capacity (req/s)", "headroom"}}
	cache := map[int]float64{}
	var words []string
	for _, sc := range t.Scenarios {
		c, ok := cache[sc.Instances]
		if !ok {
			c = capacityRPS(s, t.Name, sc.Instances, peak.RPS, opts)
			cache[sc.Instances] = c
		}
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
	p.Legend.Add("load", bl)
	p.Legend.Add("capacity within target and SLO", bc)
	p.NominalX(names...)
	p.Y.Min = 0
	top := 0.0
	for i := range load {
		top = math.Max(top, math.Max(load[i], capy[i]))
	}
	p.Y.Max = top * 1.25
	return Plot{
		Kind:  "load",
		Tier:  t.Name,
		Title: fmt.Sprintf("%s: load against capacity per scenario", t.Name),
		Desc: "Grouped bar chart. For each scenario, the tier's load in requests per second beside the highest load its instances in service carry " +
			"within the utilisation target and the SLO. " + strings.Join(words, "; ") + ".",
		Caption: fmt.Sprintf("%s: load (blue) against capacity (green) in each scenario. Capacity is the highest load the instances in service carry with workers and CPUs within the target and p99 within the SLO, found by scaling the whole workload in the capacity model; 0 means no load meets the SLO with that fleet.", t.Name),
		SVG:     writeSVG(vg.Points(560), vg.Points(280), p),
		Table:   table,
	}, true
}
