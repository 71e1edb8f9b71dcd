package render

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/internal/textsafe"
	"github.com/infralint/infralint/schema"
)

// CapacityText prints, for each stack, a table of every compute tier and
// database under every scenario, then the caches' data sets.
func CapacityText(w io.Writer, results []*capacity.Result) error {
	return safeText(w, func(w io.Writer) error { return capacityText(w, results) })
}

func capacityText(w io.Writer, results []*capacity.Result) error {
	for i, r := range results {
		if i > 0 {
			if _, err := fmt.Fprintln(w); err != nil {
				return err
			}
		}
		if err := printProse(w, fmt.Sprintf("%s: target utilisation %s, SLO p99 %s", textsafe.Line(r.Stack), humanize.Percent(r.TargetUtilization), humanize.Millis(r.SLOp99ms))); err != nil {
			return err
		}
		if len(r.Tiers) == 0 && len(r.Databases) == 0 && len(r.Caches) == 0 {
			// An empty table would read as a rendering fault.
			if _, err := fmt.Fprintln(w, "nothing to size: no tier serves modelled requests or jobs, and there is no database or cache"); err != nil {
				return err
			}
			continue
		}
		var rows [][]string
		var scenarios []*capacity.Scenario
		for _, tier := range r.Tiers {
			for _, sc := range tier.Scenarios {
				rows, scenarios = append(rows, scenarioRow(tierLabel(tier), sc, tier)), append(scenarios, sc)
			}
		}
		for _, db := range r.Databases {
			for _, sc := range db.Scenarios {
				rows, scenarios = append(rows, scenarioRow(db.Name+" (database)", sc, nil)), append(scenarios, sc)
			}
		}
		t := newTable(w, capacityHeader...)
		for i, row := range rows {
			if err := t.AppendPainted(row, verdictPaint(row, scenarios[i])); err != nil {
				return err
			}
		}
		render := t.Render
		if !t.Fits() {
			render = func() error { return capacityByTier(w, rows, scenarios) }
		}
		if err := render(); err != nil {
			return err
		}
		for _, note := range pinningNotes(r) {
			if err := printProse(w, "note: "+note); err != nil {
				return err
			}
		}
		if len(r.Caches) == 0 {
			continue
		}
		// Hit ratios at both load levels: fewer reads per key at average
		// load hit less often (docs/caching.md).
		ct := newTable(w, "CACHE", "DATA SET", "HIT PEAK", "HIT AVERAGE", "DATA MiB", "MEMORY MiB")
		for _, c := range r.Caches {
			for _, ds := range c.DataSets {
				avg := ""
				if sc := ds.Scenario(capacity.ScenarioAverage); sc != nil {
					avg = humanize.Percent(sc.HitRatio)
				}
				if err := ct.Append([]string{c.Name, ds.Name, humanize.Percent(ds.HitRatio), avg, capMiB(ds.Bytes), ""}); err != nil {
					return err
				}
			}
			if err := ct.Append([]string{c.Name, "(total)", "", "", capMiB(c.DataBytes), capMiB(float64(c.MemoryBytes))}); err != nil {
				return err
			}
		}
		if err := ct.Render(); err != nil {
			return err
		}
	}
	return nil
}

// capacityHeader heads the capacity table's columns; the cells of a row
// are scenarioRow's.
var capacityHeader = []string{"TIER", "SCENARIO", "RPS", "INSTANCES", "WORKERS", "CPU", "P(WAIT)", "MEAN ms", "P99 ms", "NEEDED", "VERDICT"}

// tierLabel names a tier in the capacity tables; a jobs tier says so,
// since its RPS are jobs per second and its p99 is held to its deadline.
func tierLabel(t *capacity.Tier) string {
	if t.Serves != string(schema.ServesJobs) {
		return t.Name
	}
	if t.DeadlineMs > 0 {
		return t.Name + " (jobs, deadline " + humanize.Millis(t.DeadlineMs) + ")"
	}
	return t.Name + " (jobs, no deadline)"
}

