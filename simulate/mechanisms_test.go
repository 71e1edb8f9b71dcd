package simulate

import (
	"testing"

	"github.com/infralint/infralint/internal/testload"
)

// Each mechanism beyond the first slice's worker pools, against a closed
// form (closedform_test.go). Every test runs seed 20261202 and the
// requests it names, and checks the exact value against the simulation's
// 95 % batch-means interval widened by 1 % (within, queue_test.go).
// Where a tier must only pass traffic on, it has 256 workers on 16 vCPUs
// and a deterministic 0.01 ms burst: it never queues (its CPU is busy
// 0.1 % of the time), so what leaves it is Poisson (the output of an
// M/G/∞ queue is Poisson: Kleinrock vol. 1 §4.9... and Burke's theorem).

const head = `name: "m"
region: "us-east-1"
workload: {avg_rps: 100, peak_rps: 100, slo_p99_ms: 1000}
network: azs: ["us-east-1a", "us-east-1b"]
`

// pass is a tier that only passes traffic on: its calls go in %s.
const pass = `kind: "compute", subnet: "private", instance_type: "c5.4xlarge", count: 1
		workers: {processes: 1, threads: 256}, demand: {cpu_ms: 0.01, cv: 0}`

func simulateOne(t *testing.T, src string, sc Scenario, requests int) *Result {
	t.Helper()
	s := testload.Source(t, "m.cue", head+src)
	res, err := Run(s, []Scenario{sc}, Options{Requests: requests, Seed: 20261202})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func peak(t *testing.T, res *Result, name string) *Figures {
	t.Helper()
	tier := res.Tier(name)
	if tier == nil {
		t.Fatalf("no tier %q", name)
	}
	f := tier.Scenario("peak")
	if f.Saturated || f.Requests == 0 {
		t.Fatalf("%s: %+v", name, f)
	}
	return f
}

// A call to a compute tier holds the caller's worker for the callee's
// whole response; through a load balancer each call goes to one of its
// targets' instances at random. back: 2 instances behind an internal
// LB, each one worker, exponential 10 ms, 140 calls/s split to 70 each:
// M/M/1 at ρ 0.7, mean 1/(μ−λ) = 33.33 ms, p99 ln(100)/(μ−λ) = 153.5
// ms; front adds its 0.01 ms. 1,000,000 requests.
func TestCalledTierThroughLB(t *testing.T) {
	res := simulateOne(t, `components: {
	front: {`+pass+`, calls: [{target: "ilb"}]}
	ilb: {kind: "lb", internet_facing: false, listeners: [{protocol: "HTTPS", port: 443, certificate: "c"}], targets: ["back"]}
	back: {kind: "compute", subnet: "private", instance_type: "c5.xlarge", count: 2
		workers: {processes: 1, threads: 1}, demand: {cpu_ms: 10, cv: 1}}
}
workload: entries: front: {}
`, Scenario{Kind: "peak", RPS: 140, Instances: map[string]int{"front": 1, "back": 2}}, 1_000_000)
	back := peak(t, res, "back")
	within(t, "called M/M/1 mean ms", back.Mean, 1000*mmcResponse(1, 70, 0.010))
	within(t, "called M/M/1 p99 ms", back.P99, 1000*mmcResponseQuantile(1, 70, 0.010, 0.99))
	within(t, "caller mean ms", peak(t, res, "front").Mean, 0.01+1000*mmcResponse(1, 70, 0.010))
}

// A database hosted on its caller shares the host's vCPUs: app's bursts
// (exponential 5 ms) and its one query per request (query_ms 5) queue at
// the same 4 vCPUs (c5.xlarge), 256 workers so the workers never queue.
// With equal exponential service times for both kinds of job, FCFS, the
// network is of BCMP's product form (Baskett, Chandy, Muntz and Palacios,
// JACM 22(2), 1975: class-independent exponential FCFS), so the CPU is an
// M/M/4 with the sum of both arrival rates, 320 + 320 = 640 jobs/s, ρ 0.8:
// each visit takes R = Wq + S, a query R and a request 2R. 1,000,000
// requests.
func TestHostedDatabaseSharesVCPUs(t *testing.T) {
	res := simulateOne(t, `components: {
	app: {kind: "compute", subnet: "private", instance_type: "c5.xlarge", count: 1
		workers: {processes: 1, threads: 256}, demand: {cpu_ms: 5, cv: 1}
		hosts: ["db"], calls: [{target: "db"}]}
	db: {kind: "database", engine: "postgres", ingress: ["app"], query_ms: 5}
}
`, Scenario{Kind: "peak", RPS: 320, Instances: map[string]int{"app": 1}}, 1_000_000)
	r := 1000 * mmcResponse(4, 640, 0.005)
	within(t, "hosted query mean ms", peak(t, res, "db").Mean, r)
	within(t, "host request mean ms", peak(t, res, "app").Mean, 2*r)
	within(t, "host CPU utilisation", peak(t, res, "app").CPUUtilization, 640*0.005/4)
}

// A cached read costs the 0.5 ms round trip and, on a miss, miss_queries
// (by default one per source: here one) queries to the caller's database. app: 400 rps, one query (query_ms 2) and then a
// cached read with hit ratio 0.75 given by the scenario, so the database
// (db.r5.large, 2 vCPUs) takes 400 + 100 = 500 queries/s, ρ 0.5. BCMP
// again (the round trip is an infinite-server station, allowed any
// distribution): the database is an M/M/2 with R = (4/3)·2 ms (C = 1/3),
// and a request takes 0.01 + R + 0.5 + 0.25·R ms. 1,000,000 requests.
func TestCacheMissQueriesTheDatabase(t *testing.T) {
	res := simulateOne(t, `components: {
	app: {`+pass+`, calls: [{target: "db"}, {target: "redis", data: "d"}]}
	redis: {kind: "cache", node_type: "cache.r6g.large", data: d: {reads_per_s: 400, ttl_s: 60, keys: 1000, item_kb: 1}}
	db: {kind: "database", engine: "postgres", instance_class: "db.r5.large", ingress: ["app"], query_ms: 2}
}
`, Scenario{Kind: "peak", RPS: 400, Instances: map[string]int{"app": 1}, HitRatio: map[string]float64{HitRatioKey("redis", "d"): 0.75}}, 1_000_000)
	r := 1000 * mmcResponse(2, 500, 0.002)
	within(t, "database mean ms", peak(t, res, "db").Mean, r)
	within(t, "request mean ms", peak(t, res, "app").Mean, 0.01+r+0.5+0.25*r)
}

// A miss costs the data set's miss_queries queries, one after another:
// the same stack with miss_queries 3 sends 400 + 400·0.25·3 = 700
// queries/s to the database, ρ 0.7 (M/M/2 with R = mmcResponse(2, 700,
// 2 ms)), and a request takes 0.01 + R + 0.5 + 0.25·3·R ms. 1,000,000
// requests.
func TestCacheMissCostsMissQueries(t *testing.T) {
	res := simulateOne(t, `components: {
	app: {`+pass+`, calls: [{target: "db"}, {target: "redis", data: "d"}]}
	redis: {kind: "cache", node_type: "cache.r6g.large", data: d: {reads_per_s: 400, ttl_s: 60, keys: 1000, item_kb: 1, miss_queries: 3}}
	db: {kind: "database", engine: "postgres", instance_class: "db.r5.large", ingress: ["app"], query_ms: 2}
}
`, Scenario{Kind: "peak", RPS: 400, Instances: map[string]int{"app": 1}, HitRatio: map[string]float64{HitRatioKey("redis", "d"): 0.75}}, 1_000_000)
	r := 1000 * mmcResponse(2, 700, 0.002)
	db := peak(t, res, "db")
	within(t, "database utilisation", db.CPUUtilization, 700*0.002/2)
	within(t, "database mean ms", db.Mean, r)
	within(t, "request mean ms", peak(t, res, "app").Mean, 0.01+r+0.5+0.25*3*r)
}

// Without a hit ratio in the scenario, the declared rates give it by the
// renewal formula: 400 reads/s over 1,000 keys, ttl 60 s, no writes:
// H = 0.4·60 = 24 hits per fill, h = 24/25 = 0.96 (docs/caching.md).
func TestCacheHitRatioFromDeclaredRates(t *testing.T) {
	res := simulateOne(t, `components: {
	app: {`+pass+`, calls: [{target: "db"}, {target: "redis", data: "d"}]}
	redis: {kind: "cache", node_type: "cache.r6g.large", data: d: {reads_per_s: 400, ttl_s: 60, keys: 1000, item_kb: 1}}
	db: {kind: "database", engine: "postgres", instance_class: "db.r5.large", ingress: ["app"], query_ms: 2}
}
`, Scenario{Kind: "peak", RPS: 400, Instances: map[string]int{"app": 1}}, 400_000)
	db := peak(t, res, "db")
	// The database's utilisation is its query rate × 2 ms / 2 vCPUs.
	within(t, "database utilisation", db.CPUUtilization, (400+400*0.04)*0.002/2)
}

// A queue hands each job to one of its consumers at random, and a jobs
// tier is judged from enqueue to done. api enqueues 300 jobs/s; two
// consumers of 4 workers on 16 vCPUs (so the CPU never queues and a job
// holds its worker for exactly its exponential 20 ms burst) take 150
// each: M/M/4 at ρ 0.75, mean and p99 of the M/M/c response. 1,000,000
// requests.
func TestQueueFeedsJobTiers(t *testing.T) {
	res := simulateOne(t, `components: {
	api: {`+pass+`, calls: [{target: "q"}]}
	q: {kind: "queue", consumers: ["w1", "w2"]}
	w1: {kind: "compute", serves: "jobs", subnet: "private", instance_type: "c5.4xlarge", count: 1
		workers: {processes: 1, threads: 4}, demand: {cpu_ms: 20, cv: 1}}
	w2: {kind: "compute", serves: "jobs", subnet: "private", instance_type: "c5.4xlarge", count: 1
		workers: {processes: 1, threads: 4}, demand: {cpu_ms: 20, cv: 1}}
}
`, Scenario{Kind: "peak", RPS: 300, Instances: map[string]int{"api": 1, "w1": 1, "w2": 1}}, 1_000_000)
	for _, w := range []string{"w1", "w2"} {
		f := peak(t, res, w)
		within(t, w+" M/M/4 mean ms", f.Mean, 1000*mmcResponse(4, 150, 0.020))
		within(t, w+" M/M/4 p99 ms", f.P99, 1000*mmcResponseQuantile(4, 150, 0.020, 0.99))
	}
	// Enqueueing costs the producer nothing.
	within(t, "producer mean ms", peak(t, res, "api").Mean, 0.01)
}

// A jobs tier with a declared rate takes it at every load level, even
// when no request enters: 100 jobs/s on 2 workers of exponential 10 ms,
// M/M/2 at ρ 0.5 (mean (4/3)·10 ms). 400,000 jobs.
func TestDeclaredJobs(t *testing.T) {
	res := simulateOne(t, `components: cron: {kind: "compute", serves: "jobs", subnet: "private", instance_type: "c5.4xlarge", count: 1
	workers: {processes: 1, threads: 2}, demand: {cpu_ms: 10, cv: 1}, jobs: per_s: 100}
`, Scenario{Kind: "peak", RPS: 0, Instances: map[string]int{"cron": 1}}, 400_000)
	within(t, "declared jobs M/M/2 mean ms", peak(t, res, "cron").Mean, 1000*mmcResponse(2, 100, 0.010))
}

// An event loop: each process runs one request's CPU at a time, and its
// waits occupy nothing (capacity/eventloop.go's reading).
func TestEventLoop(t *testing.T) {
	el := func(workers, demand string, rps float64, requests int) *Figures {
		t.Helper()
		res := simulateOne(t, `components: api: {kind: "compute", subnet: "private", instance_type: "c5.xlarge", count: 1
	workers: `+workers+`, demand: `+demand+`}
`, Scenario{Kind: "peak", RPS: rps, Instances: map[string]int{"api": 1}}, requests)
		return peak(t, res, "api")
	}
	// CPU only, one process: M/M/1 at ρ 0.7 (mean 33.33 ms, p99 153.5 ms).
	f := el(`{model: "event_loop", processes: 1}`, `{cpu_ms: 10, cv: 1}`, 70, 1_000_000)
	within(t, "event loop M/M/1 mean ms", f.Mean, 1000*mmcResponse(1, 70, 0.010))
	within(t, "event loop M/M/1 p99 ms", f.P99, 1000*mmcResponseQuantile(1, 70, 0.010, 0.99))
	// Eight processes on 4 vCPUs run at most 4 bursts: M/M/4 at 640 rps
	// of 5 ms (ρ 0.8).
	f = el(`{model: "event_loop", processes: 8}`, `{cpu_ms: 5, cv: 1}`, 640, 1_000_000)
	within(t, "event loop M/M/4 mean ms", f.Mean, 1000*mmcResponse(4, 640, 0.005))
	// A deterministic 10 ms burst and 20 ms wait at 70 rps: the process
	// is an M/D/1 at ρ 0.7 (P-K: wait ρS/(2(1−ρ)) = 11.67 ms) and the
	// wait a constant delay after it, 41.67 ms in all. Were the process
	// held through the wait, it would be at 210 % and saturate.
	f = el(`{model: "event_loop", processes: 1}`, `{cpu_ms: 10, wait_ms: 20, cv: 0}`, 70, 400_000)
	within(t, "event loop M/D/1 + delay mean ms", f.Mean, 10+1000*0.7*0.010/(2*0.3)+20)
	// concurrency 1 on one process: one request in flight, held for its
	// burst and wait, Exp(10 ms) + Exp(5 ms): an M/G/1 with E[S] = 15 ms,
	// E[S²] = 10² + 5² + 15² = 350 ms², at 40 rps (ρ 0.6): P-K wait
	// λE[S²]/(2(1−ρ)) = 17.5 ms, mean 32.5 ms.
	f = el(`{model: "event_loop", processes: 1, concurrency: 1}`, `{cpu_ms: 10, wait_ms: 5, cv: 1}`, 40, 1_000_000)
	within(t, "event loop limit M/G/1 mean ms", f.Mean, 15+40*350e-3/(2*0.4))
	within(t, "event loop slot utilisation", f.WorkerUtilization, 0.6)
}

// USL contention: 8 workers on 16 vCPUs (the CPU never queues), an
// exponential 10 ms burst dilated by the requests in service (σ 0.05,
// κ 0.002) at 300 rps. The number present is a birth–death chain
// (birthDeathMean) and the mean response L/λ. 1,000,000 requests.
func TestContentionBirthDeath(t *testing.T) {
	res := simulateOne(t, `components: app: {kind: "compute", subnet: "private", instance_type: "c5.4xlarge", count: 1
	workers: {processes: 1, threads: 8}, demand: {cpu_ms: 10, cv: 1}
	contention: {sigma: 0.05, kappa: 0.002}}
`, Scenario{Kind: "peak", RPS: 300, Instances: map[string]int{"app": 1}}, 1_000_000)
	within(t, "USL birth–death mean ms", peak(t, res, "app").Mean, 1000*birthDeathMean(8, 300, 0.010, 0.05, 0.002))
}

// An event loop's contention is among its processes computing: 8
// processes on 16 vCPUs with the same burst, σ and κ as above run the
// same birth–death chain, k being the bursts in service (at most 8).
// 1,000,000 requests.
func TestEventLoopContentionBirthDeath(t *testing.T) {
	res := simulateOne(t, `components: app: {kind: "compute", subnet: "private", instance_type: "c5.4xlarge", count: 1
	workers: {model: "event_loop", processes: 8}, demand: {cpu_ms: 10, cv: 1}
	contention: {sigma: 0.05, kappa: 0.002}}
`, Scenario{Kind: "peak", RPS: 300, Instances: map[string]int{"app": 1}}, 1_000_000)
	within(t, "event loop USL birth–death mean ms", peak(t, res, "app").Mean, 1000*birthDeathMean(8, 300, 0.010, 0.05, 0.002))
}
