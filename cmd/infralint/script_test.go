package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// scriptCommands are the programs the CLI scripts run, each the test binary
// re-executed under that name:
//
//	infralint ARGS...             the CLI's run(), as the real binary
//	exitcode N infralint ARGS...  the same, passing only when it exits N
//	                              (testscript itself only tells 0 from non-0)
var scriptCommands = map[string]func(){
	"infralint": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	"exitcode": func() {
		if len(os.Args) < 3 || os.Args[2] != "infralint" {
			fmt.Fprintln(os.Stderr, "usage: exitcode N infralint ARGS...")
			os.Exit(2)
		}
		want, err := strconv.Atoi(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "exitcode: N must be a number")
			os.Exit(2)
		}
		if got := run(os.Args[3:], os.Stdout, os.Stderr); got != want {
			fmt.Fprintf(os.Stderr, "exitcode: infralint exited %d, want %d\n", got, want)
			os.Exit(1)
		}
		os.Exit(0)
	},
}

// TestScripts runs cmd/infralint/testdata/script/*.txtar: end-to-end CLI
// scripts, each in a fresh directory holding a copy of examples/ and
// INFRALINT_TODAY fixed, so that expiry dates are reproducible.
func TestScripts(t *testing.T) {
	root, err := os.Getwd() // the repository root (see TestMain)
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("cmd", "infralint", "testdata", "script"),
		RequireExplicitExec: false,
		Setup: func(env *testscript.Env) error {
			env.Setenv("INFRALINT_TODAY", "2026-06-15")
			return os.CopyFS(filepath.Join(env.WorkDir, "examples"), os.DirFS(filepath.Join(root, "examples")))
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// validate-sarif FILE: FILE is SARIF 2.1.0 under the official
			// schema and fits GitHub code scanning (see sarif_test.go).
			"validate-sarif": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: validate-sarif FILE")
				}
				raw := []byte(ts.ReadFile(args[0]))
				err := validateSARIF(raw)
				if err == nil {
					err = githubChecks(raw)
				}
				if neg {
					if err == nil {
						ts.Fatalf("%s is valid SARIF", args[0])
					}
					return
				}
				if err != nil {
					ts.Fatalf("%s: %v", args[0], err)
				}
			},
		},
	})
}
