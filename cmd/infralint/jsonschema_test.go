package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/infralint/infralint/render"
)

// The JSON output of every command is described by a JSON Schema under
// docs/schemas (paths relative to the repository root, the tests' working
// directory). These tests validate real outputs against them, so that the
// documents and the schemas cannot drift apart.

var (
	outputSchemasOnce sync.Once
	outputSchemas     map[string]*jsonschema.Schema
	outputSchemasErr  error
)

// outputSchemaNames are the schemas, one per JSON document infralint prints.
var outputSchemaNames = []string{"check", "cost", "cost-compare", "capacity", "rules", "fit-usl", "fit-demand", "version"}

func outputSchema(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	outputSchemasOnce.Do(func() {
		outputSchemas = map[string]*jsonschema.Schema{}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		for _, n := range outputSchemaNames {
			file := filepath.Join("docs", "schemas", n+".json")
			f, err := os.Open(file)
			if err != nil {
				outputSchemasErr = err
				return
			}
			doc, err := jsonschema.UnmarshalJSON(f)
			f.Close()
			if err != nil {
				outputSchemasErr = fmt.Errorf("%s: %w", file, err)
				return
			}
			// Added under its own $id, so that nothing is fetched.
			id, _ := doc.(map[string]any)["$id"].(string)
			if err := c.AddResource(id, doc); err != nil {
				outputSchemasErr = err
				return
			}
			if outputSchemas[n], err = c.Compile(id); err != nil {
				outputSchemasErr = fmt.Errorf("%s: %w", file, err)
				return
			}
		}
	})
	if outputSchemasErr != nil {
		t.Fatal(outputSchemasErr)
	}
	return outputSchemas[name]
}

