package render

import (
	"github.com/infralint/infralint/schema"
)

// JSONSchemaVersion is the schema_version of every command's JSON output
// (check, cost, capacity, rules), described by docs/schemas/*.json. It
// changes only when a field is removed or changes meaning; new fields may
// appear within a version.
const JSONSchemaVersion = 1

// errorJSON is one input error in a JSON document: a stack that did not
// load, or the configuration that applies to it. Position is absent when
// the error has no file.
type errorJSON struct {
	Message  string           `json:"message"`
	Position *schema.Position `json:"position,omitempty"`
}

// errorsJSON lists errs with positions relative to dir; never nil, so the
// document always has its "errors" array.
func errorsJSON(errs schema.Errors, dir string) []errorJSON {
	out := []errorJSON{}
	for _, e := range errs {
		j := errorJSON{Message: e.Msg}
		if e.Pos.File != "" {
			p := e.Pos
			p.File = RelPath(p.File, dir)
			j.Position = &p
		}
		out = append(out, j)
	}
	return out
}
