package capacity

// The stack model: it reads a schema.Stack, sizes every compute tier,
// database and cache with the queueing math of this package, and returns
// numbers only (no printing, no findings). Rules and the capacity command
// read the Result.
//
// Model, in the order it is computed (docs/capacity-model.md#the-stack-model):
//
//   - Traffic enters at the stack's entries with their shares
//     (schema.Stack.Entries) and moves through the traffic graph: a CDN
//     passes (1 − hit_ratio) of its traffic to its origin, a load
//     balancer splits its traffic evenly over its targets, and a call
//     sends per_request requests per request served to an LB, a tier, a
//     database or a cache (schema.Stack.Rates).
//   - Cache hit ratios come from each data set's reads at each load level
//     (its callers' calls × rps) and invalidating writes (HitRatio,
//     cache.go). A call to a cache that names a data set is a cached
//     read: it costs CacheCallMs and, on a miss (1 − h), miss_queries
//     queries to the tier's database (the first database in its calls,
//     else the one it hosts). A cache call without a data set costs
//     CacheCallMs only.
//   - A database is an M/M/c queue: c = vCPUs of its class (db.X.Y has the
//     spec of X.Y), service time query_ms, arrivals the sum over callers of
//     rps × queries per request. A database hosted on a compute tier
//     (compute.hosts) runs on one server of that tier and shares its
//     vCPUs: that server's CPUs are a single M/M/c queue serving the app's
//     CPU bursts and the queries together (first come, first served), so
//     the app's CPU wait and the query wait are the same Wq, the query
//     response is Wq + query_ms, and the tier's CPU utilisation includes
//     the queries. The tier's figures are those of that busiest server.
//   - Each instance of a compute tier gets λ/n arrivals (instances behind
//     an LB do not share a queue). Its workers (processes × threads) are a
//     load-dependent birth–death chain (pool.go): with j busy, a request is
//     held for its CPU burst and wait dilated by the USL at j, its CPU
//     wait in the machine-repairman queue of the j busy workers on the
//     vCPUs, and its calls (databases, caches, called tiers, which are
//     computed first), each with mean and variance (holding.go).
//     Mean and percentiles are the pool's response. An event-loop tier
//     has no worker held per request: its CPU queue has min(processes,
//     vCPUs) servers and the rest of the request is a delay that holds
//     none (eventloop.go).
//   - Scenarios: peak and average load; one AZ lost (⌊n·(1 − 1/AZs)⌋
//     instances at peak load); deploy in progress at peak load (in-place
//     ⌊n/2⌋, rolling n − batch, blue/green and in-server blue/green n;
//     only for tiers with a deploy block). A fixed tier runs count
//     instances in every scenario; an autoscaling tier runs max at peak,
//     one AZ lost and deploy (what it can reach), and min at average
//     (what it holds before scaling out).
//   - Instances needed: the smallest fleet n ≥ 1 whose instances in
//     service in that scenario keep both resources at or under the target
//     utilisation and p99 at or under the SLO; none when no n does (a
//     saturated database, an SLO below the bare service time, one AZ).

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/schema"
)

// DefaultTargetUtilization is the utilisation a resource may reach at peak.
const DefaultTargetUtilization = 0.7

// CacheCallMs is the modelled time of one cache call (a network round trip
// to Redis or Memcached on the same VPC).
const CacheCallMs = 0.5

// maxFleet bounds the search for instances needed.
const maxFleet = 1 << 24

// level is a load level: the scenarios at peak load share one.
type level int

const (
	levelPeak level = iota
	levelAverage
	nLevels
)

// tierModel holds one tier's inputs in model units (seconds).
type tierModel struct {
	out     *Tier
	comp    *schema.Compute
	rps     [nLevels]float64
	cpuS    float64
	waitS   float64
	cacheS  float64
	cv      float64
	slo     float64                     // p99 objective (s): the SLO, a job deadline, or +Inf
	queries [nLevels]map[string]float64 // database → queries per request, per level (cache misses vary)
	dbOrder []string                    // the keys of queries, sorted
	hosted  *dbModel                    // database this tier hosts, if any
	// cpuServers serve the app's CPU bursts at rate cpuEff/cpuS each: the
	// vCPUs at full rate for blocking workers, min(processes, vCPUs)
	// derated by the USL for an event loop.
	cpuServers int
	cpuEff     float64
	usl        USL          // the tier's contention
	baseInst   [nLevels]int // instances at each level's base scenario
	// calls is the compute tiers this one calls → calls per request (a
	// call through a load balancer spread over its targets), callOrder
	// its keys, sorted.
	calls     map[string]float64
	callOrder []string
	// resp is the tier's mean response (s) at each level's base scenario,
	// +Inf when saturated: what a call into it waits, set once computed;
	// respV its variance.
	resp, respV [nLevels]float64
	// holdCalls are the calls a worker is held for, in the order written,
	// for the moments of the holding time.
	holdCalls []holdCall
	// mix remembers callMix at each level for a tier that hosts no
	// database (its callees' responses are fixed by then): the search
	// for instances needed evaluates a tier many times.
	mix     [nLevels][]component
	mixDone [nLevels]bool
}

