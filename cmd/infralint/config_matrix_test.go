package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// matrixConfig changes every setting of .infralint.cue at once. The stack
// is examples/web-asg-rds-cache (exampleWithCAP002) without its region, so it loads only if
// the config's region reaches the command. Without the config (the
// control run, region restored) its findings are CAP002, CACHE003,
// CACHE001 (feeds hits 23 %) and CAP001 (the database at 86 % CPU); the
// config's policy ORG001 fires on its one-node cache.
const matrixConfig = `region: "us-east-1"
fail_on: "error"
rules: CACHE003: enabled: false
rules: CAP002: severity: "info"
thresholds: utilisation_target: 0.3
thresholds: cache_hit_floor: 0.2
policies: ORG001: {summary: "Caches keep a replica", kind: "cache", require: nodes: >=2}
`

// matrixStacks writes the configured stack and the control stack (the
// example as it is, without a config) and returns their paths.
func matrixStacks(t *testing.T) (configured, control string) {
	t.Helper()
	src := exampleWithCAP002(t)
	noRegion := strings.Replace(string(src), "region: \"us-east-1\"\n", "", 1)
	if noRegion == string(src) {
		t.Fatal("the example no longer names its region on a line of its own")
	}
	dir := t.TempDir()
	configured = filepath.Join(dir, "configured", "stack.cue")
	control = filepath.Join(dir, "control", "stack.cue")
	for p, content := range map[string]string{
		configured: noRegion,
		filepath.Join(dir, "configured", ".infralint.cue"): matrixConfig,
		control: string(src),
	} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return configured, control
}

