package terraform

import (
	"fmt"
	"math/big"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// expansion is what count or for_each made of a block: its instances.
type expansion struct {
	kind string // "", "count" or "for_each"
	keys []instanceKey
}

type instanceKey struct {
	suffix string    // "", [0], ["a"]
	count  cty.Value // count.index, or NilVal
	each   cty.Value // each, or NilVal
	key    cty.Value // the index or key, for the value of the whole
}

// expand evaluates body's count or for_each; nil (and said why) when the
// instances cannot be known.
func (s *scope) expand(body *hclsyntax.Body, what string) *expansion {
	r := s.m.r
	ca, fa := body.Attributes["count"], body.Attributes["for_each"]
	switch {
	case ca != nil && fa != nil:
		r.errorf(posOf(fa.NameRange.Start, fa.NameRange.Filename), "%s has both count and for_each: only one may be set", what)
		return nil
	case ca != nil:
		at := posOf(ca.NameRange.Start, ca.NameRange.Filename)
		v := s.eval(ca.Expr)
		if _, _, ref := ParseRef(v); ref || !v.IsKnown() {
			r.unresolved(at, "%s: count is not known statically: its instances are not read", what)
			return nil
		}
		n, ok := wholeNumber(v)
		if !ok || n < 0 || n > maxInstances {
			r.errorf(at, "%s: count must be a whole number from 0 to %d, not %s", what, maxInstances, show(v))
			return nil
		}
		e := &expansion{kind: "count"}
		for i := range n {
			iv := cty.NumberIntVal(int64(i))
			e.keys = append(e.keys, instanceKey{suffix: fmt.Sprintf("[%d]", i), count: iv, key: iv})
		}
		return e
	case fa != nil:
		at := posOf(fa.NameRange.Start, fa.NameRange.Filename)
		v := s.eval(fa.Expr)
		t := v.Type()
		if !v.IsKnown() || (t.IsSetType() && !v.IsWhollyKnown()) {
			r.unresolved(at, "%s: for_each is not known statically: its instances are not read", what)
			return nil
		}
		emptySet := t.IsSetType() && v.LengthInt() == 0 // toset([]) is a set of dynamic
		if v.IsNull() || !(t.IsMapType() || t.IsObjectType() || emptySet || (t.IsSetType() && t.ElementType() == cty.String)) {
			r.errorf(at, "%s: for_each must be a map, an object or a set of strings, not %s", what, t.FriendlyName())
			return nil
		}
		if v.LengthInt() > maxInstances {
			r.errorf(at, "%s: for_each has more than %d elements", what, maxInstances)
			return nil
		}
		e := &expansion{kind: "for_each"}
		for it := v.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			if _, _, ref := ParseRef(k); ref {
				r.unresolved(at, "%s: for_each's keys are known only when Terraform runs: its instances are not read", what)
				return nil
			}
			if k.IsNull() {
				r.errorf(at, "%s: for_each has a null key", what)
				return nil
			}
			e.keys = append(e.keys, instanceKey{
				suffix: fmt.Sprintf("[%q]", k.AsString()),
				each:   cty.ObjectVal(map[string]cty.Value{"key": k, "value": ev}),
				key:    k,
			})
		}
		return e
	}
	return &expansion{keys: []instanceKey{{}}}
}

// whole assembles the value of every instance as Terraform does: one
// object, a tuple by count.index, an object by for_each key.
func (e *expansion) whole(vals []cty.Value) cty.Value {
	switch e.kind {
	case "count":
		if len(vals) == 0 {
			return cty.EmptyTupleVal
		}
		return cty.TupleVal(vals)
	case "for_each":
		m := map[string]cty.Value{}
		for i, k := range e.keys {
			m[k.key.AsString()] = vals[i]
		}
		return cty.ObjectVal(m)
	}
	return vals[0]
}

func wholeNumber(v cty.Value) (int, bool) {
	if v.IsNull() || v.Type() != cty.Number {
		return 0, false
	}
	bf := v.AsBigFloat()
	if !bf.IsInt() {
		return 0, false
	}
	i, acc := bf.Int64()
	if acc != big.Exact || i < -1<<31 || i > 1<<31 {
		return -1, true
	}
	return int(i), true
}

// show is a value in a message.
func show(v cty.Value) string {
	if !v.IsKnown() {
		return "an unknown value"
	}
	if v.IsNull() {
		return "null"
	}
	switch v.Type() {
	case cty.Number:
		return v.AsBigFloat().Text('g', -1)
	case cty.String:
		return fmt.Sprintf("%q", v.AsString())
	case cty.Bool:
		return fmt.Sprint(v.True())
	}
	return "a " + v.Type().FriendlyName()
}
