package schema

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"cuelang.org/go/cue"
	cueerrors "cuelang.org/go/cue/errors"
)

// Policy is one organisation rule declared in a .infralint.cue: a CUE
// constraint that every component of Kind must satisfy.
type Policy struct {
	ID       string
	Severity string // info, warning or error (the file's default applied)
	Summary  string
	Docs     string
	URL      string
	Kind     Kind
	// Pos is where the policy is declared.
	Pos Position

	require cue.Value
	// The configuration's CUE context is not safe for concurrent use and
	// stacks are checked in parallel: every policy of one file shares it
	// and this lock.
	mu *sync.Mutex
}

// Violation is one way a component fails a policy.
type Violation struct {
	// Path is the field in infralint's syntax (components.db.multi_az).
	Path string
	// Field is Path below the component (multi_az, listeners[1].protocol);
	// "" for the component as a whole.
	Field string
	// Reason says what the field is and what the policy asks:
	// `is true; the policy requires false`.
	Reason string
}

// Check unifies the policy's constraint with the component called name,
// as the schema resolved it, and returns each conflict or each field the
// constraint asks for that the component does not have.
func (p *Policy) Check(name string, c *Component) []Violation {
	if c.Kind != p.Kind {
		return nil
	}
	src, err := componentJSON(c)
	if err != nil {
		// Every component the loader produced encodes; a failure is a bug.
		return []Violation{{Path: componentField(name, nil), Reason: "cannot be checked: " + err.Error()}}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	comp := p.require.Context().CompileBytes(src, cue.Filename(schemaFilePrefix+"component.json"))
	if comp.Err() != nil {
		return []Violation{{Path: componentField(name, nil), Reason: "cannot be checked: " + comp.Err().Error()}}
	}
	joined := comp.Unify(p.require)
	if err := joined.Validate(cue.Final()); err != nil {
		return conflicts(name, err)
	}
	var out []Violation
	missing(name, nil, joined, comp, &out)
	return out
}

// conflicts turns CUE's errors about a component into violations, one per
// field. A struct that fails every branch of a disjunction
// ([...({protocol: "HTTPS"} | {redirect_https: true})]) is one violation
// at the struct, naming each branch's conflict, not one per branch.
func conflicts(name string, err error) []Violation {
	var disjunctions []string
	for _, e := range cueerrors.Errors(err) {
		if format, _ := e.Msg(); strings.Contains(format, "errors in empty disjunction") {
			disjunctions = append(disjunctions, infralintPath(e.Path(), nil))
		}
	}
	byField := map[string][]string{}
	// Per disjunction: what each branch wanted and what the field was.
	wanted, found := map[string][]string{}, map[string][]string{}
	var order []string
	for _, e := range cueErrors(err, nil) {
		field, reason := e.path, policyReason(e.reason())
		if d := enclosing(disjunctions, field); d != "" {
			rel := strings.TrimPrefix(field[len(d):], ".")
			got, _, want, ok := splitReason(e.reason())
			if !ok {
				got, want = e.reason(), "?"
			}
			if _, seen := wanted[d]; !seen {
				order = append(order, d)
			}
			wanted[d] = append(wanted[d], rel+": "+want)
			found[d] = append(found[d], rel+" is "+got)
			continue
		}
		if _, ok := byField[field]; !ok {
			order = append(order, field)
		}
		byField[field] = append(byField[field], reason)
	}
	out := make([]Violation, 0, len(order))
	for _, field := range order {
		path := componentField(name, nil)
		switch {
		case strings.HasPrefix(field, "["):
			path += field
		case field != "":
			path += "." + field
		}
		reason := strings.Join(byField[field], "; ")
		if w, ok := wanted[field]; ok {
			reason = "matches none of the policy's alternatives (" + strings.Join(w, " | ") + "): " + strings.Join(found[field], ", ")
		}
		out = append(out, Violation{Path: path, Field: field, Reason: reason})
	}
	return out
}

// enclosing is the longest of paths that field lies strictly below, or "".
func enclosing(paths []string, field string) string {
	best := ""
	for _, d := range paths {
		below := strings.HasPrefix(field, d+".") || strings.HasPrefix(field, d+"[")
		if below && len(d) > len(best) {
			best = d
		}
	}
	return best
}

// missing appends a violation for each regular field of joined (the
// component unified with the constraint) that the component itself lacks:
// a constraint such as {deploy: {strategy: "blue-green"}} unifies without
// conflict with a component that has no deploy at all.
func missing(name string, at []string, joined, comp cue.Value, out *[]Violation) {
	switch joined.IncompleteKind() {
	case cue.StructKind:
		it, err := joined.Fields()
		if err != nil {
			return
		}
		for it.Next() {
			sel := it.Selector()
			label := sel.Unquoted()
			field := append(append([]string{}, at...), label)
			have := comp.LookupPath(cue.MakePath(sel))
			if !have.Exists() {
				path := componentField(name, field)
				*out = append(*out, Violation{Path: path, Field: strings.TrimPrefix(path, componentField(name, nil)+"."),
					Reason: "is not set; the policy requires " + describe(it.Value())})
				continue
			}
			missing(name, field, it.Value(), have, out)
		}
	case cue.ListKind:
		it, err := joined.List()
		if err != nil {
			return
		}
		for i := 0; it.Next(); i++ {
			have := comp.LookupPath(cue.MakePath(cue.Index(i)))
			if !have.Exists() {
				return // a longer list conflicts; Validate said so
			}
			missing(name, append(append([]string{}, at...), fmt.Sprint(i)), it.Value(), have, out)
		}
	}
}

// CUE's wording of a conflict, with the component's value first: the
// component is unified with the constraint in that order.
var (
	conflictWith = regexp.MustCompile(`^(.+) conflicts with (.+)$`)
	notAllowed   = regexp.MustCompile(`^(.+) is not allowed; use one of (.+)$`)
	outOfBound   = regexp.MustCompile(`^invalid value (.+) \(out of bound (.+)\)$`)
	doesNotMatch = regexp.MustCompile(`^invalid value (.+) \(does not satisfy (.+)\)$`)
)

// policyReason rewords CUE's complaint as what the field is and what the
// policy asks of it.
func policyReason(msg string) string {
	if got, verb, want, ok := splitReason(msg); ok {
		return "is " + got + "; the policy " + verb + " " + want
	}
	return msg
}

// splitReason reads the component's value and the policy's from CUE's
// wording of a conflict.
func splitReason(msg string) (got, verb, want string, ok bool) {
	if m := conflictWith.FindStringSubmatch(msg); m != nil {
		return m[1], "requires", m[2], true
	}
	if m := notAllowed.FindStringSubmatch(msg); m != nil {
		return m[1], "allows", m[2], true
	}
	if m := outOfBound.FindStringSubmatch(msg); m != nil {
		return m[1], "requires", m[2], true
	}
	if m := doesNotMatch.FindStringSubmatch(msg); m != nil {
		return m[1], "requires", m[2], true
	}
	return "", "", "", false
}

// describe prints what the constraint asks of a field: as JSON when it
// is concrete, else in CUE syntax on one line ({ min: >=2 }).
func describe(v cue.Value) string {
	if b, err := json.Marshal(v); err == nil {
		return string(b)
	}
	return strings.Join(strings.Fields(fmt.Sprint(v)), " ")
}

// componentField is the path of a field below components.name; list
// indices (all digits) become [i].
func componentField(name string, field []string) string {
	parts := []any{"components", name}
	for _, f := range field {
		if i, err := strconv.Atoi(f); err == nil && strconv.Itoa(i) == f {
			parts = append(parts, i)
			continue
		}
		parts = append(parts, f)
	}
	return Path(parts...)
}

// componentJSON is the component as the schema resolved it: its common
// fields and its kind's, with the optional fields it does not set left out
// (omitempty marks them), as a stack file would write it.
func componentJSON(c *Component) ([]byte, error) {
	kind, err := kindValue(c)
	if err != nil {
		return nil, err
	}
	type common Component
	base, err := json.Marshal((*common)(c))
	if err != nil {
		return nil, err
	}
	own, err := json.Marshal(kind)
	if err != nil {
		return nil, err
	}
	fields := map[string]json.RawMessage{}
	for _, b := range [][]byte{base, own} {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, err
		}
		for k, v := range m {
			fields[k] = v
		}
	}
	return json.Marshal(fields) // maps marshal in key order: deterministic
}

// kindValue is the kind's own fields of c.
func kindValue(c *Component) (any, error) {
	switch c.Kind {
	case KindLB:
		return c.LB, nil
	case KindCompute:
		return c.Compute, nil
	case KindDatabase:
		return c.Database, nil
	case KindCache:
		return c.Cache, nil
	case KindCDN:
		return c.CDN, nil
	case KindQueue:
		return c.Queue, nil
	}
	return nil, fmt.Errorf("unknown component kind %q", c.Kind)
}
