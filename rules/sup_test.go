package rules

import (
	"testing"
	"time"
)

const expiringStack = `name:   "exp"
region: "us-east-1"
workload: {avg_rps: 10, peak_rps: 50, slo_p99_ms: 200}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	alb: {
		kind:   "lb"
		subnet: "public"
		listeners: [{protocol: "HTTPS", port: 443, certificate: "arn:cert"}]
		targets: ["app"]
	} @infralint(ignore="LB001", reason="mesh health checks", expires="2026-03-31")
	app: {kind: "compute", instance_type: "m5.large", autoscaling: {min: 2, max: 4, policy: cpu_target: 60}, demand: cpu_ms: 10}
}
`

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestExpiredSuppressionReportsAgain: on and before the expiry date LB001 is
// suppressed; the day after, it is reported again beside SUP003.
func TestExpiredSuppressionReportsAgain(t *testing.T) {
	s := loadFile(t, "exp.cue", []byte(expiringStack))
	for _, c := range []struct {
		today        string
		lb001, sup03 bool
	}{
		{"2026-03-30", false, false},
		{"2026-03-31", false, false},
		{"2026-04-01", true, true},
	} {
		res := Run(&Input{Stack: s}, Options{Today: day(c.today)})
		if got := len(linesOf(res.Findings, "LB001")) > 0; got != c.lb001 {
			t.Errorf("%s: LB001 reported = %v, want %v", c.today, got, c.lb001)
		}
		if got := len(linesOf(res.Suppressed, "LB001")) > 0; got == c.lb001 {
			t.Errorf("%s: LB001 suppressed = %v, want %v", c.today, got, !c.lb001)
		}
		if got := len(linesOf(res.Findings, "SUP003")) > 0; got != c.sup03 {
			t.Errorf("%s: SUP003 reported = %v, want %v", c.today, got, c.sup03)
		}
	}
}

func TestNoInlineIgnores(t *testing.T) {
	s := loadFile(t, "exp.cue", []byte(expiringStack))
	res := Run(&Input{Stack: s}, Options{Today: day("2026-01-01"), NoInlineIgnores: true})
	if len(res.Suppressed) != 0 || len(linesOf(res.Findings, "LB001")) == 0 {
		t.Errorf("NoInlineIgnores: findings %v, suppressed %v", res.Findings, res.Suppressed)
	}
}
