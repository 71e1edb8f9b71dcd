package schema

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	cueerrors "cuelang.org/go/cue/errors"
)

// cueErrors turns CUE's errors into infralint Errors positioned in the
// user's file. src may be nil before the user's value is indexed.
func cueErrors(err error, src *Source) Errors {
	var out Errors
	conflicts := map[string]*conflict{}
	var conflictOrder []string
	// Type conflicts that a value out of bound also raises against the
	// field's default (0 against *0.7 | >0): shown only when nothing else
	// is said about the field.
	var typeConflicts Errors
	for _, e := range cueerrors.Errors(err) {
		format, args := e.Msg()
		path := infralintPath(e.Path(), src)
		if strings.Contains(format, "errors in empty disjunction") {
			// A summary line; its branches arrive as their own errors.
			continue
		}
		if format == "conflicting values %s and %s (mismatched types %s and %s)" {
			msg := shorten(fmt.Sprintf(format, args...))
			if kind, ok := notAStruct(path, args); ok {
				// The schema's struct, quoted whole, says nothing useful.
				msg = fmt.Sprintf("the file must be a struct of fields (field: value ...), not %s", kind)
			} else if strings.HasSuffix(msg, "(mismatched types float and int)") {
				// 1e12 reads as a float in CUE, however whole it is.
				msg += "; write an integer without a fraction or exponent (1000000000000, not 1e12)"
			}
			typeConflicts = append(typeConflicts, convertCUEError(e, src, path, msg))
			continue
		}
		if format == "error in call to %s" {
			// The builtin's own complaint ("negative count") is the wrapped
			// error, which Msg leaves out.
			if cause := errors.Unwrap(e); cause != nil {
				format, args = "%s: %s", []any{fmt.Sprintf(format, args...), cause.Error()}
			}
		}
		if format == "unresolved disjunction %v (type %s)" && src != nil && isComponentPath(path) && !src.Has(path+".kind") {
			// Without a kind no branch of #Component is chosen.
			out = append(out, &Error{Pos: src.Pos(path), Msg: fmt.Sprintf("missing required field %s.kind: one of %s", path, componentKinds), path: path + ".kind"})
			continue
		}
		if format == "conflicting values %s and %s" && len(args) == 2 {
			// One bad enum value yields one conflict per allowed branch:
			// collect them into one message.
			c, ok := conflicts[path]
			if !ok {
				c = &conflict{pos: userPosition(e, src, path), got: fmt.Sprint(args[1])}
				conflicts[path] = c
				conflictOrder = append(conflictOrder, path)
			}
			c.allowed = append(c.allowed, fmt.Sprint(args[0]))
			continue
		}
		out = append(out, convertCUEError(e, src, path, shorten(fmt.Sprintf(format, args...))))
	}
	reported := map[string]bool{}
	for _, e := range out {
		reported[e.path] = true
	}
	for _, e := range typeConflicts {
		if !reported[e.path] {
			reported[e.path] = true
			out = append(out, e)
		}
	}
	for _, path := range conflictOrder {
		// A value outside a bound also "conflicts" with the field's
		// default; the bound error alone says what is wrong.
		if !reported[path] {
			out = append(out, conflicts[path].error(path))
		}
	}
	if len(out) == 0 {
		out = append(out, &Error{Msg: err.Error()})
	}
	return out.sorted()
}

type conflict struct {
	pos     Position
	got     string
	allowed []string
}

func (c *conflict) error(path string) *Error {
	sort.Strings(c.allowed)
	if len(c.allowed) == 1 {
		return &Error{Pos: c.pos, Msg: fmt.Sprintf("%s: %s conflicts with %s", path, c.got, c.allowed[0]), path: path}
	}
	return &Error{Pos: c.pos, Msg: fmt.Sprintf("%s: %s is not allowed; use one of %s", path, c.got, strings.Join(c.allowed, ", ")), path: path}
}

// reason is e's message without the path it starts with, for a caller
// that names the field itself.
func (e *Error) reason() string {
	if e.path != "" && strings.HasPrefix(e.Msg, e.path+": ") {
		return e.Msg[len(e.path)+2:]
	}
	return e.Msg
}

