package report

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadPlotSaysNoFleetMeetsSLO: in ticket-sale, checkout's p99 at peak
// is above its 250 ms SLO with every instance count (the capacity model's
// own verdict, not this plot's), so its capacity bars are all 0 and the plot
// must say so in each bar's place; shop meets the SLO and says nothing.
// The y axis reads "750", not gonum's "750.00".
func TestLoadPlotSaysNoFleetMeetsSLO(t *testing.T) {
	in := input(t, filepath.Join("..", "..", "examples", "ticket-sale", "stack.cue"), false)
	for _, tc := range []struct {
		tier  string
		count int
	}{{"checkout", 4}, {"shop", 0}} {
		tier := in.Capacity.Tier(tc.tier)
		if tier == nil {
			t.Fatalf("no tier %q", tc.tier)
		}
		zeros := 0
		for _, sc := range tier.Scenarios {
			if in.RightSizing.Curves[tc.tier].Carried[sc.Instances] == 0 && sc.RPS > 0 {
				zeros++
			}
		}
		if zeros != tc.count {
			t.Fatalf("%s: %d scenarios carry nothing, the test expects %d: the example changed", tc.tier, zeros, tc.count)
		}
		plots, _ := tierPlots(in.Stack, in.Capacity, tier, in.RightSizing)
		for _, p := range plots {
			if p.Kind != "load" {
				continue
			}
			if got := strings.Count(p.SVG, ">"+noFleetText+"<"); got != tc.count {
				t.Errorf("%s: %d %q labels in the load plot, want %d", tc.tier, got, noFleetText, tc.count)
			}
			if strings.Contains(p.SVG, ".00<") {
				t.Errorf("%s: a tick label reads like \"750.00\"", tc.tier)
			}
		}
	}
}
