package terraform

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"

	"github.com/infralint/infralint/schema"
)

// ReadOptions says what a read takes besides its directory or plan.
type ReadOptions struct {
	// VarFiles are .tfvars files read after terraform.tfvars and
	// *.auto.tfvars, in order (Terraform's -var-file).
	VarFiles []string
	// Vars are NAME=VALUE assignments applied after every file, in order
	// (Terraform's -var).
	Vars []string
	// Env is the environment the read takes TF_VAR_NAME variables from
	// ("KEY=VALUE" entries, as os.Environ gives them): values below every
	// file, as Terraform reads them. The caller passes it, so a read
	// depends on nothing it was not given.
	Env []string
	// Source is the root module directory a plan was made from: ReadPlan
	// reads it for the .tf positions of the plan's resources.
	Source string
}

// maxFileSize bounds one .tf or .tfvars file, as schema bounds a stack:
// configurations are untrusted input (docs/security.md).
const maxFileSize = 4 << 20

// ReadDir reads the Terraform root module in dir — its *.tf files, then
// its variables in Terraform's order (TF_VAR_ in opts.Env, terraform.tfvars,
// *.auto.tfvars, opts.VarFiles, opts.Vars) — and evaluates it
// statically: no Terraform, no provider, no download. What it cannot know
// is in Module.Unresolved; what is wrong is a schema.Errors, each error at
// its place in a .tf file.
func ReadDir(dir string, opts ReadOptions) (*Module, error) {
	return readDir(dir, opts, nil)
}

// readDir is ReadDir with values for root variables that override every
// file (a plan's).
func readDir(dir string, opts ReadOptions, override map[string]cty.Value) (*Module, error) {
	r := newReader(dir)
	cfg := r.config(dir, Pos{File: dir})
	if cfg == nil || len(r.errs) > 0 {
		return nil, r.errors()
	}
	vals := r.rootVariables(cfg, opts)
	for n, v := range override {
		if cfg.variables[n] != nil {
			vals[n] = input{value: v, pos: Pos{File: dir}}
		}
	}
	if len(r.errs) > 0 {
		return nil, r.errors()
	}
	r.run(cfg, vals)
	if len(r.errs) > 0 {
		return nil, r.errors()
	}
	return r.module(), nil
}

// config is one module directory's declarations, parsed once however
// many instances of it there are.
type config struct {
	dir       string
	variables map[string]*variableDecl
	locals    map[string]*hclsyntax.Attribute
	localList []string // declaration order
	resources []*resourceDecl
	calls     []*callDecl
	outputs   []*hclsyntax.Attribute
	providers []*hclsyntax.Block
}

type variableDecl struct {
	name    string
	block   *hclsyntax.Block
	dflt    *hclsyntax.Attribute
	typeExp *hclsyntax.Attribute
}

type resourceDecl struct {
	mode, typ, name string
	block           *hclsyntax.Block
	ignores         []Ignore
}

// key is how a resource is named within its module: aws_lb.web, data.aws_ami.x.
func (d *resourceDecl) key() string {
	if d.mode == "data" {
		return "data." + d.typ + "." + d.name
	}
	return d.typ + "." + d.name
}

type callDecl struct {
	name  string
	block *hclsyntax.Block
}

// readFile reads a configuration file: a regular file of at most
// maxFileSize bytes.
func readFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file")
	}
	if st.Size() > maxFileSize {
		return nil, fmt.Errorf("larger than %d MiB", maxFileSize>>20)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err == nil && len(src) > maxFileSize {
		err = fmt.Errorf("larger than %d MiB", maxFileSize>>20)
	}
	return src, err
}

