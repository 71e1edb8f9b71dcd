package catalog

import (
	"math"
	"strings"
	"testing"
)

// Published prices, each as read in the public source its comment names
// (repositories and commits in source/PROVENANCE.md), not in the snapshot.
func TestPublishedPrices(t *testing.T) {
	tests := []struct {
		region, key string
		usd         float64
		source      string
	}{
		// EC2, Linux, shared tenancy: Karpenter's generated price list, 2026-07-20.
		{"us-east-1", EC2Key("t3.micro"), 0.0104, "karpenter"},
		{"us-east-1", EC2Key("t3.medium"), 0.0416, "karpenter"},
		{"us-east-1", EC2Key("m5.large"), 0.096, "karpenter"},
		{"us-east-1", EC2Key("c5.xlarge"), 0.17, "karpenter"},
		{"us-east-1", EC2Key("r5.large"), 0.126, "karpenter"},
		// RDS instances: coroot cloud-pricing, 2024-08-09.
		{"us-east-1", RDSKey("mysql", "db.t3.medium", false), 0.068, "coroot"},
		{"us-east-1", RDSKey("postgres", "db.t3.medium", false), 0.072, "coroot"},
		{"us-east-1", RDSKey("mysql", "db.t3.medium", true), 0.136, "coroot"},
		{"us-east-1", RDSKey("postgres", "db.t3.medium", true), 0.145, "coroot"},
		{"us-east-1", RDSKey("mysql", "db.r5.large", false), 0.24, "coroot"},
		{"us-east-1", RDSKey("mysql", "db.r5.large", true), 0.48, "coroot"},
		{"us-east-1", "rds/postgres/db.r5.large/single-az", 0.25, "coroot"},
		{"us-east-1", "rds/postgres/db.r5.large/multi-az", 0.50, "coroot"},
		{"ap-northeast-2", "rds/postgres/db.r5.large/single-az", 0.30, "coroot"},
		{"ap-northeast-2", "rds/postgres/db.r5.large/multi-az", 0.60, "coroot"},
		// RDS storage: AWS's rds-storage feed of 2025-06-17 (REGIONAL.md §4;
		// us-east-1 agrees with infracost's db_instance golden).
		{"us-east-1", RDSStorageKey("gp2", false), 0.115, "qpw-rds"},
		{"us-east-1", RDSStorageKey("gp2", true), 0.23, "qpw-rds"},
		{"us-east-1", RDSStorageKey("gp3", true), 0.23, "qpw-rds"},
		{"ap-northeast-2", RDSStorageKey("gp3", true), 0.262, "qpw-rds"},
		{"ap-northeast-2", RDSStorageKey("gp2", true), 0.276, "qpw-rds"}, // §9.1: as read, not 2 × 0.131
		{"sa-east-1", RDSStorageKey("gp3", false), 0.219, "qpw-rds"},
		// Aurora storage: the same feed's "Database Storage Single AZ
		// General Purpose-Aurora" (rateCode VCW4CP6PUZ5JN68T… in us-east-1,
		// WJ6WGMWN9BV4D6ZX… in Seoul).
		{"us-east-1", AuroraStorageGBMonth, 0.10, "qpw-rds"},
		{"ap-northeast-2", AuroraStorageGBMonth, 0.12, "qpw-rds"},
		// ElastiCache Redis: LeanerCloud (coroot agrees), 2025-04-24.
		{"us-east-1", ElastiCacheKey("redis", "cache.t3.medium"), 0.068, "leanercloud"},
		{"ap-northeast-2", ElastiCacheKey("redis", "cache.t3.medium"), 0.099, "leanercloud"},
		{"us-east-1", ElastiCacheKey("redis", "cache.r6g.large"), 0.206, "leanercloud"},
		{"ap-northeast-2", ElastiCacheKey("redis", "cache.r6g.large"), 0.246, "leanercloud"},
		// Internet egress tiers: AWS's datatransfer feed of 2026-08-31
		// (REGIONAL.md §6; infracost's data transfer golden agrees).
		{"us-east-1", EgressKey("first-10tb"), 0.09, "e2v-dt"},
		{"us-east-1", EgressKey("next-100tb"), 0.07, "e2v-dt"},
		{"ap-northeast-2", EgressKey("first-10tb"), 0.126, "e2v-dt"},
		{"ap-northeast-2", EgressKey("over-150tb"), 0.108, "e2v-dt"},
		{"sa-east-1", EgressKey("next-40tb"), 0.138, "e2v-dt"},
		// Outside the regional list, coroot's first tier stays.
		{"eu-north-1", EgressKey("first-10tb"), 0.09, "coroot"},
		// Load balancers: AWS's elb feed of 2025-06-05 (§1; us-east-1 agrees
		// with infracost's lb golden).
		{"us-east-1", ALBHour, 0.0225, "qpw-elb"},
		{"us-east-1", ALBLCUHour, 0.008, "qpw-elb"},
		{"us-east-1", NLBHour, 0.0225, "qpw-elb"},
		{"us-east-1", NLBNLCUHour, 0.006, "qpw-elb"},
		{"ap-northeast-2", ALBHour, 0.0225, "qpw-elb"},
		{"eu-central-1", ALBHour, 0.027, "qpw-elb"},
		{"sa-east-1", ALBLCUHour, 0.011, "qpw-elb"},
		{"ca-central-1", NLBNLCUHour, 0.0066, "qpw-elb"},
		// NAT and EBS: AWS's natgateway and ebs feeds of 2026-09-03 (§2, §3).
		{"us-east-1", NATHour, 0.045, "e2v-nat"},
		{"us-east-1", NATGB, 0.045, "e2v-nat"},
		{"ap-northeast-2", NATHour, 0.059, "e2v-nat"},
		{"sa-east-1", NATGB, 0.093, "e2v-nat"},
		{"us-east-1", EBSGP3GBMonth, 0.08, "e2v-ebs"},
		{"us-east-1", EBSGP3MBpsMonth, 0.04, "e2v-ebs"},        // 40.96 per GiBps-month ÷ 1,024
		{"ap-northeast-2", EBSGP3MBpsMonth, 0.0456, "e2v-ebs"}, // 46.6944 ÷ 1,024
		{"us-east-1", EBSGP3IOPSMonth, 0.005, "e2v-ebs"},
		{"ap-northeast-2", EBSGP3GBMonth, 0.0912, "e2v-ebs"},
		{"eu-central-1", EBSGP3GBMonth, 0.0952, "e2v-ebs"},
		// Public IPv4 (§5) and inter-AZ (§6, infracost's 2,000 GB → $20.00).
		{"ap-northeast-2", PublicIPv4Hour, 0.005, "e2v-vpc"},
		{"ap-northeast-2", InterAZGB, 0.01, "ic-dt"},
		// EC2 in Seoul from the 2026-09-07 feed build, replacing coroot's (§7 bonus).
		{"ap-northeast-2", EC2Key("m5.large"), 0.118, "e2v-ec2"},
		{"ap-northeast-2", EC2Key("t3.medium"), 0.052, "e2v-ec2"},
		{"us-east-1", S3StandardGBMonth, 0.023, "infracost-tests"},
		// CloudFront by viewer geography: the AWS page (§7) and, for
		// requests, AWS's cloudfront feed of 2025-04-25.
		{"us-east-1", CloudFrontGBKey("us-mexico-canada", "first-10tb"), 0.085, "aws-cf-page"},
		{"us-east-1", CloudFrontGBKey("asia-pacific", "first-10tb"), 0.120, "aws-cf-page"},
		{"us-east-1", CloudFrontGBKey("asia-pacific", "next-40tb"), 0.100, "aws-cf-page"},
		{"us-east-1", CloudFrontGBKey("australia-nz", "over-5pb"), 0.080, "aws-cf-page"},
		{"us-east-1", CloudFrontRequestKey("us-mexico-canada", true), 0.000001, "qpw-cf"},
		{"us-east-1", CloudFrontRequestKey("south-america", false), 0.0000016, "qpw-cf"},
		{"us-east-1", CloudFrontRequestKey("australia-nz", true), 0.00000125, "qpw-cf"},
		// More of REGIONAL.md's tables, the figures that differ from the
		// common ones (§8: "not uniform although often assumed").
		{"eu-west-2", ALBLCUHour, 0.0084, "qpw-elb"},
		{"ca-central-1", ALBHour, 0.02475, "qpw-elb"},
		{"ca-central-1", NATHour, 0.05, "e2v-nat"},
		{"ap-south-1", EgressKey("first-10tb"), 0.1093, "e2v-dt"},
		{"ap-southeast-2", EgressKey("next-40tb"), 0.098, "e2v-dt"},
		{"ap-northeast-1", EgressKey("over-150tb"), 0.084, "e2v-dt"},
		{"eu-west-1", RDSStorageKey("gp3", true), 0.254, "qpw-rds"},
		{"eu-west-1", RDSStorageKey("gp2", true), 0.253, "qpw-rds"},
		{"sa-east-1", EBSGP3IOPSMonth, 0.0095, "e2v-ebs"},
		{"sa-east-1", EBSGP3MBpsMonth, 0.076, "e2v-ebs"}, // 77.824 ÷ 1,024
		{"us-west-2", PublicIPv4Hour, 0.005, "e2v-vpc"},
		{"eu-central-1", InterAZGB, 0.01, "ic-dt"},
		{"us-east-1", CloudFrontGBKey("india", "next-4pb"), 0.075, "aws-cf-page"},
		{"us-east-1", CloudFrontGBKey("south-america", "over-5pb"), 0.040, "aws-cf-page"},
		{"us-east-1", CloudFrontGBKey("japan", "next-524tb"), 0.080, "aws-cf-page"},
		{"us-east-1", CloudFrontRequestKey("south-america", true), 0.0000022, "qpw-cf"},
		{"us-east-1", CloudFrontRequestKey("us-mexico-canada", false), 0.00000075, "qpw-cf"},
		// Aurora storage in Frankfurt: the feed's "EU (Frankfurt)" entry.
		{"eu-central-1", AuroraStorageGBMonth, 0.119, "qpw-rds"},
	}
	for _, tt := range tests {
		p, ok := Lookup(tt.region, tt.key)
		if !ok {
			t.Errorf("Lookup(%q, %q): not found", tt.region, tt.key)
			continue
		}
		if math.Abs(p.USD-tt.usd) > 1e-12 || p.Source != tt.source || p.Approximate {
			t.Errorf("Lookup(%q, %q) = %v, want $%v from %s, exact", tt.region, tt.key, p, tt.usd, tt.source)
		}
	}
}

