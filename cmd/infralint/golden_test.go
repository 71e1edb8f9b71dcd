package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the golden files under cmd/infralint/testdata/golden")

// TestMain runs every CLI test from the repository root, so that printed
// paths look the way a user at the top of the repository sees them. The
// test binary doubles as the commands of the CLI scripts (script_test.go):
// testscript.Main runs one of those instead when invoked under its name.
func TestMain(m *testing.M) {
	testscript.Main(fromRepoRoot{m}, scriptCommands)
}

type fromRepoRoot struct{ m *testing.M }

func (r fromRepoRoot) Run() int {
	flag.Parse()
	os.Unsetenv("COLUMNS") // the goldens are the layout of a pipe, whatever the shell exports
	if err := os.Chdir("../.."); err != nil {
		panic(err)
	}
	return r.m.Run()
}

// runCLI runs the CLI in-process.
func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return out.String(), errb.String(), code
}

// goldenDir holds the commands' expected outputs, next to these tests;
// the tests run from the repository root (see TestMain).
var goldenDir = filepath.Join("cmd", "infralint", "testdata", "golden")

// checkGolden compares got with goldenDir/name, or rewrites it with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(goldenDir, name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/infralint -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs from the golden file (-want +got; go test ./cmd/infralint -update rewrites it):\n%s", name, diff)
	}
}

func examples(t *testing.T) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join("examples", "*", "stack.cue"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no examples found: %v", err)
	}
	var names []string
	for _, d := range dirs {
		names = append(names, filepath.Base(filepath.Dir(d)))
	}
	return names
}

func TestCheckExamplesGolden(t *testing.T) {
	for _, ex := range examples(t) {
		for _, format := range []string{"text", "json"} {
			t.Run(ex+"/"+format, func(t *testing.T) {
				out, errOut, code := runCLI(t, "check", "--format", format, "examples/"+ex+"/stack.cue")
				if errOut != "" {
					t.Errorf("stderr: %s", errOut)
				}
				wantCode := 0 // 1 with a finding at the default threshold, warning
				for _, sev := range []string{`"severity": "warning"`, `"severity": "error"`, "│ warning ", "│ error "} {
					if strings.Contains(out, sev) {
						wantCode = 1
					}
				}
				if code != wantCode {
					t.Errorf("exit code %d, want %d", code, wantCode)
				}
				checkGolden(t, "check-"+ex+"."+format, out)
			})
		}
	}
}
