package pricing_test

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/internal/testload"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/schema"
)

func load(t *testing.T, src string) *schema.Stack {
	t.Helper()
	return testload.Source(t, "stack.cue", src)
}

var loadFile = testload.File

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// item returns the line item of component comp whose name starts with prefix.
func item(t *testing.T, e *pricing.Estimate, comp, prefix string) pricing.LineItem {
	t.Helper()
	for _, li := range e.Items {
		if li.Component == comp && strings.HasPrefix(li.Name, prefix) {
			return li
		}
	}
	t.Fatalf("no line item %s %q… in %+v", comp, prefix, e.Items)
	return pricing.LineItem{}
}

func checkItem(t *testing.T, li pricing.LineItem, qty, usd, monthly float64, source string) {
	t.Helper()
	if !li.Priced {
		t.Fatalf("%s %s: not priced", li.Component, li.Name)
	}
	if !near(li.Quantity, qty) || !near(li.Price.USD, usd) || !near(li.MonthlyUSD, monthly) || li.Price.Source != source {
		t.Errorf("%s %s: %v %s × %v (%s) = %v; want %v × %v (%s) = %v",
			li.Component, li.Name, li.Quantity, li.Unit, li.Price.USD, li.Price.Source, li.MonthlyUSD, qty, usd, source, monthly)
	}
}

const header = `
name: "t"
region: "us-east-1"
workload: {avg_rps: 100, peak_rps: 300, slo_p99_ms: 200}
network: azs: ["us-east-1a", "us-east-1b"]
`

// Line items against published on-demand prices, each source named below
// (provenance: catalog/source/PROVENANCE.md).
func TestPublishedPrices(t *testing.T) {
	s := load(t, header+`
network: nat_gateways: 1
network: nat_gb_month: 100
components: {
	alb: {kind: "lb", subnet: "public", listeners: [{protocol: "HTTP", port: 80}], targets: ["app"]}
	app: {kind: "compute", instance_type: "m5.large", count: 1, demand: cpu_ms: 10
		calls: [{target: "db"}, {target: "redis"}]}
	db: {kind: "database", engine: "postgres", instance_class: "db.r5.large", multi_az: true, storage_gb: 100, ingress: ["app"]}
	redis: {kind: "cache", node_type: "cache.r6g.large", nodes: 2}
}`)
	e := pricing.Price(s, nil, pricing.Options{})
	if e.Partial {
		t.Fatalf("partial: %v", e.Missing)
	}
	// m5.large us-east-1 $0.096/h × 730 h = $70.08 (Karpenter price list, 2026-07-20).
	checkItem(t, item(t, e, "app", "instance hours"), 730, 0.096, 70.08, "karpenter")
	// EBS gp3 $0.08/GB-month × 20 GB default root volume = $1.60 (AWS ebs feed
	// of 2026-09-03, REGIONAL.md §3; infracost's ebs_volume golden agrees).
	checkItem(t, item(t, e, "app", "root volumes"), 20, 0.08, 1.6, "e2v-ebs")
	// db.r5.large PostgreSQL Multi-AZ $0.50/h × 730 h = $365 (coroot cloud-pricing, 2024-08-09).
	checkItem(t, item(t, e, "db", "instance hours"), 730, 0.50, 365, "coroot")
	// RDS gp3 Multi-AZ storage $0.23/GB-month × 100 GB = $23 (AWS rds-storage
	// feed of 2025-06-17, REGIONAL.md §4; infracost's db_instance golden agrees).
	checkItem(t, item(t, e, "db", "storage"), 100, 0.23, 23, "qpw-rds")
	// ALB $0.0225/h × 730 h = $16.425 (AWS elb feed of 2025-06-05, REGIONAL.md §1).
	checkItem(t, item(t, e, "alb", "ALB hours"), 730, 0.0225, 16.425, "qpw-elb")
	// ALB $0.008/LCU-hour; 100 req/s × 16 KB × 3600 s = 5.76 GB/h → 5.76 LCU
	// (bytes beat 100 new connections/s ÷ 25 = 4) × 730 h = 4204.8 LCU-h → $33.6384.
	checkItem(t, item(t, e, "alb", "ALB capacity units"), 4204.8, 0.008, 33.6384, "qpw-elb")
	// cache.r6g.large Redis $0.206/h × 2 nodes × 730 h = $300.76 (LeanerCloud; coroot agrees).
	checkItem(t, item(t, e, "redis", "node hours"), 1460, 0.206, 300.76, "leanercloud")
	// NAT gateway $0.045/h × 730 h = $32.85 and $0.045/GB × 100 GB = $4.50
	// (AWS natgateway feed of 2026-09-03, REGIONAL.md §2).
	checkItem(t, item(t, e, "network", "NAT gateway hours"), 730, 0.045, 32.85, "e2v-nat")
	checkItem(t, item(t, e, "network", "NAT data processed"), 100, 0.045, 4.5, "e2v-nat")
	// Internet egress, first 10 TB $0.09/GB (AWS datatransfer feed of
	// 2026-08-31, REGIONAL.md §6): 100 req/s × 16 KB × 730 h × 3600 s =
	// 4204.8 GB of responses + 100 GB through NAT, less the free 100 GB =
	// 4204.8 GB → $378.432.
	checkItem(t, item(t, e, "network", "internet data transfer out (first 10 TB)"), 4204.8, 0.09, 378.432, "e2v-dt")

	// Requests: 100 × 730 × 3600 = 262.8 M.
	if !near(e.MonthlyRequests, 262.8e6) || !near(e.PerMillionRequestsUSD, e.MonthlyUSD/262.8) {
		t.Errorf("requests %v, per million %v (total %v)", e.MonthlyRequests, e.PerMillionRequestsUSD, e.MonthlyUSD)
	}
	if !strings.Contains(e.Attribution, "2026-07-20 (karpenter)") || !strings.Contains(e.Attribution, "2024-08-09 (coroot)") {
		t.Errorf("attribution %q", e.Attribution)
	}
}

