package rightsize_test

import (
	"maps"
	"math"
	"reflect"
	"testing"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/internal/testload"
	"github.com/infralint/infralint/rightsize"
	"github.com/infralint/infralint/schema"
)

// resizeStack is the issue's two over-sized components: a db.r5.4xlarge
// Multi-AZ with 1,000 GB of gp2 at 1% CPU, and two cache.r5.4xlarge
// nodes holding 3.9 MiB. The app tier calls each once a request, 100 rps
// at peak.
const resizeStack = `name: "resize"
region: "us-east-1"
workload: {avg_rps: 40, peak_rps: 100, slo_p99_ms: 300}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	app: {
		kind: "compute", instance_type: "m7a.medium", count: 2
		workers: threads: 8
		demand: cpu_ms: 5
		calls: [{target: "db", per_request: 1, tls: true}, {target: "redis", per_request: 1, data: "catalog"}]
	}
	db: {
		kind: "database", engine: "postgres", instance_class: "db.r5.4xlarge"
		multi_az: true, storage_gb: 1000, storage_type: "gp2"
	}
	redis: {
		kind: "cache", engine: "redis", node_type: "cache.r5.4xlarge", nodes: 2
		data: catalog: {reads_per_s: 100, writes_per_s: 0.1, ttl_s: 600, keys: 1000, item_kb: 4}
	}
}
`

