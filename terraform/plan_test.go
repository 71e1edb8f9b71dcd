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
	for _, name := range []string{"web", "tfjson-120_basic"} {
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
