package graphviz

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"

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

// maxPagePixels and maxPageSide bound the canvas (64 MiB of RGBA). A larger
// page, such as a 500-node graph laid out left to right, is drawn scaled
// down to fit; SVG keeps full detail for such graphs.
const (
	maxPagePixels = 16 << 20
	maxPageSide   = 16384
)

// BeginPage allocates the canvas for the page Graphviz sized in pixels and
// paints it white.
func (e *engine) BeginPage(_ context.Context, job *gvc.Job) error {
	w, h := float64(job.Width()), float64(job.Height())
	sc, tr := job.Scale(), job.Translation()
	e.sx, e.sy = sc.X(), sc.Y()
	e.tx, e.ty = tr.X(), tr.Y()
	if w < 1 || h < 1 {
		e.err = fmt.Errorf("empty page %.0fx%.0f", w, h)
		return nil
	}
	f := min(1, math.Sqrt(maxPagePixels/(w*h)), maxPageSide/w, maxPageSide/h)
	if f < 1 {
		w, h = max(1, math.Floor(w*f)), max(1, math.Floor(h*f))
		e.sx, e.sy = e.sx*f, e.sy*f
	}
	e.img = image.NewRGBA(image.Rect(0, 0, int(w), int(h)))
	draw.Draw(e.img, e.img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	e.dc = gg.NewContextForRGBA(e.img)
	e.dbg("page %.0fx%.0f scale %.3f,%.3f translate %.1f,%.1f", w, h, e.sx, e.sy, e.tx, e.ty)
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
