package plotkit

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Each label reads back as its tick's value, with no padding zeros (the
// report's "750.00" requests per second, issue 19).
func TestPlainTicks(t *testing.T) {
	for _, r := range [][2]float64{{0, 500}, {0, 0.9}, {0, 0.012}, {0, 12000}, {3, 7}} {
		var labels []string
		for _, tk := range (PlainTicks{}).Ticks(r[0], r[1]) {
			if tk.Label == "" {
				continue
			}
			labels = append(labels, tk.Label)
			v, err := strconv.ParseFloat(strings.ReplaceAll(tk.Label, ",", ""), 64)
			if err != nil || math.Abs(v-tk.Value) > 1e-9*math.Max(1, math.Abs(tk.Value)) {
				t.Errorf("%v: label %q for tick %v", r, tk.Label, tk.Value)
			}
			if strings.Contains(tk.Label, ".") && strings.HasSuffix(tk.Label, "0") {
				t.Errorf("%v: label %q has a padding zero", r, tk.Label)
			}
		}
		if len(labels) < 2 {
			t.Errorf("%v: labels %q", r, labels)
		}
		t.Logf("%v: %q", r, labels)
	}
}

// The legend starts right beside the data area: a short one used to sit
// against the margin's far edge, some 80 pt from its curves.
func TestLegendBesideTheData(t *testing.T) {
	p := New("title", "x", "y")
	line := Line(plotter.XYs{{X: 0, Y: 0}, {X: 10, Y: 10}}, Blue, vg.Points(2))
	p.Add(line)
	p.Legend.Add("curve", line)
	const width = 400
	svg := SVG(vg.Points(width), vg.Points(300), p)
	m := regexp.MustCompile(`<text x="([0-9.]+)"[^>]*>curve</text>`).FindStringSubmatch(svg)
	if m == nil {
		t.Fatalf("no legend text in %s", svg)
	}
	x, _ := strconv.ParseFloat(m[1], 64)
	dataRight := width - LegendWidth.Points()
	if x < dataRight || x > dataRight+30 {
		t.Errorf("legend text starts at %.1f pt; the data area ends at %.1f: want it within 30 pt after", x, dataRight)
	}
}
