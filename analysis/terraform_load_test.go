package analysis

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/infralint/infralint/schema"
	"github.com/infralint/infralint/terraform"
)

// tfSource is the main.tf the fake reader below "reads": an app server
// and a database whose security group admits the whole internet.
const tfSource = `resource "aws_subnet" "a" {
  availability_zone = "us-east-1a"
}
resource "aws_instance" "app" {
  instance_type = "m5.large"
  subnet_id = aws_subnet.a.id
  vpc_security_group_ids = [aws_security_group.app.id]
}
resource "aws_security_group" "app" {}
resource "aws_security_group" "db" {
  ingress {
    from_port = 5432
    to_port = 5432
    protocol = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_db_instance" "db" {
  engine = "postgres"
  instance_class = "db.r5.large"
  vpc_security_group_ids = [aws_security_group.db.id]
}
`

// fakeRead returns the Module the HCL reader gives for tfSource, built by
// hand with each position found in the text.
func fakeRead(file string) *terraform.Module {
	at := func(needle string) terraform.Pos {
		i := strings.Index(tfSource, needle)
		line := strings.Count(tfSource[:i], "\n") + 1
		col := i - strings.LastIndex(tfSource[:i], "\n")
		return terraform.Pos{File: file, Line: line, Column: col, Byte: i}
	}
	a := func(v cty.Value, needle string) terraform.Attribute {
		return terraform.Attribute{Value: v, Pos: at(needle)}
	}
	refs := func(addr string) cty.Value { return cty.TupleVal([]cty.Value{terraform.RefValue(addr, "id")}) }
	res := func(typ, name string, attrs map[string]terraform.Attribute, blocks ...*terraform.Block) *terraform.Resource {
		return &terraform.Resource{Address: typ + "." + name, Mode: "managed", Type: typ, Name: name,
			Body: &terraform.Block{Attrs: attrs, Blocks: blocks, Pos: at(`resource "` + typ + `" "` + name + `"`)}}
	}
	ingress := &terraform.Block{Type: "ingress", Pos: at("ingress {"), Attrs: map[string]terraform.Attribute{
		"from_port":   a(cty.NumberIntVal(5432), "from_port"),
		"to_port":     a(cty.NumberIntVal(5432), "to_port"),
		"protocol":    a(cty.StringVal("tcp"), `protocol = "tcp"`),
		"cidr_blocks": a(cty.TupleVal([]cty.Value{cty.StringVal("0.0.0.0/0")}), "cidr_blocks"),
	}}
	return &terraform.Module{Dir: filepath.Dir(file), Sources: map[string][]byte{file: []byte(tfSource)}, Resources: []*terraform.Resource{
		res("aws_db_instance", "db", map[string]terraform.Attribute{
			"engine":                 a(cty.StringVal("postgres"), `engine = "postgres"`),
			"instance_class":         a(cty.StringVal("db.r5.large"), `instance_class = "db.r5.large"`),
			"vpc_security_group_ids": a(refs("aws_security_group.db"), "vpc_security_group_ids = [aws_security_group.db"),
		}),
		res("aws_instance", "app", map[string]terraform.Attribute{
			"instance_type":          a(cty.StringVal("m5.large"), "instance_type"),
			"subnet_id":              a(terraform.RefValue("aws_subnet.a", "id"), "subnet_id"),
			"vpc_security_group_ids": a(refs("aws_security_group.app"), "vpc_security_group_ids = [aws_security_group.app"),
		}),
		res("aws_security_group", "app", map[string]terraform.Attribute{}),
		res("aws_security_group", "db", map[string]terraform.Attribute{}, ingress),
		res("aws_subnet", "a", map[string]terraform.Attribute{"availability_zone": a(cty.StringVal("us-east-1a"), "availability_zone")}),
	}}
}

// withFakeReader points the pipeline's Terraform reader at fakeRead for
// one test and returns the directory holding main.tf.
func withFakeReader(t *testing.T) string {
	dir := t.TempDir()
	file := write(t, dir, "main.tf", tfSource)
	old := readDir
	readDir = func(d string, _ terraform.ReadOptions) (*terraform.Module, error) { return fakeRead(file), nil }
	t.Cleanup(func() { readDir = old })
	return dir
}

