package schema

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
)

// policyStack is examples/app-db-separated with a load balancer added, so
// that each kind a case needs is there.
const policyStack = `name: "policies"
region: "us-east-1"
workload: {avg_rps: 20, peak_rps: 60, slo_p99_ms: 300}
network: {cidr: "10.0.0.0/16", azs: ["us-east-1a", "us-east-1b"]}
components: {
	alb: {
		kind: "lb"
		subnet: "public"
		listeners: [
			{protocol: "HTTPS", port: 443, certificate: "arn:aws:acm:us-east-1:123456789012:certificate/x"},
			{protocol: "HTTP", port: 80, redirect_https: true},
		]
		health_check: path: "/healthz"
		targets: ["app"]
	}
	app: {
		kind:          "compute"
		instance_type: "c5.xlarge"
		count:         2
		workers: {processes: 4, threads: 4}
		demand: {cpu_ms: 20, wait_ms: 5}
		calls: [{target: "db", per_request: 4, tls: true}]
	}
	db: {
		kind:              "database"
		engine:            "postgres"
		instance_class:    "db.t3.medium"
		storage_gb:        50
		encrypted_at_rest: true
		require_tls:       true
		ingress: ["app"]
	}
}
`

// policyViolations loads policyStack and one policy of kind requiring
// require, and checks every component.
func policyViolations(t *testing.T, kind, require string) []string {
	t.Helper()
	cfg := "policies: ACME001: {summary: \"s\", kind: \"" + kind + "\", require: " + require + "}\n"
	c, err := loadConfig("p/.infralint.cue", []byte(cfg))
	if err != nil {
		t.Fatalf("config %s: %v", cfg, err)
	}
	l, err := NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	s, err := l.LoadBytes("stack.cue", []byte(policyStack))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, name := range s.Names() {
		for _, v := range c.Policies[0].Check(name, s.Components[name]) {
			out = append(out, s.Pos(v.Path).String()+" "+v.Path+" "+v.Reason)
			if v.Field != "" && v.Path != "components."+name+"."+v.Field && !strings.HasPrefix(v.Field, "[") {
				t.Errorf("Field %q is not Path %q below the component", v.Field, v.Path)
			}
		}
	}
	return out
}

