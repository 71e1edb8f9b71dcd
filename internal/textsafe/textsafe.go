// Package textsafe makes user text (stack and component names,
// descriptions, suppression reasons, file names, error messages quoting
// them) safe to show: on a terminal it cannot move the cursor, clear the
// screen, hide text, write the clipboard (OSC 52) or reorder what is shown
// (the bidi controls of "Trojan source"); in Markdown it cannot open a code
// fence, break a table, or turn into a link, an image, HTML or emphasis.
//
// Unsafe characters are shown escaped, never dropped, so the reader sees
// what the input says. The escapes are those of a JSON (and Go) string:
// \n, \t, \r, \u001b, \u202e, and \xff for a byte that is not UTF-8.
// Because JSON never holds a raw control character or invalid UTF-8
// outside what these escapes spell, escaping a JSON document leaves a JSON
// document that decodes to the same strings.
package textsafe

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// keep says which layout characters an escaping leaves as they are.
type keep uint8

const (
	keepNewline keep = 1 << iota
	keepTab
)

// Terminal returns s with every control character escaped except the
// newline and the tab, which lay text out: C0, DEL, C1, the bidi
// embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069)
// and bytes that are not UTF-8. Text with none of them is returned as is.
func Terminal(s string) string { return escape(s, keepNewline|keepTab) }

// Cell is Terminal for a table cell: the tab is escaped too, since it has
// no width a table can count; a newline still breaks the cell's lines.
func Cell(s string) string { return escape(s, keepNewline) }

// Line escapes every control character, the newline and the tab
// included: for text that must stay on one line, such as a file name.
func Line(s string) string { return escape(s, 0) }

// Unsafe reports whether r is shown escaped by Line.
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

func escape(s string, k keep) string {
	i := firstUnsafe(s, k)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case r == '\n' && k&keepNewline != 0, r == '\t' && k&keepTab != 0, !Unsafe(r):
			b.WriteString(s[i : i+size])
		default:
			writeEscape(&b, r)
		}
		i += size
	}
	return b.String()
}

// firstUnsafe is the index of the first byte escape would change, or -1.
// Plain ASCII, the common case, costs one pass and no allocation.
func firstUnsafe(s string, k keep) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		if (c == '\n' && k&keepNewline != 0) || (c == '\t' && k&keepTab != 0) {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			return i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || Unsafe(r) {
			return i
		}
		i += size
	}
	return -1
}

func writeEscape(b *strings.Builder, r rune) {
	switch r {
	case '\n':
		b.WriteString(`\n`)
	case '\t':
		b.WriteString(`\t`)
	case '\r':
		b.WriteString(`\r`)
	default:
		h := strconv.FormatInt(int64(r), 16)
		b.WriteString(`\u`)
		b.WriteString(strings.Repeat("0", 4-len(h)))
		b.WriteString(h)
	}
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xf]})
}
