package terraform

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/infralint/infralint/schema"
)

// decodePlan checks the format version (the 1.x line) before decoding,
// so that another format is refused by name rather than misread. A state
// (terraform show -json without a plan file) is a plan of no change.
func decodePlan(path string, src []byte) (*tfjson.Plan, error) {
	fail := func(off int64, format string, args ...any) error {
		return schema.Errors{{Pos: offsetPos(path, src, off), Msg: fmt.Sprintf(format, args...)}}
	}
	var head struct {
		FormatVersion    *string         `json:"format_version"`
		TerraformVersion string          `json:"terraform_version"`
		PlannedValues    json.RawMessage `json:"planned_values"`
		Values           json.RawMessage `json:"values"`
	}
	if err := json.Unmarshal(src, &head); err != nil {
		return nil, jsonError(path, src, err)
	}
	if head.FormatVersion == nil {
		return nil, fail(-1, "not a Terraform plan: it has no format_version (write one with terraform show -json PLANFILE)")
	}
	v := *head.FormatVersion
	at := int64(bytes.Index(src, []byte(`"format_version"`)))
	if major, _, _ := strings.Cut(v, "."); major != "1" {
		by := ""
		if head.TerraformVersion != "" {
			by = " (written by Terraform " + head.TerraformVersion + ")"
		}
		return nil, fail(at, "plan format_version %q%s is not read: infralint reads the 1.x format of Terraform 1.0 and later", v, by)
	}
	if head.PlannedValues == nil && head.Values != nil {
		// terraform show -json of a state: what exists, every value known;
		// read as a plan that changes nothing.
		state := &tfjson.State{}
		state.UseJSONNumber(true)
		if err := json.Unmarshal(src, state); err != nil {
			return nil, jsonError(path, src, err)
		}
		return &tfjson.Plan{FormatVersion: state.FormatVersion, TerraformVersion: state.TerraformVersion, PlannedValues: state.Values}, nil
	}
	if head.PlannedValues == nil {
		return nil, fail(-1, "not a Terraform plan or state: it has neither planned_values nor values (write it with terraform show -json)")
	}
	plan := &tfjson.Plan{}
	plan.UseJSONNumber(true)
	if err := json.Unmarshal(src, plan); err != nil {
		return nil, jsonError(path, src, err)
	}
	return plan, nil
}

// jsonError is a decoding error at its place in the file.
func jsonError(path string, src []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(-1)
	msg := err.Error()
	switch {
	case errors.As(err, &se):
		off = se.Offset - 1
		msg = "invalid JSON: " + se.Error()
	case errors.As(err, &te):
		off = te.Offset - 1
		msg = fmt.Sprintf("not a Terraform plan: %s is a JSON %s, not a %s", te.Field, te.Value, te.Type)
	}
	return schema.Errors{{Pos: offsetPos(path, src, off), Msg: msg}}
}

// offsetPos is byte offset off of src as a position (no line when off < 0).
func offsetPos(path string, src []byte, off int64) schema.Position {
	if off < 0 {
		return schema.Position{File: path}
	}
	if off > int64(len(src)) {
		off = int64(len(src))
	}
	before := src[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return schema.Position{File: path, Line: line, Column: col}
}
