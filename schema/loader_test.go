package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const validStack = `name:   "t"
region: "us-east-1"
workload: {avg_rps: 10, peak_rps: 50, slo_p99_ms: 200}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	alb: {kind: "lb", subnet: "public", listeners: [{protocol: "HTTPS", port: 443, certificate: "c"}], targets: ["app"]}
	app: {
		kind: "compute", instance_type: "m5.large"
		autoscaling: {min: 2, max: 4}
		demand: cpu_ms: 10
		calls: [{target: "db"}]
	}
	db: {kind: "database", engine: "postgres", instance_class: "db.r5.large", ingress: ["app"]}
}
`

func loadString(t *testing.T, src string) (*Stack, error) {
	t.Helper()
	l, err := NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	return l.LoadBytes("stack.cue", []byte(src))
}

func TestLoadValidFillsDefaults(t *testing.T) {
	s, err := loadString(t, validStack)
	if err != nil {
		t.Fatal(err)
	}
	app := s.Components["app"]
	if app.Compute == nil || app.Name != "app" {
		t.Fatalf("app not decoded as compute: %+v", app)
	}
	// Defaults come from schema.cue.
	if got := app.Compute.Workers.Total(); got != 1 {
		t.Errorf("workers default = %d, want 1", got)
	}
	if s.Workload.MonthlyHours != 730 || s.Workload.ReadShare != 0.8 {
		t.Errorf("workload defaults = %+v", s.Workload)
	}
	if got := strings.Join(app.AZs, ","); got != "us-east-1a,us-east-1b" {
		t.Errorf("AZs default to the network's, got %q", got)
	}
	if s.Components["db"].Database.Port != 5432 || s.Components["alb"].LB.Type != "alb" {
		t.Errorf("kind defaults missing")
	}
	if p := s.Pos("components.app.demand.cpu_ms"); p.Line != 10 {
		t.Errorf("position of cpu_ms = %v, want line 10", p)
	}
	// A defaulted field points at its nearest written ancestor.
	if p := s.Pos("components.app.workers.threads"); p.Line != 7 {
		t.Errorf("position of a defaulted field = %v, want the component's line 7", p)
	}
}

// TestLoadErrors: each bad input yields one clear, positioned message.
func TestLoadErrors(t *testing.T) {
	cases := []struct {
		name, edit, old string
		want            string
	}{
		{"syntax", `peak_rps: 50`, `peak_rps: 50,,`, "stack.cue:3:"},
		{"enum", `engine: "postgres"`, `engine: "postgress"`, `stack.cue:13:33: components.db.engine: "postgress" is not allowed; use one of "aurora-mysql", "aurora-postgresql", "mariadb", "mysql", "postgres"`},
		{"type", `peak_rps: 50`, `peak_rps: "fifty"`, `stack.cue:3:`},
		{"unknown field", `demand: cpu_ms: 10`, `demand: cpu_ms: 10, demnd: 1`, `components.app.demnd: field not allowed`},
		{"unknown target", `targets: ["app"]`, `targets: ["ap"]`, `stack.cue:6:`},
		{"unknown target hint", `targets: ["app"]`, `targets: ["ap"]`, `unknown component "ap"; did you mean "app"?`},
		{"hint among fitting kinds", `targets: ["app"]`, `targets: ["xyz"]`, `unknown component "xyz"; compute components: "app"`},
		{"wrong kind", `targets: ["app"]`, `targets: ["db"]`, `"db" is a database; expected a compute`},
		// A call back into the LB in front of the caller loops forever.
		{"call cycle", `calls: [{target: "db"}]`, `calls: [{target: "alb"}]`, `stack.cue:11:12: components.app.calls[0].target: traffic goes round in a cycle: app → alb → app`},
		{"negative rate", `avg_rps: 10`, `avg_rps: -10`, `workload.avg_rps: invalid value -10 (out of bound >=0)`},
		{"read share", `avg_rps: 10`, `avg_rps: 10, read_share: 1.5`, `workload.read_share`},
		{"AZ not in network", `demand: cpu_ms: 10`, `demand: cpu_ms: 10, azs: ["eu-west-1a"]`, `AZ "eu-west-1a" is not in network.azs`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(validStack, c.edit, c.old, 1)
			if src == validStack {
				t.Fatalf("edit %q not applied", c.edit)
			}
			_, err := loadString(t, src)
			if err == nil {
				t.Fatal("loaded without error")
			}
			msg := err.Error()
			if !strings.Contains(msg, c.want) {
				t.Errorf("error %q does not contain %q", msg, c.want)
			}
			if !strings.HasPrefix(msg, "stack.cue:") {
				t.Errorf("error %q has no file:line:col position", msg)
			}
			if strings.Contains(msg, "infralint-schema/") {
				t.Errorf("error %q points into the embedded schema", msg)
			}
		})
	}
}

