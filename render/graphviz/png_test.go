package graphviz

import (
	"bytes"
	"context"
	"errors"
	"image/color"
	"io"
	"math"
	"testing"
)

// pixelDOT has an outlined box (a), a red-bordered cluster, a dashed black
// edge, a solid blue edge and a filled 1-inch node.
const pixelDOT = `digraph T {
  node [shape=box, fontname=Helvetica];
  subgraph cluster_red {
    label="zone"; color=red; penwidth=2;
    a [label="Alpha", width=1.5, height=0.8];
    b [label="Beta"];
  }
  c [label="Gamma"];
  f [label=" ", style=filled, fillcolor=yellow, width=1, height=1, fixedsize=true];
  a -> b [style=dashed];
  a -> c [color=blue, penwidth=2];
}`

// perimeter samples the border of r every step points, keeping clear of
// the corners.
func perimeter(r rect, step float64) []pt {
	var out []pt
	for x := r.Min.X + 3; x <= r.Max.X-3; x += step {
		out = append(out, pt{x, r.Min.Y}, pt{x, r.Max.Y})
	}
	for y := r.Min.Y + 3; y <= r.Max.Y-3; y += step {
		out = append(out, pt{r.Min.X, y}, pt{r.Max.X, y})
	}
	return out
}

func TestPNGPixels(t *testing.T) {
	l := layoutOf(t, pixelDOT)
	var buf bytes.Buffer
	if err := Render(context.Background(), []byte(pixelDOT), "png", &buf); err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, buf.Bytes())
	bb := l.bb(t)
	cv := canvas{img: img, scale: defaultDPI / 72.0, bbH: bb.Max.Y}

	t.Run("size", func(t *testing.T) {
		w, h := img.Bounds().Dx(), img.Bounds().Dy()
		wantW := (bb.Max.X + 2*pagePad) * cv.scale
		wantH := (bb.Max.Y + 2*pagePad) * cv.scale
		if math.Abs(float64(w)-wantW) > 2 || math.Abs(float64(h)-wantH) > 2 {
			t.Fatalf("image %dx%d, want about %.0fx%.0f (layout %.0fx%.0f pt at 96 dpi)", w, h, wantW, wantH, bb.Max.X, bb.Max.Y)
		}
		if !isWhite(cv.at(0, 0)) || !isWhite(cv.at(w-1, h-1)) {
			t.Errorf("background not white: %v %v", cv.at(0, 0), cv.at(w-1, h-1))
		}
	})

	t.Run("box outline drawn, interior not filled", func(t *testing.T) {
		a := l.node(t, "a")
		for _, p := range perimeter(a, 2) {
			if !cv.near(p, 1, isDark) {
				x, y := cv.px(p)
				t.Fatalf("no dark pixel on the border of box a near (%d,%d)", x, y)
			}
		}
		x0, y0 := cv.px(pt{a.Min.X, a.Max.Y})
		x1, y1 := cv.px(pt{a.Max.X, a.Min.Y})
		const inset = 6
		for x := x0 + inset; x <= x1-inset; x++ {
			for _, y := range []int{y0 + inset, y1 - inset} {
				if c := cv.at(x, y); !isWhite(c) {
					t.Fatalf("box a interior pixel (%d,%d) is %v, want white", x, y, c)
				}
			}
		}
		for y := y0 + inset; y <= y1-inset; y++ {
			for _, x := range []int{x0 + inset, x1 - inset} {
				if c := cv.at(x, y); !isWhite(c) {
					t.Fatalf("box a interior pixel (%d,%d) is %v, want white", x, y, c)
				}
			}
		}
	})

	t.Run("cluster border red, interior not", func(t *testing.T) {
		cl := l.cluster(t, "cluster_red")
		border := perimeter(cl, 2)
		red := 0
		for _, p := range border {
			if cv.near(p, 1, isRed) {
				red++
			}
		}
		if red < len(border)*9/10 {
			t.Fatalf("%d of %d samples on the cluster border are red", red, len(border))
		}
		x0, y0 := cv.px(pt{cl.Min.X, cl.Max.Y})
		x1, y1 := cv.px(pt{cl.Max.X, cl.Min.Y})
		for y := y0 + 5; y <= y1-5; y++ {
			for x := x0 + 5; x <= x1-5; x++ {
				if c := cv.at(x, y); isRed(c) {
					t.Fatalf("red pixel (%d,%d) inside the cluster", x, y)
				}
			}
		}
	})

	// onCurve returns how many samples of the edge's spline, away from both
	// end nodes, have a pixel satisfying pred within r pixels.
	onCurve := func(t *testing.T, tail, head string, r int, pred func(color.NRGBA) bool) (hit, total int) {
		ctrl, _ := l.edge(t, tail, head)
		tn, hn := l.node(t, tail), l.node(t, head)
		for _, p := range bezier(ctrl, 40) {
			if tn.contains(p, 2) || hn.contains(p, 2) {
				continue
			}
			total++
			if cv.near(p, r, pred) {
				hit++
			}
		}
		if total < 10 {
			t.Fatalf("edge %s->%s: only %d samples between the nodes", tail, head, total)
		}
		return hit, total
	}

	t.Run("blue edge drawn between the nodes", func(t *testing.T) {
		hit, total := onCurve(t, "a", "c", 1, isBlue)
		if hit < total*95/100 {
			t.Fatalf("%d of %d samples along a->c are blue", hit, total)
		}
	})

	t.Run("blue arrowhead filled", func(t *testing.T) {
		ctrl, tip := l.edge(t, "a", "c")
		if tip == nil {
			t.Fatal("edge a->c has no arrowhead in the layout")
		}
		base := ctrl[len(ctrl)-1]
		mid := pt{base.X + 0.4*(tip.X-base.X), base.Y + 0.4*(tip.Y-base.Y)}
		x, y := cv.px(mid)
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				if c := cv.at(x+dx, y+dy); !isBlue(c) {
					t.Fatalf("arrowhead pixel (%d,%d) is %v, want blue fill", x+dx, y+dy, c)
				}
			}
		}
	})

	t.Run("dashed edge has dashes and gaps", func(t *testing.T) {
		hit, total := onCurve(t, "a", "b", 1, isDark)
		frac := float64(hit) / float64(total)
		if frac < 0.25 || frac > 0.85 {
			t.Fatalf("%.0f%% of samples along the dashed edge a->b are dark, want dashes (25-85%%)", frac*100)
		}
	})

	t.Run("label text drawn", func(t *testing.T) {
		a := l.node(t, "a")
		cx, cy := cv.px(pt{(a.Min.X + a.Max.X) / 2, (a.Min.Y + a.Max.Y) / 2})
		dark := 0
		for y := cy - 12; y <= cy+12; y++ {
			for x := cx - 40; x <= cx+40; x++ {
				if isDark(cv.at(x, y)) {
					dark++
				}
			}
		}
		if dark < 30 {
			t.Fatalf("only %d dark pixels where the label \"Alpha\" should be", dark)
		}
	})

	t.Run("filled 1-inch node", func(t *testing.T) {
		f := l.node(t, "f")
		cx, cy := cv.px(pt{(f.Min.X + f.Max.X) / 2, (f.Min.Y + f.Max.Y) / 2})
		if c := cv.at(cx, cy); !(c.R > 230 && c.G > 230 && c.B < 60) {
			t.Fatalf("centre of filled node is %v, want yellow", c)
		}
		left, right := cx, cx
		for left > 0 && !isDark(cv.at(left, cy)) {
			left--
		}
		for right < img.Bounds().Dx()-1 && !isDark(cv.at(right, cy)) {
			right++
		}
		if w := right - left; w < 93 || w > 99 {
			t.Fatalf("1-inch node is %d px wide between its borders, want about 96", w)
		}
	})
}

