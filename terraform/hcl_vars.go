package terraform

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// input is a value given to a variable, and where it was given: a place
// in a file, or (from) the flag or environment variable that gave it, pos
// then being the variable's declaration.
type input struct {
	value cty.Value
	pos   Pos
	from  string
}

// envPrefix starts the environment variables that give root variables
// their values (Terraform's TF_VAR_name).
const envPrefix = "TF_VAR_"

// rootVariables reads the root module's variables in Terraform's order —
// TF_VAR_ environment variables, terraform.tfvars, *.auto.tfvars by name,
// the --var-file files, then --var assignments — a later one overriding an
// earlier one. (Terraform applies -var and -var-file in their command-line
// order; here the files come first.)
func (r *reader) rootVariables(c *config, opts ReadOptions) map[string]input {
	vals := map[string]input{}
	for _, kv := range opts.Env {
		k, raw, _ := strings.Cut(kv, "=")
		name, ok := strings.CutPrefix(k, envPrefix)
		if !ok || c.variables[name] == nil {
			continue // Terraform ignores a TF_VAR_ that names no variable
		}
		if in, ok := r.commandLineValue(c.variables[name], raw, k+" (environment)"); ok {
			vals[name] = in
		}
	}
	r.fileVariables(c, opts.VarFiles, vals)
	for _, a := range opts.Vars {
		name, raw, ok := strings.Cut(a, "=")
		switch {
		case !ok || name == "":
			r.errorf(Pos{}, "--var %q: want NAME=VALUE", a)
			continue
		case c.variables[name] == nil:
			r.errorf(Pos{}, "--var %s: the root module (%s) declares no variable %q", a, c.dir, name)
			continue
		}
		if in, ok := r.commandLineValue(c.variables[name], raw, "--var "+name); ok {
			vals[name] = in
		}
	}
	return vals
}

// commandLineValue reads raw, the text a flag or environment variable gave
// variable d, as Terraform does: literally (a string, converted later) when
// d's type is primitive or unconstrained, else as an HCL expression of
// literals such as ["a", "b"] or {size = 2}.
func (r *reader) commandLineValue(d *variableDecl, raw, from string) (input, bool) {
	pos := posOf(d.block.LabelRanges[0].Start, d.block.LabelRanges[0].Filename)
	in := input{value: cty.StringVal(raw), pos: pos, from: from}
	if d.typeExp == nil {
		return in, true
	}
	ty, diags := typeexpr.TypeConstraint(d.typeExp.Expr)
	if diags.HasErrors() || ty.IsPrimitiveType() || ty == cty.DynamicPseudoType {
		return in, true // a bad type is reported where the variable is evaluated
	}
	expr, diags := hclsyntax.ParseExpression([]byte(raw), from, hcl.InitialPos)
	if !diags.HasErrors() {
		in.value, diags = expr.Value(nil)
	}
	if diags.HasErrors() {
		r.errorf(pos, "invalid value for variable %q from %s: %s (a %s is written as HCL, e.g. [\"a\"] or {k = \"v\"})",
			d.name, from, diags[0].Summary, typeexpr.TypeString(ty))
		return input{}, false
	}
	return in, true
}

// fileVariables reads the root module's variable files in order into vals.
func (r *reader) fileVariables(c *config, varFiles []string, vals map[string]input) {
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
			how := "no default, no .tfvars, no --var, no " + envPrefix + name
			if m.addr != "" {
				how = "no default, not given by the module call"
			}
			r.unresolved(declPos, "variable %q%s has no value (%s): what depends on it is unknown", name, m.in(), how)
			out[name] = cty.UnknownVal(ty)
			continue
		}
		v := in.value
		if defaults != nil {
			v = defaults.Apply(v)
		}
		cv, err := convert.Convert(v, ty)
		if err != nil {
			from := ""
			if in.from != "" {
				from = " from " + in.from
			}
			r.errorf(in.pos, "invalid value for variable %q%s: %v (its type is %s)", name, from, err, typeexpr.TypeString(ty))
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
