package catalog

import (
	"fmt"
	"strings"

	"github.com/infralint/infralint/catalog/internal/format"
)

// parseSnapshot builds a Catalog from the bytes of snapshot.json: sources,
// specs and where each region's prices are; a region's prices are parsed
// when first asked for (see regionPrices).
func parseSnapshot(data []byte) (*Catalog, error) {
	f, err := format.Split(data)
	if err != nil {
		return nil, err
	}
	if f.Format != format.Version {
		return nil, fmt.Errorf("format %d, want %d", f.Format, format.Version)
	}
	c := &Catalog{
		sources: make(map[string]Source, len(f.Sources)),
		prices:  map[string]*regionPrices{},
		ec2:     make(map[string]InstanceSpec, len(f.Specs.EC2.Types)),
		cache:   make(map[string]CacheNodeSpec, len(f.Specs.ElastiCache.Types)),
	}
	for id, s := range f.Sources {
		c.sources[id] = Source{ID: id, Title: s.Title, Repo: s.Repo, Path: s.Path, Commit: s.Commit,
			Date: s.Date, DateNote: s.DateNote, License: s.License, Files: s.Files}
	}
	for t, s := range f.Specs.EC2.Types {
		c.ec2[t] = InstanceSpec{Type: t, VCPU: s.VCPU, MemoryMiB: s.MemoryMiB, Arch: s.Arch, Source: f.Specs.EC2.Source}
	}
	for t, s := range f.Specs.ElastiCache.Types {
		c.cache[t] = CacheNodeSpec{Type: t, VCPU: s.VCPU, MemoryGiB: s.MemoryGiB, Source: f.Specs.ElastiCache.Source}
	}
	for _, t := range f.Tables {
		src, ok := c.sources[t.Source]
		if !ok {
			return nil, fmt.Errorf("table %q: unknown source %q", t.Key, t.Source)
		}
		prefix, suffix, ok := strings.Cut(t.Key, "*")
		if !ok {
			return nil, fmt.Errorf("table %q: key has no *", t.Key)
		}
		price := Price{Source: t.Source, Date: src.Date, Approximate: t.Approximate != "", Reason: t.Approximate}
		for region, items := range t.Regions {
			r := c.prices[region]
			if r == nil {
				r = &regionPrices{}
				c.prices[region] = r
			}
			r.parts = append(r.parts, snapshotPart{prefix: prefix, suffix: suffix, price: price, items: items})
		}
	}
	return c, nil
}
