package schema

import (
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
	for _, e := range cueerrors.Errors(err) {
		format, args := e.Msg()
		path := infralintPath(e.Path())
		if strings.Contains(format, "errors in empty disjunction") {
			// A summary line; its branches arrive as their own errors.
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
		return &Error{Pos: c.pos, Msg: fmt.Sprintf("%s: %s conflicts with %s", path, c.got, c.allowed[0])}
	}
	return &Error{Pos: c.pos, Msg: fmt.Sprintf("%s: %s is not allowed; use one of %s", path, c.got, strings.Join(c.allowed, ", "))}
}

func convertCUEError(e cueerrors.Error, src *Source, path, msg string) *Error {
	if strings.Contains(msg, "incomplete value") || strings.Contains(msg, "non-concrete value") {
		// A missing required field is reported at the schema's position;
		// point at the user's enclosing value and name the outermost
		// missing field, once, instead.
		if src != nil && !src.Has(path) {
			missing := outermostMissing(src, path)
			return &Error{Pos: src.Pos(missing), Msg: "missing required field " + missing, path: missing}
		}
		return &Error{Pos: userPosition(e, src, path), Msg: fmt.Sprintf("%s: value is not concrete: it refers to itself or to a field that is never set (%s)", path, msg), path: path}
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
// starts at another top-level definition (#Workload when the whole
// workload is missing) is named by the field that holds it.
func infralintPath(sel []string) string {
	var parts []any
	for i, s := range sel {
		if i == 0 && (s == "#Stack" || s == "#Config") {
			continue
		}
		if i == 0 && strings.HasPrefix(s, "#") {
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
