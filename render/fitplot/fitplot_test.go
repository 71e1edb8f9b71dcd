package fitplot

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/infralint/infralint/fit"
)

// svgCount parses doc as XML (failing the test if it is not) and counts
// its elements by name.
func svgCount(t *testing.T, doc []byte) map[string]int {
	t.Helper()
	n := map[string]int{}
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return n
		}
		if err != nil {
			t.Fatalf("not XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			n[se.Name.Local]++
		}
	}
}

func TestUSLPlot(t *testing.T) {
	var pts []fit.Point
	for i, n := range []float64{1, 2, 4, 8, 16, 32, 64} {
		pts = append(pts, fit.Point{Line: i + 2, Concurrency: n, Throughput: fit.Model(100, 0.05, 0.001, n), P99ms: math.NaN()})
	}
	u, err := fit.FitUSL(pts)
	if err != nil {
		t.Fatal(err)
	}
	svg := USL(u, "dir/sweep.csv")
	if !bytes.Equal(svg, USL(u, "dir/sweep.csv")) {
		t.Error("two drawings of one fit differ")
	}
	svgCount(t, svg)
	// N* = √((1 − σ)/κ) = √950 = 30.82 (Gunther 2007, ch. 4).
	for _, want := range []string{"USL fit of sweep.csv", "N* = 30.8", "measured", "concurrency N (clients)"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("the SVG lacks %q", want)
		}
	}
}

func TestDemandPlot(t *testing.T) {
	var s []fit.Sample
	for i, rps := range []float64{50, 100, 200, 400} {
		s = append(s, fit.Sample{Line: i + 2, RPS: rps, Utilisation: 0.02 + rps*0.006/4, P50ms: math.NaN(), P99ms: math.NaN()})
	}
	d, err := fit.FitDemand(s, 4)
	if err != nil {
		t.Fatal(err)
	}
	svg := Demand(d, "cpu.csv")
	svgCount(t, svg)
	for _, want := range []string{"Demand fit of cpu.csv", "fit: 6 ms CPU per request", "all 4 vCPUs busy"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("the SVG lacks %q", want)
		}
	}
	if strings.Contains(string(svg), ".00<") {
		t.Error("a tick reads like 250.00")
	}
}