func TestPolicyCheck(t *testing.T) {
	cases := []struct {
		name, kind, require string
		want                []string // "file:line:col path reason"; none means clean
	}{
		{"bool clean", "database", `{encrypted_at_rest: true}`, nil},
		{"bool trigger, written field", "database", `{require_tls: false}`,
			[]string{"stack.cue:30:3 components.db.require_tls is true; the policy requires false"}},
		// multi_az is not written: its default (false) is checked, at the
		// component's position.
		{"default value", "database", `{multi_az: true}`,
			[]string{"stack.cue:24:2 components.db.multi_az is false; the policy requires true"}},
		{"pattern", "compute", `{instance_type: =~"^(m6i|c6i)\\."}`,
			[]string{`stack.cue:18:3 components.app.instance_type is "c5.xlarge"; the policy requires =~"^(m6i|c6i)\\."`}},
		{"pattern clean", "compute", `{instance_type: =~"^c5\\."}`, nil},
		{"disjunction", "database", `{engine: "mysql" | "aurora-mysql"}`,
			[]string{`stack.cue:26:3 components.db.engine is "postgres"; the policy allows "aurora-mysql", "mysql"`}},
		{"bound on a number", "database", `{storage_gb: >=100}`,
			[]string{"stack.cue:28:3 components.db.storage_gb is 50; the policy requires >=100"}},
		{"every list element", "lb", `{listeners: [...{protocol: "HTTPS"}]}`,
			[]string{`stack.cue:11:5 components.alb.listeners[1].protocol is "HTTP"; the policy requires "HTTPS"`}},
		// Both branches fail: one violation at the element, not one per branch.
		{"disjunction of structs", "lb", `{listeners: [...({protocol: "HTTPS"} | {redirect_https: true})]}`, nil},
		{"disjunction of structs trigger", "lb", `{listeners: [...({port: 443} | {redirect_https: false})]}`,
			[]string{`stack.cue:11:4 components.alb.listeners[1] matches none of the policy's alternatives (port: 443 | redirect_https: false): port is 80, redirect_https is true`}},
		{"nested field", "lb", `{health_check: path: "/ready"}`,
			[]string{`stack.cue:13:17 components.alb.health_check.path is "/healthz"; the policy requires "/ready"`}},
		// A field the component does not have unifies without conflict:
		// the check says it is missing, at the component.
		{"missing optional struct", "compute", `{deploy: strategy: "blue-green"}`,
			[]string{`stack.cue:16:2 components.app.deploy is not set; the policy requires {"strategy":"blue-green"}`}},
		{"missing optional field", "compute", `{autoscaling: {min: >=2}}`,
			[]string{`stack.cue:16:2 components.app.autoscaling is not set; the policy requires { min: >=2 }`}},
		{"other kinds untouched", "cache", `{nodes: >=2}`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := policyViolations(t, c.kind, c.require)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("violations:\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestPolicyConfigErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{`policies: ACME001: {summary: "x", kind: "database", require: {mult_az: true}}`,
			"p/.infralint.cue:1:63: policies.ACME001.require.mult_az: field not allowed"},
		{`policies: ACME001: {summary: "x", kind: "database", require: {storage_gb: -1}}`,
			"p/.infralint.cue:1:75: policies.ACME001.require.storage_gb: invalid value -1 (out of bound >0)"},
		{`policies: ACME001: {summary: "x", kind: "database"}`,
			"p/.infralint.cue:1:11: policies.ACME001: missing required field require: the constraint each database must satisfy"},
		{`policies: ACME001: {kind: "database", require: {}}`,
			"p/.infralint.cue:1:11: missing required field policies.ACME001.summary"},
		{`policies: ACME001: {summary: "x", kind: "db", require: {}}`,
			`p/.infralint.cue:1:41: policies.ACME001.kind: "db" is not allowed; use one of "cache", "cdn", "compute", "database", "lb", "queue"`},
		{`policies: acme: {summary: "x", kind: "database", require: {}}`,
			"p/.infralint.cue:1:11: policies.acme: a policy ID is an upper-case prefix and three digits, such as ACME001"},
		{`policies: ACME001: {summary: "x", kind: "database", severity: "fatal", require: {}}`,
			`p/.infralint.cue:1:63: policies.ACME001.severity: "fatal" is not allowed`},
		{`policies: ACME001: {summary: "x", kind: "database", url: "wiki/x", require: {}}`,
			`p/.infralint.cue:1:58: policies.ACME001.url: invalid value "wiki/x"`},
		// A field of another kind is no field of this one.
		{`policies: ACME001: {summary: "x", kind: "database", require: {instance_type: "m6i.large"}}`,
			"policies.ACME001.require.instance_type: field not allowed"},
	}
	for _, c := range cases {
		_, err := loadConfig("p/.infralint.cue", []byte(c.src))
		if err == nil {
			t.Errorf("%s: loaded", c.src)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, c.want) || strings.Count(msg, "\n") > 0 {
			t.Errorf("%s:\n got %s\nwant one line containing %s", c.src, msg, c.want)
		}
	}
}

// The policies see a component as componentJSON encodes it: every example
// stack's components, so encoded, must be accepted by the closed schema
// and be concrete, or a policy would see fields the user never wrote,
// miss ones they did, or read the wrong names.
func TestComponentJSONMatchesSchema(t *testing.T) {
	ctx := cuecontext.New()
	stack := ctx.CompileBytes(schemaSource, cue.Filename("schema.cue"))
	component := stack.LookupPath(cue.ParsePath("#Component"))
	files, _ := filepath.Glob("../examples/*/stack.cue")
	if len(files) < 5 {
		t.Fatalf("examples: %v", files)
	}
	l, err := NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s, err := l.LoadBytes(f, src)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, name := range s.Names() {
			b, err := componentJSON(s.Components[name])
			if err != nil {
				t.Fatalf("%s %s: %v", f, name, err)
			}
			v := component.Unify(ctx.CompileBytes(b))
			if err := v.Validate(cue.Concrete(true), cue.Final()); err != nil {
				t.Errorf("%s: component %s encodes as %s, which the schema refuses: %v", f, name, b, err)
			}
		}
	}
}
