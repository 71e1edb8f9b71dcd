package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEventLoopNLBJSONMatchesSchema: the fields only an event loop without
// a limit behind an NLB prints (event_loop with a null in_flight_limit,
// in_flight, pinned_by_nlb) are in docs/schemas/capacity.json; the
// examples' outputs cover the others.
func TestEventLoopNLBJSONMatchesSchema(t *testing.T) {
	src := `name: "nlb"
region: "us-east-1"
workload: {avg_rps: 150, peak_rps: 448, slo_p99_ms: 100}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	nlb: {kind: "lb", type: "nlb", subnet: "public", listeners: [{protocol: "TLS", port: 443, certificate: "arn:cert"}], health_check: {protocol: "TCP", interval_s: 10}, targets: ["api"]}
	api: {kind: "compute", instance_type: "c5.xlarge", autoscaling: {min: 2, max: 4, policy: cpu_target: 60}, workers: {model: "event_loop", processes: 4}, demand: {cpu_ms: 5, wait_ms: 12}}
}
`
	file := filepath.Join(t.TempDir(), "stack.cue")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, "capacity", "--format", "json", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	validateJSON(t, "capacity", out)
	for _, want := range []string{`"in_flight_limit": null`, `"cpu_servers": 4`, `"in_flight": 3.82`, `"pinned_by_nlb": [`} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in:\n%s", want, out)
		}
	}
}
