package capacity

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infralint/infralint/schema"
)

// TestUnvalidatedStackIsABug: the model trusts schema.Validate. A stack
// changed after validation so that a spec is missing or a bound broken is
// reported as a bug (ErrNotValidated, no position, no suggestion), never a
// panic, and never as the user's input error: that one is Validate's.
func TestUnvalidatedStackIsABug(t *testing.T) {
	const src = `name: "u"
region: "us-east-1"
workload: {avg_rps: 1, peak_rps: 2, slo_p99_ms: 100}
network: azs: ["a"]
components: {
	app: {kind: "compute", instance_type: "m5.large", demand: cpu_ms: 5, calls: [{target: "db"}, {target: "kv"}]}
	db: {kind: "database", engine: "postgres", instance_class: "db.r5.large", ingress: ["app"]}
	kv: {kind: "cache", engine: "redis", node_type: "cache.t3.medium"}
}
`
	for _, c := range []struct {
		what   string
		break_ func(*schema.Stack)
		path   string
	}{
		{"instance type", func(s *schema.Stack) { s.Components["app"].Compute.InstanceType = "m5.lrage" }, "components.app.instance_type"},
		{"database class", func(s *schema.Stack) { s.Components["db"].Database.InstanceClass = "db.zz9.large" }, "components.db.instance_class"},
		{"no class", func(s *schema.Stack) { s.Components["db"].Database.InstanceClass = "" }, "components.db"},
		{"node type", func(s *schema.Stack) { s.Components["kv"].Cache.NodeType = "cache.t3.mdium" }, "components.kv.node_type"},
		{"workers", func(s *schema.Stack) { s.Components["app"].Compute.Workers.Threads = MaxServers + 1 }, "components.app.workers"},
		{"contention", func(s *schema.Stack) { s.Components["app"].Compute.Contention.Sigma = 2 }, "components.app.contention"},
	} {
		s := load(t, "u.cue", src)
		c.break_(s)
		for name, run := range map[string]func() error{
			"Analyze": func() error { _, err := Analyze(s, Options{}); return err },
			"Sweep":   func() error { _, err := Sweep(s, "app", []int{1}, Options{}); return err },
		} {
			err := run()
			var se *schema.Error
			if !errors.Is(err, ErrNotValidated) || errors.As(err, &se) || !strings.Contains(err.Error(), c.path+": ") ||
				strings.Contains(err.Error(), "did you mean") {
				t.Errorf("%s, %s: err = %v; want ErrNotValidated naming %s, without position or suggestion", c.what, name, err, c.path)
			}
		}
	}
}

// TestValidatedExamplesAnalyze: what Validate accepts, the model reads.
func TestValidatedExamplesAnalyze(t *testing.T) {
	dirs, _ := filepath.Glob("../examples/*/stack.cue")
	if len(dirs) < 5 {
		t.Fatalf("%d examples", len(dirs))
	}
	for _, p := range dirs {
		name := filepath.Base(filepath.Dir(p))
		s := loadExample(t, name)
		if errs := schema.Validate(s, nil); len(errs) > 0 {
			t.Fatalf("%s: %v", name, errs)
		}
		if _, err := Analyze(s, Options{}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestMaxWorkersIsTheQueueBound: Validate's bound on workers is the
// worker queue's bound on servers.
func TestMaxWorkersIsTheQueueBound(t *testing.T) {
	if schema.MaxWorkers != MaxServers {
		t.Errorf("schema.MaxWorkers = %d, capacity.MaxServers = %d", schema.MaxWorkers, MaxServers)
	}
}

// TestModelDoesNotValidateInput: input errors and their suggestions are
// the loader's (schema.Validate). The model's own code neither suggests
// names nor lists the catalog's names to suggest from, and builds no
// positioned input error.
func TestModelDoesNotValidateInput(t *testing.T) {
	forbidden := map[string]bool{"Suggest": true, "EC2Types": true, "RDSClasses": true, "ElastiCacheNodeTypes": true,
		"KnownEC2Types": true, "KnownRDSClasses": true, "KnownElastiCacheNodeTypes": true}
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	read := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		read++
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			pkg, _ := sel.X.(*ast.Ident)
			switch {
			case forbidden[sel.Sel.Name]:
				t.Errorf("%s: uses %s", fset.Position(sel.Pos()), sel.Sel.Name)
			case pkg != nil && pkg.Name == "schema" && sel.Sel.Name == "Error":
				t.Errorf("%s: builds a schema.Error", fset.Position(sel.Pos()))
			}
			return true
		})
	}
	if read < 10 {
		t.Fatalf("read %d source files", read)
	}
}
