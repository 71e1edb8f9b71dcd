package terraform

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"

	"github.com/infralint/infralint/schema"
)

// ReadPlan reads a plan as `terraform show -json PLANFILE` prints it:
// the values Terraform itself evaluated (planned_values, root and child
// modules). A value known only after apply is, where the configuration
// says which resource it comes from, a RefValue to that resource's
// attribute, else unknown. With opts.Source, the root module directory
// the plan was made from, every resource carries the .tf positions and
// ignore comments of its block (matched by address); without it, a
// position is the plan file and no line.
func ReadPlan(path string, opts ReadOptions) (*Module, error) {
	src, err := readFile(path)
	if err != nil {
		return nil, schema.Errors{{Pos: schema.Position{File: path}, Msg: fmt.Sprintf("cannot read: %v", unwrapPathError(err))}}
	}
	plan, err := decodePlan(path, src)
	if err != nil {
		return nil, err
	}
	var hcl *Module
	if opts.Source != "" {
		// The plan's variables, so that count and for_each expand as they did.
		vars := map[string]cty.Value{}
		for n, v := range plan.Variables {
			if v != nil {
				if c, known := (&planReader{}).value(v.Value, nil, nil, nil); known {
					vars[n] = c
				}
			}
		}
		hcl, err = readDir(opts.Source, ReadOptions{VarFiles: opts.VarFiles, Vars: opts.Vars, Env: opts.Env}, vars)
		if err != nil {
			return nil, err
		}
	}
	p := &planReader{path: path, plan: plan, hcl: newPlaces(hcl), unresSeen: map[string]bool{}}
	p.changes = map[string]*tfjson.Change{}
	for _, rc := range plan.ResourceChanges {
		if rc != nil && rc.Change != nil {
			p.changes[rc.Address] = rc.Change
		}
	}
	if plan.PlannedValues != nil {
		p.module(plan.PlannedValues.RootModule)
	}
	sort.SliceStable(p.resources, func(i, j int) bool { return p.resources[i].Address < p.resources[j].Address })
	linkIDs(p.resources)
	p.providers(m0(hcl))
	dir := opts.Source
	if dir == "" {
		dir = filepath.Dir(path) // what names the stack: the plan's directory
	}
	m := &Module{Dir: dir, Resources: p.resources, Unresolved: p.unres, Providers: p.provs, Sources: map[string][]byte{path: src}}
	if hcl != nil {
		for f, s := range hcl.Sources {
			m.Sources[f] = s
		}
	}
	return m, nil
}

// planReader is one ReadPlan in progress.
type planReader struct {
	path      string
	plan      *tfjson.Plan
	changes   map[string]*tfjson.Change
	hcl       *places
	resources []*Resource
	unres     []Unresolved
	unresSeen map[string]bool
	provs     map[string]*Block
}

func (p *planReader) unresolved(at Pos, format string, args ...any) {
	what := fmt.Sprintf(format, args...)
	if k := fmt.Sprintf("%s:%d:%d %s", at.File, at.Line, at.Column, what); !p.unresSeen[k] {
		p.unresSeen[k] = true
		p.unres = append(p.unres, Unresolved{Pos: at, What: what})
	}
}

// module reads a planned module and its children.
func (p *planReader) module(sm *tfjson.StateModule) {
	if sm == nil {
		return
	}
	cfg := p.configModule(sm.Address)
	for _, sr := range sm.Resources {
		if sr == nil {
			continue
		}
		p.resource(sr, sm.Address, cfg)
	}
	for _, c := range sm.ChildModules {
		p.module(c)
	}
}

// configModule is the configuration of the module at a planned module
// address (module.app[0].module.db: app, then db), nil when the plan has
// none. Its prefix keeps the instance keys, so that a reference made in
// module.app[0] names resources of module.app[0].
func (p *planReader) configModule(addr string) *configScope {
	if p.plan.Config == nil || p.plan.Config.RootModule == nil {
		return nil
	}
	s := &configScope{mod: p.plan.Config.RootModule}
	if addr == "" {
		return s
	}
	t, ok := parseAddress(addr)
	if !ok {
		return nil
	}
	for i := 0; i+1 < len(t); i++ {
		if t[i].name != "module" {
			return nil
		}
		name := t[i+1].name
		i++
		key := ""
		if i+1 < len(t) && t[i+1].key != "" {
			key = t[i+1].key
			i++
		}
		call := s.mod.ModuleCalls[name]
		if call == nil || call.Module == nil {
			return nil
		}
		s = &configScope{mod: call.Module, prefix: s.prefix + "module." + name + key + ".", parent: s, call: call}
	}
	return s
}

