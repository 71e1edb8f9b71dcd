package capacity

// The stack model: it reads a schema.Stack, sizes every compute tier,
// database and cache with the queueing math of this package, and returns
// numbers only (no printing, no findings). Rules and the capacity command
// read the Result.
//
// Model, in the order it is computed (DESIGN.md §3–4):
//
//   - Traffic enters at workload.entry, else at the CDN, else at the
//     internet-facing load balancer, else at every compute tier (with one
//     compute tier, that is "the only compute tier"). A CDN passes
//     (1 − hit_ratio) of its traffic to its origin; a load balancer splits
//     its traffic evenly over its targets.
//   - Cache hit ratios come from each data set's rates (HitRatio). A call
//     to a cache that names a data set is a cached read: it costs
//     CacheCallMs and, on a miss (1 − h), one query to the tier's
//     database (the first database in its calls, else the one it hosts).
//     A cache call without a data set costs CacheCallMs only.
//   - A database is an M/M/c queue: c = vCPUs of its class (db.X.Y has the
//     spec of X.Y), service time query_ms, arrivals the sum over callers of
//     rps × queries per request. A database hosted on a compute tier
//     (compute.hosts) runs on one server of that tier and shares its
//     vCPUs: that server's CPUs are a single M/M/c queue serving the app's
//     CPU bursts and the queries together (first come, first served), so
//     the app's CPU wait and the query wait are the same Wq, the query
//     response is Wq + query_ms, and the tier's CPU utilisation includes
//     the queries. The tier's figures are those of that busiest server.
//   - Each instance of a compute tier is its own pair of queues with λ/n
//     arrivals (instances behind an LB do not share a queue):
//     CPUs (c = vCPUs, service cpu_ms, Allen–Cunneen with demand.cv) and
//     workers (c = processes × threads, service
//     S = cpu_ms + CPU wait + wait_ms + DB calls × DB response + cache
//     calls × CacheCallMs, derated by the USL: μ = Efficiency(c)/S).
//     Mean and p99 response are the worker queue's.
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
	"fmt"
	"math"
	"slices"
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

// ScenarioKind names a scenario; the values are stable (JSON).
type ScenarioKind string

const (
	ScenarioPeak    ScenarioKind = "peak"
	ScenarioAverage ScenarioKind = "average"
	ScenarioAZLost  ScenarioKind = "az_lost"
	ScenarioDeploy  ScenarioKind = "deploy"
)

// Verdict summarises one scenario; the values are stable (JSON).
type Verdict string

const (
	VerdictOK         Verdict = "ok"
	VerdictOverTarget Verdict = "over target"
	VerdictSLOMissed  Verdict = "SLO missed"
	VerdictSaturated  Verdict = "saturated"
)

// Rank orders verdicts from best (0) to worst (3).
func (v Verdict) Rank() int {
	switch v {
	case VerdictOK:
		return 0
	case VerdictOverTarget:
		return 1
	case VerdictSLOMissed:
		return 2
	default:
		return 3
	}
}

// Bottlenecks name what saturates a scenario.
const (
	BottleneckWorkers     = "workers"
	BottleneckCPU         = "cpu"
	BottleneckDatabase    = "database"
	BottleneckNoInstances = "no instances"
)

// Options tune the analysis.
type Options struct {
	// TargetUtilization is the highest acceptable utilisation of a
	// resource, in (0, 1]; 0 means DefaultTargetUtilization.
	TargetUtilization float64
	// Catalog supplies instance specs; nil means catalog.Default().
	Catalog *catalog.Catalog
}

// Result is the capacity of one stack.
type Result struct {
	Stack             string
	TargetUtilization float64
	SLOp99ms          float64
	Tiers             []*Tier     // compute tiers, by name
	Databases         []*Database // by name
	Caches            []*Cache    // by name

	// model is the analysis behind the figures, kept so that TierAs can
	// re-evaluate one tier without re-analysing the stack; tiers indexes
	// Tiers by name.
	model *analysis
	tiers map[string]*Tier
}

