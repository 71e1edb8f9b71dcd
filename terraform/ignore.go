package terraform

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/schema"
)

// comments are a file's infralint:ignore comments, and the lines that
// hold nothing but a comment (a run of them above a block is its comment).
type comments struct {
	ignores []*comment
	alone   map[int]bool
}

// comment is one infralint:ignore comment.
type comment struct {
	pos    Pos
	line   int
	alone  bool    // nothing but the comment on its line
	ignore *Ignore // nil when malformed (an error already)
	used   bool
}

const ignorePrefix = "infralint:"

// comments lexes the file at path (parsed already) for its comments,
// parsing the infralint:ignore ones (an error for a malformed one).
func (r *reader) comments(path string) *comments {
	src := r.sources[path]
	out := &comments{alone: map[int]bool{}}
	if !bytes.Contains(src, []byte(ignorePrefix)) {
		return out // no ignore comment: no need to lex the file again
	}
	toks, _ := hclsyntax.LexConfig(src, path, hcl.InitialPos)
	lastLine := 0 // the line of the last token that is not a comment or newline
	for _, t := range toks {
		switch t.Type {
		case hclsyntax.TokenNewline, hclsyntax.TokenEOF:
			continue
		case hclsyntax.TokenComment:
		default:
			lastLine = t.Range.End.Line
			continue
		}
		text := string(t.Bytes)
		switch {
		case strings.HasPrefix(text, "#"):
			text = text[1:]
		case strings.HasPrefix(text, "//"):
			text = text[2:]
		default:
			continue // /* */ comments carry no ignores
		}
		c := &comment{pos: posOf(t.Range.Start, path), line: t.Range.Start.Line, alone: lastLine != t.Range.Start.Line}
		if c.alone {
			out.alone[c.line] = true
		}
		if text = strings.TrimSpace(text); strings.HasPrefix(text, ignorePrefix) {
			ig, err := parseIgnore(text[len(ignorePrefix):])
			if err != nil {
				r.errorf(c.pos, "%v", err)
				c.used = true // reported
			} else {
				ig.Pos = c.pos
				c.ignore = ig
			}
			out.ignores = append(out.ignores, c)
		}
	}
	return out
}

var ignoreArg = regexp.MustCompile(`^([A-Za-z_]+)\s*=\s*"([^"]*)"`)

var ignoreKeys = []string{"reason", "expires"}

// parseIgnore parses what follows "infralint:" in a comment:
// ignore=ID[,ID] reason="..." expires="YYYY-MM-DD".
func parseIgnore(s string) (*Ignore, error) {
	const usage = `write # infralint:ignore=RULE-ID[,RULE-ID] reason="..." expires="YYYY-MM-DD"`
	rest, ok := strings.CutPrefix(s, "ignore=")
	if !ok {
		return nil, fmt.Errorf("infralint comment: %s", usage)
	}
	ids, rest, _ := strings.Cut(rest, " ")
	ig := &Ignore{}
	for _, id := range strings.Split(ids, ",") {
		if id = strings.TrimSpace(id); id != "" {
			ig.IDs = append(ig.IDs, id)
		}
	}
	if len(ig.IDs) == 0 {
		return nil, fmt.Errorf("infralint:ignore names no rule: %s", usage)
	}
	seen := map[string]bool{}
	for rest = strings.TrimSpace(rest); rest != ""; rest = strings.TrimSpace(rest) {
		m := ignoreArg.FindStringSubmatch(rest)
		if m == nil {
			return nil, fmt.Errorf("infralint:ignore: cannot read %q: %s", rest, usage)
		}
		key, val := m[1], m[2]
		switch {
		case seen[key]:
			return nil, fmt.Errorf("infralint:ignore: %s= is given twice", key)
		case key == "reason":
			ig.Reason = val
		case key == "expires":
			if _, err := time.Parse(schema.DateLayout, val); err != nil {
				return nil, fmt.Errorf(`infralint:ignore: expires=%q is not a date; write expires="YYYY-MM-DD"`, val)
			}
			ig.Expires = val
		default:
			hint := ""
			if s := catalog.Suggest(ignoreKeys, key, 1); len(s) > 0 {
				hint = " (did you mean " + s[0] + "=?)"
			}
			// A misspelt expires= would make the suppression permanent.
			return nil, fmt.Errorf("infralint:ignore: unknown argument %s=%s; the arguments are reason= and expires=", key, hint)
		}
		seen[key] = true
		rest = rest[len(m[0]):]
	}
	return ig, nil
}

// attachIgnores takes the ignore comments that belong to resource block b:
// those on the lines just above it, or inside it. One above or inside a
// top-level attribute or nested block (or at the end of its line) is for
// that attribute or block.
func attachIgnores(cs *comments, b *hclsyntax.Block) []Ignore {
	start, end := b.TypeRange.Start.Line, b.CloseBraceRange.End.Line
	var items []item
	for _, a := range b.Body.Attributes {
		items = append(items, item{a.Name, a.SrcRange.Start.Line, a.SrcRange.End.Line})
	}
	for _, nb := range b.Body.Blocks {
		name := nb.Type
		if nb.Type == "dynamic" && len(nb.Labels) == 1 {
			name = nb.Labels[0]
		}
		items = append(items, item{name, nb.TypeRange.Start.Line, nb.CloseBraceRange.End.Line})
	}
	sort.Slice(items, func(i, j int) bool { return items[i].start < items[j].start })
	var out []Ignore
	for _, c := range cs.ignores {
		if c.used {
			continue
		}
		attr, ok := "", false
		switch {
		case c.line >= start && c.line <= end:
			ok = true
			for _, it := range items {
				if (c.line >= it.start && c.line <= it.end) || cs.above(c, it.start) {
					attr = it.name
					break
				}
			}
		case cs.above(c, start):
			ok = true
		}
		if !ok {
			continue
		}
		c.used = true
		if c.ignore != nil {
			ig := *c.ignore
			ig.Attr = attr
			out = append(out, ig)
		}
	}
	return out
}

type item struct {
	name       string
	start, end int
}

// above reports whether comment c is in the run of lines holding only
// comments that ends just above line.
func (cs *comments) above(c *comment, line int) bool {
	if !c.alone || c.line >= line {
		return false
	}
	for l := c.line + 1; l < line; l++ {
		if !cs.alone[l] {
			return false
		}
	}
	return true
}

// strayIgnores makes an error of an ignore comment no resource took: it
// would suppress nothing.
func (r *reader) strayIgnores(cs *comments) {
	for _, c := range cs.ignores {
		if c.ignore != nil && !c.used {
			r.errorf(c.pos, "this infralint:ignore comment is on no resource, so it suppresses nothing: put it on the line above a resource block or inside it")
		}
	}
}
