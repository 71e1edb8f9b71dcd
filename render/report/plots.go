package report

import (
	"bytes"
	"image/color"
	"math"
	"regexp"
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
	"github.com/infralint/infralint/internal/humanize"
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
				t.Label = "$" + humanize.Figure(v)
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

var scenarioLabel = map[capacity.ScenarioKind]string{
	capacity.ScenarioPeak:    "peak",
	capacity.ScenarioAverage: "average",
	capacity.ScenarioAZLost:  "one AZ lost",
	capacity.ScenarioDeploy:  "deploying",
}
