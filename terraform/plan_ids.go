package terraform

import "github.com/zclconf/go-cty/cty"

// linkIDs turns a known value that is another resource's id or arn into a
// reference to it. A plan of infrastructure that exists already (or a
// state) gives the security group a rule names as "sg-0a1b…", not as a
// value known only after apply: as a reference, the mapping follows it as
// it follows one from the .tf files. Ids and ARNs are unique, so an exact
// match is not a guess; a value that two managed resources share is left
// as it is, and a managed resource wins over a data source that reads it.
func linkIDs(rs []*Resource) {
	type owner struct {
		addr, attr string
		data       bool
		ambiguous  bool
	}
	owners := map[string]*owner{}
	for _, r := range rs {
		for _, attr := range []string{"arn", "id"} { // arn first: an aws_lb's id is its arn
			a, ok := r.Body.Attrs[attr]
			if !ok || !a.Value.IsKnown() || a.Value.IsNull() || a.Value.Type() != cty.String || a.Value.AsString() == "" {
				continue
			}
			v, data := a.Value.AsString(), r.Mode == "data"
			switch o := owners[v]; {
			case o == nil:
				owners[v] = &owner{addr: r.Address, attr: attr, data: data}
			case o.addr == r.Address:
			case o.data && !data:
				*o = owner{addr: r.Address, attr: attr}
			case !o.data && data:
			default:
				o.ambiguous = true
			}
		}
	}
	var link func(v cty.Value, self string) cty.Value
	link = func(v cty.Value, self string) cty.Value {
		if !v.IsKnown() || v.IsNull() {
			return v
		}
		t := v.Type()
		switch {
		case t == cty.String:
			if o := owners[v.AsString()]; o != nil && !o.ambiguous && o.addr != self {
				return RefValue(o.addr, o.attr)
			}
		case t.IsTupleType() || t.IsListType() || t.IsSetType():
			var out []cty.Value
			for it := v.ElementIterator(); it.Next(); {
				_, e := it.Element()
				out = append(out, link(e, self))
			}
			if len(out) > 0 {
				return cty.TupleVal(out)
			}
		case t.IsObjectType() || t.IsMapType():
			out := map[string]cty.Value{}
			for it := v.ElementIterator(); it.Next(); {
				k, e := it.Element()
				out[k.AsString()] = link(e, self)
			}
			if len(out) > 0 {
				return cty.ObjectVal(out)
			}
		}
		return v
	}
	var block func(b *Block, self string, top bool)
	block = func(b *Block, self string, top bool) {
		for n, a := range b.Attrs {
			if top && (n == "id" || n == "arn") {
				continue
			}
			a.Value = link(a.Value, self)
			b.Attrs[n] = a
		}
		for _, c := range b.Blocks {
			block(c, self, false)
		}
	}
	for _, r := range rs {
		block(r.Body, r.Address, true)
	}
}