// holdCall is one entry of a tier's calls as the holding time sees it:
// per_request calls to a database (queries), a compute tier (spread
// over a load balancer's targets: tier is the target, per its share), or
// a cache (a round trip, and with probability miss a query to db).
type holdCall struct {
	per  float64
	db   string
	tier string
	// cache: a cache call; ds the data set it reads (nil: none, or no
	// database behind it), whose misses cost ds.MissQueries queries to db.
	cache bool
	ds    *DataSet
}

// missShare is the share of this cache call that misses at level l.
func (c holdCall) missShare(l level) float64 {
	if c.ds == nil {
		return 0
	}
	return 1 - c.ds.hit[l]
}

type dbModel struct {
	out    *Database
	queryS float64
	vcpu   int
	host   *tierModel
	lambda [nLevels]float64
	// resp is the mean query response (s) at each level; +Inf when
	// saturated; respV its variance.
	resp, respV [nLevels]float64
}

// Analyze computes the capacity of a stack that loaded and passed
// schema.Validate against a catalog with opts.Catalog's specs: input
// errors are reported there, once, with positions and suggestions. For
// such a stack the only error is an option out of range (ErrInvalid); an
// error wrapping ErrNotValidated means a caller skipped validation, which
// is a bug. The model's verdicts, saturation included, are never errors.
func Analyze(s *schema.Stack, opts Options) (*Result, error) {
	a, err := prepare(s, opts)
	if err != nil {
		return nil, err
	}
	for _, m := range a.calleesFirst() {
		a.tier(m, nil)
		for l, k := range [nLevels]ScenarioKind{levelPeak: ScenarioPeak, levelAverage: ScenarioAverage} {
			m.resp[l] = math.Inf(1)
			if sc := m.out.Scenario(k); sc != nil && !sc.Saturated {
				m.resp[l], m.respV[l] = sc.MeanMs/1000, sc.respV
			}
		}
	}
	a.res.model = a
	a.res.tiers = make(map[string]*Tier, len(a.res.Tiers))
	for _, t := range a.res.Tiers {
		a.res.tiers[t.Name] = t
	}
	return a.res, nil
}

// prepare resolves specs, spreads the traffic and computes the databases:
// everything before the tiers' scenarios.
func prepare(s *schema.Stack, opts Options) (*analysis, error) {
	target := opts.TargetUtilization
	if target == 0 {
		target = DefaultTargetUtilization
	}
	if !(target > 0 && target <= 1) {
		return nil, fmt.Errorf("%w: target utilisation %g must be in (0, 1]", ErrInvalid, target)
	}
	cat := opts.Catalog
	if cat == nil {
		cat = catalog.Default()
	}
	a := &analysis{s: s, cat: cat, target: target, slo: s.Workload.SLOp99ms / 1000,
		tiers: map[string]*tierModel{}, dbs: map[string]*dbModel{}, caches: map[string]*Cache{}}
	a.res = &Result{Stack: s.Name, TargetUtilization: target, SLOp99ms: s.Workload.SLOp99ms}
	if err := a.build(); err != nil {
		return nil, err
	}
	a.pinningNLBs()
	a.traffic()
	a.caching()
	a.databases()
	return a, nil
}

type analysis struct {
	s      *schema.Stack
	cat    *catalog.Catalog
	target float64
	slo    float64
	res    *Result
	tiers  map[string]*tierModel
	dbs    map[string]*dbModel
	caches map[string]*Cache
	reads  []cachedRead // calls that read a cached data set, in tier and call order
}

// ErrNotValidated is wrapped by the error of Analyze and Sweep when the
// stack has something the loader or schema.Validate rejects: a spec the
// catalog lacks, a bound the model cannot hold. Validation reports input
// errors with positions; reaching this is a bug in the caller.
var ErrNotValidated = errors.New("capacity: internal error (a bug): the stack did not pass schema.Validate")

