package terraform

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"
)

// configScope is one module of a plan's configuration: where a
// reference written in it is resolved.
type configScope struct {
	mod    *tfjson.ConfigModule
	prefix string // "" or module.app.
	parent *configScope
	call   *tfjson.ModuleCall // the block in parent that calls mod
}

// maxRefHops bounds following references through variables and outputs.
const maxRefHops = 32

// refTargets are the resource attributes an expression's references name,
// as RefValues, in order, each once: a reference to a variable is
// followed to the module block's argument, one to a module output into
// the output's expression. References to locals are not (the plan's
// configuration does not give their expressions).
func refTargets(e *tfjson.Expression, s *configScope) []cty.Value {
	if e == nil || e.ExpressionData == nil || s == nil {
		return nil
	}
	var out []cty.Value
	seen := map[string]bool{}
	collect(e.References, s, 0, func(addr, attr string) {
		if k := addr + "#" + attr; !seen[k] {
			seen[k] = true
			out = append(out, RefValue(addr, attr))
		}
	})
	return out
}

func collect(refs []string, s *configScope, hops int, add func(addr, attr string)) {
	if hops > maxRefHops || s == nil {
		return
	}
	for _, ref := range mostSpecific(refs) {
		t, ok := parseAddress(ref)
		if !ok || len(t) < 2 {
			continue
		}
		switch t[0].name {
		case "var":
			if s.call != nil {
				if e := s.call.Expressions[t[1].name]; e != nil && e.ExpressionData != nil {
					collect(e.References, s.parent, hops+1, add)
				}
			}
		case "module":
			// module.NAME.OUTPUT, or module.NAME[KEY].OUTPUT for one
			// instance of a module with count or for_each.
			out, key := 2, ""
			if len(t) > 2 && t[2].key != "" {
				out, key = 3, t[2].key
			}
			if len(t) <= out {
				continue
			}
			call := s.mod.ModuleCalls[t[1].name]
			if call == nil || call.Module == nil {
				continue
			}
			if o := call.Module.Outputs[t[out].name]; o != nil && o.Expression != nil && o.Expression.ExpressionData != nil {
				child := &configScope{mod: call.Module, prefix: s.prefix + "module." + t[1].name + key + ".", parent: s, call: call}
				collect(o.Expression.References, child, hops+1, add)
			}
		case "local", "each", "count", "path", "self", "terraform":
		default:
			res := 2
			if t[0].name == "data" {
				res = 3
			}
			if len(t) <= res {
				continue // the whole resource: no attribute to follow
			}
			addr := s.prefix + t[:res].String()
			if t[res].key != "" {
				addr += t[res].key
				res++
			}
			if len(t) > res && t[res].key == "" {
				add(addr, t[res].name)
			}
		}
	}
}

// mostSpecific drops a reference that another one extends: Terraform lists
// aws_lb.web.arn and aws_lb.web both for aws_lb.web.arn.
func mostSpecific(refs []string) []string {
	var out []string
	for _, r := range refs {
		extended := false
		for _, o := range refs {
			if len(o) > len(r) && strings.HasPrefix(o, r) && (o[len(r)] == '.' || o[len(r)] == '[') {
				extended = true
				break
			}
		}
		if !extended {
			out = append(out, r)
		}
	}
	return out
}

// step is one part of an address: a name, or an instance key ([0], ["a"]).
type step struct {
	name string
	key  string
}

type address []step

func (a address) String() string {
	var b strings.Builder
	for i, s := range a {
		if s.key != "" {
			b.WriteString(s.key)
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.name)
	}
	return b.String()
}

// parseAddress parses a Terraform address or reference with HCL's own
// traversal parser, so that keys holding dots or brackets parse right.
func parseAddress(s string) (address, bool) {
	t, diags := hclsyntax.ParseTraversalAbs([]byte(s), "", hcl.InitialPos)
	if diags.HasErrors() || len(t) == 0 {
		return nil, false
	}
	var out address
	for _, x := range t {
		switch x := x.(type) {
		case hcl.TraverseRoot:
			out = append(out, step{name: x.Name})
		case hcl.TraverseAttr:
			out = append(out, step{name: x.Name})
		case hcl.TraverseIndex:
			k, ok := keyString(x.Key)
			if !ok {
				return nil, false
			}
			out = append(out, step{key: k})
		default:
			return nil, false
		}
	}
	return out, true
}

// keyString is an instance key as an address writes it: [0] or ["a"].
func keyString(k cty.Value) (string, bool) {
	if k.IsNull() || !k.IsKnown() {
		return "", false
	}
	switch k.Type() {
	case cty.Number:
		bf := k.AsBigFloat()
		if i, acc := bf.Int64(); acc == big.Exact {
			return fmt.Sprintf("[%d]", i), true
		}
	case cty.String:
		return fmt.Sprintf("[%q]", k.AsString()), true
	}
	return "", false
}

// places finds the block read from the .tf files for a planned address.
type places struct {
	exact map[string]*Resource
	base  map[string]*Resource // address without instance keys
}

func newPlaces(m *Module) *places {
	p := &places{exact: map[string]*Resource{}, base: map[string]*Resource{}}
	if m == nil {
		return p
	}
	for _, r := range m.Resources {
		p.exact[r.Address] = r
		if b := withoutKeys(r.Address); p.base[b] == nil {
			p.base[b] = r
		}
	}
	return p
}

// find matches by address; else (instances a static read could not
// expand, such as a for_each over values only apply knows) by the address
// without instance keys: every instance of one block has its positions.
func (p *places) find(addr string) *Resource {
	if r := p.exact[addr]; r != nil {
		return r
	}
	return p.base[withoutKeys(addr)]
}

func withoutKeys(addr string) string {
	a, ok := parseAddress(addr)
	if !ok {
		return addr
	}
	out := a[:0:0]
	for _, s := range a {
		if s.key == "" {
			out = append(out, s)
		}
	}
	return out.String()
}