// Aurora Standard instance prices, against infracost's golden test
// rds_cluster_instance_test (commit 9af2bd33b3912f729c782c51b478abac7b5db3ca,
// read 2026-12-02): db.r4.large $211.70, db.t3.medium $59.86, db.t3.large
// $119.72 (Aurora MySQL and PostgreSQL alike) a month of 730 h. coroot
// holds the I/O-Optimized price (× 1.3) for the last two (0.107 and 0.213
// for PostgreSQL, 0.213 for MySQL's db.t3.large); the converter corrects
// them, and marks the table approximate.
func TestAuroraStandardPrices(t *testing.T) {
	for _, tt := range []struct {
		engine, class string
		monthly       float64
	}{
		{"aurora-mysql", "db.r4.large", 211.70},
		{"aurora-mysql", "db.t3.medium", 59.86},
		{"aurora-postgresql", "db.t3.medium", 59.86},
		{"aurora-mysql", "db.t3.large", 119.72},
		{"aurora-postgresql", "db.t3.large", 119.72},
	} {
		p, ok := Lookup("us-east-1", RDSKey(tt.engine, tt.class, false))
		if !ok {
			t.Errorf("%s %s: not found", tt.engine, tt.class)
			continue
		}
		if got := math.Round(p.USD*730*100) / 100; got != tt.monthly || !p.Approximate || !strings.Contains(p.Reason, "I/O-Optimized") {
			t.Errorf("%s %s: $%v an hour = $%.2f a month (approximate %v), want $%.2f", tt.engine, tt.class, p.USD, got, p.Approximate, tt.monthly)
		}
	}
	// The same golden's I/O rate for Aurora Standard in us-east-1.
	if p, ok := Lookup("us-east-1", AuroraIOMillion); !ok || p.USD != 0.2 || p.Source != "infracost-tests" {
		t.Errorf("Aurora I/O = %v, %v; want $0.20 per million from infracost-tests", p, ok)
	}
}

