package pricing_test

import (
	"strings"
	"testing"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/pricing"
)

// Every expected price below is REGIONAL.md's (catalog/source/
// regional-prices-2026-12-02.md), section named at the figure.

// The egress figure through a whole stack: 1,875 req/s × 16 KB ×
// 730 h × 3,600 s = 78,840 GB (10⁶ KB a GB). Less the free 100 GB, tiered
// at §6's us-east-1 0.09 / 0.085 / 0.07: 10,140 × 0.09 = 912.60, 40,960 ×
// 0.085 = 3,481.60, 27,640 × 0.07 = 1,934.80; $6,329.00 (the issue's
// $6,338.00 less the allowance's 100 × 0.09).
func TestEgressTieredWithFreeAllowance(t *testing.T) {
	e := pricing.Price(load(t, `
name: "t"
region: "us-east-1"
workload: {avg_rps: 1875, peak_rps: 3000, slo_p99_ms: 200}
network: {azs: ["us-east-1a"], nat_gateways: 0}
components: app: {kind: "compute", instance_type: "m5.large", count: 1, demand: cpu_ms: 1}
`), nil, pricing.Options{})
	first := item(t, e, "network", "internet data transfer out (first 10 TB)")
	checkItem(t, first, 10140, 0.09, 912.6, "e2v-dt")
	checkItem(t, item(t, e, "network", "internet data transfer out (next 40 TB)"), 40960, 0.085, 3481.6, "e2v-dt")
	checkItem(t, item(t, e, "network", "internet data transfer out (next 100 TB)"), 27640, 0.07, 1934.8, "e2v-dt")
	var egress float64
	for _, li := range e.Items {
		if strings.HasPrefix(li.PriceKey, "egress/") {
			egress += li.MonthlyUSD
		}
	}
	if !near(egress, 6329) {
		t.Errorf("egress $%v, want $6,329.00", egress)
	}
	for _, w := range []string{"78,840 GB", "first 100 GB free", "account-wide"} {
		if !strings.Contains(first.Basis, w) {
			t.Errorf("basis %q lacks %q", first.Basis, w)
		}
	}
}

// NAT-processed traffic leaves to the internet: billed at the NAT's per-GB
// price and again as egress. Seoul (§2 NAT 0.059/h and /GB; §6 egress first
// 10 TB 0.126): 10 req/s × 16 KB × 730 × 3,600 = 420.48 GB of responses +
// 1,000 GB through NAT − 100 free = 1,320.48 GB × 0.126 = $166.38048; NAT
// 1,000 GB × 0.059 = $59, 730 h × 0.059 = $43.07; its address 730 h × 0.005
// (§5) = $3.65.
func TestNATTrafficIsEgress(t *testing.T) {
	e := pricing.Price(load(t, `
name: "t"
region: "ap-northeast-2"
workload: {avg_rps: 10, peak_rps: 30, slo_p99_ms: 200}
network: {azs: ["ap-northeast-2a"], nat_gb_month: 1000}
components: app: {kind: "compute", instance_type: "m5.large", count: 1, demand: cpu_ms: 1}
`), nil, pricing.Options{})
	checkItem(t, item(t, e, "network", "internet data transfer out (first 10 TB)"), 1320.48, 0.126, 166.38048, "e2v-dt")
	checkItem(t, item(t, e, "network", "NAT data processed"), 1000, 0.059, 59, "e2v-nat")
	checkItem(t, item(t, e, "network", "NAT gateway hours"), 730, 0.059, 43.07, "e2v-nat")
	checkItem(t, item(t, e, "network", "public IPv4"), 730, 0.005, 3.65, "e2v-vpc")
	if b := item(t, e, "network", "internet data transfer out").Basis; !strings.Contains(b, "1,000 GB through NAT") {
		t.Errorf("basis %q does not name the NAT traffic", b)
	}
}

