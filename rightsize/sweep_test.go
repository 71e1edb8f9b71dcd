package rightsize_test

import (
	"reflect"
	"testing"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/rightsize"
)

// sweepOf analyses one example at target and sweeps tier.
func sweepOf(t *testing.T, path, tier string, target float64) *rightsize.Sweep {
	t.Helper()
	s := loadFile(t, path)
	model, err := capacity.Analyze(s, capacity.Options{TargetUtilization: target})
	if err != nil {
		t.Fatal(err)
	}
	sw, ok := rightsize.SweepTier(s, model, model.Tier(tier), nil)
	if !ok {
		t.Fatalf("%s %s: no sweep", path, tier)
	}
	return sw
}

// Fleets are priced with the cost table's compute line items, root
// volumes and public addresses included. app-db-separated's app tier runs
// one c5.xlarge ($0.17/h, Karpenter 2026-07-20) in a public subnet: 730 h ×
// 0.17 + 20 GB × $0.08 (gp3, AWS ebs feed, REGIONAL.md §3) + 730 h ×
// $0.005 (public IPv4, §5) = $129.35; at its 300 ms SLO the cheapest c5
// fleet is one c5.large ($0.085/h): 730 × 0.085 + 1.60 + 3.65 = $67.30,
// the figures COST002 reports (TestCheaperTypes).
func TestSweepPricesRootVolumes(t *testing.T) {
	sw := sweepOf(t, "../examples/app-db-separated/stack.cue", "app", 0.7)
	if a := sw.AsWritten; a == nil || a.InstanceType != "c5.xlarge" || a.Count != 1 || !near(a.MonthlyUSD, 129.35) {
		t.Errorf("as written %+v", sw.AsWritten)
	}
	var atSLO *rightsize.Fleet
	for i, pt := range sw.Points {
		if pt.P99Ms <= 300 {
			atSLO = &sw.Points[i]
		}
	}
	if atSLO == nil || atSLO.InstanceType != "c5.large" || atSLO.Count != 1 || !near(atSLO.MonthlyUSD, 67.3) {
		t.Errorf("cheapest at the SLO %+v", atSLO)
	}
	if sw.Family != "c5" || sw.Partial || sw.Low >= sw.High || sw.High != 600 {
		t.Errorf("sweep %+v", sw)
	}
}

// A blue/green tier's fleets pay for their deploy windows too:
// blue-green's api tier at its peak fleet, 6 m5.large ($0.096/h,
// Karpenter 2026-07-20), deploying 20 times a month for 45 minutes
// (15 h): 6 × (730 + 15) h × 0.096 + 6 × 20 GB × 0.08 = $438.72.
func TestSweepPricesBlueGreenWindows(t *testing.T) {
	sw := sweepOf(t, "../examples/blue-green/stack.cue", "api", 0.7)
	if a := sw.AsWritten; a == nil || a.Count != 6 || !near(a.MonthlyUSD, 6*745*0.096+6*20*0.08) || !near(a.MonthlyUSD, 438.72) {
		t.Errorf("as written %+v", sw.AsWritten)
	}
}

// The points step down: a looser p99 target never costs more, and each
// point is a change (or the last, at High).
func TestSweepPointsStepDown(t *testing.T) {
	sw := sweepOf(t, "../examples/web-asg-rds/stack.cue", "app", 0.7)
	pts := sw.Points
	if len(pts) < 2 || pts[0].P99Ms != sw.Low || pts[len(pts)-1].P99Ms != sw.High {
		t.Fatalf("points %+v from %v to %v", pts, sw.Low, sw.High)
	}
	for i := 1; i < len(pts); i++ {
		if pts[i].P99Ms <= pts[i-1].P99Ms || pts[i].MonthlyUSD > pts[i-1].MonthlyUSD {
			t.Errorf("point %d %+v after %+v", i, pts[i], pts[i-1])
		}
		if i < len(pts)-1 && pts[i].MonthlyUSD == pts[i-1].MonthlyUSD && pts[i].InstanceType == pts[i-1].InstanceType {
			t.Errorf("point %d %+v repeats %+v", i, pts[i], pts[i-1])
		}
	}
}

// Plan computes what it is asked for, and its answers are those of the
// functions it calls.
func TestPlan(t *testing.T) {
	s := loadFile(t, "../examples/app-db-separated/stack.cue")
	model, err := capacity.Analyze(s, capacity.Options{TargetUtilization: 0.7})
	if err != nil {
		t.Fatal(err)
	}
	bare := rightsize.Plan(s, model, nil, rightsize.Options{})
	if bare.Alternatives != nil || bare.Sweeps != nil || !reflect.DeepEqual(bare.Instances, rightsize.Instances(s, model, nil)) {
		t.Errorf("plan with no options: %+v", bare)
	}
	full := rightsize.Plan(s, model, nil, rightsize.Options{Alternatives: true, Sweeps: true})
	finder := rightsize.NewTypeFinder(s, model, nil)
	if got, want := full.Alternatives["app"], finder.Cheapest("app"); len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("alternatives %+v, want %+v", got, want)
	}
	if _, ok := full.Alternatives["db"]; ok {
		t.Error("a database has alternatives")
	}
	want, _ := rightsize.SweepTier(s, model, model.Tier("app"), nil)
	if got := full.Sweeps["app"]; !reflect.DeepEqual(got, want) {
		t.Errorf("sweep %+v, want %+v", got, want)
	}
	if none := rightsize.Plan(s, nil, nil, rightsize.Options{Alternatives: true, Sweeps: true}); len(none.Instances) != 0 || none.Alternatives != nil || none.Sweeps != nil {
		t.Errorf("plan without a model: %+v", none)
	}
}