// No trusted source has these prices (see README.md, "Missing, on
// purpose"), so the catalog must not have them either.
func TestMissingPricesAreNotFound(t *testing.T) {
	for _, key := range []string{S3StandardGBMonth, AuroraIOMillion,
		RDSKey("mariadb", "db.t3.medium", false), RDSKey("aurora-mysql", "db.r5.large", true),
		EC2Key("m5.lrage")} {
		if p, ok := Lookup("ap-northeast-2", key); ok {
			t.Errorf("Lookup(ap-northeast-2, %q) = %v, want not found", key, p)
		}
	}
	if p, ok := Lookup("mars-north-1", EC2Key("m5.large")); ok {
		t.Errorf("unknown region: got %v", p)
	}
}

func TestPriceMetadata(t *testing.T) {
	p, _ := Lookup("us-east-1", EC2Key("m5.large"))
	want := Price{USD: 0.096, Unit: "hour", Source: "karpenter", Date: "2026-07-20"}
	if p != want {
		t.Errorf("us-east-1 m5.large = %#v, want %#v", p, want)
	}
	if got := p.String(); got != "$0.096/hour (karpenter 2026-07-20)" {
		t.Errorf("String() = %q", got)
	}

	// Outside us-east-1, EC2 prices come from coroot and are approximate
	// where no newer source has them.
	p, ok := Lookup("ap-northeast-2", EC2Key("m5.xlarge"))
	if !ok || p.Source != "coroot" || p.Date != "2024-08-09" || !p.Approximate ||
		!strings.HasPrefix(p.Reason, "coroot ignores tenancy; ~42% of types differ in us-east-1") {
		t.Errorf("ap-northeast-2 m5.large = %#v, want an approximate coroot price", p)
	}

	// CloudFront is global: any region finds it.
	if p, ok := Lookup("ap-northeast-2", CloudFrontGBKey("japan", "first-10tb")); !ok || p.Unit != "GB" {
		t.Errorf("ap-northeast-2 cloudfront/japan/first-10tb/gb = %v, %v", p, ok)
	}
	if p, _ := Lookup("sa-east-1", CloudFrontRequestKey("india", true)); p.Unit != "request" || p.Date != "2025-04-25" {
		t.Errorf("cloudfront request = %#v", p)
	}
	if p, _ := Lookup("us-east-1", RDSStorageKey("gp3", false)); p.Unit != "GB-month" {
		t.Errorf("rds-storage unit = %q", p.Unit)
	}
}

