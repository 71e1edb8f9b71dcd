package terraform

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// input is a value given to a variable, and where it was given.
type input struct {
	value cty.Value
	pos   Pos
}

// rootVariables reads the root module's variable files in Terraform's
// order — terraform.tfvars, *.auto.tfvars by name, then varFiles — a later
// file overriding an earlier one.
func (r *reader) rootVariables(c *config, varFiles []string) map[string]input {
	var files []string
	for _, n := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		if p := filepath.Join(c.dir, n); isFile(p) {
			files = append(files, p)
		}
	}
	if entries, err := os.ReadDir(c.dir); err == nil {
		var auto []string
		for _, e := range entries {
			if n := e.Name(); !e.IsDir() && (strings.HasSuffix(n, ".auto.tfvars") || strings.HasSuffix(n, ".auto.tfvars.json")) {
				auto = append(auto, filepath.Join(c.dir, n))
			}
		}
		sort.Strings(auto)
		files = append(files, auto...)
	}
	files = append(files, varFiles...)
	vals := map[string]input{}
	for _, path := range files {
		f := r.parse(path)
		if f == nil {
			continue
		}
		attrs, diags := f.Body.JustAttributes()
		if diags.HasErrors() {
			r.diagErrors(diags)
			continue
		}
		list := make([]*hcl.Attribute, 0, len(attrs))
		for _, a := range attrs {
			list = append(list, a)
		}
		sort.Slice(list, func(i, j int) bool { return list[i].NameRange.Start.Byte < list[j].NameRange.Start.Byte })
		for _, a := range list {
			// A variables file is literal values: no references, no functions.
			v, diags := a.Expr.Value(nil)
			if diags.HasErrors() {
				r.diagErrors(diags)
				continue
			}
			if c.variables[a.Name] == nil {
				// Terraform warns and goes on; so does a static reader.
				continue
			}
			vals[a.Name] = input{value: v, pos: posOf(a.NameRange.Start, path)}
		}
	}
	return vals
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// variables gives every variable of module instance m its value: the
// input, else the default, else unknown (and says so).
func (m *instance) variables(given map[string]input) map[string]cty.Value {
	r := m.r
	out := map[string]cty.Value{}
	names := make([]string, 0, len(m.cfg.variables))
	for n := range m.cfg.variables {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		d := m.cfg.variables[name]
		ty, defaults := cty.DynamicPseudoType, (*typeexpr.Defaults)(nil)
		if d.typeExp != nil {
			t, def, diags := typeexpr.TypeConstraintWithDefaults(d.typeExp.Expr)
			if diags.HasErrors() {
				r.diagErrors(diags)
				continue
			}
			ty, defaults = t, def
		}
		declPos := posOf(d.block.LabelRanges[0].Start, d.block.LabelRanges[0].Filename)
		in, ok := given[name]
		if !ok && d.dflt != nil {
			v, diags := d.dflt.Expr.Value(nil)
			if diags.HasErrors() {
				r.diagErrors(diags)
				continue
			}
			in, ok = input{value: v, pos: posOf(d.dflt.NameRange.Start, d.dflt.NameRange.Filename)}, true
		}
		if !ok {
			r.unresolved(declPos, "variable %q%s has no value (no default, no .tfvars): what depends on it is unknown", name, m.in())
			out[name] = cty.UnknownVal(ty)
			continue
		}
		v := in.value
		if defaults != nil {
			v = defaults.Apply(v)
		}
		cv, err := convert.Convert(v, ty)
		if err != nil {
			r.errorf(in.pos, "invalid value for variable %q: %v (its type is %s)", name, err, typeexpr.TypeString(ty))
			continue
		}
		out[name] = cv
	}
	return out
}

// in names the module instance m for a message: "" at the root.
func (m *instance) in() string {
	if m.addr == "" {
		return ""
	}
	return " of " + m.addr
}
