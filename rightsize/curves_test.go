package rightsize_test

import (
	"testing"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/rightsize"
	"github.com/infralint/infralint/schema"
)

// The load each scenario's fleet carries is the edge of the model's own
// verdict: the workload scaled to it is within the target and the SLO
// with that many instances, and 0.1 % more is not.
func TestCurvesCarriedIsTheEdgeOfOK(t *testing.T) {
	s := loadFile(t, "../examples/ticket-sale/stack.cue")
	opts := capacity.Options{TargetUtilization: 0.7}
	model, err := capacity.Analyze(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	plan := rightsize.Plan(s, model, nil, rightsize.Options{Sweeps: true})
	verdict := func(tier string, n int, k float64) capacity.Verdict {
		s2 := *s
		s2.Workload.PeakRPS *= k
		s2.Workload.AvgRPS *= k
		scs, err := capacity.Sweep(&s2, tier, []int{n}, opts)
		if err != nil {
			t.Fatal(err)
		}
		return scs[0].Verdict
	}
	checked := 0
	for _, c := range s.OfKind(schema.KindCompute) {
		tier := model.Tier(c.Name)
		peak := tier.Scenario(capacity.ScenarioPeak)
		curves := plan.Curves[c.Name]
		if peak.RPS <= 0 {
			if curves != nil {
				t.Errorf("%s takes no traffic but has curves", c.Name)
			}
			continue
		}
		if curves == nil || len(curves.AtPeak) < 4 {
			t.Fatalf("%s: curves %+v", c.Name, curves)
		}
		for i, sc := range curves.AtPeak {
			if sc.Instances != i+1 {
				t.Errorf("%s: AtPeak[%d] has %d instances in service", c.Name, i, sc.Instances)
			}
		}
		for _, sc := range tier.Scenarios {
			carried, ok := curves.Carried[sc.Instances]
			if !ok {
				t.Errorf("%s: no carried load for %d instances", c.Name, sc.Instances)
				continue
			}
			if carried == 0 {
				continue
			}
			k := carried / peak.RPS
			if v := verdict(c.Name, sc.Instances, k); v != capacity.VerdictOK {
				t.Errorf("%s, %d instances: %.1f req/s is %s, want ok", c.Name, sc.Instances, carried, v)
			}
			if v := verdict(c.Name, sc.Instances, k*1.001); v == capacity.VerdictOK {
				t.Errorf("%s, %d instances: 0.1%% above %.1f req/s is still ok", c.Name, sc.Instances, carried)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no scenario carried any load")
	}
	if bare := rightsize.Plan(s, model, nil, rightsize.Options{}); bare.Curves != nil {
		t.Error("curves computed without Options.Sweeps")
	}
}
