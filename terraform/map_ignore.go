package terraform

import (
	"strconv"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/token"
)

// suppressions turns each `# infralint:ignore=ID reason="..."` comment
// into the @infralint attribute a hand-written stack would carry, so that
// the same engine applies it and the same rules (SUP001–SUP003) hold it to
// a reason and an expiry date. A comment on an attribute goes on the field
// that attribute became; one on a resource, or on an attribute that became
// no field, on every component the resource was mapped into (a listener's
// or a launch template's comment on its load balancer or tier).
func (mp *mapper) suppressions() {
	for _, r := range mp.m.Resources {
		for _, ig := range r.Ignores {
			attr := &ast.Attribute{Text: ignoreText(ig)}
			if ig.Attr != "" {
				if n := mp.fieldFrom(origin(r, ig.Attr)); n != nil {
					n.attrs = append(n.attrs, attr)
					continue
				}
			}
			names := mp.contrib[r.Address]
			if len(names) == 0 {
				mp.note(ig.Pos, "infralint:ignore on %s, which is not modelled: it suppresses nothing", r.Address)
				continue
			}
			for _, name := range names {
				n := mp.comps.fields[name]
				n.attrs = append(n.attrs, &ast.Attribute{At: token.NoPos, Text: attr.Text})
			}
		}
	}
}

// ignoreText is the @infralint attribute of one ignore comment.
func ignoreText(ig Ignore) string {
	var b strings.Builder
	b.WriteString("@infralint(ignore=" + strconv.Quote(strings.Join(ig.IDs, ",")))
	if ig.Reason != "" {
		b.WriteString(", reason=" + strconv.Quote(ig.Reason))
	}
	if ig.Expires != "" {
		b.WriteString(", expires=" + strconv.Quote(ig.Expires))
	}
	b.WriteString(")")
	return b.String()
}

// fieldFrom finds the field (not a list element) of the components that
// was set from origin o, e.g. "aws_db_instance.db.storage_encrypted".
func (mp *mapper) fieldFrom(o string) *node {
	var find func(ob *object) *node
	find = func(ob *object) *node {
		for _, name := range ob.names {
			n := ob.fields[name]
			if n.origin == o {
				return n
			}
			if sub, ok := n.value.(*object); ok {
				if f := find(sub); f != nil {
					return f
				}
			}
		}
		return nil
	}
	return find(mp.comps)
}
