package main

import (
	"encoding/json"
	"github.com/infralint/infralint/internal/simcompare"
	"io"
	"math"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/render"
	"github.com/infralint/infralint/schema"
	"github.com/infralint/infralint/simulate"
)

// capacity --simulate --format json: the document docs/schemas/
// capacity-simulate.json pins.

type simDocJSON struct {
	SchemaVersion int            `json:"schema_version"`
	Simulations   []simStackJSON `json:"simulations"`
	Errors        []simErrorJSON `json:"errors"`
}

type simErrorJSON struct {
	Message  string           `json:"message"`
	Position *schema.Position `json:"position,omitempty"`
}

type simStackJSON struct {
	Stack    string        `json:"stack"`
	File     string        `json:"file"`
	Seed     uint64        `json:"seed"`
	Requests int           `json:"requests"`
	Method   string        `json:"method"`
	Tiers    []simTierJSON `json:"tiers"`
}

type simTierJSON struct {
	Name      string            `json:"name"`
	Kind      string            `json:"kind"`
	Scenarios []simScenarioJSON `json:"scenarios"`
}

type simScenarioJSON struct {
	Scenario  string         `json:"scenario"`
	Instances int            `json:"instances"`
	Model     simModelJSON   `json:"model"`
	Simulated simFiguresJSON `json:"simulated"`
}

// simModelJSON: a figure the model does not compute, or has no value for
// (saturated, idle), is null.
type simModelJSON struct {
	MeanMs    *float64 `json:"mean_ms"`
	P50Ms     *float64 `json:"p50_ms"`
	P95Ms     *float64 `json:"p95_ms"`
	P99Ms     *float64 `json:"p99_ms"`
	Saturated bool     `json:"saturated"`
	Idle      bool     `json:"idle"`
}

type simEstimateJSON struct {
	Value     float64 `json:"value"`
	HalfWidth float64 `json:"half_width"`
}

// simFiguresJSON: the times are null when nothing was measured or the
// queue saturated.
type simFiguresJSON struct {
	Requests          int              `json:"requests"`
	MeanMs            *simEstimateJSON `json:"mean_ms"`
	P50Ms             *simEstimateJSON `json:"p50_ms"`
	P95Ms             *simEstimateJSON `json:"p95_ms"`
	P99Ms             *simEstimateJSON `json:"p99_ms"`
	WorkerUtilization simEstimateJSON  `json:"worker_utilization"`
	CPUUtilization    simEstimateJSON  `json:"cpu_utilization"`
	Saturated         bool             `json:"saturated"`
	Note              string           `json:"note,omitempty"`
}

func simulationJSON(w io.Writer, cs []*simcompare.Comparison, errs schema.Errors, dir string) error {
	doc := simDocJSON{SchemaVersion: render.JSONSchemaVersion, Simulations: []simStackJSON{}, Errors: []simErrorJSON{}}
	for _, e := range errs {
		j := simErrorJSON{Message: e.Msg}
		if e.Pos.File != "" {
			p := e.Pos
			p.File = render.RelPath(p.File, dir)
			j.Position = &p
		}
		doc.Errors = append(doc.Errors, j)
	}
	for _, c := range cs {
		s := simStackJSON{Stack: c.Stack, File: render.RelPath(c.Path, dir), Seed: c.Seed, Requests: c.Requests, Method: c.Method, Tiers: []simTierJSON{}}
		for _, r := range c.Rows {
			if n := len(s.Tiers); n == 0 || s.Tiers[n-1].Name != r.Name || (s.Tiers[n-1].Kind == "database") != r.Database {
				kind := "compute"
				if r.Database {
					kind = "database"
				}
				s.Tiers = append(s.Tiers, simTierJSON{Name: r.Name, Kind: kind, Scenarios: []simScenarioJSON{}})
			}
			t := &s.Tiers[len(s.Tiers)-1]
			t.Scenarios = append(t.Scenarios, simScenarioJSON{Scenario: string(r.Scenario), Instances: r.Instances,
				Model: simModelOf(r.Model), Simulated: simFiguresOf(r.Sim)})
		}
		doc.Simulations = append(doc.Simulations, s)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func simModelOf(m *capacity.Scenario) simModelJSON {
	j := simModelJSON{Saturated: m.Saturated, Idle: m.Idle}
	if !m.Saturated && !m.Idle {
		mean, p50, p95, p99 := simRound(m.MeanMs), simRound(m.P50Ms), simRound(m.P95Ms), simRound(m.P99Ms)
		j.MeanMs, j.P50Ms, j.P95Ms, j.P99Ms = &mean, &p50, &p95, &p99
	}
	return j
}

func simFiguresOf(f *simulate.Figures) simFiguresJSON {
	j := simFiguresJSON{Requests: f.Requests, WorkerUtilization: simEstimateOf(f.WorkerUtilization),
		CPUUtilization: simEstimateOf(f.CPUUtilization), Saturated: f.Saturated, Note: f.Note}
	if !f.Saturated && f.Requests > 0 {
		mean, p50, p95, p99 := simEstimateOf(f.Mean), simEstimateOf(f.P50), simEstimateOf(f.P95), simEstimateOf(f.P99)
		j.MeanMs, j.P50Ms, j.P95Ms, j.P99Ms = &mean, &p50, &p95, &p99
	}
	return j
}

func simEstimateOf(e simulate.Estimate) simEstimateJSON {
	return simEstimateJSON{Value: simRound(e.Value), HalfWidth: simRound(e.HalfWidth)}
}

// simRound keeps 4 decimals (0.1 µs, or 0.01 % of a utilisation): more
// than a 95 % interval resolves, and short to read.
func simRound(x float64) float64 { return math.Round(x*1e4) / 1e4 }
