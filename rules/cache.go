package rules

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/internal/humanize"
)

// The rules in this file read Input.Capacity (the queueing model, see
// package capacity) and so require NeedCapacity.

// defaultCacheHitFloor is the hit ratio below which a cache does not pay
// for its memory: most reads still reach the database, plus a cache write
// (CACHE001's docs). .infralint.cue's thresholds.cache_hit_floor changes it.
const defaultCacheHitFloor = 0.5

// readHeavyShare is the workload read share from which a data set counts
// as read-heavy for CACHE002.
const readHeavyShare = 0.7

var ruleCacheLowHit = &Rule{
	ID:       "CACHE001",
	Name:     "cache-hit-ratio-too-low",
	Severity: Warning,
	Requires: []Need{NeedCapacity},
	Summary:  "A cached data set is modelled to hit too rarely to pay for its memory",
	Docs: `Per key, reads arrive at r and invalidating writes at w (the data set's
rates over its keys); an entry lives until its TTL or the next write. The
expected hits per fill are H = r(1 − e^(−wT))/w and the hit ratio is
h = H/(1 + H), judged at peak load with the reads the tiers calling the
data set send. A value rebuilt from many sources is invalidated by each
source's writes (writes_per_s_per_source × sources), so it is evicted
before it is read again: below a 50 % hit ratio most reads still reach
the database, plus a cache write, and each miss costs miss_queries
queries (one per source by default).

Fix: stop caching the data set, cache its sources instead, or invalidate
less (longer-lived parts, write-through).`,
	Check: func(p *Pass) {
		for _, c := range p.Capacity.Caches {
			for _, ds := range c.DataSets {
				if ds.HitRatio >= p.cacheHitFloor {
					continue
				}
				reads := ds.ReadsPerS
				if sc := ds.Scenario(capacity.ScenarioPeak); sc != nil {
					reads = sc.ReadsPerS
				}
				writes := humanize.Figure(ds.WritesPerS) + " invalidating writes/s"
				if ds.Sources > 1 {
					writes += ", " + humanize.Figure(ds.WritesPerSPerSource) + " from each of " + humanize.Plural(ds.Sources, "source")
				}
				p.Report(componentPath(c.Name, "data", ds.Name), "stop caching it, or cache its sources",
					"data set %q in %q is modelled to hit %s of reads at peak (%s reads/s; %s; %s), holding %s MiB",
					ds.Name, c.Name, humanize.Percent(ds.HitRatio), humanize.Figure(reads), writes,
					humanize.Plural(ds.Keys, "key"), humanize.Figure(ds.Bytes/(1<<20)))
			}
		}
	},
}

