package plotkit

import (
	"math"
	"strconv"
	"strings"
	"testing"
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
