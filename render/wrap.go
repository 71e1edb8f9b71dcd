package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// displayWidth is how many columns s takes in a terminal, as the table
// measures it (wide characters count two, colour codes none).
func displayWidth(s string) int { return twwidth.Width(s) }

// wrapCell wraps every line of a cell to width columns: greedily at
// spaces, a word too long for a line after its own '/' and '-' (so that a
// path or a rule name breaks where it reads), and a piece longer still
// wherever it must.
func wrapCell(s string, width int) string {
	if width <= 0 {
		return s
	}
	var out []string
	for _, line := range strings.Split(s, "\n") {
		out = append(out, wrapLine(line, width)...)
	}
	return strings.Join(out, "\n")
}

func wrapLine(line string, width int) []string {
	if displayWidth(line) <= width {
		return []string{line}
	}
	var lines []string
	cur, curW := "", 0
	emit := func() {
		if cur != "" {
			lines = append(lines, cur)
		}
		cur, curW = "", 0
	}
	for _, word := range strings.Fields(line) {
		ww := displayWidth(word)
		if cur != "" && curW+1+ww <= width {
			cur, curW = cur+" "+word, curW+1+ww
			continue
		}
		emit()
		if ww <= width {
			cur, curW = word, ww
			continue
		}
		// A word wider than the column: its pieces, packed.
		for _, seg := range segments(word) {
			for _, piece := range hardBreak(seg, width) {
				pw := displayWidth(piece)
				if curW+pw > width {
					emit()
				}
				cur, curW = cur+piece, curW+pw
			}
		}
	}
	emit()
	if len(lines) == 0 {
		return []string{""}
	}
	return lines
}

// segments splits a line into its words, and each word after every '/'
// and '-': where a path or a hyphenated name may break.
func segments(line string) []string {
	var out []string
	for _, word := range strings.Fields(line) {
		start := 0
		for i := 0; i < len(word); i++ {
			if (word[i] == '/' || word[i] == '-') && i+1 < len(word) {
				out = append(out, word[start:i+1])
				start = i + 1
			}
		}
		out = append(out, word[start:])
	}
	return out
}

// hardBreak cuts s into pieces at most width columns wide (a character
// wider than width stands alone).
func hardBreak(s string, width int) []string {
	if displayWidth(s) <= width {
		return []string{s}
	}
	var out []string
	cur, curW := "", 0
	for _, r := range s {
		rw := displayWidth(string(r))
		if cur != "" && curW+rw > width {
			out = append(out, cur)
			cur, curW = "", 0
		}
		cur, curW = cur+string(r), curW+rw
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// printProse writes a line of prose under a table, wrapped at spaces to the
// terminal's width when w carries one (a pipe gets it on one line).
func printProse(w io.Writer, line string) error {
	if width := styleOf(w).Width; width > 0 {
		line = wrapCell(line, width)
	}
	_, err := fmt.Fprintln(w, line)
	return err
}