// CloudFront bills requests and tiered transfer per viewer geography
// (§7). 1,000 req/s × 50 KB × 730 h × 3,600 s = 131,400 GB and 2.628 × 10⁹
// requests, 60 % in Asia Pacific and 40 % in Japan, each geography taking
// its share of the always-free 1,024 GB and 10⁷ requests (614.4 GB and
// 6 × 10⁶; 409.6 GB and 4 × 10⁶) off its first tier:
//
//	asia-pacific 78,840 GB: 9,625.6 × 0.120 + 40,960 × 0.100 + 27,640 × 0.095
//	             = 1,155.072 + 4,096.00 + 2,625.80 = 7,876.872
//	             1.5708 × 10⁹ HTTPS requests × 0.0000012 = 1,884.96
//	japan        52,560 GB: 9,830.4 × 0.114 + 40,960 × 0.089 + 1,360 × 0.086
//	             = 1,120.6656 + 3,645.44 + 116.96 = 4,883.0656
//	             1.0472 × 10⁹ × 0.0000012 = 1,256.64
//
// $15,901.54 in all.
func TestCloudFrontByGeography(t *testing.T) {
	e := pricing.Price(load(t, `
name: "t"
region: "ap-northeast-2"
workload: {avg_rps: 1000, peak_rps: 3000, slo_p99_ms: 200, response_kb: 50}
network: {azs: ["ap-northeast-2a"], nat_gateways: 0}
components: {
	cdn: {kind: "cdn", origin: "app", viewers: {"asia-pacific": 0.6, japan: 0.4}}
	app: {kind: "compute", subnet: "public", instance_type: "m5.large", count: 1, demand: cpu_ms: 1}
}`), nil, pricing.Options{})
	checkItem(t, item(t, e, "cdn", "CloudFront data transfer out (asia-pacific, first 10 TB)"), 9625.6, 0.120, 1155.072, "aws-cf-page")
	checkItem(t, item(t, e, "cdn", "CloudFront data transfer out (japan, first 10 TB)"), 9830.4, 0.114, 1120.6656, "aws-cf-page")
	checkItem(t, item(t, e, "cdn", "CloudFront data transfer out (asia-pacific, next 40 TB)"), 40960, 0.100, 4096, "aws-cf-page")
	checkItem(t, item(t, e, "cdn", "CloudFront data transfer out (asia-pacific, next 100 TB)"), 27640, 0.095, 2625.8, "aws-cf-page")
	checkItem(t, item(t, e, "cdn", "CloudFront data transfer out (japan, next 100 TB)"), 1360, 0.086, 116.96, "aws-cf-page")
	checkItem(t, item(t, e, "cdn", "CloudFront requests (asia-pacific)"), 1.5708e9, 0.0000012, 1884.96, "qpw-cf")
	checkItem(t, item(t, e, "cdn", "CloudFront requests (japan)"), 1.0472e9, 0.0000012, 1256.64, "qpw-cf")
	usd, complete := e.Component("cdn")
	if !complete || !near(usd, 15901.5376) {
		t.Errorf("cdn $%v (complete %v), want $15,901.54", usd, complete)
	}
	if b := item(t, e, "cdn", "CloudFront requests (japan)").Basis; !strings.Contains(b, "40% of viewers in japan") {
		t.Errorf("basis %q", b)
	}
}

