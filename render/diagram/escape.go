package diagram

import "strings"

// quote returns s as a DOT double-quoted string. Inside it Graphviz reads
// escString sequences in labels and tooltips (\n, \l, \N, ...), so every
// backslash of user text is doubled, double quotes are escaped, and line
// breaks become \n (a centred line break). Carriage returns are dropped.
// The mapping is injective, so distinct names stay distinct node IDs.
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
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// html escapes s for the text of an HTML-like label: the markup
// characters become entities and line breaks become <BR/>. Graphviz does
// not read backslash escapes in HTML labels, so backslashes stay as they are.
func html(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
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
			b.WriteRune(r)
		}
	}
	return b.String()
}
