package diagram

import (
	"strings"

	"github.com/infralint/infralint/internal/textsafe"
)

// Graphviz reads escString sequences (\N, \G, \L, \E, \T, \H, \n, \l, \r)
// in labels and tooltips, and an attacker's "\N" repeated would be replaced
// by a name, a label or the whole graph name each time (a 51 KB stack gave
// a 200 MB SVG) or spoof what a node says. So no backslash of user text
// ever reaches Graphviz as an escape; how it must be written depends on
// how many times Graphviz unescapes the attribute (found by trying every
// form with the real renderer, see escape_test.go):
//
//   - labels (plain and HTML-like) are unescaped once: \\ shows \;
//   - tooltips are unescaped twice (once when read, once when the SVG
//     renderer expands them): \\\\ shows \;
//   - IDs (graph, node, cluster names) are not unescaped at all, but an
//     entity is copied into the SVG <title>, so &#92; shows \.
//
// Control characters are shown escaped as everywhere else in infralint
// (textsafe.Cell: a newline stays a line break); double quotes are escaped
// and ampersands become &amp; (Graphviz reads entities in plain strings and
// copies entity-like text such as "&A;" into SVG unescaped, which breaks
// the XML; found by FuzzDiagramText).

// quote returns s as a DOT double-quoted label.
func quote(s string) string { return dotString(s, `\\`) }

// quoteTooltip returns s as a DOT double-quoted tooltip.
func quoteTooltip(s string) string { return dotString(s, `\\\\`) }

// quoteID returns s as a DOT double-quoted ID. The mapping is injective on
// names without control characters (component names cannot hold any), so
// distinct names stay distinct node IDs.
func quoteID(s string) string { return dotString(s, "&#92;") }

func dotString(s, backslash string) string {
	s = textsafe.Cell(s)
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(backslash)
		case '"':
			b.WriteString(`\"`)
		case '&':
			b.WriteString("&amp;")
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// html escapes s for the text of an HTML-like label: the markup
// characters become entities and line breaks become <BR/>. Graphviz still
// expands \N, \G, \E … inside HTML labels and reads \\ as one backslash
// (found by FuzzDiagramText), so backslashes are doubled too. Control
// characters are shown escaped (textsafe.Cell).
func html(s string) string {
	s = textsafe.Cell(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\n':
			b.WriteString("<BR/>")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
