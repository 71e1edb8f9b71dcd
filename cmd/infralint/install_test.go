package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The release the README and .pre-commit-hooks.yaml point at is one:
// pre-commit's rev, the action's tag and go install's version.
func TestReadmeAndHooksAgreeOnRev(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	hooks, err := os.ReadFile(".pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^#\s+rev: (\S+)`).FindSubmatch(hooks)
	if m == nil {
		t.Fatal(".pre-commit-hooks.yaml recommends no rev")
	}
	rev := string(m[1])
	if !regexp.MustCompile(`^v\d+\.\d+\.\d+$`).MatchString(rev) {
		t.Errorf(".pre-commit-hooks.yaml recommends rev %q, not a release tag (pre-commit warns on a branch)", rev)
	}
	for _, re := range []string{`(?m)^\s+rev: (\S+)`, "uses: infralint/infralint@([^\\s`)]+)", `go install github\.com/infralint/infralint/cmd/infralint@(\S+?)[\x60\s]`} {
		all := regexp.MustCompile(re).FindAllSubmatch(readme, -1)
		if len(all) == 0 {
			t.Errorf("README has no %s", re)
		}
		for _, a := range all {
			if string(a[1]) != rev {
				t.Errorf("README: %q, but .pre-commit-hooks.yaml says rev %s", a[0], rev)
			}
		}
	}
}

func TestRendererDirs(t *testing.T) {
	home, err := os.UserHomeDir()
	if err != nil {
		t.Skip(err)
	}
	exe := filepath.Join(t.TempDir(), "infralint")
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	sep := string(filepath.ListSeparator)
	for _, tc := range []struct {
		name string
		env  func(string) string
		want []string
	}{
		{"GOBIN wins", env("GOBIN", "/gobin", "GOPATH", "/gp"), []string{filepath.Dir(exe), "/gobin"}},
		{"GOPATH's first entry", env("GOPATH", "/gp1"+sep+"/gp2"), []string{filepath.Dir(exe), "/gp1/bin"}},
		{"go's default GOPATH", env(), []string{filepath.Dir(exe), filepath.Join(home, "go", "bin")}},
	} {
		if got := rendererDirs(exe, tc.env); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: rendererDirs = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// goEnv is the environment of a fresh shell in a clone: only go on the
// PATH (no renderer there), and binaries installed into gobin.
func goEnv(t *testing.T, gobin string) []string {
	env := []string{"PATH=" + filepath.Dir(goTool(t)), "GOBIN=" + gobin, "GOFLAGS=", "INFRALINT_TODAY=2026-01-01"}
	for _, k := range []string{"HOME", "GOCACHE", "GOMODCACHE", "GOPROXY", "GOTOOLCHAIN", "TMPDIR"} {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	return env
}

// TestInstallFromClone follows a newcomer in a clone: `go run` draws no
// SVG without the renderer and says which line installs it; that line,
// run as given, makes the same `go run` draw. Then the README's own
// install line gives two binaries that find each other off the PATH.
func TestInstallFromClone(t *testing.T) {
	if testing.Short() {
		t.Skip("builds binaries")
	}
	gobin := t.TempDir()
	env := goEnv(t, gobin)
	svg := filepath.Join(t.TempDir(), "x.svg")
	goRun := exec.Command(goTool(t), "run", "./cmd/infralint", "diagram", "examples/single-server/stack.cue", "-o", svg)
	goRun.Env = env
	out, err := goRun.CombinedOutput()
	if err == nil {
		t.Fatalf("go run ... diagram -o x.svg succeeded without a renderer:\n%s", out)
	}
	m := regexp.MustCompile(`(?m)^infralint: SVG and PNG need a renderer: .*install it with: (go install \S+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("the error gives no install line:\n%s", out)
	}
	fix := strings.Fields(string(m[1]))
	install := exec.Command(goTool(t), fix[1:]...)
	install.Env = env
	if b, err := install.CombinedOutput(); err != nil {
		t.Fatalf("the error's fix %q fails from the clone: %v\n%s", m[1], err, b)
	}
	goRun = exec.Command(goRun.Args[0], goRun.Args[1:]...)
	goRun.Env = env
	if b, err := goRun.CombinedOutput(); err != nil {
		t.Fatalf("after %q, go run ... diagram still fails: %v\n%s", m[1], err, b)
	}
	if b, _ := os.ReadFile(svg); !strings.Contains(string(b), "<svg") {
		t.Fatalf("x.svg is no SVG: %.200s", b)
	}

	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`(?m)^go install (\./cmd/\S+(?: \./cmd/\S+)*)`).FindSubmatch(readme)
	if line == nil {
		t.Fatal("README has no 'go install ./cmd/...' line")
	}
	both := t.TempDir()
	install = exec.Command(goTool(t), append([]string{"install"}, strings.Fields(string(line[1]))...)...)
	install.Env = goEnv(t, both)
	if b, err := install.CombinedOutput(); err != nil {
		t.Fatalf("README's go install %s: %v\n%s", line[1], err, b)
	}
	draw := exec.Command(filepath.Join(both, "infralint"), "diagram", "--format", "svg", "examples/single-server/stack.cue")
	draw.Env = goEnv(t, t.TempDir()) // neither GOBIN nor PATH holds the renderer: it is beside
	if b, err := draw.Output(); err != nil || !strings.Contains(string(b), "<svg") {
		t.Errorf("the README's infralint does not find its renderer: %v %.200s", err, b)
	}
}