// scenarioRow is one scenario's row. RPS is the arrival rate the traffic
// graph brings the whole tier (queries per second for a database); tier
// is nil for a database.
func scenarioRow(name string, sc *capacity.Scenario, tier *capacity.Tier) []string {
	compute := tier != nil
	const (
		colRPS = 2 + iota
		colInstances
		colWorkers
		colCPU
		colWait
		colMean
		colP99
		colNeeded
		colVerdict
	)
	row := []string{name, string(sc.Kind), humanize.Figure(sc.RPS), strconv.Itoa(sc.Instances), "-", "-", "-", "-", "-", "-", string(sc.Verdict)}
	if sc.Instances > 0 {
		if compute {
			row[colWorkers] = workersCell(tier, sc)
		}
		row[colCPU] = humanize.Percent(sc.CPUUtilization)
		row[colWait] = fmt.Sprintf("%.3f", sc.WaitProbability)
	}
	if !sc.Saturated && sc.Instances > 0 { // an idle tier at 0 instances answers no request
		row[colMean], row[colP99] = humanize.Figure(sc.MeanMs), humanize.Figure(sc.P99Ms)
	}
	if compute {
		row[colNeeded] = "none"
		if sc.Needed > 0 || sc.Idle {
			row[colNeeded] = strconv.Itoa(sc.Needed)
		}
	}
	if sc.Saturated && sc.Bottleneck != "" {
		row[colVerdict] += " (" + sc.Bottleneck + ")"
	}
	return row
}

// pinningNotes says, for each autoscaling tier behind an NLB, what the
// even split of the table assumes.
func pinningNotes(r *capacity.Result) []string {
	var out []string
	for _, t := range r.Tiers {
		for _, lb := range t.PinnedBy {
			out = append(out, fmt.Sprintf("tier %q is behind NLB %q, which balances connections, not requests: long-lived HTTP/2 or gRPC clients stay on the instances they first reached, so instances added by scaling (%d → %d) get no traffic until clients reconnect; the rows above assume they do",
				textsafe.Line(t.Name), textsafe.Line(lb), t.Min, t.Max))
		}
	}
	return out
}

// workersCell is the WORKERS column: the workers' utilisation, or for an
// event loop, which has no worker held per request, the requests in
// flight per instance against its limit.
func workersCell(t *capacity.Tier, sc *capacity.Scenario) string {
	switch {
	case !t.EventLoop:
		return humanize.Percent(sc.WorkerUtilization)
	case sc.Saturated && t.InFlightLimit > 0:
		return humanize.Percent(sc.WorkerUtilization) + " of " + humanize.Figure(float64(t.InFlightLimit))
	case sc.Saturated:
		return "event loop"
	case t.InFlightLimit > 0:
		return humanize.Figure(sc.InFlight) + " of " + humanize.Figure(float64(t.InFlightLimit))
	}
	return "event loop, " + humanize.Figure(sc.InFlight)
}

func capMiB(b float64) string { return fmt.Sprintf("%.1f", b/(1<<20)) }

// CapacityJSON writes the results with the stable field names documented
// in the README ("Capacity") and docs/schemas/capacity.json, then the
// stacks that did not load (errors, positions relative to dir). Numbers are rounded (utilisations and
// probabilities to 4 decimals, times to 3) so that output does not depend
// on the last bit of floating point; a value with no meaning (the response
// of a saturated queue, instances needed when none suffice) is null.
func CapacityJSON(w io.Writer, results []*capacity.Result, errs schema.Errors, dir string) error {
	return safeText(w, func(w io.Writer) error { return writeCapacityJSON(w, results, errs, dir) })
}