// TestWebASGRDSTotal checks examples/web-asg-rds by hand (prices: REGIONAL.md
// §1–6 for us-east-1, karpenter for EC2, coroot for RDS instances):
//
//	ALB hours        730 h × 0.0225                                 =   16.425
//	ALB LCUs         120 req/s × 16 KB × 3600 s = 6.912 GB/h → 6.912 LCU
//	                 (> 120/25 = 4.8) × 730 h = 5045.76 × 0.008      =   40.36608
//	ALB public IPv4  2 AZ nodes × 730 h × 0.005                      =    7.3
//	app instances    2 (autoscaling min; 120 × 12 ms = 1.44 cores
//	                 ÷ (2 vCPU × 60%) → 2) × 730 h × 0.096           =  140.16
//	app root volumes 2 × 20 GB × 0.08                                =    3.2
//	app → db inter-AZ 120 × 3 calls/s × 1 KB × 730 × 3600 = 946.08 GB,
//	                 half of it crossing (2 AZs), × 2 sides × 0.01    =    9.4608
//	db instance      db.r5.large postgres Multi-AZ 730 h × 0.50      =  365
//	db storage       100 GB gp3 Multi-AZ × 0.23                      =   23
//	NAT gateways     2 (private app tier in 2 AZs) × 730 h × 0.045   =   65.7
//	NAT public IPv4  2 × 730 h × 0.005                               =    7.3
//	egress           120 × 16 KB × 730 × 3600 = 5045.76 GB, less the
//	                 free 100 GB = 4945.76 GB × 0.09                 =  445.1184
//	total                                                             = 1123.03028
//
// and per million requests: 1123.03028 ÷ (120 × 730 × 3600 / 10⁶ = 315.36).
func TestWebASGRDSTotal(t *testing.T) {
	e := pricing.Price(loadFile(t, "../examples/web-asg-rds/stack.cue"), nil, pricing.Options{})
	const want = 16.425 + 40.36608 + 7.3 + 140.16 + 3.2 + 9.4608 + 365 + 23 + 65.7 + 7.3 + 445.1184
	if !near(e.MonthlyUSD, want) || math.Abs(want-1123.03028) > 1e-9 {
		t.Errorf("total %v, want %v", e.MonthlyUSD, want)
	}
	if !near(e.PerMillionRequestsUSD, want/315.36) {
		t.Errorf("per million %v, want %v", e.PerMillionRequestsUSD, want/315.36)
	}
	if e.Partial || len(e.Items) != 11 {
		t.Errorf("partial %v, %d items", e.Partial, len(e.Items))
	}
}

