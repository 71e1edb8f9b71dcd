package capacity

import (
	"strings"
	"testing"
)

// TestCacheMissesAtAverageByHand: examples/web-asg-rds-cache at average
// load (300 rps, web reads catalog twice and feeds once per request and
// queries db 3 times). By hand (Python, docs/caching.md's formula):
//
//	catalog: 600 reads/s over 20,000 keys, r = 0.03, w = 2.5e-5, T = 600:
//	  H = 0.03·(1 − e^{−0.015})/2.5e-5 = 17.866, h = 0.946993673231;
//	  at peak (1,800 reads/s) h = 0.981683981157, so the misses at average
//	  are 0.053006/0.018316 = 2.894 times what the peak's h (the model
//	  before: one h from the declared reads) gives.
//	feeds: 300 reads/s over 250,000 keys, r = 0.0012, 12 sources × 250
//	  writes/s = 3,000 (w = 0.012), T = 300: H = 0.0012·(1 − e^{−3.6})/0.012
//	  = 0.097268, h = 0.088645308852; one query per miss (miss_queries: 1).
//	db at average: 900 + 600·(1 − 0.946994) + 300·(1 − 0.088645) =
//	  1,205.2102034 queries/s (1,143.2232 with the peak's hit ratios).
func TestCacheMissesAtAverageByHand(t *testing.T) {
	res, err := Analyze(loadExample(t, "web-asg-rds-cache"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	cat := res.Cache("redis").dataSet("catalog")
	near(t, "catalog h at peak", cat.Scenario(ScenarioPeak).HitRatio, 0.9816839811570127, 1e-12)
	near(t, "catalog h at average", cat.Scenario(ScenarioAverage).HitRatio, 0.9469936732308412, 1e-12)
	near(t, "catalog misses at average", cat.Scenario(ScenarioAverage).MissesPerS, 600*(1-0.9469936732308412), 1e-9)
	near(t, "misses at average over the peak's h", (1-cat.Scenario(ScenarioAverage).HitRatio)/(1-cat.HitRatio), 2.893987346461677, 1e-9)
	feeds := res.Cache("redis").dataSet("feeds")
	near(t, "feeds invalidations", feeds.WritesPerS, 3000, 0)
	near(t, "feeds h at average", feeds.Scenario(ScenarioAverage).HitRatio, 0.08864530885163857, 1e-12)
	near(t, "db at average", res.Database("db").Scenario(ScenarioAverage).RPS, 1205.2102034060038, 1e-12)
	near(t, "db at peak", res.Database("db").Scenario(ScenarioPeak).RPS, 3429.6695547926133, 1e-12)
	if got := cat.Readers; len(got) != 1 || got[0].Tier != "web" || got[0].CallsPerRequest != 2 {
		t.Errorf("catalog readers %+v, want web with 2 calls per request", got)
	}
}

// TestMissQueries: a miss costs miss_queries queries, by default one per
// source. The leaderboard of cache_sim_test.go with 40 sources has h =
// 0.33278204401 at peak (by hand there), so app's database queries per
// request are 1 direct + 1 read × (1 − h) × 40 by default, × 1 with
// miss_queries: 1, and the direct one only with miss_queries: 0.
func TestMissQueries(t *testing.T) {
	const h = 0.3327820440130955
	for _, c := range []struct {
		extra string
		want  float64
	}{
		{"", 1 + (1-h)*40},
		{", miss_queries: 1", 1 + (1 - h)},
		{", miss_queries: 2.5", 1 + (1-h)*2.5},
		{", miss_queries: 0", 1},
	} {
		src := strings.ReplaceAll(leaderboard, "SOURCES", "40")
		src = strings.Replace(src, "item_kb: 2}", "item_kb: 2"+c.extra+"}", 1)
		res, err := Analyze(load(t, "lb.cue", src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		near(t, "queries per request"+c.extra, res.Tier("app").DBQueries, c.want, 1e-12)
		// 5 rps at peak.
		near(t, "db arrivals"+c.extra, res.Database("db").Scenario(ScenarioPeak).RPS, 5*c.want, 1e-12)
		near(t, "data set queries/s"+c.extra, res.Cache("redis").dataSet("boards").Scenario(ScenarioPeak).QueriesPerS, 5*(c.want-1), 1e-12)
	}
}

// TestUnreadDataSet: a data set no modelled tier with traffic reads (app
// calls the cache without naming it, spare names it but is a standby
// nothing reaches) keeps its declared reads at peak, scaled by avg/peak
// (100/400) at average, and costs no queries. 10 reads/s over 100 keys,
// T = 60: H = 6, h = 6/7; at average 2.5 reads/s: H = 1.5, h = 0.6.
func TestUnreadDataSet(t *testing.T) {
	s := load(t, "t.cue", `name: "t"
region: "us-east-1"
workload: {avg_rps: 100, peak_rps: 400, slo_p99_ms: 500}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	app: {kind: "compute", instance_type: "c5.xlarge", count: 2, demand: cpu_ms: 4, calls: [{target: "redis"}, {target: "db"}]}
	spare: {kind: "compute", instance_type: "c5.xlarge", count: 1, standby: true, demand: cpu_ms: 4, calls: [{target: "redis", data: "d"}, {target: "db"}]}
	db: {kind: "database", engine: "postgres", instance_class: "db.r5.large", ingress: ["app", "spare"]}
	redis: {kind: "cache", node_type: "cache.t3.medium", data: d: {reads_per_s: 10, ttl_s: 60, keys: 100, item_kb: 1}}
}
`)
	res, err := Analyze(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := res.Cache("redis").dataSet("d")
	if d.CalledReadsPerS != 0 || len(d.Readers) != 1 || d.Readers[0].Tier != "spare" {
		t.Errorf("called reads %g, readers %v; want 0 from spare", d.CalledReadsPerS, d.Readers)
	}
	near(t, "h at peak", d.Scenario(ScenarioPeak).HitRatio, 6.0/7, 1e-15)
	near(t, "reads at average", d.Scenario(ScenarioAverage).ReadsPerS, 2.5, 1e-15)
	near(t, "h at average", d.Scenario(ScenarioAverage).HitRatio, 0.6, 1e-15)
	if q := d.Scenario(ScenarioPeak).QueriesPerS; q != 0 {
		t.Errorf("queries/s %g, want 0", q)
	}
	near(t, "app's queries", res.Tier("app").DBQueries, 1, 0)
}
