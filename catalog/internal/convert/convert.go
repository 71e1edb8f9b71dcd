// Package convert builds catalog/snapshot.json from the data files in
// catalog/source. It is used by `go generate` (catalog/internal/gen) and by the
// catalog test that fails when snapshot.json is stale.
//
// What it does to the data, in short (catalog/source/PROVENANCE.md has the
// long form):
//   - EC2 us-east-1 prices come only from Karpenter's list.
//   - EC2 prices for other regions come from coroot and are marked approximate,
//     because coroot ignores tenancy; the reason quotes how many us-east-1
//     types coroot gets wrong compared with Karpenter.
//   - coroot's dotless family keys ("m5") and zero prices (no offer) are dropped.
//   - coroot's egress values are float32 noise around a short decimal; each is
//     replaced by the shortest decimal that the same float32 prints as.
//   - the regional price list (regional-prices-*.tsv) gives ALB, NLB, NAT,
//     EBS, RDS storage, public IPv4, egress tiers, inter-AZ and CloudFront
//     prices, each row under its own source; its EC2 rows replace coroot's
//     figures for the same region and type, and its egress rows coroot's
//     first tier in the regions it covers.
//   - Aurora storage comes from AWS's RDS storage feed (aurora.go).
//   - the Apple-silicon mac types, which the spec source reports as amd64, get
//     arch arm64.
package convert

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"sort"
	"strings"

	"github.com/infralint/infralint/catalog/internal/format"
)

// Source file names inside the source directory.
const (
	sourcesFile     = "sources.json"
	corootFile      = "coroot-cloud-pricing-2024-08-09.json.gz"
	karpenterFile   = "ec2-ondemand-us-east-1-2026-07-20.tsv"
	specsFile       = "ec2-specs-2026-01-22.tsv"
	elastiCacheFile = "elasticache-instances-2025-04-24.json"
	factsFile       = "infracost-facts.tsv"
)

// Build reads the source files in src and returns the bytes of snapshot.json.
func Build(src fs.FS) ([]byte, error) {
	f, err := build(src)
	if err != nil {
		return nil, err
	}
	if err := check(f); err != nil {
		return nil, err
	}
	return format.Encode(f)
}

func build(src fs.FS) (*format.File, error) {
	f := &format.File{Format: format.Version}
	if err := readJSON(src, sourcesFile, &f.Sources); err != nil {
		return nil, err
	}
	var err error
	if f.Specs.EC2, err = ec2Specs(src); err != nil {
		return nil, err
	}
	karpenter, err := karpenterPrices(src)
	if err != nil {
		return nil, err
	}
	f.Tables = append(f.Tables, karpenter)

	c, err := readCoroot(src)
	if err != nil {
		return nil, err
	}
	regional, newerEC2, err := regionalTables(src, f.Sources)
	if err != nil {
		return nil, err
	}
	f.Tables = append(f.Tables, regional...)
	f.Tables = append(f.Tables, c.ec2Table(karpenter.Regions[usEast1], newerEC2))
	f.Tables = append(f.Tables, c.rdsTables()...)
	f.Tables = append(f.Tables, c.egressTable(tableRegions(regional, "egress/*")))
	aurora, err := auroraStorage(src)
	if err != nil {
		return nil, err
	}
	f.Tables = append(f.Tables, aurora)

	cacheSpecs, cacheTables, err := elastiCache(src)
	if err != nil {
		return nil, err
	}
	f.Specs.ElastiCache = cacheSpecs
	f.Tables = append(f.Tables, cacheTables...)

	facts, err := factTables(src)
	if err != nil {
		return nil, err
	}
	f.Tables = append(f.Tables, facts...)

	sort.Slice(f.Tables, func(i, j int) bool {
		a, b := f.Tables[i], f.Tables[j]
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		return a.Source < b.Source
	})
	return f, nil
}

const usEast1 = "us-east-1"

// check rejects what the catalog would reject on load, so that a bad source
// fails at generation time rather than at start-up.
func check(f *format.File) error {
	var errs []error
	seen := map[string]string{} // region + " " + key → table key
	for _, t := range f.Tables {
		if strings.Count(t.Key, "*") != 1 {
			errs = append(errs, fmt.Errorf("table %q: key needs exactly one *", t.Key))
		}
		if _, ok := f.Sources[t.Source]; !ok {
			errs = append(errs, fmt.Errorf("table %q: unknown source %q", t.Key, t.Source))
		}
		for region, items := range t.Regions {
			for item, usd := range items {
				key := strings.Replace(t.Key, "*", item, 1)
				if !(usd > 0) || math.IsInf(usd, 0) {
					errs = append(errs, fmt.Errorf("%s %s: price %v is not positive", region, key, usd))
				}
				id := region + " " + key
				if prev, dup := seen[id]; dup {
					errs = append(errs, fmt.Errorf("%s %s: in tables %q and %q", region, key, prev, t.Key))
				}
				seen[id] = t.Key
			}
		}
	}
	for _, s := range []string{f.Specs.EC2.Source, f.Specs.ElastiCache.Source} {
		if _, ok := f.Sources[s]; !ok {
			errs = append(errs, fmt.Errorf("specs: unknown source %q", s))
		}
	}
	return errors.Join(errs...)
}

func readJSON(src fs.FS, name string, v any) error {
	b, err := fs.ReadFile(src, name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// tableRegions returns the regions of the tables with the given key.
func tableRegions(tables []format.Table, key string) map[string]bool {
	regions := map[string]bool{}
	for _, t := range tables {
		if t.Key == key {
			for r := range t.Regions {
				regions[r] = true
			}
		}
	}
	return regions
}

// put stores usd under region and item, creating the region's map.
func put(t *format.Table, region, item string, usd float64) {
	if t.Regions == nil {
		t.Regions = map[string]map[string]float64{}
	}
	if t.Regions[region] == nil {
		t.Regions[region] = map[string]float64{}
	}
	t.Regions[region][item] = usd
}
