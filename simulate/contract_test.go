package simulate

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/infralint/infralint/internal/testload"
)

// The simulator is a second opinion only if it shares no code with the
// analytical model.
func TestDoesNotImportCapacity(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if p == "github.com/infralint/infralint/capacity" {
			t.Fatal("simulate imports capacity")
		}
	}
}

const chain = `name: "c"
region: "us-east-1"
workload: {avg_rps: 200, peak_rps: 400, slo_p99_ms: 1000}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	app: {
		kind: "compute", subnet: "private", instance_type: "c5.xlarge", count: 2
		workers: {processes: 2, threads: 8}
		demand: {cpu_ms: 4, wait_ms: 6, cv: 0.7}
		contention: {sigma: 0.02, kappa: 0.001}
		calls: [{target: "db", per_request: 2.5, tls: true}]
	}
	db: {kind: "database", engine: "postgres", instance_class: "db.r5.large", multi_az: true,
		encrypted_at_rest: true, require_tls: true, ingress: ["app"], query_ms: 2}
}
`

func TestDeterministicAndBounded(t *testing.T) {
	s := testload.Source(t, "c.cue", chain)
	sc := []Scenario{{Kind: "peak", RPS: 400, Instances: map[string]int{"app": 2}}}
	a, err := Run(s, sc, Options{Requests: 50_000, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Run(s, sc, Options{Requests: 50_000, Seed: 7})
	fa, fb := *a.Tier("app").Scenario("peak"), *b.Tier("app").Scenario("peak")
	if fa != fb {
		t.Errorf("same seed, different figures: %+v vs %+v", fa, fb)
	}
	if fa.Requests < 40_000 || fa.Saturated || fa.Mean.Value < 4+6+5 {
		t.Errorf("implausible: %+v", fa)
	}
	if _, err := Run(s, sc, Options{Requests: 50_000, Seed: 7, MaxEvents: 1000}); err == nil || !strings.Contains(err.Error(), "simulation stopped after 1000 events") {
		t.Errorf("over the event budget: err = %v", err)
	}
	if _, err := Run(s, sc, Options{Requests: 5}); err == nil {
		t.Error("5 requests accepted")
	}
}

// What the engine does not yet simulate is refused, never a wrong figure.
func TestNotSimulatedYet(t *testing.T) {
	s := testload.Source(t, "e.cue", strings.Replace(chain, "workers: {processes: 2, threads: 8}",
		"workers: {model: \"event_loop\", processes: 2, concurrency: 100}", 1))
	_, err := Run(s, []Scenario{{Kind: "peak", RPS: 400, Instances: map[string]int{"app": 2}}}, Options{Requests: 50_000})
	if err == nil || !strings.Contains(err.Error(), `simulate: tier "app": event loops are not simulated yet`) {
		t.Errorf("event loop: err = %v", err)
	}
}