// TestConfigMatrix is the README's table "Which settings each command
// honours", one subtest per cell: each runs the command on the configured
// stack and on the control stack and checks the setting made the
// difference it should (or, for cost and the utilisation target, none).
func TestConfigMatrix(t *testing.T) {
	configured, control := matrixStacks(t)
	type outcome struct {
		out  string
		code int
	}
	cache := map[string]outcome{}
	runOn := func(t *testing.T, stack string, args ...string) outcome {
		t.Helper()
		key := stack + "\x00" + strings.Join(args, "\x00")
		if o, ok := cache[key]; ok {
			return o
		}
		out, errOut, code := runCLI(t, append(args, stack)...)
		if code == exitBadInput {
			t.Fatalf("%v %s: exit 2: %s", args, stack, errOut)
		}
		cache[key] = outcome{out, code}
		return cache[key]
	}
	both := func(t *testing.T, args ...string) (got, base outcome) {
		t.Helper()
		return runOn(t, configured, args...), runOn(t, control, args...)
	}
	checkJSON := func(t *testing.T, o outcome) map[string]string { // rule → severity
		t.Helper()
		var r struct {
			Findings []struct{ Rule, Severity, Message string }
		}
		if err := json.Unmarshal([]byte(o.out), &r); err != nil {
			t.Fatalf("check --format json: %v\n%s", err, o.out)
		}
		m := map[string]string{}
		for _, f := range r.Findings {
			m[f.Rule] = f.Severity
		}
		return m
	}
	check := []string{"check", "--format", "json", "--severity", "info"}
	diagramFindings := []string{"diagram", "--findings"}
	report := []string{"report", "--no-diagram", "--no-plots"}

	cells := []struct {
		setting, command string
		test             func(t *testing.T)
	}{
		{"rules.enabled", "check", func(t *testing.T) {
			got, base := both(t, check...)
			if _, on := checkJSON(t, got)["CACHE003"]; on {
				t.Error("CACHE003 is disabled but reported")
			}
			if _, on := checkJSON(t, base)["CACHE003"]; !on {
				t.Error("control: CACHE003 not reported")
			}
		}},
		{"rules.enabled", "diagram --findings", func(t *testing.T) {
			got, base := both(t, diagramFindings...)
			if strings.Contains(got.out, "CACHE003") || !strings.Contains(base.out, "CACHE003") {
				t.Error("the disabled CACHE003 is drawn (or the control lacks it)")
			}
		}},
		{"rules.enabled", "report", func(t *testing.T) {
			got, base := both(t, report...)
			if strings.Contains(got.out, "CACHE003") || !strings.Contains(base.out, "CACHE003") {
				t.Error("the disabled CACHE003 is in the report (or the control lacks it)")
			}
		}},
		{"rules.enabled", "check --skip (wins over the config)", func(t *testing.T) {
			got := runOn(t, control, append(check, "--skip", "CACHE001,CAP002")...)
			if m := checkJSON(t, got); len(m) == 0 || m["CACHE001"] != "" || m["CAP002"] != "" {
				t.Errorf("--skip CACHE001,CAP002: findings %v", m)
			}
		}},
		{"rules.enabled", "diagram --findings --skip", func(t *testing.T) {
			got := runOn(t, control, append(diagramFindings, "--skip", "CACHE003")...)
			if strings.Contains(got.out, "CACHE003") {
				t.Error("the skipped CACHE003 is drawn")
			}
		}},
		{"rules.enabled", "report --skip", func(t *testing.T) {
			got := runOn(t, control, append(report, "--skip", "CACHE003")...)
			if strings.Contains(got.out, "CACHE003") {
				t.Error("the skipped CACHE003 is in the report")
			}
		}},
		{"rules.severity", "check", func(t *testing.T) {
			got, base := both(t, check...)
			if g, b := checkJSON(t, got)["CAP002"], checkJSON(t, base)["CAP002"]; g != "info" || b != "warning" {
				t.Errorf("CAP002 severity %q (control %q), want info (control warning)", g, b)
			}
		}},
		{"rules.severity", "diagram --findings", func(t *testing.T) {
			got, base := both(t, diagramFindings...)
			if !strings.Contains(got.out, "CAP002 info:") || !strings.Contains(base.out, "CAP002 warning:") {
				t.Error("the diagram does not show CAP002 at the configured severity")
			}
		}},
		{"rules.severity", "report", func(t *testing.T) {
			got, base := both(t, report...)
			if got.out == base.out {
				t.Error("the report is the same with CAP002 at info")
			}
		}},
		{"thresholds.utilisation_target", "check", func(t *testing.T) {
			got, _ := both(t, check...)
			if !strings.Contains(got.out, "above the 30% target") {
				t.Errorf("no finding against the 30%% target:\n%s", got.out)
			}
		}},
		{"thresholds.utilisation_target", "capacity", func(t *testing.T) {
			got, base := both(t, "capacity", "--format", "json")
			if !strings.Contains(got.out, `"target_utilization": 0.3,`) || !strings.Contains(base.out, `"target_utilization": 0.7,`) {
				t.Error("capacity does not size for the configured target")
			}
		}},
		{"thresholds.utilisation_target", "capacity --target-utilization", func(t *testing.T) {
			got := runOn(t, configured, "capacity", "--format", "json", "--target-utilization", "0.5")
			if !strings.Contains(got.out, `"target_utilization": 0.5,`) {
				t.Error("the flag does not win over the config")
			}
		}},
		{"thresholds.utilisation_target", "diagram --findings", func(t *testing.T) {
			got, base := both(t, diagramFindings...)
			if !strings.Contains(got.out, "above the 30% target") || !strings.Contains(base.out, "above the 70% target") {
				t.Error("the diagram's findings are not judged against the configured target")
			}
		}},
		{"thresholds.utilisation_target", "report", func(t *testing.T) {
			got, _ := both(t, report...)
			if !strings.Contains(got.out, "above the 30% target") {
				t.Error("the report's findings are not judged against the configured target")
			}
		}},
		{"thresholds.utilisation_target", "cost (not honoured: autoscaling at the policy's target)", func(t *testing.T) {
			got, base := both(t, "cost", "--format", "json")
			if got.out != strings.ReplaceAll(base.out, control, configured) {
				t.Error("the utilisation target changed the cost; cost sizes autoscaling tiers at the group's own cpu_target")
			}
		}},
		{"thresholds.cache_hit_floor", "check", func(t *testing.T) {
			got, base := both(t, check...)
			if _, on := checkJSON(t, got)["CACHE001"]; on {
				t.Error("CACHE001 reported for a 23% hit ratio above the 20% floor")
			}
			if _, on := checkJSON(t, base)["CACHE001"]; !on {
				t.Error("control: CACHE001 not reported below the default 50% floor")
			}
		}},
		{"thresholds.cache_hit_floor", "diagram --findings", func(t *testing.T) {
			got, base := both(t, diagramFindings...)
			if strings.Contains(got.out, "CACHE001") || !strings.Contains(base.out, "CACHE001") {
				t.Error("the diagram ignores the cache hit floor")
			}
		}},
		{"thresholds.cache_hit_floor", "report", func(t *testing.T) {
			got, base := both(t, report...)
			if strings.Contains(got.out, "CACHE001") || !strings.Contains(base.out, "CACHE001") {
				t.Error("the report ignores the cache hit floor")
			}
		}},
		{"region", "check", func(t *testing.T) { runOn(t, configured, check...) }},
		{"region", "capacity", func(t *testing.T) { runOn(t, configured, "capacity") }},
		{"region", "cost", func(t *testing.T) {
			if got := runOn(t, configured, "cost"); !strings.Contains(got.out, "region us-east-1") {
				t.Errorf("cost does not name the config's region:\n%s", got.out)
			}
		}},
		{"region", "diagram", func(t *testing.T) {
			if got := runOn(t, configured, "diagram"); !strings.Contains(got.out, "us-east-1 · peak") {
				t.Error("the diagram does not name the config's region")
			}
		}},
		{"region", "report", func(t *testing.T) { runOn(t, configured, report...) }},
		{"policies", "check", func(t *testing.T) {
			got, base := both(t, check...)
			if checkJSON(t, got)["ORG001"] != "warning" || checkJSON(t, base)["ORG001"] != "" {
				t.Errorf("ORG001: %v (control %v), want a warning (none without the config)", checkJSON(t, got), checkJSON(t, base))
			}
		}},
		{"policies", "check --skip", func(t *testing.T) {
			if got := runOn(t, configured, append(check, "--skip", "ORG001")...); checkJSON(t, got)["ORG001"] != "" {
				t.Error("the skipped ORG001 is reported")
			}
		}},
		{"policies", "diagram --findings", func(t *testing.T) {
			got, base := both(t, diagramFindings...)
			if !strings.Contains(got.out, "ORG001") || strings.Contains(base.out, "ORG001") {
				t.Error("the diagram does not draw the policy's finding (or the control does)")
			}
		}},
		{"policies", "report", func(t *testing.T) {
			got, base := both(t, report...)
			if !strings.Contains(got.out, "Caches keep a replica") || strings.Contains(base.out, "ORG001") {
				t.Error("the report lacks the policy's finding (or the control has it)")
			}
		}},
		{"fail_on", "check", func(t *testing.T) {
			// Warnings remain (CAP001), none at error: fail_on error passes.
			got, base := both(t, "check")
			if got.code != exitClean || base.code != exitFindings {
				t.Errorf("exit %d (control %d), want 0 (control 1)", got.code, base.code)
			}
			if got := runOn(t, configured, "check", "--severity", "warning"); got.code != exitFindings {
				t.Errorf("--severity warning: exit %d, want 1: the flag wins over fail_on", got.code)
			}
		}},
	}
	for _, c := range cells {
		t.Run(c.setting+"/"+c.command, c.test)
	}
}

