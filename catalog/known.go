package catalog

import (
	"iter"
	"maps"
	"slices"
	"sync"
)

// Regions returns the regions that have at least one price, sorted, without
// the pseudo-region Global.
func (c *Catalog) Regions() []string {
	var out []string
	for r := range c.prices {
		if r != Global {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out
}

// EC2Types returns the EC2 instance types that have a spec or a price in any
// region, sorted.
func (c *Catalog) EC2Types() []string {
	return c.names(maps.Keys(c.ec2), "ec2", 2, 1)
}

// RDSClasses returns the RDS instance classes priced in any region for any
// engine, sorted.
func (c *Catalog) RDSClasses() []string {
	return c.names(nil, "rds", 4, 2)
}

// RDSEngines returns the RDS engines priced in any region, sorted.
func (c *Catalog) RDSEngines() []string {
	return c.names(nil, "rds", 4, 1)
}

// ElastiCacheNodeTypes returns the ElastiCache node types that have a spec or
// a price, sorted.
func (c *Catalog) ElastiCacheNodeTypes() []string {
	return c.names(maps.Keys(c.cache), "elasticache", 3, 2)
}

// ElastiCacheEngines returns the ElastiCache engines priced in any region,
// sorted.
func (c *Catalog) ElastiCacheEngines() []string {
	return c.names(nil, "elasticache", 3, 1)
}

// names returns the sorted, distinct union of extra and segment i of every
// price key, in any region, of the given service and number of segments.
func (c *Catalog) names(extra iter.Seq[string], service string, segments, i int) []string {
	return slices.Clone(c.lists.of(listKey{service, segments, i}, func() []string { return c.scanNames(extra, service, segments, i) }))
}

// nameLists holds each list names has made: making one scans every region's
// prices (a few milliseconds), and one check asks for the EC2 types from
// validation, the search for cheaper types and the sweeps.
type nameLists struct {
	mu    sync.Mutex
	lists map[listKey][]string
}

type listKey struct {
	service     string
	segments, i int
}

func (nl *nameLists) of(k listKey, scan func() []string) []string {
	nl.mu.Lock()
	defer nl.mu.Unlock()
	if l, ok := nl.lists[k]; ok {
		return l
	}
	if nl.lists == nil {
		nl.lists = map[listKey][]string{}
	}
	nl.lists[k] = scan()
	return nl.lists[k]
}

func (c *Catalog) scanNames(extra iter.Seq[string], service string, segments, i int) []string {
	set := map[string]bool{}
	if extra != nil {
		for n := range extra {
			set[n] = true
		}
	}
	for _, r := range c.prices {
		r.eachSegment(service, segments, i, func(name []byte) {
			if !set[string(name)] { // no allocation for a name seen before
				set[string(name)] = true
			}
		})
	}
	return keysOf(set)
}

// keysOf returns m's keys, sorted.
func keysOf[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// KnownRegions is Default().Regions().
func KnownRegions() []string { return Default().Regions() }

// KnownEC2Types is Default().EC2Types().
func KnownEC2Types() []string { return Default().EC2Types() }

// KnownRDSClasses is Default().RDSClasses().
func KnownRDSClasses() []string { return Default().RDSClasses() }

// KnownRDSEngines is Default().RDSEngines().
func KnownRDSEngines() []string { return Default().RDSEngines() }

// KnownElastiCacheNodeTypes is Default().ElastiCacheNodeTypes().
func KnownElastiCacheNodeTypes() []string { return Default().ElastiCacheNodeTypes() }

// KnownElastiCacheEngines is Default().ElastiCacheEngines().
func KnownElastiCacheEngines() []string { return Default().ElastiCacheEngines() }

// SizedEC2Types are the instance types whose vCPU count the catalog
// knows: the only ones worth suggesting where a count is needed.
func (c *Catalog) SizedEC2Types() []string {
	var out []string
	for _, t := range c.EC2Types() {
		if spec, _ := c.EC2Spec(t); spec.VCPU >= 1 {
			out = append(out, t)
		}
	}
	return out
}
