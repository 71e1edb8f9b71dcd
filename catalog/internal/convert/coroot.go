package convert

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/infralint/infralint/catalog/internal/format"
)

type onDemand struct {
	OnDemand float64 `json:"on_demand"`
}

// coroot is the AWS part of coroot's cloud-pricing.json.
type coroot struct {
	// Compute: region → instance type → price.
	Compute map[string]map[string]onDemand `json:"compute"`
	// ManagedDB: region → engine → db class → deployment → price.
	ManagedDB map[string]map[string]map[string]struct {
		SingleAZ onDemand `json:"single_az"`
		MultiAZ  onDemand `json:"multi_az"`
	} `json:"managed_db"`
	// InternetEgress: region → first GB of the tier → USD per GB.
	InternetEgress map[string]map[string]float64 `json:"internet_egress"`
}

func readCoroot(src fs.FS) (*coroot, error) {
	fh, err := src.Open(corootFile)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	zr, err := gzip.NewReader(fh)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", corootFile, err)
	}
	var doc struct {
		AWS coroot `json:"aws"`
	}
	if err := json.NewDecoder(zr).Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: %w", corootFile, err)
	}
	return &doc.AWS, nil
}

// ec2Table returns coroot's EC2 prices outside us-east-1, marked approximate,
// but for the (region, type) pairs in newer, which a newer source prices.
// karpenter holds the us-east-1 prices that the reason is measured against.
func (c *coroot) ec2Table(karpenter map[string]float64, newer map[string]map[string]bool) format.Table {
	shared, differ := 0, 0
	for typ, p := range c.Compute[usEast1] {
		if k, ok := karpenter[typ]; ok {
			shared++
			if p.OnDemand != k {
				differ++
			}
		}
	}
	t := format.Table{
		Key:    "ec2/*",
		Source: "coroot",
		Approximate: fmt.Sprintf("coroot ignores tenancy; ~%d%% of types differ in us-east-1 (%d of %d checked against Karpenter)",
			(100*differ+shared/2)/max(shared, 1), differ, shared),
	}
	for region, types := range c.Compute {
		if region == usEast1 {
			continue // Karpenter's list is authoritative there.
		}
		for typ, p := range types {
			// Dotless keys ("m5") are family aggregates, not instance types.
			if strings.Contains(typ, ".") && p.OnDemand > 0 && !newer[region][typ] {
				put(&t, region, typ, p.OnDemand)
			}
		}
	}
	return t
}

// rdsTables returns one table per engine and deployment. coroot writes 0 where
// there is no price (Aurora has no Multi-AZ deployment price at all); those
// are left out.
func (c *coroot) rdsTables() []format.Table {
	tables := map[string]*format.Table{}
	add := func(engine, az, region, class string, usd float64) {
		if usd <= 0 {
			return
		}
		key := "rds/" + engine + "/*/" + az
		if tables[key] == nil {
			tables[key] = &format.Table{Key: key, Source: "coroot"}
		}
		put(tables[key], region, class, usd)
	}
	var aurora auroraCount
	for region, engines := range c.ManagedDB {
		for engine, classes := range engines {
			for class, p := range classes {
				single := p.SingleAZ.OnDemand
				if strings.HasPrefix(engine, "aurora-") && single > 0 {
					single = aurora.standard(c, region, engine, class)
				}
				add(engine, "single-az", region, class, single)
				add(engine, "multi-az", region, class, p.MultiAZ.OnDemand)
			}
		}
	}
	out := make([]format.Table, 0, len(tables))
	for _, t := range tables {
		if strings.HasPrefix(t.Key, "rds/aurora-") {
			t.Approximate = aurora.reason()
		}
		out = append(out, *t)
	}
	return out // build sorts all tables
}

// egressTable returns the first-tier ("0" GB onwards) internet egress price
// per region, cleaned of float32 noise, in the regions the newer regional
// list does not cover (there it has every tier).
func (c *coroot) egressTable(covered map[string]bool) format.Table {
	t := format.Table{Key: "egress/*", Source: "coroot"}
	for region, tiers := range c.InternetEgress {
		if usd, ok := tiers["0"]; ok && usd > 0 && !covered[region] {
			put(&t, region, "first-10tb/gb", cleanFloat32(usd))
		}
	}
	return t
}

// cleanFloat32 undoes float32 storage noise: 0.09000000357627869 is the
// float32 nearest 0.09 widened to float64. The shortest decimal that prints
// the same float32 ("0.09") is the value that was meant.
func cleanFloat32(v float64) float64 {
	s := strconv.FormatFloat(float64(float32(v)), 'g', -1, 32)
	clean, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic(err) // FormatFloat output always parses
	}
	return clean
}
