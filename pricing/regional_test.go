package pricing_test

import (
	"math"
	"testing"

	"github.com/infralint/infralint/pricing"
)

// examples/web-asg-rds moved to Seoul, Frankfurt and São Paulo is priced
// completely, each line at the price REGIONAL.md (catalog/source/
// regional-prices-2026-12-02.md) gives for its region: §1 ALB, §2 NAT, §3
// EBS gp3, §4 RDS gp3 Multi-AZ storage, §5 public IPv4, §6 egress and
// inter-AZ; EC2 m5.large in Seoul from its "Bonus" list (e2v-ec2), elsewhere
// and RDS db.r5.large postgres Multi-AZ from coroot's 2024-08-09 file
// (catalog/source/coroot-cloud-pricing-2024-08-09.json.gz, read with
// python's json and gzip). The quantities are web-asg-rds's (see
// TestWebASGRDSTotal): ALB 730 h, 5,045.76 LCU-h, 2 LB addresses and 2 NAT
// addresses × 730 h, 1,460 instance hours, 40 GB-months of root volume,
// 730 db hours, 100 GB of storage, 1,460 NAT hours, 946.08 GB between AZs
// and 4,945.76 GB of egress (5,045.76 less the free 100 GB), all in the
// first 10 TB.
func TestRegionalStacksComplete(t *testing.T) {
	type prices struct{ alb, lcu, ec2, ebs, rds, storage, nat, egress float64 }
	for _, c := range []struct {
		region string
		p      prices
		want   float64
		approx int    // priced items flagged approximate
		ec2src string // the newer feed in Seoul, coroot's 2024 file elsewhere
	}{
		// 16.425 + 40.36608 + 7.3 + 172.28 + 3.648 + 438 + 26.2 + 86.14 + 7.3 + 9.4608 + 623.16576
		{"ap-northeast-2", prices{0.0225, 0.008, 0.118, 0.0912, 0.6, 0.262, 0.059, 0.126}, 1430.28564, 0, "e2v-ec2"},
		// 19.71 + 40.36608 + 7.3 + 179.58 + 3.808 + 445.3 + 27.4 + 75.92 + 7.3 + 9.4608 + 445.1184
		{"eu-central-1", prices{0.027, 0.008, 0.123, 0.0952, 0.61, 0.274, 0.052, 0.09}, 1261.26328, 1, "coroot"},
		// 24.82 + 55.50336 + 7.3 + 223.38 + 6.08 + 764.31 + 43.8 + 135.78 + 7.3 + 9.4608 + 741.864
		{"sa-east-1", prices{0.034, 0.011, 0.153, 0.152, 1.047, 0.438, 0.093, 0.15}, 2019.59816, 1, "coroot"},
	} {
		t.Run(c.region, func(t *testing.T) {
			e := pricing.Price(loadFile(t, "testdata/regional/"+c.region+".cue"), nil, pricing.Options{})
			if e.Partial || len(e.Missing) != 0 {
				t.Fatalf("partial: %v", e.Missing)
			}
			p := c.p
			sum := 730*p.alb + 5045.76*p.lcu + 1460*0.005 + 1460*p.ec2 + 40*p.ebs + 730*p.rds + 100*p.storage +
				1460*p.nat + 1460*0.005 + 946.08*0.01 + 4945.76*p.egress
			if math.Abs(sum-c.want) > 1e-6 {
				t.Fatalf("hand sum %v ≠ %v: the table is wrong", sum, c.want)
			}
			if !near(e.MonthlyUSD, c.want) || len(e.Items) != 11 {
				t.Errorf("total %v over %d items, want %v over 11", e.MonthlyUSD, len(e.Items), c.want)
			}
			checkItem(t, item(t, e, "alb", "ALB hours"), 730, p.alb, 730*p.alb, "qpw-elb")
			checkItem(t, item(t, e, "db", "storage"), 100, p.storage, 100*p.storage, "qpw-rds")
			checkItem(t, item(t, e, "network", "NAT gateway hours"), 1460, p.nat, 1460*p.nat, "e2v-nat")
			checkItem(t, item(t, e, "network", "internet data transfer out (first 10 TB)"), 4945.76, p.egress, 4945.76*p.egress, "e2v-dt")
			checkItem(t, item(t, e, "app", "instance hours"), 1460, p.ec2, 1460*p.ec2, c.ec2src)
			if e.Approximate != c.approx {
				t.Errorf("%d approximate prices, want %d", e.Approximate, c.approx)
			}
		})
	}
}
