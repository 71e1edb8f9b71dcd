package capacity

import (
	"maps"
	"reflect"
	"testing"

	"github.com/infralint/infralint/schema"
)

// changed returns a copy of s whose tier runs instance type it (and count
// instances, when count > 0).
func changed(s *schema.Stack, tier, it string, count int) *schema.Stack {
	s2 := *s
	s2.Components = maps.Clone(s.Components)
	c := *s.Components[tier]
	cp := *c.Compute
	cp.InstanceType = it
	if count > 0 {
		cp.Count = count
	}
	c.Compute = &cp
	s2.Components[tier] = &c
	return &s2
}

// TierAs reports a tier exactly as Analyze reports it for the stack so
// changed, hosted databases included, at any target, without touching the
// result it was asked of.
func TestTierAsMatchesAnalyze(t *testing.T) {
	for _, ex := range []string{"web-asg-rds", "legacy-monolith", "single-server", "app-db-separated", "blue-green", "web-asg-rds-cache", "event-loop-api"} {
		s := loadExample(t, ex)
		res, err := Analyze(s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range s.OfKind(schema.KindCompute) {
			for _, it := range []string{"c5.large", "m5.2xlarge", "r6i.xlarge", c.Compute.InstanceType} {
				for _, target := range []float64{0, 0.5} {
					count := 0
					if c.Compute.Autoscaling == nil {
						count = 3
					}
					want, err := Analyze(changed(s, c.Name, it, count), Options{TargetUtilization: target})
					if err != nil {
						t.Fatal(err)
					}
					got, err := res.TierAs(c.Name, it, count, target)
					if err != nil {
						t.Fatal(err)
					}
					if w := want.Tier(c.Name); !reflect.DeepEqual(got, w) {
						t.Errorf("%s %s as %s (target %g):\n got %+v\nwant %+v", ex, c.Name, it, target, got, w)
					}
					for _, sc := range want.Tier(c.Name).Scenarios {
						n, err := res.NeededAs(c.Name, it, sc.Kind, target)
						if err != nil || n != sc.Needed {
							t.Errorf("%s %s as %s: NeededAs(%s) = %d, %v; Analyze says %d", ex, c.Name, it, sc.Kind, n, err, sc.Needed)
						}
					}
					peak, err := res.TierAs(c.Name, it, count, target, ScenarioPeak)
					if err != nil {
						t.Fatal(err)
					}
					if len(peak.Scenarios) != 1 || !reflect.DeepEqual(peak.Scenarios[0], want.Tier(c.Name).Scenario(ScenarioPeak)) {
						t.Errorf("%s %s as %s: peak only %+v", ex, c.Name, it, peak.Scenarios)
					}
				}
			}
		}
		again, _ := Analyze(s, Options{})
		if !reflect.DeepEqual(res.Tiers, again.Tiers) || !reflect.DeepEqual(res.Databases, again.Databases) {
			t.Errorf("%s: TierAs changed the result", ex)
		}
	}
}

func TestTierAsErrors(t *testing.T) {
	s := loadExample(t, "web-asg-rds")
	res, err := Analyze(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		tier, it string
		count    int
		target   float64
	}{
		{"nope", "m5.large", 0, 0},
		{"db", "m5.large", 0, 0},
		{"app", "m5.nope", 0, 0},
		{"app", "m5.large", 0, 1.5},
		{"app", "m5.large", 4, 0}, // autoscaling: no count
	} {
		if _, err := res.TierAs(tc.tier, tc.it, tc.count, tc.target); err == nil {
			t.Errorf("TierAs(%q, %q, %d, %g): no error", tc.tier, tc.it, tc.count, tc.target)
		}
	}
	if _, err := (&Result{}).TierAs("app", "m5.large", 0, 0); err == nil {
		t.Error("TierAs on a Result not made by Analyze: no error")
	}
}