// TestResizes checks the database's and the cache's resize against hand
// computations. Prices, us-east-1, 730 h: db.r5.4xlarge Multi-AZ postgres
// $4.00 an hour and db.r5.large $0.50 (coroot 2024-08-09), Multi-AZ gp2
// storage $0.23 a GB-month (infracost-tests, read 2026-11-26);
// cache.r5.4xlarge $1.724 and cache.m5.large $0.156 an hour (leanercloud
// 2025-04-24); AWS's list prices for those on their pricing pages.
//
// Database: 4.00 × 730 + 1,000 × 0.23 = $3,150 (the issue's figure) and
// 0.50 × 730 + 230 = $595. The cache misses 0.1 of reads at most (rates
// and TTL), so the database sees about 100 queries/s × 2 ms = 0.2 busy
// vCPUs, 1.3% of 16 and 10% of db.r5.large's 2: within the 70% target.
// The db.r6g classes are cheaper but arm64, and a resize keeps the
// architecture; db.m classes have 4 GiB per vCPU, not r's 8.
//
// Cache: 2 × 1.724 × 730 = $2,517.04 and 2 × 0.156 × 730 = $227.76;
// 1,000 keys × 4 KiB = 3.906 MiB in 2 × 6.38 GiB less 25% reserved.
func TestResizes(t *testing.T) {
	s := testload.Source(t, "resize.cue", resizeStack)
	model, err := capacity.Analyze(s, capacity.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := rightsize.Plan(s, model, nil, rightsize.Options{Alternatives: true})
	db, cache := r.Resizes["db"], r.Resizes["redis"]
	if db == nil || cache == nil {
		t.Fatalf("resizes: %+v", r.Resizes)
	}
	if db.To != "db.r5.large" || !near(db.CurrentUSD, 3150) || !near(db.MonthlyUSD, 595) ||
		db.VCPU != 16 || db.ToVCPU != 2 || db.MemoryMiB != 131072 || db.ToMemoryMiB != 16384 {
		t.Errorf("database: %+v", *db)
	}
	// Queries at peak: 100 direct, and the cache's misses. Per key reads
	// come at r = 0.1/s, writes at w = 0.0001/s, so a fill gets
	// H = r(1 − e^(−w·600))/w = 58.235 hits and 1/(1 + H) of the 100
	// reads miss (docs/caching.md#hit-ratio): 101.69 queries × 2 ms.
	H := 0.1 * -math.Expm1(-0.0001*600) / 0.0001
	busy := (100 + 100/(1+H)) * 0.002
	if !near(db.PeakCPU, busy/16) || !near(db.ToPeakCPU, busy/2) {
		t.Errorf("database CPU at peak %v → %v, want %v → %v", db.PeakCPU, db.ToPeakCPU, busy/16, busy/2)
	}
	if cache.To != "cache.m5.large" || !near(cache.CurrentUSD, 2517.04) || !near(cache.MonthlyUSD, 227.76) ||
		!near(cache.DataMiB, 1000*4.0/1024) || cache.Nodes != 2 {
		t.Errorf("cache: %+v", *cache)
	}

	// The search judged each on the app tier alone with its database and
	// cache; the whole stack, resized, must agree: no tier, database or
	// cache does worse in any scenario.
	for _, name := range []string{"db", "redis"} {
		c := *s.Components[name]
		switch name {
		case "db":
			d := *c.Database
			d.InstanceClass = db.To
			c.Database = &d
		case "redis":
			ca := *c.Cache
			ca.NodeType = cache.To
			c.Cache = &ca
		}
		s2 := *s
		s2.Components = map[string]*schema.Component{}
		for k, v := range s.Components {
			s2.Components[k] = v
		}
		s2.Components[name] = &c
		res, err := capacity.Analyze(&s2, capacity.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, tier := range model.Tiers {
			for _, sc := range tier.Scenarios {
				if got := res.Tier(tier.Name).Scenario(sc.Kind); got.Verdict.Rank() > sc.Verdict.Rank() {
					t.Errorf("%s resized: %s %s is %s, was %s", name, tier.Name, sc.Kind, got.Verdict, sc.Verdict)
				}
			}
		}
		for i, d := range model.Databases {
			for j, sc := range d.Scenarios {
				if got := res.Databases[i].Scenarios[j]; got.Verdict.Rank() > sc.Verdict.Rank() {
					t.Errorf("%s resized: database %s %s is %s, was %s", name, d.Name, sc.Kind, got.Verdict, sc.Verdict)
				}
			}
		}
		if h, h2 := model.Caches[0].DataSets[0].HitRatio, res.Caches[0].DataSets[0].HitRatio; h2 < h {
			t.Errorf("%s resized: hit ratio %v, was %v", name, h2, h)
		}
	}
}

// TestResizeIssueCache is the issue's cache: three cache.r6g.2xlarge
// (3 × 52.82 GiB = 162,263 MiB; leanercloud's spec) holding 3.9 MiB
// (1,000 keys × 4 KiB), 3 × $0.821 × 730 h = $1,797.99 a month. Graviton
// stays Graviton and a burstable t is offered only in place of a t, so
// the cheapest that holds it is cache.m6g.large (6.38 GiB each) at
// 3 × $0.149 × 730 = $326.31 (us-east-1, leanercloud 2025-04-24).
func TestResizeIssueCache(t *testing.T) {
	s := testload.Source(t, "cache.cue", `name: "cache"
region: "us-east-1"
workload: {avg_rps: 40, peak_rps: 100, slo_p99_ms: 300}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	app: {
		kind: "compute", instance_type: "m7a.medium", count: 2
		workers: threads: 8
		demand: cpu_ms: 5
		calls: [{target: "redis", per_request: 1, data: "catalog"}]
	}
	redis: {
		kind: "cache", engine: "redis", node_type: "cache.r6g.2xlarge", nodes: 3
		data: catalog: {reads_per_s: 100, writes_per_s: 0.1, ttl_s: 600, keys: 1000, item_kb: 4}
	}
}
`)
	model, err := capacity.Analyze(s, capacity.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := rightsize.Plan(s, model, nil, rightsize.Options{Alternatives: true}).Resizes["redis"]
	if r == nil || r.To != "cache.m6g.large" || !near(r.CurrentUSD, 1797.99) || !near(r.MonthlyUSD, 326.31) ||
		!near(r.MemoryMiB, 162263.04) || r.Nodes != 3 {
		t.Errorf("resize: %+v", r)
	}
}

// TestCacheNodeTypeChangesOnlyMemory holds the premise of the cache
// search, which judges no candidate with capacity.Analyze: the model reads
// a cache's node type for its memory alone. On resizeStack, every node
// type of the catalog (smaller than the data or not) leaves every tier,
// database and data set as on the node type written; only the cache's
// NodeType and MemoryBytes change. When this fails, resizeCache must
// analyse its candidates again.
func TestCacheNodeTypeChangesOnlyMemory(t *testing.T) {
	s := testload.Source(t, "resize.cue", resizeStack)
	base, err := capacity.Analyze(s, capacity.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tried := 0
	for _, nt := range catalog.Default().ElastiCacheNodeTypes() {
		if nt == s.Components["redis"].Cache.NodeType {
			continue
		}
		s2 := *s
		s2.Components = maps.Clone(s.Components)
		c := *s.Components["redis"]
		ca := *c.Cache
		ca.NodeType = nt
		c.Cache = &ca
		s2.Components["redis"] = &c
		got, err := capacity.Analyze(&s2, capacity.Options{})
		if err != nil {
			t.Fatalf("%s: %v", nt, err)
		}
		tried++
		if len(got.Caches) != 1 || got.Caches[0].NodeType != nt {
			t.Fatalf("%s: caches %+v", nt, got.Caches)
		}
		cache := *got.Caches[0]
		cache.NodeType, cache.MemoryBytes = base.Caches[0].NodeType, base.Caches[0].MemoryBytes
		if !reflect.DeepEqual(got.Tiers, base.Tiers) || !reflect.DeepEqual(got.Databases, base.Databases) ||
			!reflect.DeepEqual(&cache, base.Caches[0]) {
			t.Fatalf("on %s the model changed more than the cache's memory: resizeCache must analyse its candidates", nt)
		}
	}
	if tried < 20 {
		t.Fatalf("only %d node types tried", tried)
	}
}
