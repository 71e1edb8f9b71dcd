package graphviz

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"image/png"

	"github.com/fogleman/gg"
	"github.com/goccy/go-graphviz/gvc"
)

// engine draws one PNG page with fogleman/gg. It replaces go-graphviz's
// built-in image renderer, which either fills or strokes a shape (never both)
// and receives filled=true for edge splines and unfilled shapes, so outlines,
// cluster borders and edges get lost. This engine:
//
//   - fills a shape only when Graphviz's object state says it has a fill
//     (ObjectState.Fill() != FillNone), or when it is an edge's arrowhead;
//   - always strokes the outline with the pen colour, pen width and dash;
//   - never fills edge splines;
//   - draws text with the Go fonts (see text.go).
//
// Graphviz gives coordinates in points with y going up; the page transform
// (translation, then scale = zoom*dpi/72, y flipped) is applied by px/py.
type engine struct {
	*gvc.DefaultRenderEngine

	dc     *gg.Context
	img    *image.RGBA
	sx     float64 // pixels per point, x
	sy     float64 // pixels per point, y
	tx     float64 // translation in points
	ty     float64
	arrows arrowQueue // fill flags for the current edge's arrowheads
	err    error      // first error while drawing; Render reports it

	debugf func(format string, args ...any) // tests only
}

func newEngine() *engine {
	return &engine{DefaultRenderEngine: &gvc.DefaultRenderEngine{}}
}

// reset forgets the previous page before a new render.
func (e *engine) reset() {
	e.dc, e.img, e.err, e.arrows = nil, nil, nil, arrowQueue{}
}

func (e *engine) px(x float64) float64 { return e.sx * (x + e.tx) }
func (e *engine) py(y float64) float64 { return -e.sy * (y + e.ty) }

// BeginPage allocates the canvas for the page Graphviz sized in pixels and
// paints it white.
func (e *engine) BeginPage(_ context.Context, job *gvc.Job) error {
	w, h := int(job.Width()), int(job.Height())
	if w <= 0 || h <= 0 || w > 1<<15 || h > 1<<15 || w*h > 1<<28 {
		e.err = errors.New("page size out of range")
		return e.err
	}
	e.img = image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(e.img, e.img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	e.dc = gg.NewContextForRGBA(e.img)
	sc, tr := job.Scale(), job.Translation()
	e.sx, e.sy = sc.X(), sc.Y()
	e.tx, e.ty = tr.X(), tr.Y()
	e.dbg("page %dx%d scale %.3f,%.3f translate %.1f,%.1f dpi %.0f zoom %.2f", w, h, e.sx, e.sy, e.tx, e.ty, job.DPI().X(), job.Zoom())
	return nil
}

// EndPage encodes the page as PNG and hands it to Graphviz as the job output.
func (e *engine) EndPage(_ context.Context, job *gvc.Job) error {
	if e.img == nil {
		return nil
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, e.img); err != nil {
		e.err = err
		return err
	}
	job.SetOutputData(buf.Bytes())
	job.SetOutputDataPosition(uint(buf.Len()))
	e.dc, e.img = nil, nil
	return nil
}

// BeginEdge reads the edge's arrow attributes so that its arrowheads can be
// filled or left open (see arrows.go).
func (e *engine) BeginEdge(_ context.Context, job *gvc.Job) error {
	e.arrows = edgeArrows(job.Object().Edge())
	return nil
}

// EndEdge forgets the edge's arrows.
func (e *engine) EndEdge(context.Context, *gvc.Job) error {
	e.arrows = arrowQueue{}
	return nil
}

func (e *engine) dbg(format string, args ...any) {
	if e.debugf != nil {
		e.debugf(format, args...)
	}
}
