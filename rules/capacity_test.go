package rules

import (
	"testing"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/schema"
)

// inputWithCapacity is the input the check command builds: the stack and
// its capacity model. A stack the model cannot read (an unknown instance
// type in another rule's case) keeps a nil Capacity, and the engine skips
// the rules that require it.
func inputWithCapacity(t *testing.T, s *schema.Stack) *Input {
	t.Helper()
	res, err := capacity.Analyze(s, capacity.Options{})
	if err != nil {
		t.Logf("capacity model skipped: %v", err)
		return &Input{Stack: s}
	}
	return &Input{Stack: s, Capacity: res}
}

// TestRulesWithoutModelOrEstimate runs the registry over a stack with
// neither a capacity model nor an estimate: every rule that requires one is
// skipped with its reason, and the others run on the nil fields without a
// panic (so a rule that reads one and does not declare it fails here).
func TestRulesWithoutModelOrEstimate(t *testing.T) {
	src := []byte(`name: "nil"
region: "us-east-1"
workload: {avg_rps: 100, peak_rps: 10000, slo_p99_ms: 1}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	app: {kind: "compute", instance_type: "t3.micro", count: 2, workers: threads: 200, contention: {sigma: 0.5, kappa: 0.1}, demand: cpu_ms: 50, deploy: strategy: "in-place", calls: [{target: "db"}]}
	db: {kind: "database", engine: "postgres", instance_class: "db.t3.micro", ingress: ["app"]}
}
`)
	s := loadFile(t, "nil.cue", src)
	res := Run(&Input{Stack: s}, Options{})
	skipped := map[string]string{}
	for _, sk := range res.Skipped {
		skipped[sk.RuleID] = sk.Reason
	}
	for _, r := range Registry() {
		if _, ok := skipped[r.ID]; ok != (len(r.Requires) > 0) {
			t.Errorf("%s (requires %v): skipped = %v", r.ID, r.Requires, ok)
		}
	}
	if got, want := skipped["CAP001"], "needs the capacity model, which was not computed"; got != want {
		t.Errorf("CAP001 skipped because %q, want %q", got, want)
	}
	if got, want := skipped["COST001"], "needs the capacity model and the cost estimate, which were not computed"; got != want {
		t.Errorf("COST001 skipped because %q, want %q", got, want)
	}
	if got, want := skipped["COST002"], "needs the capacity model, the cost estimate and the right-sizing search, which were not computed"; got != want {
		t.Errorf("COST002 skipped because %q, want %q", got, want)
	}
	for _, f := range append(res.Findings, res.Suppressed...) {
		if _, ok := skipped[f.RuleID]; ok {
			t.Errorf("%s was skipped but reported: %s", f.RuleID, f.Message)
		}
	}
	// With the model, the same stack is plainly overloaded.
	res = Run(inputWithCapacity(t, s), Options{})
	if !hasRule(res.Findings, "CAP001") || !hasRule(res.Findings, "CAP004") {
		t.Errorf("with the model, want CAP001 and CAP004; got %v", res.Findings)
	}
}

func hasRule(fs []Finding, id string) bool {
	for _, f := range fs {
		if f.RuleID == id {
			return true
		}
	}
	return false
}

// TestCacheHitFloorOption: the configured floor decides which data sets
// CACHE001 reports. The catalog set of web-asg-rds-cache is modelled at a
// 98.2% hit ratio (infralint capacity) and feeds at 22.6%.
func TestCacheHitFloorOption(t *testing.T) {
	l, err := schema.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	s, err := l.LoadPath("../examples/web-asg-rds-cache/stack.cue")
	if err != nil {
		t.Fatal(err)
	}
	in := inputWithCapacity(t, s)
	reported := func(floor float64) []string {
		var paths []string
		for _, f := range Run(in, Options{CacheHitFloor: floor}).Findings {
			if f.RuleID == "CACHE001" {
				paths = append(paths, f.Path)
			}
		}
		return paths
	}
	cases := []struct {
		floor float64
		want  int
	}{{0, 1}, {0.5, 1}, {0.99, 2}, {0.1, 0}}
	for _, c := range cases {
		if got := reported(c.floor); len(got) != c.want {
			t.Errorf("floor %v: CACHE001 on %v, want %d data set(s)", c.floor, got, c.want)
		}
	}
}
