package fit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"
)

// vegetaReport is the part of `vegeta report -type=json` (vegeta's
// Metrics, stable since v12.8) the demand fit reads. Durations are
// nanoseconds. TestVegetaReportFromTheLibrary checks these names against
// a report written by vegeta's own reporter.
type vegetaReport struct {
	Latencies *struct {
		P50 *float64 `json:"50th"`
		P99 *float64 `json:"99th"`
	} `json:"latencies"`
	Earliest   *time.Time `json:"earliest"`
	End        *time.Time `json:"end"`
	Requests   *uint64    `json:"requests"`
	Throughput *float64   `json:"throughput"`
	Success    *float64   `json:"success"`
}

// Step is one rate step of a load test read from a vegeta report: its
// window, and what the report says of it.
type Step struct {
	File         string
	From, To     time.Time // earliest request to the last response
	Requests     uint64
	Throughput   float64 // successful requests per second
	Success      float64 // share of requests without an error, 0–1
	P50ms, P99ms float64
}

// ReadVegeta reads one `vegeta report -type=json` document.
func ReadVegeta(name string, r io.Reader) (Step, error) {
	data, err := io.ReadAll(io.LimitReader(r, 1<<20))
	if err != nil {
		return Step{}, &InputError{File: name, Line: 1, Msg: err.Error()}
	}
	bad := func(off int64, format string, args ...any) error {
		line, col := lineCol(data, off)
		return &InputError{File: name, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
	}
	var rep vegetaReport
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&rep); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return Step{}, bad(se.Offset, "not JSON: %s", se.Error())
		case errors.As(err, &te):
			return Step{}, bad(te.Offset, "%s: a %s where vegeta writes a %s; is this `vegeta report -type=json` output?", te.Field, te.Value, te.Type)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return Step{}, bad(int64(len(data)), "not JSON: the document ends early")
		case err == io.EOF:
			return Step{}, bad(0, "empty file: want the output of `vegeta report -type=json`")
		}
		return Step{}, bad(0, "%s", err.Error())
	}
	var missing []string
	if rep.Latencies == nil || rep.Latencies.P50 == nil || rep.Latencies.P99 == nil {
		missing = append(missing, "latencies.50th/99th")
	}
	for _, m := range []struct {
		name    string
		present bool
	}{{"earliest", rep.Earliest != nil}, {"end", rep.End != nil}, {"requests", rep.Requests != nil},
		{"throughput", rep.Throughput != nil}, {"success", rep.Success != nil}} {
		if !m.present {
			missing = append(missing, m.name)
		}
	}
	if len(missing) > 0 {
		return Step{}, bad(0, "no %s: not the output of `vegeta report -type=json` (v12.8 or later)", strings.Join(missing, ", "))
	}
	s := Step{File: name, From: *rep.Earliest, To: *rep.End, Requests: *rep.Requests, Throughput: *rep.Throughput,
		Success: *rep.Success, P50ms: *rep.Latencies.P50 / 1e6, P99ms: *rep.Latencies.P99 / 1e6}
	switch {
	case s.Requests == 0 || !(s.Throughput > 0) || math.IsInf(s.Throughput, 0):
		return Step{}, bad(0, "no successful requests (requests %d, throughput %g): nothing to fit", s.Requests, s.Throughput)
	case !s.To.After(s.From):
		return Step{}, bad(0, "the report's end %s is not after its earliest request %s", s.To.Format(time.RFC3339Nano), s.From.Format(time.RFC3339Nano))
	case s.P50ms < 0 || s.P99ms < s.P50ms || s.P99ms > 3.6e6:
		return Step{}, bad(0, "latencies 50th %g ms and 99th %g ms are not percentiles of one run", s.P50ms, s.P99ms)
	}
	return s, nil
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(data []byte, off int64) (int, int) {
	off = min(max(off, 0), int64(len(data)))
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := int(off) - bytes.LastIndexByte(data[:off], '\n')
	return line, col
}

// CPUSample is one reading of the server's CPU: its utilisation over the
// interval that ended at Time.
type CPUSample struct {
	Line        int
	Time        time.Time
	Utilisation float64
}

// CPUColumns names the columns ReadCPU understands.
const CPUColumns = "time_s,cpu_utilisation"

var cpuColumns = []column{
	{name: "time_s", required: true, min: 0, open: true, max: 1e11, maxNote: "Unix time in seconds"},
	{name: "cpu_utilisation", required: true, max: 1, maxNote: "a fraction of the server's vCPUs, 0–1: divide a percentage by 100"},
}

// ReadCPU reads CPU samples: Unix time in seconds and utilisation, in
// any order.
func ReadCPU(name string, r io.Reader) ([]CPUSample, error) {
	rows, last, err := readTable(name, r, cpuColumns, CPUColumns)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, &InputError{File: name, Line: last, Msg: "no samples"}
	}
	out := make([]CPUSample, len(rows))
	for i, rw := range rows {
		sec, frac := math.Modf(rw.values[0])
		out[i] = CPUSample{Line: rw.line, Time: time.Unix(int64(sec), int64(frac*1e9)).UTC(), Utilisation: rw.values[1]}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Time.Before(out[b].Time) })
	return out, nil
}

// SamplesFromSteps pairs each step with the mean of the CPU samples taken
// inside its window (From < t ≤ To: a sample covers the interval before
// it) into the rows FitDemand takes. A step with no sample inside is an
// error naming it.
func SamplesFromSteps(steps []Step, cpu []CPUSample, cpuFile string) ([]Sample, []string, error) {
	var out []Sample
	var warnings []string
	for _, st := range steps {
		var sum float64
		n := 0
		for _, c := range cpu {
			if c.Time.After(st.From) && !c.Time.After(st.To) {
				sum += c.Utilisation
				n++
			}
		}
		if n == 0 {
			return nil, nil, fmt.Errorf("%s: no CPU sample in %s between %s and %s, the window of its requests; are the two from the same run (time_s is Unix seconds)?",
				st.File, cpuFile, st.From.Format(time.RFC3339), st.To.Format(time.RFC3339))
		}
		if st.Success < 0.99 {
			warnings = append(warnings, fmt.Sprintf("%s: %.1f %% of the requests failed; rps counts the successful ones, while the CPU served them all", st.File, 100*(1-st.Success)))
		}
		out = append(out, Sample{File: st.File, RPS: st.Throughput, Utilisation: sum / float64(n), P50ms: st.P50ms, P99ms: st.P99ms})
	}
	return out, warnings, nil
}
