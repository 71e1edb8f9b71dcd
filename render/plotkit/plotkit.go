// Package plotkit is the one look of infralint's plots (the report's and
// `fit -o`'s): gonum/plot with Liberation Sans measured and metric-
// compatible fallbacks written, Okabe–Ito colours, light grid lines and
// legends in the right margin beside the data area, written as SVG.
package plotkit

import (
	"bytes"
	"image/color"
	"math"
	"regexp"
	"strings"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/infralint/infralint/internal/humanize"
)

// Colours chosen to stay apart for common colour-vision deficiencies
// (Okabe–Ito) and to survive greyscale printing by dash style.
var (
	Blue    = color.RGBA{0, 114, 178, 255}
	Orange  = color.RGBA{230, 159, 0, 255}
	Green   = color.RGBA{0, 158, 115, 255}
	Vermil  = color.RGBA{213, 94, 0, 255}
	Grey    = color.RGBA{96, 96, 96, 255}
	Purple  = color.RGBA{204, 121, 167, 255}
	SkyBlue = color.RGBA{86, 180, 233, 255}
)

// Dash patterns of secondary lines.
var (
	Dashed = []vg.Length{vg.Points(5), vg.Points(3)}
	Dotted = []vg.Length{vg.Points(1.5), vg.Points(2.5)}
)

// LegendWidth is the right margin the legends are drawn in, beside the
// data area rather than inside it, so that they never hide a curve.
const LegendWidth = vg.Length(130)

var fontOnce sync.Once

// setFont makes gonum use Liberation Sans, written in the SVG with
// metric-compatible fallbacks (see fixFonts).
func setFont() {
	fontOnce.Do(func() {
		plot.DefaultFont = font.Font{Typeface: "Liberation", Variant: "Sans"}
	})
}

// New is a plot in infralint's style with its title and axis labels.
func New(title, x, y string) *plot.Plot {
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
	// Counts and rates read "750", not gonum's "750.00"; plots with their
	// own marks (instance counts, log dollars) replace these.
	p.X.Tick.Marker, p.Y.Tick.Marker = PlainTicks{}, PlainTicks{}
	p.Legend.Top = true
	p.Legend.Padding = vg.Points(2)
	p.Add(grid())
	return p
}

func grid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{225}
	g.Horizontal.Color = color.Gray{225}
	return g
}

// Line draws xys, which must hold no NaN or Inf (the callers filter them).
func Line(xys plotter.XYs, c color.Color, width vg.Length, dash ...vg.Length) *plotter.Line {
	l, err := plotter.NewLine(xys)
	if err != nil {
		panic(err) // only for NaN or Inf, which the callers filter
	}
	l.Color, l.Width, l.Dashes = c, width, dash
	return l
}

// SVG draws the plots, one per row, on one w × h canvas, each legend in
// the right margin, and returns the <svg> element without its prolog.
func SVG(w, h vg.Length, rows ...*plot.Plot) string {
	c := vgsvg.New(w, h)
	dc := draw.Crop(draw.New(c), 0, -LegendWidth, 0, 0)
	for _, p := range rows {
		// Right next to the data area, not against the far edge of the
		// margin: a short legend sat up to 100 pt away from its curves.
		width := p.Legend.Rectangle(draw.Canvas{}).Size().X
		p.Legend.XOffs = min(LegendWidth-vg.Points(4), vg.Points(10)+width)
	}
	if len(rows) == 1 {
		rows[0].Draw(dc)
	} else {
		g := make([][]*plot.Plot, len(rows))
		for i, p := range rows {
			g[i] = []*plot.Plot{p}
		}
		tiles := draw.Tiles{Rows: len(rows), Cols: 1, PadY: vg.Points(14), PadTop: vg.Points(2), PadBottom: vg.Points(2), PadLeft: vg.Points(2), PadRight: vg.Points(8)}
		canvases := plot.Align(g, tiles, dc)
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

// PlainTicks are gonum's default tick positions labelled as a reader
// writes the numbers: "250", "1,500", "0.25", never "250.00".
type PlainTicks struct{}

func (PlainTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	var major []float64
	for _, t := range ticks {
		if t.Label != "" {
			major = append(major, t.Value)
		}
	}
	decimals := 0
	if len(major) > 1 {
		if step := major[1] - major[0]; step > 0 && step < 1 {
			decimals = int(math.Ceil(-math.Log10(step) - 1e-9))
		}
	}
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = humanize.Number(ticks[i].Value, decimals)
		}
	}
	return ticks
}
