package terraform

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/zclconf/go-cty/cty"
)

var update = flag.Bool("update", false, "rewrite the golden files of the terraform tests")

// dump is a Module as stable text, for goldens: every resource with its
// attributes, nested blocks and ignores, each with its position, then what
// was unresolved. Positions print relative to dir.
func dump(m *Module, dir string) string {
	var b strings.Builder
	rel := func(p Pos) string {
		f := p.File
		if r, err := filepath.Rel(dir, f); err == nil {
			f = filepath.ToSlash(r)
		}
		if p.Line == 0 {
			return f
		}
		return fmt.Sprintf("%s:%d:%d", f, p.Line, p.Column)
	}
	var block func(bl *Block, indent string)
	block = func(bl *Block, indent string) {
		names := make([]string, 0, len(bl.Attrs))
		for n := range bl.Attrs {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			a := bl.Attrs[n]
			fmt.Fprintf(&b, "%s%s = %s  @%s\n", indent, n, value(a.Value), rel(a.Pos))
		}
		for _, c := range bl.Blocks {
			fmt.Fprintf(&b, "%s%s%s {  @%s\n", indent, c.Type, labels(c.Labels), rel(c.Pos))
			block(c, indent+"  ")
			fmt.Fprintf(&b, "%s}\n", indent)
		}
	}
	for _, r := range m.Resources {
		fmt.Fprintf(&b, "%s (%s %s %s, module %q)  @%s\n", r.Address, r.Mode, r.Type, r.Name, r.Module, rel(r.Body.Pos))
		for _, ig := range r.Ignores {
			fmt.Fprintf(&b, "  ignore %s on %q reason=%q expires=%q  @%s\n", strings.Join(ig.IDs, ","), ig.Attr, ig.Reason, ig.Expires, rel(ig.Pos))
		}
		block(r.Body, "  ")
	}
	for _, name := range keys(m.Providers) {
		p := m.Providers[name]
		fmt.Fprintf(&b, "provider %s  @%s\n", name, rel(p.Pos))
		block(p, "  ")
	}
	if len(m.Unresolved) > 0 {
		b.WriteString("unresolved:\n")
		for _, u := range m.Unresolved {
			fmt.Fprintf(&b, "  %s: %s\n", rel(u.Pos), u.What)
		}
	}
	return b.String()
}

func labels(ls []string) string {
	var s string
	for _, l := range ls {
		s += fmt.Sprintf(" %q", l)
	}
	return s
}

// value prints a cty value: references as ref(address#attr), unknowns as
// (unknown), maps and objects with sorted keys.
func value(v cty.Value) string {
	if !v.IsKnown() {
		return "(unknown)"
	}
	if v.IsNull() {
		return "null"
	}
	if addr, attr, ok := ParseRef(v); ok {
		return "ref(" + addr + "#" + attr + ")"
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return fmt.Sprintf("%q", v.AsString())
	case t == cty.Number:
		return v.AsBigFloat().Text('g', -1)
	case t == cty.Bool:
		return fmt.Sprint(v.True())
	case t.IsListType() || t.IsTupleType() || t.IsSetType():
		var parts []string
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			parts = append(parts, value(e))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case t.IsMapType() || t.IsObjectType():
		var parts []string
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			parts = append(parts, k.AsString()+" = "+value(e))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return v.GoString()
}

// golden compares got with the file at path, or rewrites it with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./terraform -update to write it)", err)
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, d)
	}
}

func writeFile(t *testing.T, path, src string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}
