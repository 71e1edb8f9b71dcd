package simulate

import (
	"errors"
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
	// Cache reads: miss is the probability a call misses (1 − h), db the
	// backing database (-1: none).
	miss float64
	db   int
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
}

func build(s *schema.Stack, cat *catalog.Catalog) (*model, error) {
	if err := unsupported(s); err != nil {
		return nil, err
	}
	m := &model{stack: s, tierIdx: map[string]int{}, dbIdx: map[string]int{}}
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
		spec, ok := cat.EC2Spec(cp.InstanceType)
		if !ok || spec.VCPU < 1 {
			return nil, fmt.Errorf("%w: tier %q: no vCPU count for instance type %q", ErrInvalid, c.Name, cp.InstanceType)
		}
		w := cp.Workers
		t := &tierModel{
			name: c.Name, eventLoop: w.EventLoop(), slots: w.Total(), vcpu: spec.VCPU, cpuServers: spec.VCPU,
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
			t.cpuServers = min(w.Processes, spec.VCPU)
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
			cm := callModel{per: call.PerRequest, route: m.route(call.Target, routes, 0), db: -1}
			if c := s.Components[call.Target]; c != nil && c.Cache != nil && call.Data != "" && backing >= 0 {
				if ds := c.Cache.Data[call.Data]; ds != nil {
					cm.miss = 1 - hitRatio(ds)
					cm.db = backing
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

// hitRatio is the cache's modelled hit ratio, the renewal formula of
// docs/caching.md (Jung, Berger and Balakrishnan 2003, with exponential
// invalidation): h = H/(1+H), H = r(1 − e^{−wT})/w per key. The simulator
// takes it as input, as the shared semantics say, rather than simulating
// the keys.
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

// errNotYet marks a part of the stack this first slice does not simulate:
// refusing it is better than printing a figure that means something else.
var errNotYet = errors.New("not simulated yet")

// unsupported refuses what the engine has code for but no test against an
// independent result yet (event loops, caches, queues, jobs, called
// compute tiers, hosted databases).
func unsupported(s *schema.Stack) error {
	for _, c := range s.OfKind(schema.KindQueue) {
		return fmt.Errorf("simulate: queue %q: queues are %w", c.Name, errNotYet)
	}
	for _, c := range s.OfKind(schema.KindCache) {
		return fmt.Errorf("simulate: cache %q: caches are %w", c.Name, errNotYet)
	}
	for _, c := range s.OfKind(schema.KindCompute) {
		cp := c.Compute
		switch {
		case cp.Workers.EventLoop():
			return fmt.Errorf("simulate: tier %q: event loops are %w", c.Name, errNotYet)
		case cp.Serves == schema.ServesJobs:
			return fmt.Errorf("simulate: tier %q: job tiers are %w", c.Name, errNotYet)
		case len(cp.Hosts) > 0:
			return fmt.Errorf("simulate: tier %q: hosted databases are %w", c.Name, errNotYet)
		}
		for _, call := range cp.Calls {
			if t := s.Components[call.Target]; t != nil && (t.Compute != nil || t.LB != nil) {
				return fmt.Errorf("simulate: tier %q calls %q: calls to compute tiers are %w", c.Name, call.Target, errNotYet)
			}
		}
	}
	return nil
}
