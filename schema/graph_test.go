package schema

import (
	"math"
	"strings"
	"testing"
)

// graphStack has two public LBs, an internal one and three services; the
// cases below edit it into each error of the traffic graph.
const graphStack = `name:   "g"
region: "us-east-1"
workload: {
	avg_rps: 10, peak_rps: 50, slo_p99_ms: 200
	entries: {web_alb: share: 0.7, api_alb: {}}
}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	web_alb: {kind: "lb", subnet: "public", listeners: [{protocol: "HTTPS", port: 443, certificate: "c"}], targets: ["web"]}
	api_alb: {kind: "lb", subnet: "public", listeners: [{protocol: "HTTPS", port: 443, certificate: "c"}], targets: ["api"]}
	inner: {kind: "lb", internet_facing: false, listeners: [{protocol: "HTTP", port: 80}], targets: ["orders"]}
	web: {kind: "compute", instance_type: "m5.large", count: 2, demand: cpu_ms: 5, calls: [{target: "inner"}]}
	api: {kind: "compute", instance_type: "m5.large", count: 2, demand: cpu_ms: 5, calls: [{target: "orders", per_request: 2}]}
	orders: {kind: "compute", instance_type: "m5.large", count: 2, demand: cpu_ms: 5, calls: [{target: "db"}]}
	db: {kind: "database", engine: "postgres", instance_class: "db.r5.large", ingress: ["orders"]}
}
`

func TestGraphLoads(t *testing.T) {
	s, err := loadString(t, graphStack)
	if err != nil {
		t.Fatal(err)
	}
	got := s.Entries()
	if len(got) != 2 || got[0].Name != "api_alb" || math.Abs(got[0].Share-0.3) > 1e-12 || got[1] != (Entry{"web_alb", 0.7}) {
		t.Errorf("entries %v, want api_alb 0.3 and web_alb 0.7", got)
	}
	// web 35 → inner → orders 35; api 15 → orders 30: orders 65.
	r := s.Rates(50)
	for name, want := range map[string]float64{"web": 35, "api": 15, "inner": 35, "orders": 65, "db": 65} {
		if math.Abs(r[name]-want) > 1e-9 {
			t.Errorf("rate of %s = %g, want %g", name, r[name], want)
		}
	}
	if reached := s.Reached(); len(reached) != 7 {
		t.Errorf("reached %v, want all 7 components", reached)
	}
}

// TestGraphErrors: each error of the graph is one positioned message.
func TestGraphErrors(t *testing.T) {
	cases := []struct{ name, edit, old, want string }{
		{"cycle through an LB", `calls: [{target: "db"}]`, `calls: [{target: "db"}, {target: "web_alb"}]`,
			`stack.cue:14:109: components.orders.calls[1].target: traffic goes round in a cycle: orders → web_alb → web → inner → orders; a request must not come back to a component it passed`},
		{"self call", `calls: [{target: "orders", per_request: 2}]`, `calls: [{target: "api"}]`,
			`stack.cue:13:90: components.api.calls[0].target: traffic goes round in a cycle: api → api`},
		{"shares above 1", `web_alb: share: 0.7, api_alb: {}`, `web_alb: share: 0.7, api_alb: share: 0.5`,
			`stack.cue:5:2: workload.entries: the shares sum to 1.2, more than 1`},
		{"shares below 1", `web_alb: share: 0.7, api_alb: {}`, `web_alb: share: 0.7, api_alb: share: 0.2`,
			`stack.cue:5:2: workload.entries: the shares sum to 0.9, not 1; raise them, or leave one entry without a share to take the rest`},
		{"entry and entries", `avg_rps: 10,`, `entry: "web_alb", avg_rps: 10,`,
			`stack.cue:4:2: workload.entry: set entry or entries, not both`},
		{"unknown entry", `api_alb: {}`, `api_lb: {}`,
			`workload.entries.api_lb: unknown component "api_lb"; did you mean "api_alb"?`},
		{"data on a service call", `calls: [{target: "inner"}]`, `calls: [{target: "inner", data: "catalog"}]`,
			`components.web.calls[0].data: data names a cached data set; "inner" is a lb, not a cache`},
		{"call to a CDN", `calls: [{target: "inner"}]`, `calls: [{target: "edge"}]}
	edge: {kind: "cdn", origin: "web_alb"`,
			`components.web.calls[0].target: "edge" is a cdn; expected a lb, compute, database, cache or queue`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(graphStack, c.edit, c.old, 1)
			if src == graphStack {
				t.Fatalf("edit %q not applied", c.edit)
			}
			wantOneError(t, src, c.want)
		})
	}
}

// wantOneError: src fails to load with exactly one message, which contains
// want.
func wantOneError(t *testing.T, src, want string) {
	t.Helper()
	_, err := loadString(t, src)
	if err == nil {
		t.Fatal("loaded without error")
	}
	if msg := err.Error(); !strings.Contains(msg, want) || strings.Count(msg, "\n") > 0 {
		t.Errorf("error:\n%s\nwant one message containing:\n%s", msg, want)
	}
}
