package textsafe

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Markdown returns s as literal inline Markdown (GitHub Flavored), safe in
// a table cell, a heading or a paragraph: control characters are escaped as
// Terminal does (a lone CR would end the line and could open a code fence),
// a line break becomes <br>, the pipe is escaped so it cannot split a cell,
// and the characters that start links, images, HTML, entities, code spans,
// emphasis and strikethrough are escaped, and so is '#' (a heading drops a
// trailing " #" as its closing sequence), so that user text renders as the
// text it is. An underscore inside a word, which cannot emphasise, is left.
func Markdown(s string) string {
	s = Cell(strings.ReplaceAll(s, "\r\n", "\n"))
	if !strings.ContainsAny(s, "\n\\`*_[]<>&|~#") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		switch r {
		case '\n':
			b.WriteString("<br>")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '_':
			if !intraword(s, i) {
				b.WriteByte('\\')
			}
			b.WriteByte('_')
		case '\\', '`', '*', '[', ']', '|', '~', '#':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// intraword reports whether the underscore at s[i] has a letter or digit on
// both sides: CommonMark never reads such an underscore as emphasis, and
// names like web_app read better unescaped.
func intraword(s string, i int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i+1:])
	alnum := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	return alnum(before) && alnum(after)
}

// MarkdownCode returns s as a Markdown code span for a paragraph or a
// heading: control characters, newlines and tabs escaped (Line), and
// delimited by more backticks than any run inside, so that a backtick in a
// file name cannot end the span early.
func MarkdownCode(s string) string {
	s = Line(s)
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	// CommonMark strips one space from each end of a span that has both,
	// and a span must not start or end with its own delimiter character.
	switch {
	case s == "":
		s = " " // an empty span cannot be written: it shows as one space
	case strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`"),
		strings.Trim(s, " ") != "" && strings.HasPrefix(s, " ") && strings.HasSuffix(s, " "):
		s = " " + s + " "
	}
	return fence + s + fence
}

// MarkdownCellCode is MarkdownCode inside a table cell, where even in a code
// span a pipe ends the cell unless it is escaped (GFM unescapes it again).
func MarkdownCellCode(s string) string {
	return strings.ReplaceAll(MarkdownCode(s), "|", `\|`)
}

func longestRun(s string, c byte) int {
	longest, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			longest = max(longest, n)
		} else {
			n = 0
		}
	}
	return longest
}
