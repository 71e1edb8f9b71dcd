package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// everyCommand lists one invocation of each command and output format,
// writing to stdout so that outputs can be compared.
func everyCommand(example string) [][]string {
	f := "examples/" + example + "/stack.cue"
	return [][]string{
		{"check", "--severity", "error", f},
		{"check", "--severity", "error", "--format", "json", f},
		{"check", "--severity", "error", "--format", "sarif", f},
		{"check", "--severity", "error", "--format", "markdown", f},
		{"capacity", f},
		{"capacity", "--format", "json", f},
		{"cost", f},
		{"cost", "--format", "json", f},
		{"cost", "--format", "markdown", f},
		{"diagram", "--annotate", "--findings", "--format", "dot", f},
		{"report", "--no-diagram", f},
		{"rules"},
		{"explain", "CAP001"},
	}
}

// TestOutputDeterministic: the same input gives byte-identical output, 20
// runs in a row, for every command.
func TestOutputDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("20 runs of every command")
	}
	for _, args := range everyCommand("web-asg-rds-cache") {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			first, _, _ := runCLI(t, args...)
			if first == "" {
				t.Fatal("no output")
			}
			for i := 1; i < 20; i++ {
				if out, _, _ := runCLI(t, args...); out != first {
					t.Fatalf("run %d differs from run 1", i+1)
				}
			}
		})
	}
}

// TestOutputSameOnOneCore: loading runs on all cores; the output must not
// depend on how many there are.
func TestOutputSameOnOneCore(t *testing.T) {
	bin := filepath.Join(builtBinaries(t), "infralint")
	for _, ex := range []string{"ticket-sale", "legacy-monolith"} {
		for _, args := range append(everyCommand(ex), []string{"check", "--severity", "error", "--format", "json", "examples/..."}) {
			one := runBinary(t, bin, []string{"GOMAXPROCS=1"}, args)
			all := runBinary(t, bin, []string{"GOMAXPROCS=" + strconv.Itoa(max(runtime.NumCPU(), 4))}, args)
			if !bytes.Equal(one, all) {
				t.Errorf("%v: output with GOMAXPROCS=1 differs from all cores", args)
			}
		}
	}
}

// TestNoCommandOpensASocket traces every command, the diagram renderer
// included (strace -f follows the exec), and fails on any socket or
// connect system call. CI installs strace; elsewhere the test skips.
func TestNoCommandOpensASocket(t *testing.T) {
	if _, err := exec.LookPath("strace"); err != nil {
		t.Skip("strace not installed")
	}
	if err := exec.Command("strace", "-o", os.DevNull, "true").Run(); err != nil {
		t.Skipf("strace cannot trace here: %v", err)
	}
	dir := builtBinaries(t)
	bin := filepath.Join(dir, "infralint")
	out := filepath.Join(t.TempDir(), "stack.svg")
	runs := append(everyCommand("web-asg-rds-cache"),
		[]string{"diagram", "--annotate", "examples/web-asg-rds-cache/stack.cue", "-o", out},
		[]string{"report", "examples/web-asg-rds-cache/stack.cue", "-o", filepath.Join(t.TempDir(), "r.html")})
	for _, args := range runs {
		trace := filepath.Join(t.TempDir(), "trace")
		cmd := exec.Command("strace", append([]string{"-f", "-qq", "-e", "trace=socket,connect", "-e", "signal=none", "-o", trace, bin}, args...)...)
		if b, err := cmd.CombinedOutput(); err != nil && cmd.ProcessState.ExitCode() > 1 {
			t.Fatalf("%v: %v\n%s", args, err, b)
		}
		calls, _ := os.ReadFile(trace)
		// strace may also log a thread it detached at exit ("???(
		// <detached ...>"): only socket and connect calls count.
		for _, line := range strings.Split(string(calls), "\n") {
			if strings.Contains(line, "socket(") || strings.Contains(line, "connect(") {
				t.Errorf("%v made a socket call: %s", args, line)
			}
		}
	}
}

func runBinary(t *testing.T, bin string, env, args []string) []byte {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.Output()
	if err != nil && cmd.ProcessState.ExitCode() > 1 {
		t.Fatalf("%v: %v", args, err)
	}
	return out
}
