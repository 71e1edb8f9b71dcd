package terraform

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/infralint/infralint/schema"
)

// FuzzReadDir reads arbitrary text as a main.tf: the read must end with
// a Module or with positioned errors, the same each time, never a panic.
func FuzzReadDir(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "hcl", "*", "*.tf"))
	for _, p := range seeds {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	cases, _ := filepath.Glob(filepath.Join("testdata", "hcl", "errors", "*.txtar"))
	for _, p := range cases {
		if ar, err := txtar.ParseFile(p); err == nil {
			for _, file := range ar.Files {
				if file.Name == "main.tf" {
					f.Add(file.Data)
				}
			}
		}
	}
	f.Add([]byte(`locals { a = [for i in range(3) : i * 2] }`))
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		m1, err1 := ReadDir(dir, ReadOptions{})
		m2, err2 := ReadDir(dir, ReadOptions{})
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("two reads differ: %v and %v", err1, err2)
		}
		if err1 != nil {
			var es schema.Errors
			if !errors.As(err1, &es) || len(es) == 0 {
				t.Fatalf("error %v is not schema.Errors", err1)
			}
			for _, e := range es {
				if e.Msg == "" || e.Pos.File == "" {
					t.Fatalf("error without message or file: %#v", e)
				}
			}
			if err1.Error() != err2.Error() {
				t.Fatalf("two reads differ:\n%v\n%v", err1, err2)
			}
			return
		}
		if d1, d2 := dump(m1, dir), dump(m2, dir); d1 != d2 {
			t.Fatalf("two reads differ:\n%s\n%s", d1, d2)
		}
	})
}

// FuzzReadPlan reads arbitrary bytes as a plan: a Module or positioned
// errors, the same each time, never a panic.
func FuzzReadPlan(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "plan", "*", "plan.json"))
	seeds = append(seeds, filepath.Join("testdata", "plan", "tfjson-basic-0.1.json"))
	for _, p := range seeds {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte(`{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_lb.x","mode":"managed","type":"aws_lb","name":"x","values":{"a":[{"b":1}]}}]}},"resource_changes":[{"address":"aws_lb.x","change":{"after_unknown":{"a":[{"c":true}],"d":true}}}]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		path := filepath.Join(t.TempDir(), "plan.json")
		if err := os.WriteFile(path, src, 0o644); err != nil {
			t.Fatal(err)
		}
		m1, err1 := ReadPlan(path, ReadOptions{})
		m2, err2 := ReadPlan(path, ReadOptions{})
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("two reads differ: %v and %v", err1, err2)
		}
		if err1 != nil {
			var es schema.Errors
			if !errors.As(err1, &es) || len(es) != 1 || es[0].Msg == "" || es[0].Pos.File != path {
				t.Fatalf("error %v is not one positioned schema.Error", err1)
			}
			if err1.Error() != err2.Error() {
				t.Fatalf("two reads differ:\n%v\n%v", err1, err2)
			}
			return
		}
		if d1, d2 := dump(m1, ""), dump(m2, ""); d1 != d2 {
			t.Fatalf("two reads differ:\n%s\n%s", d1, d2)
		}
	})
}
