package fit

import (
	"fmt"
	"io"
)

// Sample is one rate of an open-loop load test: the rate offered, the CPU
// utilisation it caused and, optionally, the response times measured.
type Sample struct {
	Line        int     // line of the row in its file, for messages
	File        string  // the vegeta report it came from, instead of a line
	RPS         float64 // requests per second completed at this rate, > 0
	Utilisation float64 // CPU busy share of the instance's vCPUs, 0–1
	P50ms       float64 // median response, ms; NaN when not given
	P99ms       float64 // 99th-percentile response, ms; NaN when not given
}

// At names where the sample came from, for messages: "line 6" or the
// vegeta report's file.
func (s Sample) At() string {
	if s.File != "" {
		return s.File
	}
	return fmt.Sprintf("line %d", s.Line)
}

// DemandColumns names the columns ReadDemand understands, required first.
const DemandColumns = "rps,cpu_utilisation[,p50_ms,p99_ms]"

// MinRates is the fewest distinct rates that fix the utilisation law's
// slope and intercept with a residual left over for their uncertainty.
const MinRates = 3

var demandColumns = []column{
	{name: "rps", required: true, min: 0, open: true, max: 1e9, maxNote: "requests per second of one server"},
	{name: "cpu_utilisation", required: true, max: 1, maxNote: "a fraction of the instance's vCPUs, 0–1: divide a percentage by 100"},
	{name: "p50_ms", max: 3.6e6, maxNote: "an hour, the longest demand the schema takes"},
	{name: "p99_ms", max: 3.6e6, maxNote: "an hour, the longest demand the schema takes"},
}

// ReadDemand reads a CSV whose header names the columns rps and
// cpu_utilisation (and optionally p50_ms and p99_ms), in any order. name is
// used in messages only.
func ReadDemand(name string, r io.Reader) ([]Sample, error) {
	rows, last, err := readTable(name, r, demandColumns, DemandColumns)
	if err != nil {
		return nil, err
	}
	out := make([]Sample, len(rows))
	distinct := map[float64]bool{}
	for i, rw := range rows {
		s := Sample{Line: rw.line, RPS: rw.values[0], Utilisation: rw.values[1], P50ms: rw.values[2], P99ms: rw.values[3]}
		if s.P99ms < s.P50ms {
			return nil, &InputError{File: name, Line: rw.line, Column: rw.cols[3], Msg: fmt.Sprintf("p99_ms: %g is below p50_ms %g", s.P99ms, s.P50ms)}
		}
		out[i] = s
		distinct[s.RPS] = true
	}
	if len(distinct) < MinRates {
		return nil, &InputError{File: name, Line: last, Msg: fmt.Sprintf("%d data rows at %d rates: fitting CPU per request and the utilisation at zero load needs at least %d rates", len(out), len(distinct), MinRates)}
	}
	return out, nil
}
