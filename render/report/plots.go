package report

import (
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/render/plotkit"
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

// The plots' colours and dashes (render/plotkit holds the one style).
var (
	colBlue    = plotkit.Blue
	colOrange  = plotkit.Orange
	colGreen   = plotkit.Green
	colVermil  = plotkit.Vermil
	colGrey    = plotkit.Grey
	colPurple  = plotkit.Purple
	colSkyBlue = plotkit.SkyBlue
	dashed     = plotkit.Dashed
	dotted     = plotkit.Dotted
)

func newPlot(title, x, y string) *plot.Plot { return plotkit.New(title, x, y) }

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
				t.Label = "$" + humanize.Figure(v)
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}

func line(xys plotter.XYs, c color.Color, width vg.Length, dash ...vg.Length) *plotter.Line {
	return plotkit.Line(xys, c, width, dash...)
}

func hline(y, x0, x1 float64, c color.Color, dash ...vg.Length) *plotter.Line {
	return line(plotter.XYs{{X: x0, Y: y}, {X: x1, Y: y}}, c, vg.Points(1.2), dash...)
}

func vline(x, y0, y1 float64, c color.Color, dash ...vg.Length) *plotter.Line {
	return line(plotter.XYs{{X: x, Y: y0}, {X: x, Y: y1}}, c, vg.Points(1.2), dash...)
}

// legendWidth is the right margin the legends are drawn in.
const legendWidth = plotkit.LegendWidth

// writeSVG draws the plots, one per row, on one SVG canvas.
func writeSVG(w, h vg.Length, rows ...*plot.Plot) string { return plotkit.SVG(w, h, rows...) }

var scenarioLabel = map[capacity.ScenarioKind]string{
	capacity.ScenarioPeak:    "peak",
	capacity.ScenarioAverage: "average",
	capacity.ScenarioAZLost:  "one AZ lost",
	capacity.ScenarioDeploy:  "deploying",
}