// Karpenter is authoritative for us-east-1 EC2: coroot's figures for it must
// not leak in, and nothing there is approximate.
func TestUSEast1EC2IsKarpenterOnly(t *testing.T) {
	c := Default()
	n := 0
	for _, key := range c.Keys("us-east-1") {
		if strings.HasPrefix(key, "ec2/") {
			n++
			if p, _ := c.Price("us-east-1", key); p.Source != "karpenter" || p.Approximate {
				t.Errorf("%s: %v", key, p)
			}
		}
	}
	if n != 1367 { // the rows of ec2-ondemand-us-east-1-2026-07-20.tsv
		t.Errorf("%d us-east-1 EC2 prices, want 1367", n)
	}
}

// Every key in the snapshot has a documented shape; only CloudFront is global.
func TestSnapshotKeysAreValid(t *testing.T) {
	c := Default()
	for region, r := range c.prices {
		if err := checkRegion(region); err != nil {
			t.Error(err)
		}
		for key, p := range r.get() {
			if err := CheckKey(key); err != nil {
				t.Errorf("%s: %v", region, err)
			}
			if isGlobalKey(key) != (region == Global) {
				t.Errorf("%s %s: global key in a region, or regional key in %q", region, key, Global)
			}
			if !(p.USD > 0) || p.Unit == "" || p.Date == "" {
				t.Errorf("%s %s: %#v", region, key, p)
			}
			if _, ok := c.sources[p.Source]; !ok {
				t.Errorf("%s %s: unknown source %q", region, key, p.Source)
			}
		}
	}
}