// eu-north-1 is outside the regional price list (catalog/README.md,
// "Missing, on purpose"): the estimate is partial and names every missing
// key; the rest is priced, and a user price file fills the gaps.
func TestPartialOutsideTheRegionalList(t *testing.T) {
	s := load(t, `
name: "stockholm"
region: "eu-north-1"
workload: {avg_rps: 10, peak_rps: 30, slo_p99_ms: 200}
network: azs: ["eu-north-1a"]
components: {
	alb: {kind: "lb", subnet: "public", listeners: [{protocol: "HTTP", port: 80}], targets: ["app"]}
	app: {kind: "compute", subnet: "public", instance_type: "t3.medium", count: 1, root_volume_gb: 8, demand: cpu_ms: 10}
}`)
	e := pricing.Price(s, nil, pricing.Options{})
	if !e.Partial {
		t.Fatal("not partial")
	}
	got := strings.Join(e.MissingKeys(), ",")
	// (The egress tiers above 10 TB, which coroot lacks there, carry no
	// traffic and are not items.)
	if got != "alb/hour,alb/lcu-hour,ebs/gp3/gb-month,public-ipv4/hour" {
		t.Errorf("missing %s", got)
	}
	note := e.PartialNote()
	for _, w := range []string{"PARTIAL", "alb/hour", "alb/lcu-hour", "eu-north-1"} {
		if !strings.Contains(note, w) {
			t.Errorf("note %q lacks %q", note, w)
		}
	}
	alb := item(t, e, "alb", "ALB hours")
	if alb.Priced || alb.MonthlyUSD != 0 {
		t.Errorf("ALB priced: %+v", alb)
	}
	// The priced part: t3.medium (coroot, approximate outside us-east-1) and
	// egress 10 × 16 KB × 730 h × 3600 = 420.48 GB less the free 100 GB at
	// coroot's first tier, 0.09 in eu-north-1.
	inst := item(t, e, "app", "instance hours")
	if !inst.Price.Approximate || e.Approximate != 1 {
		t.Errorf("t3.medium in eu-north-1 should be approximate: %+v, %d", inst.Price, e.Approximate)
	}
	checkItem(t, item(t, e, "network", "internet data transfer out (first 10 TB)"), 320.48, 0.09, 320.48*0.09, "coroot")
	if !near(e.MonthlyUSD, inst.MonthlyUSD+320.48*0.09) {
		t.Errorf("total %v", e.MonthlyUSD)
	}

	// A user price file fills the gaps.
	user, err := catalog.Parse("prices.json", []byte(`{"source": "acme", "date": "2026-10-01", "prices": {"eu-north-1":
		{"alb/hour": 0.0252, "alb/lcu-hour": 0.008, "ebs/gp3/gb-month": 0.0912, "public-ipv4/hour": 0.005}}}`))
	if err != nil {
		t.Fatal(err)
	}
	e = pricing.Price(s, catalog.Merge(catalog.Default(), user), pricing.Options{})
	if e.Partial {
		t.Fatalf("still partial: %v", e.Missing)
	}
	checkItem(t, item(t, e, "alb", "ALB hours"), 730, 0.0252, 730*0.0252, "acme")
	checkItem(t, item(t, e, "app", "root volumes"), 8, 0.0912, 8*0.0912, "acme")
	if !strings.Contains(e.Attribution, "2026-10-01 (acme)") {
		t.Errorf("attribution %q", e.Attribution)
	}
}

func TestCDNReplacesEgress(t *testing.T) {
	s := load(t, header+`
components: {
	cdn: {kind: "cdn", origin: "alb", hit_ratio: 0.75}
	alb: {kind: "lb", subnet: "public", listeners: [{protocol: "HTTPS", port: 443}], targets: ["app"]}
	app: {kind: "compute", instance_type: "m5.large", count: 2, demand: cpu_ms: 10}
}`)
	e := pricing.Price(s, nil, pricing.Options{})
	// A us-east-1 stack's viewers default to "United States, Mexico,
	// Canada": first 10 TB $0.085/GB (AWS CloudFront pricing page, REGIONAL.md
	// §7) for every response, 4204.8 GB less the always-free 1,024 GB (the
	// same page) = 3,180.8 GB; HTTPS requests $0.000001 each (AWS cloudfront
	// feed of 2025-04-25) × (100 × 730 × 3600 = 262.8 M, less 10 M free)
	// = 252.8 M → $252.80.
	checkItem(t, item(t, e, "cdn", "CloudFront data transfer out (us-mexico-canada, first 10 TB)"), 3180.8, 0.085, 3180.8*0.085, "aws-cf-page")
	checkItem(t, item(t, e, "cdn", "CloudFront requests (us-mexico-canada)"), 252.8e6, 0.000001, 252.8, "qpw-cf")
	for _, li := range e.Items {
		if strings.HasPrefix(li.PriceKey, "egress/") {
			t.Errorf("egress line with a CDN: %+v", li)
		}
	}
	// The ALB sees only the misses: 25 req/s × 16 KB × 3600 = 1.44 GB/h →
	// 1.44 LCU (> 25/25 = 1).
	checkItem(t, item(t, e, "alb", "ALB capacity units"), 1.44*730, 0.008, 1.44*730*0.008, "qpw-elb")
	// Requests still count at the edge.
	if !near(e.MonthlyRequests, 262.8e6) {
		t.Errorf("requests %v", e.MonthlyRequests)
	}
}

