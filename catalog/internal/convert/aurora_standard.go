package convert

import (
	"fmt"
	"math"
)

// coroot's Aurora instance prices mix two offers: for each (region, engine,
// class) it kept either the Aurora Standard price or the I/O-Optimized one,
// which AWS sets 30 % higher (aws.amazon.com/rds/aurora/pricing: "I/O-Optimized
// … instance pricing … 30% higher"). Infracost's golden test
// rds_cluster_instance_test (commit 9af2bd33b3912f729c782c51b478abac7b5db3ca)
// bills db.t3.large Aurora MySQL and PostgreSQL in us-east-1 at $119.72 a
// month ($0.164 an hour) where coroot has $0.213 = 1.3 × 0.164 for both.
// infralint prices Aurora Standard, so each I/O-Optimized figure is divided
// by ioOptimizedFactor. Which offer a figure is:
//  1. when the other Aurora engine has the same class at 1.3 × (or 1/1.3 ×)
//     this price, the lower of the two is Standard (282 such pairs: the
//     higher ÷ 1.3, rounded to 3 decimals, reproduces the lower within 0.3 %,
//     median 0);
//  2. else by its ratio to RDS for MySQL's single-AZ price of the class in
//     the region, which is bimodal in coroot's data: 1.11–1.27 for Standard,
//     1.43–1.65 for I/O-Optimized, nothing between (2,043 figures; the rule
//     agrees with 269 of the 270 pairs of step 1 that have an RDS price);
//  3. else (no RDS price for the class) it is kept, and counted as unchecked.
const (
	ioOptimizedFactor = 1.3
	// ioOptimizedAboveRDS separates the two modes of step 2.
	ioOptimizedAboveRDS = 1.35
)

// auroraCount tallies the classification for the tables' approximate reason.
type auroraCount struct{ total, divided, unchecked int }

// standard returns the Aurora Standard single-AZ price of class.
func (n *auroraCount) standard(c *coroot, region, engine, class string) float64 {
	price := c.singleAZ(region, engine, class)
	n.total++
	other := "aurora-postgresql"
	if engine == other {
		other = "aurora-mysql"
	}
	if o := c.singleAZ(region, other, class); o > 0 {
		switch {
		case near(price/o, ioOptimizedFactor):
			return n.divide(price)
		case near(o/price, ioOptimizedFactor):
			return price
		}
	}
	rds := c.singleAZ(region, "mysql", class)
	switch {
	case rds <= 0:
		n.unchecked++
		return price
	case price/rds > ioOptimizedAboveRDS:
		return n.divide(price)
	}
	return price
}

func (n *auroraCount) divide(price float64) float64 {
	n.divided++
	return math.Round(price/ioOptimizedFactor*1000) / 1000
}

func (n *auroraCount) reason() string {
	return fmt.Sprintf("coroot mixes Aurora Standard and I/O-Optimized (30 %% higher) prices: %d of %d were taken as I/O-Optimized and divided by 1.3; %d could not be checked (no RDS price to compare)",
		n.divided, n.total, n.unchecked)
}

// near reports whether r is within 1 % of want.
func near(r, want float64) bool { return math.Abs(r/want-1) < 0.01 }

func (c *coroot) singleAZ(region, engine, class string) float64 {
	return c.ManagedDB[region][engine][class].SingleAZ.OnDemand
}