func convertCUEError(e cueerrors.Error, src *Source, path, msg string) *Error {
	if strings.Contains(msg, "incomplete value") || strings.Contains(msg, "non-concrete value") {
		// A missing required field is reported at the schema's position;
		// point at the user's enclosing value and name the outermost
		// missing field, once, instead.
		// A path of "" is the stack itself: a condition or a dynamic label
		// at its top level is not concrete, which is no missing field.
		if src != nil && path != "" && !src.Has(path) {
			missing := outermostMissing(src, path)
			return &Error{Pos: src.Pos(missing), Msg: "missing required field " + missing, path: missing}
		}
		what := path + ": value"
		if path == "" {
			what = "an expression at the top of the stack"
		}
		return &Error{Pos: userPosition(e, src, path), Msg: fmt.Sprintf("%s is not concrete: it refers to itself or to a field that is never set (%s)", what, msg), path: path}
	}
	if path != "" {
		msg = path + ": " + msg
	}
	return &Error{Pos: userPosition(e, src, path), Msg: msg, path: path}
}

// userPosition prefers a position inside the user's files over one in the
// embedded schema.
func userPosition(e cueerrors.Error, src *Source, path string) Position {
	candidates := []Position{positionOf(e.Position())}
	for _, p := range e.InputPositions() {
		candidates = append(candidates, positionOf(p))
	}
	for _, p := range candidates {
		if p.Line > 0 && !strings.HasPrefix(p.File, schemaFilePrefix) {
			return p
		}
	}
	if src != nil {
		return src.Pos(path)
	}
	return Position{}
}

// outermostMissing returns the shortest prefix of path that the user did
// not write: a missing "workload" rather than each of its fields.
func outermostMissing(src *Source, path string) string {
	for p := path; p != ""; {
		parent := parentPath(p)
		if parent == "" || src.Has(parent) {
			return p
		}
		p = parent
	}
	return path
}

// infralintPath turns CUE's selectors into infralint's path syntax,
// dropping the #Stack or #Config root that unification adds. A path that
// starts at another top-level definition of the schema (#Workload when the
// whole workload is missing) is named by the field that holds it; one the
// user's file defines (src has it) keeps its name, so that it is found.
func infralintPath(sel []string, src *Source) string {
	var parts []any
	for i, s := range sel {
		if i == 0 && (s == "#Stack" || s == "#Config") {
			continue
		}
		if i == 0 && strings.HasPrefix(s, "#") && !src.Has(s) {
			parts = append(parts, strings.ToLower(s[1:]))
			continue
		}
		if n, err := strconv.Atoi(s); err == nil && len(parts) > 0 {
			parts = append(parts, n)
			continue
		}
		parts = append(parts, strings.Trim(s, `"`))
	}
	return Path(parts...)
}

// notAStruct returns the kind of a top-level value that conflicts with the
// schema's struct (a file holding just a string, list or null), from the
// arguments of a "mismatched types" conflict.
func notAStruct(path string, args []any) (string, bool) {
	if path != "" || len(args) != 4 {
		return "", false
	}
	a, b := fmt.Sprint(args[2]), fmt.Sprint(args[3])
	if a == "struct" {
		a, b = b, a
	}
	if b != "struct" || a == "struct" {
		return "", false
	}
	if a == "null" {
		return a, true
	}
	if strings.ContainsAny(a[:1], "aeiou") {
		return "an " + a, true
	}
	return "a " + a, true
}

// componentKinds lists #Component's kinds, as the schema writes them.
const componentKinds = `"lb", "compute", "database", "cache", "cdn", "queue"`

// isComponentPath reports whether path names one component:
// components.<name>.
func isComponentPath(path string) bool {
	name, ok := strings.CutPrefix(path, "components.")
	return ok && name != "" && !strings.ContainsAny(name, ".[")
}

// maxMessage bounds a message that quotes the user's value: a deeply
// nested or huge value would otherwise fill the terminal.
const maxMessage = 240

func shorten(msg string) string {
	r := []rune(msg)
	if len(r) <= maxMessage {
		return msg
	}
	return string(r[:maxMessage]) + "…"
}