func TestSpecs(t *testing.T) {
	if s, ok := EC2Spec("m5.large"); !ok || s.VCPU != 2 || s.MemoryMiB != 8192 || s.Arch != "amd64" {
		t.Errorf("m5.large = %+v, %v; want 2 vCPU, 8192 MiB, amd64", s, ok)
	}
	if s, _ := EC2Spec("m6g.large"); s.Arch != "arm64" {
		t.Errorf("m6g.large arch = %q", s.Arch)
	}
	// The spec source maps Apple silicon (arm64_mac) to amd64; the converter corrects it.
	if s, _ := EC2Spec("mac2.metal"); s.Arch != "arm64" {
		t.Errorf("mac2.metal arch = %q, want arm64", s.Arch)
	}
	if s, _ := EC2Spec("mac1.metal"); s.Arch != "amd64" {
		t.Errorf("mac1.metal arch = %q, want amd64", s.Arch)
	}

	r5, _ := EC2Spec("r5.large")
	db, ok := RDSSpec("db.r5.large")
	if !ok || db.Type != "db.r5.large" || db.VCPU != r5.VCPU || db.MemoryMiB != r5.MemoryMiB || db.Arch != r5.Arch {
		t.Errorf("db.r5.large = %+v, want r5.large's specs %+v", db, r5)
	}
	for _, bad := range []string{"r5.large", "db.nope.large", "db."} {
		if s, ok := RDSSpec(bad); ok {
			t.Errorf("RDSSpec(%q) = %+v", bad, s)
		}
	}

	// elasticache-instances-2025-04-24.json: cache.t3.medium "vcpu": "2", "memory": "3.09",
	// and its "redis6.x-maxmemory" is 3317862236 bytes.
	cs, ok := ElastiCacheSpec("cache.t3.medium")
	if !ok || cs.VCPU != 2 || cs.MemoryGiB != 3.09 || cs.MemoryBytes() != 3317862236 {
		t.Errorf("cache.t3.medium = %+v (%d bytes), want 2 vCPU, 3.09 GiB", cs, cs.MemoryBytes())
	}
	if s, _ := ElastiCacheSpec("cache.r6g.large"); s.MemoryGiB != 13.07 {
		t.Errorf("cache.r6g.large = %+v, want 13.07 GiB", s)
	}
}

func TestKnownLists(t *testing.T) {
	regions := KnownRegions()
	for _, want := range []string{"us-east-1", "ap-northeast-2"} {
		if !contains(regions, want) {
			t.Errorf("KnownRegions() lacks %s", want)
		}
	}
	if contains(regions, Global) {
		t.Errorf("KnownRegions() lists %q", Global)
	}
	// Types with a spec but no price (mac*) and with a price but no spec (m8azn) both count.
	types := KnownEC2Types()
	for _, want := range []string{"m5.large", "mac2.metal", "m8azn.large"} {
		if !contains(types, want) {
			t.Errorf("KnownEC2Types() lacks %s", want)
		}
	}
	if got, want := strings.Join(KnownRDSEngines(), " "), "aurora-mysql aurora-postgresql mysql postgres"; got != want {
		t.Errorf("KnownRDSEngines() = %s, want %s", got, want)
	}
	if got, want := strings.Join(KnownElastiCacheEngines(), " "), "memcached redis valkey"; got != want {
		t.Errorf("KnownElastiCacheEngines() = %s, want %s", got, want)
	}
	if !contains(KnownRDSClasses(), "db.r5.large") || !contains(KnownElastiCacheNodeTypes(), "cache.t3.medium") {
		t.Error("class lists lack db.r5.large or cache.t3.medium")
	}
}

func TestAttribution(t *testing.T) {
	c := Default()
	a, _ := c.Price("us-east-1", EC2Key("m5.large"))
	b, _ := c.Price("ap-northeast-2", EC2Key("m5.xlarge"))
	got := c.Attribution(a, b, a)
	want := "prices as of 2024-08-09 (coroot), 2026-07-20 (karpenter); sources: coroot github.com/coroot/cloud-pricing, " +
		"karpenter github.com/aws/karpenter-provider-aws; 1 of 3 prices approximate"
	if got != want {
		t.Errorf("Attribution =\n%s\nwant\n%s", got, want)
	}
	if all := c.Attribution(); !strings.Contains(all, "2025-04-24 (leanercloud)") || strings.Contains(all, "k8s-autoscaler") {
		t.Errorf("Attribution() = %s; want every price source and no spec-only source", all)
	}
	// infracost's test expectations carry no price date: the date is when
	// they were read, and the line must say so rather than "as of".
	if all := c.Attribution(); !strings.Contains(all, "; figures read 2026-11-26 (infracost-tests); sources:") {
		t.Errorf("Attribution() = %s; want infracost-tests dated as read, not as a price date", all)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
