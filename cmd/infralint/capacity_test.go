package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCapacityExamplesGolden(t *testing.T) {
	for _, ex := range examples(t) {
		for _, format := range []string{"text", "json"} {
			t.Run(ex+"/"+format, func(t *testing.T) {
				out, errOut, code := runCLI(t, "capacity", "--format", format, "examples/"+ex+"/stack.cue")
				if errOut != "" || code != exitClean {
					t.Errorf("exit %d, stderr: %s", code, errOut)
				}
				for _, bad := range []string{"NaN", "Inf"} {
					if strings.Contains(out, bad) {
						t.Errorf("output shows %s", bad)
					}
				}
				checkGolden(t, "capacity-"+ex+"."+format, out)
			})
		}
	}
}

// TestCapacityBadInput: unknown specs and bad flags exit 2 with a
// positioned message, from both capacity and check.
func TestCapacityBadInput(t *testing.T) {
	dir := t.TempDir()
	typo := filepath.Join(dir, "typo.cue")
	os.WriteFile(typo, []byte("name: \"x\"\nregion: \"us-east-1\"\nworkload: {avg_rps: 1, peak_rps: 2, slo_p99_ms: 100}\nnetwork: azs: [\"a\"]\ncomponents: app: {kind: \"compute\", instance_type: \"m5.lrage\", demand: {cpu_ms: 5}}\n"), 0o644)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"unknown type", []string{"capacity", typo}, `components.app.instance_type: unknown instance type "m5.lrage"`},
		{"unknown type in check", []string{"check", typo}, `components.app.instance_type: unknown instance type "m5.lrage"`},
		{"bad target", []string{"capacity", "--target-utilization", "1.5", typo}, "--target-utilization: 1.5 is not in (0, 1]"},
		{"bad format", []string{"capacity", "--format", "xml", typo}, `unknown format "xml"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errOut, code := runCLI(t, c.args...)
			if code != exitBadInput {
				t.Errorf("exit code %d, want 2", code)
			}
			if !strings.Contains(errOut, c.want) {
				t.Errorf("stderr %q does not contain %q", errOut, c.want)
			}
		})
	}
}

func TestCapacityTargetFlag(t *testing.T) {
	out, _, code := runCLI(t, "capacity", "--target-utilization", "0.5", "examples/web-asg-rds/stack.cue")
	if code != exitClean || !strings.Contains(out, "target utilisation 50%") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

// TestCapacityTargetFromConfig: without the flag, .infralint.cue's
// utilisation target applies; the flag overrides it.
func TestCapacityTargetFromConfig(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".infralint.cue"), []byte("thresholds: utilisation_target: 0.5\n"), 0o644)
	src, err := os.ReadFile("examples/web-asg-rds/stack.cue")
	if err != nil {
		t.Fatal(err)
	}
	stack := filepath.Join(dir, "stack.cue")
	os.WriteFile(stack, src, 0o644)
	out, errOut, code := runCLI(t, "capacity", stack)
	if code != exitClean || !strings.Contains(out, "target utilisation 50%") {
		t.Errorf("config target: exit %d, stderr %q, output:\n%s", code, errOut, out)
	}
	out, _, _ = runCLI(t, "capacity", "--target-utilization", "0.9", stack)
	if !strings.Contains(out, "target utilisation 90%") {
		t.Errorf("--target-utilization 0.9 did not override the config:\n%s", out)
	}
}
