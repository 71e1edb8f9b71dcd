package terraform

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/format"
	"cuelang.org/go/cue/token"
)

// node is one field of the stack a mapping builds, with the place in a
// .tf file it came from and, for `import terraform`, a comment naming
// that origin. Fields keep the order they were set in.
type node struct {
	pos    Pos
	origin string // e.g. "aws_lb_listener.https: port"
	value  any    // string, int64, float64, bool, []*node (a list), *object
	attrs  []*ast.Attribute
}

// object is a struct of named nodes, in insertion order.
type object struct {
	names  []string
	fields map[string]*node
}

func newObject() *object { return &object{fields: map[string]*node{}} }

// set adds or replaces the field name; a replaced field keeps its place.
func (o *object) set(name string, n *node) *node {
	if _, ok := o.fields[name]; !ok {
		o.names = append(o.names, name)
	}
	o.fields[name] = n
	return n
}

// obj returns the struct field name, made (at pos) when absent.
func (o *object) obj(name string, pos Pos, origin string) *object {
	if n, ok := o.fields[name]; ok {
		if sub, ok := n.value.(*object); ok {
			return sub
		}
	}
	sub := newObject()
	o.set(name, &node{pos: pos, origin: origin, value: sub})
	return sub
}

// emitter turns nodes into CUE syntax. With positions (for loading), each
// label carries its .tf position through a token.File per .tf file; with
// comments (for `import terraform`), positions are left out so that the
// CUE printer lays the file out itself.
type emitter struct {
	files    map[string]*token.File
	sources  map[string][]byte
	comments bool
	where    func(Pos) string // names a .tf position in the import's comments
}

func (e *emitter) tokenPos(p Pos) token.Pos {
	if e.comments || p.File == "" || p.Line == 0 {
		return token.NoPos
	}
	f, ok := e.files[p.File]
	if !ok {
		src, known := e.sources[p.File]
		if !known {
			return token.NoPos
		}
		f = token.NewFile(p.File, 0, len(src)+1)
		f.SetLinesForContent(src)
		e.files[p.File] = f
	}
	if p.Byte < 0 || p.Byte > f.Size() {
		return token.NoPos
	}
	return f.Pos(p.Byte, token.NoRelPos)
}

func (e *emitter) structLit(o *object) *ast.StructLit {
	s := &ast.StructLit{}
	for _, name := range o.names {
		n := o.fields[name]
		if isIdent(name) {
			id := ast.NewIdent(name)
			id.NamePos = e.tokenPos(n.pos)
			s.Elts = append(s.Elts, e.field(id, n))
			continue
		}
		quoted := ast.NewString(name)
		quoted.ValuePos = e.tokenPos(n.pos)
		s.Elts = append(s.Elts, e.field(quoted, n))
	}
	return s
}

func (e *emitter) field(label ast.Label, n *node) *ast.Field {
	f := &ast.Field{Label: label, Value: e.expr(n)}
	f.Attrs = n.attrs
	if e.comments && n.origin != "" {
		text := n.origin
		if n.pos.Line > 0 && e.where != nil {
			text = e.where(n.pos) + ": " + text
		}
		ast.AddComment(f, &ast.CommentGroup{Line: true, Position: 4, List: []*ast.Comment{{Text: "// " + oneLine(text)}}})
	}
	return f
}

func (e *emitter) expr(n *node) ast.Expr {
	pos := e.tokenPos(n.pos)
	switch v := n.value.(type) {
	case *object:
		return e.structLit(v)
	case []*node:
		l := &ast.ListLit{}
		for _, el := range v {
			l.Elts = append(l.Elts, e.expr(el))
		}
		return l
	case string:
		s := ast.NewString(v)
		s.ValuePos = pos
		return s
	case bool:
		b := ast.NewBool(v)
		b.ValuePos = pos
		return b
	case int64:
		return &ast.BasicLit{Kind: token.INT, Value: strconv.FormatInt(v, 10), ValuePos: pos}
	case float64:
		return &ast.BasicLit{Kind: token.FLOAT, Value: formatFloat(v), ValuePos: pos}
	}
	panic("terraform: unexpected node value") // every setter passes one of the above
}

// formatFloat writes a number CUE reads back as itself; an integral value
// keeps a decimal point so that it stays a float.
func formatFloat(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s
}

func isIdent(s string) bool {
	if s == "" || strings.HasPrefix(s, "#") || strings.HasPrefix(s, "_") {
		return false
	}
	for i, r := range s {
		ok := r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9'
		if !ok {
			return false
		}
	}
	return true
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ImportCUE is the stack as a CUE file for `import terraform`: a header
// saying where it came from and what it left out, and a comment on every
// field naming its .tf origin (where names a position, e.g. relative to
// the working directory).
func (s *Stack) ImportCUE(from string, where func(Pos) string) ([]byte, error) {
	e := &emitter{files: map[string]*token.File{}, sources: s.sources, comments: true, where: where}
	f := &ast.File{Decls: e.structLit(s.root).Elts}
	head := []string{
		"Imported from Terraform by `infralint import terraform " + from + "`.",
		"Each field names the .tf attribute (or resource) it came from.",
		"derived_from: \"terraform\" lets workload and demand stay out: add them",
		"here, or keep them in a --workload file, for the capacity model and the",
		"cost; without them check runs the structural rules only.",
	}
	if len(s.NotModelled) > 0 {
		head = append(head, "", "Not modelled (read, not in the stack):")
		for _, n := range s.NotModelled {
			head = append(head, fmt.Sprintf("  %s (%s): %s", n.Address, where(n.Pos), n.Reason))
		}
	}
	for _, u := range s.Unresolved {
		head = append(head, fmt.Sprintf("Unresolved: %s: %s", where(u.Pos), u.What))
	}
	for _, u := range s.Notes {
		head = append(head, fmt.Sprintf("Note: %s: %s", where(u.Pos), u.What))
	}
	cg := &ast.CommentGroup{Doc: true}
	for _, l := range head {
		cg.List = append(cg.List, &ast.Comment{Text: strings.TrimRight("// "+oneLine(l), " ")})
	}
	f.Decls = append([]ast.Decl{cg}, f.Decls...)
	return format.Node(f)
}

// oneLine keeps a comment on its line whatever a .tf value holds.
func oneLine(s string) string {
	return strings.NewReplacer("\n", " ", "\r", " ").Replace(s)
}

// Positions maps the path of every field the mapping set
// (components.app.instance_type, components.web.listeners[0].port) to its
// place in the .tf files, for errors that must name it beside another.
func (s *Stack) Positions() map[string]Pos {
	out := map[string]Pos{}
	var walk func(prefix string, n *node)
	walk = func(prefix string, n *node) {
		if n.pos.Line > 0 {
			out[prefix] = n.pos
		}
		switch v := n.value.(type) {
		case *object:
			for _, name := range v.names {
				p := name
				if prefix != "" {
					p = prefix + "." + name
				}
				walk(p, v.fields[name])
			}
		case []*node:
			for i, el := range v {
				walk(prefix+"["+strconv.Itoa(i)+"]", el)
			}
		}
	}
	walk("", &node{value: s.root})
	return out
}
