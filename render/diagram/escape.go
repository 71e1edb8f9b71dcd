package diagram

import "strings"

// quote returns s as a DOT double-quoted string. Inside it Graphviz reads
// escString sequences in labels and tooltips (\n, \l, \N, ...), so every
// backslash of user text is doubled, double quotes are escaped, and line
// breaks become \n (a centred line break). Carriage returns are dropped.
// The mapping is injective, so distinct names stay distinct node IDs.
// Ampersands become &amp;.
func quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '&':
			// Graphviz reads entities in plain strings and copies
			// entity-like text ("&A;") into SVG unescaped, which breaks
			// the XML (found by FuzzDiagramText).
			b.WriteString("&amp;")
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			if r < 0x20 || r == 0x7f {
				r = ' ' // control characters (NUL among them) break Graphviz's parser
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// html escapes s for the text of an HTML-like label: the markup
// characters become entities and line breaks become <BR/>. Graphviz still
// expands \N, \G, \E … inside HTML labels (and reads \\ as one
// backslash; found by FuzzDiagramText), so backslashes are doubled too.
func html(s string) string {
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
		case '\r':
		default:
			if r < 0x20 || r == 0x7f {
				r = ' ' // control characters (NUL among them) break Graphviz's parser
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}
