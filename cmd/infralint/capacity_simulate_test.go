package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/infralint/infralint/analysis"
	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/internal/simcompare"
)

// capacity --simulate: goldens of the text and the JSON (a queue with a
// jobs tier and a database; an event loop), the JSON schema, determinism
// in the seed whatever the cores, 80 columns, and its usage errors. The
// simulation's own figures are checked against closed forms in
// simulate/; here only the command's assembly of them is.

// simArgs keep the goldens quick: 20,000 requests a scenario.
func simArgs(extra ...string) []string {
	return append([]string{"capacity", "--simulate", "--seed", "7", "--requests", "20000"}, extra...)
}

func TestCapacitySimulateGolden(t *testing.T) {
	for _, ex := range []string{"web-and-queue-worker", "event-loop-api"} {
		out, errOut, code := runCLI(t, simArgs("examples/"+ex+"/stack.cue")...)
		if code != 0 || errOut != "" {
			t.Fatalf("%s: exit %d, stderr %q", ex, code, errOut)
		}
		checkGolden(t, "capacity-simulate-"+ex+".txt", out)
	}
	out, errOut, code := runCLI(t, simArgs("--format", "json", "examples/web-and-queue-worker/stack.cue")...)
	if code != 0 || errOut != "" {
		t.Fatalf("json: exit %d, stderr %q", code, errOut)
	}
	validateJSON(t, "capacity-simulate", out)
	checkGolden(t, "capacity-simulate-web-and-queue-worker.json", out)
}

// Every example, as JSON against the schema and as text within 80
// columns (2,000 requests: the layout, not the figures, is under test).
func TestCapacitySimulateEveryExample(t *testing.T) {
	for _, ex := range examples(t) {
		args := []string{"capacity", "--simulate", "--requests", "2000", "examples/" + ex + "/stack.cue"}
		out, errOut, code := runCLI(t, args...)
		if code != 0 || errOut != "" {
			t.Fatalf("%s: exit %d, stderr %q", ex, code, errOut)
		}
		for i, line := range strings.Split(out, "\n") {
			if n := utf8.RuneCountInString(line); n > 80 {
				t.Errorf("%s: line %d has %d columns: %q", ex, i+1, n, line)
			}
		}
		js, errOut, code := runCLI(t, append(args[:1:1], append([]string{"--format", "json"}, args[1:]...)...)...)
		if code != 0 || errOut != "" {
			t.Fatalf("%s json: exit %d, stderr %q", ex, code, errOut)
		}
		validateJSON(t, "capacity-simulate", js)
	}
}

// The same seed prints the same bytes with one core or all; another
// seed prints other figures.
func TestCapacitySimulateDeterministic(t *testing.T) {
	args := simArgs("examples/web-asg-rds-cache/stack.cue")
	all, _, _ := runCLI(t, args...)
	prev := runtime.GOMAXPROCS(1)
	one, _, _ := runCLI(t, args...)
	runtime.GOMAXPROCS(prev)
	if one != all {
		t.Errorf("GOMAXPROCS 1 and %d differ:\n%s\n---\n%s", prev, one, all)
	}
	again, _, _ := runCLI(t, args...)
	if again != all {
		t.Error("the same seed printed different output")
	}
	other, _, _ := runCLI(t, "capacity", "--simulate", "--seed", "8", "--requests", "20000", "examples/web-asg-rds-cache/stack.cue")
	if other == all {
		t.Error("seeds 7 and 8 printed the same figures")
	}
}

func TestCapacitySimulateUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"capacity", "--seed", "3", "examples/single-server/stack.cue"}, "infralint: --seed: only with --simulate\n"},
		{[]string{"capacity", "--requests", "3000", "examples/single-server/stack.cue"}, "infralint: --requests: only with --simulate\n"},
		{[]string{"capacity", "--simulate", "--requests", "5", "examples/single-server/stack.cue"}, "infralint: --requests: 5 is not in [200, 1000000000]\n"},
	} {
		out, errOut, code := runCLI(t, tc.args...)
		if code != 2 || out != "" || errOut != tc.want {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2, stderr %q", tc.args, code, out, errOut, tc.want)
		}
	}
	// A path naming no stack: exit 2, and JSON still a whole document.
	out, errOut, code := runCLI(t, "capacity", "--simulate", "--format", "json", "no/such/stack.cue")
	if code != 2 || !strings.Contains(errOut, "no/such/stack.cue") {
		t.Errorf("missing stack: exit %d, stderr %q", code, errOut)
	}
	validateJSON(t, "capacity-simulate", out)
}

// A stack with no queue to simulate says so, in a whole document.
func TestCapacitySimulateNothing(t *testing.T) {
	stack := filepath.Join(t.TempDir(), "stack.cue")
	src := "name: \"empty\"\nregion: \"us-east-1\"\nworkload: {avg_rps: 10, peak_rps: 10, slo_p99_ms: 1000}\n" +
		"network: azs: [\"us-east-1a\", \"us-east-1b\"]\ncomponents: bastion: {kind: \"compute\", serves: \"tcp\", subnet: \"public\", instance_type: \"t3.micro\", port: 22}\n"
	if err := os.WriteFile(stack, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, "capacity", "--simulate", stack)
	if code != 0 || errOut != "" || !strings.HasSuffix(out, "\nno compute tier with a demand and no database: nothing to simulate\n") {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
	out, _, _ = runCLI(t, "capacity", "--simulate", "--format", "json", stack)
	validateJSON(t, "capacity-simulate", out)
}

// A lost AZ and a deploy are simulated one tier at a time, the others at
// their peak fleets, as the model evaluates them; a tier whose fleet is
// its peak one there reuses the peak run. web-asg-rds-cache's web runs
// 12 instances at peak, 8 with an AZ lost (⌊12·2/3⌋) and 11 in a rolling
// deploy of batch 1.
func TestSimulationPlan(t *testing.T) {
	run, err := analysis.Analyze(analysis.Request{Paths: []string{"examples/web-asg-rds-cache/stack.cue"}, Want: analysis.Want{Capacity: true}})
	if err != nil || len(run.Good()) != 1 {
		t.Fatalf("%v %v", err, run.Errors())
	}
	r := run.Good()[0]
	runs, pick := simcompare.Plan(r.Stack, r.Capacity, nil)
	if len(runs) != 4 {
		t.Fatalf("%d runs, want 4: %+v", len(runs), runs)
	}
	want := map[capacity.ScenarioKind]int{capacity.ScenarioPeak: 12, capacity.ScenarioAverage: 3, capacity.ScenarioAZLost: 8, capacity.ScenarioDeploy: 11}
	for k, n := range want {
		sc := runs[pick["web"][k]]
		if sc.Instances["web"] != n || sc.Kind != string(k) {
			t.Errorf("%s: run %+v, want web at %d", k, sc, n)
		}
		if k != capacity.ScenarioAverage && sc.RPS != 900 {
			t.Errorf("%s: %g rps, want the peak 900", k, sc.RPS)
		}
	}
	if runs[pick["db"][capacity.ScenarioAverage]].RPS != 300 {
		t.Errorf("db average: %+v", runs[pick["db"][capacity.ScenarioAverage]])
	}
	// Only the peak: one run, serving every tier and database.
	if only, pick := simcompare.Plan(r.Stack, r.Capacity, []capacity.ScenarioKind{capacity.ScenarioPeak}); len(only) != 1 || len(pick["web"]) != 1 || len(pick["db"]) != 1 {
		t.Errorf("peak only: %d runs, picks %v", len(only), pick)
	}
	if got := runs[0].HitRatio["redis/catalog"]; got != r.Capacity.Cache("redis").DataSets[0].HitRatio {
		t.Errorf("catalog hit ratio %g: not the model's", got)
	}
}
