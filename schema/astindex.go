package schema

import (
	"sort"
	"strconv"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
)

// indexAST records the position of every field and list element written in
// the user's files, reading the syntax tree: an order of magnitude cheaper
// than walking the evaluated value, and the same positions (the label of a
// field, the start of a list element; the first declaration of a field
// declared twice). Fields that only a reference or comprehension produces
// are not indexed and fall back to their nearest written ancestor.
// Suppressions are read from the value v at the paths whose declarations
// carry attributes, so that CUE parses the attribute syntax.
func indexAST(file string, files []*ast.File, v cue.Value) (*Source, error) {
	src := &Source{File: file, positions: map[string]Position{}}
	attributed := map[string][]cue.Selector{} // path → CUE selectors, for fields with attributes
	var walkExpr func(path string, sel []cue.Selector, e ast.Expr)
	walkDecls := func(path string, sel []cue.Selector, decls []ast.Decl) {
		for _, d := range decls {
			switch x := d.(type) {
			case *ast.Attribute:
				attributed[path] = sel // a declaration attribute of the enclosing struct
			case *ast.Field:
				name, _, err := ast.LabelName(x.Label)
				if err != nil {
					continue // a dynamic or pattern label: no fixed path
				}
				p := name
				if path != "" {
					p = path + "." + name
				}
				if _, seen := src.positions[p]; !seen {
					src.positions[p] = positionOf(x.Label.Pos())
				}
				s := append(sel[:len(sel):len(sel)], selectorFor(x.Label, name))
				if len(x.Attrs) > 0 {
					attributed[p] = s
				}
				walkExpr(p, s, x.Value)
			}
		}
	}
	walkExpr = func(path string, sel []cue.Selector, e ast.Expr) {
		switch x := e.(type) {
		case *ast.StructLit:
			walkDecls(path, sel, x.Elts)
		case *ast.ListLit:
			for i, el := range x.Elts {
				p := path + "[" + strconv.Itoa(i) + "]"
				if _, seen := src.positions[p]; !seen {
					src.positions[p] = positionOf(el.Pos())
				}
				walkExpr(p, append(sel[:len(sel):len(sel)], cue.Index(i)), el)
			}
		}
	}
	for _, f := range files {
		walkDecls("", nil, f.Decls)
	}

	var firstErr error
	paths := make([]string, 0, len(attributed))
	for p := range attributed {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		// The field's label, where a bad attribute is reported: the unified
		// value's own position may lie in the schema.
		sups, err := suppressionsOf(p, v.LookupPath(cue.MakePath(attributed[p]...)), src.Pos(p))
		if err != nil && firstErr == nil {
			firstErr = err
		}
		src.Suppressions = append(src.Suppressions, sups...)
	}
	return src, firstErr
}

// selectorFor is the CUE selector of a field label; a definition keeps its
// kind so that the value lookup finds it.
func selectorFor(label ast.Label, name string) cue.Selector {
	if _, ok := label.(*ast.Ident); ok && strings.HasPrefix(name, "#") {
		return cue.Def(name)
	}
	return cue.Str(name)
}