// resource reads one planned resource instance.
func (p *planReader) resource(sr *tfjson.StateResource, module string, cfg *configScope) {
	place := p.hcl.find(sr.Address)
	r := &Resource{Address: sr.Address, Mode: string(sr.Mode), Type: sr.Type, Name: sr.Name, Module: module}
	var hb *Block
	if place != nil {
		hb = place.Body
		r.Ignores = append([]Ignore(nil), place.Ignores...)
	}
	var cr *tfjson.ConfigResource
	if cfg != nil {
		for _, c := range cfg.mod.Resources {
			if c != nil && c.Mode == sr.Mode && c.Type == sr.Type && c.Name == sr.Name {
				cr = c
			}
		}
	}
	var exprs map[string]*tfjson.Expression
	if cr != nil {
		exprs = cr.Expressions
	}
	var unknown any
	if ch := p.changes[sr.Address]; ch != nil {
		unknown = ch.AfterUnknown
	}
	r.Body = p.block("", sr.AttributeValues, unknown, exprs, hb, p.pos(hb), sr.Address, cfg)
	p.resources = append(p.resources, r)
}

// pos is where something of a resource is: its place in the .tf files
// when there is one, else the plan file.
func (p *planReader) pos(hb *Block) Pos {
	if hb != nil {
		return hb.Pos
	}
	return Pos{File: p.path}
}

// block reads one object of planned values (a resource's, or one nested
// block's) into a Block. unknown is the matching part of after_unknown,
// exprs the configuration's expressions, hb the block read from the .tf
// files (for positions), at the position of the block.
func (p *planReader) block(typ string, vals map[string]any, unknown any, exprs map[string]*tfjson.Expression, hb *Block, at Pos, addr string, cfg *configScope) *Block {
	b := &Block{Type: typ, Attrs: map[string]Attribute{}, Pos: at}
	unk, _ := unknown.(map[string]any)
	names := map[string]bool{}
	for n := range vals {
		names[n] = true
	}
	for n := range unk {
		names[n] = true
	}
	for _, n := range keys(names) {
		v, u, e := vals[n], unk[n], exprs[n]
		apos := at
		if hb != nil {
			if a, ok := hb.Attrs[n]; ok {
				apos = a.Pos
			}
		}
		if u == true && e != nil && e.ExpressionData != nil && e.NestedBlocks != nil {
			// Blocks the plan knows only after apply (a set of blocks with a
			// reference in one): rebuilt from the configuration.
			for i, ne := range e.NestedBlocks {
				nh := nthBlock(hb, n, i)
				npos := apos
				if nh != nil {
					npos = nh.Pos
				}
				b.Blocks = append(b.Blocks, p.configBlock(n, ne, nh, npos, addr, cfg))
			}
			continue
		}
		if isBlockList(v, e) {
			objs := v.([]any)
			us, _ := u.([]any)
			for i, o := range objs {
				var nu any
				if i < len(us) {
					nu = us[i]
				}
				var ne map[string]*tfjson.Expression
				if e != nil && e.ExpressionData != nil && i < len(e.NestedBlocks) {
					ne = e.NestedBlocks[i]
				}
				nh := nthBlock(hb, n, i)
				npos := apos
				if nh != nil {
					npos = nh.Pos
				}
				om, _ := o.(map[string]any)
				b.Blocks = append(b.Blocks, p.block(n, om, nu, ne, nh, npos, addr, cfg))
			}
			continue
		}
		val, known := p.value(v, u, e, cfg)
		if !known {
			if e == nil {
				continue // computed by the provider, not configured: as absent as in the .tf file
			}
			p.unresolved(apos, "%s: %s is known only after apply", addr, dotted(typ, n))
		}
		if val.IsNull() {
			continue
		}
		b.Attrs[n] = Attribute{Value: shapeLike(val, hb, n), Pos: apos}
	}
	return b
}

func dotted(typ, name string) string {
	if typ == "" {
		return name
	}
	return typ + "." + name
}

// isBlockList reports whether a planned value is a list of nested blocks:
// the configuration wrote it as blocks, or it is a non-empty list of
// objects (which is how plan JSON shows blocks).
func isBlockList(v any, e *tfjson.Expression) bool {
	l, ok := v.([]any)
	if !ok || len(l) == 0 {
		return false
	}
	if e != nil && e.ExpressionData != nil && e.NestedBlocks != nil {
		return true
	}
	for _, x := range l {
		if _, ok := x.(map[string]any); !ok {
			return false
		}
	}
	return true
}

func nthBlock(b *Block, typ string, n int) *Block {
	if b == nil {
		return nil
	}
	for _, c := range b.Blocks {
		if c.Type == typ {
			if n == 0 {
				return c
			}
			n--
		}
	}
	return nil
}

