package analysis

import (
	"strings"
	"testing"
)

// A derived stack (derived_from: "terraform", as `import terraform`
// prints) without its workload, and one tier without demand.
const derivedNoWorkload = `name: "d"
region: "us-east-1"
derived_from: "terraform"
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	alb: {kind: "lb", subnet: "public", listeners: [{protocol: "HTTP", port: 80}], targets: ["app"]}
	app: {kind: "compute", instance_type: "m5.large", count: 2, calls: [{target: "db"}]}
	db: {kind: "database", engine: "postgres", instance_class: "db.r5.large", ingress: ["0.0.0.0/0"]}
}
`

// A derived stack without its workload is never analysed on zeros: the
// structural rules run, the numeric ones are skipped saying what is
// missing, and a command that shows the model or the estimate gets one
// input error instead of a table of zeros.
func TestDerivedWithoutWorkloadIsNotModelled(t *testing.T) {
	path := write(t, t.TempDir(), "stack.cue", derivedNoWorkload)
	t.Run("check", func(t *testing.T) {
		run, err := Analyze(Request{Paths: []string{path}, Want: Want{Findings: true, Capacity: true, Cost: true, BesideFindings: true}})
		if err != nil {
			t.Fatal(err)
		}
		r := run.Stacks[0]
		if !r.OK() {
			t.Fatalf("errors: %v", r.Errors)
		}
		if r.Capacity != nil || r.Estimate != nil || r.RightSizing != nil {
			t.Fatalf("numeric analyses computed on a stack without workload: %v %v %v", r.Capacity, r.Estimate, r.RightSizing)
		}
		for _, want := range []string{"no workload", "no demand.cpu_ms for app", "--workload FILE"} {
			if !strings.Contains(r.NotComputed, want) {
				t.Errorf("NotComputed = %q, want it to say %q", r.NotComputed, want)
			}
		}
		skipped := map[string]string{}
		for _, s := range r.Findings.Skipped {
			skipped[s.RuleID] = s.Reason
		}
		// CAP001 needs the model; its reason names what is missing.
		if why := skipped["CAP001"]; !strings.Contains(why, "no workload") {
			t.Errorf("CAP001 skipped with %q, want the missing workload", why)
		}
		// NET001 (a database open to 0.0.0.0/0) is structural: it still runs.
		found := false
		for _, f := range r.Findings.Findings {
			found = found || f.RuleID == "NET001"
		}
		if !found {
			t.Errorf("structural NET001 did not run: %v", r.Findings.Findings)
		}
	})
	for _, want := range []Want{{Capacity: true}, {Cost: true}, {Findings: true, Capacity: true, Cost: true, Sweeps: true}} {
		run, err := Analyze(Request{Paths: []string{path}, Want: want})
		if err != nil {
			t.Fatal(err)
		}
		r := run.Stacks[0]
		if len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Msg, "no capacity model or cost estimate") || r.Errors[0].Pos.File != path {
			t.Errorf("want %+v: errors %v, want one about the missing workload at %s", want, r.Errors, path)
		}
	}
}

// Given the workload and every demand, a derived stack is modelled as a
// hand-written one.
func TestDerivedWithWorkloadIsModelled(t *testing.T) {
	src := strings.Replace(derivedNoWorkload, `count: 2,`, `count: 2, demand: cpu_ms: 10,`, 1) +
		"workload: {avg_rps: 10, peak_rps: 20, slo_p99_ms: 300}\n"
	path := write(t, t.TempDir(), "stack.cue", src)
	run, err := Analyze(Request{Paths: []string{path}, Want: Want{Capacity: true, Cost: true}})
	if err != nil {
		t.Fatal(err)
	}
	r := run.Stacks[0]
	if !r.OK() || r.NotComputed != "" || r.Capacity == nil || r.Estimate == nil {
		t.Fatalf("errors %v, not computed %q", r.Errors, r.NotComputed)
	}
}

// A hand-written stack still needs its workload (the schema says so).
func TestHandWrittenStackNeedsWorkload(t *testing.T) {
	src := strings.Replace(derivedNoWorkload, `derived_from: "terraform"`, ``, 1)
	path := write(t, t.TempDir(), "stack.cue", src)
	run, err := Analyze(Request{Paths: []string{path}, Want: Want{Findings: true}})
	if err != nil {
		t.Fatal(err)
	}
	if r := run.Stacks[0]; r.OK() || !strings.Contains(r.Errors.Error(), "workload") {
		t.Fatalf("errors %v, want the missing workload", r.Errors)
	}
}
