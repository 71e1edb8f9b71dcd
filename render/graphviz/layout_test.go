package graphviz

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"strconv"
	"strings"
	"testing"
)

// layout is the part of Graphviz's "json" output the tests read: positions
// in points, y going up, origin at the bottom left of bb.
type layout struct {
	BB      string `json:"bb"`
	Objects []struct {
		Name   string `json:"name"`
		BB     string `json:"bb"`
		Pos    string `json:"pos"`
		Width  string `json:"width"`
		Height string `json:"height"`
	} `json:"objects"`
	Edges []struct {
		Tail int    `json:"tail"`
		Head int    `json:"head"`
		Pos  string `json:"pos"`
	} `json:"edges"`
}

type pt struct{ X, Y float64 }

type rect struct{ Min, Max pt } // points, y up

func floats(t *testing.T, s string) []float64 {
	t.Helper()
	var out []float64
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			t.Fatalf("bad number %q in %q", f, s)
		}
		out = append(out, v)
	}
	return out
}

// layoutOf renders dot as "json" through the same instance Render uses.
func layoutOf(t *testing.T, dot string) *layout {
	t.Helper()
	var buf bytes.Buffer
	if err := render(context.Background(), []byte(dot), "json", &buf); err != nil {
		t.Fatalf("json layout: %v", err)
	}
	var l layout
	if err := json.Unmarshal(buf.Bytes(), &l); err != nil {
		t.Fatalf("json layout: %v", err)
	}
	return &l
}

func (l *layout) bb(t *testing.T) rect {
	v := floats(t, l.BB)
	return rect{pt{v[0], v[1]}, pt{v[2], v[3]}}
}

// node returns the bounding box of the named node.
func (l *layout) node(t *testing.T, name string) rect {
	t.Helper()
	for _, o := range l.Objects {
		if o.Name == name && o.Pos != "" {
			p := floats(t, o.Pos)
			w := floats(t, o.Width)[0] * 72 / 2
			h := floats(t, o.Height)[0] * 72 / 2
			return rect{pt{p[0] - w, p[1] - h}, pt{p[0] + w, p[1] + h}}
		}
	}
	t.Fatalf("node %q not in layout", name)
	return rect{}
}

func (l *layout) cluster(t *testing.T, name string) rect {
	t.Helper()
	for _, o := range l.Objects {
		if o.Name == name && o.BB != "" {
			v := floats(t, o.BB)
			return rect{pt{v[0], v[1]}, pt{v[2], v[3]}}
		}
	}
	t.Fatalf("cluster %q not in layout", name)
	return rect{}
}

func (l *layout) index(t *testing.T, name string) int {
	t.Helper()
	for i, o := range l.Objects {
		if o.Name == name {
			return i
		}
	}
	t.Fatalf("%q not in layout", name)
	return -1
}

// edge returns the spline control points of the edge tail->head and its
// arrowhead tip ("e," point), if any.
func (l *layout) edge(t *testing.T, tail, head string) (ctrl []pt, tip *pt) {
	t.Helper()
	ti, hi := l.index(t, tail), l.index(t, head)
	for _, e := range l.Edges {
		if e.Tail != ti || e.Head != hi {
			continue
		}
		for _, f := range strings.Fields(e.Pos) {
			if rest, ok := strings.CutPrefix(f, "e,"); ok {
				v := floats(t, rest)
				tip = &pt{v[0], v[1]}
				continue
			}
			if strings.HasPrefix(f, "s,") {
				continue
			}
			v := floats(t, f)
			ctrl = append(ctrl, pt{v[0], v[1]})
		}
		return ctrl, tip
	}
	t.Fatalf("edge %s->%s not in layout", tail, head)
	return nil, nil
}

// bezier samples the piecewise cubic spline ctrl at n points per segment.
func bezier(ctrl []pt, n int) []pt {
	var out []pt
	for i := 0; i+3 < len(ctrl); i += 3 {
		p0, p1, p2, p3 := ctrl[i], ctrl[i+1], ctrl[i+2], ctrl[i+3]
		for k := 0; k < n; k++ {
			s := float64(k) / float64(n)
			a, b, c, d := (1-s)*(1-s)*(1-s), 3*s*(1-s)*(1-s), 3*s*s*(1-s), s*s*s
			out = append(out, pt{a*p0.X + b*p1.X + c*p2.X + d*p3.X, a*p0.Y + b*p1.Y + c*p2.Y + d*p3.Y})
		}
	}
	return out
}

func (r rect) contains(p pt, margin float64) bool {
	return p.X >= r.Min.X-margin && p.X <= r.Max.X+margin && p.Y >= r.Min.Y-margin && p.Y <= r.Max.Y+margin
}

// canvas maps layout points to PNG pixels: Graphviz pads the drawing by 4
// points and scales by dpi/72.
type canvas struct {
	img   image.Image
	scale float64
	bbH   float64
}

const pagePad = 4

func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode PNG: %v", err)
	}
	return img
}

func (c canvas) px(p pt) (int, int) {
	return int(((p.X + pagePad) * c.scale) + 0.5), int(((c.bbH - p.Y + pagePad) * c.scale) + 0.5)
}

func (c canvas) at(x, y int) color.NRGBA {
	return color.NRGBAModel.Convert(c.img.At(x, y)).(color.NRGBA)
}

// near reports whether a pixel within r pixels of p satisfies pred.
func (c canvas) near(p pt, r int, pred func(color.NRGBA) bool) bool {
	x0, y0 := c.px(p)
	for y := y0 - r; y <= y0+r; y++ {
		for x := x0 - r; x <= x0+r; x++ {
			if pred(c.at(x, y)) {
				return true
			}
		}
	}
	return false
}

func isDark(c color.NRGBA) bool  { return int(c.R)+int(c.G)+int(c.B) < 3*110 }
func isWhite(c color.NRGBA) bool { return c.R > 245 && c.G > 245 && c.B > 245 }
func isRed(c color.NRGBA) bool   { return c.R > 180 && c.G < 90 && c.B < 90 }
func isBlue(c color.NRGBA) bool  { return c.B > 180 && c.R < 90 && c.G < 90 }
