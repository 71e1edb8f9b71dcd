package fit

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// vegetaStep runs vegeta's own Metrics and JSON reporter (the code behind
// `vegeta report -type=json`) over n results spaced 1/rps apart from
// start, with latencies drawn by draw, and returns the report's bytes.
func vegetaStep(t *testing.T, start time.Time, rps float64, n int, draw func() time.Duration, failEvery int) []byte {
	t.Helper()
	var m vegeta.Metrics
	for i := 0; i < n; i++ {
		r := &vegeta.Result{Code: 200, Timestamp: start.Add(time.Duration(float64(i) / rps * 1e9)), Latency: draw()}
		if failEvery > 0 && i%failEvery == 0 {
			r.Code, r.Error = 500, "500 Internal Server Error"
		}
		m.Add(r)
	}
	m.Close()
	var b bytes.Buffer
	if err := vegeta.NewJSONReporter(&m)(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestVegetaReportFromTheLibrary: ReadVegeta reads what vegeta v12.13.0
// writes: 1,000 requests at 100 rps with latencies 1…1,000 ms, so the
// exact percentiles are known without vegeta (vegeta's are t-digest
// estimates: within 1 %).
func TestVegetaReportFromTheLibrary(t *testing.T) {
	start := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	i := 0
	draw := func() time.Duration { i++; return time.Duration(i) * time.Millisecond }
	st, err := ReadVegeta("v.json", bytes.NewReader(vegetaStep(t, start, 100, 1000, draw, 0)))
	if err != nil {
		t.Fatal(err)
	}
	// 1,000 successes over 9.99 s of requests plus the last one's 1 s.
	if st.Requests != 1000 || math.Abs(st.Throughput-1000/10.99) > 1e-9 || st.Success != 1 {
		t.Errorf("requests %d throughput %.6f success %g, want 1000, %.6f, 1", st.Requests, st.Throughput, st.Success, 1000/10.99)
	}
	if math.Abs(st.P50ms-500) > 5 || math.Abs(st.P99ms-990) > 10 {
		t.Errorf("p50 %.3f p99 %.3f ms, want about 500 and 990", st.P50ms, st.P99ms)
	}
	if !st.From.Equal(start) || !st.To.Equal(start.Add(9990*time.Millisecond+time.Second)) {
		t.Errorf("window %s to %s", st.From, st.To)
	}
}

func TestReadVegetaRefuses(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "1: empty file"},
		{"{\n  \"latencies\": {\"50th\": \"fast\"}\n}", `2:31: latencies.50th: a string where vegeta writes a float64`},
		{"{\"latencies\": {", "1:16: not JSON: the document ends early"},
		{`{"requests": 3}`, "no latencies.50th/99th, earliest, end, throughput, success: not the output of `vegeta report -type=json`"},
		{`[1, 2]`, "a array where vegeta writes"},
	} {
		_, err := ReadVegeta("v.json", strings.NewReader(c.in))
		var ie *InputError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.in, err, c.want)
		}
	}
}

