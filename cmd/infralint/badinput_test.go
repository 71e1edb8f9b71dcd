package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadInputExitsTwo: a broken file prints one positioned message on
// stderr, nothing else, and exits 2; so do usage mistakes.
func TestBadInputExitsTwo(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.cue")
	os.WriteFile(broken, []byte("name: \"x\"\nregion: \"us-east-1\"\nworkload: {avg_rps: 1, peak_rps: 2, slo_p99_ms: 100}\nnetwork: azs: [\"a\"]\ncomponents: app: {kind: \"compute\", instance_type: \"m5.large\", demand: {cpu_ms: 5}, calls: [{target: \"dbb\"}]}\n"), 0o644)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"unknown reference", []string{"check", broken}, "broken.cue:5:93: components.app.calls[0].target: unknown component \"dbb\""},
		{"missing file", []string{"check", "no/such.cue"}, "no/such.cue: no such file or directory"},
		{"unknown flag", []string{"check", "--nope", broken}, "unknown flag: --nope"},
		{"bad severity", []string{"check", "--severity", "fatal", broken}, `unknown severity "fatal"`},
		{"bad format", []string{"check", "--format", "xml", broken}, `unknown format "xml"`},
		{"no args", []string{"check"}, "requires at least 1 arg"},
		{"unknown command", []string{"chek"}, `unknown command "chek"`},
		{"unknown rule", []string{"explain", "XX999"}, `unknown rule "XX999"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errOut, code := runCLI(t, c.args...)
			if code != exitBadInput {
				t.Errorf("exit code %d, want 2", code)
			}
			if !strings.Contains(errOut, c.want) {
				t.Errorf("stderr %q does not contain %q", errOut, c.want)
			}
			if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "panic") {
				t.Errorf("stderr shows a Go stack trace: %s", errOut)
			}
		})
	}
}

func TestSeverityThreshold(t *testing.T) {
	// legacy-monolith has errors and warnings; single-server has one warning.
	if _, _, code := runCLI(t, "check", "--severity", "error", "examples/single-server/stack.cue"); code != exitClean {
		t.Errorf("warning-only stack with --severity error: exit %d, want 0", code)
	}
	if _, _, code := runCLI(t, "check", "examples/single-server/stack.cue"); code != exitFindings {
		t.Errorf("warning-only stack with the default threshold: exit %d, want 1", code)
	}
	if _, _, code := runCLI(t, "check", "--severity", "error", "examples/legacy-monolith/stack.cue"); code != exitFindings {
		t.Errorf("stack with errors: exit %d, want 1", code)
	}
}

func TestCheckWholeTree(t *testing.T) {
	out, errOut, code := runCLI(t, "check", "--format", "json", "examples/...")
	if errOut != "" || code != exitFindings {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, ex := range examples(t) {
		if ex == "single-server" || ex == "legacy-monolith" {
			if !strings.Contains(out, "./examples/"+ex+"/stack.cue") {
				t.Errorf("findings of %s missing from the tree run", ex)
			}
		}
	}
}

// TestSpecsValidatedAtLoad: an unknown instance type, database class and
// cache node type are reported at load (schema.Validate), each once, with
// its position and the closest known names, by every command alike: none
// reaches the capacity model, which no longer checks them.
func TestSpecsValidatedAtLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "typos.cue")
	os.WriteFile(path, []byte(`name: "typos"
region: "us-east-1"
workload: {avg_rps: 10, peak_rps: 50, slo_p99_ms: 200}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	app: {kind: "compute", instance_type: "m5.lrage", demand: cpu_ms: 10, calls: [{target: "db"}, {target: "kv"}]}
	db: {kind: "database", engine: "postgres", instance_class: "db.r5.lrage", ingress: ["app"]}
	kv: {kind: "cache", engine: "redis", node_type: "cache.t3.mdium"}
}
`), 0o644)
	want := path + `:6:25: components.app.instance_type: unknown instance type "m5.lrage"; did you mean m5.large, m5.xlarge, m5a.large?
` + path + `:7:45: components.db.instance_class: unknown database class "db.r5.lrage"; did you mean db.r5.large, db.r5.xlarge, db.r5b.large?
` + path + `:8:39: components.kv.node_type: unknown cache node type "cache.t3.mdium"; did you mean cache.t3.medium, cache.t2.medium, cache.m3.medium?
`
	for _, command := range []string{"check", "capacity", "cost", "diagram", "report"} {
		t.Run(command, func(t *testing.T) {
			out, errOut, code := runCLI(t, command, path)
			assertRejected(t, out, errOut, code)
			if errOut != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", errOut, want)
			}
		})
	}
}
