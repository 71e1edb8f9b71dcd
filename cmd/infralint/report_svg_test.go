package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportHarmlessTextEndToEnd: with the real renderer, a stack whose
// name and description look like event handlers to a regular expression
// ("online=shop", "onboarding = signup") gets its diagram, and no warning.
func TestReportHarmlessTextEndToEnd(t *testing.T) {
	bin := builtBinaries(t)
	t.Setenv("PATH", t.TempDir())
	src, err := os.ReadFile("examples/single-server/stack.cue")
	if err != nil {
		t.Fatal(err)
	}
	stack := strings.Replace(string(src), `name:   "single-server"`, `name:   "online=shop"`, 1)
	stack = strings.Replace(stack, `kind:          "compute"`, `kind:          "compute"
		description:   "serves the onboarding = signup flow"`, 1)
	dir := t.TempDir()
	path, out := filepath.Join(dir, "stack.cue"), filepath.Join(dir, "report.html")
	if err := os.WriteFile(path, []byte(stack), 0o644); err != nil {
		t.Fatal(err)
	}
	c := exec.Command(filepath.Join(bin, "infralint"), "report", "--no-plots", path, "-o", out)
	var stderr bytes.Buffer
	c.Stderr = &stderr
	if err := c.Run(); err != nil || stderr.Len() > 0 {
		t.Fatalf("report: %v\n%s", err, stderr.String())
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`class="diagram" role="img"`, ">online=shop</text>", "serves the onboarding = signup flow"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("report does not hold %q", want)
		}
	}
}
