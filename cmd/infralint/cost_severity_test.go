package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// costSeverityStack keeps 20 m5.large where 2 do: COST001 saves 18 ×
// $0.096 × 730 h = $1,261.44 a month (us-east-1, karpenter 2026-07-20).
const costSeverityStack = `name: "sev"
region: "us-east-1"
workload: {avg_rps: 20, peak_rps: 60, slo_p99_ms: 300}
network: azs: ["us-east-1a", "us-east-1b"]
components: web: {
	kind: "compute", instance_type: "m5.large", count: 20
	workers: threads: 8
	demand: cpu_ms: 5
}
`

// TestConfigCostWarning is the README's row thresholds.cost_warning_usd:
// the $1,261.44 saving is a warning at the default $250 and info under a
// config asking $2,000, in check and in the report.
func TestConfigCostWarning(t *testing.T) {
	dir := t.TempDir()
	control := filepath.Join(dir, "control", "stack.cue")
	configured := filepath.Join(dir, "configured", "stack.cue")
	for p, content := range map[string]string{
		control:    costSeverityStack,
		configured: costSeverityStack,
		filepath.Join(dir, "configured", ".infralint.cue"): "thresholds: cost_warning_usd: 2000\n",
	} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const finding = `"rule": "COST001",`
	for _, tc := range []struct {
		stack, severity string
	}{{control, "warning"}, {configured, "info"}} {
		out, errOut, _ := runCLI(t, "check", "--format", "json", "--severity", "info", tc.stack)
		i := strings.Index(out, finding)
		if i < 0 {
			t.Fatalf("%s: no COST001\n%s%s", tc.stack, out, errOut)
		}
		if want := `"severity": "` + tc.severity + `"`; !strings.Contains(out[i:], want) || strings.Index(out[i:], want) > 200 {
			t.Errorf("%s: COST001 is not %s:\n%s", tc.stack, tc.severity, out[i:])
		}
		report := filepath.Join(dir, "r.html")
		if _, errOut, code := runCLI(t, "report", "--no-diagram", "--no-plots", "-o", report, tc.stack); code != 0 {
			t.Fatalf("report: exit %d: %s", code, errOut)
		}
		html, err := os.ReadFile(report)
		if err != nil {
			t.Fatal(err)
		}
		if badge := `<span class="badge sev-` + tc.severity + `">` + tc.severity + `</span> <code>COST001</code>`; !strings.Contains(string(html), badge) {
			t.Errorf("%s: the report lacks COST001 as %s", tc.stack, tc.severity)
		}
	}
}