// value converts a planned JSON value to cty. unknown is its part of
// after_unknown: true where the value is known only after apply, where
// the configuration's references say what it refers to. known is false
// when something in it stays unknown.
func (p *planReader) value(v, unknown any, e *tfjson.Expression, cfg *configScope) (cty.Value, bool) {
	if unknown == true {
		targets := refTargets(e, cfg)
		switch len(targets) {
		case 0:
			return cty.DynamicVal, false
		case 1:
			return targets[0], true
		}
		return cty.TupleVal(targets), true
	}
	switch x := v.(type) {
	case nil:
		return cty.NullVal(cty.DynamicPseudoType), true
	case string:
		return cty.StringVal(x), true
	case bool:
		return cty.BoolVal(x), true
	case json.Number:
		n, err := cty.ParseNumberVal(x.String())
		if err != nil {
			return cty.DynamicVal, false
		}
		return n, true
	case float64:
		return cty.NumberFloatVal(x), true
	case []any:
		us, _ := unknown.([]any)
		// Unknown elements take the configuration's references in order,
		// when there are as many of them as unknown elements.
		var unknownAt []int
		for i := range us {
			if us[i] == true {
				unknownAt = append(unknownAt, i)
			}
		}
		targets := refTargets(e, cfg)
		if len(targets) != len(unknownAt) {
			targets = nil
		}
		out := make([]cty.Value, 0, len(x))
		known := true
		for i, el := range x {
			var u any
			if i < len(us) {
				u = us[i]
			}
			if u == true && targets != nil {
				out = append(out, targets[0])
				targets = targets[1:]
				continue
			}
			c, k := p.value(el, u, nil, cfg)
			known = known && k
			out = append(out, c)
		}
		if len(out) == 0 {
			return cty.EmptyTupleVal, true
		}
		return cty.TupleVal(out), known
	case map[string]any:
		um, _ := unknown.(map[string]any)
		out := map[string]cty.Value{}
		known := true
		for _, k := range keys(x) {
			c, ok := p.value(x[k], um[k], nil, cfg)
			known = known && ok
			out[k] = c
		}
		for k, u := range um {
			if _, ok := x[k]; !ok && u == true {
				out[k], known = cty.DynamicVal, false
			}
		}
		return cty.ObjectVal(out), known
	}
	return cty.DynamicVal, false
}

// configBlock is a nested block as the configuration writes it: its
// constants, and its references as RefValues.
func (p *planReader) configBlock(typ string, exprs map[string]*tfjson.Expression, hb *Block, at Pos, addr string, cfg *configScope) *Block {
	b := &Block{Type: typ, Attrs: map[string]Attribute{}, Pos: at}
	for _, n := range keys(exprs) {
		e := exprs[n]
		if e == nil || e.ExpressionData == nil {
			continue
		}
		apos := at
		if hb != nil {
			if a, ok := hb.Attrs[n]; ok {
				apos = a.Pos
			}
		}
		if e.NestedBlocks != nil {
			for i, ne := range e.NestedBlocks {
				nh := nthBlock(hb, n, i)
				npos := apos
				if nh != nil {
					npos = nh.Pos
				}
				b.Blocks = append(b.Blocks, p.configBlock(n, ne, nh, npos, addr, cfg))
			}
			continue
		}
		var val cty.Value
		known := false
		if e.ConstantValue != nil && e.ConstantValue != tfjson.UnknownConstantValue {
			val, known = p.value(e.ConstantValue, nil, nil, cfg)
		} else {
			val, known = p.value(nil, true, e, cfg)
		}
		if !known {
			p.unresolved(apos, "%s: %s is known only after apply", addr, dotted(typ, n))
		}
		b.Attrs[n] = Attribute{Value: shapeLike(val, hb, n), Pos: apos}
	}
	return b
}

// m0 is the providers read from the .tf files, if they were read.
func m0(m *Module) map[string]*Block {
	if m == nil {
		return nil
	}
	return m.Providers
}

// providers reads the root module's provider configurations: their
// constant arguments (a region), at their .tf positions when there are.
func (p *planReader) providers(hcl map[string]*Block) {
	p.provs = map[string]*Block{}
	if p.plan.Config == nil {
		return
	}
	for _, pc := range p.plan.Config.ProviderConfigs {
		if pc == nil || pc.ModuleAddress != "" || pc.Name == "" {
			continue
		}
		name := pc.Name
		if pc.Alias != "" {
			name += "." + pc.Alias
		}
		hb := hcl[name]
		b := p.configBlock("provider", pc.Expressions, hb, p.pos(hb), "provider "+name, &configScope{mod: p.plan.Config.RootModule})
		b.Labels = []string{pc.Name}
		p.provs[name] = b
	}
}

// shapeLike makes one reference a list of one when the .tf file writes
// attribute n of hb as a list ([aws_security_group.app.id]), as the static
// read has it: a plan's after_unknown does not say that it was a list.
func shapeLike(val cty.Value, hb *Block, n string) cty.Value {
	if _, _, isRef := ParseRef(val); !isRef || hb == nil {
		return val
	}
	if a, ok := hb.Attrs[n]; ok && a.Value.IsKnown() && !a.Value.IsNull() {
		if t := a.Value.Type(); t.IsTupleType() || t.IsListType() || t.IsSetType() {
			return cty.TupleVal([]cty.Value{val})
		}
	}
	return val
}