// The whole path a user takes: vegeta reports of five rates (each 4,000
// requests, response = 4 ms CPU + 20 ms wait, both gamma with cv 0.5, PCG
// seed 7) and a CPU file sampled every second from the utilisation law
// (4 ms × rps on 2 vCPUs) give back the demand.
func TestFitDemandFromVegetaReports(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	gamma := func(mean, cv float64) float64 { k := 1 / (cv * cv); return mean * gammaUnit(rng, k) / k }
	draw := func() time.Duration { return time.Duration((gamma(4, 0.5) + gamma(20, 0.5)) * 1e6) }
	dir := t.TempDir()
	var steps []Step
	var cpu []CPUSample
	start := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	for _, rps := range []float64{25, 50, 150, 250, 350} {
		rep := vegetaStep(t, start, rps, 4000, draw, 0)
		name := filepath.Join(dir, "step.json")
		if err := os.WriteFile(name, rep, 0o644); err != nil {
			t.Fatal(err)
		}
		st, err := ReadVegeta(name, bytes.NewReader(rep))
		if err != nil {
			t.Fatal(err)
		}
		steps = append(steps, st)
		for ts := st.From.Add(time.Second); !ts.After(st.To); ts = ts.Add(time.Second) {
			cpu = append(cpu, CPUSample{Time: ts, Utilisation: st.Throughput * 0.004 / 2})
		}
		start = st.To.Add(10 * time.Second)
	}
	samples, warnings, err := SamplesFromSteps(steps, cpu, "cpu.csv")
	if err != nil || len(warnings) > 0 {
		t.Fatal(err, warnings)
	}
	d, err := FitDemand(samples, 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s, holding %.3f ms cv %.3f", d.Paste(), d.HoldingMs, d.HoldingCV)
	if rel(d.CPUms.Value, 4) > 1e-6 || math.Abs(d.WaitMs-20) > 0.05*24 || math.Abs(d.CV-0.5) > 0.15*0.5 {
		t.Errorf("fitted %s, want cpu_ms 4, wait_ms 20, cv 0.5", d.Paste())
	}
	// A step whose window holds no CPU sample names both files.
	if _, _, err := SamplesFromSteps(steps, cpu[:1], "cpu.csv"); err == nil || !strings.Contains(err.Error(), "no CPU sample in cpu.csv") {
		t.Errorf("error %v", err)
	}
}

// gammaUnit draws Gamma(shape, 1) by Marsaglia and Tsang (2000), for
// shape ≥ 1 (the cases here).
func gammaUnit(rng *rand.Rand, shape float64) float64 {
	d := shape - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := rng.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		if u := rng.Float64(); math.Log(u) < 0.5*x*x+d-d*v+d*math.Log(v) {
			return d * v
		}
	}
}

var vegetaFixtures = flag.String("vegeta-fixtures", "", "write cmd/infralint's vegeta fixtures (reports and CPU file) into this directory")

// TestWriteVegetaFixtures writes the fixtures of cmd/infralint's fit
// tests when -vegeta-fixtures is given: vegeta's own reporter over three
// rates (2,000 requests each, response 4 ms + 20 ms gamma with cv 0.5,
// PCG seed 11) and a CPU file sampled each second from the utilisation law
// on 2 vCPUs (4 ms per request) plus 2 % background.
func TestWriteVegetaFixtures(t *testing.T) {
	if *vegetaFixtures == "" {
		t.Skip("run with -vegeta-fixtures DIR to rewrite the fixtures")
	}
	rng := rand.New(rand.NewPCG(11, 11))
	gamma := func(mean, cv float64) float64 { k := 1 / (cv * cv); return mean * gammaUnit(rng, k) / k }
	draw := func() time.Duration {
		return time.Duration((gamma(4, 0.5) + gamma(20, 0.5)) * 1e6).Round(time.Microsecond)
	}
	start := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	cpu := "# CPU of the server, one sample a second: the utilisation law on 2 vCPUs\n# (4 ms per request) plus 2 % background; see fit/vegeta_test.go.\ntime_s,cpu_utilisation\n"
	for _, rps := range []float64{20, 40, 200} {
		rep := vegetaStep(t, start, rps, 2000, draw, 0)
		name := filepath.Join(*vegetaFixtures, fmt.Sprintf("vegeta-%g.json", rps))
		if err := os.WriteFile(name, rep, 0o644); err != nil {
			t.Fatal(err)
		}
		st, err := ReadVegeta(name, bytes.NewReader(rep))
		if err != nil {
			t.Fatal(err)
		}
		for ts := st.From.Add(time.Second); !ts.After(st.To); ts = ts.Add(time.Second) {
			cpu += fmt.Sprintf("%d,%.4f\n", ts.Unix(), 0.02+st.Throughput*0.004/2)
		}
		start = st.To.Add(30 * time.Second)
	}
	if err := os.WriteFile(filepath.Join(*vegetaFixtures, "vegeta-cpu.csv"), []byte(cpu), 0o644); err != nil {
		t.Fatal(err)
	}
}
