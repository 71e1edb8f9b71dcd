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

// column is one column a measurement CSV may have, and the values it
// accepts.
type column struct {
	name     string
	required bool
	min      float64
	open     bool    // the value must be greater than min, not equal
	max      float64 // 0: no upper bound
	minNote  string  // why min, said when a value is below it
	maxNote  string  // why max, said when a value is above it
}

// row is one data row: its line and each column's value (NaN when the
// file has no such column), with the column (1-based) of each field for
// messages.
type row struct {
	line   int
	values []float64
	cols   []int
}

// readTable reads a CSV whose header names its columns, in any order,
// from the set cols (usage lists them for messages). Lines starting with
// # are comments. Every problem is an *InputError at its line and column.
func readTable(name string, r io.Reader, cols []column, usage string) ([]row, int, error) {
	cr := csv.NewReader(r)
	cr.TrimLeadingSpace = true
	cr.Comment = '#'
	bad := func(line, col int, format string, args ...any) error {
		return &InputError{File: name, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
	}
	header, err := cr.Read()
	if err == io.EOF {
		return nil, 0, bad(1, 0, "empty file: want a header line naming the columns %s", usage)
	}
	if err != nil {
		return nil, 0, csvError(name, err, usage)
	}
	hline, _ := cr.FieldPos(0)
	idx := make([]int, len(cols)) // column → field, −1 when absent
	for i := range idx {
		idx[i] = -1
	}
	for i, h := range header {
		h = strings.TrimSpace(h)
		_, col := cr.FieldPos(i)
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff") // a spreadsheet's byte-order mark
		}
		if _, err := strconv.ParseFloat(h, 64); err == nil {
			return nil, 0, bad(hline, col, "no header: the first line must name the columns %s, found the number %q", usage, h)
		}
		j := -1
		for k, c := range cols {
			if c.name == h {
				j = k
			}
		}
		switch {
		case j < 0:
			return nil, 0, bad(hline, col, "unknown column %q: the columns are %s", h, usage)
		case idx[j] >= 0:
			return nil, 0, bad(hline, col, "column %q named twice", h)
		}
		idx[j] = i
	}
	for j, c := range cols {
		if c.required && idx[j] < 0 {
			return nil, 0, bad(hline, 0, "missing column %q: the columns are %s", c.name, usage)
		}
	}
	var rows []row
	last := hline
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, 0, csvError(name, err, usage)
		}
		line, _ := cr.FieldPos(0)
		last = line
		rw := row{line: line, values: make([]float64, len(cols)), cols: make([]int, len(cols))}
		for j, c := range cols {
			rw.values[j] = math.NaN()
			i := idx[j]
			if i < 0 {
				continue
			}
			_, at := cr.FieldPos(i)
			rw.cols[j] = at
			s := strings.TrimSpace(rec[i])
			v, err := strconv.ParseFloat(s, 64)
			switch {
			case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
				return nil, 0, bad(line, at, "%s: %q is not a finite number", c.name, s)
			case v < 0:
				return nil, 0, bad(line, at, "%s: %s is negative", c.name, s)
			case c.open && v <= c.min:
				return nil, 0, bad(line, at, "%s: must be greater than %g", c.name, c.min)
			case v < c.min:
				return nil, 0, bad(line, at, "%s: %s is below %g (%s)", c.name, s, c.min, c.minNote)
			case c.max > 0 && v > c.max:
				return nil, 0, bad(line, at, "%s: %s is above %g (%s)", c.name, s, c.max, c.maxNote)
			}
			rw.values[j] = v
		}
		rows = append(rows, rw)
	}
	return rows, last, nil
}

// csvError turns encoding/csv's error (a wrong number of fields, a stray
// quote) into an InputError with its position.
func csvError(name string, err error, usage string) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = "wrong number of fields: every row has the header's columns (" + usage + ")"
		}
		return &InputError{File: name, Line: pe.Line, Column: pe.Column, Msg: msg}
	}
	return &InputError{File: name, Line: 1, Msg: err.Error()}
}
