package terraform

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/schema"
)

// Limits that no real configuration comes near, so that a hostile one
// cannot make a read run out of memory or recurse without end.
const (
	maxInstances = 10000 // of one resource or module call
	maxDepth     = 32    // modules within modules
)

// reader is one ReadDir in progress. Everything is evaluated on demand and
// once: a local, a resource or a module call is evaluated when first
// referred to (or when its turn comes), which orders the evaluation as the
// references do, without building a graph first.
type reader struct {
	root      string
	sources   map[string][]byte
	configs   map[string]*config
	attrNames map[string]bool
	funcs     map[string]function.Function
	errs      schema.Errors
	unres     []Unresolved
	unresSeen map[string]bool
	resources []*Resource
	downloads map[string]string // modules.json: module key → directory
	providers map[string]*Block
}

func newReader(root string) *reader {
	return &reader{
		root: root, sources: map[string][]byte{}, configs: map[string]*config{},
		attrNames: map[string]bool{"id": true, "arn": true}, funcs: functions(),
		unresSeen: map[string]bool{},
	}
}

func (r *reader) unresolved(p Pos, format string, args ...any) {
	what := fmt.Sprintf(format, args...)
	k := fmt.Sprintf("%s:%d:%d %s", p.File, p.Line, p.Column, what)
	if r.unresSeen[k] {
		return
	}
	r.unresSeen[k] = true
	r.unres = append(r.unres, Unresolved{Pos: p, What: what})
}

