package main

import (
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