func TestPNGHonoursDPI(t *testing.T) {
	const dot = `digraph { dpi=192; n [shape=box, width=1, height=0.5, fixedsize=true, label=" "] }`
	var buf bytes.Buffer
	if err := Render(context.Background(), []byte(dot), "png", &buf); err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, buf.Bytes())
	// 1 inch plus 2*4 points of padding at 192 dpi.
	if w := img.Bounds().Dx(); w < 200 || w > 220 {
		t.Fatalf("width at dpi=192 is %d px, want about %d", w, 192+2*4*192/72)
	}
}

func TestRenderScaled(t *testing.T) {
	// dpi=192 in the graph; the scale overrides it: 1 inch + 2*4 pt padding.
	const dot = `digraph { dpi=192; n [shape=box, width=1, height=0.5, fixedsize=true, label=" "] }`
	for _, tc := range []struct {
		scale float64
		want  int
	}{{0, 192 + 2*4*192/72}, {1, 96 + 2*4*96/72}, {3, 288 + 2*4*288/72}} {
		var buf bytes.Buffer
		if err := RenderScaled(context.Background(), []byte(dot), "png", tc.scale, &buf); err != nil {
			t.Fatal(err)
		}
		if w := decodePNG(t, buf.Bytes()).Bounds().Dx(); w < tc.want-3 || w > tc.want+3 {
			t.Errorf("scale %v: %d px wide, want about %d", tc.scale, w, tc.want)
		}
	}
	for _, bad := range []float64{-1, 0.25, 4.5, math.NaN(), math.Inf(1)} {
		err := RenderScaled(context.Background(), []byte(dot), "png", bad, io.Discard)
		if !errors.Is(err, ErrBadScale) {
			t.Errorf("scale %v: err %v, want ErrBadScale", bad, err)
		}
	}
}

func TestPNGHugePageScaledDown(t *testing.T) {
	// Six 30-inch nodes in a row: about 17,500 px wide at 96 dpi.
	const dot = `digraph { rankdir=LR; node [shape=box, width=30, fixedsize=true]; a -> b -> c -> d -> e -> f }`
	var buf bytes.Buffer
	if err := Render(context.Background(), []byte(dot), "png", &buf); err != nil {
		t.Fatal(err)
	}
	b := decodePNG(t, buf.Bytes()).Bounds()
	if b.Dx() > maxPageSide || b.Dy() > maxPageSide || b.Dx()*b.Dy() > maxPagePixels {
		t.Fatalf("page %dx%d exceeds the canvas limits", b.Dx(), b.Dy())
	}
	if b.Dx() < maxPageSide*9/10 {
		t.Fatalf("page %dx%d scaled down more than needed", b.Dx(), b.Dy())
	}
}

func TestPNGTableCellBackground(t *testing.T) {
	const dot = `digraph { h [shape=plaintext, label=<<table border="0" cellborder="1" cellspacing="0"><tr><td width="80" height="40" bgcolor="blue"> </td></tr></table>>] }`
	var buf bytes.Buffer
	if err := Render(context.Background(), []byte(dot), "png", &buf); err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, buf.Bytes())
	b := img.Bounds()
	c := color.NRGBAModel.Convert(img.At(b.Dx()/2, b.Dy()/2)).(color.NRGBA)
	if !isBlue(c) {
		t.Fatalf("centre of a bgcolor=blue table cell is %v, want blue", c)
	}
}