// Without cdn.viewers every viewer is in the region's geography, and the
// line says so; a CDN that allows plain HTTP is priced at the HTTPS rate,
// which the line says too. São Paulo → "south-america": HTTPS 0.0000022 a
// request (§7): 10 × 730 × 3,600 = 26.28 M requests, less 10 M free,
// = 16.28 M → $35.816; its 420.48 GB of responses (10 × 16 KB × 730 h ×
// 3,600 s) are all within the free 1,024 GB.
func TestCloudFrontDefaultGeography(t *testing.T) {
	e := pricing.Price(load(t, `
name: "t"
region: "sa-east-1"
workload: {avg_rps: 10, peak_rps: 30, slo_p99_ms: 200}
network: {azs: ["sa-east-1a"], nat_gateways: 0}
components: {
	cdn: {kind: "cdn", origin: "app", https_only: false}
	app: {kind: "compute", subnet: "public", instance_type: "m5.large", count: 1, demand: cpu_ms: 1}
}`), nil, pricing.Options{})
	li := item(t, e, "cdn", "CloudFront requests (south-america)")
	checkItem(t, li, 16.28e6, 0.0000022, 35.816, "qpw-cf")
	if !strings.Contains(li.Basis, "less the 10,000,000 requests free a month") {
		t.Errorf("basis %q does not name the free tier", li.Basis)
	}
	for _, w := range []string{"the region's geography; set cdn.viewers", "priced as HTTPS"} {
		if !strings.Contains(li.Basis, w) {
			t.Errorf("basis %q lacks %q", li.Basis, w)
		}
	}
}

// Inter-AZ traffic from the calls (§6: 0.01 a GB on each side). web runs
// in 3 AZs at 100 req/s; api in 2 of them, so a call stays in its zone with
// probability 2 ÷ (3 × 2) = 1/3. web → api: 2 calls × 10 KB (calls[].kb) ×
// 100/s × 730 × 3,600 = 5,256 GB, 2/3 crossing = 3,504 GB, × 2 sides =
// 7,008 GB → $70.08. web → db (primary in one zone, default 1 KB a call):
// 262.8 GB × 2/3 × 2 = 350.4 GB → $3.504. The queue and the cache on web's
// own servers cost nothing.
func TestInterAZFromCalls(t *testing.T) {
	e := pricing.Price(load(t, `
name: "t"
region: "us-east-1"
workload: {avg_rps: 100, peak_rps: 300, slo_p99_ms: 200}
network: {azs: ["us-east-1a", "us-east-1b", "us-east-1c"], nat_gateways: 0}
components: {
	alb: {kind: "lb", subnet: "public", listeners: [{protocol: "HTTP", port: 80}], targets: ["web"]}
	web: {kind: "compute", instance_type: "m5.large", count: 3, demand: cpu_ms: 1, hosts: ["local"]
		calls: [{target: "api", per_request: 2, kb: 10}, {target: "db"}, {target: "jobs"}, {target: "local"}]}
	api: {kind: "compute", instance_type: "m5.large", count: 2, azs: ["us-east-1a", "us-east-1b"], demand: cpu_ms: 1}
	db: {kind: "database", engine: "postgres", instance_class: "db.r5.large", storage_gb: 20, ingress: ["web"]}
	jobs: {kind: "queue", consumers: ["worker"]}
	worker: {kind: "compute", serves: "jobs", instance_type: "m5.large", count: 1, demand: cpu_ms: 1}
	local: {kind: "cache", engine: "redis", node_type: "cache.t3.medium"}
}`), nil, pricing.Options{})
	api := item(t, e, "network", "inter-AZ transfer (web → api)")
	checkItem(t, api, 7008, 0.01, 70.08, "ic-dt")
	if !strings.Contains(api.Basis, "10 KB (calls[].kb)") || !strings.Contains(api.Basis, "66.7% crossing zones") {
		t.Errorf("basis %q", api.Basis)
	}
	db := item(t, e, "network", "inter-AZ transfer (web → db)")
	checkItem(t, db, 350.4, 0.01, 3.504, "ic-dt")
	if !strings.Contains(db.Basis, "1 KB (default; set calls[].kb)") {
		t.Errorf("basis %q does not print the default", db.Basis)
	}
	for _, li := range e.Items {
		if li.PriceKey == catalog.InterAZGB && li != api && li != db {
			t.Errorf("unexpected inter-AZ line %+v", li)
		}
	}
}

