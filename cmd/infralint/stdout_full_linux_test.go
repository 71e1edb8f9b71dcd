package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryCommandToFullStdout runs every command with its standard output
// on /dev/full, where every write fails: each must exit 2 with one message
// and no usage hint (cost and rules used to exit 0). A command added to
// the CLI fails this test until it is listed here.
func TestEveryCommandToFullStdout(t *testing.T) {
	ex := "examples/web-asg-rds/stack.cue"
	byCommand := map[string][]string{
		"check":      {"check", "--severity", "info", ex},
		"capacity":   {"capacity", ex},
		"cost":       {"cost", ex},
		"diagram":    {"diagram", "--format", "dot", ex},
		"report":     {"report", "--no-diagram", "--no-plots", ex},
		"rules":      {"rules"},
		"explain":    {"explain", "CAP001"},
		"init":       {"init", filepath.Join(t.TempDir(), "stack.cue")},
		"schema":     {"schema"},
		"fit":        {"fit", "usl", "cmd/infralint/testdata/fit/usl-sweep.csv"},
		"fit-demand": {"fit", "demand", "--vcpus", "4", "cmd/infralint/testdata/fit/demand-cpu-only.csv"},
		"import":     {"import", "terraform", "examples/web-asg-rds-tf"},
		"version":    {"version"},
	}
	runs := [][]string{{"help"}, {"completion", "bash"}, {"--version"}, {"check", "--help"}}
	for _, c := range newRootCmd(io.Discard, io.Discard).Commands() {
		args, ok := byCommand[c.Name()]
		if !ok {
			t.Errorf("command %q: add it to this test", c.Name())
			continue
		}
		runs = append(runs, args)
	}
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer full.Close()
	for _, args := range runs {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var stderr bytes.Buffer
			if code := run(args, full, &stderr); code != exitBadInput {
				t.Errorf("exit code %d, want 2", code)
			}
			if got := stderr.String(); got != "infralint: cannot write standard output: no space left on device\n" {
				t.Errorf("stderr:\n%s", got)
			}
		})
	}
}