// parse reads and parses one file, recording its text; nil after an error.
func (r *reader) parse(path string) *hcl.File {
	src, err := readFile(path)
	if err != nil {
		r.errorf(Pos{File: path}, "cannot read: %v", unwrapPathError(err))
		return nil
	}
	r.sources[path] = src
	var f *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(path, ".json") {
		f, diags = hcljson.Parse(src, path) // a .tfvars.json
	} else {
		f, diags = hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	}
	if diags.HasErrors() {
		r.diagErrors(diags)
		return nil
	}
	return f
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// config parses the module in dir, or returns it parsed already. at is
// where the directory was named (a module block's source), for errors.
func (r *reader) config(dir string, at Pos) *config {
	if c, ok := r.configs[dir]; ok {
		return c
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		r.errorf(at, "cannot read the Terraform directory %s: %v", dir, unwrapPathError(err))
		return nil
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || strings.HasPrefix(n, ".") {
			continue
		}
		switch {
		case isOverride(n):
			// Terraform merges these into the other files' blocks; read as
			// files of their own, they would declare everything twice.
			r.unresolved(Pos{File: filepath.Join(dir, n)}, "override files are not merged by a static reader: what %s sets is not read", n)
		case strings.HasSuffix(n, ".tf.json"):
			r.unresolved(Pos{File: filepath.Join(dir, n)}, "configuration in JSON syntax is not read: its resources are missing")
		case strings.HasSuffix(n, ".tf"):
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		if at.Line == 0 {
			r.errorf(at, "no .tf file in this directory: not a Terraform module")
		} else {
			r.errorf(at, "%s holds no .tf file: not a Terraform module", dir)
		}
		return nil
	}
	sort.Strings(names)
	c := &config{dir: dir, variables: map[string]*variableDecl{}, locals: map[string]*hclsyntax.Attribute{}}
	r.configs[dir] = c
	seen := map[string]Pos{}
	declare := func(kind, name string, rng hcl.Range) bool {
		k := kind + " " + name
		if first, dup := seen[k]; dup {
			r.errorf(posOf(rng.Start, rng.Filename), "%s %q is declared twice (first at %s)", kind, name, first.Position())
			return false
		}
		seen[k] = posOf(rng.Start, rng.Filename)
		return true
	}
	for _, name := range names {
		path := filepath.Join(dir, name)
		f := r.parse(path)
		if f == nil {
			continue
		}
		body := f.Body.(*hclsyntax.Body)
		for _, b := range body.Blocks {
			if b.Type == "variable" {
				// A type constraint's object() and optional() are not calls.
				if d := b.Body.Attributes["default"]; d != nil {
					r.scan(d.Expr)
				}
				continue
			}
			r.scan(b.Body)
		}
		comments := r.comments(path)
		for _, b := range body.Blocks {
			switch b.Type {
			case "variable":
				if !r.labels(b, 1) || !declare("variable", b.Labels[0], b.TypeRange) {
					continue
				}
				c.variables[b.Labels[0]] = &variableDecl{name: b.Labels[0], block: b, dflt: b.Body.Attributes["default"], typeExp: b.Body.Attributes["type"]}
			case "locals":
				for _, a := range sortedAttrs(b.Body) {
					if declare("local value", a.Name, a.NameRange) {
						c.locals[a.Name] = a
						c.localList = append(c.localList, a.Name)
					}
				}
			case "resource", "data":
				if !r.labels(b, 2) {
					continue
				}
				d := &resourceDecl{mode: "managed", typ: b.Labels[0], name: b.Labels[1], block: b}
				if b.Type == "data" {
					d.mode = "data"
				}
				if !declare(b.Type, d.key(), b.TypeRange) {
					continue
				}
				d.ignores = attachIgnores(comments, b)
				c.resources = append(c.resources, d)
			case "module":
				if r.labels(b, 1) && declare("module", b.Labels[0], b.TypeRange) {
					c.calls = append(c.calls, &callDecl{name: b.Labels[0], block: b})
				}
			case "provider":
				if r.labels(b, 1) {
					c.providers = append(c.providers, b)
				}
			case "output":
				if r.labels(b, 1) && declare("output", b.Labels[0], b.TypeRange) {
					if v := b.Body.Attributes["value"]; v != nil {
						// The output's name stands for its value.
						c.outputs = append(c.outputs, &hclsyntax.Attribute{Name: b.Labels[0], Expr: v.Expr, SrcRange: v.SrcRange, NameRange: b.LabelRanges[0]})
					}
				}
			}
		}
		r.strayIgnores(comments)
	}
	return c
}

// labels checks that block b has n labels.
func (r *reader) labels(b *hclsyntax.Block, n int) bool {
	if len(b.Labels) != n {
		r.errorf(posOf(b.TypeRange.Start, b.TypeRange.Filename), "a %s block takes %d label(s), not %d", b.Type, n, len(b.Labels))
		return false
	}
	return true
}

// sortedAttrs is a body's attributes in source order (hclsyntax keeps a map).
func sortedAttrs(b *hclsyntax.Body) []*hclsyntax.Attribute {
	out := make([]*hclsyntax.Attribute, 0, len(b.Attributes))
	for _, a := range b.Attributes {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SrcRange.Start.Byte < out[j].SrcRange.Start.Byte })
	return out
}

// scan records every attribute name a traversal in node uses (aws_lb.web.arn
// → arn), so that a resource's value can offer a reference for each one
// that its configuration does not set; and checks the functions called.
func (r *reader) scan(node hclsyntax.Node) {
	add := func(t hcl.Traversal) {
		for _, s := range t {
			if a, ok := s.(hcl.TraverseAttr); ok {
				r.attrNames[a.Name] = true
			}
		}
	}
	_ = hclsyntax.VisitAll(node, func(n hclsyntax.Node) hcl.Diagnostics {
		switch e := n.(type) {
		case *hclsyntax.ScopeTraversalExpr:
			add(e.Traversal)
		case *hclsyntax.RelativeTraversalExpr:
			add(e.Traversal)
		case *hclsyntax.FunctionCallExpr:
			r.checkFunction(e)
		}
		return nil
	})
}

func posOf(p hcl.Pos, file string) Pos {
	return Pos{File: file, Line: p.Line, Column: p.Column, Byte: p.Byte}
}

// diagErrors records the errors among diags.
func (r *reader) diagErrors(diags hcl.Diagnostics) {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		var p Pos
		if d.Subject != nil {
			p = posOf(d.Subject.Start, d.Subject.Filename)
		}
		r.errorf(p, "%s", diagText(d))
	}
}

// diagText is a diagnostic as one line: HCL's summary and detail.
func diagText(d *hcl.Diagnostic) string {
	s := strings.TrimSuffix(d.Summary, ".")
	if d.Detail != "" {
		s += ": " + strings.Join(strings.Fields(d.Detail), " ")
	}
	return strings.TrimSuffix(s, ".")
}

func (r *reader) errorf(p Pos, format string, args ...any) {
	r.errs = append(r.errs, &schema.Error{Pos: p.Position(), Msg: fmt.Sprintf(format, args...)})
}

// errors is the read's errors sorted by position, each once.
func (r *reader) errors() schema.Errors {
	es := r.errs
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i].Pos, es[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	out := es[:0]
	for i, e := range es {
		if i > 0 && e.Error() == es[i-1].Error() {
			continue
		}
		out = append(out, e)
	}
	return out
}

// isOverride is Terraform's name for an override file: override.tf,
// override.tf.json, or one ending in _override.tf(.json).
func isOverride(name string) bool {
	base := strings.TrimSuffix(strings.TrimSuffix(name, ".json"), ".tf")
	return base != name && (base == "override" || strings.HasSuffix(base, "_override"))
}
