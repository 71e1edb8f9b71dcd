package terraform

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/infralint/infralint/schema"
)

// fakeTF builds a Module by hand, as the HCL reader would produce it,
// and writes a .tf-like text in step so that every position (line,
// column, byte) names a real place in Sources: one line per resource,
// attribute and nested block.
type fakeTF struct {
	file string
	buf  strings.Builder
	line int
	m    *Module
}

func newFake(file string) *fakeTF {
	return &fakeTF{file: file, m: &Module{Dir: "infra", Sources: map[string][]byte{}}}
}

// emit writes one line indented by depth tabs and returns the position of
// its first non-blank character.
func (f *fakeTF) emit(depth int, text string) Pos {
	f.line++
	p := Pos{File: f.file, Line: f.line, Column: depth + 1, Byte: f.buf.Len() + depth}
	f.buf.WriteString(strings.Repeat("\t", depth) + text + "\n")
	return p
}

type blk struct {
	f     *fakeTF
	b     *Block
	depth int
}

// attr sets an attribute; its line shows only the name.
func (b *blk) attr(name string, v cty.Value) *blk {
	b.b.Attrs[name] = Attribute{Value: v, Pos: b.f.emit(b.depth, name+" = …")}
	return b
}

func (b *blk) str(name, v string) *blk       { return b.attr(name, cty.StringVal(v)) }
func (b *blk) num(name string, v int64) *blk { return b.attr(name, cty.NumberIntVal(v)) }
func (b *blk) boolean(name string, v bool) *blk {
	return b.attr(name, cty.BoolVal(v))
}

// ref sets an attribute to a reference to another resource's attribute.
func (b *blk) ref(name, address, attr string) *blk { return b.attr(name, RefValue(address, attr)) }

// refs sets an attribute to a list of references.
func (b *blk) refs(name string, addrs ...string) *blk {
	var vs []cty.Value
	for _, a := range addrs {
		addr, attr, _ := strings.Cut(a, "#")
		vs = append(vs, RefValue(addr, attr))
	}
	return b.attr(name, cty.TupleVal(vs))
}

func (b *blk) strs(name string, ss ...string) *blk {
	var vs []cty.Value
	for _, s := range ss {
		vs = append(vs, cty.StringVal(s))
	}
	return b.attr(name, cty.TupleVal(vs))
}

// block adds a nested block.
func (b *blk) block(typ string, body func(*blk)) *blk {
	nb := &Block{Type: typ, Attrs: map[string]Attribute{}, Pos: b.f.emit(b.depth, typ+" {")}
	b.b.Blocks = append(b.b.Blocks, nb)
	if body != nil {
		body(&blk{f: b.f, b: nb, depth: b.depth + 1})
	}
	b.f.emit(b.depth, "}")
	return b
}

// res adds a managed resource; address may carry an index
// (aws_instance.web[0]).
func (f *fakeTF) res(address string, body func(*blk)) *Resource {
	base := baseAddress(address)
	typ, name, _ := strings.Cut(base, ".")
	r := &Resource{Address: address, Mode: "managed", Type: typ, Name: name,
		Body: &Block{Attrs: map[string]Attribute{}, Pos: f.emit(0, `resource "`+typ+`" "`+name+`" {`)}}
	if body != nil {
		body(&blk{f: f, b: r.Body, depth: 1})
	}
	f.emit(0, "}")
	f.m.Resources = append(f.m.Resources, r)
	return r
}

// module returns what was built, sorted as a reader sorts it.
func (f *fakeTF) module() *Module {
	f.m.Sources[f.file] = []byte(f.buf.String())
	sort.Slice(f.m.Resources, func(i, j int) bool { return f.m.Resources[i].Address < f.m.Resources[j].Address })
	return f.m
}

// network adds a VPC with a public and a private subnet in each of two
// AZs, an internet gateway routed from the public ones, and one NAT.
func (f *fakeTF) network() {
	f.res("aws_vpc.main", func(b *blk) { b.str("cidr_block", "10.0.0.0/16") })
	f.res("aws_internet_gateway.igw", func(b *blk) { b.ref("vpc_id", "aws_vpc.main", "id") })
	f.res("aws_route_table.public", func(b *blk) {
		b.block("route", func(b *blk) { b.str("cidr_block", "0.0.0.0/0").ref("gateway_id", "aws_internet_gateway.igw", "id") })
	})
	for _, s := range []struct{ name, az string }{{"public_a", "us-east-1a"}, {"public_b", "us-east-1b"}, {"private_a", "us-east-1a"}, {"private_b", "us-east-1b"}} {
		f.res("aws_subnet."+s.name, func(b *blk) { b.ref("vpc_id", "aws_vpc.main", "id").str("availability_zone", s.az) })
		if strings.HasPrefix(s.name, "public") {
			f.res("aws_route_table_association."+s.name, func(b *blk) {
				b.ref("subnet_id", "aws_subnet."+s.name, "id").ref("route_table_id", "aws_route_table.public", "id")
			})
		}
	}
	f.res("aws_nat_gateway.a", func(b *blk) { b.ref("subnet_id", "aws_subnet.public_a", "id") })
}

// load maps m and loads the result as infralint loads it, with the
// overlay files given.
func load(t *testing.T, m *Module, overlays ...string) (*Stack, *schema.Stack) {
	t.Helper()
	st := Map(m, "infra")
	l, err := schema.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	s, err := l.LoadDerived("infra", st.Syntax(), overlays)
	if err != nil {
		t.Fatalf("loading the mapped stack: %v\n%s", err, importText(t, st))
	}
	return st, s
}

func importText(t *testing.T, st *Stack) string {
	t.Helper()
	b, err := st.ImportCUE("infra", func(p Pos) string { return fmt.Sprintf("%s:%d", p.File, p.Line) })
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// at asserts that path is positioned at line of the fake file.
func at(t *testing.T, s *schema.Stack, path string, want Pos) {
	t.Helper()
	got := s.Pos(path)
	if got.File != want.File || got.Line != want.Line {
		t.Errorf("%s at %s:%d, want %s:%d", path, got.File, got.Line, want.File, want.Line)
	}
}

func mapVal(m map[string]string) cty.Value {
	vs := map[string]cty.Value{}
	for k, v := range m {
		vs[k] = cty.StringVal(v)
	}
	return cty.MapVal(vs)
}
