package report

import (
	"fmt"
	"maps"
	"math"
	"sort"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/rightsize"
	"github.com/infralint/infralint/schema"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// The per-tier plots, and the first of them: p99 latency and utilisation
// against the instance count at peak.

// tierPlots draws the plots of one compute tier from its sweeps, and says
// in notes why a plot is missing.
func tierPlots(s *schema.Stack, res *capacity.Result, t *capacity.Tier, sizing *rightsize.Result) (out []Plot, notes []string) {
	peak := t.Scenario(capacity.ScenarioPeak)
	if peak == nil || peak.RPS <= 0 {
		return nil, []string{fmt.Sprintf("%s: no traffic reaches this tier, so it has no plots.", t.Name)}
	}
	if sizing.Curves == nil || sizing.Sweeps == nil {
		return nil, []string{fmt.Sprintf("%s: no plots: the sweeps were not computed.", t.Name)}
	}
	curves := sizing.Curves[t.Name]
	if p, ok := latencyPlot(res, t, curves); ok {
		out = append(out, p)
	} else {
		why := "the tier is saturated at peak with any number of instances"
		if peak.Bottleneck != "" && peak.Bottleneck != capacity.BottleneckNoInstances {
			why += " (bottleneck: " + peak.Bottleneck + ")"
		}
		if len(s.Components[t.Name].Compute.Hosts) > 0 {
			why += "; the database it hosts runs on one of its servers, which more servers do not relieve"
		}
		notes = append(notes, fmt.Sprintf("%s: no p99 and utilisation plot: %s.", t.Name, why))
	}
	if p, ok := loadPlot(t, curves); ok {
		out = append(out, p)
	}
	if p, ok := costSLOPlot(s, res, t, sizing.Sweeps[t.Name]); ok {
		out = append(out, p)
	} else {
		notes = append(notes, fmt.Sprintf("%s: no cost-against-SLO plot: no %s instance type priced in %s meets the utilisation target at peak with up to %d instances.",
			t.Name, catalog.Family(t.InstanceType), s.Region, rightsize.SweepCounts(t)))
	}
	return out, notes
}

// latencyPlot: p99 and utilisation against instances in service at peak.
func latencyPlot(res *capacity.Result, t *capacity.Tier, curves *rightsize.Curves) (Plot, bool) {
	if curves == nil || curves.AtPeak == nil {
		return Plot{}, false
	}
	peak := t.Scenario(capacity.ScenarioPeak)
	scs := curves.AtPeak
	n := len(scs)
	obj := objectiveOf(res, t)
	var p99, workers, cpu plotter.XYs
	firstOK, yTop := 0, 0.0
	for i, sc := range scs {
		x := float64(i + 1)
		if sc.Saturated {
			continue
		}
		p99 = append(p99, plotter.XY{X: x, Y: sc.P99Ms})
		workers = append(workers, plotter.XY{X: x, Y: sc.WorkerUtilization * 100})
		cpu = append(cpu, plotter.XY{X: x, Y: sc.CPUUtilization * 100})
		if firstOK == 0 {
			firstOK = i + 1
		}
		yTop = sc.P99Ms
	}
	if len(p99) == 0 {
		return Plot{}, false
	}
	xMin, xMax := 1.0, float64(n)
	lat := newPlot(fmt.Sprintf("%s at peak (%s req/s): p99 response", t.Name, humanize.Figure(peak.RPS)), "", "p99 (ms)")
	lat.X.Min, lat.X.Max = xMin, xMax
	lat.X.Tick.Marker = intTicks{}
	lat.Y.Min = 0
	lat.Y.Max = yTop * 1.3
	l := line(p99, colBlue, vg.Points(2))
	lat.Add(l)
	lat.Legend.Add("p99", l)
	if !obj.none() {
		lat.Y.Max = math.Max(obj.ms*1.6, lat.Y.Max)
		sl := hline(obj.ms, xMin, xMax, colVermil, dashed...)
		lat.Add(sl)
		lat.Legend.Add(obj.legend(), sl)
	}

	util := newPlot("utilisation", "instances in service", "utilisation (%)")
	util.X.Min, util.X.Max = xMin, xMax
	util.X.Tick.Marker = intTicks{}
	util.Y.Min, util.Y.Max = 0, 100
	lc := line(cpu, colOrange, vg.Points(2), dashed...)
	// An event loop has no workers: its "worker" utilisation is that of
	// its in-flight slots, and without a concurrency limit there are none.
	if held := workersLabel(t); held != "" {
		lw := line(workers, colGreen, vg.Points(2))
		util.Add(lw)
		util.Legend.Add(held, lw)
	}
	util.Add(lc)
	util.Legend.Add("CPU", lc)
	tl := hline(res.TargetUtilization*100, xMin, xMax, colVermil, dashed...)
	util.Add(tl)
	util.Legend.Add(fmt.Sprintf("target %s", humanize.Percent(res.TargetUtilization)), tl)

	// The configured fleet: min and max (or the fixed count).
	marks := []struct {
		x     int
		label string
	}{{t.Min, "min"}, {t.Max, "max"}}
	if !t.Autoscaling {
		marks = marks[:1]
		marks[0].label = "count"
	}
	for i, m := range marks {
		label := fmt.Sprintf("%s %d", m.label, m.x)
		dash := dotted
		c := colGrey
		if i == 1 {
			c = colPurple
		}
		lv := vline(float64(m.x), 0, lat.Y.Max, c, dash...)
		lat.Add(lv)
		lat.Legend.Add(label, lv)
		util.Add(vline(float64(m.x), 0, 100, c, dash...))
	}

	fleet := fmt.Sprintf("a fixed count of %d", t.Min)
	if t.Autoscaling {
		fleet = fmt.Sprintf("autoscaling between %d and %d", t.Min, t.Max)
	}
	top := "Top: p99 response in ms with " + obj.phrase() + " as a dashed line."
	if obj.none() {
		top = "Top: p99 response in ms; a jobs tier without a deadline has no p99 objective."
	}
	desc := fmt.Sprintf("Two line charts sharing an x axis of instances in service, 1 to %d, for tier %s at peak load (%s req/s). "+
		"%s Bottom: worker and CPU utilisation in percent with the target of %s. "+
		"Vertical dotted lines mark the configured fleet (%s). %s",
		n, t.Name, humanize.Figure(peak.RPS), top, humanize.Percent(res.TargetUtilization), fleet, latencySummary(scs, firstOK, obj, res.TargetUtilization))
	table := &DataTable{Caption: "p99 and utilisation at peak by instances in service", Head: []string{"instances", "p99 (ms)", "workers", "CPU", "verdict"}}
	for _, i := range sampleIndexes(len(scs), t, peak) {
		sc := scs[i]
		if sc.Saturated {
			table.Rows = append(table.Rows, []string{fmt.Sprint(i + 1), "—", "—", "—", "saturated (" + sc.Bottleneck + ")"})
			continue
		}
		table.Rows = append(table.Rows, []string{fmt.Sprint(i + 1), humanize.Figure(sc.P99Ms), humanize.Percent(sc.WorkerUtilization), humanize.Percent(sc.CPUUtilization), verdictText(sc.Verdict)})
	}
	return Plot{
		Kind:    "latency",
		Tier:    t.Name,
		Title:   fmt.Sprintf("%s: p99 and utilisation against instances at peak", t.Name),
		Desc:    desc,
		Caption: fmt.Sprintf("%s at peak load: p99 response (top) and utilisation (bottom) against the number of instances in service, from the capacity model; the dashed lines are %s, the dotted lines the configured fleet (%s).", t.Name, dashedLines(obj), fleet),
		SVG:     writeSVG(vg.Points(560), vg.Points(440), lat, util),
		Table:   table,
	}, true
}

// workersLabel is the legend of the held-resource line: "workers", an
// event loop's "in-flight slots", or "" for an event loop without a limit.
func workersLabel(t *capacity.Tier) string {
	switch {
	case !t.EventLoop:
		return "workers"
	case t.InFlightLimit > 0:
		return "in-flight slots"
	}
	return ""
}

// dashedLines names what the latency plot's dashed lines mark.
func dashedLines(obj objective) string {
	if obj.none() {
		return "the utilisation target"
	}
	return "the " + obj.name + " and the utilisation target"
}

// latencySummary says in words where the curve crosses the objective and
// the target.
func latencySummary(scs []*capacity.Scenario, firstOK int, obj objective, target float64) string {
	if firstOK == 0 {
		return "Every count saturates."
	}
	meet := 0
	for i, sc := range scs {
		if sc.Verdict == capacity.VerdictOK {
			meet = i + 1
			break
		}
	}
	out := fmt.Sprintf("The tier stops saturating at %d instances.", firstOK)
	if meet > 0 {
		if obj.none() {
			out += fmt.Sprintf(" From %d instances utilisation is within the target.", meet)
		} else {
			out += fmt.Sprintf(" From %d instances p99 is within the %s and utilisation within the target.", meet, obj.name)
		}
	} else if obj.none() {
		out += fmt.Sprintf(" No count in the range keeps utilisation within the %s target.", humanize.Percent(target))
	} else {
		out += fmt.Sprintf(" No count in the range meets both the %s and the %s target.", obj.name, humanize.Percent(target))
	}
	return out
}

// sampleIndexes picks the rows of a sweep's data table: the first few
// counts, the configured fleet, the count needed, and every power of two.
func sampleIndexes(n int, t *capacity.Tier, peak *capacity.Scenario) []int {
	set := map[int]bool{}
	add := func(c int) {
		if c >= 1 && c <= n {
			set[c-1] = true
		}
	}
	for c := 1; c <= 4; c++ {
		add(c)
	}
	for c := 8; c <= n; c *= 2 {
		add(c)
	}
	add(t.Min)
	add(t.Max)
	add(peak.Needed)
	add(n)
	return sortedInts(set)
}

func sortedInts(set map[int]bool) []int {
	out := make([]int, 0, len(set))
	for k := range maps.Keys(set) {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}
