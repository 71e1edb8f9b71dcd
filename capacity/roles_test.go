package capacity

import (
	"math"
	"strings"
	"testing"

	"github.com/infralint/infralint/internal/testload"
)

// jobsStack is a web tier enqueueing one job per request for a consumer
// whose job takes about 1 s (20 ms CPU, 1,000 ms waiting): its p99 is far
// above the 300 ms HTTP SLO, which must not judge it.
const jobsStack = `name: "roles"
region: "us-east-1"
workload: {avg_rps: 5, peak_rps: 10, slo_p99_ms: 300}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	alb: {kind: "lb", subnet: "public", listeners: [{protocol: "HTTPS", port: 443, certificate: "c"}], targets: ["web"]}
	web: {kind: "compute", instance_type: "m5.large", count: 2, demand: cpu_ms: 2, calls: [{target: "q"}]}
	q: {kind: "queue", consumers: ["worker"]}
	worker: {kind: "compute", serves: "jobs", instance_type: "m5.large", count: 2, workers: processes: 16,
		demand: {cpu_ms: 20, wait_ms: 1000}JOBS}
	bastion: {kind: "compute", serves: "tcp", subnet: "public", instance_type: "t3.micro", port: 22}
}
`

func analyzeString(t *testing.T, src string) *Result {
	t.Helper()
	res, err := Analyze(testload.Source(t, "stack.cue", src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestJobsTierObjective: a jobs tier is held to its deadline, or to
// utilisation only without one, never to the workload's HTTP SLO.
func TestJobsTierObjective(t *testing.T) {
	for _, c := range []struct {
		name, jobs string
		deadline   float64
		want       Verdict
	}{
		{"no deadline", "", 0, VerdictOK},
		{"deadline met", ", jobs: deadline_ms: 10000", 10000, VerdictOK},
		{"deadline missed", ", jobs: deadline_ms: 2000", 2000, VerdictSLOMissed},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := analyzeString(t, strings.Replace(jobsStack, "JOBS", c.jobs, 1))
			w := res.Tier("worker")
			if w == nil || w.Serves != "jobs" || w.DeadlineMs != c.deadline {
				t.Fatalf("worker tier %+v, want serves jobs with deadline %g", w, c.deadline)
			}
			peak := w.Scenario(ScenarioPeak)
			// 10 jobs/s over 2 instances: 5 each; a job holds a worker ~1.02 s.
			if peak.RPS != 10 || peak.P99Ms < 2000 || peak.P99Ms > 10000 {
				t.Fatalf("worker peak %g jobs/s, p99 %g ms; want 10 jobs/s and a p99 between 2 and 10 s", peak.RPS, peak.P99Ms)
			}
			if peak.Verdict != c.want {
				t.Errorf("verdict %q, want %q", peak.Verdict, c.want)
			}
			if c.deadline == 0 && !math.IsInf(w.ObjectiveMs(res.SLOp99ms), 1) {
				t.Errorf("objective %g, want none (+Inf)", w.ObjectiveMs(res.SLOp99ms))
			}
			if web := res.Tier("web"); web.Serves != "http" || web.ObjectiveMs(res.SLOp99ms) != 300 {
				t.Errorf("web serves %q with objective %g, want http and the 300 ms SLO", web.Serves, web.ObjectiveMs(res.SLOp99ms))
			}
		})
	}
}

// TestUnmodelledTiers: a tier that serves TCP without a demand, or
// nothing, is no queue of the model.
func TestUnmodelledTiers(t *testing.T) {
	res := analyzeString(t, strings.Replace(jobsStack, "JOBS", "", 1))
	if b := res.Tier("bastion"); b != nil {
		t.Errorf("bastion is modelled: %+v", b)
	}
	if len(res.Tiers) != 2 {
		t.Errorf("%d tiers, want web and worker", len(res.Tiers))
	}
}