func TestBlueGreenAndHosted(t *testing.T) {
	s := load(t, header+`
workload: monthly_hours: 365
network: nat_gateways: 0
components: {
	app: {kind: "compute", instance_type: "m5.large", count: 3, demand: cpu_ms: 10, hosts: ["db"]
		deploy: {strategy: "blue-green", per_month: 10, window_min: 30}}
	db: {kind: "database", engine: "mysql"}
}`)
	e := pricing.Price(s, nil, pricing.Options{})
	// 3 instances × 365 h; root volumes scale with the hours run: 3 × 20 × 365/730 = 30 GB-month.
	checkItem(t, item(t, e, "app", "instance hours"), 1095, 0.096, 1095*0.096, "karpenter")
	checkItem(t, item(t, e, "app", "root volumes"), 30, 0.08, 2.4, "e2v-ebs")
	// 3 extra instances × 10 deploys × 0.5 h = 15 h.
	checkItem(t, item(t, e, "app", "blue/green"), 15, 0.096, 1.44, "karpenter")
	for _, li := range e.Items {
		if li.Component == "db" || li.Component == "network" && li.PriceKey == catalog.NATHour {
			t.Errorf("unexpected line %+v", li)
		}
	}
}

func TestNLB(t *testing.T) {
	s := load(t, header+`
workload: response_kb: 1
components: {
	nlb: {kind: "lb", type: "nlb", subnet: "public", listeners: [{protocol: "TCP", port: 443}], targets: ["app"]}
	app: {kind: "compute", subnet: "public", instance_type: "m5.large", count: 2, demand: cpu_ms: 10}
}`)
	e := pricing.Price(s, nil, pricing.Options{})
	// $0.0225/h and $0.006/NLCU-hour (AWS elb feed of 2025-06-05, REGIONAL.md §1).
	// 100 × 1 KB × 3600 = 0.36 GB/h → 0.36 NLCU, above 100 flows/s ÷ 800 = 0.125.
	checkItem(t, item(t, e, "nlb", "NLB hours"), 730, 0.0225, 16.425, "qpw-elb")
	checkItem(t, item(t, e, "nlb", "NLB capacity units"), 0.36*730, 0.006, 0.36*730*0.006, "qpw-elb")
}

func TestLCUs(t *testing.T) {
	for _, c := range []struct {
		lb          string
		rps, kb     float64
		want        float64
		dimContains string
	}{
		{"alb", 100, 1, 4, "new connections"}, // 100/25 = 4 > 0.36 GB/h
		{"alb", 100, 16, 5.76, "processed"},   // 5.76 GB/h > 4
		{"nlb", 1600, 0.1, 2, "new flows"},    // 1600/800 = 2 > 0.576
		{"alb", 0, 16, 0, "new connections"},  // no traffic
	} {
		got, dim := pricing.LCUs(c.lb, c.rps, c.kb)
		if !near(got, c.want) || !strings.Contains(dim, c.dimContains) {
			t.Errorf("LCUs(%s, %v, %v) = %v (%s), want %v (%s)", c.lb, c.rps, c.kb, got, dim, c.want, c.dimContains)
		}
	}
}

