package rules

import (
	"strings"
	"testing"
)

func findingOf(t *testing.T, res Result, id string) Finding {
	t.Helper()
	for _, f := range res.Findings {
		if f.RuleID == id {
			return f
		}
	}
	t.Fatalf("no %s finding:%s", id, listFindings(res.Findings))
	return Finding{}
}

// TestCacheReadsOffMessage: two tiers read "catalog": web, behind the
// ALB, at 400 rps peak × 1.5 calls, and api, which web calls 0.5 times
// per request (200 rps) × 2 calls: 600 + 400 = 1,000 reads/s at peak
// against the 300 declared (3.3 times), reported at reads_per_s (line
// 12) with each reader's share; the fix is a number CUE reads.
func TestCacheReadsOffMessage(t *testing.T) {
	src := stackOf(`{avg_rps: 200, peak_rps: 400, slo_p99_ms: 500}`, `	alb: {kind: "lb", subnet: "public", listeners: [{protocol: "HTTPS", port: 443, certificate: "c"}], targets: ["web"]}
	web: {kind: "compute", instance_type: "m5.large", count: 4, demand: cpu_ms: 2,
		calls: [{target: "kv", data: "catalog", per_request: 1.5}, {target: "api", per_request: 0.5}]}
	api: {kind: "compute", instance_type: "m5.large", count: 2, demand: cpu_ms: 2,
		calls: [{target: "kv", data: "catalog"}, {target: "kv", data: "catalog"}]}
	kv: {kind: "cache", node_type: "cache.t3.medium", data: {
		catalog: {reads_per_s: 300, ttl_s: 600, keys: 1000, item_kb: 4}}}`)
	f := findingOf(t, runFile(t, "off.cue", src), "CACHE004")
	const msg = `data set "catalog" in "kv" declares 300 reads/s, but the tiers reading it send 1,000 at peak (api: 2 calls × 200 rps, web: 1.5 calls × 400 rps); the model takes theirs`
	const fix = `set reads_per_s: 1000, or correct the calls' per_request`
	if f.Message != msg || f.Fix != fix || f.Pos.Line != 12 {
		t.Errorf("CACHE004 at line %d:\n got %s (fix: %s)\nwant line 12: %s (fix: %s)", f.Pos.Line, f.Message, f.Fix, msg, fix)
	}
}

// TestCacheLostCountsMissQueries: TestCacheLostMessage's stack with each
// miss costing 3 queries. By hand (Python): h = 0.995882; the database
// takes 400 × (1 + 2 × (1 − h) × 3) = 409.88 queries/s (41 % of 2 vCPUs
// at 2 ms); losing the cache turns the 796.7 hits/s into 3 × 796.7 =
// 2,390 more queries/s, 2,800 in all, 280 % busy.
func TestCacheLostCountsMissQueries(t *testing.T) {
	src := stackOf(`{avg_rps: 200, peak_rps: 400, slo_p99_ms: 500}`, `	app: {
		kind: "compute", instance_type: "m7a.medium"
		autoscaling: {min: 2, max: 8, policy: cpu_target: 60}
		workers: threads: 8
		demand: cpu_ms: 5
		calls: [{target: "db", tls: true}, {target: "kv", data: "profiles", per_request: 2}]
	}
	db: {kind: "database", engine: "postgres", instance_class: "db.m5.large", ingress: ["app"], multi_az: true, encrypted_at_rest: true, require_tls: true}
	kv: {
		kind: "cache", node_type: "cache.t3.medium"
		data: profiles: {reads_per_s: 800, writes_per_s: 1, ttl_s: 3600, keys: 10000, item_kb: 4, miss_queries: 3}
	}`)
	f := findingOf(t, runFile(t, "lost3.cue", src), "AVAIL002")
	const want = `database "db" then takes 2,390 more queries/s at peak (2,800 in all), CPU utilisation 280% instead of 41%`
	if !strings.Contains(f.Message, want) {
		t.Errorf("AVAIL002: %s\nwant it to say %s", f.Message, want)
	}
}
