package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infralint/infralint/rules"
)

// examples/web-asg-rds-tf is examples/web-asg-rds written as Terraform
// (with its workload in workload.cue): check gives the same findings —
// rule, field and message — only on the .tf lines.
func TestTerraformExampleGivesTheCUEFindings(t *testing.T) {
	const tf, cue = "examples/web-asg-rds-tf", "examples/web-asg-rds/stack.cue"
	type finding struct{ Rule, Path, Message, File string }
	findings := func(path string) []finding {
		out, stderr, code := runCLI(t, "check", "--format", "json", "--severity", "info", path)
		if code != 1 {
			t.Fatalf("check %s: exit %d, stderr %s", path, code, stderr)
		}
		var doc struct {
			Findings []struct {
				Rule, Path, Message string
				Position            struct{ File string }
			}
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		var fs []finding
		for _, f := range doc.Findings {
			fs = append(fs, finding{f.Rule, f.Path, f.Message, f.Position.File})
		}
		return fs
	}
	got, want := findings(tf), findings(cue)
	if len(got) != len(want) || len(want) == 0 {
		t.Fatalf("Terraform: %+v\nCUE: %+v", got, want)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Rule != w.Rule || g.Path != w.Path || g.Message != w.Message {
			t.Errorf("finding %d: Terraform %+v, CUE %+v", i, g, w)
		}
		if !strings.HasSuffix(g.File, ".tf") {
			t.Errorf("finding %d points at %s, not a .tf file", i, g.File)
		}
	}
	// And the same bill, line item by line item.
	type item struct {
		Component, Name string
		MonthlyUSD      float64 `json:"monthly_usd"`
	}
	cost := func(path string) (float64, []item) {
		out, stderr, code := runCLI(t, "cost", "--format", "json", path)
		if code != 0 {
			t.Fatalf("cost %s: exit %d, stderr %s", path, code, stderr)
		}
		var doc struct {
			Estimates []struct {
				Items      []item
				MonthlyUSD float64 `json:"monthly_usd"`
			}
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		return doc.Estimates[0].MonthlyUSD, doc.Estimates[0].Items
	}
	tfTotal, tfItems := cost(tf)
	cueTotal, cueItems := cost(cue)
	if tfTotal != cueTotal || fmt.Sprint(tfItems) != fmt.Sprint(cueItems) {
		t.Errorf("cost: Terraform $%.2f %v, CUE $%.2f %v", tfTotal, tfItems, cueTotal, cueItems)
	}
}

// A configuration whose subnets come from a module not downloaded (the
// terraform-aws-modules examples) names its region only in the provider
// block: the import takes it from there, with that line as its origin.
func TestTerraformRegionFromProvider(t *testing.T) {
	dir := t.TempDir()
	const tf = "provider \"aws\" {\n  region = \"eu-west-1\"\n}\n\nresource \"aws_instance\" \"app\" {\n  ami           = \"ami-12345678\"\n  instance_type = \"m5.large\"\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tf), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, _ := runCLI(t, "import", "terraform", dir)
	want := `region:       "eu-west-1" // ` + filepath.Join(dir, "main.tf") + `:2:3: the aws provider's region`
	if !strings.Contains(out, want) {
		t.Errorf("import lacks %q:\n%s", want, out)
	}
}

// A stack derived from Terraform without its workload, on the command
// line: check runs the structural rules and says which rules it did not
// run and why; capacity and cost refuse with that reason (exit 2, cost's
// JSON still a whole document) instead of printing zeros.
func TestDerivedWithoutWorkloadOnTheCLI(t *testing.T) {
	stack := filepath.Join(t.TempDir(), "stack.cue")
	src := `name: "d"
region: "us-east-1"
derived_from: "terraform"
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	alb: {kind: "lb", subnet: "public", listeners: [{protocol: "HTTPS", port: 443, certificate: "arn:c"}], health_check: path: "/healthz", targets: ["app"]}
	app: {kind: "compute", instance_type: "m5.large", count: 2}
}
`
	if err := os.WriteFile(stack, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := runCLI(t, "check", stack)
	numeric := 0 // the rules that need the model, the cost or the right-sizing
	for _, r := range rules.Registry() {
		if len(r.Requires) > 0 {
			numeric++
		}
	}
	notRun := fmt.Sprintf("%d rules not run (ASG004", numeric)
	// ASG001 (a fixed fleet behind a load balancer) is structural: it runs.
	if code != 1 || !strings.Contains(out, "ASG001") || !strings.Contains(out, notRun) || !strings.Contains(out, "has no workload") || stderr != "" {
		t.Errorf("check: exit %d\nstdout %s\nstderr %s", code, out, stderr)
	}
	for _, args := range [][]string{{"capacity", stack}, {"cost", stack}} {
		out, stderr, code := runCLI(t, args...)
		if code != 2 || out != "" || !strings.Contains(stderr, "no capacity model or cost estimate: the stack, read from Terraform, has no workload") {
			t.Errorf("%v: exit %d\nstdout %s\nstderr %s", args, code, out, stderr)
		}
	}
	out, _, code = runCLI(t, "cost", "--format", "json", stack)
	var doc struct{ Errors []struct{ Message string } }
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 2 || len(doc.Errors) != 1 {
		t.Errorf("cost --format json: exit %d, %v\n%s", code, err, out)
	}
}

// --workload on a run with no Terraform stack does nothing, and says so.
func TestWorkloadWithoutTerraformIsNoted(t *testing.T) {
	_, stderr, code := runCLI(t, "capacity", "--workload", "examples/web-asg-rds-tf/workload.cue", "examples/web-asg-rds/stack.cue")
	if code != 0 || !strings.Contains(stderr, "infralint: note: --workload applies to stacks read from Terraform") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
