package report

import (
	"bytes"
	"fmt"
	"image/color"
	"maps"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/schema"
)

// Plot is one figure: an inline SVG with its text alternative.
type Plot struct {
	Kind    string // "latency", "load" or "cost-slo"
	Tier    string
	Title   string // <title> of the SVG and the figure's heading
	Desc    string // <desc>: what the plot shows, in words
	Caption string // visible figure caption
	SVG     string // the <svg> element, without prolog
	// Table is the plot's data for readers who cannot see it.
	Table *DataTable
}

// DataTable is a small table of the numbers behind a plot.
type DataTable struct {
	Caption string
	Head    []string
	Rows    [][]string
}

// Colours of the plots, chosen to stay apart for common colour-vision
// deficiencies (Okabe–Ito) and to survive greyscale printing by dash style.
var (
	colBlue    = color.RGBA{0, 114, 178, 255}
	colOrange  = color.RGBA{230, 159, 0, 255}
	colGreen   = color.RGBA{0, 158, 115, 255}
	colVermil  = color.RGBA{213, 94, 0, 255}
	colGrey    = color.RGBA{96, 96, 96, 255}
	colPurple  = color.RGBA{204, 121, 167, 255}
	colSkyBlue = color.RGBA{86, 180, 233, 255}
)

var fontOnce sync.Once

// setFont makes gonum use Liberation Sans, written in the SVG with
// metric-compatible fallbacks (see fixFonts).
func setFont() {
	fontOnce.Do(func() {
		plot.DefaultFont = font.Font{Typeface: "Liberation", Variant: "Sans"}
	})
}

func newPlot(title, x, y string) *plot.Plot {
	setFont()
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = 12
	p.X.Label.Text = x
	p.Y.Label.Text = y
	p.X.Label.TextStyle.Font.Size = 10
	p.Y.Label.TextStyle.Font.Size = 10
	p.X.Tick.Label.Font.Size = 9
	p.Y.Tick.Label.Font.Size = 9
	p.Legend.TextStyle.Font.Size = 9
	p.Legend.Top = true
	p.Legend.Padding = vg.Points(2)
	p.Add(gridLines())
	return p
}

// intTicks labels whole numbers only (instance counts), about eight of
// them.
type intTicks struct{}

func (intTicks) Ticks(lo, hi float64) []plot.Tick {
	span := hi - lo
	step := 1.0
	for k := 1.0; ; k *= 10 {
		found := false
		for _, m := range []float64{1, 2, 5} {
			if span/(m*k) <= 8 {
				step, found = m*k, true
				break
			}
		}
		if found {
			break
		}
	}
	var ticks []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi+1e-9; v += step {
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.Itoa(int(v))})
	}
	return ticks
}

// logMoneyTicks labels dollars on a log axis at 1, 2 and 5 × 10ⁿ
// ("$2,000"), with unlabelled ticks at the other multiples.
type logMoneyTicks struct{}

