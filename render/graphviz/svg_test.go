package graphviz

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// svgGroups counts <g class="..."> elements by class and collects the text
// of every <text> element; it fails the test if the SVG is not well-formed.
func svgGroups(t *testing.T, svg []byte) (map[string]int, []string) {
	t.Helper()
	counts := map[string]int{}
	var texts []string
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Strict = true
	inText := false
	var cur strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local == "g" {
				for _, a := range el.Attr {
					if a.Name.Local == "class" {
						counts[a.Value]++
					}
				}
			}
			if el.Name.Local == "text" {
				inText = true
				cur.Reset()
			}
		case xml.CharData:
			if inText {
				cur.Write(el)
			}
		case xml.EndElement:
			if el.Name.Local == "text" {
				inText = false
				texts = append(texts, cur.String())
			}
		}
	}
	return counts, texts
}

func TestSVGStructure(t *testing.T) {
	const dot = `digraph G {
  subgraph cluster_web { label="web"; lb; app }
  subgraph cluster_data { label="data"; db [shape=cylinder] }
  lb -> app;
  app -> db;
}`
	var buf bytes.Buffer
	if err := Render(context.Background(), []byte(dot), "svg", &buf); err != nil {
		t.Fatal(err)
	}
	counts, _ := svgGroups(t, buf.Bytes())
	want := map[string]int{"graph": 1, "cluster": 2, "node": 3, "edge": 2}
	for class, n := range want {
		if counts[class] != n {
			t.Errorf("class=%q groups: %d, want %d (all: %v)", class, counts[class], n, counts)
		}
	}
}

func TestDOTOutputHasLayout(t *testing.T) {
	var buf bytes.Buffer
	if err := Render(context.Background(), []byte(`digraph { a -> b }`), "dot", &buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"digraph", "bb=", "pos=", "a -> b"} {
		if !strings.Contains(out, want) {
			t.Errorf("dot output lacks %q:\n%s", want, out)
		}
	}
}

// labelDOT is DOT text as the diagram builder emits it: quotes escaped as
// \", everything else (< > & and non-ASCII) left to Graphviz.
const labelDOT = `digraph L {
  q [label="say \"hi\""];
  x [label="a < b > c & d"];
  k [label="주문 데이터베이스", shape=box];
  subgraph cluster_k { label="한국 리전 <prod>"; k }
  q -> x [label="R&D \"edge\""];
  x -> k [label="<요청>"];
}`

func TestLabelsEscapedInSVG(t *testing.T) {
	var buf bytes.Buffer
	if err := Render(context.Background(), []byte(labelDOT), "svg", &buf); err != nil {
		t.Fatal(err)
	}
	_, texts := svgGroups(t, buf.Bytes())
	got := map[string]bool{}
	for _, s := range texts {
		got[s] = true
	}
	for _, want := range []string{`say "hi"`, "a < b > c & d", "주문 데이터베이스", "한국 리전 <prod>", `R&D "edge"`, "<요청>"} {
		if !got[want] {
			t.Errorf("SVG text %q not found; texts: %q", want, texts)
		}
	}
	raw := buf.String()
	for _, want := range []string{"a &lt; b &gt; c &amp; d", "R&amp;D"} {
		if !strings.Contains(raw, want) {
			t.Errorf("raw SVG lacks escaped %q", want)
		}
	}
}

func TestLabelsRenderInPNG(t *testing.T) {
	l := layoutOf(t, labelDOT)
	var buf bytes.Buffer
	if err := Render(context.Background(), []byte(labelDOT), "png", &buf); err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, buf.Bytes())
	cv := canvas{img: img, scale: defaultDPI / 72.0, bbH: l.bb(t).Max.Y}
	// The Korean label is drawn (as glyphs if a CJK font is installed,
	// otherwise as missing-glyph boxes): either way, ink in the node.
	k := l.node(t, "k")
	x0, y0 := cv.px(pt{k.Min.X + 6, k.Max.Y - 6})
	x1, y1 := cv.px(pt{k.Max.X - 6, k.Min.Y + 6})
	dark := 0
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			if isDark(cv.at(x, y)) {
				dark++
			}
		}
	}
	if dark < 30 {
		t.Fatalf("only %d dark pixels inside the node labelled in Korean", dark)
	}
}
