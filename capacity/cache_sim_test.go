package capacity

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// ttlSim simulates a TTL cache key by key, sharing nothing with HitRatio:
// per key, reads arrive as a Poisson process at r, and each of sources
// sources writes as its own Poisson process at wPerSource; a read that
// finds no live entry misses and fills one that expires ttl later, and any
// source's write invalidates it. Reads before warm seconds are not
// counted (every key starts empty), then horizon seconds are.
type ttlSim struct {
	r, wPerSource, ttl float64
	sources, keys      int
	warm, horizon      float64
}

func (c ttlSim) run(seed uint64) (hits, misses int) {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	exp := func(rate float64) float64 {
		if rate == 0 {
			return math.Inf(1)
		}
		return rng.ExpFloat64() / rate
	}
	end := c.warm + c.horizon
	writes := make([]float64, c.sources)
	for range c.keys {
		for i := range writes {
			writes[i] = exp(c.wPerSource)
		}
		read := exp(c.r)
		live, expires := false, 0.0
		for read < end {
			j := 0 // the source writing next
			for i := range writes {
				if writes[i] < writes[j] {
					j = i
				}
			}
			if writes[j] < read {
				live = false
				writes[j] += exp(c.wPerSource)
				continue
			}
			hit := live && read < expires
			if !hit {
				live, expires = true, read+c.ttl
			}
			if read >= c.warm {
				if hit {
					hits++
				} else {
					misses++
				}
			}
			read += exp(c.r)
		}
	}
	return hits, misses
}

// checkMisses compares the model's miss ratio 1 − h with a simulation's.
// Misses are the rarer event, so the tolerance is on them: with n misses
// counted, their share's relative standard error is about 1/√n (one miss
// per renewal cycle), so tol is set at 6/√n or more.
func checkMisses(t *testing.T, what string, sim ttlSim, seed uint64, h, tol float64) {
	t.Helper()
	hits, misses := sim.run(seed)
	if misses < 10000 {
		t.Fatalf("%s: only %d misses simulated; lengthen the horizon", what, misses)
	}
	if lim := 6 / math.Sqrt(float64(misses)); tol < lim {
		t.Fatalf("%s: tolerance %g below 6 standard errors (%g)", what, tol, lim)
	}
	got := float64(misses) / float64(hits+misses)
	t.Logf("%s: model 1 − h = %.5f, simulated %.5f (%d of %d reads, seed %d)", what, 1-h, got, misses, hits+misses, seed)
	if relErr(1-h, got) > tol {
		t.Errorf("%s: model misses %.5f of reads (h %.5f), simulation %.5f over %d reads (rel. err. %.4f > %g)",
			what, 1-h, h, got, hits+misses, relErr(1-h, got), tol)
	}
}

// TestHitRatioUnderLoadSimulated: examples/web-asg-rds-cache's catalogue
// is read by web twice per request, so 2 × 900 rps at peak and 2 × 300 at
// average over its 20,000 keys (0.09 and 0.03 reads/s per key), with 0.5
// invalidating writes/s (2.5e-5 per key) and a 600 s TTL. The model's
// hit ratio at each load level, from the callers' reads, must match a
// simulated TTL cache at those rates: seed 1 and 2, 100 keys each (keys
// are independent and alike, so 100 stand for the 20,000), 3,000 s of
// warm-up (5 TTLs) and 250,000 s counted, about 2.25 million reads at
// peak (41,000 misses) and 0.75 million at average (40,000). A cycle is
// nearly a TTL long and nearly periodic, so a key's count keeps the
// phase it started with: a window of 400 cycles per key, not 20 on more
// keys, keeps that bias (up to half a miss per key) near 0.1 %.
func TestHitRatioUnderLoadSimulated(t *testing.T) {
	res, err := Analyze(loadExample(t, "web-asg-rds-cache"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ds := res.Cache("redis").dataSet("catalog")
	peak, avg := ds.Scenario(ScenarioPeak), ds.Scenario(ScenarioAverage)
	if peak.ReadsPerS != 1800 || avg.ReadsPerS != 600 {
		t.Fatalf("reads: peak %g, average %g; want 1800 and 600 (2 calls × 900 and 300 rps)", peak.ReadsPerS, avg.ReadsPerS)
	}
	w := 0.5 / 20000
	checkMisses(t, "catalog at peak", ttlSim{r: 0.09, wPerSource: w, ttl: 600, sources: 1, keys: 100, warm: 3000, horizon: 250000}, 1, peak.HitRatio, 0.035)
	checkMisses(t, "catalog at average", ttlSim{r: 0.03, wPerSource: w, ttl: 600, sources: 1, keys: 100, warm: 3000, horizon: 250000}, 2, avg.HitRatio, 0.035)
}

// leaderboard is a data set built from 40 shards, each of which updates a
// board's scores 0.25 times a second; 100 boards read 5 times a second in
// all (1 call per request at 5 rps peak, 2.5 at average), a 60 s TTL.
const leaderboard = `name: "lb"
region: "us-east-1"
workload: {avg_rps: 2.5, peak_rps: 5, slo_p99_ms: 500}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	app: {kind: "compute", instance_type: "m5.large", count: 2, demand: cpu_ms: 5,
		calls: [{target: "redis", data: "boards"}, {target: "db"}]}
	db: {kind: "database", engine: "postgres", instance_class: "db.r5.large", ingress: ["app"]}
	redis: {kind: "cache", node_type: "cache.t3.medium",
		data: boards: {reads_per_s: 5, writes_per_s_per_source: 0.25, sources: SOURCES, ttl_s: 60, keys: 100, item_kb: 2}}
}
`

// TestSourcesSimulated: a value built from 40 sources is invalidated by
// each source's writes. Per key at peak r = 0.05, w = 0.0025 per source,
// T = 60: with one source H = 0.05·(1 − e^{−0.15})/0.0025 = 2.786,
// h = 0.7359; with 40, w = 0.1, H = 0.05·(1 − e^{−6})/0.1 = 0.4988,
// h = 0.3328 (Python, the formula of docs/caching.md). At average r =
// 0.025: h = 0.58210 and 0.19960. The simulation writes from each source as
// its own Poisson stream: seeds 3 to 6, 100 keys, 600 s of warm-up (10
// TTLs), 200,000 s counted: a million reads at peak, half at average, at
// least 200,000 misses each.
func TestSourcesSimulated(t *testing.T) {
	for _, c := range []struct {
		sources     int
		seed        [2]uint64 // peak, average
		hPeak, hAvg float64
	}{
		{1, [2]uint64{3, 4}, 0.7358578610143887, 0.5821005710677953},
		{40, [2]uint64{5, 6}, 0.3327820440130955, 0.19960320293941788},
	} {
		s := load(t, "lb.cue", strings.ReplaceAll(leaderboard, "SOURCES", strconv.Itoa(c.sources)))
		res, err := Analyze(s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		ds := res.Cache("redis").dataSet("boards")
		for i, sc := range []*DataSetScenario{ds.Scenario(ScenarioPeak), ds.Scenario(ScenarioAverage)} {
			what := fmt.Sprintf("%d sources, %s", c.sources, sc.Kind)
			near(t, what+": h by hand", sc.HitRatio, [2]float64{c.hPeak, c.hAvg}[i], 1e-12)
			sim := ttlSim{r: sc.ReadsPerS / 100, wPerSource: 0.0025, ttl: 60, sources: c.sources, keys: 100, warm: 600, horizon: 200000}
			checkMisses(t, what, sim, c.seed[i], sc.HitRatio, 0.02)
		}
	}
}