func (logMoneyTicks) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	if !(lo > 0 && hi < math.Inf(1)) {
		return nil
	}
	for p := math.Pow(10, math.Floor(math.Log10(lo))); p <= hi; p *= 10 {
		for m := 1.0; m < 10; m++ {
			v := m * p
			if v < lo || v > hi {
				continue
			}
			t := plot.Tick{Value: v}
			if m == 1 || m == 2 || m == 5 {
				t.Label = "$" + num(v)
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}

func gridLines() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{225}
	g.Horizontal.Color = color.Gray{225}
	return g
}

func line(xys plotter.XYs, c color.Color, width vg.Length, dash ...vg.Length) *plotter.Line {
	l, err := plotter.NewLine(xys)
	if err != nil {
		panic(err) // only for NaN or Inf, which the callers filter
	}
	l.Color, l.Width, l.Dashes = c, width, dash
	return l
}

func hline(y, x0, x1 float64, c color.Color, dash ...vg.Length) *plotter.Line {
	return line(plotter.XYs{{X: x0, Y: y}, {X: x1, Y: y}}, c, vg.Points(1.2), dash...)
}

func vline(x, y0, y1 float64, c color.Color, dash ...vg.Length) *plotter.Line {
	return line(plotter.XYs{{X: x, Y: y0}, {X: x, Y: y1}}, c, vg.Points(1.2), dash...)
}

var dashed = []vg.Length{vg.Points(5), vg.Points(3)}
var dotted = []vg.Length{vg.Points(1.5), vg.Points(2.5)}

// legendWidth is the right margin the legends are drawn in, outside the
// data area, so that they never hide a curve.
const legendWidth = vg.Length(130)

// writeSVG draws the plots, one per row, on one SVG canvas, each legend
// in the right margin.
func writeSVG(w, h vg.Length, rows ...*plot.Plot) string {
	c := vgsvg.New(w, h)
	dc := draw.Crop(draw.New(c), 0, -legendWidth, 0, 0)
	for _, p := range rows {
		p.Legend.XOffs = legendWidth - vg.Points(4)
	}
	if len(rows) == 1 {
		rows[0].Draw(dc)
	} else {
		grid := make([][]*plot.Plot, len(rows))
		for i, p := range rows {
			grid[i] = []*plot.Plot{p}
		}
		tiles := draw.Tiles{Rows: len(rows), Cols: 1, PadY: vg.Points(14), PadTop: vg.Points(2), PadBottom: vg.Points(2), PadLeft: vg.Points(2), PadRight: vg.Points(8)}
		canvases := plot.Align(grid, tiles, dc)
		for i, p := range rows {
			p.Draw(canvases[i][0])
		}
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		panic(err) // a bytes.Buffer does not fail
	}
	return fixFonts(stripProlog(buf.String()))
}

// stripProlog drops the XML declaration and comments before <svg, which
// have no place inside HTML.
func stripProlog(s string) string {
	if i := strings.Index(s, "<svg"); i > 0 {
		s = s[i:]
	}
	return s
}

var fontFamily = regexp.MustCompile(`font-family:([A-Za-z ]+);`)

// fixFonts gives each font family metric-compatible fallbacks, so the
// labels gonum measured with Liberation fit in any browser.
func fixFonts(s string) string {
	return fontFamily.ReplaceAllStringFunc(s, func(m string) string {
		fam := fontFamily.FindStringSubmatch(m)[1]
		fb := "Arial,Helvetica,sans-serif"
		switch {
		case strings.Contains(fam, "Serif"):
			fb = "'Times New Roman',serif"
		case strings.Contains(fam, "Mono"):
			fb = "'Courier New',monospace"
		}
		return "font-family:'" + fam + "'," + fb + ";"
	})
}

// sweepMax is the largest instance count the plots sweep.
const sweepMax = 512

// tierPlots draws the plots of one compute tier, and says in notes why a
// plot is missing.
func tierPlots(s *schema.Stack, res *capacity.Result, t *capacity.Tier, cat *catalog.Catalog) (out []Plot, notes []string) {
	peak := t.Scenario(capacity.ScenarioPeak)
	if peak == nil || peak.RPS <= 0 {
		return nil, []string{fmt.Sprintf("%s: no traffic reaches this tier, so it has no plots.", t.Name)}
	}
	opts := capacity.Options{TargetUtilization: res.TargetUtilization, Catalog: cat}
	if p, ok := latencyPlot(s, res, t, opts); ok {
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
	if p, ok := loadPlot(s, t, opts); ok {
		out = append(out, p)
	}
	if p, ok := costSLOPlot(s, res, t, opts, cat); ok {
		out = append(out, p)
	} else {
		notes = append(notes, fmt.Sprintf("%s: no cost-against-SLO plot: no %s instance type priced in %s meets the utilisation target at peak with up to %d instances.",
			t.Name, catalog.Family(t.InstanceType), s.Region, min(sweepMax, max(64, 4*t.Max))))
	}
	return out, notes
}

func counts(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

// latencyPlot: p99 and utilisation against instances in service at peak.
func latencyPlot(s *schema.Stack, res *capacity.Result, t *capacity.Tier, opts capacity.Options) (Plot, bool) {
	peak := t.Scenario(capacity.ScenarioPeak)
	n := max(4, t.Max*2, peak.Needed+max(2, peak.Needed/4))
	n = min(n, sweepMax)
	scs, err := capacity.Sweep(s, t.Name, counts(n), opts)
	if err != nil {
		return Plot{}, false
	}
	slo := res.SLOp99ms
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
	lat := newPlot(fmt.Sprintf("%s at peak (%s req/s): p99 response", t.Name, num(peak.RPS)), "", "p99 (ms)")
	lat.X.Min, lat.X.Max = xMin, xMax
	lat.X.Tick.Marker = intTicks{}
	lat.Y.Min = 0
	lat.Y.Max = math.Max(slo*1.6, yTop*1.3)
	l := line(p99, colBlue, vg.Points(2))
	lat.Add(l)
	lat.Legend.Add("p99", l)
	sl := hline(slo, xMin, xMax, colVermil, dashed...)
	lat.Add(sl)
	lat.Legend.Add(fmt.Sprintf("SLO %s ms", num(slo)), sl)

	util := newPlot("utilisation", "instances in service", "utilisation (%)")
	util.X.Min, util.X.Max = xMin, xMax
	util.X.Tick.Marker = intTicks{}
	util.Y.Min, util.Y.Max = 0, 100
	lw := line(workers, colGreen, vg.Points(2))
	lc := line(cpu, colOrange, vg.Points(2), dashed...)
	util.Add(lw, lc)
	util.Legend.Add("workers", lw)
	util.Legend.Add("CPU", lc)
	tl := hline(res.TargetUtilization*100, xMin, xMax, colVermil, dashed...)
	util.Add(tl)
	util.Legend.Add(fmt.Sprintf("target %s%%", num(res.TargetUtilization*100)), tl)

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
	desc := fmt.Sprintf("Two line charts sharing an x axis of instances in service, 1 to %d, for tier %s at peak load (%s req/s). "+
		"Top: p99 response in ms with the SLO of %s ms as a dashed line. Bottom: worker and CPU utilisation in percent with the target of %s%%. "+
		"Vertical dotted lines mark the configured fleet (%s). %s",
		n, t.Name, num(peak.RPS), num(slo), num(res.TargetUtilization*100), fleet, latencySummary(scs, firstOK, slo, res.TargetUtilization))
	table := &DataTable{Caption: "p99 and utilisation at peak by instances in service", Head: []string{"instances", "p99 (ms)", "workers", "CPU", "verdict"}}
	for _, i := range sampleIndexes(len(scs), t, peak) {
		sc := scs[i]
		if sc.Saturated {
			table.Rows = append(table.Rows, []string{fmt.Sprint(i + 1), "—", "—", "—", "saturated (" + sc.Bottleneck + ")"})
			continue
		}
		table.Rows = append(table.Rows, []string{fmt.Sprint(i + 1), ms(sc.P99Ms), pct(sc.WorkerUtilization), pct(sc.CPUUtilization), verdictText(sc.Verdict)})
	}
	return Plot{
		Kind:    "latency",
		Tier:    t.Name,
		Title:   fmt.Sprintf("%s: p99 and utilisation against instances at peak", t.Name),
		Desc:    desc,
		Caption: fmt.Sprintf("%s at peak load: p99 response (top) and utilisation (bottom) against the number of instances in service, from the capacity model; the dashed lines are the SLO and the utilisation target, the dotted lines the configured fleet (%s).", t.Name, fleet),
		SVG:     writeSVG(vg.Points(560), vg.Points(440), lat, util),
		Table:   table,
	}, true
}

// latencySummary says in words where the curve crosses the SLO and target.
func latencySummary(scs []*capacity.Scenario, firstOK int, slo, target float64) string {
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
		out += fmt.Sprintf(" From %d instances p99 is within the SLO and utilisation within the target.", meet)
	} else {
		out += fmt.Sprintf(" No count in the range meets both the SLO and the %s%% target.", num(target*100))
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

var scenarioLabel = map[capacity.ScenarioKind]string{
	capacity.ScenarioPeak:    "peak",
	capacity.ScenarioAverage: "average",
	capacity.ScenarioAZLost:  "one AZ lost",
	capacity.ScenarioDeploy:  "deploying",
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
			head = fmt.Sprintf("%+.0f%%", (c/sc.RPS-1)*100)
		}
		table.Rows = append(table.Rows, []string{scenarioLabel[sc.Kind], fmt.Sprint(sc.Instances), num(sc.RPS), num(c), head})
		words = append(words, fmt.Sprintf("%s: %s req/s against %s req/s with %d instances", scenarioLabel[sc.Kind], num(sc.RPS), num(c), sc.Instances))
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
	p.Legend.Add(fmt.Sprintf("SLO %s ms", num(slo)), sl)
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
			table.Rows = append(table.Rows, []string{ms(pt.target), pt.instanceType, fmt.Sprint(pt.count), money(pt.usd)})
		}
	}
	atSLO := ""
	for _, pt := range pts {
		if pt.target <= slo {
			atSLO = fmt.Sprintf(" At the SLO of %s ms the cheapest is %d × %s for %s a month.", num(slo), pt.count, pt.instanceType, money(pt.usd))
		}
	}
	words = append(words, fmt.Sprintf("Step line of the cheapest monthly cost, from %s at a p99 target of %s ms to %s at %s ms.",
		money(pts[0].usd), ms(pts[0].target), money(pts[len(pts)-1].usd), ms(pts[len(pts)-1].target)))
	if atSLO != "" {
		words = append(words, strings.TrimSpace(atSLO))
	}
	if curOK {
		words = append(words, fmt.Sprintf("The tier as written (%d × %s at its peak fleet) costs %s for a p99 of %s ms.", t.Max, t.InstanceType, money(curUSD), ms(peak.P99Ms)))
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
		Caption: fmt.Sprintf("%s: the cheapest monthly cost (log scale) of a fleet sized for peak (on-demand instance hours × %s h, instances only) whose p99 meets each target with workers and CPUs within the %s%% target, over the %s types priced in %s (%s).%s",
			t.Name, num(hours), num(res.TargetUtilization*100), family, s.Region, strings.Join(types, ", "), square),
		SVG:   writeSVG(vg.Points(560), vg.Points(300), p),
		Table: table,
	}, true
}