// validateJSON checks one output against its schema and its version.
func validateJSON(t *testing.T, name, out string) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("not a JSON document: %v\n%s", err, out)
	}
	if err := outputSchema(t, name).Validate(inst); err != nil {
		t.Fatalf("does not match docs/schemas/%s.json: %v", name, err)
	}
	var v struct {
		SchemaVersion int `json:"schema_version"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil || v.SchemaVersion != render.JSONSchemaVersion {
		t.Fatalf("schema_version %d, want %d (%v)", v.SchemaVersion, render.JSONSchemaVersion, err)
	}
}

// badStack writes a copy of an example with a misspelt instance type (on
// line 27), which fails to load, and returns its path.
func badStack(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile("examples/web-asg-rds/stack.cue")
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(src), `instance_type: "m5.large"`, `instance_type: "m5.lrage"`, 1)
	if broken == string(src) {
		t.Fatal("the example's instance type moved: update badStack")
	}
	p := filepath.Join(t.TempDir(), "broken.cue")
	if err := os.WriteFile(p, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const badStackLine = 27

// suppressedStack writes a copy of an example whose database is not
// encrypted at rest, with that finding (TLS004) suppressed inline.
func suppressedStack(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile("examples/web-asg-rds/stack.cue")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(src), "encrypted_at_rest: true", `encrypted_at_rest: false @infralint(ignore="TLS004", reason="test data only")`, 1)
	if s == string(src) {
		t.Fatal("the example's encryption moved: update suppressedStack")
	}
	p := filepath.Join(t.TempDir(), "suppressed.cue")
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestJSONOutputsMatchSchemas runs every command with --format json over
// every example, over the whole tree, over a stack that does not load
// alone and beside good ones, and validates each output.
func TestJSONOutputsMatchSchemas(t *testing.T) {
	bad, suppressed := badStack(t), suppressedStack(t)
	baseline := filepath.Join(t.TempDir(), "baseline.json")
	if _, errOut, code := runCLI(t, "check", "--write-baseline", baseline, "examples/web-asg-rds/stack.cue"); code != 0 {
		t.Fatalf("--write-baseline: exit %d: %s", code, errOut)
	}
	type run struct {
		schema string
		args   []string
		code   int // expected exit code; -1: 0 or 1
	}
	runs := []run{
		{"rules", []string{"rules", "--format", "json"}, 0},
		{"check", []string{"check", "--format", "json", "examples/..."}, -1},
		{"cost", []string{"cost", "--format", "json", "examples/..."}, 0},
		{"capacity", []string{"capacity", "--format", "json", "examples/..."}, 0},
		{"cost-compare", []string{"cost", "--compare", "--format", "json", "examples/web-asg-rds/stack.cue", "examples/web-asg-rds-cache/stack.cue"}, 0},
		{"check", []string{"check", "--format", "json", bad}, exitBadInput},
		{"check", []string{"check", "--format", "json", "examples/web-asg-rds/stack.cue", bad}, exitBadInput},
		{"cost", []string{"cost", "--format", "json", bad}, exitBadInput},
		{"cost", []string{"cost", "--format", "json", "examples/web-asg-rds/stack.cue", bad}, exitBadInput},
		{"capacity", []string{"capacity", "--format", "json", bad}, exitBadInput},
		{"cost-compare", []string{"cost", "--compare", "--format", "json", "examples/web-asg-rds/stack.cue", bad}, exitBadInput},
		{"check", []string{"check", "--format", "json", suppressed}, -1},
		{"check", []string{"check", "--format", "json", "--no-inline-ignores", suppressed}, -1},
		{"check", []string{"check", "--format", "json", "--baseline", baseline, "examples/web-asg-rds/stack.cue"}, 0},
		{"fit-usl", []string{"fit", "usl", "--format", "json", "cmd/infralint/testdata/fit/usl-sweep.csv"}, 0},
		{"fit-usl", []string{"fit", "usl", "--format", "json", "cmd/infralint/testdata/fit/usl-low.csv"}, 0},
		{"fit-demand", []string{"fit", "demand", "--format", "json", "--instance-type", "c5.large", "cmd/infralint/testdata/fit/demand-sim.csv"}, 0},
		{"fit-demand", []string{"fit", "demand", "--format", "json", "--vcpus", "4", "cmd/infralint/testdata/fit/demand-cpu-only.csv"}, 0},
		{"fit-demand", []string{"fit", "demand", "--format", "json", "--vcpus", "2", "--cpu", "cmd/infralint/testdata/fit/vegeta-cpu.csv", "cmd/infralint/testdata/fit/vegeta-20.json", "cmd/infralint/testdata/fit/vegeta-40.json", "cmd/infralint/testdata/fit/vegeta-200.json"}, 0},
	}
	for _, ex := range examples(t) {
		file := "examples/" + ex + "/stack.cue"
		runs = append(runs, run{"check", []string{"check", "--format", "json", file}, -1},
			run{"cost", []string{"cost", "--format", "json", file}, 0},
			run{"capacity", []string{"capacity", "--format", "json", file}, 0})
	}
	for _, r := range runs {
		name := strings.NewReplacer(bad, "BROKEN", suppressed, "SUPPRESSED", baseline, "BASELINE").Replace(strings.Join(r.args, " "))
		t.Run(name, func(t *testing.T) {
			out, errOut, code := runCLI(t, r.args...)
			if (r.code == -1 && code > 1) || (r.code >= 0 && code != r.code) {
				t.Fatalf("exit %d, want %d: %s", code, r.code, errOut)
			}
			validateJSON(t, r.schema, out)
			if r.code == exitBadInput && !strings.Contains(out, "m5.lrage") {
				t.Errorf("the load error is not in the JSON:\n%s", out)
			}
		})
	}
}

// TestJSONLoadErrorIsADocument: with --format json a stack that does not
// load still prints a whole document (it printed nothing, which broke jq
// pipelines), with the error and its position, and exits 2.
func TestJSONLoadErrorIsADocument(t *testing.T) {
	bad := badStack(t)
	for _, cmd := range [][]string{{"check"}, {"cost"}, {"capacity"}, {"cost", "--compare", bad}} {
		t.Run(cmd[0], func(t *testing.T) {
			out, _, code := runCLI(t, append(append(cmd, "--format", "json"), bad)...)
			if code != exitBadInput {
				t.Fatalf("exit %d, want 2", code)
			}
			var doc struct {
				Errors []struct {
					Message  string
					Position *struct {
						File         string
						Line, Column int
					}
				}
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatalf("stdout is not JSON: %v\n%q", err, out)
			}
			if len(doc.Errors) == 0 || doc.Errors[0].Position == nil {
				t.Fatalf("no positioned error in %s", out)
			}
			e := doc.Errors[0]
			if !strings.Contains(e.Message, `unknown instance type "m5.lrage"`) || e.Position.File != bad || e.Position.Line != badStackLine || e.Position.Column < 1 {
				t.Errorf("error %+v at %+v, want the instance type at %s:%d", e.Message, *e.Position, bad, badStackLine)
			}
		})
	}
}

// TestOutputSchemasRejectDrift makes sure the schemas can fail: a missing
// version, another version, a field they do not describe, a wrong type.
func TestOutputSchemasRejectDrift(t *testing.T) {
	for _, c := range []struct{ schema, doc string }{
		{"check", `{"findings": [], "suppressed": [], "baselined": 0, "errors": [], "notes": []}`},
		{"check", `{"schema_version": 2, "findings": [], "suppressed": [], "baselined": 0, "errors": [], "notes": []}`},
		{"check", `{"schema_version": 1, "findings": [], "suppressed": [], "baselined": 0, "errors": [], "notes": [], "extra": 1}`},
		{"check", `{"schema_version": 1, "findings": [{"rule": "X", "name": "x", "severity": "fatal", "message": "m", "path": "p", "position": {"file": "f", "line": 1, "column": 1}}], "suppressed": [], "baselined": 0, "errors": [], "notes": []}`},
		{"check", `{"schema_version": 1, "findings": [], "suppressed": [], "baselined": 0, "errors": [{"position": {"file": "f", "line": 1, "column": 1}}], "notes": []}`},
		{"cost", `{"schema_version": 1, "estimates": [{"stack": "s"}], "errors": []}`},
		{"capacity", `{"schema_version": 1, "stacks": []}`},
		{"rules", `[{"id": "NET001"}]`},
		{"fit-usl", `{"schema_version": 1, "file": "f", "model": "usl", "cue": "", "parameters": {"lambda": {"value": 1, "std_err": 0, "ci95": [1, 1], "determined": true}}, "intervals": "", "r_squared": 1, "n_star": null, "peak_throughput_rps": null, "points": [], "warnings": []}`},
		{"fit-demand", `{"schema_version": 1, "file": "f", "model": "demand", "vcpus": 0, "cue": "", "parameters": {"cpu_ms": {"value": 1, "std_err": 0, "ci95": [1, 1], "determined": true}, "background": {"value": 0, "std_err": 0, "ci95": [0, 0], "determined": false}}, "intervals": "", "r_squared": 1, "latency": null, "samples": [], "warnings": []}`},
		{"cost-compare", `{"schema_version": 1, "old": null, "new": null, "lines": [{"change": "moved"}], "delta_usd": 0, "partial": false, "errors": []}`},
	} {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(c.doc)))
		if err != nil {
			t.Fatal(err)
		}
		if err := outputSchema(t, c.schema).Validate(inst); err == nil {
			t.Errorf("docs/schemas/%s.json accepted %s", c.schema, c.doc)
		}
	}
}
