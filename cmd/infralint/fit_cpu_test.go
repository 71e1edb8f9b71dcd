package main

import (
	"regexp"
	"strings"
	"testing"
)

// TestFitUSLBeyondCPU: on a sweep that only its CPU limits, the plain fit
// reads the flattening as contention, and --cpu-ms with the server's shape
// gives σ 0 (usl-cpu-bound.csv's comment has the closed form); the server
// flags without --cpu-ms are an error, exit 2.
func TestFitUSLBeyondCPUCommand(t *testing.T) {
	const sweep = "cmd/infralint/testdata/fit/usl-cpu-bound.csv"
	out, errOut, code := runCLI(t, "fit", "usl", sweep)
	if code != 0 || strings.Contains(out, "sigma: 0,") {
		t.Errorf("plain fit: exit %d, %s%s; want a sigma above 0", code, out, errOut)
	}
	out, errOut, code = runCLI(t, "fit", "usl", sweep, "--cpu-ms", "5", "--wait-ms", "15", "--vcpus", "1", "--workers", "4")
	// The 0.001 rps rounding leaves κ of order 10⁻⁸.
	if code != 0 || !regexp.MustCompile(`contention: \{sigma: 0, kappa: (0|[0-9.]+e-0[6-9])\}`).MatchString(out) {
		t.Errorf("--cpu-ms: exit %d:\n%s%s\nwant contention: {sigma: 0, kappa: below 1e-6}", code, out, errOut)
	}
	for _, args := range [][]string{{"--vcpus", "1"}, {"--cpu-ms", "5"}, {"--cpu-ms", "-1", "--vcpus", "1"}, {"--db-ms", "6"}} {
		_, errOut, code := runCLI(t, append([]string{"fit", "usl", sweep}, args...)...)
		if code != 2 || !strings.Contains(errOut, "--cpu-ms") {
			t.Errorf("%v: exit %d, %q; want exit 2 naming --cpu-ms", args, code, errOut)
		}
	}
	for _, args := range [][]string{{"--db-ms", "-1"}, {"--db-ms", "6", "--db-vcpus", "0"}} {
		_, errOut, code := runCLI(t, append([]string{"fit", "usl", sweep, "--cpu-ms", "5", "--vcpus", "1"}, args...)...)
		if code != 2 || !strings.Contains(errOut, "--db-ms needs") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, %q; want exit 2 and one line about --db-ms", args, code, errOut)
		}
	}
	// The database's queue given: a CPU-only sweep still reads σ ≈ 0 with
	// a small database beside it (6 ms of queries would flatten it less).
	out, errOut, code = runCLI(t, "fit", "usl", sweep, "--cpu-ms", "5", "--vcpus", "1", "--workers", "4", "--db-ms", "0.001")
	if code != 0 || !strings.Contains(out, "sigma: 0,") {
		t.Errorf("--db-ms 0.001: exit %d:\n%s%s\nwant sigma 0", code, out, errOut)
	}
}
