package fit

import (
	"errors"
	"math"
	"strings"
	"testing"
)

const goodCSV = "concurrency,throughput_rps,p99_ms\n1,100,10\n2,190,11\n4,350,12\n8,600,14\n"

func TestReadUSL(t *testing.T) {
	pts, err := ReadUSL("r.csv", strings.NewReader(goodCSV))
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) != 4 || pts[3] != (Point{Line: 5, Concurrency: 8, Throughput: 600, P99ms: 14}) {
		t.Errorf("got %+v", pts)
	}
	// Columns in another order, no p99, a comment, a repeated level and
	// decreasing concurrency are all accepted.
	pts, err = ReadUSL("r.csv", strings.NewReader("# sweep\nthroughput_rps,concurrency\n600,8\n350,4\n350,4\n190,2\n100,1\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) != 5 || pts[0].Concurrency != 8 || pts[0].Throughput != 600 || !math.IsNaN(pts[0].P99ms) {
		t.Errorf("got %+v", pts)
	}
}

// TestReadUSLBadInput: every degenerate input is one message with the
// file, its line and, for one field, its column.
func TestReadUSLBadInput(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"empty", "", "r.csv:1: empty file"},
		{"header-less", "1,100\n2,190\n4,350\n8,600\n", `r.csv:1:1: no header: the first line must name the columns concurrency,throughput_rps[,p99_ms], found the number "1"`},
		{"unknown column", "concurrency,rps\n", `r.csv:1:13: unknown column "rps"`},
		{"missing column", "concurrency,p99_ms\n1,2\n", `r.csv:1: missing column "throughput_rps"`},
		{"column twice", "concurrency,throughput_rps,concurrency\n", `r.csv:1:28: column "concurrency" named twice`},
		{"one row", "concurrency,throughput_rps\n1,100\n", "r.csv:2: 1 data rows at 1 concurrency levels: fitting λ, σ and κ needs at least 4 levels"},
		{"three levels", "concurrency,throughput_rps\n1,100\n2,190\n2,191\n4,350\n", "r.csv:5: 4 data rows at 3 concurrency levels"},
		{"not a number", "concurrency,throughput_rps\n1,100\n2,fast\n", `r.csv:3:3: throughput_rps: "fast" is not a finite number`},
		{"NaN", "concurrency,throughput_rps\n1,NaN\n", `r.csv:2:3: throughput_rps: "NaN" is not a finite number`},
		{"Inf", "concurrency,throughput_rps\n+Inf,100\n", `r.csv:2:1: concurrency: "+Inf" is not a finite number`},
		{"negative", "concurrency,throughput_rps\n-1,100\n", "r.csv:2:1: concurrency: -1 is negative"},
		{"zero throughput", "concurrency,throughput_rps\n1,100\n2,0\n", "r.csv:3:3: throughput_rps: must be greater than 0"},
		{"zero concurrency", "concurrency,throughput_rps\n0,100\n", "r.csv:2:1: concurrency: 0 is below 1 (N counts clients)"},
		{"fractional concurrency", "concurrency,throughput_rps\n0.5,100\n", "r.csv:2:1: concurrency: 0.5 is below 1"},
		{"negative p99", "concurrency,throughput_rps,p99_ms\n1,100,-3\n", "r.csv:2:7: p99_ms: -3 is negative"},
		{"empty field", "concurrency,throughput_rps\n1,\n", `r.csv:2:3: throughput_rps: "" is not a finite number`},
		{"field count", "concurrency,throughput_rps\n1,100,7\n", "r.csv:2:1: wrong number of fields"},
		{"stray quote", "concurrency,throughput_rps\n1,1\"00\n", `r.csv:2:4: bare " in non-quoted-field`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadUSL("r.csv", strings.NewReader(c.in))
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v (%T), want an InputError", err, err)
			}
			if !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("error\n  %s\nwant it to start with\n  %s", err, c.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("not one line: %q", err)
			}
		})
	}
}

// FuzzReadUSL: whatever the bytes, ReadUSL returns points that FitUSL
// accepts, or an InputError with a line; it never panics.
func FuzzReadUSL(f *testing.F) {
	f.Add(goodCSV)
	f.Add("concurrency,throughput_rps\n1,1e308\n2,1e-308\n3,5\n4,6\n")
	f.Add("\ufeffthroughput_rps,concurrency\n\"1\",2\n")
	f.Fuzz(func(t *testing.T, in string) {
		pts, err := ReadUSL("f.csv", strings.NewReader(in))
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Line < 1 {
				t.Fatalf("error %v (%T) without a line", err, err)
			}
			return
		}
		for _, p := range pts {
			if !(p.Concurrency >= 1 && p.Throughput > 0) || math.IsInf(p.Concurrency, 0) || math.IsInf(p.Throughput, 0) {
				t.Fatalf("accepted %+v", p)
			}
		}
		if _, err := FitUSL(pts); err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("multi-line error %q", err)
		}
	})
}

// FuzzReadDemand: whatever the bytes, ReadDemand returns samples that
// FitDemand accepts or refuses in one line, or an InputError with a line;
// it never panics.
func FuzzReadDemand(f *testing.F) {
	f.Add("rps,cpu_utilisation,p50_ms,p99_ms\n25,0.05,22.4,54.3\n50,0.1,22.5,54.3\n150,0.3,22.7,54.8\n")
	f.Add("cpu_utilisation,rps\n1,1e308\n0,1e-308\n0.5,5\n")
	f.Add("\ufeffrps,cpu_utilisation,p99_ms\n\"1\",0.2,0\n")
	f.Fuzz(func(t *testing.T, in string) {
		samples, err := ReadDemand("f.csv", strings.NewReader(in))
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Line < 1 {
				t.Fatalf("error %v (%T) without a line", err, err)
			}
			return
		}
		for _, s := range samples {
			if !(s.RPS > 0 && s.Utilisation >= 0 && s.Utilisation <= 1) || math.IsInf(s.RPS, 0) || s.P99ms < s.P50ms {
				t.Fatalf("accepted %+v", s)
			}
		}
		d, err := FitDemand(samples, 2)
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("multi-line error %q", err)
		}
		if err == nil && (math.IsNaN(d.CPUms.Value) || d.CPUms.Value <= 0) {
			t.Fatalf("cpu_ms %v from %+v", d.CPUms.Value, samples)
		}
	})
}

// FuzzReadVegeta: whatever the bytes, ReadVegeta returns a step with a
// window and percentiles in order, or an InputError with a line.
func FuzzReadVegeta(f *testing.F) {
	f.Add(`{"latencies":{"50th":22503546,"99th":54272500},"earliest":"2026-12-02T12:00:00Z","end":"2026-12-02T12:01:39.97Z","requests":2000,"throughput":20.005,"success":1}`)
	f.Add(`{"latencies":{"50th":1e300,"99th":-1},"earliest":"0001-01-01T00:00:00Z","end":"9999-12-31T23:59:59Z","requests":1,"throughput":1e-300,"success":2}`)
	f.Fuzz(func(t *testing.T, in string) {
		st, err := ReadVegeta("v.json", strings.NewReader(in))
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Line < 1 {
				t.Fatalf("error %v (%T) without a line", err, err)
			}
			return
		}
		if !st.To.After(st.From) || !(st.Throughput > 0) || st.P99ms < st.P50ms || st.P50ms < 0 {
			t.Fatalf("accepted %+v", st)
		}
	})
}
