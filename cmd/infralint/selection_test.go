package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// `infralint check ./...` at this repository's root checks the examples
// and skips the schema's CUE (it declares #Stack, not a stack): exit 0 or
// 1, never 2. It runs on a copy of every .cue file of the repository, laid
// out as they are, so that what other tests write meanwhile cannot change
// the answer.
func TestCheckRepositoryRoot(t *testing.T) {
	dir := t.TempDir()
	copied := 0
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		// .tf too: a Terraform directory's .cue overlay is no stack.
		if d.IsDir() || !strings.HasSuffix(p, ".cue") && !strings.HasSuffix(p, ".tf") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		copied++
		return os.WriteFile(dst, src, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if copied < 10 {
		t.Fatalf("only %d .cue files copied: is the test running at the repository root?", copied)
	}
	t.Chdir(dir)
	out, errOut, code := runCLI(t, "check", "--verbose", "./...")
	if code == exitBadInput {
		t.Fatalf("check ./... exited 2:\n%s", errOut)
	}
	if !strings.Contains(errOut, "infralint: note: skipped ./schema: not a stack") {
		t.Errorf("the schema's CUE is not reported skipped:\n%s", errOut)
	}
	if !strings.Contains(out, "./examples/legacy-monolith/stack.cue") {
		t.Errorf("the examples were not checked:\n%s", out)
	}
}

// The pre-commit hook's entry, as .pre-commit-hooks.yaml declares it, run
// the way pre-commit runs it: with a user's args after it and the staged
// .cue files last. CUE that is not a stack is skipped with a note, also
// when the user's args replace the hook's default ones; a stack's findings
// still fail the commit.
func TestPreCommitHookEntry(t *testing.T) {
	raw, err := os.ReadFile(".pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^- id: infralint\n(?:  .*\n)*?  entry: (.*)\n`).FindSubmatch(raw)
	if m == nil {
		t.Fatal("no entry for the infralint hook in .pre-commit-hooks.yaml")
	}
	entry := strings.Fields(string(m[1]))
	if entry[0] != "infralint" {
		t.Fatalf("entry %q does not run infralint", m[1])
	}
	dir := t.TempDir()
	k8s := filepath.Join(dir, "k8s", "deploy.cue")
	os.MkdirAll(filepath.Dir(k8s), 0o755)
	if err := os.WriteFile(k8s, []byte("package k8s\n\nimport apps \"k8s.io/api/apps/v1\"\n\ndeployment: apps.#Deployment\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stack := "examples/legacy-monolith/stack.cue"
	for _, userArgs := range [][]string{nil, {"--severity", "error"}} {
		args := append(append(append([]string{}, entry[1:]...), userArgs...), k8s, stack)
		out, errOut, code := runCLI(t, args...)
		if code != exitFindings {
			t.Errorf("%v: exit %d, want 1 (the example's findings)\n%s", args, code, errOut)
		}
		if !strings.Contains(errOut, "deploy.cue: not a stack") || !strings.Contains(out, "legacy-monolith") {
			t.Errorf("%v: the other CUE is not skipped with a note, or the stack not checked:\n%s\n%s", args, errOut, out)
		}
		_, errOut, code = runCLI(t, append(append(append([]string{}, entry[1:]...), userArgs...), k8s)...)
		if code != exitClean {
			t.Errorf("%v only other CUE staged: exit %d, want 0\n%s", userArgs, code, errOut)
		}
	}
	// --exclude and --skip in the hook's args.
	for _, userArgs := range [][]string{{"--exclude", "examples/legacy-*"}, {"--skip", "LB001,LB003,TLS001,ASG001,CAP001,CAP004,ARCH001,DEPLOY003,TLS004,NET001"}} {
		args := append(append(append([]string{}, entry[1:]...), userArgs...), k8s, stack)
		out, errOut, code := runCLI(t, args...)
		if code != exitClean {
			t.Errorf("%v: exit %d, want 0\n%s\n%s", userArgs, code, errOut, out)
		}
	}
}