func TestMissingRequiredFieldPointsAtUserFile(t *testing.T) {
	src := strings.Replace(validStack, "demand: cpu_ms: 10\n", "", 1)
	_, err := loadString(t, src)
	if err == nil {
		t.Fatal("loaded without cpu_ms")
	}
	want := "stack.cue:7:2: missing required field components.app.demand"
	if !strings.Contains(err.Error(), want) {
		t.Errorf("got %q, want it to contain %q", err, want)
	}
}

func TestLoadPathProblems(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.cue")
	binary := filepath.Join(dir, "binary.cue")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(binary, []byte{0xff, 0xfe, 0x00}, 0o644)
	emptyDir := filepath.Join(dir, "nothing")
	os.Mkdir(emptyDir, 0o755)
	l, _ := NewLoader()
	for path, want := range map[string]string{
		filepath.Join(dir, "nope.cue"): "no such file or directory",
		empty:                          "file is empty",
		binary:                         "not valid UTF-8",
		emptyDir:                       "directory has no .cue stack files",
	} {
		if _, err := l.LoadPath(path); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("LoadPath(%s) = %v, want %q", filepath.Base(path), err, want)
		}
	}
}

func TestSuppressionsIndexed(t *testing.T) {
	src := strings.Replace(validStack, `targets: ["app"]}`, `targets: ["app"]} @infralint(ignore="LB001, LB003", reason="test")`, 1)
	s, err := loadString(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Source.Suppressions) != 1 {
		t.Fatalf("suppressions = %+v", s.Source.Suppressions)
	}
	sup := s.Source.Suppressions[0]
	if !sup.Covers("LB003", "components.alb.health_check") || sup.Covers("LB002", "components.alb") || sup.Covers("LB001", "components.albx") {
		t.Errorf("Covers is wrong for %+v", sup)
	}
	if sup.Reason != "test" {
		t.Errorf("reason = %q", sup.Reason)
	}
}

// TestIndexFromSyntax: positions come from the syntax tree. A field
// declared twice points at its first declaration, and a declaration
// attribute inside a struct suppresses like a field attribute.
func TestIndexFromSyntax(t *testing.T) {
	src := strings.Replace(validStack, `demand: cpu_ms: 10`, "demand: cpu_ms: 10\n\t\tdeploy: strategy: \"rolling\"\n\t\tdeploy: batch: 1", 1)
	src = strings.Replace(src, `alb: {kind: "lb",`, `alb: {@infralint(ignore="LB003", reason="decl attribute"), kind: "lb",`, 1)
	s, err := loadString(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if p := s.Pos("components.app.deploy"); p.Line != 11 || p.Column != 3 {
		t.Errorf("deploy at %v, want its first declaration 11:3", p)
	}
	if p := s.Pos("components.app.deploy.batch"); p.Line != 12 {
		t.Errorf("deploy.batch at %v, want line 12", p)
	}
	sups := s.Source.Suppressions
	if len(sups) != 1 || sups[0].Path != "components.alb" || sups[0].Reason != "decl attribute" {
		t.Errorf("suppressions = %+v", sups)
	}
}
