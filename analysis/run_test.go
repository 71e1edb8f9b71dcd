package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infralint/infralint/rules"
)

const example = "../examples/web-asg-rds-cache/stack.cue"

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Each analysis is computed when wanted or needed by what is wanted, and
// not otherwise.
func TestWantComputesOnlyWhatIsAsked(t *testing.T) {
	cases := []struct {
		name                        string
		want                        Want
		capacity, estimate, finding bool
	}{
		{"nothing (diagram without annotations)", Want{}, false, false, false},
		{"capacity", Want{Capacity: true}, true, false, false},
		{"cost needs the model for autoscaling tiers", Want{Cost: true}, true, true, false},
		{"findings need both", Want{Findings: true}, true, true, true},
		{"findings whose rules need neither", Want{Findings: true}, false, false, true},
	}
	// The last case disables every rule that needs the model or the estimate.
	var modelRules []string
	for _, r := range rules.Registry() {
		if len(r.Requires) > 0 {
			modelRules = append(modelRules, "rules: "+r.ID+": enabled: false\n")
		}
	}
	dir := t.TempDir()
	src, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, ".infralint.cue", strings.Join(modelRules, ""))
	noModel := write(t, dir, "stack.cue", string(src))
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := example
			if i == len(cases)-1 {
				path = noModel
			}
			run, err := Analyze(Request{Paths: []string{path}, Want: c.want})
			if err != nil {
				t.Fatal(err)
			}
			r := run.Stacks[0]
			if !r.OK() || r.Stack == nil {
				t.Fatalf("errors: %v", r.Errors)
			}
			if got := r.Capacity != nil; got != c.capacity {
				t.Errorf("capacity computed: %v, want %v", got, c.capacity)
			}
			if got := r.Estimate != nil; got != c.estimate {
				t.Errorf("estimate computed: %v, want %v", got, c.estimate)
			}
			if got := r.Findings != nil; got != c.finding {
				t.Errorf("findings computed: %v, want %v", got, c.finding)
			}
			if r.Findings != nil && len(r.Findings.Skipped) > 0 {
				t.Errorf("rules skipped for a missing input: %v", r.Findings.Skipped)
			}
		})
	}
}

// A bad stack among good ones keeps its place, carries its positioned
// errors, and leaves the others analysed.
func TestErrorsLiveInTheResult(t *testing.T) {
	dir := t.TempDir()
	bad := write(t, dir, "bad/stack.cue", "name: \"x\"\nregion: 7\n")
	run, err := Analyze(Request{Paths: []string{example, bad, "../examples/single-server/stack.cue"}, Want: Want{Findings: true}})
	if err != nil {
		t.Fatal(err)
	}
	if len(run.Stacks) != 3 || !run.Bad() || len(run.Good()) != 2 {
		t.Fatalf("%d stacks, bad %v, %d good; want 3, true, 2", len(run.Stacks), run.Bad(), len(run.Good()))
	}
	r := run.Stacks[1]
	if r.Path != bad || r.OK() || r.Findings != nil {
		t.Fatalf("stack 2: path %s ok %v findings %v", r.Path, r.OK(), r.Findings)
	}
	e := r.Errors[0]
	if e.Pos.File != bad || e.Pos.Line == 0 {
		t.Errorf("error %q at %v: want a line in %s", e.Msg, e.Pos, bad)
	}
	if run.Stacks[2].Findings == nil || run.Stacks[0].Findings == nil {
		t.Error("the good stacks were not analysed")
	}
}

