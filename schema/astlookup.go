package schema

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
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
// A field a comprehension makes ("app\(i)": {...} inside a for) is found
// at the comprehension's field whose label the name fits; fields that
// only a reference produces are not found.
type astPositions struct {
	files []*ast.File

	mu       sync.Mutex                  // Source is shared by the rules, which may run concurrently
	labels   map[any]map[string][]*field // per struct (or file): its fields by name, built on first visit
	patterns map[any][]patternField      // per struct: its comprehensions' fields with interpolated labels
	found    map[string]foundPos
}

// patternField is a comprehension's field whose label is an
// interpolation, matched as a pattern ("app\(i)" as ^app[^.[]*$).
type patternField struct {
	field
	label *regexp.Regexp
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
		a.found, a.labels, a.patterns = map[string]foundPos{}, map[any]map[string][]*field{}, map[any][]patternField{}
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
		var patterns []patternField
		var add func(i int, d ast.Decl)
		add = func(i int, d ast.Decl) {
			switch x := d.(type) {
			case *ast.Field:
				if name, _, err := ast.LabelName(x.Label); err == nil {
					byName[name] = append(byName[name], &field{order: i, f: x})
				} else if re := labelPattern(x.Label); re != nil {
					patterns = append(patterns, patternField{field{order: i, f: x}, re})
				}
			case *ast.Comprehension:
				// Its fields are this struct's, at the comprehension's place.
				if body, ok := x.Value.(*ast.StructLit); ok {
					for _, e := range body.Elts {
						add(i, e)
					}
				}
			}
		}
		for i, d := range decls {
			add(i, d)
		}
		a.labels[key], a.patterns[key] = byName, patterns
	}
	type match struct {
		*field
		end int // of the name in path
	}
	var matches []match
	for end := off; end <= len(path); end++ {
		if end == len(path) || path[end] == '.' || path[end] == '[' {
			name := path[off:end]
			for _, f := range byName[name] {
				matches = append(matches, match{f, end})
			}
			for i := range a.patterns[key] {
				if p := &a.patterns[key][i]; p.label.MatchString(name) {
					matches = append(matches, match{&p.field, end})
				}
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

// labelPattern is the pattern of an interpolated label ("app\(i)" gives
// ^app[^.[]*$), or nil for any other label or a string form it does not read
// (escapes, multi-line or raw strings).
func labelPattern(l ast.Label) *regexp.Regexp {
	ip, ok := l.(*ast.Interpolation)
	if !ok || len(ip.Elts) < 3 {
		return nil
	}
	var b strings.Builder
	b.WriteString("^")
	for i, e := range ip.Elts {
		if i%2 == 1 {
			// What a value fills in; not across a path's "." or "[",
			// which would make "app\(i)" hold every path below it.
			b.WriteString(`[^.\[]*`)
			continue
		}
		lit, ok := e.(*ast.BasicLit)
		if !ok {
			return nil
		}
		frag := lit.Value
		var cut bool
		if i == 0 {
			frag, cut = strings.CutPrefix(frag, `"`)
		} else {
			frag, cut = strings.CutPrefix(frag, ")")
		}
		if !cut {
			return nil
		}
		if i == len(ip.Elts)-1 {
			frag, cut = strings.CutSuffix(frag, `"`)
		} else {
			frag, cut = strings.CutSuffix(frag, `\(`)
		}
		if !cut || strings.ContainsAny(frag, `\"`) {
			return nil
		}
		b.WriteString(regexp.QuoteMeta(frag))
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}
