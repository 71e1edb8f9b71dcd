package convert

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/infralint/infralint/catalog/internal/format"
)

// leanerNode is one entry of LeanerCloud's elasticache-instances.json (only
// the fields used).
type leanerNode struct {
	InstanceType string `json:"instance_type"`
	VCPU         string `json:"vcpu"`
	Memory       string `json:"memory"` // GiB
	// Pricing: region → engine ("Redis", "Memcached", "Valkey") → prices.
	Pricing map[string]map[string]struct {
		OnDemand float64 `json:"ondemand"`
	} `json:"pricing"`
}

// elastiCache returns node specs and one price table per engine.
func elastiCache(src fs.FS) (format.CacheSpecs, []format.Table, error) {
	specs := format.CacheSpecs{Source: "leanercloud", Types: map[string]format.CacheSpec{}}
	var nodes []leanerNode
	if err := readJSON(src, elastiCacheFile, &nodes); err != nil {
		return specs, nil, err
	}
	tables := map[string]*format.Table{}
	for _, n := range nodes {
		vcpu, err1 := strconv.Atoi(n.VCPU)
		gib, err2 := strconv.ParseFloat(n.Memory, 64)
		if err1 != nil || err2 != nil || vcpu <= 0 || gib <= 0 {
			return specs, nil, fmt.Errorf("%s: %s: bad vcpu %q or memory %q", elastiCacheFile, n.InstanceType, n.VCPU, n.Memory)
		}
		specs.Types[n.InstanceType] = format.CacheSpec{VCPU: vcpu, MemoryGiB: gib}
		for region, engines := range n.Pricing {
			for engine, p := range engines {
				if p.OnDemand <= 0 {
					continue
				}
				key := "elasticache/" + strings.ToLower(engine) + "/*"
				if tables[key] == nil {
					tables[key] = &format.Table{Key: key, Source: "leanercloud"}
				}
				put(tables[key], region, n.InstanceType, p.OnDemand)
			}
		}
	}
	out := make([]format.Table, 0, len(tables))
	for _, t := range tables {
		out = append(out, *t)
	}
	return specs, out, nil
}