// cueNumber prints a rate as a stack would write it: no thousands
// separators, at most two decimals.
func cueNumber(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// readsOffFactor is how far a data set's declared reads may be from its
// callers' before CACHE004 reports them.
const readsOffFactor = 2

var ruleCacheReadsOff = &Rule{
	ID:       "CACHE004",
	Name:     "cache-reads-disagree-with-calls",
	Severity: Warning,
	Requires: []Need{NeedCapacity},
	Summary:  "A data set's declared reads_per_s is more than twice off what the tiers calling it send",
	Docs: `The capacity model takes a data set's reads from the compute tiers that
read it: each call naming it in data, times the caller's requests per
second, at each load level. More reads per key mean more hits, so the hit
ratio the capacity table shows, and the misses the database takes, follow
those calls, not reads_per_s. When the declared figure (the reads at peak)
is more than twice, or less than half, the callers' reads at peak, one of
them is wrong: the figure, a call's per_request, or the workload. A cache
chosen or judged by the declared figure is not the one modelled.

Fix: set reads_per_s to the callers' reads at peak, or correct the calls'
per_request.`,
	Check: func(p *Pass) {
		for _, c := range p.Capacity.Caches {
			for _, ds := range c.DataSets {
				called, declared := ds.CalledReadsPerS, ds.ReadsPerS
				if called == 0 || (declared*readsOffFactor >= called && called*readsOffFactor >= declared) {
					continue
				}
				var from []string
				for _, r := range ds.Readers {
					rps := 0.0
					if t := p.Capacity.Tier(r.Tier); t != nil && t.Scenario(capacity.ScenarioPeak) != nil {
						rps = t.Scenario(capacity.ScenarioPeak).RPS
					}
					from = append(from, fmt.Sprintf("%s: %s %s × %s rps", r.Tier, humanize.Figure(r.CallsPerRequest), humanize.Noun(r.CallsPerRequest, "call"), humanize.Figure(rps)))
				}
				p.Report(componentPath(c.Name, "data", ds.Name, "reads_per_s"), "set reads_per_s: "+cueNumber(called)+", or correct the calls' per_request",
					"data set %q in %q declares %s reads/s, but the tiers reading it send %s at peak (%s); the model takes theirs",
					ds.Name, c.Name, humanize.Figure(declared), humanize.Figure(called), strings.Join(from, ", "))
			}
		}
	},
}

var ruleCacheMissing = &Rule{
	ID:       "CACHE002",
	Name:     "db-bound-tier-without-cache",
	Severity: Info,
	Requires: []Need{NeedCapacity},
	Summary:  "A read-heavy tier spends most of its time in the database and calls no cache",
	Docs: `When a tier's requests spend at least half of their busy time (queueing for
a CPU aside) waiting for database queries, or the database saturates, and
the workload mostly reads (read_share at least 0.7), a cache in front of
the hot reads cuts both the response time and the database load by its
hit ratio.

Fix: add a cache component, describe the hot data set (reads, writes, TTL,
keys, item size) and route the reads through it with calls[].data; the
capacity model then shows the hit ratio and the database relief.`,
	Check: func(p *Pass) {
		if p.Stack.Workload.ReadShare < readHeavyShare {
			return
		}
		for _, t := range p.Capacity.Tiers {
			sc := t.Scenario(capacity.ScenarioPeak)
			if sc == nil || t.CacheCalls > 0 || t.DBQueries == 0 {
				continue
			}
			switch {
			case sc.Bottleneck == capacity.BottleneckDatabase:
				p.Report(componentPath(t.Name, "calls"), "put a cache in front of the hot reads",
					"tier %q (read share %s) saturates its database at peak and calls no cache", t.Name, humanize.Percent(p.Stack.Workload.ReadShare))
			case !sc.Saturated && sc.DBMs >= 0.5*(sc.ServiceMs-sc.CPUWaitMs):
				p.Report(componentPath(t.Name, "calls"), "put a cache in front of the hot reads",
					"tier %q (read share %s) spends %s of %s per request in the database at peak and calls no cache",
					t.Name, humanize.Percent(p.Stack.Workload.ReadShare), humanize.Millis(sc.DBMs), humanize.Millis(sc.ServiceMs-sc.CPUWaitMs))
			}
		}
	},
}

var ruleCacheTooSmall = &Rule{
	ID:       "CACHE003",
	Name:     "cache-data-exceeds-memory",
	Severity: Warning,
	Requires: []Need{NeedCapacity},
	Summary:  "A cache's data sets are larger than its nodes' memory",
	Docs: `The data sets a cache holds take keys × item size each. When their sum is
beyond the memory of the cache's nodes, the cache evicts entries before
they expire, so the modelled hit ratios are optimistic and the database
takes the misses.

Fix: a larger node type, more nodes (cluster mode), fewer keys, or a
shorter TTL for the cold ones.`,
	Check: func(p *Pass) {
		for _, c := range p.Capacity.Caches {
			if c.DataBytes <= float64(c.MemoryBytes) {
				continue
			}
			p.Report(componentPath(c.Name, "node_type"), "use a larger node type or more nodes",
				"cache %q holds %s MiB of data but has %s MiB of memory (%s of %s)",
				c.Name, humanize.Figure(c.DataBytes/(1<<20)), humanize.Figure(float64(c.MemoryBytes)/(1<<20)), humanize.Plural(c.Nodes, "node"), c.NodeType)
		}
	},
}
