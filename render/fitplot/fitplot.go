// Package fitplot draws `infralint fit`'s data against the fitted curve,
// as a standalone SVG for a design document.
package fitplot

import (
	"fmt"
	"math"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/infralint/infralint/fit"
	"github.com/infralint/infralint/render/plotkit"
)

// Size of the figure: a page-width plot with its legend in the margin.
const (
	width  = 16 * vg.Centimeter
	height = 9 * vg.Centimeter
	steps  = 200 // points of each fitted curve
)

const prolog = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>` + "\n"

// USL draws the measured throughput at each concurrency, the fitted USL
// curve and N*.
func USL(u *fit.USL, file string) []byte {
	p := plotkit.New("USL fit of "+filepath.Base(file), "concurrency N (clients)", "throughput (requests/s)")
	nmax, xmax := 0.0, 0.0
	var pts plotter.XYs
	for _, pt := range u.Points {
		pts = append(pts, plotter.XY{X: pt.Concurrency, Y: pt.Throughput})
		nmax, xmax = math.Max(nmax, pt.Concurrency), math.Max(xmax, pt.Throughput)
	}
	// Draw the curve a little past the data, and past N* when it lies
	// beyond them (extrapolated: the warning says so).
	end := nmax * 1.1
	if !math.IsNaN(u.NStar) && u.NStar > nmax && u.NStar < 4*nmax {
		end = u.NStar * 1.1
	}
	var curve plotter.XYs
	for i := 0; i <= steps; i++ {
		n := 1 + (end-1)*float64(i)/steps
		curve = append(curve, plotter.XY{X: n, Y: fit.Model(u.Lambda.Value, u.Sigma.Value, u.Kappa.Value, n)})
	}
	l := plotkit.Line(curve, plotkit.Blue, vg.Points(1.5))
	p.Add(l)
	p.Legend.Add(fmt.Sprintf("fit: σ %s, κ %s", short(u.Sigma.Value), short(u.Kappa.Value)), l)
	if !math.IsNaN(u.NStar) && u.NStar <= end {
		v := plotkit.Line(plotter.XYs{{X: u.NStar, Y: 0}, {X: u.NStar, Y: u.Peak}}, plotkit.Grey, vg.Points(1), plotkit.Dotted...)
		p.Add(v)
		p.Legend.Add(fmt.Sprintf("N* = %.1f, %s rps", u.NStar, short(u.Peak)), v)
	}
	addPoints(p, pts, "measured")
	finish(p)
	return []byte(prolog + plotkit.SVG(width, height, p))
}

// Demand draws the measured CPU utilisation at each rate and the fitted
// utilisation law.
func Demand(d *fit.Demand, title string) []byte {
	p := plotkit.New("Demand fit of "+title, "rate (requests/s)", "CPU utilisation (%)")
	xmax := 0.0
	var pts plotter.XYs
	for _, s := range d.Samples {
		pts = append(pts, plotter.XY{X: s.RPS, Y: 100 * s.Utilisation})
		xmax = math.Max(xmax, s.RPS)
	}
	u0, b := d.Background.Value, d.CPUms.Value/(1000*float64(d.VCPUs))
	end := xmax * 1.1
	fitted := plotkit.Line(plotter.XYs{{X: 0, Y: 100 * u0}, {X: end, Y: 100 * (u0 + b*end)}}, plotkit.Blue, vg.Points(1.5))
	p.Add(fitted)
	p.Legend.Add(fmt.Sprintf("fit: %s ms CPU per request", short(d.CPUms.Value)), fitted)
	if sat := (1 - u0) / b; sat > 0 && sat <= end*1.5 {
		full := plotkit.Line(plotter.XYs{{X: 0, Y: 100}, {X: math.Max(end, sat), Y: 100}}, plotkit.Grey, vg.Points(1), plotkit.Dashed...)
		p.Add(full)
		p.Legend.Add(fmt.Sprintf("all %d vCPUs busy", d.VCPUs), full)
	}
	addPoints(p, pts, "measured")
	finish(p)
	return []byte(prolog + plotkit.SVG(width, height, p))
}

// finish starts both axes at 0 and labels their ticks plainly.
func finish(p *plot.Plot) {
	p.X.Min, p.Y.Min = 0, 0
	p.X.Tick.Marker, p.Y.Tick.Marker = plotkit.PlainTicks{}, plotkit.PlainTicks{}
}

func addPoints(p *plot.Plot, pts plotter.XYs, label string) {
	s, err := plotter.NewScatter(pts)
	if err != nil {
		return // NaN or Inf: the readers refuse them, so nothing to draw
	}
	s.GlyphStyle.Color = plotkit.Vermil
	s.GlyphStyle.Shape = draw.CircleGlyph{}
	s.GlyphStyle.Radius = vg.Points(2.5)
	p.Add(s)
	p.Legend.Add(label, s)
}

// short prints v with three significant digits.
func short(v float64) string { return fmt.Sprintf("%.3g", v) }
