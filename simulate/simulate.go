package simulate

import (
	"errors"
	"fmt"
	"time"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/schema"
)

// Scenario is one simulated run: the load entering at the workload's
// entries and the instances in service of every compute tier (the fleet
// the analytical model judges, given as input). Declared job rates
// (jobs.per_s) enter at every load level.
type Scenario struct {
	Kind      string         // "peak", "average", "az_lost", "deploy"
	RPS       float64        // requests per second at the entries
	Instances map[string]int // compute tier → instances in service
}

// Options bound and seed a simulation.
type Options struct {
	// Requests is how many requests (and declared jobs) enter per
	// scenario; 0 is DefaultRequests.
	Requests int
	// Seed seeds every scenario's generator (PCG, stream = the
	// scenario's index); the same seed gives the same figures.
	Seed uint64
	// MaxEvents bounds the events of one scenario; 0 is
	// EventsPerRequest × Requests.
	MaxEvents int64
	// MaxTime bounds the wall-clock time of one scenario; 0 is
	// DefaultMaxTime.
	MaxTime time.Duration
	// Catalog supplies vCPU counts; nil is catalog.Default().
	Catalog *catalog.Catalog
}

const (
	DefaultRequests  = 1_000_000
	DefaultSeed      = 1
	EventsPerRequest = 200
	DefaultMaxTime   = 2 * time.Minute
	// MaxRequests keeps a run's memory bounded (each request in the
	// system is one small record).
	MaxRequests = 1_000_000_000
	// Warmup is the share of the simulated time discarded before
	// measuring, so that the queues start from their steady state.
	Warmup = 0.1
)

// Method names how the intervals are computed, for the output.
const Method = "batch means: 20 batches after a 10 % warm-up, 95 % t-interval"

// ErrInvalid reports options or a stack the simulator cannot run.
var ErrInvalid = errors.New("simulate: invalid input")

// Result is the simulation of one stack: every compute tier and
// database, each with one figure set per scenario.
type Result struct {
	Stack    string
	Seed     uint64
	Requests int
	Method   string
	Tiers    []*Tier // compute tiers by name, then databases by name
}

// Tier is one compute tier or database.
type Tier struct {
	Name      string
	Kind      schema.Kind // compute or database
	Scenarios []*Figures
}

// Scenario returns the tier's figures of scenario kind k, or nil.
func (t *Tier) Scenario(k string) *Figures {
	for _, f := range t.Scenarios {
		if f.Kind == k {
			return f
		}
	}
	return nil
}

// Tier returns the tier named name, or nil.
func (r *Result) Tier(name string) *Tier {
	for _, t := range r.Tiers {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// Estimate is a simulated figure and the half-width of its 95 %
// confidence interval (0 when there were fewer than two batches).
type Estimate struct {
	Value, HalfWidth float64
}

// Figures are one tier's simulated figures in one scenario. Times are ms
// (a tier's response: arrival to the end of its holding time; a
// database's: a query's queueing and service). Utilisations are time
// averages over the measured window.
type Figures struct {
	Kind      string
	Instances int
	// Requests is the number of responses measured.
	Requests            int
	Mean, P50, P95, P99 Estimate
	// WorkerUtilization is the busy share of the workers (of an event
	// loop's in-flight slots; 0 for an event loop without a limit, and
	// for a database).
	WorkerUtilization Estimate
	// InFlight is the mean requests in flight per instance (event loops).
	InFlight       float64
	CPUUtilization Estimate
	// Saturated: the queue grew through the run (more than 1 % of the
	// arrivals, and 100, were still waiting at its end), so no steady
	// state was reached and the times only grow with a longer run.
	Saturated bool
	// Note says why figures are missing or partial ("no instances in
	// service", "simulation stopped after N events").
	Note string
}

// Run simulates every scenario of the stack, which must have loaded and
// passed schema.Validate. Scenarios run one after the other; each is
// deterministic in (stack, scenario, Options.Seed, Options.Requests).
func Run(s *schema.Stack, scenarios []Scenario, o Options) (*Result, error) {
	if o.Requests == 0 {
		o.Requests = DefaultRequests
	}
	if o.Requests < Batches*10 || o.Requests > MaxRequests {
		return nil, fmt.Errorf("%w: %d requests: use %d to %d", ErrInvalid, o.Requests, Batches*10, MaxRequests)
	}
	if o.MaxEvents == 0 {
		o.MaxEvents = EventsPerRequest * int64(o.Requests)
	}
	if o.MaxTime == 0 {
		o.MaxTime = DefaultMaxTime
	}
	if o.Catalog == nil {
		o.Catalog = catalog.Default()
	}
	m, err := build(s, o.Catalog)
	if err != nil {
		return nil, err
	}
	res := &Result{Stack: s.Name, Seed: o.Seed, Requests: o.Requests, Method: Method}
	for _, t := range m.tiers {
		res.Tiers = append(res.Tiers, &Tier{Name: t.name, Kind: schema.KindCompute})
	}
	for _, d := range m.dbs {
		res.Tiers = append(res.Tiers, &Tier{Name: d.name, Kind: schema.KindDatabase})
	}
	for i, sc := range scenarios {
		figs, err := m.run(sc, uint64(i)+1, o)
		if err != nil {
			return nil, err
		}
		for j, f := range figs {
			res.Tiers[j].Scenarios = append(res.Tiers[j].Scenarios, f)
		}
	}
	return res, nil
}
