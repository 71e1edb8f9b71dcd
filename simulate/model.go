package simulate

import (
	"fmt"
	"math"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/schema"
)

// The stack read as queues (docs/simulation.md). Times are seconds.

// cacheRoundTrip is what a cache call costs, hit or miss, before a
// miss's query: the 0.5 ms round trip of docs/capacity-model.md.
const cacheRoundTrip = 0.0005

type tierModel struct {
	name      string
	eventLoop bool
	// slots: workers per instance (processes × threads), or an event
	// loop's in-flight limit (processes × concurrency, 0: none).
	slots      int
	cpuServers int // vCPUs; an event loop's min(processes, vCPUs)
	vcpu       int
	cpu, wait  dist
	sigma      float64
	kappa      float64
	contended  bool
	calls      []callModel
	hosted     int // database index this tier hosts, or -1
}

type callModel struct {
	per   float64 // per_request
	route *route
	// Cache reads: hit indexes model.hits (-1: not a cached read), db
	// the backing database a miss queries (-1: none), missQueries how
	// many queries, in sequence, one miss costs (the data set's
	// miss_queries: by default one per source; a fraction is a Bernoulli
	// extra query, as per_request is).
	hit         int
	db          int
	missQueries float64
}

// cachedRead is one (cache, data set) that calls read: its key in
// Scenario.HitRatio and the hit ratio computed from the data set's
// declared rates when the scenario gives none.
type cachedRead struct {
	key      string
	declared float64
}

type routeKind uint8

const (
	toNothing routeKind = iota
	toTier
	toLB
	toCDN
	toQueue
	toDB
	toCache
)

// route is where a request sent to a component goes.
type route struct {
	kind  routeKind
	index int      // tier or database index
	subs  []*route // a load balancer's targets, a queue's consumers, a CDN's origin
	pass  float64  // a CDN's miss share (1 − hit_ratio)
}

type dbModel struct {
	name    string
	servers int // vCPUs of its class; for a hosted one, unused
	host    int // hosting tier, or -1
	query   dist
}

type source struct {
	rate  float64 // at rps = 1 for entries, absolute for declared jobs
	jobs  bool
	route *route
}

type model struct {
	stack   *schema.Stack
	tiers   []*tierModel
	dbs     []*dbModel
	tierIdx map[string]int
	dbIdx   map[string]int
	sources []source
	hits    []cachedRead
	hitIdx  map[string]int
}

func build(s *schema.Stack, cat *catalog.Catalog) (*model, error) {
	m := &model{stack: s, tierIdx: map[string]int{}, dbIdx: map[string]int{}, hitIdx: map[string]int{}}
	for _, c := range s.OfKind(schema.KindDatabase) {
		d := &dbModel{name: c.Name, host: -1, query: newDist(c.Database.QueryMs/1000, 1)}
		if h := s.HostOf(c.Name); h == nil {
			spec, ok := cat.RDSSpec(c.Database.InstanceClass)
			if !ok || spec.VCPU < 1 {
				return nil, fmt.Errorf("%w: database %q: no vCPU count for class %q", ErrInvalid, c.Name, c.Database.InstanceClass)
			}
			d.servers = spec.VCPU
		}
		m.dbIdx[c.Name] = len(m.dbs)
		m.dbs = append(m.dbs, d)
	}
	for _, c := range s.OfKind(schema.KindCompute) {
		cp := c.Compute
		if !cp.Modelled() {
			continue
		}
		vcpu, ok := cp.VCPUCount(cat)
		if !ok {
			return nil, fmt.Errorf("%w: tier %q: no vCPU count for instance type %q", ErrInvalid, c.Name, cp.InstanceType)
		}
		w := cp.Workers
		t := &tierModel{
			name: c.Name, eventLoop: w.EventLoop(), slots: w.Total(), vcpu: vcpu, cpuServers: vcpu,
			cpu: newDist(cp.Demand.CPUms/1000, cp.Demand.CV), wait: newDist(cp.Demand.WaitMs/1000, cp.Demand.CV),
			sigma: cp.Contention.Sigma, kappa: cp.Contention.Kappa, hosted: -1,
		}
		t.contended = t.sigma > 0 || t.kappa > 0
		for _, h := range cp.Hosts {
			if i, ok := m.dbIdx[h]; ok {
				t.hosted = i
			}
		}
		if t.eventLoop && t.hosted < 0 {
			// One thread per process runs at most one vCPU; a hosted
			// database's own processes use them all (capacity-model.md).
			t.cpuServers = min(w.Processes, vcpu)
		}
		if !t.eventLoop && t.slots < 1 || t.cpuServers < 1 {
			return nil, fmt.Errorf("%w: tier %q has no workers", ErrInvalid, c.Name)
		}
		m.tierIdx[c.Name] = len(m.tiers)
		m.tiers = append(m.tiers, t)
	}
	for name, i := range m.dbIdx {
		if h := s.HostOf(name); h != nil {
			ti, ok := m.tierIdx[h.Name]
			if !ok {
				return nil, fmt.Errorf("%w: database %q is hosted by %q, which models no requests", ErrInvalid, name, h.Name)
			}
			m.dbs[i].host = ti
		}
	}
	routes := map[string]*route{}
	for _, t := range m.tiers {
		cp := s.Components[t.name].Compute
		backing := -1
		for _, call := range cp.Calls {
			if i, ok := m.dbIdx[call.Target]; ok {
				backing = i
				break
			}
		}
		if backing < 0 {
			backing = t.hosted
		}
		for _, call := range cp.Calls {
			cm := callModel{per: call.PerRequest, route: m.route(call.Target, routes, 0), hit: -1, db: -1}
			if c := s.Components[call.Target]; c != nil && c.Cache != nil && call.Data != "" && backing >= 0 {
				if ds := c.Cache.Data[call.Data]; ds != nil {
					cm.hit, cm.db, cm.missQueries = m.cachedRead(call.Target, call.Data, ds), backing, ds.MissQueries
				}
			}
			t.calls = append(t.calls, cm)
		}
	}
	for _, e := range s.Entries() {
		if e.Share > 0 {
			m.sources = append(m.sources, source{rate: e.Share, route: m.route(e.Name, routes, 0)})
		}
	}
	for _, c := range s.OfKind(schema.KindCompute) {
		if c.Compute.Serves == schema.ServesJobs && c.Compute.Jobs != nil && c.Compute.Jobs.PerS > 0 {
			m.sources = append(m.sources, source{rate: c.Compute.Jobs.PerS, jobs: true, route: m.route(c.Name, routes, 0)})
		}
	}
	return m, nil
}

