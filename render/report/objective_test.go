package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestJobTierPlotsUseTheDeadline: a jobs tier is held to its own deadline,
// not the workload's HTTP SLO (capacity judges it so); its plots must draw
// and name that deadline, and a jobs tier without one draws no objective
// at all, while the web tier of the same stack keeps its SLO.
func TestJobTierPlotsUseTheDeadline(t *testing.T) {
	example := filepath.Join("..", "..", "examples", "web-and-queue-worker", "stack.cue")
	src, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	noDeadline := strings.Replace(string(src), "deadline_ms: 10000", "per_s: 0", 1)
	if noDeadline == string(src) {
		t.Fatal("the example's worker has no deadline_ms: 10000 to remove")
	}
	dir := t.TempDir()
	noDeadlinePath := filepath.Join(dir, "stack.cue")
	if err := os.WriteFile(noDeadlinePath, []byte(noDeadline), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path, tier string
		want, not  []string
	}{
		{example, "web", []string{"SLO 300 ms", "with the SLO of 300 ms"}, []string{"deadline"}},
		{example, "worker", []string{"job deadline 10,000 ms", "with the job deadline of 10,000 ms"}, []string{"SLO 300"}},
		{noDeadlinePath, "worker", []string{"has no p99 objective"}, []string{"SLO 300", "deadline 10,000"}},
	} {
		in := input(t, tc.path, false)
		tier := in.Capacity.Tier(tc.tier)
		if tier == nil {
			t.Fatalf("%s: no tier %q", tc.path, tc.tier)
		}
		plots, _ := tierPlots(in.Stack, in.Capacity, tier, in.RightSizing)
		var latency *Plot
		for i := range plots {
			if plots[i].Kind == "latency" {
				latency = &plots[i]
			}
		}
		if latency == nil {
			t.Fatalf("%s %s: no latency plot", tc.path, tc.tier)
		}
		all := latency.SVG + latency.Desc + latency.Caption
		for _, w := range tc.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s %s: latency plot lacks %q:\n%s", filepath.Base(filepath.Dir(tc.path)), tc.tier, w, latency.Desc)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(all, n) {
				t.Errorf("%s %s: latency plot says %q:\n%s", filepath.Base(filepath.Dir(tc.path)), tc.tier, n, latency.Desc)
			}
		}
	}
}

// TestEventLoopPlotsNameSlots: an event loop has no workers; its latency
// plot's held-resource line is its in-flight slots, and without a
// concurrency limit there is no such line.
func TestEventLoopPlotsNameSlots(t *testing.T) {
	example := filepath.Join("..", "..", "examples", "event-loop-api", "stack.cue")
	src, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	unlimited := strings.Replace(string(src), ", concurrency: 256", "", 1)
	if unlimited == string(src) {
		t.Fatal("the example has no concurrency: 256 to remove")
	}
	path := filepath.Join(t.TempDir(), "stack.cue")
	if err := os.WriteFile(path, []byte(unlimited), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		want bool // an "in-flight slots" line
	}{{example, true}, {path, false}} {
		in := input(t, tc.path, false)
		plots, _ := tierPlots(in.Stack, in.Capacity, in.Capacity.Tier("api"), in.RightSizing)
		for _, p := range plots {
			if p.Kind != "latency" {
				continue
			}
			if got := strings.Contains(p.SVG, ">in-flight slots<"); got != tc.want {
				t.Errorf("%s: in-flight slots line %v, want %v", tc.path, got, tc.want)
			}
			if strings.Contains(p.SVG, ">workers<") {
				t.Errorf("%s: an event loop's plot has a workers line", tc.path)
			}
		}
	}
}
