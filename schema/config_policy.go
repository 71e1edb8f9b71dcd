package schema

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"sync"

	"cuelang.org/go/cue"
	cueerrors "cuelang.org/go/cue/errors"
)

// exportConfig validates the unified configuration and returns it as JSON,
// with the policies' require constraints kept apart as CUE values: they
// are constraints (=~"^m6i\\."), not data, so they are neither concrete
// nor exportable. Each constraint is taken from the user's file as
// written, not from its unification with #Config: inside a definition
// every struct the user wrote is closed, so {deploy: {strategy: "x"}}
// would refuse the deploy fields the schema fills in with defaults.
func exportConfig(unified, user cue.Value, idx *Source) ([]byte, map[string]cue.Value, error) {
	if err := unified.Validate(cue.Final()); err != nil {
		return nil, nil, cueErrors(err, idx)
	}
	requires := map[string]cue.Value{}
	var errs cueerrors.Error
	object := func(v cue.Value, skip func(label string, f cue.Value) bool) json.RawMessage {
		fields := map[string]json.RawMessage{}
		it, err := v.Fields()
		if err != nil {
			errs = cueerrors.Append(errs, cueerrors.Promote(err, ""))
			return nil
		}
		for it.Next() {
			label, f := it.Selector().Unquoted(), it.Value()
			if skip != nil && skip(label, f) {
				continue
			}
			if err := f.Validate(cue.Concrete(true), cue.Final()); err != nil {
				errs = cueerrors.Append(errs, cueerrors.Promote(err, ""))
				continue
			}
			b, err := f.MarshalJSON()
			if err != nil {
				errs = cueerrors.Append(errs, cueerrors.Promote(err, ""))
				continue
			}
			fields[label] = b
		}
		b, _ := json.Marshal(fields)
		return b
	}
	top := object(unified, func(label string, f cue.Value) bool { return label == "policies" })
	policies := map[string]json.RawMessage{}
	if ps := unified.LookupPath(cue.ParsePath("policies")); ps.Exists() {
		it, err := ps.Fields()
		if err != nil {
			return nil, nil, cueErrors(err, idx)
		}
		for it.Next() {
			id := it.Selector().Unquoted()
			policies[id] = object(it.Value(), func(label string, f cue.Value) bool {
				if label == "require" {
					requires[id] = user.LookupPath(cue.MakePath(cue.Str("policies"), cue.Str(id), cue.Str("require")))
					return true
				}
				return false
			})
		}
	}
	if errs != nil {
		return nil, nil, cueErrors(errs, idx)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(top, &m); err != nil {
		return nil, nil, err
	}
	if len(policies) > 0 {
		m["policies"], _ = json.Marshal(policies)
	}
	out, err := json.Marshal(m)
	return out, requires, err
}

var policyID = regexp.MustCompile(`^[A-Z]+[0-9]{3}$`)

// policyIDErrors says what a policy ID must look like, where #Config's
// pattern would only say "field not allowed".
func policyIDErrors(user cue.Value, idx *Source) Errors {
	ps := user.LookupPath(cue.ParsePath("policies"))
	if ps.IncompleteKind() != cue.StructKind {
		return nil
	}
	it, err := ps.Fields()
	if err != nil {
		return nil // #Config reports it
	}
	var errs Errors
	for it.Next() {
		if id := it.Selector().Unquoted(); !policyID.MatchString(id) {
			at := Path("policies", id)
			errs = append(errs, &Error{Pos: idx.Pos(at), Msg: fmt.Sprintf("%s: a policy ID is an upper-case prefix and three digits, such as ACME001", at)})
		}
	}
	return errs.sorted()
}

// policyJSON is a policy's concrete fields.
type policyJSON struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Docs     string `json:"docs"`
	URL      string `json:"url"`
	Kind     Kind   `json:"kind"`
}

// newPolicies builds the file's policies in ID order and checks each
// constraint against its kind's schema, so that a misspelt field or a
// value the schema never allows is an error in the configuration rather
// than a policy that can never fire (or always does).
func newPolicies(ctx *cue.Context, decl map[string]policyJSON, requires map[string]cue.Value, idx *Source) ([]*Policy, error) {
	if len(decl) == 0 {
		return nil, nil
	}
	stack := ctx.CompileBytes(schemaSource, cue.Filename(schemaFilePrefix+"schema.cue"))
	if stack.Err() != nil {
		return nil, fmt.Errorf("embedded schema: %w", stack.Err())
	}
	component := stack.LookupPath(cue.ParsePath("#Component"))
	ids := make([]string, 0, len(decl))
	for id := range decl {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	mu := &sync.Mutex{}
	var out []*Policy
	var errs Errors
	for _, id := range ids {
		d := decl[id]
		at := Path("policies", id)
		req, ok := requires[id]
		if !ok || !idx.Has(at+".require") {
			errs = append(errs, &Error{Pos: idx.Pos(at), Msg: at + ": missing required field require: the constraint each " + string(d.Kind) + " must satisfy"})
			continue
		}
		kind := ctx.Encode(map[string]string{"kind": string(d.Kind)})
		if err := component.Unify(kind).Unify(req).Validate(cue.Final()); err != nil {
			errs = append(errs, requireErrors(err, idx, at+".require")...)
			continue
		}
		out = append(out, &Policy{ID: id, Severity: d.Severity, Summary: d.Summary, Docs: d.Docs, URL: d.URL,
			Kind: d.Kind, Pos: idx.Pos(at), require: req, mu: mu})
	}
	if len(errs) > 0 {
		return nil, errs.sorted()
	}
	return out, nil
}

// requireErrors places the schema's objections to a constraint at the
// constraint's fields, named below policies.ID.require.
func requireErrors(err error, idx *Source, at string) Errors {
	var out Errors
	for _, e := range cueErrors(err, nil) {
		path := at
		if rel := trimDefinition(e.path); rel != "" {
			path += "." + rel
		}
		msg := e.reason()
		pos := e.Pos
		if pos.Line == 0 || pos.File != idx.File {
			pos = idx.Pos(path)
		}
		out = append(out, &Error{Pos: pos, Msg: path + ": " + msg, path: path})
	}
	return out
}

// trimDefinition drops the schema's definition name that CUE puts first in
// the path of an error about a unified definition.
func trimDefinition(path string) string {
	for _, def := range []string{"component.", "component"} {
		if len(path) >= len(def) && path[:len(def)] == def {
			return path[len(def):]
		}
	}
	return path
}
