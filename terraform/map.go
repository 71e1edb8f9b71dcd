package terraform

import (
	"fmt"
	"math/big"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/token"
	"github.com/zclconf/go-cty/cty"
)

// Stack is a Module mapped to an infralint stack: the stack as CUE syntax
// (Syntax, positioned in the .tf files, to load; Import, commented, to
// print), what was read and not modelled, and what the read could not
// resolve.
type Stack struct {
	// Components maps each component name to the address of the resource
	// it was made from.
	Components  map[string]string
	NotModelled []NotModelled
	Unresolved  []Unresolved
	// Notes are what the mapping read but could not carry into the stack
	// (a security group rule from a group no component uses), each where
	// it is written.
	Notes []Unresolved

	root    *object
	sources map[string][]byte
}

// NotModelled is one resource the mapping has no row for, or one of a
// mapped type that it cannot model (Reason says why).
type NotModelled struct {
	Address string
	Type    string
	Pos     Pos
	Reason  string
}

// Syntax is the stack as a CUE file whose labels carry their .tf positions.
func (s *Stack) Syntax() *ast.File {
	e := &emitter{files: map[string]*token.File{}, sources: s.sources}
	return &ast.File{Decls: e.structLit(s.root).Elts}
}

// nameTag is the tag that names a resource's component when its
// Terraform name will not do (or differs from the overlay's).
const nameTag = "infralint:name"

var badNameChars = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

// mapper holds one mapping in progress.
type mapper struct {
	m         *Module
	byAddr    map[string]*Resource   // every resource instance by address
	byBase    map[string][]*Resource // by address without its index
	used      map[string]bool        // resources a row consumed
	skipped   map[string]string      // resources of a mapped type not modelled → why
	names     map[string]string      // base address → component name
	taken     map[string]string      // component name → base address
	comps     *object                // components
	compOf    map[string]*object     // base address → its component
	stack     *Stack
	subnets   map[string]subnetInfo // subnet address → what it is
	tgMembers map[string][]string   // target group base address → component names behind it
	sgOf      map[string][]string   // component name → security group base addresses it uses
	contrib   map[string][]string   // resource address → components it was mapped into (for its ignore comments)
	byValue   map[string][]string   // a configured name → the base addresses of the resources it names
}

// Map maps a Module to a stack named name (the directory's base name when
// empty). It never fails: a resource it cannot map is listed in
// NotModelled, a value it cannot know is left out (the reader lists it in
// Unresolved), and whatever the schema then misses is the loader's error,
// at the resource's position.
func Map(m *Module, name string) *Stack {
	mp := &mapper{
		m: m, byAddr: map[string]*Resource{}, byBase: map[string][]*Resource{}, used: map[string]bool{},
		skipped: map[string]string{}, names: map[string]string{}, taken: map[string]string{}, compOf: map[string]*object{},
		stack:   &Stack{Components: map[string]string{}, Unresolved: m.Unresolved, sources: m.Sources},
		subnets: map[string]subnetInfo{}, tgMembers: map[string][]string{}, sgOf: map[string][]string{},
		contrib: map[string][]string{}, byValue: map[string][]string{},
	}
	for _, r := range m.Resources {
		mp.byAddr[r.Address] = r
		b := baseAddress(r.Address)
		mp.byBase[b] = append(mp.byBase[b], r)
	}
	mp.indexValues()
	if name == "" {
		name = filepath.Base(filepath.Clean(m.Dir))
	}
	root := newObject()
	mp.stack.root = root
	root.set("name", &node{value: stackName(name), origin: "the Terraform directory's name"})
	root.set("derived_from", &node{value: "terraform", origin: "read from Terraform: the workload and demand come from --workload"})
	mp.comps = newObject()
	mp.network(root)
	// Components first, then what refers to them (listeners, policies,
	// security group rules), so that references find their component.
	for _, r := range m.Resources {
		if r.Mode == "data" {
			continue
		}
		switch r.Type {
		case "aws_lb", "aws_alb":
			mp.lb(r)
		case "aws_autoscaling_group":
			mp.asg(r)
		case "aws_instance":
			mp.instance(r)
		case "aws_db_instance":
			mp.dbInstance(r)
		case "aws_rds_cluster":
			mp.rdsCluster(r)
		case "aws_elasticache_cluster", "aws_elasticache_replication_group":
			mp.cache(r)
		}
	}
	mp.listeners()
	mp.scaling()
	mp.ingress()
	for _, r := range mp.resourcesOf("aws_cloudfront_distribution") {
		mp.cdn(r) // after the load balancers it fronts
	}
	if len(mp.comps.names) > 0 {
		root.set("components", &node{value: mp.comps})
	}
	mp.suppressions()
	for _, r := range m.Resources {
		if r.Mode == "data" || mp.used[r.Address] {
			continue
		}
		why := mp.skipped[r.Address]
		if why == "" {
			why = "no mapping for " + r.Type
		}
		mp.stack.NotModelled = append(mp.stack.NotModelled, NotModelled{Address: r.Address, Type: r.Type, Pos: r.Body.Pos, Reason: why})
	}
	return mp.stack
}

