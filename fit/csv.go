// Package fit derives model parameters from measurements: the Universal
// Scalability Law's contention and coherency from a closed-loop load test.
package fit

import (
	"fmt"
	"io"
)

// Point is one row of a closed-loop load test: the number of clients kept
// busy and the throughput they drove.
type Point struct {
	Line        int     // line of the row in its file, for messages
	Concurrency float64 // N ≥ 1, clients (or threads) in the closed loop
	Throughput  float64 // X(N), completed requests per second
	P99ms       float64 // 99th-percentile response, ms; NaN when not given
}

// InputError is a problem with the input file, at a line (and column,
// when one field is wrong).
type InputError struct {
	File         string
	Line, Column int
	Msg          string
}

func (e *InputError) Error() string {
	if e.Column > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// USLColumns names the columns ReadUSL understands, required first.
const USLColumns = "concurrency,throughput_rps[,p99_ms]"

// MinPoints is the fewest distinct concurrency levels that can fix three
// parameters with a residual left over to estimate their uncertainty.
const MinPoints = 4

// uslColumns are ReadUSL's columns, in the order of Point's fields.
var uslColumns = []column{
	{name: "concurrency", required: true, min: 1, minNote: "N counts clients"},
	{name: "throughput_rps", required: true, min: 0, open: true},
	{name: "p99_ms"},
}

// ReadUSL reads a CSV whose header names the columns concurrency and
// throughput_rps (and optionally p99_ms), in any order. Rows may come in
// any order of concurrency and may repeat a level. name is used in
// messages only.
func ReadUSL(name string, r io.Reader) ([]Point, error) {
	rows, last, err := readTable(name, r, uslColumns, USLColumns)
	if err != nil {
		return nil, err
	}
	pts := make([]Point, len(rows))
	distinct := map[float64]bool{}
	for i, rw := range rows {
		pts[i] = Point{Line: rw.line, Concurrency: rw.values[0], Throughput: rw.values[1], P99ms: rw.values[2]}
		distinct[pts[i].Concurrency] = true
	}
	if len(distinct) < MinPoints {
		return nil, &InputError{File: name, Line: last, Msg: fmt.Sprintf("%d data rows at %d concurrency levels: fitting λ, σ and κ needs at least %d levels", len(pts), len(distinct), MinPoints)}
	}
	return pts, nil
}
