package pricing_test

import (
	"math"
	"testing"

	"github.com/infralint/infralint/pricing"
)

// TestCostFollowsTheGraph: a load balancer bills the traffic the graph
// brings it, not the stack's (an entry its share, an internal LB its
// callers' calls), and an autoscaling tier sized without the capacity
// model is sized for its own rate. avg_rps 100, response 16 KB.
func TestCostFollowsTheGraph(t *testing.T) {
	s := load(t, `
name: "t"
region: "us-east-1"
workload: {avg_rps: 100, peak_rps: 300, slo_p99_ms: 200, entries: {web_alb: share: 0.75, api_alb: {}}}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	web_alb: {kind: "lb", subnet: "public", listeners: [{protocol: "HTTPS", port: 443, certificate: "c"}], targets: ["web"]}
	api_alb: {kind: "lb", subnet: "public", listeners: [{protocol: "HTTPS", port: 443, certificate: "c"}], targets: ["web"]}
	inner: {kind: "lb", internet_facing: false, listeners: [{protocol: "HTTP", port: 80}], targets: ["orders", "stock"]}
	web: {kind: "compute", instance_type: "m5.large", count: 2, demand: cpu_ms: 5, calls: [{target: "inner", per_request: 4}]}
	orders: {kind: "compute", instance_type: "m5.large", autoscaling: {min: 1, max: 20}, demand: cpu_ms: 60}
	stock: {kind: "compute", instance_type: "m5.large", count: 2, demand: cpu_ms: 5}
}`)
	e := pricing.Price(s, nil, pricing.Options{})
	// GB/h = rps × 16 KB × 3,600 s ÷ 10^6 KB/GB; 1 LCU per processed GB/h.
	gbh := func(rps float64) float64 { return rps * 16 * 3600 / 1e6 }
	for name, rps := range map[string]float64{"web_alb": 75, "api_alb": 25, "inner": 400} {
		li := item(t, e, name, "ALB capacity units")
		if want := gbh(rps) * 730; math.Abs(li.Quantity-want) > 1e-6*want {
			t.Errorf("%s: %g LCU-hours, want %g (%g rps)", name, li.Quantity, want, rps)
		}
	}
	// orders: 400 / 2 = 200 rps × 60 ms = 12 cores ÷ (2 vCPU × 0.6) = 10.
	if n := pricing.SimpleInstances(s, s.Components["orders"], nil); n.Average != 10 {
		t.Errorf("orders: %v, want 10 instances for its 200 rps", n)
	}
}
