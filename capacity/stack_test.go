package capacity

import (
	"math"
	"testing"

	"github.com/infralint/infralint/internal/testload"
	"github.com/infralint/infralint/schema"
)

var load = testload.Source

func loadExample(t testing.TB, name string) *schema.Stack {
	t.Helper()
	return testload.File(t, "../examples/"+name+"/stack.cue")
}

func near(t *testing.T, what string, got, want, rel float64) {
	t.Helper()
	if math.Abs(got-want) > rel*math.Abs(want) {
		t.Errorf("%s = %.12g, want %.12g (rel. tol. %g)", what, got, want, rel)
	}
}

// TestTicketSaleShopByHand checks examples/ticket-sale's shop tier at peak
// against a derivation by hand (numbers from a few lines of Python with
// the closed forms below, not from this package):
//
//	Traffic: peak 1200 rps enters at the ALB, which splits it over its two
//	targets: shop gets 600 rps; autoscaling max 4 at peak → λ = 150 rps per
//	instance.
//	CPUs: m5.large has 2 vCPUs, S = cpu_ms = 10 ms (μ = 100/s), a = 1.5,
//	ρ = 0.75. M/M/2: C = 2ρ²/(1+ρ) = 0.642857142857, Wq = C/(cμ − λ) =
//	0.642857/50 = 12.857142857 ms (cv = 1, so Allen–Cunneen changes nothing).
//	Database: db.r5.4xlarge = r5.4xlarge, 16 vCPUs, query_ms 1. Arrivals:
//	shop 600 × 12 + checkout 600 × 3 = 9000/s, a = 9, ρ = 0.5625. Erlang C
//	(B recursion) C(16, 9) = 0.0249088880651, Wq = C/(16000 − 9000) s, so a
//	query takes R = 1.003558412581 ms.
//	Workers: 2 × 16 = 32, no contention; S = 10 + 12.857143 + 12 × 1.003558
//	= 34.89984380811 ms; a = 150 × S = 5.2350 erlangs, ρ = 0.163593017851.
//	C(32, 5.235) = 2.4e-15, so mean ≈ S and p99 = S·ln 100 = 160.72 ms.
//	Needed at peak: CPU ρ ≤ 0.7 needs λ ≤ 140 per instance, 600/140 = 4.29
//	→ 5. One AZ of two lost: ⌊4/2⌋ = 2 left, λ = 300, CPU ρ = 1.5:
//	saturated; a fleet of 10 leaves 5 (CPU 60 %). In-place deploy: 2 left,
//	the same.
//
// The capacity table (cmd/infralint/testdata/golden/capacity-ticket-sale.text) prints
// shop/peak as 4 instances, workers 16.4 %, CPU 75.0 %, mean 34.9 ms,
// p99 160.7 ms, needed 5, "over target"; az_lost 2, CPU 150.0 %,
// needed 10, "saturated (cpu)".
func TestTicketSaleShopByHand(t *testing.T) {
	res, err := Analyze(loadExample(t, "ticket-sale"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	shop := res.Tier("shop")
	peak := shop.Scenario(ScenarioPeak)
	const (
		wantS   = 0.03489984380811168
		wantDB  = 0.001003558412580735
		wantRho = 0.16359301785052352
	)
	if peak.Instances != 4 || peak.RPS != 600 || peak.RPSPerInstance != 150 {
		t.Errorf("traffic: %+v", peak)
	}
	near(t, "CPU utilisation", peak.CPUUtilization, 0.75, 1e-12)
	near(t, "CPU wait (ms)", peak.CPUWaitMs, 12.857142857142859, 1e-9)
	near(t, "DB time (ms)", peak.DBMs, 12*wantDB*1000, 1e-9)
	near(t, "service time (ms)", peak.ServiceMs, wantS*1000, 1e-9)
	near(t, "worker utilisation", peak.WorkerUtilization, wantRho, 1e-9)
	near(t, "mean (ms)", peak.MeanMs, wantS*1000, 1e-9)
	near(t, "p99 (ms)", peak.P99Ms, wantS*1000*math.Log(100), 1e-6)
	if peak.Needed != 5 || peak.Verdict != VerdictOverTarget {
		t.Errorf("peak needed %d verdict %q, want 5 and over target", peak.Needed, peak.Verdict)
	}
	lost := shop.Scenario(ScenarioAZLost)
	if lost.Instances != 2 || !lost.Saturated || lost.Bottleneck != BottleneckCPU || lost.Needed != 10 {
		t.Errorf("az_lost: %+v", lost)
	}
	near(t, "az_lost CPU utilisation", lost.CPUUtilization, 1.5, 1e-12)
	if dep := shop.Scenario(ScenarioDeploy); dep.Instances != 2 || !dep.Saturated {
		t.Errorf("in-place deploy: %+v", dep)
	}
	db := res.Database("db").Scenario(ScenarioPeak)
	near(t, "DB arrivals", db.RPS, 9000, 1e-12)
	near(t, "DB utilisation", db.CPUUtilization, 0.5625, 1e-12)
	near(t, "DB wait probability", db.WaitProbability, 0.024908888065145456, 1e-9)
	near(t, "DB mean (ms)", db.MeanMs, wantDB*1000, 1e-9)
}

// TestHostedDatabaseByHand: legacy-monolith's app hosts its MySQL. At the
// average 40 rps on one m5.large (2 vCPUs) the host's CPUs serve the app's
// 40 × 25 ms = 1.0 CPU-s/s and the queries' 40 × 5 × 2 ms = 0.4 CPU-s/s:
// ρ = 1.4/2 = 0.70, for the tier and the database alike. At peak (150 rps)
// the same sum is (3.75 + 1.5)/2 = 2.625: saturated.
func TestHostedDatabaseByHand(t *testing.T) {
	res, err := Analyze(loadExample(t, "legacy-monolith"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	avg := res.Tier("app").Scenario(ScenarioAverage)
	near(t, "host CPU utilisation", avg.CPUUtilization, 0.70, 1e-12)
	db := res.Database("db")
	if db.HostedBy != "app" || db.VCPU != 2 {
		t.Errorf("hosted db: %+v", db)
	}
	near(t, "db utilisation", db.Scenario(ScenarioAverage).CPUUtilization, 0.70, 1e-12)
	if p := res.Tier("app").Scenario(ScenarioPeak); !p.Saturated || p.Needed != 0 {
		t.Errorf("peak: %+v", p)
	}
	near(t, "peak db utilisation", db.Scenario(ScenarioPeak).CPUUtilization, 2.625, 1e-12)
	// USL: σ = 0.1, κ = 0.002, N = 32: 1/(1 + 3.1 + 0.002·32·31) = 1/6.084.
	near(t, "USL efficiency", res.Tier("app").Efficiency, 1/6.084, 1e-12)
	if res.Tier("app").USLPeakWorkers != 21 { // N* = sqrt(0.9/0.002) = 21.2
		t.Errorf("USL peak %d, want 21", res.Tier("app").USLPeakWorkers)
	}
}

// TestHitRatioByHand: web-asg-rds-cache's catalogue has r = 1800/20000 =
// 0.09 and w = 0.5/20000 = 2.5e-5 per key, T = 600 s: H =
// 0.09·(1 − e^{−0.015})/2.5e-5 = 53.597, h = H/(1 + H) = 0.98168398116
// (Python). With w = 0, H = rT.
func TestHitRatioByHand(t *testing.T) {
	near(t, "catalog", HitRatio(1800, 0.5, 600, 20000), 0.9816839811570127, 1e-12)
	near(t, "write-heavy", HitRatio(100, 1000, 300, 1000), 0.09090909090909091, 1e-9) // H = 0.1·(1 − e^{−300}) ≈ 0.1
	near(t, "no writes", HitRatio(10, 0, 60, 100), 6.0/7.0, 1e-15)                    // H = 0.1·60 = 6
	if h := HitRatio(0, 5, 60, 10); h != 0 {
		t.Errorf("no reads: %g", h)
	}
}

// TestTrafficAndScenarios: a CDN passing half, an LB over two targets, a
// cache cutting DB calls, and the in-service counts of every scenario.
func TestTrafficAndScenarios(t *testing.T) {
	s := load(t, "t.cue", `name: "t"
region: "us-east-1"
workload: {avg_rps: 100, peak_rps: 400, slo_p99_ms: 500}
network: azs: ["us-east-1a", "us-east-1b", "us-east-1c"]
components: {
	cdn: {kind: "cdn", origin: "alb", hit_ratio: 0.5}
	alb: {kind: "lb", subnet: "public", listeners: [{protocol: "HTTPS", port: 443, certificate: "c"}], targets: ["a", "b"]}
	a: {kind: "compute", instance_type: "c5.xlarge", count: 7, demand: cpu_ms: 4, workers: threads: 8,
		deploy: {strategy: "rolling", batch: 2}
		calls: [{target: "redis", data: "d", per_request: 2}, {target: "db"}]}
	b: {kind: "compute", instance_type: "c5.xlarge", autoscaling: {min: 2, max: 6}, demand: cpu_ms: 4, workers: threads: 8,
		deploy: strategy: "in-place"}
	db: {kind: "database", engine: "postgres", instance_class: "db.r5.large", ingress: ["a"]}
	redis: {kind: "cache", node_type: "cache.t3.medium", data: d: {reads_per_s: 200, ttl_s: 3, keys: 100, item_kb: 1}}
}
`)
	res, err := Analyze(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, b := res.Tier("a"), res.Tier("b")
	// 400 × (1 − 0.5) / 2 targets = 100 rps each at peak, 25 at average.
	if a.Scenario(ScenarioPeak).RPS != 100 || b.Scenario(ScenarioAverage).RPS != 25 {
		t.Errorf("traffic: a peak %g, b average %g", a.Scenario(ScenarioPeak).RPS, b.Scenario(ScenarioAverage).RPS)
	}
	// a reads d twice per request: 2 × 100 rps over 100 keys at peak, H =
	// 2·3 = 6, h = 6/7: DB queries = 1 + 2·(1/7). At average 2 × 25 rps:
	// H = 0.5·3 = 1.5, h = 0.6, queries 1 + 2·0.4.
	near(t, "DB queries per request", a.DBQueries, 1+2.0/7, 1e-12)
	near(t, "DB arrivals", res.Database("db").Scenario(ScenarioPeak).RPS, 100*(1+2.0/7), 1e-12)
	near(t, "DB arrivals at average", res.Database("db").Scenario(ScenarioAverage).RPS, 25*(1+2*0.4), 1e-12)
	for _, c := range []struct {
		tier *Tier
		k    ScenarioKind
		want int
	}{
		{a, ScenarioPeak, 7}, {a, ScenarioAverage, 7}, {a, ScenarioAZLost, 4}, {a, ScenarioDeploy, 5},
		{b, ScenarioPeak, 6}, {b, ScenarioAverage, 2}, {b, ScenarioAZLost, 4}, {b, ScenarioDeploy, 3},
	} {
		if got := c.tier.Scenario(c.k).Instances; got != c.want {
			t.Errorf("%s %s: %d instances, want %d", c.tier.Name, c.k, got, c.want)
		}
	}
	for _, tier := range res.Tiers {
		for _, sc := range tier.Scenarios {
			for _, v := range []float64{sc.WorkerUtilization, sc.CPUUtilization, sc.WaitProbability, sc.MeanMs, sc.P99Ms, sc.ServiceMs} {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Errorf("%s %s: non-finite value in %+v", tier.Name, sc.Kind, sc)
				}
			}
		}
	}
}