// Stacks under one bad .infralint.cue all carry its error; the run lists
// it once.
func TestConfigErrorsSharedOnce(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, ".infralint.cue", "rules: NOPE001: enabled: false\n")
	a := write(t, dir, "a/stack.cue", string(src))
	b := write(t, dir, "b/stack.cue", string(src))
	run, err := Analyze(Request{Paths: []string{a, b}, Want: Want{Findings: true}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range run.Stacks {
		if r.OK() {
			t.Errorf("%s analysed under a bad config", r.Path)
		}
	}
	errs := run.Errors()
	if len(errs) != 1 || !strings.Contains(errs[0].Msg, "NOPE001: unknown rule") || errs[0].Pos.Line != 1 {
		t.Errorf("run errors %v: want the unknown rule once, at line 1", errs)
	}
}

// Flags win over the file, in one place.
func TestOverridesWinOverConfig(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, ".infralint.cue", "fail_on: \"error\"\nthresholds: utilisation_target: 0.4\ninline_ignores: true\n")
	p := write(t, dir, "stack.cue", string(src))
	for _, c := range []struct {
		over    Overrides
		target  float64
		failOn  rules.Severity
		refuses bool
	}{
		{Overrides{}, 0.4, rules.Error, false},
		{Overrides{TargetUtilization: 0.9, FailOn: rules.Info, NoInlineIgnores: true}, 0.9, rules.Info, true},
	} {
		run, err := Analyze(Request{Paths: []string{p}, Overrides: c.over, Want: Want{Capacity: true}})
		if err != nil {
			t.Fatal(err)
		}
		r := run.Stacks[0]
		if !r.OK() {
			t.Fatal(r.Errors)
		}
		cfg := r.Config
		if cfg.TargetUtilization != c.target || r.Capacity.TargetUtilization != c.target || cfg.FailOn != c.failOn || cfg.Rules.NoInlineIgnores != c.refuses {
			t.Errorf("%+v: target %g (model %g), fail_on %v, refuses %v; want %g, %v, %v",
				c.over, cfg.TargetUtilization, r.Capacity.TargetUtilization, cfg.FailOn, cfg.Rules.NoInlineIgnores, c.target, c.failOn, c.refuses)
		}
	}
}

// Only what leaves nothing to analyse is an error of Analyze itself.
func TestUsageErrors(t *testing.T) {
	empty := t.TempDir()
	if _, err := Analyze(Request{Paths: []string{empty + "/..."}, Expand: true}); err == nil || !strings.Contains(err.Error(), "no .cue files found") {
		t.Errorf("DIR/... without stacks: %v", err)
	}
	if _, err := Analyze(Request{Paths: []string{example}, Prices: filepath.Join(empty, "missing.json")}); err == nil || !strings.HasPrefix(err.Error(), "--prices: ") {
		t.Errorf("missing --prices file: %v", err)
	}
}

// DIR/... finds every stack directory, skipping the conventional ones.
func TestExpandPaths(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a/s.cue", "a/b/s.cue", "testdata/s.cue", ".hidden/s.cue", "_x/s.cue", "cue.mod/m.cue", "c/.infralint.cue"} {
		write(t, dir, f, "")
	}
	got, err := ExpandPaths([]string{dir + "/...", "x.cue"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "a"), filepath.Join(dir, "a", "b"), "x.cue"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %v, want %v", got, want)
	}
}

// "-" is one stack read from Request.Stdin, positioned as <stdin>; named
// twice, the run is refused.
func TestStdin(t *testing.T) {
	src, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	run, err := Analyze(Request{Paths: []string{"-"}, Stdin: strings.NewReader(string(src)), Want: Want{Findings: true}})
	if err != nil {
		t.Fatal(err)
	}
	r := run.Stacks[0]
	if !r.OK() || r.Path != "-" || len(r.Findings.Findings) == 0 || r.Findings.Findings[0].Pos.File != "<stdin>" {
		t.Fatalf("stdin stack: errors %v, findings %+v", r.Errors, r.Findings)
	}
	run, err = Analyze(Request{Paths: []string{"-"}, Stdin: strings.NewReader("name: 1\n")})
	if err != nil {
		t.Fatal(err)
	}
	if errs := run.Errors(); len(errs) == 0 || errs[0].Pos.File != "<stdin>" {
		t.Errorf("errors %v, want them at <stdin>", errs)
	}
	if _, err := Analyze(Request{Paths: []string{"-", example, "-"}}); err == nil || !strings.Contains(err.Error(), "named 2 times") {
		t.Errorf("stdin twice: %v", err)
	}
}
