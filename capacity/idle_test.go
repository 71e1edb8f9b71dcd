package capacity

import "testing"

// idleStack autoscales from 0 and has no average load (a batch API used
// only in office hours, say): at average it needs no instance and is fine
// at none. Issue 14 found "saturated (no instances)" here, and ASG005
// asking for 1 instance "for the average load (0 rps)".
const idleStack = `name: "idle"
region: "us-east-1"
workload: {avg_rps: 0, peak_rps: 50, slo_p99_ms: 300}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	lb: {kind: "lb", listeners: [{protocol: "HTTPS", port: 443, certificate: "c"}], targets: ["app"], health_check: path: "/h"}
	app: {kind: "compute", instance_type: "m5.large", autoscaling: {min: 0, max: 4, policy: cpu_target: 60}, demand: cpu_ms: 10}
}
`

func TestIdleScenarioNeedsNoInstance(t *testing.T) {
	r, err := Analyze(load(t, "idle.cue", idleStack), Options{})
	if err != nil {
		t.Fatal(err)
	}
	app := r.Tier("app")
	avg := app.Scenario(ScenarioAverage)
	if !avg.Idle || avg.Saturated || avg.Verdict != VerdictOK || avg.Needed != 0 || avg.Instances != 0 {
		t.Errorf("average: %+v; want idle, ok, 0 needed at 0 instances", avg)
	}
	// The peak still carries its 50 rps: not idle, and it needs a fleet.
	if peak := app.Scenario(ScenarioPeak); peak.Idle || peak.Needed < 1 || peak.Verdict != VerdictOK {
		t.Errorf("peak: %+v", peak)
	}
}