// Public IPv4 at 0.005 an address-hour (§5): an internet-facing ALB's node
// in each of 2 AZs, 3 instances in a public subnet and 1 NAT gateway; an
// internal ALB and private instances hold none. (2 + 3 + 1) × 730 h =
// 4,380 address-hours → $21.90.
func TestPublicIPv4(t *testing.T) {
	e := pricing.Price(load(t, `
name: "t"
region: "eu-central-1"
workload: {avg_rps: 10, peak_rps: 30, slo_p99_ms: 200}
network: {azs: ["eu-central-1a", "eu-central-1b"], nat_gateways: 1}
components: {
	edge: {kind: "lb", subnet: "public", listeners: [{protocol: "HTTP", port: 80}], targets: ["web"]}
	web: {kind: "compute", subnet: "public", instance_type: "m5.large", count: 3, demand: cpu_ms: 1, calls: [{target: "inner"}]}
	inner: {kind: "lb", internet_facing: false, listeners: [{protocol: "HTTP", port: 80}], targets: ["api"]}
	api: {kind: "compute", instance_type: "m5.large", count: 2, demand: cpu_ms: 1}
}`), nil, pricing.Options{})
	var hours, usd float64
	for _, li := range e.Items {
		if li.PriceKey == catalog.PublicIPv4Hour {
			if li.Component == "inner" || li.Component == "api" {
				t.Errorf("a private component holds a public address: %+v", li)
			}
			checkItem(t, li, li.Quantity, 0.005, li.Quantity*0.005, "e2v-vpc")
			hours += li.Quantity
			usd += li.MonthlyUSD
		}
	}
	if !near(hours, 4380) || !near(usd, 21.9) {
		t.Errorf("%v address-hours, $%v; want 4,380 and $21.90", hours, usd)
	}
}

// Aurora: instance hours at the class's Aurora Standard price (db.r5.large
// in us-east-1, $0.29/h: coroot's 2024-08-09 file has the I/O-Optimized
// 0.377 = 1.3 × 0.29 for Aurora PostgreSQL and 0.29 for Aurora MySQL; the
// converter keeps the Standard one), a writer and, with multi_az, one
// replica: 2 × 730 h; storage at the RDS storage feed's "Database Storage
// Single AZ General Purpose-Aurora", 0.10 a GB-month in us-east-1
// (catalog/source/aws-price-watcher-rds-storage-2025-06-17.json.gz), not
// doubled; I/O at $0.20 a million (infracost's rds_cluster_instance_test
// golden) for 100 queries/s × 730 h × 3,600 s = 262.8 million. Outside
// us-east-1 I/O has no price, so the total is partial and names it.
func TestAurora(t *testing.T) {
	const stack = `
network: nat_gateways: 0
components: {
	app: {kind: "compute", subnet: "public", instance_type: "m5.large", count: 1, demand: cpu_ms: 1, calls: [{target: "db"}]}
	db: {kind: "database", engine: "aurora-postgresql", instance_class: "db.r5.large", multi_az: true, storage_gb: 100, ingress: ["app"]}
}`
	e := pricing.Price(load(t, header+stack), nil, pricing.Options{})
	checkItem(t, item(t, e, "db", "instance hours"), 1460, 0.29, 1460*0.29, "coroot")
	checkItem(t, item(t, e, "db", "storage (Aurora)"), 100, 0.10, 10, "qpw-rds")
	checkItem(t, item(t, e, "db", "I/O requests"), 262.8, 0.2, 52.56, "infracost-tests")
	if e.Partial {
		t.Errorf("partial, missing %v", e.MissingKeys())
	}

	eu := strings.NewReplacer(`"us-east-1"`, `"eu-west-1"`, "us-east-1a", "eu-west-1a", "us-east-1b", "eu-west-1b").Replace(header)
	e = pricing.Price(load(t, eu+stack), nil, pricing.Options{})
	if io := item(t, e, "db", "I/O requests"); io.Priced {
		t.Errorf("Aurora I/O priced in eu-west-1: %+v", io)
	}
	if !e.Partial || strings.Join(e.MissingKeys(), ",") != catalog.AuroraIOMillion {
		t.Errorf("eu-west-1: partial %v, missing %v; want only %s", e.Partial, e.MissingKeys(), catalog.AuroraIOMillion)
	}
}