// Tier is one compute component.
type Tier struct {
	Name         string
	InstanceType string
	VCPU         int
	Workers      int     // processes × threads per instance
	Efficiency   float64 // USL X(N)/N at N = Workers
	// USLPeakWorkers is the worker count with the highest USL throughput;
	// 0 when κ = 0 (no finite peak).
	USLPeakWorkers int
	// USLPeakThroughput is X(USLPeakWorkers), in contention-free workers.
	USLPeakThroughput float64
	AZs               int
	Autoscaling       bool
	Min, Max          int    // instance range; equal for a fixed count
	Deploy            string // deploy strategy, "" when none
	CacheCalls        float64
	// DBQueries is database queries per request after cache hits, summed
	// over databases.
	DBQueries float64
	Scenarios []*Scenario
}

// Scenario returns the tier's scenario of kind k, or nil.
func (t *Tier) Scenario(k ScenarioKind) *Scenario { return findScenario(t.Scenarios, k) }

// Scenario is one tier (or database) under one scenario. Every float is
// finite. When Saturated, MeanMs and P99Ms are 0 and meaningless; the
// utilisations are reported as computed (above 1 is "130 %") except that a
// tier stalled by a saturated database shows its workers at 1.
type Scenario struct {
	Kind           ScenarioKind
	RPS            float64 // arrivals to the whole tier
	Instances      int     // instances in service
	RPSPerInstance float64
	// ServiceMs is a worker's busy time per request (before the USL
	// derating) and DBMs the part of it spent in database calls; both 0
	// when a database is saturated.
	ServiceMs         float64
	DBMs              float64
	CPUWaitMs         float64 // the part of ServiceMs spent queueing for a CPU
	WorkerUtilization float64
	CPUUtilization    float64
	WaitProbability   float64 // of the worker queue (the database's queue for a database)
	MeanMs, P99Ms     float64
	Saturated         bool
	Bottleneck        string // when Saturated
	// Needed is the smallest fleet meeting the target and the SLO in this
	// scenario; 0 when no fleet does (or for a database).
	Needed  int
	Verdict Verdict
}

// Database is one database component; its scenarios are peak and average.
type Database struct {
	Name      string
	Class     string // "" when hosted
	HostedBy  string // compute tier hosting it, or ""
	VCPU      int
	QueryMs   float64
	Scenarios []*Scenario
}

// Scenario returns the database's scenario of kind k, or nil.
func (d *Database) Scenario(k ScenarioKind) *Scenario { return findScenario(d.Scenarios, k) }

// Cache is one cache component.
type Cache struct {
	Name        string
	NodeType    string
	Nodes       int
	MemoryBytes int64   // node memory × nodes
	DataBytes   float64 // Σ keys × item size
	DataSets    []*DataSet
}

// DataSet is one cached data set. Item sizes are KiB (1,024 bytes).
type DataSet struct {
	Name       string
	ReadsPerS  float64
	WritesPerS float64
	Sources    int
	Keys       int
	Bytes      float64
	HitRatio   float64
}