const overlay = `workload: {avg_rps: 10, peak_rps: 20, slo_p99_ms: 300}
components: app: {demand: cpu_ms: 10, calls: [{target: "db"}]}
`

// A directory of .tf files is checked as a stack: NET001 points at the
// .tf line of the rule that opens the database; without a workload the
// numeric rules say what is missing.
func TestTerraformDirectoryIsAStack(t *testing.T) {
	dir := withFakeReader(t)
	run, err := Analyze(Request{Paths: []string{dir}, Want: Want{Findings: true}})
	if err != nil {
		t.Fatal(err)
	}
	r := run.Stacks[0]
	if !r.OK() {
		t.Fatalf("errors: %v", r.Errors)
	}
	var net *schema.Position
	for _, f := range r.Findings.Findings {
		if f.RuleID == "NET001" {
			net = &f.Pos
		}
	}
	// cidr_blocks is on line 15 of tfSource, at column 5.
	if net == nil || net.File != filepath.Join(dir, "main.tf") || net.Line != 15 || net.Column != 5 {
		t.Fatalf("NET001 at %v, want main.tf:15:5; findings %v", net, r.Findings.Findings)
	}
	if !strings.Contains(r.NotComputed, "no workload") || r.Terraform == nil {
		t.Errorf("not computed %q, terraform %v", r.NotComputed, r.Terraform)
	}
}

// --workload and workload_file lay the same overlay over the stack, and
// the model runs on it; the flag wins over the file.
func TestWorkloadOverlay(t *testing.T) {
	dir := withFakeReader(t)
	ov := write(t, t.TempDir(), "load.cue", overlay)
	run, err := Analyze(Request{Paths: []string{dir}, Workload: []string{ov}, Want: Want{Capacity: true, Cost: true}})
	if err != nil {
		t.Fatal(err)
	}
	if r := run.Stacks[0]; !r.OK() || r.Capacity == nil || r.Estimate == nil || r.Stack.Workload.PeakRPS != 20 {
		t.Fatalf("--workload: errors %v, not computed %q", r.Errors, r.NotComputed)
	}
	write(t, dir, "workload.cue", overlay)
	write(t, dir, ".infralint.cue", `workload_file: "workload.cue"`+"\n")
	run, err = Analyze(Request{Paths: []string{dir}, Want: Want{Capacity: true}})
	if err != nil {
		t.Fatal(err)
	}
	if r := run.Stacks[0]; !r.OK() || r.Capacity == nil || len(r.Terraform.Overlays) != 1 {
		t.Fatalf("workload_file: errors %v, not computed %q", r.Errors, r.NotComputed)
	}
}

// An overlay that contradicts Terraform is an error naming both places.
func TestOverlayConflictNamesBothPlaces(t *testing.T) {
	dir := withFakeReader(t)
	ov := write(t, t.TempDir(), "load.cue", overlay+`components: app: instance_type: "c5.large"`+"\n")
	run, err := Analyze(Request{Paths: []string{dir}, Workload: []string{ov}, Want: Want{Findings: true}})
	if err != nil {
		t.Fatal(err)
	}
	r := run.Stacks[0]
	msg := r.Errors.Error()
	if r.OK() || !strings.Contains(msg, "main.tf:5") || !strings.Contains(msg, "load.cue:3") || !strings.Contains(msg, "(aws_instance.app)") {
		t.Fatalf("errors %q, want a conflict at main.tf:5 and load.cue:3 naming aws_instance.app", msg)
	}
}

// "DIR/..." does not take a Terraform directory's .cue overlay for a
// stack, nor the directory itself (it may be a child module): Terraform
// is analysed where it is named.
func TestExpandLeavesTerraformToBeNamed(t *testing.T) {
	root := t.TempDir()
	write(t, root, "infra/main.tf", tfSource)
	write(t, root, "infra/workload.cue", overlay)
	stack := write(t, root, "cue/stack.cue", derivedNoWorkload)
	paths, err := ExpandPaths([]string{root + "/..."})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 1 || paths[0] != filepath.Dir(stack) {
		t.Fatalf("paths = %v", paths)
	}
}

