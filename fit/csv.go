// Package fit derives model parameters from measurements: the Universal
// Scalability Law's contention and coherency from a closed-loop load test.
package fit

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
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

// ReadUSL reads a CSV whose header names the columns concurrency and
// throughput_rps (and optionally p99_ms), in any order. Rows may come in
// any order of concurrency and may repeat a level. name is used in
// messages only.
func ReadUSL(name string, r io.Reader) ([]Point, error) {
	cr := csv.NewReader(r)
	cr.TrimLeadingSpace = true
	cr.Comment = '#'
	bad := func(line, col int, format string, args ...any) error {
		return &InputError{File: name, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
	}
	header, err := cr.Read()
	if err == io.EOF {
		return nil, bad(1, 0, "empty file: want a header line naming the columns %s", USLColumns)
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	hline, _ := cr.FieldPos(0)
	idx := map[string]int{"concurrency": -1, "throughput_rps": -1, "p99_ms": -1}
	for i, h := range header {
		h = strings.TrimSpace(h)
		_, col := cr.FieldPos(i)
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff") // a spreadsheet's byte-order mark
		}
		if _, err := strconv.ParseFloat(h, 64); err == nil {
			return nil, bad(hline, col, "no header: the first line must name the columns %s, found the number %q", USLColumns, h)
		}
		j, known := idx[h]
		switch {
		case !known:
			return nil, bad(hline, col, "unknown column %q: the columns are %s", h, USLColumns)
		case j >= 0:
			return nil, bad(hline, col, "column %q named twice", h)
		}
		idx[h] = i
	}
	for _, c := range []string{"concurrency", "throughput_rps"} {
		if idx[c] < 0 {
			return nil, bad(hline, 0, "missing column %q: the columns are %s", c, USLColumns)
		}
	}
	var pts []Point
	distinct := map[float64]bool{}
	last := hline
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := cr.FieldPos(0)
		last = line
		// num parses column col's field, which must be at least min
		// (greater than min when open).
		num := func(col string, min float64, open bool) (float64, error) {
			i := idx[col]
			_, c := cr.FieldPos(i)
			s := strings.TrimSpace(rec[i])
			v, err := strconv.ParseFloat(s, 64)
			switch {
			case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
				return 0, bad(line, c, "%s: %q is not a finite number", col, s)
			case v < 0:
				return 0, bad(line, c, "%s: %s is negative", col, s)
			case open && v <= min:
				return 0, bad(line, c, "%s: must be greater than %g", col, min)
			case v < min:
				return 0, bad(line, c, "%s: %s is below %g (N counts clients)", col, s, min)
			}
			return v, nil
		}
		p := Point{Line: line, P99ms: math.NaN()}
		if p.Concurrency, err = num("concurrency", 1, false); err != nil {
			return nil, err
		}
		if p.Throughput, err = num("throughput_rps", 0, true); err != nil {
			return nil, err
		}
		if idx["p99_ms"] >= 0 {
			if p.P99ms, err = num("p99_ms", 0, false); err != nil {
				return nil, err
			}
		}
		distinct[p.Concurrency] = true
		pts = append(pts, p)
	}
	if len(distinct) < MinPoints {
		return nil, bad(last, 0, "%d data rows at %d concurrency levels: fitting λ, σ and κ needs at least %d levels", len(pts), len(distinct), MinPoints)
	}
	return pts, nil
}

// csvError turns encoding/csv's error (a wrong number of fields, a stray
// quote) into an InputError with its position.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = "wrong number of fields: every row has the header's columns (" + USLColumns + ")"
		}
		return &InputError{File: name, Line: pe.Line, Column: pe.Column, Msg: msg}
	}
	return &InputError{File: name, Line: 1, Msg: err.Error()}
}
