package rightsize_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/rightsize"
)

// The capacity model's estimate: web-asg-rds's app tier needs 2 instances
// at average load at its 60% target, its minimum, so the total equals the
// hand-checked one of pricing's TestWebASGRDSTotal ($1,123.03028).
func TestInstancesWebASGRDS(t *testing.T) {
	s := loadFile(t, "../examples/web-asg-rds/stack.cue")
	model, err := capacity.Analyze(s, capacity.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fleets := rightsize.Instances(s, model, nil)
	n := fleets["app"]
	if n.Average != 2 || !strings.Contains(n.Basis, "60% CPU target") {
		t.Errorf("app: %+v", n)
	}
	if e := pricing.Price(s, nil, pricing.Options{Instances: fleets}); !near(e.MonthlyUSD, 1123.03028) {
		t.Errorf("total %v", e.MonthlyUSD)
	}
}

// The estimate holds autoscaling tiers only, at the group's own CPU
// target whatever the model's (only the note on what the workers would
// need quotes the model's target), and nothing without a model.
func TestInstancesAutoscalingOnly(t *testing.T) {
	files, _ := filepath.Glob("../examples/*/stack.cue")
	for _, f := range files {
		s := loadFile(t, f)
		at := map[float64]map[string]pricing.Instances{}
		for _, target := range []float64{0.3, 0.9} {
			model, err := capacity.Analyze(s, capacity.Options{TargetUtilization: target})
			if err != nil {
				t.Fatal(err)
			}
			at[target] = rightsize.Instances(s, model, nil)
		}
		for name, n := range at[0.3] {
			c := s.Components[name]
			if c.Compute == nil || c.Compute.Autoscaling == nil {
				t.Errorf("%s %s: not an autoscaling tier, estimated %+v", f, name, n)
			}
			if at[0.9][name].Average != n.Average {
				t.Errorf("%s %s: %+v at a 30%% model target, %+v at 90%%", f, name, n, at[0.9][name])
			}
		}
		if got := rightsize.Instances(s, nil, nil); len(got) != 0 {
			t.Errorf("%s: no model, estimated %v", f, got)
		}
	}
}
