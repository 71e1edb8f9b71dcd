package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFitUSLGolden pins the text a user reads, for a sweep that passes
// the peak and for one that stays below it (with its warnings).
func TestFitUSLGolden(t *testing.T) {
	for _, name := range []string{"usl-sweep", "usl-low"} {
		t.Run(name, func(t *testing.T) {
			out, errOut, code := runCLI(t, "fit", "usl", "cmd/infralint/testdata/fit/"+name+".csv")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			checkGolden(t, "fit-"+name+".txt", out)
		})
	}
}

// TestFitUSLAgainstIndependentFit: the estimates and intervals of the
// sweep agree with an independent computation: a Gauss–Newton iteration
// written in plain Python (no library shared with this code), the same
// s²(JᵀJ)⁻¹ covariance, and t(0.975, 9) = 2.262157 from a Student's t
// table. Its values, to the digits printed:
//
//	lambda 100.18221848  se 2.6182461  CI [94.259334, 106.10510]
//	sigma  0.051298545   se 0.0039173547  CI [0.042436872, 0.060160217]
//	kappa  0.00098595405 se 3.5284435e-05 CI [0.00090613511, 0.0010657730]
func TestFitUSLAgainstIndependentFit(t *testing.T) {
	out, errOut, code := runCLI(t, "fit", "usl", "--format", "json", "cmd/infralint/testdata/fit/usl-sweep.csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Parameters map[string]struct {
			Value float64    `json:"value"`
			SE    float64    `json:"std_err"`
			CI95  [2]float64 `json:"ci95"`
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string][4]float64{
		"lambda": {100.18221848, 2.6182461, 94.259334, 106.10510},
		"sigma":  {0.051298545, 0.0039173547, 0.042436872, 0.060160217},
		"kappa":  {0.00098595405, 3.5284435e-05, 0.00090613511, 0.0010657730},
	}
	for name, w := range want {
		p := doc.Parameters[name]
		for i, got := range []float64{p.Value, p.SE, p.CI95[0], p.CI95[1]} {
			if math.Abs(got-w[i]) > 1e-6*math.Abs(w[i]) {
				t.Errorf("%s[%d] = %.10g, want %.10g", name, i, got, w[i])
			}
		}
	}
}

// TestFitUSLBadInput: a bad file or flag is one message naming the file
// and line, exit 2, nothing on stdout.
func TestFitUSLBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	headerless := write("h.csv", "1,100\n2,190\n4,350\n8,600\n")
	oneRow := write("one.csv", "concurrency,throughput_rps\n1,100\n")
	nan := write("nan.csv", "concurrency,throughput_rps\n1,100\n2,NaN\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"fit", "usl", headerless}, headerless + ":1:1: no header"},
		{[]string{"fit", "usl", oneRow}, oneRow + ":2: 1 data rows"},
		{[]string{"fit", "usl", "--format", "json", nan}, nan + `:3:3: throughput_rps: "NaN" is not a finite number`},
		{[]string{"fit", "usl", filepath.Join(dir, "absent.csv")}, "absent.csv: no such file or directory"},
		{[]string{"fit", "usl", "--format", "yaml", oneRow}, `--format: unknown format "yaml"`},
		{[]string{"fit", "usl"}, "accepts 1 arg(s)"},
	} {
		out, errOut, code := runCLI(t, c.args...)
		if code != exitBadInput || out != "" || !strings.Contains(errOut, c.want) || strings.Count(strings.TrimSpace(errOut), "\n") > 1 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, out, errOut, c.want)
		}
	}
}

