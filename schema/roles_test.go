package schema

import (
	"strings"
	"testing"
)

// rolesStack is a web tier enqueueing jobs for a consumer, a bastion that
// serves TCP without a demand and a box that serves nothing; the cases
// below edit it into each error of tier roles.
const rolesStack = `name:   "r"
region: "us-east-1"
workload: {avg_rps: 10, peak_rps: 50, slo_p99_ms: 200}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	alb: {kind: "lb", subnet: "public", listeners: [{protocol: "HTTPS", port: 443, certificate: "c"}], targets: ["web"]}
	web: {kind: "compute", instance_type: "m5.large", count: 2, demand: cpu_ms: 5, calls: [{target: "q", per_request: 0.5}]}
	q: {kind: "queue", consumers: ["worker"]}
	worker: {kind: "compute", serves: "jobs", instance_type: "m5.large", demand: cpu_ms: 50, jobs: {per_s: 2, deadline_ms: 60000}}
	bastion: {kind: "compute", serves: "tcp", subnet: "public", instance_type: "t3.micro", port: 22}
	box: {kind: "compute", serves: "none", instance_type: "t3.micro"}
}
`

func TestRolesLoad(t *testing.T) {
	s, err := loadString(t, rolesStack)
	if err != nil {
		t.Fatal(err)
	}
	w := s.Components["worker"].Compute
	if w.Serves != ServesJobs || w.Jobs == nil || w.Jobs.PerS != 2 || w.Jobs.DeadlineMs != 60000 || w.ServesHTTP() {
		t.Errorf("worker %+v, want serves jobs, per_s 2, deadline 60000", w)
	}
	if b := s.Components["bastion"].Compute; b.Modelled() || b.ServesHTTP() || b.Demand.CPUms != 0 {
		t.Errorf("bastion %+v: want an unmodelled TCP server", b)
	}
	if web := s.Components["web"].Compute; web.Serves != ServesHTTP || !web.ServesHTTP() {
		t.Errorf("web serves %q, want the default http", web.Serves)
	}
	// web 50 → q 25 jobs/s → worker 25 + its declared 2.
	if r := s.Rates(50); r["q"] != 25 || r["worker"] != 27 {
		t.Errorf("rates q %g, worker %g; want 25 and 27", r["q"], r["worker"])
	}
	// Without the call, the declared rate alone reaches the worker.
	s2, err := loadString(t, strings.Replace(rolesStack, `, calls: [{target: "q", per_request: 0.5}]`, "", 1))
	if err != nil {
		t.Fatal(err)
	}
	if r := s2.Reached(); !r["worker"] || r["q"] || r["box"] {
		t.Errorf("reached %v: want the worker (its per_s), not the queue or box", r)
	}
}

// TestRolesErrors: each misuse of a role is one positioned message.
func TestRolesErrors(t *testing.T) {
	cases := []struct{ name, edit, new, want string }{
		{"http tier without demand", `count: 2, demand: cpu_ms: 5,`, `count: 2,`,
			`stack.cue:7:2: missing required field components.web.demand`},
		{"http tier with a demand but no cpu_ms", `count: 2, demand: cpu_ms: 5,`, `count: 2, demand: wait_ms: 5,`,
			`components.web.demand.cpu_ms`},
		{"consumer that serves http", `serves: "jobs", instance_type: "m5.large", demand: cpu_ms: 50, jobs: {per_s: 2, deadline_ms: 60000}`, `instance_type: "m5.large", demand: cpu_ms: 50`,
			`stack.cue:8:33: components.q.consumers[0]: queue "q" hands jobs to "worker", which serves "http"; set serves: "jobs" on it`},
		{"lb to a box that serves nothing", `targets: ["web"]`, `targets: ["web", "box"]`,
			`components.alb.targets[1]: "box" serves nothing (serves: "none") but receives traffic from "alb"; set what it serves`},
		{"call to a jobs tier", `{target: "q", per_request: 0.5}`, `{target: "worker"}`,
			`components.web.calls[0].target: "worker" serves jobs, which come from a queue; call a queue that lists it in consumers`},
		{"call to a bastion without demand", `{target: "q", per_request: 0.5}`, `{target: "q"}, {target: "bastion"}`,
			`components.web.calls[1].target: "bastion" receives traffic from "web" but has no demand.cpu_ms to model it with; give its demand`},
		{"consumer that is no tier", `consumers: ["worker"]`, `consumers: ["alb"]`,
			`components.q.consumers[0]: "alb" is a lb; expected a compute`},
		{"workload entering at a jobs tier", `avg_rps: 10,`, `avg_rps: 10, entry: "worker",`,
			`stack.cue:3:25: workload.entry: "worker" serves "jobs" and takes no client requests; enter the workload at a tier or load balancer that serves them`},
		{"jobs on an http tier", `count: 2, demand: cpu_ms: 5,`, `count: 2, demand: cpu_ms: 5, jobs: per_s: 1,`,
			`components.web.jobs: field not allowed`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(rolesStack, c.edit, c.new, 1)
			if src == rolesStack {
				t.Fatalf("edit %q not applied", c.edit)
			}
			wantOneError(t, src, c.want)
		})
	}
}