func writeCapacityJSON(w io.Writer, results []*capacity.Result, errs schema.Errors, dir string) error {
	out := capacityJSON{SchemaVersion: JSONSchemaVersion, Stacks: []stackCapacityJSON{}, Errors: errorsJSON(errs, dir)}
	for _, r := range results {
		s := stackCapacityJSON{Stack: r.Stack, TargetUtilization: r.TargetUtilization, SLOp99ms: r.SLOp99ms,
			Tiers: []tierJSON{}, Databases: []databaseJSON{}, Caches: []cacheJSON{}}
		for _, t := range r.Tiers {
			tj := tierJSON{Name: t.Name, InstanceType: t.InstanceType, VCPUs: t.VCPU, Workers: t.Workers,
				USLEfficiency: capRound(t.Efficiency, 4), AZs: t.AZs, Autoscaling: t.Autoscaling,
				MinInstances: t.Min, MaxInstances: t.Max, DeployStrategy: t.Deploy,
				DBQueriesPerRequest: capRound(t.DBQueries, 4), CacheCallsPerRequest: capRound(t.CacheCalls, 4), Scenarios: []scenarioJSON{}}
			if t.USLPeakWorkers > 0 {
				tj.USLPeakWorkers = &t.USLPeakWorkers
			}
			tj.PinnedBy = t.PinnedBy
			if t.EventLoop {
				tj.EventLoop = &eventLoopJSON{CPUServers: t.CPUServers}
				if t.InFlightLimit > 0 {
					tj.EventLoop.InFlightLimit = &t.InFlightLimit
				}
			}
			if t.Serves != string(schema.ServesHTTP) {
				tj.Serves, tj.DeadlineMs = t.Serves, t.DeadlineMs
			}
			for _, sc := range t.Scenarios {
				sj := scenarioJSONOf(sc, true)
				if t.EventLoop && !sc.Saturated {
					f := capRound(sc.InFlight, 3)
					sj.InFlight = &f
				}
				tj.Scenarios = append(tj.Scenarios, sj)
			}
			s.Tiers = append(s.Tiers, tj)
		}
		for _, d := range r.Databases {
			dj := databaseJSON{Name: d.Name, InstanceClass: d.Class, HostedBy: d.HostedBy, VCPUs: d.VCPU, QueryMs: d.QueryMs, Scenarios: []scenarioJSON{}}
			for _, sc := range d.Scenarios {
				dj.Scenarios = append(dj.Scenarios, scenarioJSONOf(sc, false))
			}
			s.Databases = append(s.Databases, dj)
		}
		for _, c := range r.Caches {
			cj := cacheJSON{Name: c.Name, NodeType: c.NodeType, Nodes: c.Nodes, MemoryBytes: c.MemoryBytes,
				DataBytes: math.Round(c.DataBytes), DataSets: []dataSetJSON{}}
			for _, ds := range c.DataSets {
				dj := dataSetJSON{Name: ds.Name, ReadsPerS: ds.ReadsPerS, CalledReadsPerS: capRound(ds.CalledReadsPerS, 4),
					WritesPerS: ds.WritesPerS, WritesPerSPerSource: ds.WritesPerSPerSource, Keys: ds.Keys, Sources: ds.Sources,
					MissQueries: ds.MissQueries, Bytes: math.Round(ds.Bytes), HitRatio: capRound(ds.HitRatio, 4), Scenarios: []dataSetScenarioJSON{}}
				for _, sc := range ds.Scenarios {
					dj.Scenarios = append(dj.Scenarios, dataSetScenarioJSON{Scenario: string(sc.Kind), ReadsPerS: capRound(sc.ReadsPerS, 4),
						HitRatio: capRound(sc.HitRatio, 4), MissesPerS: capRound(sc.MissesPerS, 4), QueriesPerS: capRound(sc.QueriesPerS, 4)})
				}
				cj.DataSets = append(cj.DataSets, dj)
			}
			s.Caches = append(s.Caches, cj)
		}
		out.Stacks = append(out.Stacks, s)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func capRound(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}

func scenarioJSONOf(sc *capacity.Scenario, compute bool) scenarioJSON {
	j := scenarioJSON{Scenario: string(sc.Kind), RPS: capRound(sc.RPS, 3), Instances: sc.Instances,
		RPSPerInstance: capRound(sc.RPSPerInstance, 3), ServiceMs: capRound(sc.ServiceMs, 3), DBMs: capRound(sc.DBMs, 3),
		CPUUtilization: capRound(sc.CPUUtilization, 4), WaitProbability: capRound(sc.WaitProbability, 4),
		Saturated: sc.Saturated, Bottleneck: sc.Bottleneck, Verdict: string(sc.Verdict)}
	if compute {
		wu := capRound(sc.WorkerUtilization, 4)
		j.WorkerUtilization = &wu
		if sc.Needed > 0 || sc.Idle {
			n := sc.Needed
			j.InstancesNeeded = &n
		}
	}
	if !sc.Saturated && sc.Instances > 0 {
		m, p := capRound(sc.MeanMs, 3), capRound(sc.P99Ms, 3)
		j.MeanMs, j.P99Ms = &m, &p
	}
	return j
}

type capacityJSON struct {
	SchemaVersion int                 `json:"schema_version"`
	Stacks        []stackCapacityJSON `json:"stacks"`
	Errors        []errorJSON         `json:"errors"`
}

type stackCapacityJSON struct {
	Stack             string         `json:"stack"`
	TargetUtilization float64        `json:"target_utilization"`
	SLOp99ms          float64        `json:"slo_p99_ms"`
	Tiers             []tierJSON     `json:"tiers"`
	Databases         []databaseJSON `json:"databases"`
	Caches            []cacheJSON    `json:"caches"`
}

type tierJSON struct {
	Name                 string         `json:"name"`
	InstanceType         string         `json:"instance_type"`
	VCPUs                int            `json:"vcpus"`
	Workers              int            `json:"workers"`
	USLEfficiency        float64        `json:"usl_efficiency"`
	USLPeakWorkers       *int           `json:"usl_peak_workers"`
	AZs                  int            `json:"azs"`
	Autoscaling          bool           `json:"autoscaling"`
	MinInstances         int            `json:"min_instances"`
	MaxInstances         int            `json:"max_instances"`
	DeployStrategy       string         `json:"deploy_strategy"`
	DBQueriesPerRequest  float64        `json:"db_queries_per_request"`
	CacheCallsPerRequest float64        `json:"cache_calls_per_request"`
	Serves               string         `json:"serves,omitempty"`      // absent for "http", the default
	DeadlineMs           float64        `json:"deadline_ms,omitempty"` // absent without a deadline
	Scenarios            []scenarioJSON `json:"scenarios"`
	// EventLoop is present for an event-loop tier only, so that the
	// output of every blocking tier stays as it was.
	EventLoop *eventLoopJSON `json:"event_loop,omitempty"`
	// PinnedBy: the NLBs in front of an autoscaling tier (omitted when
	// none), whose connection balancing the even split ignores.
	PinnedBy []string `json:"pinned_by_nlb,omitempty"`
}

type eventLoopJSON struct {
	CPUServers    int  `json:"cpu_servers"`
	InFlightLimit *int `json:"in_flight_limit"`
}

type databaseJSON struct {
	Name          string         `json:"name"`
	InstanceClass string         `json:"instance_class"`
	HostedBy      string         `json:"hosted_by"`
	VCPUs         int            `json:"vcpus"`
	QueryMs       float64        `json:"query_ms"`
	Scenarios     []scenarioJSON `json:"scenarios"`
}

type scenarioJSON struct {
	Scenario          string   `json:"scenario"`
	RPS               float64  `json:"rps"`
	Instances         int      `json:"instances"`
	RPSPerInstance    float64  `json:"rps_per_instance"`
	ServiceMs         float64  `json:"service_ms"`
	DBMs              float64  `json:"db_ms"`
	WorkerUtilization *float64 `json:"worker_utilization"`
	// InFlight: an unsaturated event-loop tier's mean requests in flight
	// per instance.
	InFlight        *float64 `json:"in_flight,omitempty"`
	CPUUtilization  float64  `json:"cpu_utilization"`
	WaitProbability float64  `json:"wait_probability"`
	MeanMs          *float64 `json:"mean_ms"`
	P99Ms           *float64 `json:"p99_ms"`
	Saturated       bool     `json:"saturated"`
	Bottleneck      string   `json:"bottleneck,omitempty"`
	InstancesNeeded *int     `json:"instances_needed"`
	Verdict         string   `json:"verdict"`
}

type cacheJSON struct {
	Name        string        `json:"name"`
	NodeType    string        `json:"node_type"`
	Nodes       int           `json:"nodes"`
	MemoryBytes int64         `json:"memory_bytes"`
	DataBytes   float64       `json:"data_bytes"`
	DataSets    []dataSetJSON `json:"data_sets"`
}

type dataSetJSON struct {
	Name                string                `json:"name"`
	ReadsPerS           float64               `json:"reads_per_s"`
	CalledReadsPerS     float64               `json:"called_reads_per_s"`
	WritesPerS          float64               `json:"writes_per_s"`
	WritesPerSPerSource float64               `json:"writes_per_s_per_source"`
	Keys                int                   `json:"keys"`
	Sources             int                   `json:"sources"`
	MissQueries         float64               `json:"miss_queries"`
	Bytes               float64               `json:"bytes"`
	HitRatio            float64               `json:"hit_ratio"`
	Scenarios           []dataSetScenarioJSON `json:"scenarios"`
}

type dataSetScenarioJSON struct {
	Scenario    string  `json:"scenario"`
	ReadsPerS   float64 `json:"reads_per_s"`
	HitRatio    float64 `json:"hit_ratio"`
	MissesPerS  float64 `json:"misses_per_s"`
	QueriesPerS float64 `json:"queries_per_s"`
}
