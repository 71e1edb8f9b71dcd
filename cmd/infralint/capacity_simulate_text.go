package main

import (
	"fmt"
	"github.com/infralint/infralint/internal/simcompare"
	"io"
	"strings"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/internal/textsafe"
	"github.com/infralint/infralint/render"
	"github.com/infralint/infralint/simulate"
)

// The text of capacity --simulate: one block per stack, a heading per tier
// and a row per scenario, within 80 columns.

// simLegend explains the columns once per run.
const simLegend = `model: the capacity model; simulated: ± the half-width of its 95 % interval
("-": the model gives no such figure; sat.: saturated, no steady state)
`

func simulationText(w io.Writer, cs []*simcompare.Comparison, dir string) error {
	tw := textsafe.NewWriter(w)
	for i, c := range cs {
		if i > 0 {
			fmt.Fprintln(tw)
		}
		fmt.Fprintf(tw, "%s (%s)\n", c.Stack, render.RelPath(c.Path, dir))
		fmt.Fprintf(tw, "simulated: seed %d, %s requests a scenario\n%s\n", c.Seed, humanize.Count(c.Requests), c.Method)
		if i == 0 {
			fmt.Fprint(tw, simLegend)
		}
		fmt.Fprintln(tw)
		if len(c.Rows) == 0 {
			fmt.Fprintln(tw, "no compute tier with a demand and no database: nothing to simulate")
			continue
		}
		fmt.Fprintf(tw, "%-15s%-22s%-22s%s\n", "", "MEAN ms", "P95 ms", "P99 ms")
		fmt.Fprintln(tw, strings.TrimRight(fmt.Sprintf("%-10s%4s%s%s%s", "SCENARIO", "INST", simHead, simHead, simHead), " "))
		last := ""
		for _, r := range c.Rows {
			label := r.Name
			if r.Database {
				label += " (database)"
			}
			if label != last {
				fmt.Fprintln(tw, label)
				last = label
			}
			fmt.Fprintln(tw, strings.TrimRight(simLine(r), " "))
		}
	}
	return tw.Flush()
}

// simHead is one figure's two column heads: the model's, then the
// simulated one's.
var simHead = simCell("model", "simulated")

func simLine(r simcompare.Row) string {
	m, s := r.Model, r.Sim
	var mean, p95, p99 string
	switch {
	case m.Idle:
		mean, p95, p99 = simCell("idle", "-"), simCell("idle", "-"), simCell("idle", "-")
	default:
		mm, m95, m99 := modelFigures(m)
		mean = simCell(mm, simFigure(s, s.Mean))
		p95 = simCell(m95, simFigure(s, s.P95))
		p99 = simCell(m99, simFigure(s, s.P99))
	}
	return fmt.Sprintf("  %-8s%4d%s%s%s", r.Scenario, r.Instances, mean, p95, p99)
}

// simCell is one figure: 22 columns, so that a row is at most 80.
func simCell(model, sim string) string { return fmt.Sprintf(" %6s  %-13s", model, sim) }

// modelFigures are the model's mean, p95 and p99 as printed: "sat." when
// it is saturated, "-" for a figure it does not compute (its p95).
func modelFigures(m *capacity.Scenario) (mean, p95, p99 string) {
	if m.Saturated {
		return "sat.", "sat.", "sat."
	}
	return humanize.Figure(m.MeanMs), humanize.Figure(m.P95Ms), humanize.Figure(m.P99Ms)
}

// simFigure is a simulated figure with its interval, "sat." when the
// queue grew through the run, "-" when nothing was measured.
func simFigure(f *simulate.Figures, e simulate.Estimate) string {
	switch {
	case f.Saturated:
		return "sat."
	case f.Requests == 0:
		return "-"
	}
	hw := humanize.Figure(e.HalfWidth)
	if e.HalfWidth > 0 && hw == "0" {
		hw = "<0.01" // not "0": the interval is narrow, not nil
	}
	return humanize.Figure(e.Value) + " ± " + hw
}