// module is the read's result.
func (r *reader) module() *Module {
	sort.SliceStable(r.resources, func(i, j int) bool { return r.resources[i].Address < r.resources[j].Address })
	sort.SliceStable(r.unres, func(i, j int) bool {
		a, b := r.unres[i].Pos, r.unres[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Byte != b.Byte {
			return a.Byte < b.Byte
		}
		return r.unres[i].What < r.unres[j].What
	})
	return &Module{Dir: r.root, Resources: r.resources, Unresolved: r.unres, Providers: r.providers, Sources: r.sources}
}

type state int

const (
	todo state = iota
	busy
	done
)

// instance is one instance of a module: the root, or one index or key of
// a module call.
type instance struct {
	r      *reader
	parent *instance // nil at the root
	cfg    *config
	addr   string // "" at the root; module.app, module.app[0].module.db
	key    string // modules.json's key: "", app, app.db
	depth  int
	vars   map[string]cty.Value
	locals map[string]*lazy
	stack  []string // locals and resources being evaluated, for naming a cycle
	res    map[string]*resState
	calls  map[string]*callState
	out    lazy
}

type lazy struct {
	st state
	v  cty.Value
}

type resState struct {
	decl  *resourceDecl
	st    state
	exp   *expansion  // known once count or for_each is evaluated
	read  []*Resource // its instances, once evaluated
	value cty.Value   // NilVal until a reference asks for it
}

type callState struct {
	decl  *callDecl
	st    state
	value cty.Value
}

func (r *reader) newInstance(c *config, addr, key string, depth int) *instance {
	m := &instance{r: r, cfg: c, addr: addr, key: key, depth: depth,
		locals: map[string]*lazy{}, res: map[string]*resState{}, calls: map[string]*callState{}}
	for _, d := range c.resources {
		m.res[d.key()] = &resState{decl: d}
	}
	for _, d := range c.calls {
		m.calls[d.name] = &callState{decl: d}
	}
	return m
}

// run evaluates the root module and, through its calls, every module.
func (r *reader) run(c *config, vals map[string]input) {
	r.preload(c, "", map[string]bool{})
	m := r.newInstance(c, "", "", 0)
	m.vars = m.variables(vals)
	m.run()
	r.providers = map[string]*Block{}
	for _, b := range c.providers {
		name := b.Labels[0]
		body := (&scope{m: m}).body(b.Body, "provider", b.Labels, "provider "+name, false)
		body.Pos = posOf(b.TypeRange.Start, b.TypeRange.Filename)
		if a, ok := body.Attrs["alias"]; ok && a.Value.IsKnown() && !a.Value.IsNull() && a.Value.Type() == cty.String {
			name += "." + a.Value.AsString()
			delete(body.Attrs, "alias") // in the name, as a plan gives it
		}
		if _, dup := r.providers[name]; dup {
			r.errorf(body.Pos, "provider %s is configured twice", name)
			continue
		}
		r.providers[name] = body
	}
}

// run evaluates everything m declares, so that every error is found and
// every resource read, referred to or not.
func (m *instance) run() {
	for _, name := range m.cfg.localList {
		m.local(name)
	}
	for _, d := range m.cfg.resources {
		m.evaluate(m.res[d.key()])
	}
	for _, d := range m.cfg.calls {
		m.call(m.calls[d.name])
	}
	m.outputs()
}

// prefix is what m's addresses start with: "" or "module.app.".
func (m *instance) prefix() string {
	if m.addr == "" {
		return ""
	}
	return m.addr + "."
}

func (m *instance) local(name string) cty.Value {
	a := m.cfg.locals[name]
	l := m.locals[name]
	if l == nil {
		l = &lazy{}
		m.locals[name] = l
	}
	switch l.st {
	case done:
		return l.v
	case busy:
		// The cycle is the part of the stack from this local on; it may
		// pass through resources.
		i := len(m.stack) - 1
		for i > 0 && m.stack[i] != "local."+name {
			i--
		}
		chain := append(append([]string{}, m.stack[i:]...), "local."+name)
		m.r.errorf(posOf(a.NameRange.Start, a.NameRange.Filename), "cycle in locals%s: %s", m.in(), strings.Join(chain, " → "))
		return cty.DynamicVal
	}
	l.st = busy
	m.stack = append(m.stack, "local."+name)
	v := (&scope{m: m}).eval(a.Expr)
	m.stack = m.stack[:len(m.stack)-1]
	l.v, l.st = v, done
	return v
}

// outputs is the object of m's outputs, as module.NAME gives it.
func (m *instance) outputs() cty.Value {
	switch m.out.st {
	case done:
		return m.out.v
	case busy:
		return cty.DynamicVal
	}
	m.out.st = busy
	vals := map[string]cty.Value{}
	for _, a := range m.cfg.outputs {
		vals[a.Name] = (&scope{m: m}).eval(a.Expr)
	}
	m.out.v, m.out.st = cty.ObjectVal(vals), done
	return m.out.v
}

// scope is where an expression is evaluated: a module instance, and
// within a resource or module call the count.index or each of its
// instance, and the iterators of the dynamic blocks around it.
type scope struct {
	m     *instance
	count cty.Value
	each  cty.Value
	iters map[string]cty.Value
}

func (s *scope) with(name string, v cty.Value) *scope {
	c := *s
	c.iters = map[string]cty.Value{name: v}
	for k, x := range s.iters {
		if k != name {
			c.iters[k] = x
		}
	}
	return &c
}

// eval evaluates expr, giving it exactly the names it refers to. A
// reference to something undeclared is an error; anything else a static
// reader cannot evaluate is unknown, and said so.
func (s *scope) eval(expr hclsyntax.Expression) cty.Value {
	vars := map[string]cty.Value{}
	objs := map[string]map[string]cty.Value{}
	data := map[string]map[string]cty.Value{}
	ok := true
	for _, t := range expr.Variables() {
		ok = s.resolve(t, vars, objs, data) && ok
	}
	if !ok {
		return cty.DynamicVal
	}
	for k, o := range objs {
		vars[k] = cty.ObjectVal(o)
	}
	if len(data) > 0 {
		d := map[string]cty.Value{}
		for k, o := range data {
			d[k] = cty.ObjectVal(o)
		}
		vars["data"] = cty.ObjectVal(d)
	}
	ctx := &hcl.EvalContext{Variables: vars, Functions: s.m.r.funcs}
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		// Most often a reference that only Terraform can know (a data
		// source's list, a resource's computed object) used as what it is:
		// name it rather than the type error it causes here.
		for _, t := range expr.Variables() {
			for i := 2; i <= len(t); i++ {
				if tv, d := t[:i].TraverseAbs(ctx); !d.HasErrors() {
					if _, _, ok := ParseRef(tv); ok {
						rng := t.SourceRange()
						s.m.r.unresolved(posOf(rng.Start, rng.Filename), "%s is known only when Terraform runs: the value that uses it is unknown", traversalString(t[:i]))
						return cty.DynamicVal
					}
				}
			}
		}
	}
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			p := posOf(expr.StartRange().Start, expr.StartRange().Filename)
			if d.Subject != nil {
				p = posOf(d.Subject.Start, d.Subject.Filename)
			}
			s.m.r.unresolved(p, "%s: the value is unknown", diagText(d))
			return cty.DynamicVal
		}
	}
	return v
}

