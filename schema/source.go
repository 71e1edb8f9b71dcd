package schema

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/token"

	"github.com/infralint/infralint/catalog"
)

// Position is a place in a user's file, 1-based. A zero Line means unknown.
type Position struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

func (p Position) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

func positionOf(p token.Pos) Position {
	if !p.IsValid() {
		return Position{}
	}
	return Position{File: p.Filename(), Line: p.Line(), Column: p.Column()}
}

// Suppression is one @infralint(ignore="ID,ID", reason="...", expires="YYYY-MM-DD")
// attribute on a component or field.
type Suppression struct {
	Path    string
	IDs     []string
	Reason  string
	Expires string
	Pos     Position
}

// DateLayout is the form of an expires date: YYYY-MM-DD.
const DateLayout = "2006-01-02"

// Expired reports whether the suppression carries an expiry date that
// lies before today: it suppresses up to and including that day.
func (s Suppression) Expired(today time.Time) bool {
	if s.Expires == "" {
		return false
	}
	until, err := time.Parse(DateLayout, s.Expires)
	if err != nil {
		return false // rejected when the file was loaded
	}
	y, m, d := today.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).After(until)
}

// Covers reports whether the suppression applies to rule id at path.
func (s Suppression) Covers(id, path string) bool {
	if !underPath(path, s.Path) {
		return false
	}
	for _, x := range s.IDs {
		if x == id {
			return true
		}
	}
	return false
}

// Source remembers where every field of the user's own value was written,
// because after unification positions may point into the schema instead.
type Source struct {
	File         string
	ast          *astPositions
	Suppressions []Suppression
}

// Pos returns the position of the field at path (see Path), or of its
// nearest written ancestor when the field came from a schema default.
func (s *Source) Pos(path string) Position {
	if s == nil {
		return Position{}
	}
	for p := path; ; p = parentPath(p) {
		if pos, ok := s.ast.lookup(p); ok {
			return pos
		}
		if p == "" {
			// Nothing written encloses it: the top of the file.
			return Position{File: s.File, Line: 1, Column: 1}
		}
	}
}

// Has reports whether the user wrote the field at path.
func (s *Source) Has(path string) bool {
	if s == nil {
		return false
	}
	_, ok := s.ast.lookup(path)
	return ok
}

// Path joins selectors into infralint's path syntax: dot-separated labels,
// [i] for list elements, e.g. Path("components", "alb", "listeners", 0).
func Path(parts ...any) string {
	var b strings.Builder
	for _, p := range parts {
		switch v := p.(type) {
		case int:
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(v))
			b.WriteByte(']')
		case string: // most parts: without fmt, which traffic's edges made a cost
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(v)
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, v)
		}
	}
	return b.String()
}

func parentPath(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}

// underPath reports whether path equals prefix or lies inside it.
func underPath(path, prefix string) bool {
	if prefix == "" || path == prefix {
		return true
	}
	return strings.HasPrefix(path, prefix) && (path[len(prefix)] == '.' || path[len(prefix)] == '[')
}

// suppressionKeys are the arguments of an @infralint attribute.
var suppressionKeys = []string{"ignore", "reason", "expires"}

// suggestKey is " (did you mean expires=?)" for a near miss, else "".
func suggestKey(key string) string {
	if s := catalog.Suggest(suppressionKeys, strings.TrimSuffix(key, "="), 1); len(s) > 0 {
		return " (did you mean " + s[0] + "=?)"
	}
	return ""
}

// suppressionsOf reads the @infralint attributes of v, the field at path
// written at pos.
func suppressionsOf(path string, v cue.Value, pos Position) ([]Suppression, error) {
	var out []Suppression
	for _, a := range v.Attributes(cue.ValueAttr) {
		if a.Name() != "infralint" {
			continue
		}
		seen := map[string]bool{}
		for i := range a.NumArgs() {
			key, _ := a.Arg(i)
			key = strings.TrimSpace(key)
			switch {
			case !slices.Contains(suppressionKeys, key):
				// A misspelt expires= would make the suppression permanent.
				if strings.Contains(a.RawArg(i), "=") {
					key += "="
				}
				return nil, &Error{Pos: pos, Msg: fmt.Sprintf("@infralint attribute: unknown argument %s%s; the arguments are ignore=, reason= and expires=", key, suggestKey(key))}
			case seen[key]:
				return nil, &Error{Pos: pos, Msg: fmt.Sprintf("@infralint attribute: %s= is given twice", key)}
			}
			seen[key] = true
		}
		ignore, found, err := a.Lookup(0, "ignore")
		if err != nil || !found || strings.TrimSpace(ignore) == "" {
			return nil, &Error{Pos: pos, Msg: `@infralint attribute needs ignore="RULE-ID[,RULE-ID]"`}
		}
		s := Suppression{Path: path, Pos: pos}
		for _, id := range strings.Split(ignore, ",") {
			if id = strings.TrimSpace(id); id != "" {
				s.IDs = append(s.IDs, id)
			}
		}
		s.Reason, _, _ = a.Lookup(0, "reason")
		s.Expires, _, _ = a.Lookup(0, "expires")
		if s.Expires = strings.TrimSpace(s.Expires); s.Expires != "" {
			if _, err := time.Parse(DateLayout, s.Expires); err != nil {
				return nil, &Error{Pos: pos, Msg: fmt.Sprintf(`@infralint attribute: expires=%q is not a date; write expires="YYYY-MM-DD"`, s.Expires)}
			}
		}
		out = append(out, s)
	}
	return out, nil
}