// TestFitDemandGolden pins the text a user reads: a simulated load test
// with latencies, and a CPU-only export with its warnings.
func TestFitDemandGolden(t *testing.T) {
	for _, c := range []struct{ name, flag, value string }{
		{"demand-sim", "--instance-type", "c5.large"},
		{"demand-cpu-only", "--vcpus", "4"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, "fit", "demand", c.flag, c.value, "cmd/infralint/testdata/fit/"+c.name+".csv")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			checkGolden(t, "fit-"+c.name+".txt", out)
		})
	}
	// vegeta reports written by vegeta's own reporter (fit/vegeta_test.go's
	// TestWriteVegetaFixtures: 4 ms CPU + 20 ms wait, cv 0.5, 2 vCPUs).
	dir := "cmd/infralint/testdata/fit/"
	out, errOut, code := runCLI(t, "fit", "demand", "--vcpus", "2", "--cpu", dir+"vegeta-cpu.csv",
		dir+"vegeta-20.json", dir+"vegeta-40.json", dir+"vegeta-200.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	checkGolden(t, "fit-demand-vegeta.txt", out)
}

// TestFitDemandAgainstHandOLS: the CPU-only file's estimates agree with
// ordinary least squares computed by the textbook formulas in plain
// Python (Draper and Smith, Applied Regression Analysis, §1.4; no library
// shared with this code) and t(0.975, 3) = 3.182446305 from a table:
//
//	cpu_ms     5.990243902 se 0.03740544295 CI [5.871203089, 6.109284716]
//	background 0.04051219512 se 0.002300130612 CI [0.03319215295, 0.04783223729]
//	R² 0.9998830363
func TestFitDemandAgainstHandOLS(t *testing.T) {
	out, errOut, code := runCLI(t, "fit", "demand", "--vcpus", "4", "--format", "json", "cmd/infralint/testdata/fit/demand-cpu-only.csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Parameters map[string]struct {
			Value float64    `json:"value"`
			SE    float64    `json:"std_err"`
			CI95  [2]float64 `json:"ci95"`
		}
		RSquared float64 `json:"r_squared"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string][4]float64{
		"cpu_ms":     {5.990243902, 0.03740544295, 5.871203089, 6.109284716},
		"background": {0.04051219512, 0.002300130612, 0.03319215295, 0.04783223729},
	}
	for name, w := range want {
		p := doc.Parameters[name]
		for i, got := range []float64{p.Value, p.SE, p.CI95[0], p.CI95[1]} {
			if math.Abs(got-w[i]) > 1e-8*math.Abs(w[i]) {
				t.Errorf("%s[%d] = %.10g, want %.10g", name, i, got, w[i])
			}
		}
	}
	if math.Abs(doc.RSquared-0.9998830363) > 1e-9 {
		t.Errorf("R² %.10g, want 0.9998830363", doc.RSquared)
	}
}

// TestFitDemandBadInput: a bad file or flag is one message naming the
// file and line (or the flag), exit 2, nothing on stdout.
func TestFitDemandBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := "cmd/infralint/testdata/fit/demand-cpu-only.csv"
	percent := write("pct.csv", "rps,cpu_utilisation\n10,5\n20,10\n30,15\n")
	twoRates := write("two.csv", "rps,cpu_utilisation\n10,0.1\n20,0.2\n20,0.21\n")
	inverted := write("inv.csv", "rps,cpu_utilisation,p50_ms,p99_ms\n10,0.1,30,20\n")
	flat := write("flat.csv", "rps,cpu_utilisation\n10,0.3\n20,0.3\n30,0.3\n")
	usl := write("usl.csv", "concurrency,throughput_rps\n1,10\n")
	vegeta := "cmd/infralint/testdata/fit/vegeta-20.json"
	cpu := "cmd/infralint/testdata/fit/vegeta-cpu.csv"
	lateCPU := write("late.csv", "time_s,cpu_utilisation\n1900000000,0.5\n")
	notVegeta := write("other.json", `{"requests": 10, "rate": 5}`)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"fit", "demand", "--vcpus", "2", percent}, percent + ":2:4: cpu_utilisation: 5 is above 1 (a fraction of the instance's vCPUs, 0–1: divide a percentage by 100)"},
		{[]string{"fit", "demand", "--vcpus", "2", twoRates}, twoRates + ":4: 3 data rows at 2 rates"},
		{[]string{"fit", "demand", "--vcpus", "2", inverted}, inverted + ":2:11: p99_ms: 20 is below p50_ms 30"},
		{[]string{"fit", "demand", "--vcpus", "2", flat}, flat + ": CPU utilisation does not grow with the rate"},
		{[]string{"fit", "demand", "--vcpus", "2", usl}, usl + `:1:1: unknown column "concurrency": the columns are rps,cpu_utilisation[,p50_ms,p99_ms]`},
		{[]string{"fit", "demand", good}, "give --instance-type TYPE or --vcpus N"},
		{[]string{"fit", "demand", "--vcpus", "0", good}, "--vcpus: 0 is not a vCPU count"},
		{[]string{"fit", "demand", "--vcpus", "2", "--instance-type", "c5.large", good}, "give one"},
		{[]string{"fit", "demand", "--instance-type", "c5.lrage", good}, `unknown instance type "c5.lrage"; did you mean c5.large`},
		{[]string{"fit", "demand", "--instance-type", "c6gn.metal", good}, `no vCPU count for "c6gn.metal"; use --vcpus`},
		{[]string{"fit", "demand", "--vcpus", "2", filepath.Join(dir, "absent.csv")}, "absent.csv: no such file or directory"},
		{[]string{"fit", "demand", "--vcpus", "2", vegeta}, "give the server's samples with --cpu FILE"},
		{[]string{"fit", "demand", "--vcpus", "2", "--cpu", cpu, vegeta, good}, good + ": with vegeta reports every file is a report"},
		{[]string{"fit", "demand", "--vcpus", "2", "--cpu", cpu, good}, "--cpu goes with vegeta reports"},
		{[]string{"fit", "demand", "--vcpus", "2", good, good}, "2 files: give one CSV"},
		{[]string{"fit", "demand", "--vcpus", "2", "--cpu", lateCPU, vegeta}, "vegeta-20.json: no CPU sample in " + lateCPU},
		{[]string{"fit", "demand", "--vcpus", "2", "--cpu", cpu, notVegeta}, notVegeta + ":1:1: no latencies.50th/99th, earliest, end"},
	} {
		out, errOut, code := runCLI(t, c.args...)
		if code != exitBadInput || out != "" || !strings.Contains(errOut, c.want) || strings.Count(strings.TrimSpace(errOut), "\n") > 1 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, out, errOut, c.want)
		}
	}
}

// TestFitPlotOutput: -o writes the SVG (the same bytes twice) beside the
// text, refuses another extension and an input of the fit, and leaves
// the input untouched.
func TestFitPlotOutput(t *testing.T) {
	dir := t.TempDir()
	svg := filepath.Join(dir, "usl.svg")
	sweep := "cmd/infralint/testdata/fit/usl-sweep.csv"
	var first []byte
	for i := 0; i < 2; i++ {
		out, errOut, code := runCLI(t, "fit", "usl", sweep, "-o", svg)
		if code != 0 || !strings.Contains(out, "contention:") {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
		b, err := os.ReadFile(svg)
		if err != nil || !strings.Contains(string(b), "<svg") {
			t.Fatalf("no SVG written: %v", err)
		}
		if i == 0 {
			first = b
		} else if !bytes.Equal(first, b) {
			t.Error("two runs wrote different SVG")
		}
	}
	// An input named .svg, so that only the input check can refuse it.
	csv := filepath.Join(dir, "measured.svg")
	orig, _ := os.ReadFile("cmd/infralint/testdata/fit/demand-cpu-only.csv")
	if err := os.WriteFile(csv, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"fit", "usl", sweep, "-o", filepath.Join(dir, "x.png")}, "the plot is SVG; name the file .svg"},
		{[]string{"fit", "demand", "--vcpus", "4", csv, "-o", csv}, "refusing to write over " + csv + ", an input of the fit"},
	} {
		out, errOut, code := runCLI(t, c.args...)
		if code != exitBadInput || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, out, errOut, c.want)
		}
	}
	if now, _ := os.ReadFile(csv); !bytes.Equal(now, orig) {
		t.Error("the refused run changed its input")
	}
}