func TestSimpleInstances(t *testing.T) {
	s := load(t, header+`
components: {
	low: {kind: "compute", instance_type: "m5.large", autoscaling: {min: 2, max: 8, policy: cpu_target: 50}, demand: cpu_ms: 1}
	mid: {kind: "compute", instance_type: "m5.large", autoscaling: {min: 1, max: 8, policy: cpu_target: 50}, demand: cpu_ms: 35}
	high: {kind: "compute", instance_type: "m5.large", autoscaling: {min: 1, max: 3}, demand: cpu_ms: 100}
	fixed: {kind: "compute", instance_type: "m5.large", count: 5, demand: cpu_ms: 100}
	pinned: {kind: "compute", instance_type: "m5.large", vcpus: 1, autoscaling: {min: 1, max: 8, policy: cpu_target: 50}, demand: cpu_ms: 35}
}`)
	for name, want := range map[string]float64{
		"low":    2, // 0.1 cores → 1, min 2
		"mid":    4, // 3.5 cores ÷ (2 × 0.5) = 3.5 → 4
		"pinned": 7, // mid on the 1 vCPU it says it has: 3.5 ÷ (1 × 0.5) = 7
		"high":   3, // 10 cores ÷ (2 × 0.6) → 9, max 3
		"fixed":  5,
	} {
		if got := pricing.SimpleInstances(s, s.Components[name], nil); got.Average != want {
			t.Errorf("%s: %+v, want %v", name, got, want)
		}
	}
}

func TestCompare(t *testing.T) {
	old := pricing.Price(loadFile(t, "../examples/web-asg-rds/stack.cue"), nil, pricing.Options{})
	new := pricing.Price(loadFile(t, "../examples/web-asg-rds-cache/stack.cue"), nil, pricing.Options{})
	d := pricing.Compare(old, new)
	if !near(d.DeltaUSD, new.MonthlyUSD-old.MonthlyUSD) {
		t.Errorf("delta %v", d.DeltaUSD)
	}
	sum := 0.0
	counts := map[pricing.Change]int{}
	for _, l := range d.Lines {
		sum += l.DeltaUSD
		counts[l.Change]++
	}
	if !near(sum, d.DeltaUSD) {
		t.Errorf("lines sum to %v, total delta %v", sum, d.DeltaUSD)
	}
	// app (m5.large) → web (c5.xlarge), plus redis: removed, app's
	// instances and root volumes and the network's "app → db" inter-AZ
	// line; added, web's two lines, redis's node hours, the network's
	// inter-AZ lines "web → db" and "web → redis" for each of redis's two
	// data sets, and egress's second tier; db storage, ALB LCUs and public
	// IPv4 (3 AZs, not 2), NAT hours and IPv4, and egress's first tier
	// change; ALB hours and the db instance do not.
	want := map[pricing.Change]int{pricing.Removed: 3, pricing.Added: 7, pricing.Changed: 6, pricing.Unchanged: 2}
	for k, v := range want {
		if counts[k] != v {
			t.Errorf("%s: %d lines, want %d (%v)", k, counts[k], v, counts)
		}
	}
	same := pricing.Compare(old, old)
	for _, l := range same.Lines {
		if l.Change != pricing.Unchanged {
			t.Errorf("self-compare: %+v", l)
		}
	}
}

// Options.Instances replaces the estimate of the autoscaling tiers it
// names, basis included, and never a fixed count; a tier it lacks gets
// SimpleInstances.
func TestOptionsInstances(t *testing.T) {
	s := load(t, header+`
components: {
	web: {kind: "compute", instance_type: "m5.large", autoscaling: {min: 1, max: 8}, demand: cpu_ms: 35}
	api: {kind: "compute", instance_type: "m5.large", autoscaling: {min: 1, max: 8}, demand: cpu_ms: 35}
	fixed: {kind: "compute", instance_type: "m5.large", count: 5, demand: cpu_ms: 100}
}`)
	given := pricing.Instances{Average: 7, Basis: "7 instances (given)"}
	e := pricing.Price(s, nil, pricing.Options{Instances: map[string]pricing.Instances{"web": given, "fixed": given}})
	// m5.large us-east-1 $0.096/h (Karpenter price list, 2026-07-20), 730 h.
	checkItem(t, item(t, e, "web", "instance hours"), 7*730, 0.096, 7*730*0.096, "karpenter")
	if b := item(t, e, "web", "instance hours").Basis; b != "7 instances (given) × 730 h" {
		t.Errorf("web basis %q", b)
	}
	// 3.5 cores ÷ (2 vCPU × 0.6) = 2.92 → 3 at the default 60% target.
	checkItem(t, item(t, e, "api", "instance hours"), 3*730, 0.096, 3*730*0.096, "karpenter")
	checkItem(t, item(t, e, "fixed", "instance hours"), 5*730, 0.096, 5*730*0.096, "karpenter")
}

