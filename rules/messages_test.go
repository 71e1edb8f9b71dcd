package rules

import (
	"strings"
	"testing"
)

// stackOf is a two-AZ us-east-1 stack of the given workload and components.
func stackOf(workload, components string) []byte {
	return []byte(`name: "msg"
region: "us-east-1"
workload: ` + workload + `
network: azs: ["us-east-1a", "us-east-1b"]
components: {
` + components + `
}
`)
}

// TestMessagesSayOneThing pins the messages that used to contradict
// themselves or their fix: a verdict used as a predicate ("the tier is SLO
// missed"), "no instance count meets ..." followed by "add instances",
// "smaller batches" for an in-place deploy, which has no batch, and
// CAP002 speaking of the utilisation target. Each case is one finding of
// one rule: its message and fix in full, and words neither may contain.
func TestMessagesSayOneThing(t *testing.T) {
	cases := []struct {
		name, rule string
		src        []byte
		msg, fix   string
		never      []string // in the message or the fix
	}{{
		// 50 rps over 2 m5.large, 64 threads: CPU 50 × 10 ms / 4 vCPUs =
		// 12.5 % busy, yet 110 ms of service (10 ms CPU + 100 ms wait)
		// gives a p99 of about 4.6 × 110 ms whatever the fleet.
		name: "CAP002 at low utilisation, no fleet meets the SLO", rule: "CAP002",
		src:   stackOf(`{avg_rps: 20, peak_rps: 50, slo_p99_ms: 200}`, `	app: {kind: "compute", instance_type: "m5.large", count: 2, workers: threads: 64, demand: {cpu_ms: 10, wait_ms: 100}}`),
		msg:   `tier "app": modelled p99 at peak is 463 ms (mean 110 ms), above the 200 ms SLO; no instance count meets it: the per-request work itself is too long`,
		fix:   "shorten the per-request work: fewer or cached calls, less waiting, less contention",
		never: []string{"utilisation", "add instances"},
	}, {
		name: "CAP002 when a fleet meets the SLO", rule: "CAP002",
		src:   stackOf(`{avg_rps: 100, peak_rps: 400, slo_p99_ms: 130}`, `	web: {kind: "compute", instance_type: "m5.large", autoscaling: {min: 2, max: 6, policy: cpu_target: 60}, demand: cpu_ms: 10}`),
		msg:   `tier "web": modelled p99 at peak is 138 ms (mean 30 ms), above the 130 ms SLO; 7 instances would meet it`,
		fix:   "run 14 instances (7 meet the SLO at peak, 14 also with one AZ lost)",
		never: []string{"utilisation", "target"},
	}, {
		// An event loop has no workers: 100 rps × 101 ms holds 10.1
		// requests in flight (Little's law), past its 2 × (2 processes ×
		// 2) = 8 slots: 10.1 / 8 = 126.3 %. The 100 ms wait is exponential
		// (cv 1): its own p99 is 460 ms, so 9 instances (not the 4 a
		// constant wait would allow) keep the slot wait within the 500 ms SLO.
		name: "CAP001 names an event loop's slots, not workers", rule: "CAP001",
		src:   stackOf(`{avg_rps: 50, peak_rps: 100, slo_p99_ms: 500}`, `	api: {kind: "compute", instance_type: "c5.large", count: 2, workers: {model: "event_loop", processes: 2, concurrency: 2}, demand: {cpu_ms: 1, wait_ms: 100}}`),
		msg:   `at peak (100 rps over 2 instances), tier "api": its in-flight slots saturate (utilisation 126.3%): requests queue without bound; 9 instances would meet them`,
		fix:   "run 18 instances (9 hold the peak, 18 also with one AZ lost), or use a larger instance type",
		never: []string{"worker"},
	}, {
		name: "CAP003 says what the tier does", rule: "CAP003",
		src:   stackOf(`{avg_rps: 100, peak_rps: 240, slo_p99_ms: 500}`, `	app: {kind: "compute", instance_type: "m5.large", count: 4, workers: threads: 32, demand: cpu_ms: 20}`),
		msg:   `tier "app": with one of 2 AZs lost, 2 of 4 instances remain at peak and the tier saturates; a fleet of 8 would hold`,
		fix:   "run 8 instances, or spread over more AZs",
		never: []string{"is saturated", "is SLO missed"},
	}, {
		name: "ASG004 says what the tier does", rule: "ASG004",
		src:   stackOf(`{avg_rps: 100, peak_rps: 400, slo_p99_ms: 130}`, `	web: {kind: "compute", instance_type: "m5.large", autoscaling: {min: 2, max: 6, policy: cpu_target: 60}, demand: cpu_ms: 10}`),
		msg:   `tier "web" needs 7 instances at peak (400 rps) but may scale to only 6 (at 6 it misses the SLO)`,
		fix:   "set autoscaling.max to at least 14, which also holds the peak with one AZ lost",
		never: []string{"is SLO missed"},
	}, {
		name: "DEPLOY004 in place: no batch to shrink", rule: "DEPLOY004",
		src:   stackOf(`{avg_rps: 100, peak_rps: 240, slo_p99_ms: 500}`, `	app: {kind: "compute", instance_type: "m5.large", count: 4, workers: threads: 32, demand: cpu_ms: 20, deploy: strategy: "in-place"}`),
		msg:   `tier "app": the in-place deploy leaves 2 of 4 instances in service and at peak the tier saturates; a fleet of 8 would hold`,
		fix:   `deploy with strategy: "rolling" in small batches, or blue/green, or run 8 instances`,
		never: []string{"smaller batches", "is saturated"},
	}, {
		name: "DEPLOY004 rolling: smaller batches", rule: "DEPLOY004",
		src: stackOf(`{avg_rps: 100, peak_rps: 240, slo_p99_ms: 500}`, `	app: {kind: "compute", instance_type: "m5.large", count: 4, workers: threads: 32, demand: cpu_ms: 20, deploy: {strategy: "rolling", batch: 2}}`),
		// 6 instances less a batch of 2 are the 4 that hold the peak.
		msg: `tier "app": the rolling deploy leaves 2 of 4 instances in service and at peak the tier saturates; a fleet of 6 would hold`,
		fix: "use smaller batches or blue/green, or run 6 instances",
	}, {
		// The server hosting "local" is CPU-bound, and "orders" takes
		// 400 × 3 queries/s × 2 ms on 2 vCPUs (120 %) whatever the fleet:
		// no count of such servers helps.
		name: "CAP001 when no fleet helps: no add instances", rule: "CAP001",
		src: stackOf(`{avg_rps: 100, peak_rps: 400, slo_p99_ms: 200}`, `	app: {kind: "compute", instance_type: "m5.large", count: 2, demand: cpu_ms: 10, hosts: ["local"], calls: [{target: "local"}, {target: "orders", per_request: 3}]}
	local: {kind: "database", engine: "mysql", encrypted_at_rest: true}
	orders: {kind: "database", engine: "postgres", instance_class: "db.r5.large", ingress: ["app"]}`),
		msg:   `at peak (400 rps over 2 instances), tier "app": its CPUs saturate (utilisation 140%): requests queue without bound; no instance count meets the utilisation target and the SLO`,
		fix:   "use a larger instance type, or cut per-request work",
		never: []string{"add instances"},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := runFile(t, "msg.cue", c.src)
			var got []Finding
			for _, f := range res.Findings {
				// CAP001 reports the saturated databases too: keep the tier's.
				if f.RuleID == c.rule && (c.rule != "CAP001" || strings.HasPrefix(f.Message, "at peak (")) {
					got = append(got, f)
				}
			}
			if len(got) != 1 {
				t.Fatalf("want one %s finding, got %d:%s", c.rule, len(got), listFindings(res.Findings))
			}
			f := got[0]
			if f.Message != c.msg {
				t.Errorf("message:\n got %s\nwant %s", f.Message, c.msg)
			}
			if f.Fix != c.fix {
				t.Errorf("fix:\n got %s\nwant %s", f.Fix, c.fix)
			}
			for _, w := range c.never {
				if strings.Contains(f.Message, w) || strings.Contains(f.Fix, w) {
					t.Errorf("%q in %q / %q", w, f.Message, f.Fix)
				}
			}
		})
	}
}

