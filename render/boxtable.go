package render

import (
	"bufio"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwarp"
)

// The findings of a thousand-component stack are a table of over a
// thousand rows, and tablewriter lays one out in about 100 ms (a fifth of
// `check`), most of it in per-cell bookkeeping for options infralint
// never sets. boxTable draws the tables infralint draws most — no options,
// no colour, no footer — itself, with tablewriter's own line breaking
// (twwarp) and width measure (twwidth), and gives every other table to
// tablewriter. TestBoxTableMatchesTablewriter holds the two to the same
// bytes.

// Box-drawing characters of tablewriter's default (light) style.
const (
	boxH                               = "─"
	boxV                               = "│"
	boxTopL, boxTopM, boxTopR          = "┌", "┬", "┐"
	boxMidL, boxMidM, boxMidR          = "├", "┼", "┤"
	boxBottomL, boxBottomM, boxBottomR = "└", "┴", "┘"
)

// boxTable is a table laid out as tablewriter lays out newTable's plain
// tables: a header, rows whose cells' content wraps at wrapAt columns (0:
// as it is), one space of padding either side of a cell, every line
// left-aligned.
type boxTable struct {
	header []string
	rows   [][]string
	wrapAt int
}

// plainCells reports whether boxTable draws cells as tablewriter would:
// text with no control character but the newline (a tab is expanded and
// a carriage return measured by tablewriter in ways boxTable does not
// copy).
func plainCells(cells []string) bool {
	for _, c := range cells {
		for i := 0; i < len(c); i++ {
			if b := c[i]; (b < 0x20 && b != '\n') || b == 0x7f {
				return false
			}
		}
	}
	return true
}

// plainHeader reports whether boxTable draws a header as tablewriter
// would: plain cells of one line each, not all blank (tablewriter lays
// out a header's lines its own way, and leaves out a blank header).
func plainHeader(cells []string) bool {
	blank := true
	for _, c := range cells {
		if strings.Contains(c, "\n") {
			return false
		}
		blank = blank && strings.TrimSpace(c) == ""
	}
	return !blank && plainCells(cells)
}

// boxLines are one cell's lines as tablewriter shows them: trimmed, split
// at newlines, each line wrapped to at most wrapAt columns with minimal
// raggedness (a word wider than that keeps its own line).
func boxLines(cell string, wrapAt int) []string {
	lines := strings.Split(strings.TrimSpace(cell), "\n")
	if wrapAt <= 0 {
		return lines
	}
	var out []string
	for _, line := range lines {
		wrapped, _ := twwarp.WrapString(line, wrapAt)
		out = append(out, wrapped...)
	}
	return out
}

// plainWidth is a plain cell line's display width (see plainCells): its
// byte count when it is ASCII, which then holds no escape sequence for
// displayWidth to discount.
func plainWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return displayWidth(s)
		}
	}
	return len(s)
}

func (b boxTable) write(w io.Writer) error {
	n := len(b.header)
	header := make([][]string, n)
	for i, h := range b.header {
		header[i] = boxLines(h, 0)
	}
	rows := make([][][]string, len(b.rows))
	widths := make([]int, n)
	measure := func(cells [][]string) {
		for i, lines := range cells {
			for _, l := range lines {
				widths[i] = max(widths[i], plainWidth(l))
			}
		}
	}
	measure(header)
	for r, row := range b.rows {
		cells := make([][]string, n)
		for i := range cells {
			if i < len(row) {
				cells[i] = boxLines(row[i], b.wrapAt)
			} else {
				cells[i] = []string{""}
			}
		}
		rows[r] = cells
		measure(cells)
	}

	bw := bufio.NewWriter(w)
	rule := func(left, mid, right string) {
		bw.WriteString(left)
		for i, wd := range widths {
			if i > 0 {
				bw.WriteString(mid)
			}
			bw.WriteString(strings.Repeat(boxH, wd+2))
		}
		bw.WriteString(right)
		bw.WriteByte('\n')
	}
	// lines writes a row's visual lines; after the first, a line blank in
	// every cell is left out, as tablewriter leaves it out.
	lines := func(cells [][]string) {
		height := 0
		for _, c := range cells {
			height = max(height, len(c))
		}
		for j := range height {
			if j > 0 && blankAt(cells, j) {
				continue
			}
			bw.WriteString(boxV)
			for i, c := range cells {
				text := ""
				if j < len(c) {
					text = c[j]
				}
				bw.WriteByte(' ')
				bw.WriteString(text)
				bw.WriteString(strings.Repeat(" ", widths[i]-plainWidth(text)+1))
				bw.WriteString(boxV)
			}
			bw.WriteByte('\n')
		}
	}
	rule(boxTopL, boxTopM, boxTopR)
	lines(header)
	if len(rows) > 0 {
		rule(boxMidL, boxMidM, boxMidR)
	}
	for _, r := range rows {
		lines(r)
	}
	rule(boxBottomL, boxBottomM, boxBottomR)
	return bw.Flush()
}

// blankAt reports whether line j of every cell is missing or blank.
func blankAt(cells [][]string, j int) bool {
	for _, c := range cells {
		if j < len(c) && strings.TrimSpace(c[j]) != "" {
			return false
		}
	}
	return true
}
