package schema

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"cuelang.org/go/cue"
	cueerrors "cuelang.org/go/cue/errors"
)

// exportConfig validates the unified configuration and returns it as JSON
// without its policies, and the policies apart: their concrete fields, and
// their require constraints as CUE values. A constraint (=~"^m6i\\.") is
// not data, so it is neither concrete nor exportable. Each constraint is
// taken from the user's file as written, not from its unification with
// #Config: inside a definition every struct the user wrote is closed, so
// {deploy: {strategy: "x"}} would refuse the deploy fields the schema
// fills in with defaults.
func exportConfig(unified, user cue.Value, idx *Source) ([]byte, map[string]policyJSON, map[string]cue.Value, error) {
	if err := unified.Validate(cue.Final()); err != nil {
		return nil, nil, nil, cueErrors(err, idx)
	}
	var errs cueerrors.Error
	object := func(v cue.Value, skip string) map[string]json.RawMessage {
		fields := map[string]json.RawMessage{}
		it, err := v.Fields()
		if err != nil {
			errs = cueerrors.Append(errs, cueerrors.Promote(err, ""))
			return nil
		}
		for it.Next() {
			label, f := it.Selector().Unquoted(), it.Value()
			if label == skip {
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
		return fields
	}
	top := object(unified, "policies")
	decl, requires := map[string]policyJSON{}, map[string]cue.Value{}
	if ps := unified.LookupPath(cue.ParsePath("policies")); ps.Exists() {
		it, err := ps.Fields()
		if err != nil {
			return nil, nil, nil, cueErrors(err, idx)
		}
		for it.Next() {
			id := it.Selector().Unquoted()
			fields := object(it.Value(), "require")
			if r := user.LookupPath(cue.MakePath(cue.Str("policies"), cue.Str(id), cue.Str("require"))); r.Exists() {
				requires[id] = r
			}
			b, _ := json.Marshal(fields) // raw messages that MarshalJSON made
			var d policyJSON
			if err := json.Unmarshal(b, &d); err != nil {
				return nil, nil, nil, errorf(Position{File: idx.File}, "decoding policies.%s: %v", id, err)
			}
			decl[id] = d
		}
	}
	if errs != nil {
		return nil, nil, nil, cueErrors(errs, idx)
	}
	out, err := json.Marshal(top)
	return out, decl, requires, err
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
	if rest, ok := strings.CutPrefix(path, "component"); ok {
		return strings.TrimPrefix(rest, ".")
	}
	return path
}