// TestConfigInlineIgnores is the table's inline_ignores row: with
// inline_ignores: false, the stack's own suppression of CAP002 on "web"
// is refused by every command that shows findings; without the config it
// holds.
func TestConfigInlineIgnores(t *testing.T) {
	src := exampleWithCAP002(t)
	lines := strings.Split(string(src), "\n")
	start := slices.Index(lines, "\tweb: {")
	end := start + slices.Index(lines[max(start, 0):], "\t}")
	if start < 0 || end < start {
		t.Fatal("the example no longer has a web component written as \"\\tweb: {\" ... \"\\t}\"")
	}
	lines[end] += ` @infralint(ignore="CAP002", reason="accepted until the cache lands")`
	suppressed := strings.Join(lines, "\n")
	dir := t.TempDir()
	refusing := filepath.Join(dir, "refusing", "stack.cue")
	allowing := filepath.Join(dir, "allowing", "stack.cue")
	for p, content := range map[string]string{
		refusing: suppressed, allowing: suppressed,
		filepath.Join(dir, "refusing", ".infralint.cue"): "inline_ignores: false\n",
	} {
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"check", "--format", "json"}, {"diagram", "--findings"}, {"report", "--no-diagram", "--no-plots"}} {
		t.Run(args[0], func(t *testing.T) {
			shown := func(stack string) bool {
				out, errOut, code := runCLI(t, append(args, stack)...)
				if code == exitBadInput {
					t.Fatalf("exit 2: %s", errOut)
				}
				// check and report list suppressed findings apart; the
				// message with its SLO is only where it is reported.
				if args[0] == "check" {
					var r struct{ Findings []struct{ Rule string } }
					json.Unmarshal([]byte(out), &r)
					return slices.ContainsFunc(r.Findings, func(f struct{ Rule string }) bool { return f.Rule == "CAP002" })
				}
				return strings.Contains(out, "above the 50 ms SLO")
			}
			if !shown(refusing) {
				t.Error("inline_ignores: false, but the suppression was applied")
			}
			if args[0] != "report" && shown(allowing) {
				t.Error("without the config, the suppression was not applied")
			}
		})
	}
}

