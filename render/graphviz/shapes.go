package graphviz

import (
	"context"
	"image/color"

	"github.com/goccy/go-graphviz/gvc"
)

// Dash patterns in points, as Graphviz's cairo renderer uses them.
var (
	dashedPattern = []float64{6, 6}
	dottedPattern = []float64{2, 6}
)

// paint is what one drawing call does: fill and/or stroke.
type paint struct {
	fill, stroke    bool
	fillCol, penCol color.NRGBA
	width           float64 // pixels
	pen             gvc.PenType
}

func nrgba(c *gvc.Color) color.NRGBA {
	v := c.RGBAUint()
	return color.NRGBA{R: uint8(v[0]), G: uint8(v[1]), B: uint8(v[2]), A: uint8(v[3])}
}

type shapeKind int

const (
	closedShape shapeKind = iota // polygon, ellipse
	openShape                    // polyline
	curveShape                   // Bézier: an edge spline (open) or a node outline (closed)
)

// paintFor decides how to draw a shape. The filled flag that go-graphviz
// passes is unreliable (true for edge splines and for most unfilled shapes),
// so it is ignored:
//   - the root graph's only shape is the background box: fill it;
//   - on an edge, open curves (splines, polylines) are never filled and
//     closed shapes are arrowheads, filled unless the arrow is open ("o");
//   - nodes and clusters are filled when their object state has a fill, or
//     when the pen is transparent (fill-only shapes such as table cells).
//
// Every shape is stroked unless its pen is none or transparent.
func (e *engine) paintFor(job *gvc.Job, kind shapeKind) paint {
	obj := job.Object()
	typ := obj.Type()
	closed := kind == closedShape || (kind == curveShape && typ != gvc.EdgeObjectType)
	p := paint{pen: obj.Pen(), penCol: nrgba(obj.PenColor())}
	p.width = obj.PenWidth() * (e.sx + e.sy) / 2
	switch typ {
	case gvc.RootGraphObjectType:
		p.fill = closed
	case gvc.EdgeObjectType:
		p.fill = closed && e.arrows.nextFilled()
	default:
		// A closed shape drawn with a transparent pen is only visible as a
		// fill: HTML-like label cells with bgcolor are drawn that way.
		p.fill = closed && (obj.Fill() != gvc.FillNone || p.penCol.A == 0)
	}
	if p.fill {
		p.fillCol = nrgba(obj.FillColor())
		p.fill = p.fillCol.A > 0
	}
	p.stroke = p.pen != gvc.PenNone && p.penCol.A > 0 && p.width > 0
	if typ == gvc.RootGraphObjectType {
		p.stroke = false
	}
	return p
}

// apply fills and/or strokes the path built on e.dc, then clears it.
func (e *engine) apply(p paint) {
	dc := e.dc
	if p.fill {
		dc.SetColor(p.fillCol)
		if p.stroke {
			dc.FillPreserve()
		} else {
			dc.Fill()
		}
	}
	if p.stroke {
		dc.SetColor(p.penCol)
		dc.SetLineWidth(p.width)
		dc.SetLineJoinRound()
		switch p.pen {
		case gvc.PenDashed:
			dc.SetLineCapButt()
			dc.SetDash(e.scaled(dashedPattern)...)
		case gvc.PenDotted:
			dc.SetLineCapRound()
			dc.SetDash(e.scaled(dottedPattern)...)
		default:
			dc.SetLineCapButt()
			dc.SetDash()
		}
		dc.Stroke()
	}
	dc.ClearPath()
	dc.SetDash()
}

func (e *engine) scaled(pattern []float64) []float64 {
	out := make([]float64, len(pattern))
	for i, v := range pattern {
		out[i] = v * (e.sx + e.sy) / 2
	}
	return out
}

func (e *engine) ready(a []*gvc.PointFloat, min int) bool {
	return e.dc != nil && e.err == nil && len(a) >= min
}

// Polygon draws a closed polygon: node shapes, cluster borders, the page
// background and arrowheads.
func (e *engine) Polygon(_ context.Context, job *gvc.Job, a []*gvc.PointFloat, _ bool) error {
	if !e.ready(a, 2) {
		return nil
	}
	p := e.paintFor(job, closedShape)
	e.dc.MoveTo(e.px(a[0].X()), e.py(a[0].Y()))
	for _, pt := range a[1:] {
		e.dc.LineTo(e.px(pt.X()), e.py(pt.Y()))
	}
	e.dc.ClosePath()
	e.apply(p)
	return nil
}

// Ellipse draws an ellipse given its centre a[0] and a corner a[1] of its
// bounding box.
func (e *engine) Ellipse(_ context.Context, job *gvc.Job, a []*gvc.PointFloat, _ bool) error {
	if !e.ready(a, 2) {
		return nil
	}
	p := e.paintFor(job, closedShape)
	cx, cy := e.px(a[0].X()), e.py(a[0].Y())
	rx, ry := abs(e.px(a[1].X())-cx), abs(e.py(a[1].Y())-cy)
	e.dc.NewSubPath()
	e.dc.DrawEllipse(cx, cy, rx, ry)
	e.apply(p)
	return nil
}

// BezierCurve draws a cubic Bézier spline a[0], then three points per
// segment. Edge splines are open and never filled; node outlines drawn as
// curves (cylinder, rounded boxes) are closed and filled when styled so.
func (e *engine) BezierCurve(_ context.Context, job *gvc.Job, a []*gvc.PointFloat, _ bool) error {
	if !e.ready(a, 4) {
		return nil
	}
	p := e.paintFor(job, curveShape)
	e.dc.MoveTo(e.px(a[0].X()), e.py(a[0].Y()))
	for i := 1; i+2 < len(a); i += 3 {
		e.dc.CubicTo(e.px(a[i].X()), e.py(a[i].Y()),
			e.px(a[i+1].X()), e.py(a[i+1].Y()),
			e.px(a[i+2].X()), e.py(a[i+2].Y()))
	}
	e.apply(p)
	return nil
}

// Polyline draws an open line, never filled.
func (e *engine) Polyline(_ context.Context, job *gvc.Job, a []*gvc.PointFloat) error {
	if !e.ready(a, 2) {
		return nil
	}
	p := e.paintFor(job, openShape)
	e.dc.MoveTo(e.px(a[0].X()), e.py(a[0].Y()))
	for _, pt := range a[1:] {
		e.dc.LineTo(e.px(pt.X()), e.py(pt.Y()))
	}
	e.apply(p)
	return nil
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