func notValidated(path, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrNotValidated, path, fmt.Sprintf(format, args...))
}

// build resolves specs and hit ratios: everything that does not depend on
// traffic. It trusts validation: every check here is an invariant.
func (a *analysis) build() error {
	for _, c := range a.s.OfKind(schema.KindCache) {
		spec, ok := a.cat.ElastiCacheSpec(c.Cache.NodeType)
		if !ok {
			return notValidated(schema.Path("components", c.Name, "node_type"), "no spec for node type %q", c.Cache.NodeType)
		}
		out := &Cache{Name: c.Name, NodeType: c.Cache.NodeType, Nodes: c.Cache.Nodes, MemoryBytes: spec.MemoryBytes() * int64(c.Cache.Nodes)}
		for _, dn := range sortedKeys(c.Cache.Data) {
			d := c.Cache.Data[dn]
			ds := newDataSet(dn, d)
			out.DataBytes += ds.Bytes
			out.DataSets = append(out.DataSets, ds)
		}
		a.caches[c.Name] = out
		a.res.Caches = append(a.res.Caches, out)
	}

	for _, c := range a.s.OfKind(schema.KindCompute) {
		cp := c.Compute
		if !cp.Modelled() {
			// A bastion or a box that serves nothing: no requests, no queue.
			continue
		}
		base := schema.Path("components", c.Name)
		vcpu, ok := cp.VCPUCount(a.cat)
		if !ok {
			return notValidated(schema.Path(base, "instance_type"), "no spec with a vCPU for instance type %q", cp.InstanceType)
		}
		w := cp.Workers
		workers := w.Total()
		if w.EventLoop() {
			workers = w.Processes // an event loop's contention is among its processes
		}
		if workers < 1 || workers > MaxServers || w.Processes > MaxServers || w.Threads > MaxServers || w.Total() > MaxServers {
			return notValidated(schema.Path(base, "workers"), "%d × %d workers", w.Processes, max(w.Threads, w.Concurrency))
		}
		usl, err := NewUSL(cp.Contention.Sigma, cp.Contention.Kappa) // the schema bounds both
		if err != nil {
			return notValidated(schema.Path(base, "contention"), "%v", err)
		}
		peakN, _ := usl.PeakWorkers()
		t := &Tier{Name: c.Name, InstanceType: cp.InstanceType, VCPU: vcpu, Workers: workers,
			Efficiency: usl.Efficiency(workers), USLPeakWorkers: peakN, USLPeakThroughput: usl.Capacity(peakN), AZs: len(c.AZs),
			Autoscaling: cp.Autoscaling != nil, Min: cp.Instances(), Max: cp.MaxInstances(), Serves: string(cp.Serves)}
		if t.Serves == "" {
			t.Serves = string(schema.ServesHTTP)
		}
		if cp.Deploy != nil {
			t.Deploy = cp.Deploy.Strategy
		}
		m := &tierModel{out: t, comp: cp, cpuS: cp.Demand.CPUms / 1000, waitS: cp.Demand.WaitMs / 1000,
			cv: cp.Demand.CV, queries: [nLevels]map[string]float64{{}, {}}, cpuServers: vcpu, cpuEff: 1, slo: a.slo, usl: usl}
		if w.EventLoop() {
			// One thread per process: at most that many vCPUs run the
			// app's CPU. Contention dilates the bursts in service (at most
			// cpuServers of them, as --simulate has it); the CPU queue's
			// bound is its dilation with every server busy, and
			// eventLoop solves the load-dependent chain below it.
			t.EventLoop, t.InFlightLimit = true, w.Total()
			m.cpuServers = min(w.Processes, vcpu)
			m.cpuEff = usl.Efficiency(m.cpuServers)
		}
		t.CPUServers = m.cpuServers
		if cp.Serves == schema.ServesJobs {
			// Jobs are judged against their own deadline, not the HTTP SLO;
			// without one, on utilisation only.
			m.slo = math.Inf(1)
			if cp.Jobs != nil && cp.Jobs.DeadlineMs > 0 {
				m.slo = cp.Jobs.DeadlineMs / 1000
				t.DeadlineMs = cp.Jobs.DeadlineMs
			}
		}
		m.baseInst = [nLevels]int{levelPeak: t.Max, levelAverage: t.Min}
		a.tiers[c.Name] = m
		a.res.Tiers = append(a.res.Tiers, t)
	}

	for _, c := range a.s.OfKind(schema.KindDatabase) {
		d := &dbModel{out: &Database{Name: c.Name, Class: c.Database.InstanceClass, QueryMs: c.Database.QueryMs},
			queryS: c.Database.QueryMs / 1000}
		a.dbs[c.Name] = d
		a.res.Databases = append(a.res.Databases, d.out)
	}
	// Hosting, then the database specs.
	for _, name := range sortedKeys(a.tiers) {
		m := a.tiers[name]
		for _, h := range m.comp.Hosts {
			if d, ok := a.dbs[h]; ok && d.host == nil {
				d.host, m.hosted = m, d
				d.out.HostedBy = name
				break // the loader allows one hosted database per tier
			}
		}
	}
	for _, name := range sortedKeys(a.dbs) {
		d := a.dbs[name]
		switch {
		case d.host != nil:
			d.vcpu = d.host.out.VCPU
		case d.out.Class != "":
			spec, ok := a.cat.RDSSpec(d.out.Class)
			if !ok || spec.VCPU < 1 {
				return notValidated(schema.Path("components", name, "instance_class"), "no spec with a vCPU for database class %q", d.out.Class)
			}
			d.vcpu = spec.VCPU
		default:
			return notValidated(schema.Path("components", name), "database %q has no instance_class and no compute component hosts it", name)
		}
		d.out.VCPU = d.vcpu
	}

	// Calls: queries per request after cache hits.
	for _, name := range sortedKeys(a.tiers) {
		m := a.tiers[name]
		backing := ""
		for _, call := range m.comp.Calls {
			if _, ok := a.dbs[call.Target]; ok {
				backing = call.Target
				break
			}
		}
		if backing == "" && m.hosted != nil {
			backing = m.hosted.out.Name
		}
		for _, call := range m.comp.Calls {
			if _, ok := a.dbs[call.Target]; ok {
				for _, q := range m.queries {
					q[call.Target] += call.PerRequest
				}
				m.holdCalls = append(m.holdCalls, holdCall{per: call.PerRequest, db: call.Target})
				continue
			}
			cache, ok := a.caches[call.Target]
			if !ok {
				continue // the loader rejects other targets
			}
			m.out.CacheCalls += call.PerRequest
			hc := holdCall{per: call.PerRequest, cache: true}
			if call.Data != "" {
				ds := cache.dataSet(call.Data)
				if ds == nil {
					return notValidated(schema.Path("components", name, "calls"), "cache %q has no data set %q", call.Target, call.Data)
				}
				if backing != "" {
					hc.db, hc.ds = backing, ds // its miss share is per level: callMoments reads it
				}
				// Misses are added per level once the traffic is known (caching).
				a.reads = append(a.reads, cachedRead{tier: m, ds: ds, backing: backing, perRequest: call.PerRequest})
			}
			m.holdCalls = append(m.holdCalls, hc)
		}
		m.calls = map[string]float64{}
		for _, call := range m.comp.Calls {
			switch c := a.s.Components[call.Target]; {
			case c == nil:
			case c.Compute != nil:
				m.calls[c.Name] += call.PerRequest
				m.holdCalls = append(m.holdCalls, holdCall{per: call.PerRequest, tier: c.Name})
			case c.LB != nil:
				for _, t := range c.LB.Targets {
					m.calls[t] += call.PerRequest / float64(len(c.LB.Targets))
					m.holdCalls = append(m.holdCalls, holdCall{per: call.PerRequest / float64(len(c.LB.Targets)), tier: t})
				}
			}
		}
		m.callOrder = sortedKeys(m.calls)
		m.cacheS = m.out.CacheCalls * CacheCallMs / 1000
	}
	return nil
}

// calleesFirst orders the tiers so that each comes after every tier it
// calls (the reverse of the traffic order; the loader rejects cycles),
// for a caller's time in its calls to read its callees' responses.
func (a *analysis) calleesFirst() []*tierModel {
	order := a.s.TrafficOrder()
	out := make([]*tierModel, 0, len(a.tiers))
	seen := map[string]bool{}
	for i := len(order) - 1; i >= 0; i-- {
		if m, ok := a.tiers[order[i]]; ok {
			out = append(out, m)
			seen[order[i]] = true
		}
	}
	for _, name := range sortedKeys(a.tiers) {
		if !seen[name] {
			out = append(out, a.tiers[name])
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