// TestConfigExclude is the table's exclude row: the commands that take
// DIR/... leave out what the config's globs match (and --exclude adds to
// them); diagram and report draw the one stack they are named.
func TestConfigExclude(t *testing.T) {
	src, err := os.ReadFile("examples/web-asg-rds-cache/stack.cue")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for p, content := range map[string]string{
		"kept/stack.cue": string(src), "old/stack.cue": strings.Replace(string(src), `"web-asg-rds-cache"`, `"old-stack"`, 1),
		"more/stack.cue": strings.Replace(string(src), `"web-asg-rds-cache"`, `"more-stack"`, 1),
		".infralint.cue": "exclude: [\"old\"]\n",
	} {
		p = filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !strings.Contains(string(src), `"web-asg-rds-cache"`) {
		t.Fatal("the example no longer names itself web-asg-rds-cache")
	}
	all := filepath.Join(dir, "...")
	for _, args := range [][]string{{"check", "--format", "json"}, {"cost", "--format", "json"}, {"capacity", "--format", "json"}} {
		t.Run(args[0], func(t *testing.T) {
			out, errOut, code := runCLI(t, append(args, all)...)
			if code == exitBadInput {
				t.Fatalf("exit 2: %s", errOut)
			}
			shows := func(name string) bool {
				return strings.Contains(out, name+"-stack") || strings.Contains(out, "/"+name+"/")
			}
			if shows("old") || !shows("more") {
				t.Errorf("the excluded stack is there, or the kept one is not:\n%s", out)
			}
			out, _, _ = runCLI(t, append(args, "--exclude", filepath.Join(dir, "more"), all)...)
			if shows("more") {
				t.Errorf("--exclude does not add to the config's globs:\n%s", out)
			}
		})
	}
	for _, args := range [][]string{{"diagram"}, {"report", "--no-diagram", "--no-plots"}} {
		t.Run(args[0]+" (not honoured: one named stack)", func(t *testing.T) {
			out, errOut, code := runCLI(t, append(args, filepath.Join(dir, "old", "stack.cue"))...)
			if code == exitBadInput || !strings.Contains(out, "old-stack") {
				t.Errorf("exit %d, the named stack not drawn: %s", code, errOut)
			}
		})
	}
}

// exampleWithCAP002 is examples/web-asg-rds-cache with its SLO at 50 ms,
// below its web tier's p99 at peak (58.9 ms), so that CAP002 fires on
// "web" as these tests need: with holding times that are not
// exponential (issue 14) the example itself meets its 200 ms SLO.
func exampleWithCAP002(t *testing.T) []byte {
	t.Helper()
	src, err := os.ReadFile("examples/web-asg-rds-cache/stack.cue")
	if err != nil {
		t.Fatal(err)
	}
	out := strings.Replace(string(src), "slo_p99_ms: 200", "slo_p99_ms: 50", 1)
	if out == string(src) {
		t.Fatal("the example no longer has slo_p99_ms: 200")
	}
	return []byte(out)
}