// Tier returns the tier named name, or nil.
func (r *Result) Tier(name string) *Tier {
	if r.tiers != nil {
		return r.tiers[name]
	}
	for _, t := range r.Tiers {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// Database returns the database named name, or nil.
func (r *Result) Database(name string) *Database {
	for _, d := range r.Databases {
		if d.Name == name {
			return d
		}
	}
	return nil
}

// Cache returns the cache named name, or nil.
func (r *Result) Cache(name string) *Cache {
	for _, c := range r.Caches {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func findScenario(ss []*Scenario, k ScenarioKind) *Scenario {
	for _, s := range ss {
		if s.Kind == k {
			return s
		}
	}
	return nil
}

// level is a load level: the scenarios at peak load share one.
type level int

const (
	levelPeak level = iota
	levelAverage
	nLevels
)

// tierModel holds one tier's inputs in model units (seconds).
type tierModel struct {
	out      *Tier
	comp     *schema.Compute
	rps      [nLevels]float64
	cpuS     float64
	waitS    float64
	cacheS   float64
	cv       float64
	queries  map[string]float64 // database → queries per request
	dbOrder  []string           // the keys of queries, sorted
	hosted   *dbModel           // database this tier hosts, if any
	baseInst [nLevels]int       // instances at each level's base scenario
}

type dbModel struct {
	out    *Database
	queryS float64
	vcpu   int
	host   *tierModel
	lambda [nLevels]float64
	// resp is the mean query response (s) at each level; +Inf when
	// saturated.
	resp [nLevels]float64
}

// Analyze computes the capacity of a loaded stack. Its error is a
// *schema.Error with the position of the component whose spec is unknown
// (or whose numbers the math rejects); the model's verdicts, saturation
// included, are never errors.
func Analyze(s *schema.Stack, opts Options) (*Result, error) {
	a, err := prepare(s, opts)
	if err != nil {
		return nil, err
	}
	for _, name := range sortedKeys(a.tiers) {
		if err := a.tier(a.tiers[name], nil); err != nil {
			return nil, err
		}
	}
	a.res.model = a
	a.res.tiers = make(map[string]*Tier, len(a.res.Tiers))
	for _, t := range a.res.Tiers {
		a.res.tiers[t.Name] = t
	}
	return a.res, nil
}

// TierAs evaluates compute tier name as if it ran count instances (when
// count > 0; a fixed-count tier only) of instanceType, at target
// utilisation target (0: the result's), in the scenarios kinds (all the
// tier's, in Analyze's order, when none are given), and returns the tier
// as Analyze would report it for a stack so changed. Nothing else is
// re-analysed: a tier's instance type and count change neither its
// arrival rates (the traffic is spread by the stack's topology) nor the
// responses of the databases it calls (a database's load is its callers'
// rates), and the queries of a database the tier hosts are evaluated on
// the tier's new CPUs as Analyze does. The cost is that of one tier, not
// of the stack. The error names an unknown tier or instance type, or a
// Result not made by Analyze. r is not changed; TierAs is safe for
// concurrent use.
func (r *Result) TierAs(name, instanceType string, count int, target float64, kinds ...ScenarioKind) (*Tier, error) {
	a2, m2, err := r.as(name, instanceType, target)
	if err != nil {
		return nil, err
	}
	t := m2.out
	if count > 0 {
		if t.Autoscaling {
			return nil, fmt.Errorf("%w: %q autoscales: its count cannot be set", ErrInvalid, name)
		}
		t.Min, t.Max = count, count
		m2.baseInst = [nLevels]int{levelPeak: count, levelAverage: count}
	}
	if err := a2.tier(m2, kinds); err != nil {
		return nil, err
	}
	return t, nil
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
	a.traffic()
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
}

func (a *analysis) errAt(path, format string, args ...any) error {
	return &schema.Error{Pos: a.s.Pos(path), Msg: path + ": " + fmt.Sprintf(format, args...)}
}

func suggestion(known []string, name string) string {
	if s := catalog.Suggest(known, name, 3); len(s) > 0 {
		return fmt.Sprintf(" (did you mean %s?)", joinNames(s))
	}
	return ""
}

func joinNames(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out
}

// build resolves specs and hit ratios: everything that does not depend on
// traffic.
func (a *analysis) build() error {
	for _, c := range a.s.OfKind(schema.KindCache) {
		spec, ok := a.cat.ElastiCacheSpec(c.Cache.NodeType)
		if !ok {
			return a.errAt(schema.Path("components", c.Name, "node_type"), "unknown ElastiCache node type %q%s",
				c.Cache.NodeType, suggestion(a.cat.ElastiCacheNodeTypes(), c.Cache.NodeType))
		}
		out := &Cache{Name: c.Name, NodeType: c.Cache.NodeType, Nodes: c.Cache.Nodes, MemoryBytes: spec.MemoryBytes() * int64(c.Cache.Nodes)}
		for _, dn := range sortedKeys(c.Cache.Data) {
			d := c.Cache.Data[dn]
			ds := &DataSet{Name: dn, ReadsPerS: d.ReadsPerS, WritesPerS: d.WritesPerS, Sources: d.Sources, Keys: d.Keys,
				Bytes: float64(d.Keys) * d.ItemKB * 1024, HitRatio: HitRatio(d.ReadsPerS, d.WritesPerS, d.TTLs, d.Keys)}
			out.DataBytes += ds.Bytes
			out.DataSets = append(out.DataSets, ds)
		}
		a.caches[c.Name] = out
		a.res.Caches = append(a.res.Caches, out)
	}

	for _, c := range a.s.OfKind(schema.KindCompute) {
		cp := c.Compute
		base := schema.Path("components", c.Name)
		spec, ok := a.cat.EC2Spec(cp.InstanceType)
		if !ok || spec.VCPU < 1 {
			return a.errAt(schema.Path(base, "instance_type"), "unknown instance type %q%s",
				cp.InstanceType, suggestion(a.cat.EC2Types(), cp.InstanceType))
		}
		workers := cp.Workers.Total()
		if workers < 1 || workers > MaxServers || cp.Workers.Processes > MaxServers || cp.Workers.Threads > MaxServers {
			return a.errAt(schema.Path(base, "workers"), "processes × threads must be between 1 and %d", MaxServers)
		}
		usl, err := NewUSL(cp.Contention.Sigma, cp.Contention.Kappa)
		if err != nil {
			return a.errAt(schema.Path(base, "contention"), "%v", err)
		}
		peakN, _ := usl.PeakWorkers()
		t := &Tier{Name: c.Name, InstanceType: cp.InstanceType, VCPU: spec.VCPU, Workers: workers,
			Efficiency: usl.Efficiency(workers), USLPeakWorkers: peakN, USLPeakThroughput: usl.Capacity(peakN), AZs: len(c.AZs),
			Autoscaling: cp.Autoscaling != nil, Min: cp.Instances(), Max: cp.MaxInstances()}
		if cp.Deploy != nil {
			t.Deploy = cp.Deploy.Strategy
		}
		m := &tierModel{out: t, comp: cp, cpuS: cp.Demand.CPUms / 1000, waitS: cp.Demand.WaitMs / 1000,
			cv: cp.Demand.CV, queries: map[string]float64{}}
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
				break // one hosted database per tier is modelled
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
				return a.errAt(schema.Path("components", name, "instance_class"), "unknown database class %q%s",
					d.out.Class, suggestion(a.cat.RDSClasses(), d.out.Class))
			}
			d.vcpu = spec.VCPU
		default:
			return a.errAt(schema.Path("components", name), "database %q has no instance_class and no compute component hosts it", name)
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
				m.queries[call.Target] += call.PerRequest
				continue
			}
			cache, ok := a.caches[call.Target]
			if !ok {
				continue // the loader rejects other targets
			}
			m.out.CacheCalls += call.PerRequest
			if call.Data == "" || backing == "" {
				continue
			}
			for _, ds := range cache.DataSets {
				if ds.Name == call.Data {
					m.queries[backing] += call.PerRequest * (1 - ds.HitRatio)
				}
			}
		}
		m.cacheS = m.out.CacheCalls * CacheCallMs / 1000
		m.dbOrder = sortedKeys(m.queries)
		for _, q := range m.queries {
			m.out.DBQueries += q
		}
	}
	return nil
}

// traffic spreads the workload from the entry to the compute tiers.
func (a *analysis) traffic() {
	rates := [nLevels]float64{levelPeak: a.s.Workload.PeakRPS, levelAverage: a.s.Workload.AvgRPS}
	var entries []string
	switch {
	case a.s.Workload.Entry != "":
		entries = []string{a.s.Workload.Entry}
	case len(a.s.OfKind(schema.KindCDN)) > 0:
		entries = []string{a.s.OfKind(schema.KindCDN)[0].Name}
	default:
		for _, lb := range a.s.OfKind(schema.KindLB) {
			if lb.LB.InternetFacing {
				entries = []string{lb.Name}
				break
			}
		}
		if entries == nil {
			entries = sortedKeys(a.tiers)
		}
	}
	for _, e := range entries {
		for l := range nLevels {
			a.flow(e, rates[l], l, 0)
		}
	}
}

func (a *analysis) flow(name string, rps float64, l level, depth int) {
	c, ok := a.s.Components[name]
	if !ok || depth > 8 {
		return
	}
	switch c.Kind {
	case schema.KindCDN:
		a.flow(c.CDN.Origin, rps*(1-c.CDN.HitRatio), l, depth+1)
	case schema.KindLB:
		share := rps / float64(len(c.LB.Targets))
		for _, t := range c.LB.Targets {
			a.flow(t, share, l, depth+1)
		}
	case schema.KindCompute:
		a.tiers[name].rps[l] += rps
	}
}

// databases computes every database's arrivals and, for those not hosted
// on a tier, its queue; hosted ones are computed at their host's base
// instance count.
func (a *analysis) databases() {
	for _, tn := range sortedKeys(a.tiers) {
		m := a.tiers[tn]
		for db, q := range m.queries {
			for l := range nLevels {
				a.dbs[db].lambda[l] += m.rps[l] * q
			}
		}
	}
	for _, name := range sortedKeys(a.dbs) {
		d := a.dbs[name]
		for _, l := range []level{levelPeak, levelAverage} {
			kind := ScenarioPeak
			if l == levelAverage {
				kind = ScenarioAverage
			}
			sc := &Scenario{Kind: kind, RPS: d.lambda[l], Instances: 1, RPSPerInstance: d.lambda[l]}
			var q hostQueue
			if d.host != nil {
				n := d.host.baseInst[l]
				lam := 0.0
				if n > 0 {
					lam = d.host.rps[l] / float64(n)
				}
				q = a.hostCPU(d.host, lam, l)
			} else {
				q = newDBQueue(d.lambda[l], d.queryS, d.vcpu)
			}
			sc.CPUUtilization = q.rho
			sc.WaitProbability = q.pwait
			if q.saturated {
				sc.Saturated, sc.Bottleneck = true, BottleneckCPU
				d.resp[l] = math.Inf(1)
			} else {
				d.resp[l] = q.queryResp
				sc.MeanMs = q.queryResp * 1000
				sc.P99Ms = q.queryP99 * 1000
			}
			switch {
			case sc.Saturated:
				sc.Verdict = VerdictSaturated
			case sc.CPUUtilization > a.target:
				sc.Verdict = VerdictOverTarget
			default:
				sc.Verdict = VerdictOK
			}
			d.out.Scenarios = append(d.out.Scenarios, sc)
		}
	}
}

// hostQueue is the CPU queue of a server, seen by a query on it.
type hostQueue struct {
	rho, pwait          float64
	wq                  float64 // mean wait for a CPU (s)
	queryResp, queryP99 float64 // of a query on this queue (s)
	saturated           bool
}

func newDBQueue(lambda, queryS float64, vcpu int) hostQueue {
	g, err := NewMGC(lambda, 1/queryS, vcpu, 1)
	if err != nil {
		return hostQueue{saturated: true, rho: lambda * queryS / float64(vcpu), pwait: 1}
	}
	q := hostQueue{rho: g.Base.Rho, pwait: g.Base.Pwait, saturated: g.Saturated}
	if !q.saturated {
		q.wq = g.Wq
		q.queryResp = g.R
		q.queryP99, _ = g.ResponsePercentile(0.99)
	}
	return q
}

// hostCPU is the CPU queue of one server of tier m, with appLambda
// requests/s of its own and, when it hosts a database, that database's
// queries at level l: one FCFS M/M/c over the vCPUs whose jobs are the
// app's CPU bursts and the queries, with the mean job size of the mix.
func (a *analysis) hostCPU(m *tierModel, appLambda float64, l level) hostQueue {
	vcpu := m.out.VCPU
	lam, work := appLambda, appLambda*m.cpuS
	cv := m.cv
	var dbS float64
	if m.hosted != nil {
		dbS = m.hosted.queryS
		lam += m.hosted.lambda[l]
		work += m.hosted.lambda[l] * dbS
		if m.hosted.lambda[l] > 0 {
			cv = 1 // a mix of two job kinds: take it as exponential
		}
	}
	rho := work / float64(vcpu)
	if lam == 0 {
		return hostQueue{queryResp: dbS, queryP99: dbS * math.Log(100)}
	}
	g, err := NewMGC(lam, lam/work, vcpu, cv)
	if err != nil || g.Saturated {
		return hostQueue{rho: rho, pwait: 1, saturated: true}
	}
	q := hostQueue{rho: rho, pwait: g.Base.Pwait, wq: g.Wq}
	if dbS > 0 {
		q.queryResp = g.Wq + dbS
		q.queryP99 = respDist{pw: g.Base.Pwait, mu: 1 / dbS, theta: g.waitRate()}.quantile(0.99, q.queryResp)
	}
	return q
}

// eval computes tier m with n instances in service at level l.
func (a *analysis) eval(m *tierModel, kind ScenarioKind, n int, l level) *Scenario {
	return a.evalMode(m, kind, n, l, false)
}

// evalMode is eval; when quick, it stops before the p99 (the costly part)
// once a utilisation is over the target, with Verdict VerdictOverTarget
// and MeanMs, P99Ms 0: the verdict is then not OK either way, which is all
// the search for instances needed asks.
func (a *analysis) evalMode(m *tierModel, kind ScenarioKind, n int, l level, quick bool) *Scenario {
	sc := &Scenario{Kind: kind, RPS: m.rps[l], Instances: n}
	if n <= 0 {
		sc.Saturated, sc.Bottleneck = true, BottleneckNoInstances
		sc.Verdict = VerdictSaturated
		return sc
	}
	lam := m.rps[l] / float64(n)
	sc.RPSPerInstance = lam
	cpu := a.hostCPU(m, lam, l)
	sc.CPUUtilization = cpu.rho
	var dbS float64
	dbSaturated := false
	for _, db := range m.dbOrder {
		q := m.queries[db]
		if q == 0 {
			continue
		}
		d := a.dbs[db]
		resp := d.resp[l]
		if d == m.hosted {
			resp = cpu.queryResp
			if cpu.saturated {
				resp = math.Inf(1)
			}
		}
		if math.IsInf(resp, 1) {
			dbSaturated = true
			continue
		}
		dbS += q * resp
	}
	switch {
	case cpu.saturated:
		sc.Saturated, sc.Bottleneck = true, BottleneckCPU
	case dbSaturated:
		sc.Saturated, sc.Bottleneck = true, BottleneckDatabase
	}
	if sc.Saturated {
		// Workers waiting on a saturated database or CPU pile up: all
		// busy. Without a saturated database, report the lower bound
		// their own time gives, which may well exceed 1.
		sc.WorkerUtilization, sc.WaitProbability = 1, 1
		if !dbSaturated {
			s := m.cpuS + m.waitS + m.cacheS + dbS
			sc.WorkerUtilization = max(1, lam*s/(float64(m.out.Workers)*m.out.Efficiency))
		}
		sc.Verdict = VerdictSaturated
		return sc
	}
	s := m.cpuS + cpu.wq + m.waitS + m.cacheS + dbS
	sc.ServiceMs, sc.DBMs, sc.CPUWaitMs = s*1000, dbS*1000, cpu.wq*1000
	g, err := NewMGC(lam, m.out.Efficiency/s, m.out.Workers, m.cv)
	if err != nil {
		// Only reachable with numbers beyond float64 range; report the
		// queue as saturated rather than print them.
		sc.Saturated, sc.Bottleneck, sc.Verdict = true, BottleneckWorkers, VerdictSaturated
		sc.WaitProbability = 1
		return sc
	}
	sc.WorkerUtilization = g.Base.Rho
	sc.WaitProbability = g.Base.Pwait
	if g.Saturated {
		sc.Saturated, sc.Bottleneck, sc.Verdict = true, BottleneckWorkers, VerdictSaturated
		return sc
	}
	if quick && (sc.WorkerUtilization > a.target || sc.CPUUtilization > a.target) {
		sc.Verdict = VerdictOverTarget
		return sc
	}
	p99, _ := g.ResponsePercentile(0.99)
	sc.MeanMs, sc.P99Ms = g.R*1000, p99*1000
	switch {
	case sc.P99Ms > a.slo*1000:
		sc.Verdict = VerdictSLOMissed
	case sc.WorkerUtilization > a.target || sc.CPUUtilization > a.target:
		sc.Verdict = VerdictOverTarget
	default:
		sc.Verdict = VerdictOK
	}
	return sc
}

// inService is how many of a fleet of n serve in scenario kind.
func inService(kind ScenarioKind, n, azs int, d *schema.Deploy) int {
	switch kind {
	case ScenarioAZLost:
		if azs <= 1 {
			return 0
		}
		return n * (azs - 1) / azs
	case ScenarioDeploy:
		switch d.Strategy {
		case schema.DeployInPlace:
			return n / 2
		case schema.DeployRolling:
			return max(0, n-max(1, d.Batch))
		}
	}
	return n
}

// NeededAs is TierAs(name, instanceType, 0, target, kind)'s instances
// needed in scenario kind, without evaluating the fleet as written: the
// cheapest question a search over instance types can ask.
func (r *Result) NeededAs(name, instanceType string, kind ScenarioKind, target float64) (int, error) {
	a, m, err := r.as(name, instanceType, target)
	if err != nil {
		return 0, err
	}
	l := levelPeak
	if kind == ScenarioAverage {
		l = levelAverage
	}
	if kind == ScenarioDeploy && m.comp.Deploy == nil {
		return 0, fmt.Errorf("%w: %q has no deploy block", ErrInvalid, name)
	}
	t := m.out
	return a.needed(m, kind, l, func(n int) int { return inService(kind, n, t.AZs, m.comp.Deploy) }), nil
}

// as returns a copy of r's analysis at target (0: r's) and of tier name's
// model running instanceType, for TierAs and NeededAs.
func (r *Result) as(name, instanceType string, target float64) (*analysis, *tierModel, error) {
	a := r.model
	if a == nil {
		return nil, nil, fmt.Errorf("%w: the result was not made by Analyze", ErrInvalid)
	}
	m, ok := a.tiers[name]
	if !ok {
		return nil, nil, fmt.Errorf("%w: %q is not a compute tier of %s", ErrInvalid, name, a.s.Name)
	}
	spec, ok := a.cat.EC2Spec(instanceType)
	if !ok || spec.VCPU < 1 {
		return nil, nil, fmt.Errorf("%w: unknown instance type %q", ErrInvalid, instanceType)
	}
	a2 := *a
	if target != 0 {
		if !(target > 0 && target <= 1) {
			return nil, nil, fmt.Errorf("%w: target utilisation %g must be in (0, 1]", ErrInvalid, target)
		}
		a2.target = target
	}
	t := *m.out
	t.InstanceType, t.VCPU, t.Scenarios = instanceType, spec.VCPU, nil
	m2 := *m
	m2.out = &t
	return &a2, &m2, nil
}

// tier computes tier m's scenarios: only those in only when it is not
// empty.
func (a *analysis) tier(m *tierModel, only []ScenarioKind) error {
	t := m.out
	kinds := []ScenarioKind{ScenarioPeak, ScenarioAverage, ScenarioAZLost}
	if m.comp.Deploy != nil {
		kinds = append(kinds, ScenarioDeploy)
	}
	for _, k := range kinds {
		if len(only) > 0 && !slices.Contains(only, k) {
			continue
		}
		l, fleet := levelPeak, t.Max
		if k == ScenarioAverage {
			l, fleet = levelAverage, t.Min
		}
		avail := func(n int) int { return inService(k, n, t.AZs, m.comp.Deploy) }
		sc := a.eval(m, k, avail(fleet), l)
		sc.Needed = a.needed(m, k, l, avail)
		t.Scenarios = append(t.Scenarios, sc)
	}
	return nil
}

// needed is the smallest fleet n whose avail(n) instances meet the target
// and the SLO at level l, or 0 when none up to maxFleet does. Every
// measure improves with more instances, so a doubling search followed by
// bisection finds it.
func (a *analysis) needed(m *tierModel, k ScenarioKind, l level, avail func(int) int) int {
	ok := func(n int) bool {
		sc := a.evalMode(m, k, avail(n), l, true)
		return sc.Verdict == VerdictOK
	}
	hi := 1
	for !ok(hi) {
		if hi >= maxFleet || avail(maxFleet) == 0 {
			return 0
		}
		hi = min(hi*2, maxFleet)
	}
	lo := hi / 2 // ok(lo) is false, or lo = 0
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if ok(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
