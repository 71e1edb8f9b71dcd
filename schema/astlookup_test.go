package schema

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/parser"
	"github.com/infralint/infralint/internal/stackgen"
)

// recordAll is the walk astPositions answers for: every field and list
// element in pre-order, each path kept at its first visit.
func recordAll(files []*ast.File) map[string]Position {
	out := map[string]Position{}
	var walkExpr func(path string, e ast.Expr)
	walkDecls := func(path string, decls []ast.Decl) {
		for _, d := range decls {
			if x, ok := d.(*ast.Field); ok {
				name, _, err := ast.LabelName(x.Label)
				if err != nil {
					continue
				}
				p := name
				if path != "" {
					p = path + "." + name
				}
				if _, seen := out[p]; !seen {
					out[p] = positionOf(x.Label.Pos())
				}
				walkExpr(p, x.Value)
			}
		}
	}
	walkExpr = func(path string, e ast.Expr) {
		switch x := e.(type) {
		case *ast.StructLit:
			walkDecls(path, x.Elts)
		case *ast.ListLit:
			for i, el := range x.Elts {
				p := path + "[" + strconv.Itoa(i) + "]"
				if _, seen := out[p]; !seen {
					out[p] = positionOf(el.Pos())
				}
				walkExpr(p, el)
			}
		}
	}
	for _, f := range files {
		walkDecls("", f.Decls)
	}
	return out
}

// TestASTPositionsMatchWalk: searching the trees on demand answers every
// path as recording the whole walk does, on every example, a generated
// stack and a file that declares fields twice, quotes dotted labels and
// nests lists; paths not written are not found.
func TestASTPositionsMatchWalk(t *testing.T) {
	sources := map[string][]byte{"tricky.cue": []byte(`a: {b: 1, "c.d": [1, {e: 2}, [3, 4]]}
a: {b: 2, f: 3}
"a.b": 4
x: 1
x: {y: 5}
l: [[{m: 1}]]
`)}
	files, _ := filepath.Glob("../examples/*/stack.cue") // the CUE examples (web-asg-rds-tf holds an overlay, not a stack)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources[f] = src
	}
	var gen bytes.Buffer
	if err := stackgen.Write(&gen, 30); err != nil {
		t.Fatal(err)
	}
	sources["generated.cue"] = gen.Bytes()
	for name, src := range sources {
		f, err := parser.ParseFile(name, src)
		if err != nil {
			t.Fatal(err)
		}
		want := recordAll([]*ast.File{f})
		if len(want) < 8 {
			t.Fatalf("%s: %d paths", name, len(want))
		}
		a := &astPositions{files: []*ast.File{f}}
		for path, pos := range want {
			if got, ok := a.lookup(path); !ok || got != pos {
				t.Errorf("%s: %s at %v (found %v), want %v", name, path, got, ok, pos)
			}
		}
		for _, absent := range []string{"", "nope", "a.zz", "a.c.d", "l[0][1]", "l[9]", "components.nope.kind", "x.y.z", "a.b[0]"} {
			if _, walked := want[absent]; walked {
				continue
			}
			if pos, ok := a.lookup(absent); ok {
				t.Errorf("%s: %q found at %v", name, absent, pos)
			}
		}
	}
}

// TestComprehensionPositions: a field a comprehension makes is found at
// the comprehension's field its name fits, so that findings on generated
// components point into the comprehension, not at "components:".
func TestComprehensionPositions(t *testing.T) {
	var b bytes.Buffer
	if err := stackgen.WriteComprehension(&b, 8); err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile("gen.cue", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	lineOf := func(text string) int {
		i := bytes.Index(b.Bytes(), []byte(text))
		if i < 0 {
			t.Fatalf("no %q in the generated stack", text)
		}
		return bytes.Count(b.Bytes()[:i], []byte("\n")) + 1
	}
	a := &astPositions{files: []*ast.File{f}}
	for path, line := range map[string]int{
		"components.app1":                      lineOf(`"app\(i)": {`),
		"components.app1.instance_type":        lineOf(`instance_type: "c5.xlarge"`),
		"components.lb0.listeners[1].port":     lineOf(`{protocol: "HTTP", port: 80`),
		"components.cache1.data.catalog.ttl_s": lineOf(`data: catalog:`),
		"region":                               lineOf(`region:`),
	} {
		pos, ok := a.lookup(path)
		if !ok || pos.Line != line {
			t.Errorf("%s: %v %v, want line %d", path, pos, ok, line)
		}
	}
	for _, path := range []string{"components.web1", "components.app1.nothing"} {
		if pos, ok := a.lookup(path); ok {
			t.Errorf("%s found at %v", path, pos)
		}
	}
}
