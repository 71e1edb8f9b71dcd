package diagram

import (
	"strings"
	"testing"

	"github.com/infralint/infralint/schema"
)

// TestServiceCallsAndEntries: a call to an internal LB or a compute tier
// is drawn as an edge in the callee's protocol that does not constrain
// the layout, and every internet-facing entry gets the internet's edge;
// an internal LB gets none.
func TestServiceCallsAndEntries(t *testing.T) {
	l, err := schema.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	s, err := l.LoadBytes("stack.cue", []byte(`name: "svc"
region: "us-east-1"
workload: {avg_rps: 10, peak_rps: 100, slo_p99_ms: 200}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	web_alb: {kind: "lb", subnet: "public", listeners: [{protocol: "HTTPS", port: 443, certificate: "c"}], targets: ["web"]}
	api_alb: {kind: "lb", subnet: "public", listeners: [{protocol: "HTTPS", port: 443, certificate: "c"}], targets: ["api"]}
	inner: {kind: "lb", internet_facing: false, listeners: [{protocol: "HTTP", port: 80}], targets: ["orders"]}
	web: {kind: "compute", instance_type: "m5.large", count: 2, demand: cpu_ms: 5, calls: [{target: "inner", per_request: 2}]}
	api: {kind: "compute", instance_type: "m5.large", count: 2, demand: cpu_ms: 5, calls: [{target: "orders", tls: true}]}
	orders: {kind: "compute", instance_type: "m5.large", count: 2, demand: cpu_ms: 5}
}
`))
	if err != nil {
		t.Fatal(err)
	}
	dot := string(Build(s, Options{}))
	for _, want := range []string{
		`"web" -> "inner" [label="HTTP :80", color="#c62828", fontcolor="#c62828", style=dashed, penwidth=1.4, constraint=false, tooltip="web → inner: 2 calls per request"]`,
		`"api" -> "orders" [label="HTTPS :8080", color="#2e7d32", fontcolor="#2e7d32", style=solid, penwidth=2, constraint=false, tooltip="api → orders: 1 calls per request"]`,
		`"@internet" -> "api_alb" [label="HTTPS :443"`,
		`"@internet" -> "web_alb" [label="HTTPS :443"`,
	} {
		if !strings.Contains(dot, want) {
			t.Errorf("DOT lacks %s\n%s", want, dot)
		}
	}
	if strings.Contains(dot, `"@internet" -> "inner" [label`) {
		t.Errorf("the internal LB is drawn as reached from the internet:\n%s", dot)
	}
}