// resolve puts the value traversal t starts from into vars (or objs, for
// the names with attributes: var, local, module and resource types; data,
// for data sources).
func (s *scope) resolve(t hcl.Traversal, vars map[string]cty.Value, objs, data map[string]map[string]cty.Value) bool {
	m, r := s.m, s.m.r
	rng := t.SourceRange()
	at := posOf(rng.Start, rng.Filename)
	root := t.RootName()
	step := func(i int) (string, bool) {
		if len(t) > i {
			if a, ok := t[i].(hcl.TraverseAttr); ok {
				return a.Name, true
			}
		}
		return "", false
	}
	put := func(name string, v cty.Value) bool {
		if objs[root] == nil {
			objs[root] = map[string]cty.Value{}
		}
		objs[root][name] = v
		return true
	}
	if v, ok := s.iters[root]; ok {
		vars[root] = v
		return true
	}
	switch root {
	case "var":
		name, ok := step(1)
		if !ok {
			r.errorf(at, "var must be followed by a variable's name (var.NAME)")
			return false
		}
		v, ok := m.vars[name]
		if !ok {
			if _, declared := m.cfg.variables[name]; declared {
				return put(name, cty.DynamicVal) // its value was in error
			}
			r.errorf(at, "unknown variable var.%s%s: no variable block declares it%s", name, m.in(), suggest(name, keys(m.cfg.variables), "var."))
			return false
		}
		return put(name, v)
	case "local":
		name, ok := step(1)
		if !ok {
			r.errorf(at, "local must be followed by a local value's name (local.NAME)")
			return false
		}
		if m.cfg.locals[name] == nil {
			r.errorf(at, "unknown local value local.%s%s: no locals block declares it%s", name, m.in(), suggest(name, keys(m.cfg.locals), "local."))
			return false
		}
		return put(name, m.local(name))
	case "count":
		if s.count == cty.NilVal {
			r.errorf(at, "count.index is only known in a resource or module block that has count")
			return false
		}
		vars[root] = cty.ObjectVal(map[string]cty.Value{"index": s.count})
		return true
	case "each":
		if s.each == cty.NilVal {
			r.errorf(at, "each.key and each.value are only known in a resource or module block that has for_each")
			return false
		}
		vars[root] = s.each
		return true
	case "path":
		// As Terraform gives them, relative to the root module (where it
		// runs); the working directory's absolute path is not known here.
		mod := "."
		if rel, err := filepath.Rel(r.root, m.cfg.dir); err == nil {
			mod = filepath.ToSlash(rel)
		}
		if name, _ := step(1); name == "cwd" {
			r.unresolved(at, "path.cwd is the directory Terraform runs in, not known to a static reader: the value that uses it is unknown")
		}
		vars[root] = cty.ObjectVal(map[string]cty.Value{
			"module": cty.StringVal(mod), "root": cty.StringVal("."), "cwd": cty.UnknownVal(cty.String),
		})
		return true
	case "terraform":
		vars[root] = cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")})
		return true
	case "self":
		r.errorf(at, "self is only known in a provisioner or connection block")
		return false
	case "module":
		name, ok := step(1)
		if !ok {
			r.errorf(at, "module must be followed by a module call's name (module.NAME)")
			return false
		}
		cs := m.calls[name]
		if cs == nil {
			r.errorf(at, "unknown module module.%s%s: no module block declares it%s", name, m.in(), suggest(name, keys(m.calls), "module."))
			return false
		}
		return put(name, m.call(cs))
	case "data":
		typ, ok1 := step(1)
		name, ok2 := step(2)
		if !ok1 || !ok2 {
			r.errorf(at, "data must be followed by a data source's type and name (data.TYPE.NAME)")
			return false
		}
		rs := m.res["data."+typ+"."+name]
		if rs == nil {
			r.errorf(at, "reference to undeclared data source data.%s.%s%s", typ, name, suggest("data."+typ+"."+name, keys(m.res), ""))
			return false
		}
		if data[typ] == nil {
			data[typ] = map[string]cty.Value{}
		}
		data[typ][name] = m.resource(rs)
		return true
	}
	name, ok := step(1)
	if !ok {
		r.errorf(at, "unknown name %s: a reference to a resource is TYPE.NAME", root)
		return false
	}
	rs := m.res[root+"."+name]
	if rs == nil {
		r.errorf(at, "reference to undeclared resource %s.%s%s%s", root, name, m.in(), suggest(root+"."+name, keys(m.res), ""))
		return false
	}
	return put(name, m.resource(rs))
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// suggest is " (did you mean var.x?)" for a near miss among names, else "".
func suggest(name string, names []string, prefix string) string {
	if s := catalog.Suggest(names, name, 1); len(s) > 0 {
		return " (did you mean " + prefix + s[0] + "?)"
	}
	return ""
}

// traversalString is a reference as written: data.aws_ami.x.id, aws_subnet.a[0].id.
func traversalString(t hcl.Traversal) string {
	var b strings.Builder
	for _, x := range t {
		switch x := x.(type) {
		case hcl.TraverseRoot:
			b.WriteString(x.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + x.Name)
		case hcl.TraverseIndex:
			if k, ok := keyString(x.Key); ok {
				b.WriteString(k)
			} else {
				b.WriteString("[…]")
			}
		default:
			b.WriteString("[…]")
		}
	}
	return b.String()
}