// note records something read and not carried into the stack.
func (mp *mapper) note(p Pos, format string, args ...any) {
	mp.stack.Notes = append(mp.stack.Notes, Unresolved{Pos: p, What: fmt.Sprintf(format, args...)})
}

// skip leaves a resource of a mapped type out, saying why.
func (mp *mapper) skip(r *Resource, format string, args ...any) {
	mp.skipped[r.Address] = fmt.Sprintf(format, args...)
}

// stackName makes a directory's name a stack name (non-empty).
func stackName(s string) string {
	if s == "" || s == "." || s == "/" {
		return "terraform"
	}
	return s
}

// baseAddress is an address without its count or for_each index.
func baseAddress(addr string) string {
	if i := strings.LastIndexByte(addr, '['); i > 0 && strings.HasSuffix(addr, "]") && !strings.Contains(addr[i:], ".") {
		return addr[:i]
	}
	return addr
}

// component starts the component of resource r (all instances of a count
// or for_each resource share one) and returns it, or nil when it exists.
func (mp *mapper) component(r *Resource, kind string) *object {
	base := baseAddress(r.Address)
	if _, ok := mp.compOf[base]; ok {
		mp.use(r, mp.names[base])
		return nil
	}
	name := mp.nameFor(r)
	c := mp.comps.obj(name, r.Body.Pos, base)
	c.set("kind", &node{pos: r.Body.Pos, value: kind, origin: r.Type})
	mp.compOf[base] = c
	mp.names[base] = name
	mp.stack.Components[name] = base
	mp.use(r, name)
	return c
}

// use marks r as mapped into component name.
func (mp *mapper) use(r *Resource, name string) {
	mp.used[r.Address] = true
	if !contains(mp.contrib[r.Address], name) {
		mp.contrib[r.Address] = append(mp.contrib[r.Address], name)
	}
}

// nameFor is the component name of r: its infralint:name tag, else its
// Terraform name; one taken by another resource gets its type as suffix.
func (mp *mapper) nameFor(r *Resource) string {
	name := r.Name
	if tag, ok := tagOf(r, nameTag); ok {
		name = tag
	}
	name = badNameChars.ReplaceAllString(name, "_")
	if name == "" || !(name[0] >= 'a' && name[0] <= 'z' || name[0] >= 'A' && name[0] <= 'Z') {
		name = "r_" + name
	}
	base := baseAddress(r.Address)
	if other, ok := mp.taken[name]; ok && other != base {
		name += "_" + strings.TrimPrefix(r.Type, "aws_")
		for i := 2; mp.taken[name] != "" && mp.taken[name] != base; i++ {
			name = fmt.Sprintf("%s_%d", strings.TrimSuffix(name, fmt.Sprintf("_%d", i-1)), i)
		}
	}
	mp.taken[name] = base
	return name
}

func tagOf(r *Resource, key string) (string, bool) {
	a, ok := r.Body.Attrs["tags"]
	if !ok || !a.Value.IsKnown() || a.Value.IsNull() {
		return "", false
	}
	t := a.Value.Type()
	if !t.IsMapType() && !t.IsObjectType() {
		return "", false
	}
	for it := a.Value.ElementIterator(); it.Next(); {
		k, v := it.Element()
		if k.Type() == cty.String && k.AsString() == key {
			if s, ok := asString(v); ok {
				return s, true
			}
		}
	}
	return "", false
}

// origin names where a value came from, for the import's comments.
func origin(r *Resource, attr string) string {
	if attr == "" {
		return r.Address
	}
	return r.Address + "." + attr
}

// --- reading values -------------------------------------------------

func attr(b *Block, name string) (Attribute, bool) {
	if b == nil {
		return Attribute{}, false
	}
	a, ok := b.Attrs[name]
	if !ok || a.Value.IsNull() || !a.Value.IsWhollyKnown() {
		return Attribute{}, false
	}
	return a, true
}

func asString(v cty.Value) (string, bool) {
	if v.IsNull() || !v.IsKnown() {
		return "", false
	}
	if v.Type() == cty.String {
		return v.AsString(), true
	}
	return "", false
}

func str(b *Block, name string) (string, Pos, bool) {
	a, ok := attr(b, name)
	if !ok {
		return "", Pos{}, false
	}
	s, ok := asString(a.Value)
	if _, _, isRef := ParseRef(a.Value); isRef {
		return "", Pos{}, false
	}
	return s, a.Pos, ok
}

// num reads a number (or a numeric string, as HCL converts) as int64 when
// integral, else float64.
func num(b *Block, name string) (any, Pos, bool) {
	a, ok := attr(b, name)
	if !ok {
		return nil, Pos{}, false
	}
	v := a.Value
	if v.Type() == cty.String {
		n, err := cty.ParseNumberVal(v.AsString())
		if err != nil {
			return nil, Pos{}, false
		}
		v = n
	}
	if v.Type() != cty.Number {
		return nil, Pos{}, false
	}
	bf := v.AsBigFloat()
	if bf.IsInt() {
		if i, acc := bf.Int64(); acc == big.Exact {
			return i, a.Pos, true
		}
	}
	f, _ := bf.Float64()
	return f, a.Pos, true
}

