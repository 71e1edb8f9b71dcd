package diagram

import (
	"bytes"
	"encoding/xml"
	stdhtml "html"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// dejaVu is where Debian (fonts-dejavu-core) keeps the fallback font a
// Linux viewer without Helvetica or Liberation draws the SVG with.
var dejaVu = map[bool]string{
	false: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	true:  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
}

// TestLabelsFitInDejaVuSans measures every node's text with the real DejaVu
// Sans font file (not Graphviz's table) and fails when a line reaches past
// its node's outline: the overflow seen in Chromium with only DejaVu
// installed, when the layout used Helvetica's metrics.
func TestLabelsFitInDejaVuSans(t *testing.T) {
	faces := map[bool]*opentype.Font{}
	for bold, p := range dejaVu {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Skipf("DejaVu Sans not installed (%v)", err)
		}
		f, err := opentype.Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		faces[bold] = f
	}
	width := func(s string, size float64, bold bool) float64 {
		face, err := opentype.NewFace(faces[bold], &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			t.Fatal(err)
		}
		return float64(font.MeasureString(face, s)) / float64(fixed.I(1))
	}
	stacks := loadExamples(t)
	stacks["hand, with findings"] = handStack(nil)
	for name, s := range stacks {
		t.Run(name, func(t *testing.T) {
			svg := render(t, Build(s, Options{ShowFindings: true}), "svg")
			checked := 0
			for _, n := range svgNodes(t, svg) {
				if math.IsInf(n.minX, 0) {
					continue // shape=plain without a table: nothing to overflow
				}
				for _, tx := range n.texts {
					w := width(tx.text, tx.size, tx.bold)
					x0 := tx.x
					switch tx.anchor {
					case "middle":
						x0 -= w / 2
					case "end":
						x0 -= w
					}
					// 0.5 pt: the outline's own stroke.
					if x0 < n.minX-0.5 || x0+w > n.maxX+0.5 {
						t.Errorf("node %s: %q spans %.1f..%.1f pt in DejaVu Sans %.0f, outline %.1f..%.1f",
							n.title, tx.text, x0, x0+w, tx.size, n.minX, n.maxX)
					}
					checked++
				}
			}
			if checked == 0 {
				t.Fatal("no node text found in the SVG")
			}
		})
	}
}

type svgText struct {
	text, anchor string
	x, size      float64
	bold         bool
}

type svgNode struct {
	title      string
	minX, maxX float64
	texts      []svgText
}

var svgNumber = regexp.MustCompile(`-?[0-9]+(\.[0-9]+)?`)

// svgNodes collects, for each <g class="node">, the horizontal extent of its
// outline (polygon, path, ellipse) and its text lines.
func svgNodes(t *testing.T, svg []byte) []svgNode {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var out []svgNode
	var cur *svgNode
	depth, nodeDepth := 0, -1
	attr := func(el xml.StartElement, name string) string {
		for _, a := range el.Attr {
			if a.Name.Local == name {
				return a.Value
			}
		}
		return ""
	}
	num := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
	widen := func(x float64) { cur.minX, cur.maxX = math.Min(cur.minX, x), math.Max(cur.maxX, x) }
	var text *svgText
	inTitle := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("SVG: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			if el.Name.Local == "g" && attr(el, "class") == "node" {
				out = append(out, svgNode{minX: math.Inf(1), maxX: math.Inf(-1)})
				cur, nodeDepth = &out[len(out)-1], depth
			}
			if cur == nil {
				continue
			}
			switch el.Name.Local {
			case "title":
				inTitle = true
			case "polygon":
				for i, v := range svgNumber.FindAllString(attr(el, "points"), -1) {
					if i%2 == 0 {
						widen(num(v))
					}
				}
			case "path":
				for i, v := range svgNumber.FindAllString(attr(el, "d"), -1) {
					if i%2 == 0 {
						widen(num(v))
					}
				}
			case "ellipse":
				cx, rx := num(attr(el, "cx")), num(attr(el, "rx"))
				widen(cx - rx)
				widen(cx + rx)
			case "text":
				text = &svgText{anchor: attr(el, "text-anchor"), x: num(attr(el, "x")),
					size: num(attr(el, "font-size")), bold: attr(el, "font-weight") == "bold"}
			}
		case xml.CharData:
			if text != nil {
				text.text += string(el)
			} else if inTitle && cur != nil {
				cur.title += stdhtml.UnescapeString(string(el))
			}
		case xml.EndElement:
			switch {
			case el.Name.Local == "title":
				inTitle = false
			case el.Name.Local == "text" && text != nil:
				if cur != nil && len(bytes.TrimSpace([]byte(text.text))) > 0 {
					cur.texts = append(cur.texts, *text)
				}
				text = nil
			}
			if depth == nodeDepth {
				cur, nodeDepth = nil, -1
			}
			depth--
		}
	}
}
