package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestHostile runs the hostile-input corpus: testdata/hostile/<class>/*.txtar,
// one directory per class of attack (see docs/security.md), each case a
// testscript that names the command, its expected exit code (`exitcode N
// infralint ...`) and its message (`stderr '...'`). Every invocation is a
// child process, so a bomb that escapes its limits kills only that child;
// `bounded MB infralint ...` also caps the child's address space, so that a
// regression fails instead of swapping.
//
// Readers and writers added later (Terraform, fit inputs) add a class
// directory here and, where a case needs a tool of its own, a command to
// hostileCommands from their own test file.
func TestHostile(t *testing.T) {
	root, err := os.Getwd() // the repository root (see TestMain)
	if err != nil {
		t.Fatal(err)
	}
	classes, err := filepath.Glob(filepath.Join(root, "testdata", "hostile", "*"))
	if err != nil {
		t.Fatal(err)
	}
	// The classes of docs/security.md: one gone (renamed, emptied) would
	// drop its promises from the test without a word.
	for _, want := range hostileClasses {
		cases, _ := filepath.Glob(filepath.Join(root, "testdata", "hostile", want, "*.txtar"))
		if len(cases) == 0 {
			t.Errorf("testdata/hostile/%s has no case", want)
		}
	}
	for _, dir := range classes {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			testscript.Run(t, testscript.Params{
				Dir:                 dir,
				RequireExplicitExec: false,
				Setup: func(env *testscript.Env) error {
					env.Setenv("INFRALINT_TODAY", "2026-06-15")
					// A HOME of the case's own, empty, so that a case can
					// assert nothing was written (or read) there.
					home := filepath.Join(env.WorkDir, ".home")
					env.Setenv("HOME", home)
					env.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
					env.Setenv("XDG_CACHE_HOME", filepath.Join(home, ".cache"))
					if err := os.Mkdir(home, 0o755); err != nil {
						return err
					}
					return os.CopyFS(filepath.Join(env.WorkDir, "examples"), os.DirFS(filepath.Join(root, "examples")))
				},
				Cmds: hostileCommands,
			})
		})
	}
}

// hostileClasses are the corpus's classes, each a promise of
// docs/security.md (its number in the comment).
var hostileClasses = []string{
	"module-imports",    // 1
	"evaluation-bombs",  // 2
	"special-files",     // 2
	"output-targets",    // 3
	"huge-numbers",      // 4
	"control-chars",     // 5
	"markdown-breakers", // 5
	"graphviz-escapes",  // 5
	"svg-sanitiser",     // 6
	"messages",          // 7
	"scale",             // 8
	"terraform",         // 2, 7 (the files the Terraform flags name)
}

// hostileCommands are the script commands the hostile cases use besides
// testscript's own (exec, stdin, stderr, cmp, symlink, ...). Test files of
// one class add theirs in an init function.
var hostileCommands = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	// empty-dir DIR: DIR holds nothing (e.g. HOME after a run).
	"empty-dir": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 1 {
			ts.Fatalf("usage: empty-dir DIR")
		}
		entries, err := os.ReadDir(ts.MkAbs(args[0]))
		ts.Check(err)
		if (len(entries) == 0) == neg {
			names := []string{}
			for _, e := range entries {
				names = append(names, e.Name())
			}
			ts.Fatalf("%s holds %v", args[0], names)
		}
	},
}
