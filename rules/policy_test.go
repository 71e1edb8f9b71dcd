package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/infralint/infralint/schema"
)

func TestPolicyName(t *testing.T) {
	for summary, want := range map[string]string{
		"Databases must be Multi-AZ":              "databases-must-be-multi-az",
		"Compute runs on the m6i or c6i families": "compute-runs-on-the-m6i-or-c6i", // cut at 30 columns, on a word
		"!!!": "policy",
	} {
		if got := policyName(summary); got != want {
			t.Errorf("policyName(%q) = %q, want %q", summary, got, want)
		}
	}
}

// policyRule loads a .infralint.cue holding one policy and makes it a rule.
func policyRule(t *testing.T, src string) *Rule {
	t.Helper()
	p := filepath.Join(t.TempDir(), schema.ConfigFileName)
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := schema.LoadConfig(p)
	if err != nil {
		t.Fatal(err)
	}
	r, err := FromPolicy(c.Policies[0])
	if err != nil {
		t.Fatal(err)
	}
	return r
}

const multiAZPolicy = `policies: ORG001: {severity: "error", summary: "Databases must be Multi-AZ", kind: "database", require: multi_az: true}`

func TestPolicyRule(t *testing.T) {
	r := policyRule(t, multiAZPolicy)
	if !r.IsPolicy() || r.Severity != Error || r.DocsURL() != "" {
		t.Errorf("rule %+v: want a policy, an error, no docs URL", r)
	}
	db := `name: "s"
region: "us-east-1"
workload: {avg_rps: 1, peak_rps: 2, slo_p99_ms: 300}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	app: {kind: "compute", instance_type: "m5.large", count: 2, workers: {processes: 1, threads: 4}, demand: cpu_ms: 5, calls: [{target: "db"}]}
	db: {kind: "database", engine: "postgres", instance_class: "db.t3.medium", ingress: ["app"], encrypted_at_rest: true, require_tls: true
`
	cases := []struct {
		name, tail        string
		found, suppressed int
	}{
		{"trigger", "multi_az: false}\n}\n", 1, 0},
		{"clean", "multi_az: true}\n}\n", 0, 0},
		{"suppressed", `multi_az: false @infralint(ignore="ORG001", reason="dev copy")}` + "\n}\n", 0, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := loadFile(t, "stack.cue", []byte(db+c.tail))
			res := Run(&Input{Stack: s}, Options{Policies: []*Rule{r}})
			var found int
			for _, f := range res.Findings {
				switch f.RuleID {
				case "ORG001":
					found++
					if f.Path != "components.db.multi_az" || f.Pos.Line != 8 || f.Severity != Error ||
						f.Message != "Databases must be Multi-AZ: db.multi_az is false; the policy requires true" {
						t.Errorf("finding %+v", f)
					}
				case "SUP002":
					t.Errorf("a suppression naming the policy is unknown to SUP002: %+v", f)
				}
			}
			if found != c.found || len(res.Suppressed) != c.suppressed {
				t.Errorf("%d findings, %d suppressed; want %d, %d (%+v)", found, len(res.Suppressed), c.found, c.suppressed, res)
			}
			if got := res.Rules[len(res.Rules)-1]; got != r {
				t.Errorf("the result's rules end with %s, not the policy", got.ID)
			}
		})
	}
}
