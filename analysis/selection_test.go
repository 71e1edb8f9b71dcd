package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// k8sCUE is CUE of another tool, with an import a stack may not hold:
// recognition must skip it before the import is refused.
const k8sCUE = "package k8s\n\nimport apps \"k8s.io/api/apps/v1\"\n\ndeployment: web: apps.#Deployment & {kind: \"Deployment\"}\n"

// tree writes a repository: two stacks (one a directory of two files), CUE
// of another tool, and a generated directory; it returns its root, the
// working directory of the test.
func tree(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write(t, dir, "app/stack.cue", string(src))
	write(t, dir, "legacy/old/stack.cue", string(src))
	write(t, dir, "split/a.cue", "package split\n\n"+strings.Replace(string(src), "components:", "_c:", 1)+"\ncomponents: _c\n")
	write(t, dir, "k8s/deploy.cue", k8sCUE)
	write(t, dir, "gen/x_gen.cue", string(src))
	t.Chdir(dir)
	return dir
}

func paths(rs []*Result) string {
	var out []string
	for _, r := range rs {
		out = append(out, filepath.ToSlash(r.Path))
	}
	return strings.Join(out, " ")
}

func skipped(run *Run) string {
	var out []string
	for _, s := range run.Skipped {
		why := "not-a-stack"
		if !s.NotStack() {
			why = s.Glob + "@" + s.GlobFrom
		}
		if s.Named {
			why += ",named"
		}
		out = append(out, filepath.ToSlash(s.Path)+"="+why)
	}
	return strings.Join(out, " ")
}

// DIR/... analyses the stacks and skips the other CUE, listed in order
// with why; nothing about it is an error.
func TestDotDotDotSkipsOtherCUE(t *testing.T) {
	tree(t)
	run, err := Analyze(Request{Paths: []string{"./..."}, Expand: true})
	if err != nil {
		t.Fatal(err)
	}
	if run.Bad() {
		t.Fatalf("errors: %v", run.Errors())
	}
	if got, want := paths(run.Stacks), "app gen legacy/old split"; got != want {
		t.Errorf("stacks %q, want %q", got, want)
	}
	if got, want := skipped(run), "k8s=not-a-stack"; got != want {
		t.Errorf("skipped %q, want %q", got, want)
	}
}

// A named path is a stack: CUE of another kind is an error saying so,
// unless SkipNonStacks, which skips it as named.
func TestNamedNonStacks(t *testing.T) {
	tree(t)
	named := []string{"k8s/deploy.cue", "app/stack.cue"}
	run, err := Analyze(Request{Paths: named, Expand: true})
	if err != nil {
		t.Fatal(err)
	}
	errs := run.Errors()
	if len(errs) != 1 || errs[0].Pos.File != "k8s/deploy.cue" || !strings.HasPrefix(errs[0].Msg, "not an infralint stack") || len(run.Skipped) != 0 {
		t.Fatalf("errors %v, skipped %v; want the one not-a-stack error", errs, run.Skipped)
	}
	run, err = Analyze(Request{Paths: named, Expand: true, SkipNonStacks: true})
	if err != nil {
		t.Fatal(err)
	}
	if run.Bad() || paths(run.Stacks) != "app/stack.cue" || skipped(run) != "k8s/deploy.cue=not-a-stack,named" {
		t.Errorf("errors %v, stacks %q, skipped %q", run.Errors(), paths(run.Stacks), skipped(run))
	}
	// Without Expand (diagram, report, cost --compare) the selection does
	// not apply: the one stack named is the one analysed.
	run, _ = Analyze(Request{Paths: []string{"k8s/deploy.cue"}, SkipNonStacks: true, Exclude: []string{"k8s"}})
	if !run.Bad() || len(run.Skipped) != 0 {
		t.Errorf("without Expand: errors %v, skipped %v", run.Errors(), run.Skipped)
	}
}