// visits is the expected number of tier and database visits (requests,
// queries, cache round trips) one arrival makes, from the traffic graph's
// rates: what a scenario's event budget scales with.
func (m *model) visits() float64 {
	rates := m.stack.Rates(1)
	in, n := 0.0, 0.0
	for _, e := range m.stack.Entries() {
		in += e.Share
	}
	for _, src := range m.sources {
		if src.jobs {
			in += src.rate
		}
	}
	for name, r := range rates {
		if c := m.stack.Components[name]; c != nil && (c.Compute != nil || c.Database != nil || c.Cache != nil) {
			n += r
		}
	}
	if !(in > 0) || !(n > in) {
		return 1
	}
	return n / in
}

// route resolves where traffic sent to name goes; the loader has
// rejected cycles, so depth only guards against a bug.
func (m *model) route(name string, memo map[string]*route, depth int) *route {
	if r, ok := memo[name]; ok {
		return r
	}
	r := &route{kind: toNothing}
	c := m.stack.Components[name]
	switch {
	case c == nil || depth > 1000:
	case c.Compute != nil:
		if i, ok := m.tierIdx[name]; ok {
			r = &route{kind: toTier, index: i}
		}
	case c.LB != nil:
		r = &route{kind: toLB}
		for _, t := range c.LB.Targets {
			r.subs = append(r.subs, m.route(t, memo, depth+1))
		}
	case c.CDN != nil:
		r = &route{kind: toCDN, pass: 1 - c.CDN.HitRatio, subs: []*route{m.route(c.CDN.Origin, memo, depth+1)}}
	case c.Queue != nil:
		r = &route{kind: toQueue}
		for _, t := range c.Queue.Consumers {
			r.subs = append(r.subs, m.route(t, memo, depth+1))
		}
	case c.Database != nil:
		r = &route{kind: toDB, index: m.dbIdx[name]}
	case c.Cache != nil:
		r = &route{kind: toCache}
	}
	memo[name] = r
	return r
}

// cachedRead indexes the data set's hit ratio, adding it once.
func (m *model) cachedRead(cache, data string, ds *schema.DataSet) int {
	key := HitRatioKey(cache, data)
	if i, ok := m.hitIdx[key]; ok {
		return i
	}
	m.hitIdx[key] = len(m.hits)
	m.hits = append(m.hits, cachedRead{key: key, declared: hitRatio(ds)})
	return len(m.hits) - 1
}

// HitRatioKey is the key of a data set in Scenario.HitRatio.
func HitRatioKey(cache, data string) string { return cache + "/" + data }

// hitRatio is the cache's modelled hit ratio, the renewal formula of
// docs/caching.md (Jung, Berger and Balakrishnan 2003, with exponential
// invalidation): h = H/(1+H), H = r(1 − e^{−wT})/w per key, from the
// declared reads_per_s. It is the fallback when a scenario gives no hit
// ratio: the simulator takes the hit ratio as an input rather than
// simulating the keys (docs/simulation.md#what-is-simulated).
func hitRatio(ds *schema.DataSet) float64 {
	if !(ds.ReadsPerS > 0) || !(ds.TTLs > 0) || ds.Keys < 1 || !(ds.InvalidationsPerS() >= 0) {
		return 0
	}
	r := ds.ReadsPerS / float64(ds.Keys)
	w := ds.InvalidationsPerS() / float64(ds.Keys)
	hits := r * ds.TTLs
	if w > 0 {
		hits = r * -math.Expm1(-w*ds.TTLs) / w
	}
	if math.IsInf(hits, 1) {
		return 1
	}
	return hits / (1 + hits)
}
