package schema

import (
	"sort"
	"strconv"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
)

// indexAST makes the Source of the user's files: positions are searched in
// the syntax trees when asked (astPositions), and the @infralint
// attributes are found here. The walk keeps a stack of the fields and
// list elements it is in and makes a path only for a field with
// attributes; suppressions are read from the value v at those paths, so
// that CUE parses the attribute syntax.
func indexAST(file string, files []*ast.File, v cue.Value) (*Source, error) {
	src := &Source{File: file, ast: &astPositions{files: files}}
	attributed := map[string][]cue.Selector{} // path → CUE selectors, for fields with attributes
	type step struct {
		field *ast.Field // nil for a list element
		index int
	}
	var stack []step
	record := func() {
		var path strings.Builder
		sel := make([]cue.Selector, 0, len(stack))
		for _, st := range stack {
			if st.field == nil {
				path.WriteString("[" + strconv.Itoa(st.index) + "]")
				sel = append(sel, cue.Index(st.index))
				continue
			}
			name, _, err := ast.LabelName(st.field.Label)
			if err != nil {
				return // under a dynamic or pattern label: no fixed path
			}
			if path.Len() > 0 {
				path.WriteByte('.')
			}
			path.WriteString(name)
			sel = append(sel, selectorFor(st.field.Label, name))
		}
		attributed[path.String()] = sel
	}
	var walkExpr func(e ast.Expr)
	walkDecls := func(decls []ast.Decl) {
		for _, d := range decls {
			switch x := d.(type) {
			case *ast.Attribute:
				record() // a declaration attribute of the enclosing struct
			case *ast.Field:
				stack = append(stack, step{field: x})
				if len(x.Attrs) > 0 {
					record()
				}
				walkExpr(x.Value)
				stack = stack[:len(stack)-1]
			}
		}
	}
	walkExpr = func(e ast.Expr) {
		switch x := e.(type) {
		case *ast.StructLit:
			walkDecls(x.Elts)
		case *ast.ListLit:
			for i, el := range x.Elts {
				stack = append(stack, step{index: i})
				walkExpr(el)
				stack = stack[:len(stack)-1]
			}
		}
	}
	for _, f := range files {
		walkDecls(f.Decls)
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
