package terraform

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infralint/infralint/schema"
)

// TestReadPlanGolden reads each plan of testdata/plan alone and with its
// directory as --source, against plan.golden and plan-source.golden.
func TestReadPlanGolden(t *testing.T) {
	for _, name := range []string{"web", "module", "state", "tfjson-120_basic"} {
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
		{"neither", `{"format_version": "1.0", "prior_state": {}}`, `plan.json: not a Terraform plan or state: it has neither planned_values nor values (write it with terraform show -json)`},
		{"state 0.1", `{"format_version": "0.1", "values": {}}`, `plan.json:1:2: plan format_version "0.1" is not read: infralint reads the 1.x format of Terraform 1.0 and later`},
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
// that both know — the same value, of the same type (a list of one
// reference is a list in both).
func TestPlanAgreesWithHCL(t *testing.T) {
	for _, name := range []string{"web", "module", "state"} {
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
				compared += agree(t, s.Address, p.Body, s.Body)
			}
			if compared < 5 {
				t.Errorf("only %d attributes compared", compared)
			}
		})
	}
}

// agree compares what static sets in a block (attributes and nested
// blocks, recursively) with the plan's block, and counts what it compared.
func agree(t *testing.T, at string, plan, static *Block) int {
	t.Helper()
	n := 0
	for name, a := range static.Attrs {
		pa, ok := plan.Attrs[name]
		switch {
		case !ok:
			t.Errorf("%s.%s: set in the .tf file, not in the plan", at, name)
		case pa.Pos != a.Pos:
			t.Errorf("%s.%s: plan at %v, .tf at %v", at, name, pa.Pos, a.Pos)
		case !pa.Value.RawEquals(a.Value):
			t.Errorf("%s.%s: plan %s, .tf %s", at, name, value(pa.Value), value(a.Value))
		}
		n++
	}
	seen := map[string]int{}
	for _, sb := range static.Blocks {
		i := seen[sb.Type]
		seen[sb.Type]++
		pb := nthBlock(plan, sb.Type, i)
		if pb == nil {
			t.Errorf("%s: block %s #%d is not in the plan", at, sb.Type, i)
			continue
		}
		if pb.Pos != sb.Pos {
			t.Errorf("%s: block %s at %v in the plan, %v in the .tf", at, sb.Type, pb.Pos, sb.Pos)
		}
		n += agree(t, at+"."+sb.Type, pb, sb)
	}
	return n
}