// --exclude globs are relative to the working directory; a glob that
// matches a directory excludes what is below it, one that matches every
// .cue file of a directory stack excludes the stack, and named paths are
// excluded too (the pre-commit hook names files).
func TestExcludeFlag(t *testing.T) {
	tree(t)
	for _, c := range []struct {
		globs       []string
		args        []string
		stacks, out string
	}{
		{[]string{"legacy"}, []string{"./..."}, "app gen split", "k8s=not-a-stack legacy/old=legacy@--exclude"},
		{[]string{"./legacy/"}, []string{"./..."}, "app gen split", "k8s=not-a-stack legacy/old=legacy@--exclude"},
		{[]string{"**/*_gen.cue", "k8s/**"}, []string{"./..."}, "app legacy/old split", "gen=**/*_gen.cue@--exclude k8s=k8s/**@--exclude"},
		{[]string{"{app,split}"}, []string{"./..."}, "gen legacy/old", "app={app,split}@--exclude k8s=not-a-stack split={app,split}@--exclude"},
		{[]string{"legacy/*"}, []string{"legacy/old/stack.cue", "app/stack.cue"}, "app/stack.cue", "legacy/old/stack.cue=legacy/*@--exclude,named"},
		{[]string{"*.cue"}, []string{"./..."}, "app gen legacy/old split", "k8s=not-a-stack"}, // * stays within a segment
	} {
		run, err := Analyze(Request{Paths: c.args, Expand: true, Exclude: c.globs})
		if err != nil {
			t.Fatal(err)
		}
		if got := paths(run.Stacks); got != c.stacks {
			t.Errorf("%v: stacks %q, want %q", c.globs, got, c.stacks)
		}
		if got := skipped(run); got != c.out {
			t.Errorf("%v: skipped %q, want %q", c.globs, got, c.out)
		}
	}
	for _, bad := range []string{"[", "/abs", "../up", ""} {
		if _, err := Analyze(Request{Paths: []string{"./..."}, Expand: true, Exclude: []string{bad}}); err == nil || !strings.HasPrefix(err.Error(), "--exclude \""+bad+"\": ") {
			t.Errorf("--exclude %q: %v", bad, err)
		}
	}
}

// exclude in .infralint.cue is relative to the file's directory and
// applies to the stacks under it, the ones "DIR/..." finds and the ones
// named alike; a bad glob is an error at its position.
func TestExcludeConfig(t *testing.T) {
	dir := tree(t)
	write(t, dir, "legacy/.infralint.cue", "exclude: [\"old\"]\n")
	run, err := Analyze(Request{Paths: []string{"./...", "legacy/old/stack.cue"}, Expand: true})
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join("legacy", ".infralint.cue")
	if got, want := skipped(run), "k8s=not-a-stack legacy/old=old@"+cfg+" legacy/old/stack.cue=old@"+cfg+",named"; got != want {
		t.Errorf("skipped %q, want %q", got, want)
	}
	// The glob is not relative to the working directory: "old" excludes
	// nothing at the root.
	write(t, dir, "old/stack.cue", "name: \"o\"\ncomponents: {}\n")
	if run, _ = Analyze(Request{Paths: []string{"old/stack.cue"}, Expand: true}); len(run.Skipped) != 0 {
		t.Errorf("old/stack.cue skipped by legacy's glob: %v", run.Skipped)
	}
	write(t, dir, "legacy/.infralint.cue", "exclude: [\n\t\"old\",\n\t\"gen/[\",\n]\n")
	run, err = Analyze(Request{Paths: []string{"legacy/..."}, Expand: true})
	if err != nil {
		t.Fatal(err)
	}
	errs := run.Errors()
	if len(errs) != 1 || errs[0].Pos.String() != cfg+":3:2" || errs[0].Msg != `exclude[1]: "gen/[": not a valid glob (unclosed [ or {, or a trailing \)` {
		t.Errorf("bad glob: %v", errs)
	}
}

// SkipRules disables rules for the run over the configuration, without
// changing the configuration's own switches for the next run; an unknown
// ID is refused with the closest ones.
func TestSkipRules(t *testing.T) {
	dir := tree(t)
	write(t, dir, "app/.infralint.cue", "rules: CACHE003: enabled: true\n")
	has := func(run *Run, id string) bool {
		for _, f := range run.Stacks[0].Findings.Findings {
			if f.RuleID == id {
				return true
			}
		}
		return false
	}
	req := Request{Paths: []string{"app/stack.cue"}, Want: Want{Findings: true}}
	base, _ := Analyze(req)
	req.Overrides.SkipRules = []string{"CACHE003", "CAP001"}
	skip, _ := Analyze(req)
	if !has(base, "CACHE003") || !has(base, "CAP001") || has(skip, "CACHE003") || has(skip, "CAP001") {
		t.Errorf("CACHE003/CAP001: without --skip %v/%v, with it %v/%v", has(base, "CACHE003"), has(base, "CAP001"), has(skip, "CACHE003"), has(skip, "CAP001"))
	}
	if !skip.Stacks[0].Config.Rules.Disabled["CAP001"] || base.Stacks[0].Config.Rules.Disabled["CAP001"] {
		t.Error("the disabled set is not the config's with the flag's")
	}
	req.Overrides.SkipRules = []string{"TLS01"}
	if _, err := Analyze(req); err == nil || err.Error() != "--skip TLS01: unknown rule; did you mean TLS001, TLS002, TLS003? (run 'infralint rules' for the list)" {
		t.Errorf("unknown rule: %v", err)
	}
}
