package capacity

import (
	"errors"
	"reflect"
	"testing"
)

// TestSweepMatchesAnalyze: at the tier's own peak fleet the sweep gives
// Analyze's peak scenario (less Needed), and p99 never rises with more
// instances.
func TestSweepMatchesAnalyze(t *testing.T) {
	for _, ex := range []string{"ticket-sale", "web-asg-rds", "legacy-monolith", "single-server", "event-loop-api"} {
		s := loadExample(t, ex)
		res, err := Analyze(s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, tier := range res.Tiers {
			peak := *tier.Scenario(ScenarioPeak)
			counts := []int{0, 1, 2, 3, 5, 8, 13, peak.Instances}
			got, err := Sweep(s, tier.Name, counts, Options{})
			if err != nil {
				t.Fatal(err)
			}
			last := *got[len(got)-1]
			peak.Needed = 0
			if !reflect.DeepEqual(last, peak) {
				t.Errorf("%s/%s: sweep at %d = %+v, Analyze's peak %+v", ex, tier.Name, peak.Instances, last, peak)
			}
			if got[0].Bottleneck != BottleneckNoInstances {
				t.Errorf("%s/%s: 0 instances: bottleneck %q", ex, tier.Name, got[0].Bottleneck)
			}
			prev := -1.0
			for i, sc := range got[1 : len(got)-1] {
				if sc.Saturated {
					continue
				}
				if prev >= 0 && sc.P99Ms > prev*(1+1e-9) {
					t.Errorf("%s/%s: p99 rises from %g to %g at %d instances", ex, tier.Name, prev, sc.P99Ms, counts[i+1])
				}
				prev = sc.P99Ms
			}
		}
	}
	if _, err := Sweep(loadExample(t, "web-asg-rds"), "nope", []int{1}, Options{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("unknown tier: err = %v", err)
	}
}
