package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/encoding/yaml"
)

// actionFile is the composite GitHub Action at the repository root.
type actionFile struct {
	Inputs map[string]struct {
		Default string `json:"default"`
	} `json:"inputs"`
	Runs struct {
		Using string       `json:"using"`
		Steps []actionStep `json:"steps"`
	} `json:"runs"`
}

type actionStep struct {
	Name             string            `json:"name"`
	ID               string            `json:"id"`
	Shell            string            `json:"shell"`
	Run              string            `json:"run"`
	Env              map[string]string `json:"env"`
	WorkingDirectory string            `json:"working-directory"`
}

func readAction(t *testing.T) actionFile {
	t.Helper()
	src, err := os.ReadFile("action.yml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := yaml.Extract("action.yml", src)
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := cuecontext.New().BuildFile(f).Decode(&a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if a.Runs.Using != "composite" || len(a.Runs.Steps) == 0 {
		t.Fatalf("action.yml: want a composite action with steps, got %q with %d", a.Runs.Using, len(a.Runs.Steps))
	}
	return a
}

// actionRun is one run of the action's steps, as the runner does them: a
// bash step runs as `bash --noprofile --norc -eo pipefail FILE`; GITHUB_PATH
// lines are put in front of PATH for the steps after; a failing step ends
// the run.
type actionRun struct {
	stdout, summary, output string
	exitCode                int // of the last step run
}

var actionExpr = regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)

func runAction(t *testing.T, a actionFile, workspace string, inputs map[string]string) actionRun {
	t.Helper()
	root, err := os.Getwd() // the repository root, as the action's own checkout
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	files := map[string]string{}
	for _, name := range []string{"GITHUB_PATH", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_ENV"} {
		files[name] = filepath.Join(tmp, strings.ToLower(name))
		if err := os.WriteFile(files[name], nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	runnerTemp := filepath.Join(tmp, "runner-temp")
	if err := os.Mkdir(runnerTemp, 0o755); err != nil {
		t.Fatal(err)
	}
	context := map[string]string{"github.action_path": root, "github.workspace": workspace, "runner.temp": runnerTemp}
	for name, in := range a.Inputs {
		context["inputs."+name] = in.Default
	}
	for name, v := range inputs {
		if _, ok := a.Inputs[name]; !ok {
			t.Fatalf("action.yml has no input %q", name)
		}
		context["inputs."+name] = v
	}
	expand := func(s string) string {
		return actionExpr.ReplaceAllStringFunc(s, func(m string) string {
			key := actionExpr.FindStringSubmatch(m)[1]
			v, ok := context[key]
			if !ok {
				t.Fatalf("action.yml uses ${{ %s }}, which this test does not provide", key)
			}
			return v
		})
	}
	path := filepath.Dir(goTool(t)) + string(os.PathListSeparator) + os.Getenv("PATH")
	var run actionRun
	var stdout strings.Builder
	for _, step := range a.Runs.Steps {
		if step.Run == "" {
			continue
		}
		if step.Shell != "bash" {
			t.Fatalf("step %q: shell %q; the test runs bash steps", step.Name, step.Shell)
		}
		if actionExpr.MatchString(step.Run) {
			t.Fatalf("step %q pastes an expression into its script: pass it through env", step.Name)
		}
		script := filepath.Join(tmp, "step.sh")
		if err := os.WriteFile(script, []byte(step.Run), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		cmd.Dir = workspace
		if step.WorkingDirectory != "" {
			cmd.Dir = filepath.Join(workspace, expand(step.WorkingDirectory))
		}
		cmd.Env = append(os.Environ(), "PATH="+path, "GITHUB_WORKSPACE="+workspace, "RUNNER_TEMP="+runnerTemp, "GITHUB_ACTIONS=true", "CI=true")
		for name, file := range files {
			cmd.Env = append(cmd.Env, name+"="+file)
		}
		for k, v := range step.Env {
			cmd.Env = append(cmd.Env, k+"="+expand(v))
		}
		var stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		run.exitCode = cmd.ProcessState.ExitCode()
		if err != nil && run.exitCode < 0 {
			t.Fatalf("step %q: %v", step.Name, err)
		}
		t.Logf("step %q exited %d; stderr:\n%s", step.Name, run.exitCode, stderr.String())
		added, _ := os.ReadFile(files["GITHUB_PATH"])
		for _, dir := range strings.Fields(string(added)) {
			path = dir + string(os.PathListSeparator) + path
		}
		os.WriteFile(files["GITHUB_PATH"], nil, 0o644)
		if run.exitCode != 0 {
			break
		}
	}
	run.stdout = stdout.String()
	summary, _ := os.ReadFile(files["GITHUB_STEP_SUMMARY"])
	output, _ := os.ReadFile(files["GITHUB_OUTPUT"])
	run.summary, run.output = string(summary), string(output)
	return run
}

// actionWorkspace is a repository checkout with the given stacks copied from
// examples/ and files written as given.
func actionWorkspace(t *testing.T, examples []string, files map[string]string) string {
	t.Helper()
	ws := t.TempDir()
	for _, ex := range examples {
		if err := os.CopyFS(filepath.Join(ws, ex), os.DirFS(filepath.Join("examples", ex))); err != nil {
			t.Fatal(err)
		}
	}
	for name, body := range files {
		p := filepath.Join(ws, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return ws
}

// The action gives pull-request feedback without code scanning:
// annotations on the lines, a job summary, and a SARIF log for those who
// have code scanning.
func TestActionRunsCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("builds infralint")
	}
	a := readAction(t)
	t.Run("findings", func(t *testing.T) {
		ws := actionWorkspace(t, []string{"legacy-monolith", "web-asg-rds"}, nil)
		run := runAction(t, a, ws, nil)
		if run.exitCode != 1 {
			t.Errorf("exit code %d, want 1 (findings)", run.exitCode)
		}
		for _, want := range []string{
			"::error file=legacy-monolith/stack.cue,line=16,col=2,title=LB001 lb-without-health-check::",
			"::warning file=legacy-monolith/stack.cue,line=16,col=2,title=LB003 lb-single-target-or-az::",
			"::notice file=web-asg-rds/stack.cue,",
		} {
			if !strings.Contains(run.stdout, want) {
				t.Errorf("annotations lack %q:\n%s", want, run.stdout)
			}
		}
		for _, want := range []string{"## infralint\n", "| legacy-monolith | `./legacy-monolith/stack.cue` |", "| `./legacy-monolith/stack.cue:16:2` | LB001"} {
			if !strings.Contains(run.summary, want) {
				t.Errorf("job summary lacks %q:\n%s", want, run.summary)
			}
		}
		if !strings.Contains(run.output, "exit-code=1\n") || !strings.Contains(run.output, "sarif-file=infralint.sarif\n") {
			t.Errorf("step outputs: %q", run.output)
		}
		var sarif struct {
			Runs []struct {
				Results []json.RawMessage `json:"results"`
			} `json:"runs"`
		}
		raw, err := os.ReadFile(filepath.Join(ws, "infralint.sarif"))
		if err != nil || json.Unmarshal(raw, &sarif) != nil || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) == 0 {
			t.Errorf("SARIF log: %v, %d bytes", err, len(raw))
		}
	})
	t.Run("inputs", func(t *testing.T) {
		// Only warnings at or above "error" fail; args reach check (here
		// a baseline that accepts every finding but one stack's).
		ws := actionWorkspace(t, []string{"legacy-monolith", "single-server"}, nil)
		bin := filepath.Join(t.TempDir(), "infralint")
		if out, err := exec.Command(goTool(t), "build", "-o", bin, "./cmd/infralint").CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		cmd := exec.Command(bin, "check", "--write-baseline", "base.json", "legacy-monolith")
		cmd.Dir = ws
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("--write-baseline: %v\n%s", err, out)
		}
		run := runAction(t, a, ws, map[string]string{
			"paths":    "legacy-monolith\n  single-server/stack.cue",
			"severity": "error",
			"args":     "--baseline base.json",
		})
		if run.exitCode != 0 {
			t.Errorf("exit code %d, want 0 (single-server has no errors; the rest is in the baseline)", run.exitCode)
		}
		if strings.Contains(run.stdout, "legacy-monolith") || !strings.Contains(run.stdout, "::warning file=single-server/stack.cue,") {
			t.Errorf("annotations:\n%s", run.stdout)
		}
		if !strings.Contains(run.summary, "### New findings") {
			t.Errorf("job summary does not say the findings are new:\n%s", run.summary)
		}
	})
	t.Run("load errors", func(t *testing.T) {
		ws := actionWorkspace(t, []string{"web-asg-rds"}, map[string]string{"broken/stack.cue": "name: \"broken\"\ncomponents: 3\n"})
		run := runAction(t, a, ws, nil)
		if run.exitCode != 2 {
			t.Errorf("exit code %d, want 2 (bad input)", run.exitCode)
		}
		if !regexp.MustCompile(`(?m)^::error file=broken/stack.cue,line=\d+,col=\d+,title=infralint%3A input error::`).MatchString(run.stdout) {
			t.Errorf("no annotation for the load error:\n%s", run.stdout)
		}
		if !strings.Contains(run.summary, "### Errors") || !strings.Contains(run.summary, "`./broken/stack.cue:") {
			t.Errorf("job summary lacks the error:\n%s", run.summary)
		}
		if !strings.Contains(run.output, "exit-code=2\n") {
			t.Errorf("step outputs: %q", run.output)
		}
	})
	t.Run("nothing loads", func(t *testing.T) {
		// The job summary is never left empty, whether infralint writes
		// its report (with the Errors table) or stops before it.
		ws := actionWorkspace(t, nil, map[string]string{"broken/stack.cue": "name: \"broken\"\ncomponents: 3\n"})
		run := runAction(t, a, ws, nil)
		if run.exitCode != 2 {
			t.Errorf("exit code %d, want 2 (bad input)", run.exitCode)
		}
		if !strings.Contains(run.summary, "### Errors") && !strings.Contains(run.summary, "**infralint exited 2 before writing its report: see the step's log.**") {
			t.Errorf("job summary says nothing of the failure:\n%s", run.summary)
		}
	})
}
