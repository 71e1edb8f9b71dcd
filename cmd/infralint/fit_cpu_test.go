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
	for _, args := range [][]string{{"--vcpus", "1"}, {"--cpu-ms", "5"}, {"--cpu-ms", "-1", "--vcpus", "1"}} {
		_, errOut, code := runCLI(t, append([]string{"fit", "usl", sweep}, args...)...)
		if code != 2 || !strings.Contains(errOut, "--cpu-ms") {
			t.Errorf("%v: exit %d, %q; want exit 2 naming --cpu-ms", args, code, errOut)
		}
	}
}