// PriceComponent prices one component as Price prices the whole stack.
func TestPriceComponentMatchesPrice(t *testing.T) {
	files, _ := filepath.Glob("../examples/*/stack.cue")
	for _, f := range files {
		s := loadFile(t, f)
		e := pricing.Price(s, nil, pricing.Options{})
		for _, name := range s.Names() {
			wantUSD, wantOK := e.Component(name)
			usd, ok := pricing.PriceComponent(s, s.Components[name], nil, pricing.Options{})
			if usd != wantUSD || ok != wantOK {
				t.Errorf("%s %s: %v %v, Price says %v %v", f, name, usd, ok, wantUSD, wantOK)
			}
		}
	}
}

func TestCPUNeedSaturates(t *testing.T) {
	// The largest load at the smallest target the schema allows
	// (cpu_target > 0) divides by almost nothing: the need saturates
	// instead of wrapping around to 1.
	for _, target := range []float64{1e-300 / 100, 5e-324} {
		if got := pricing.CPUNeed(1e9, 3.6e6, 1, target); got != pricing.MaxCPUNeed {
			t.Errorf("CPUNeed at target %g = %d, want %d", target, got, pricing.MaxCPUNeed)
		}
	}
	if got := pricing.CPUNeed(0, 10, 2, 0.6); got != 1 {
		t.Errorf("CPUNeed without load = %d, want 1", got)
	}
	if got := pricing.CPUNeed(300, 10, 4, 0.6); got != 2 {
		t.Errorf("pricing.CPUNeed(300 rps × 10 ms on 4 vCPU at 60%%) = %d, want 2", got)
	}
}

// No total is both complete and missing an item: over every example, the
// regional stacks and stacks that lack prices (a queue, Aurora's I/O, a
// region outside the regional list), Partial holds exactly when a line item
// has no price, Missing names exactly those items, and the total sums the
// priced ones.
func TestCompleteMeansNothingMissing(t *testing.T) {
	files, _ := filepath.Glob("../examples/*/stack.cue")
	regional, _ := filepath.Glob("testdata/regional/*.cue")
	files = append(files, regional...)
	var stacks []*schema.Stack
	for _, f := range files {
		stacks = append(stacks, loadFile(t, f))
	}
	stacks = append(stacks, load(t, `
name: "t"
region: "eu-north-1"
workload: {avg_rps: 10, peak_rps: 30, slo_p99_ms: 200}
network: azs: ["eu-north-1a", "eu-north-1b"]
components: {
	alb: {kind: "lb", subnet: "public", listeners: [{protocol: "HTTP", port: 80}], targets: ["app"]}
	app: {kind: "compute", instance_type: "m5.large", count: 2, demand: cpu_ms: 10, calls: [{target: "db"}]}
	db: {kind: "database", engine: "aurora-mysql", instance_class: "db.r5.large", storage_gb: 20, ingress: ["app"]}
}`))
	partials := 0
	for _, s := range stacks {
		e := pricing.Price(s, nil, pricing.Options{})
		var sum float64
		var unpriced []string
		for _, li := range e.Items {
			if li.Priced {
				sum += li.MonthlyUSD
			} else {
				unpriced = append(unpriced, li.Component+" "+li.Name)
			}
		}
		var missing []string
		for _, m := range e.Missing {
			missing = append(missing, m.Component+" "+m.Item)
		}
		if e.Partial != (len(unpriced) > 0) || strings.Join(missing, "|") != strings.Join(unpriced, "|") {
			t.Errorf("%s: partial %v, missing %v, unpriced items %v", s.Name, e.Partial, missing, unpriced)
		}
		if !near(sum, e.MonthlyUSD) {
			t.Errorf("%s: total %v, priced items sum to %v", s.Name, e.MonthlyUSD, sum)
		}
		if e.Partial {
			partials++
		}
	}
	// web-and-queue-worker (SQS) and the eu-north-1 stack: the test sees
	// both kinds of total.
	if partials < 2 || partials == len(stacks) {
		t.Errorf("%d of %d stacks partial: the test does not see both kinds", partials, len(stacks))
	}
}
