package capacity

import (
	"math"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/schema"
)

// The types the stack model returns, and their lookups.

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
	BottleneckWorkers  = "workers"
	BottleneckCPU      = "cpu"
	BottleneckDatabase = "database"
	// BottleneckCalledTier: a compute tier it calls is saturated.
	BottleneckCalledTier  = "called tier"
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
	Workers      int // processes × threads per instance; an event loop's processes
	// EventLoop: each process runs many requests at once and only their
	// CPU part occupies it; CPUServers = min(processes, vCPUs) serve that
	// CPU, and InFlightLimit = processes × concurrency bounds the requests
	// in flight per instance (0: no limit).
	EventLoop     bool
	CPUServers    int
	InFlightLimit int
	Efficiency    float64 // USL X(N)/N at N = Workers
	// USLPeakWorkers is the worker count with the highest USL throughput;
	// 0 when κ = 0 (no finite peak).
	USLPeakWorkers int
	// USLPeakThroughput is X(USLPeakWorkers), in contention-free workers.
	USLPeakThroughput float64
	AZs               int
	Autoscaling       bool
	Min, Max          int    // instance range; equal for a fixed count
	Deploy            string // deploy strategy, "" when none
	// Serves is what the tier serves (compute.serves); a "jobs" tier's
	// rates are jobs per second and its p99 is held to DeadlineMs, or to
	// nothing when DeadlineMs is 0 (no deadline), instead of the SLO.
	Serves     string
	DeadlineMs float64
	CacheCalls float64
	// DBQueries is database queries per request after cache hits, summed
	// over databases, at peak load (misses vary with the load: cache.go).
	DBQueries float64
	Scenarios []*Scenario
	// PinnedBy names the network load balancers in front of this tier
	// when it autoscales (max > min): they balance connections, not
	// requests, so instances added by scaling get no traffic from
	// long-lived clients until those reconnect, while the model splits
	// requests evenly.
	PinnedBy []string
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
	// when a database or a called tier is saturated.
	ServiceMs float64
	DBMs      float64
	CallMs    float64 // the part of ServiceMs spent in calls to compute tiers
	CPUWaitMs float64 // the part of ServiceMs spent queueing for a CPU
	// WorkerUtilization is the busy share of the workers (of an event
	// loop's in-flight limit; 0 for an event loop without one).
	WorkerUtilization float64
	// InFlight is the mean requests in flight per instance (Little's
	// law, λ × mean response); set for event loops only.
	InFlight        float64
	CPUUtilization  float64
	WaitProbability float64 // of the worker queue (the database's queue for a database)
	MeanMs, P99Ms   float64
	Saturated       bool
	Bottleneck      string // when Saturated
	// Needed is the smallest fleet meeting the target and the SLO in this
	// scenario; 0 when no fleet does (or for a database), or when the
	// scenario is Idle.
	Needed  int
	Verdict Verdict
	// Idle: no traffic reaches the tier in this scenario, so it needs no
	// instance (an autoscaling group at min 0 with no average load is
	// fine, not "saturated (no instances)").
	Idle bool
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

// ObjectiveMs is the p99 tier t is held to, in ms, given the workload's
// SLO: that SLO, a jobs tier's deadline, or +Inf for a jobs tier without
// one (judged on utilisation only).
func (t *Tier) ObjectiveMs(sloMs float64) float64 {
	if t.Serves != string(schema.ServesJobs) {
		return sloMs
	}
	if t.DeadlineMs > 0 {
		return t.DeadlineMs
	}
	return math.Inf(1)
}