func boolean(b *Block, name string) (bool, Pos, bool) {
	a, ok := attr(b, name)
	if !ok {
		return false, Pos{}, false
	}
	v := a.Value
	if v.Type() == cty.String {
		switch v.AsString() {
		case "true":
			return true, a.Pos, true
		case "false":
			return false, a.Pos, true
		}
		return false, Pos{}, false
	}
	if v.Type() != cty.Bool {
		return false, Pos{}, false
	}
	return v.True(), a.Pos, true
}

// values is an attribute's elements (a list, set or tuple), or the
// attribute itself when it is one value.
func values(b *Block, name string) ([]cty.Value, Pos, bool) {
	if b == nil {
		return nil, Pos{}, false
	}
	a, ok := b.Attrs[name]
	if !ok || a.Value.IsNull() || !a.Value.IsKnown() {
		return nil, Pos{}, false
	}
	t := a.Value.Type()
	if !(t.IsListType() || t.IsSetType() || t.IsTupleType()) {
		return []cty.Value{a.Value}, a.Pos, true
	}
	var out []cty.Value
	for it := a.Value.ElementIterator(); it.Next(); {
		_, v := it.Element()
		out = append(out, v)
	}
	return out, a.Pos, true
}

// refs are the base addresses an attribute refers to: references to what
// only apply knows (an id, an arn), and strings equal to the name another
// resource is configured with (aws_autoscaling_group.app.name, set in the
// configuration, reads as its value).
// Types, when given, are the resource types a name may stand for (a
// target group and an autoscaling group may share one).
func (mp *mapper) refs(b *Block, name string, types ...string) ([]string, Pos) {
	vs, pos, _ := values(b, name)
	var out []string
	for _, v := range vs {
		if addr, _, ok := ParseRef(v); ok {
			out = append(out, baseAddress(addr))
			continue
		}
		s, ok := asString(v)
		if !ok {
			continue
		}
		var named []string
		for _, base := range mp.byValue[s] {
			if len(types) == 0 || contains(types, mp.byBase[base][0].Type) {
				named = append(named, base)
			}
		}
		if len(named) == 1 {
			out = append(out, named[0])
		}
	}
	return out, pos
}

func (mp *mapper) ref(b *Block, name string, types ...string) (string, Pos, bool) {
	rs, pos := mp.refs(b, name, types...)
	if len(rs) == 0 {
		return "", Pos{}, false
	}
	return rs[0], pos, true
}

// namingAttrs are the attributes by whose configured value other
// resources name a resource.
var namingAttrs = []string{"name", "identifier", "cluster_identifier", "replication_group_id", "cluster_id", "arn", "id"}

// indexValues learns the configured names of every resource.
func (mp *mapper) indexValues() {
	for _, r := range mp.m.Resources {
		base := baseAddress(r.Address)
		for _, a := range namingAttrs {
			if s, _, ok := str(r.Body, a); ok && s != "" && !contains(mp.byValue[s], base) {
				mp.byValue[s] = append(mp.byValue[s], base)
			}
		}
	}
}

func blocks(b *Block, typ string) []*Block {
	if b == nil {
		return nil
	}
	var out []*Block
	for _, x := range b.Blocks {
		if x.Type == typ {
			out = append(out, x)
		}
	}
	return out
}

func block(b *Block, typ string) *Block {
	if bs := blocks(b, typ); len(bs) > 0 {
		return bs[0]
	}
	return nil
}

// setStr copies a string attribute to field name of c.
func setStr(c *object, name string, r *Resource, b *Block, a string) (string, bool) {
	s, pos, ok := str(b, a)
	if ok {
		c.set(name, &node{pos: pos, value: s, origin: origin(r, a)})
	}
	return s, ok
}

func setNum(c *object, name string, r *Resource, b *Block, a string) (any, bool) {
	v, pos, ok := num(b, a)
	if ok {
		c.set(name, &node{pos: pos, value: v, origin: origin(r, a)})
	}
	return v, ok
}

func setBool(c *object, name string, r *Resource, b *Block, a string) (bool, bool) {
	v, pos, ok := boolean(b, a)
	if ok {
		c.set(name, &node{pos: pos, value: v, origin: origin(r, a)})
	}
	return v, ok
}

// nested makes the origins of the fields of o that were set from a
// nested block of r (health_check, target_tracking_configuration) name
// the block: aws_lb_target_group.app.health_check.interval.
func nested(o *object, r *Resource, block string) {
	for _, name := range o.names {
		n := o.fields[name]
		if rest, ok := strings.CutPrefix(n.origin, r.Address+"."); ok && !strings.HasPrefix(rest, block+".") {
			n.origin = r.Address + "." + block + "." + rest
		}
	}
}

// resourcesOf returns every instance of the resources of type typ, in
// address order.
func (mp *mapper) resourcesOf(types ...string) []*Resource {
	var out []*Resource
	for _, r := range mp.m.Resources {
		if r.Mode != "data" && (len(types) == 0 || contains(types, r.Type)) {
			out = append(out, r)
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

func sortedUnique(xs []string) []string {
	sort.Strings(xs)
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}
