package terraform

import (
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/zclconf/go-cty/cty"
)

// callMeta are a module block's arguments for Terraform, not inputs.
var callMeta = map[string]bool{"source": true, "version": true, "count": true, "for_each": true, "providers": true, "depends_on": true}

// call evaluates a module block: the module it names, once per instance,
// with the block's arguments as its variables. Its value is the object of
// the module's outputs (a tuple or object of them with count or
// for_each); unknown when the module cannot be read here.
func (m *instance) call(cs *callState) cty.Value {
	switch cs.st {
	case done:
		return cs.value
	case busy:
		return cty.DynamicVal
	}
	cs.st = busy
	cs.value = cty.DynamicVal
	defer func() { cs.st = done }()
	r, b := m.r, cs.decl.block
	name := cs.decl.name
	base := m.prefix() + "module." + name
	key := name
	if m.key != "" {
		key = m.key + "." + name
	}
	at := posOf(b.TypeRange.Start, b.TypeRange.Filename)
	src := b.Body.Attributes["source"]
	if src == nil {
		r.errorf(at, "%s has no source", base)
		return cs.value
	}
	srcAt := posOf(src.NameRange.Start, src.NameRange.Filename)
	sv, diags := src.Expr.Value(nil)
	if diags.HasErrors() || sv.IsNull() || !sv.IsKnown() || sv.Type() != cty.String {
		r.errorf(srcAt, "%s: source must be a literal string", base)
		return cs.value
	}
	source := sv.AsString()
	var dir string
	switch {
	case isLocalSource(source):
		dir = filepath.Join(m.cfg.dir, source)
		if !isDir(dir) {
			r.errorf(srcAt, "%s: the module directory %s does not exist", base, dir)
			return cs.value
		}
	default:
		d, ok := r.downloaded(key)
		if !ok {
			r.unresolved(srcAt, "%s: source %q is not downloaded (terraform init would; infralint never downloads): its resources are not read and its outputs are unknown", base, source)
			return cs.value
		}
		dir = d
	}
	for a := m; a != nil; a = a.parent {
		if filepath.Clean(a.cfg.dir) == filepath.Clean(dir) {
			r.errorf(srcAt, "%s: source %q is the module this block is in (or one that calls it): it would call itself without end", base, source)
			return cs.value
		}
	}
	if m.depth >= maxDepth {
		r.errorf(at, "%s: modules nested more than %d deep (does a module call itself?)", base, maxDepth)
		return cs.value
	}
	c := r.config(dir, srcAt)
	if c == nil {
		return cs.value
	}
	exp := (&scope{m: m}).expand(b.Body, base)
	if exp == nil {
		return cs.value
	}
	vals := make([]cty.Value, len(exp.keys))
	for i, k := range exp.keys {
		s := &scope{m: m, count: k.count, each: k.each}
		given := map[string]input{}
		for _, a := range sortedAttrs(b.Body) {
			if callMeta[a.Name] {
				continue
			}
			ap := posOf(a.NameRange.Start, a.NameRange.Filename)
			if c.variables[a.Name] == nil {
				r.errorf(ap, "%s: the module in %s has no variable %q%s", base, dir, a.Name, suggest(a.Name, keys(c.variables), ""))
				continue
			}
			given[a.Name] = input{value: s.eval(a.Expr), pos: ap}
		}
		child := r.newInstance(c, base+k.suffix, key, m.depth+1)
		child.parent = m
		child.vars = child.variables(given)
		child.run()
		vals[i] = child.outputs()
	}
	cs.value = exp.whole(vals)
	return cs.value
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// downloaded is the directory terraform init put the module with this key
// in (.terraform/modules/modules.json), if it is there.
func (r *reader) downloaded(key string) (string, bool) {
	if r.downloads == nil {
		r.downloads = map[string]string{}
		path := filepath.Join(r.root, ".terraform", "modules", "modules.json")
		if src, err := readFile(path); err == nil {
			var doc struct {
				Modules []struct{ Key, Source, Dir string }
			}
			if err := json.Unmarshal(src, &doc); err != nil {
				r.unresolved(Pos{File: path}, "cannot read %s (%v): downloaded modules are not read", path, err)
			}
			for _, e := range doc.Modules {
				if e.Key != "" && !filepath.IsAbs(e.Dir) {
					r.downloads[e.Key] = filepath.Join(r.root, e.Dir)
				}
			}
		}
	}
	d, ok := r.downloads[key]
	return d, ok && isDir(d)
}

// preload parses every module the configuration in c calls, before any
// is evaluated, so that the attribute names their references use are all
// known when the first resource value is built (a module may read
// var.vpc.default_security_group_id of a whole resource passed to it).
// Problems are left for the evaluation to report, once, where they are.
func (r *reader) preload(c *config, key string, seen map[string]bool) {
	if seen[c.dir] {
		return
	}
	seen[c.dir] = true
	for _, d := range c.calls {
		src := d.block.Body.Attributes["source"]
		if src == nil {
			continue
		}
		sv, diags := src.Expr.Value(nil)
		if diags.HasErrors() || sv.IsNull() || !sv.IsKnown() || sv.Type() != cty.String {
			continue
		}
		k := d.name
		if key != "" {
			k = key + "." + d.name
		}
		var dir string
		if s := sv.AsString(); isLocalSource(s) {
			dir = filepath.Join(c.dir, s)
		} else if dl, ok := r.downloaded(k); ok {
			dir = dl
		}
		if dir == "" || !isDir(dir) || seen[dir] {
			continue
		}
		if child := r.config(dir, posOf(src.NameRange.Start, src.NameRange.Filename)); child != nil {
			r.preload(child, k, seen)
		}
	}
}
