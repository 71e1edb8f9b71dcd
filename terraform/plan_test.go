package terraform

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/infralint/infralint/schema"
)

// TestReadPlanGolden reads each plan of testdata/plan alone and with its
// directory as --source, against plan.golden and plan-source.golden.
func TestReadPlanGolden(t *testing.T) {
	for _, name := range []string{"web", "module", "tfjson-120_basic"} {
		dir := filepath.Join("testdata", "plan", name)
		path := filepath.Join(dir, "plan.json")
		t.Run(name, func(t *testing.T) {
			m, err := ReadPlan(path, ReadOptions{})
			if err != nil {
				t.Fatalf("ReadPlan: %v", err)
			}
			golden(t, filepath.Join(dir, "plan.golden"), dump(m, dir))
		})
		t.Run(name+"/source", func(t *testing.T) {
			m, err := ReadPlan(path, ReadOptions{Source: dir})
			if err != nil {
				t.Fatalf("ReadPlan: %v", err)
			}
			golden(t, filepath.Join(dir, "plan-source.golden"), dump(m, dir))
		})
	}
}

// TestReadPlanErrors: a plan of another format, not a plan, not JSON,
// each one positioned message.
func TestReadPlanErrors(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"format 0.1", "", `tfjson-basic-0.1.json:1:2: plan format_version "0.1" (written by Terraform 0.12.11) is not read: infralint reads the 1.x format of Terraform 1.0 and later`},
		{"format 2", "{\n  \"format_version\": \"2.0\",\n  \"planned_values\": {}\n}", `plan.json:2:3: plan format_version "2.0" is not read: infralint reads the 1.x format of Terraform 1.0 and later`},
		{"no version", `{"planned_values": {}}`, `plan.json: not a Terraform plan: it has no format_version (write one with terraform show -json PLANFILE)`},
		{"state", `{"format_version": "1.0", "values": {}}`, `plan.json: not a Terraform plan: it has no planned_values (terraform show -json of a plan file has them)`},
		{"syntax", "{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {]\n}", `plan.json:3:22: invalid JSON: invalid character ']' looking for beginning of object key string`},
		{"type", `{"format_version": "1.2", "planned_values": {"root_module": {"resources": 3}}}`, `plan.json:1:75: not a Terraform plan: planned_values.root_module.resources is a JSON number, not a []*tfjson.StateResource`},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join("testdata", "plan", "tfjson-basic-0.1.json")
			if c.src != "" {
				path = filepath.Join(t.TempDir(), "plan.json")
				writeFile(t, path, c.src)
			}
			_, err := ReadPlan(path, ReadOptions{})
			var es schema.Errors
			if !errors.As(err, &es) || len(es) != 1 {
				t.Fatalf("ReadPlan = %v; want one schema.Error", err)
			}
			got := strings.ReplaceAll(es.Error(), filepath.Dir(path)+string(filepath.Separator), "")
			if got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

// TestPlanAgreesWithHCL: for the configurations a plan was made from, the
// plan and the static read agree on every attribute the .tf files set
// that both know — the same value, or references to the same resource
// attributes (a plan gives one reference without its list).
func TestPlanAgreesWithHCL(t *testing.T) {
	for _, name := range []string{"web", "module"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", "plan", name)
			plan, err := ReadPlan(filepath.Join(dir, "plan.json"), ReadOptions{Source: dir})
			if err != nil {
				t.Fatal(err)
			}
			static, err := ReadDir(dir, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			byAddr := map[string]*Resource{}
			for _, r := range plan.Resources {
				byAddr[r.Address] = r
			}
			compared := 0
			for _, s := range static.Resources {
				p := byAddr[s.Address]
				if p == nil {
					t.Errorf("%s: read statically, not in the plan", s.Address)
					continue
				}
				for n, a := range s.Body.Attrs {
					pa, ok := p.Body.Attrs[n]
					if !ok {
						t.Errorf("%s.%s: set in the .tf file, not in the plan", s.Address, n)
						continue
					}
					if pa.Pos != a.Pos {
						t.Errorf("%s.%s: plan at %v, .tf at %v", s.Address, n, pa.Pos, a.Pos)
					}
					if got, want := refsOf(pa.Value), refsOf(a.Value); len(want) > 0 || len(got) > 0 {
						if strings.Join(got, " ") != strings.Join(want, " ") {
							t.Errorf("%s.%s: plan refers to %v, .tf to %v", s.Address, n, got, want)
						}
					} else if !pa.Value.RawEquals(a.Value) && !pa.Value.Equals(a.Value).True() {
						t.Errorf("%s.%s: plan %s, .tf %s", s.Address, n, value(pa.Value), value(a.Value))
					}
					compared++
				}
			}
			if compared < 5 {
				t.Errorf("only %d attributes compared", compared)
			}
		})
	}
}

// refsOf lists the references in v (one, or a list of them).
func refsOf(v cty.Value) []string {
	if addr, attr, ok := ParseRef(v); ok {
		return []string{addr + "#" + attr}
	}
	var out []string
	if v.IsKnown() && !v.IsNull() && (v.Type().IsTupleType() || v.Type().IsListType()) {
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			out = append(out, refsOf(e)...)
		}
	}
	return out
}
