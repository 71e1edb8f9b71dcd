package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestReportBadInput(t *testing.T) {
	dir := t.TempDir()
	typo := filepath.Join(dir, "typo.cue")
	os.WriteFile(typo, []byte("name: \"x\"\nregion: \"us-east-1\"\nworkload: {avg_rps: 1, peak_rps: 2, slo_p99_ms: 100}\nnetwork: azs: [\"a\"]\ncomponents: app: {kind: \"compute\", instance_type: \"m5.lrage\", demand: {cpu_ms: 5}}\n"), 0o644)
	ok := "examples/web-asg-rds/stack.cue"
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"missing file", []string{"report", filepath.Join(dir, "nope.cue")}, "nope.cue"},
		{"unknown type", []string{"report", typo}, `components.app.instance_type: unknown instance type "m5.lrage"`},
		{"unknown type in compare", []string{"report", "--compare", ok, typo}, `unknown instance type "m5.lrage"`},
		{"compare needs two", []string{"report", "--compare", ok}, "--compare takes two stacks"},
		{"two without compare", []string{"report", ok, ok}, "use --compare OLD NEW"},
		{"bad prices", []string{"report", "--prices", filepath.Join(dir, "none.json"), ok}, "--prices"},
		{"unwritable output", []string{"report", "--no-diagram", "--no-plots", ok, "-o", filepath.Join(dir, "no", "such", "dir", "r.html")}, "-o "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, c.args...)
			if code != exitBadInput {
				t.Errorf("exit code %d, want 2", code)
			}
			if !strings.Contains(errOut, c.want) {
				t.Errorf("stderr %q does not contain %q", errOut, c.want)
			}
			if out != "" {
				t.Errorf("wrote %d bytes to stdout", len(out))
			}
		})
	}
}

// TestReportWithoutRenderer: the report is still written, with a note in
// the diagram's place and a warning on stderr; exit 0 whatever the
// findings.
func TestReportWithoutRenderer(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no infralint-diagram anywhere
	out := filepath.Join(t.TempDir(), "r.html")
	stdout, errOut, code := runCLI(t, "report", "examples/web-asg-rds-cache/stack.cue", "-o", out)
	if code != exitClean {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if stdout != "" || !strings.Contains(errOut, "warning: no diagram: the infralint-diagram renderer was not found") {
		t.Errorf("stdout %q, stderr %q", stdout, errOut)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	if strings.Contains(html, `class="diagram" role="img"`) || !strings.Contains(html, "renderer was not found") {
		t.Error("no note in the diagram's place")
	}
	for _, want := range []string{`data-kind="latency"`, `data-kind="cost-slo"`, "CAP001", "Per million requests"} {
		if !strings.Contains(html, want) {
			t.Errorf("report lacks %s", want)
		}
	}
	// --no-diagram runs no renderer and warns of nothing; stdout without -o.
	stdout, errOut, code = runCLI(t, "report", "--no-diagram", "--no-plots", "examples/single-server/stack.cue")
	if code != exitClean || errOut != "" || !strings.HasPrefix(stdout, "<!DOCTYPE html>") || !strings.Contains(stdout, "--no-diagram") {
		t.Errorf("--no-diagram: exit %d, stderr %q, stdout %.80q", code, errOut, stdout)
	}
}

// TestReportEndToEnd runs the built binaries: the report pipes its DOT
// through infralint-diagram found next to infralint, and inlines one SVG.
func TestReportEndToEnd(t *testing.T) {
	bin := builtBinaries(t)
	t.Setenv("PATH", t.TempDir())
	dir := t.TempDir()
	out := filepath.Join(dir, "r.html")
	c := exec.Command(filepath.Join(bin, "infralint"), "report", "examples/ticket-sale/stack.cue", "-o", out)
	if b, err := c.CombinedOutput(); err != nil || len(b) != 0 {
		t.Fatalf("%v: %v\n%s", c.Args, err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), `class="diagram" role="img"`); n != 1 {
		t.Errorf("%d diagram SVGs, want 1", n)
	}
	cmp := filepath.Join(dir, "c.html")
	c = exec.Command(filepath.Join(bin, "infralint"), "report", "--compare", "examples/web-asg-rds/stack.cue", "examples/web-asg-rds-cache/stack.cue", "-o", cmp)
	if b, err := c.CombinedOutput(); err != nil {
		t.Fatalf("%v: %v\n%s", c.Args, err, b)
	}
	b, err = os.ReadFile(cmp)
	if err != nil || !strings.Contains(string(b), "Monthly cost line by line") {
		t.Errorf("compare report: %v", err)
	}
}
