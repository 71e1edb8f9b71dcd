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
// It also loads stacks inside a CUE module with a registry dependency,
// with a HOME of their own: nothing may be resolved, read from or
// written under HOME (CUE keeps its registry logins and module cache
// there).
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
		calls, code := socketCalls(t, bin, "", nil, args)
		if code > 1 {
			t.Errorf("%v exited %d", args, code)
		}
		for _, call := range calls {
			t.Errorf("%v made a socket call: %s", args, call)
		}
	}

	// Run from the module's root, where cue/load would find cue.mod.
	module, home := moduleWithDependency(t), t.TempDir()
	env := []string{"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"), "XDG_CACHE_HOME=" + filepath.Join(home, ".cache"),
		"CUE_REGISTRY=127.0.0.1:9+insecure", "CUE_CACHE_DIR=", "CUE_CONFIG_DIR="}
	for _, args := range [][]string{
		{"check", "shop"}, {"check", "./..."}, {"cost", "shop"},
		{"report", "shop", "-o", filepath.Join(t.TempDir(), "r.html")},
		{"check", "shop/stack.cue"},
	} {
		calls, code := socketCalls(t, bin, module, env, args)
		if code != exitBadInput {
			t.Errorf("%v in a module with a dependency exited %d, want %d (the import refused)", args, code, exitBadInput)
		}
		for _, call := range calls {
			t.Errorf("%v in a module with a dependency made a socket call: %s", args, call)
		}
		if entries, _ := os.ReadDir(home); len(entries) > 0 {
			t.Errorf("%v created %s under HOME", args, entries[0].Name())
		}
	}
}

// moduleWithDependency is a CUE module whose stack imports a dependency
// from a registry, as the hostile corpus's module-imports class has it.
func moduleWithDependency(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range map[string]string{
		"cue.mod/module.cue": "module: \"example.com/shop@v0\"\nlanguage: version: \"v0.12.0\"\ndeps: \"example.com/lib@v0\": v: \"v0.1.0\"\n",
		"shop/stack.cue":     "package shop\n\nimport \"example.com/lib@v0\"\n\nname: lib.name\n",
		"shop/region.cue":    "package shop\n\nregion: \"us-east-1\"\ncomponents: {}\n", // components: a stack, which ./... evaluates
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// socketCalls runs bin under strace in dir ("": here) with env added and
// returns its socket and connect calls and its exit code.
func socketCalls(t *testing.T, bin, dir string, env, args []string) ([]string, int) {
	t.Helper()
	trace := filepath.Join(t.TempDir(), "trace")
	cmd := exec.Command("strace", append([]string{"-f", "-qq", "-e", "trace=socket,connect", "-e", "signal=none", "-o", trace, bin}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Dir = dir
	b, err := cmd.CombinedOutput()
	if err != nil && cmd.ProcessState == nil {
		t.Fatalf("%v: %v\n%s", args, err, b)
	}
	calls, _ := os.ReadFile(trace)
	var out []string
	// strace may also log a thread it detached at exit ("???(
	// <detached ...>"): only socket and connect calls count.
	for _, line := range strings.Split(string(calls), "\n") {
		if strings.Contains(line, "socket(") || strings.Contains(line, "connect(") {
			out = append(out, line)
		}
	}
	return out, cmd.ProcessState.ExitCode()
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

// TestNoRegistryClientLinked: the loader builds stacks from parsed files,
// so CUE's module loader and registry client are not even linked in; a
// change that brings cue/load back (and with it cue.mod, CUE_REGISTRY and
// the logins file) fails here, before any strace run.
func TestNoRegistryClientLinked(t *testing.T) {
	out, err := exec.Command(goTool(t), "list", "-deps", "./cmd/infralint").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		switch {
		case dep == "cuelang.org/go/cue/load",
			strings.HasPrefix(dep, "cuelang.org/go/mod/modconfig"),
			strings.HasPrefix(dep, "cuelang.org/go/mod/modregistry"),
			strings.HasPrefix(dep, "cuelang.org/go/mod/modcache"),
			strings.HasPrefix(dep, "cuelang.org/go/internal/mod/modload"),
			dep == "cuelang.org/go/internal/cueconfig": // reads logins.json
			t.Errorf("infralint links %s", dep)
		}
	}
}