// An infralint:ignore comment on a Terraform resource suppresses as an
// @infralint attribute does, and is held to the same rules: without a
// reason it still suppresses, and SUP001 says so.
func TestTerraformIgnoreComments(t *testing.T) {
	dir := t.TempDir()
	file := write(t, dir, "main.tf", tfSource)
	for _, c := range []struct {
		reason string
		sup001 bool
	}{{"the office VPN, until the bastion lands", false}, {"", true}} {
		old := readDir
		readDir = func(string, terraform.ReadOptions) (*terraform.Module, error) {
			m := fakeRead(file)
			for _, r := range m.Resources {
				if r.Address == "aws_db_instance.db" {
					r.Ignores = []terraform.Ignore{{IDs: []string{"NET001"}, Reason: c.reason, Pos: r.Body.Pos}}
				}
			}
			return m, nil
		}
		run, err := Analyze(Request{Paths: []string{dir}, Want: Want{Findings: true}})
		readDir = old
		if err != nil {
			t.Fatal(err)
		}
		res := run.Stacks[0].Findings
		var suppressed, sup001 bool
		for _, f := range res.Suppressed {
			suppressed = suppressed || f.RuleID == "NET001"
		}
		for _, f := range res.Findings {
			sup001 = sup001 || f.RuleID == "SUP001"
			if f.RuleID == "NET001" {
				t.Errorf("reason %q: NET001 not suppressed", c.reason)
			}
		}
		if !suppressed || sup001 != c.sup001 {
			t.Errorf("reason %q: suppressed %v, SUP001 %v; findings %v", c.reason, suppressed, sup001, res.Findings)
		}
	}
}

// Terraform without a subnet (its VPC in a remote module not downloaded)
// gives no region or AZs: the errors say where to give them, and an
// overlay that gives them makes the stack load.
func TestTerraformWithoutSubnets(t *testing.T) {
	dir := t.TempDir()
	file := write(t, dir, "main.tf", tfSource)
	old := readDir
	readDir = func(string, terraform.ReadOptions) (*terraform.Module, error) {
		m := fakeRead(file)
		m.Resources = m.Resources[:1] // the database alone
		return m, nil
	}
	t.Cleanup(func() { readDir = old })
	run, err := Analyze(Request{Paths: []string{dir}, Want: Want{Findings: true}})
	if err != nil {
		t.Fatal(err)
	}
	if msg := run.Stacks[0].Errors.Error(); !strings.Contains(msg, "region") || !strings.Contains(msg, "set region and network.azs in the --workload overlay") {
		t.Errorf("errors %q", msg)
	}
	ov := write(t, t.TempDir(), "place.cue", "region: \"us-east-2\"\nnetwork: azs: [\"us-east-2a\"]\n")
	run, err = Analyze(Request{Paths: []string{dir}, Workload: []string{ov}, Want: Want{Findings: true}})
	if err != nil {
		t.Fatal(err)
	}
	if r := run.Stacks[0]; !r.OK() || r.Stack.Region != "us-east-2" {
		t.Errorf("with the overlay: errors %v", r.Errors)
	}
}

// A .json file is a plan: it goes to the plan reader with --source, and
// the stack is named after the source directory.
func TestPlanGoesToThePlanReader(t *testing.T) {
	dir := t.TempDir()
	file := write(t, dir, "infra/main.tf", tfSource)
	plan := write(t, dir, "plan.json", `{"format_version": "1.2"}`)
	var gotPath, gotSource string
	old := readPlan
	readPlan = func(p string, o terraform.ReadOptions) (*terraform.Module, error) {
		gotPath, gotSource = p, o.Source
		return fakeRead(file), nil
	}
	t.Cleanup(func() { readPlan = old })
	run, err := Analyze(Request{Paths: []string{plan}, Source: filepath.Dir(file), Want: Want{Findings: true}})
	if err != nil {
		t.Fatal(err)
	}
	r := run.Stacks[0]
	if !r.OK() || gotPath != plan || gotSource != filepath.Dir(file) || r.Stack.Name != "infra" {
		t.Fatalf("errors %v, read %q with source %q, stack %q", r.Errors, gotPath, gotSource, r.Stack.Name)
	}
}
