package terraform

import (
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// metaArgs are a resource's arguments for Terraform, not for the provider.
var metaArgs = map[string]bool{"count": true, "for_each": true, "provider": true, "depends_on": true}

// metaBlocks are a resource's blocks for Terraform, not for the provider.
var metaBlocks = map[string]bool{"lifecycle": true, "provisioner": true, "connection": true}

// resource is the value of a resource as a reference to it sees it,
// built on the first reference (most resources are referred to by few or
// none). A reference made while the resource is being evaluated (a cycle)
// sees only references.
func (m *instance) resource(rs *resState) cty.Value {
	if rs.st == busy {
		if rs.exp == nil {
			return cty.DynamicVal
		}
		vals := make([]cty.Value, len(rs.exp.keys))
		for i, k := range rs.exp.keys {
			vals[i] = m.r.refsOnly(m.prefix() + rs.decl.key() + k.suffix)
		}
		return rs.exp.whole(vals)
	}
	m.evaluate(rs)
	if rs.value == cty.NilVal {
		if rs.exp == nil {
			rs.value = cty.DynamicVal
		} else {
			vals := make([]cty.Value, len(rs.read))
			for i, r := range rs.read {
				vals[i] = m.r.objectOf(r.Body, r.Address)
			}
			rs.value = rs.exp.whole(vals)
		}
	}
	return rs.value
}

// evaluate evaluates one resource or data block into its instances, once.
func (m *instance) evaluate(rs *resState) {
	if rs.st != todo {
		return
	}
	rs.st = busy
	d := rs.decl
	m.stack = append(m.stack, d.key())
	defer func() {
		rs.st = done
		m.stack = m.stack[:len(m.stack)-1]
	}()
	base := m.prefix() + d.key()
	rs.exp = (&scope{m: m}).expand(d.block.Body, base)
	if rs.exp == nil {
		return
	}
	for _, k := range rs.exp.keys {
		s := &scope{m: m, count: k.count, each: k.each}
		body := s.body(d.block.Body, "", nil, base, true)
		body.Pos = posOf(d.block.TypeRange.Start, d.block.TypeRange.Filename)
		r := &Resource{
			Address: base + k.suffix, Mode: d.mode, Type: d.typ, Name: d.name, Module: m.addr,
			Body: body, Ignores: append([]Ignore(nil), d.ignores...),
		}
		m.r.resources = append(m.r.resources, r)
		rs.read = append(rs.read, r)
	}
}

// body evaluates a block's body. what names the resource in messages; top
// says it is the resource's own body, where the meta-arguments are.
func (s *scope) body(b *hclsyntax.Body, typ string, labels []string, what string, top bool) *Block {
	r := s.m.r
	out := &Block{Type: typ, Labels: labels, Attrs: map[string]Attribute{}}
	for _, a := range sortedAttrs(b) {
		if top && metaArgs[a.Name] {
			continue
		}
		at := posOf(a.NameRange.Start, a.NameRange.Filename)
		v := s.eval(a.Expr)
		if !v.IsWhollyKnown() {
			name := a.Name
			if typ != "" {
				name = typ + "." + a.Name
			}
			r.unresolved(at, "%s: %s is not known statically", what, name)
		}
		if v.IsKnown() && v.IsNull() {
			continue // null is Terraform's "not set": the provider's default
		}
		out.Attrs[a.Name] = Attribute{Value: v, Pos: at}
	}
	for _, nb := range b.Blocks {
		switch {
		case top && metaBlocks[nb.Type]:
			continue
		case nb.Type == "dynamic":
			out.Blocks = append(out.Blocks, s.dynamic(nb, what)...)
		default:
			c := s.body(nb.Body, nb.Type, nb.Labels, what, false)
			c.Pos = posOf(nb.TypeRange.Start, nb.TypeRange.Filename)
			out.Blocks = append(out.Blocks, c)
		}
	}
	return out
}

// dynamic expands a dynamic block into the blocks it stands for.
func (s *scope) dynamic(b *hclsyntax.Block, what string) []*Block {
	r := s.m.r
	at := posOf(b.TypeRange.Start, b.TypeRange.Filename)
	if len(b.Labels) != 1 {
		r.errorf(at, "a dynamic block takes one label: the type of the blocks it makes")
		return nil
	}
	typ := b.Labels[0]
	fe := b.Body.Attributes["for_each"]
	var content *hclsyntax.Block
	for _, c := range b.Body.Blocks {
		if c.Type == "content" {
			content = c
		}
	}
	if fe == nil || content == nil {
		r.errorf(at, "dynamic %q needs for_each and a content block", typ)
		return nil
	}
	iter := typ
	if it := b.Body.Attributes["iterator"]; it != nil {
		if iter = hcl.ExprAsKeyword(it.Expr); iter == "" {
			r.errorf(posOf(it.NameRange.Start, it.NameRange.Filename), "dynamic %q: iterator must be a name", typ)
			return nil
		}
	}
	v := s.eval(fe.Expr)
	if !v.IsKnown() || (v.Type().IsSetType() && !v.IsWhollyKnown()) {
		r.unresolved(posOf(fe.NameRange.Start, fe.NameRange.Filename), "%s: dynamic %q: for_each is not known statically: its blocks are not read", what, typ)
		return nil
	}
	if v.IsNull() {
		return nil
	}
	if !v.CanIterateElements() {
		r.errorf(posOf(fe.NameRange.Start, fe.NameRange.Filename), "dynamic %q: for_each must be a collection, not %s", typ, v.Type().FriendlyName())
		return nil
	}
	var out []*Block
	for it := v.ElementIterator(); it.Next(); {
		k, ev := it.Element()
		c := s.with(iter, cty.ObjectVal(map[string]cty.Value{"key": k, "value": ev})).body(content.Body, typ, nil, what, false)
		c.Pos = at
		out = append(out, c)
	}
	return out
}

// objectOf is a resource instance's value: what its configuration sets,
// and for every other attribute that some reference names, a reference
// (so aws_lb.web.arn is RefValue("aws_lb.web", "arn") unless arn is set).
func (r *reader) objectOf(b *Block, addr string) cty.Value {
	vals := blockObject(b)
	for n := range r.attrNames {
		if _, ok := vals[n]; !ok {
			vals[n] = RefValue(addr, n)
		}
	}
	return cty.ObjectVal(vals)
}

// refsOnly is the value of a resource instance whose configuration is not
// evaluated yet: every attribute a reference.
func (r *reader) refsOnly(addr string) cty.Value {
	vals := map[string]cty.Value{}
	for n := range r.attrNames {
		vals[n] = RefValue(addr, n)
	}
	return cty.ObjectVal(vals)
}

// blockObject is a block's attributes, and its nested blocks as a tuple
// per type (as Terraform's list-nested blocks read).
func blockObject(b *Block) map[string]cty.Value {
	vals := make(map[string]cty.Value, len(b.Attrs))
	for n, a := range b.Attrs {
		vals[n] = a.Value
	}
	nested := map[string][]cty.Value{}
	for _, c := range b.Blocks {
		nested[c.Type] = append(nested[c.Type], cty.ObjectVal(blockObject(c)))
	}
	types := make([]string, 0, len(nested))
	for t := range nested {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		if _, clash := vals[t]; !clash {
			vals[t] = cty.TupleVal(nested[t])
		}
	}
	return vals
}

// isLocalSource is a module source Terraform reads from the directory
// tree, not from a registry or a repository.
func isLocalSource(s string) bool {
	return strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") || s == "." || s == ".."
}