// TestCacheLostMessage checks AVAIL002's cache-lost figures, worked by hand.
// Per key of "profiles", reads arrive at r = 800/10,000 = 0.08/s and
// writes at w = 1/10,000 per second; over the TTL T = 3,600 s the hits per
// fill are H = r(1 − e^(−wT))/w = 0.08 × (1 − e^(−0.36))/10^-4 = 241.9,
// so h = H/(1 + H) = 0.9959. At 400 rps × 2 reads per request the cache
// answers 800 × 0.9959 = 796.7 reads/s. The database takes 400 × (1 +
// 2 × 0.0041) = 403.3 queries/s of 2 ms on 2 vCPUs: 40.3 % busy; with the
// hits as queries, 1,200 queries/s: 40.3 % + 796.7 × 0.002 / 2 = 120 %.
func TestCacheLostMessage(t *testing.T) {
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
		data: profiles: {reads_per_s: 800, writes_per_s: 1, ttl_s: 3600, keys: 10000, item_kb: 4}
	}`)
	res := runFile(t, "lost.cue", src)
	const msg = `cache "kv" runs on one node with no replica: when it fails, every read it answers goes to its sources; database "db" then takes 797 more queries/s at peak (1,200 in all), CPU utilisation 120% instead of 40.3%: saturated: queries queue without bound`
	const fix = `set nodes: 2 (a replica in another AZ), and give database "db" a class that holds the misses`
	for _, f := range res.Findings {
		if f.RuleID == "AVAIL002" {
			if f.Message != msg || f.Fix != fix {
				t.Errorf("AVAIL002:\n got %s (fix: %s)\nwant %s (fix: %s)", f.Message, f.Fix, msg, fix)
			}
			return
		}
	}
	t.Fatalf("no AVAIL002 finding:%s", listFindings(res.Findings))
}
