package rules

import (
	"fmt"
	"maps"
	"slices"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/schema"
)

// The rules in this file ask what one failure takes down.

var ruleAvailDBSingleAZ = &Rule{
	ID:       "AVAIL001",
	Name:     "database-in-one-az",
	Severity: Warning,
	Summary:  "A managed database runs in one AZ, with no standby",
	Docs: `A single-AZ RDS instance is one server in one zone. When the zone, the host
or its storage fails, every request that queries it fails until the instance
is restored, from a backup if the storage is lost: minutes to hours, and
the writes since the last backup. Multi-AZ keeps a synchronous standby in
another zone and fails over to it in a minute or two. infralint does not
model read replicas; a replica that would be promoted by hand is a
recovery plan, not a standby (say so with a suppression).

A database hosted on an app server is reported by ARCH001 instead.
A stack that is not production (a staging or test copy) can suppress it.

Fix: multi_az: true (it doubles the instance and storage price, which the
cost estimate shows).`,
	Check: func(p *Pass) {
		for _, db := range p.Stack.OfKind(schema.KindDatabase) {
			if db.Database.MultiAZ || p.Stack.HostOf(db.Name) != nil {
				continue
			}
			p.Report(componentPath(db.Name, "multi_az"), "set multi_az: true",
				"database %q runs in one AZ with no standby: when its zone or host fails, every request that queries it fails until it is restored", db.Name)
		}
	},
}

var ruleAvailCacheSingleNode = &Rule{
	ID:       "AVAIL002",
	Name:     "cache-on-one-node",
	Severity: Warning,
	Requires: []Need{NeedCapacity},
	Summary:  "A cache runs on one node, and its loss sends every read it answers to the sources",
	Docs: `A cache of one node has no replica. When the node fails, is replaced for
maintenance, or its AZ is lost, the cache is empty: every read it answered
goes to its sources at once, and it fills again only as the misses come
in. The capacity model says what that costs: for each cached data set,
the hits it stops answering become queries to the database the caller
reads on a miss (the first database in its calls, else the one it hosts),
and the rule says whether that database still holds the peak with them
(CPU utilisation under the target) or saturates, which turns a cache
failure into an outage.

Fix: nodes: 2 or more (a replica in another AZ for Redis and Valkey; for
Memcached, keys spread over the nodes, so one lost sends only its share to
the sources). When the database would not hold the misses, give it a
class that would as well: the cache is then load-bearing, and a node lost
while the replica is rebuilt takes the stack down with it.`,
	Check: func(p *Pass) {
		for _, c := range p.Stack.OfKind(schema.KindCache) {
			if c.Cache.Nodes > 1 {
				continue
			}
			msg := fmt.Sprintf("cache %q runs on one node with no replica: when it fails, every read it answers goes to its sources", c.Name)
			fix := "set nodes: 2 (a replica in another AZ)"
			for _, lost := range cacheLost(p.Stack, p.Capacity, c.Name) {
				msg += "; " + lost.describe(p.Capacity.TargetUtilization)
				if lost.cpu >= 1 {
					fix = fmt.Sprintf("set nodes: 2 (a replica in another AZ), and give database %q a class that holds the misses", lost.db)
				}
			}
			p.Report(componentPath(c.Name, "nodes"), fix, "%s", msg)
		}
	},
}

// dbWithoutCache is one database at peak when a cache is lost: the hits
// the cache answered become its queries.
type dbWithoutCache struct {
	db            string
	extra, total  float64 // queries/s at peak: added, and in all
	cpu, cpuToday float64 // CPU utilisation with the misses, and as modelled
}

func (d dbWithoutCache) describe(target float64) string {
	state := "it holds"
	switch {
	case d.cpu >= 1:
		state = "saturated: queries queue without bound"
	case d.cpu > target:
		state = "above the " + humanize.Percent(target) + " target"
	}
	return fmt.Sprintf("database %q then takes %s more queries/s at peak (%s in all), CPU utilisation %s instead of %s: %s",
		d.db, humanize.Figure(d.extra), humanize.Figure(d.total), humanize.Percent(d.cpu), humanize.Percent(d.cpuToday), state)
}

// cacheLost computes, from the model's peak figures, each database's load
// once cache is empty: each read it answered becomes a miss costing its
// data set's miss_queries. A database is an M/M/c queue of its vCPUs with
// service time query_ms, so each added query/s adds query_ms/1000/vCPU to
// its utilisation; the callers' own figures are not re-evaluated (their
// requests slow down by the database's wait, which CAP001 and CAP002
// would then report).
func cacheLost(s *schema.Stack, model *capacity.Result, cache string) []dbWithoutCache {
	extra := map[string]float64{}
	ds := model.Cache(cache)
	if ds == nil {
		return nil
	}
	hit, missQueries := map[string]float64{}, map[string]float64{}
	for _, d := range ds.DataSets {
		hit[d.Name], missQueries[d.Name] = d.HitRatio, d.MissQueries
	}
	for _, c := range s.OfKind(schema.KindCompute) {
		db := missesGoTo(s, c)
		tier := model.Tier(c.Name)
		if db == "" || tier == nil || tier.Scenario(capacity.ScenarioPeak) == nil {
			continue
		}
		rps := tier.Scenario(capacity.ScenarioPeak).RPS
		for _, call := range c.Compute.Calls {
			if call.Target == cache && call.Data != "" {
				extra[db] += rps * call.PerRequest * hit[call.Data] * missQueries[call.Data]
			}
		}
	}
	var out []dbWithoutCache
	for _, name := range slices.Sorted(maps.Keys(extra)) {
		d := model.Database(name)
		sc := (*capacity.Scenario)(nil)
		if d != nil {
			sc = d.Scenario(capacity.ScenarioPeak)
		}
		if sc == nil || d.VCPU < 1 || extra[name] == 0 {
			continue
		}
		out = append(out, dbWithoutCache{
			db: name, extra: extra[name], total: sc.RPS + extra[name],
			cpu: sc.CPUUtilization + extra[name]*d.QueryMs/1000/float64(d.VCPU), cpuToday: sc.CPUUtilization,
		})
	}
	return out
}

// missesGoTo is the database a compute tier reads on a cache miss, as the
// capacity model has it: the first database it calls, else the one it
// hosts; "" when none.
func missesGoTo(s *schema.Stack, c *schema.Component) string {
	for _, call := range c.Compute.Calls {
		if t := s.Components[call.Target]; t != nil && t.Kind == schema.KindDatabase {
			return call.Target
		}
	}
	for _, h := range c.Compute.Hosts {
		if t := s.Components[h]; t != nil && t.Kind == schema.KindDatabase {
			return h
		}
	}
	return ""
}
