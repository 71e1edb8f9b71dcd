package schema

import (
	"slices"
	"strconv"
	"sync"

	"cuelang.org/go/cue/ast"
)

// astPositions finds where a path was written by searching the user's
// syntax trees when asked, instead of recording every field at load: a
// run asks for the few paths it reports (a finding, an error), and
// recording all of a 1,000-component stack's fields was most of loading
// outside CUE. The answer is that of a pre-order walk of the trees that
// records each path the first time it is met: the label of a field, the
// start of a list element, the first declaration of a field declared twice.
// Fields that only a reference or comprehension produces are not found.
type astPositions struct {
	files []*ast.File

	mu     sync.Mutex                  // Source is shared by the rules, which may run concurrently
	labels map[any]map[string][]*field // per struct (or file): its fields by name, built on first visit
	found  map[string]foundPos
}

type field struct {
	order int // among the struct's declarations, to keep pre-order
	f     *ast.Field
}

type foundPos struct {
	pos Position
	ok  bool
}

func (a *astPositions) lookup(path string) (Position, bool) {
	if a == nil {
		return Position{}, false
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if r, seen := a.found[path]; seen {
		return r.pos, r.ok
	}
	if a.found == nil {
		a.found, a.labels = map[string]foundPos{}, map[any]map[string][]*field{}
	}
	var r foundPos
	for _, f := range a.files {
		if r.pos, r.ok = a.inDecls(f, f.Decls, path, 0); r.ok {
			break
		}
	}
	a.found[path] = r
	return r.pos, r.ok
}

// inDecls searches the fields of one struct for path[off:]. A label may
// itself hold a dot (a quoted label), so every segment boundary is a
// candidate name; matches are tried in declaration order, as the walk
// meets them.
func (a *astPositions) inDecls(key any, decls []ast.Decl, path string, off int) (Position, bool) {
	byName := a.labels[key]
	if byName == nil {
		byName = map[string][]*field{}
		for i, d := range decls {
			if f, ok := d.(*ast.Field); ok {
				if name, _, err := ast.LabelName(f.Label); err == nil {
					byName[name] = append(byName[name], &field{order: i, f: f})
				}
			}
		}
		a.labels[key] = byName
	}
	type match struct {
		*field
		end int // of the name in path
	}
	var matches []match
	for end := off; end <= len(path); end++ {
		if end == len(path) || path[end] == '.' || path[end] == '[' {
			for _, f := range byName[path[off:end]] {
				matches = append(matches, match{f, end})
			}
		}
	}
	slices.SortStableFunc(matches, func(x, y match) int { return x.order - y.order })
	for _, m := range matches {
		if m.end == len(path) {
			return positionOf(m.f.Label.Pos()), true
		}
		if pos, ok := a.inExpr(m.f.Value, path, m.end); ok {
			return pos, true
		}
	}
	return Position{}, false
}

// inExpr searches a field's value for path[off:], which starts with "." or "[".
func (a *astPositions) inExpr(e ast.Expr, path string, off int) (Position, bool) {
	switch x := e.(type) {
	case *ast.StructLit:
		if path[off] == '.' {
			return a.inDecls(x, x.Elts, path, off+1)
		}
	case *ast.ListLit:
		if path[off] != '[' {
			return Position{}, false
		}
		end := off + 1
		for end < len(path) && path[end] != ']' {
			end++
		}
		i, err := strconv.Atoi(path[off+1 : end])
		if err != nil || i < 0 || i >= len(x.Elts) || end == len(path) {
			return Position{}, false
		}
		el := x.Elts[i]
		if end+1 == len(path) {
			return positionOf(el.Pos()), true
		}
		return a.inExpr(el, path, end+1)
	}
	return Position{}, false
}
