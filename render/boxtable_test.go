package render

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/infralint/infralint/internal/term"
)

// boxWords are what random cells are made of: short and long words (one
// wider than any wrap width), wide and non-ASCII characters, Unicode
// spaces, blanks and line breaks.
var boxWords = []string{
	"a", "cache", "tier", "\"app11\"", "c5.xlarge", "2", "×", "—", "$1,234.56", "85.7%:",
	"./examples/web-asg-rds-cache/stack.cue:45:3", "cache-reads-disagree-with-calls",
	"aVeryLongWordWithoutAnySeparatorThatIsWiderThanTheColumnItIsPutInto-and-then-some",
	"表格", "é", "\u00a0", "\u2003x", " ", "  ", "\n", "\n\n", "fix:", "",
}

func randomCell(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(12) {
		if b.Len() > 0 && r.IntN(3) > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(boxWords[r.IntN(len(boxWords))])
	}
	return b.String()
}

func randomTable(r *rand.Rand) table {
	cols := 1 + r.IntN(5)
	header := make([]string, cols)
	for i := range header {
		header[i] = strings.ToUpper(boxWords[r.IntN(len(boxWords))])
		if r.IntN(8) == 0 {
			header[i] = randomCell(r)
		}
		// boxTable declines a header of several lines, which no table has.
		header[i] = strings.ReplaceAll(header[i], "\n", " ")
	}
	t := newTable(&bytes.Buffer{}, header...)
	if r.IntN(3) == 0 {
		t = t.CellWidth([]int{0, 8, 30, 60}[r.IntN(4)])
	}
	for range r.IntN(8) {
		row := make([]string, 1+r.IntN(cols))
		for i := range row {
			row[i] = randomCell(r)
		}
		_ = t.Append(row)
	}
	return t
}

// TestBoxTableMatchesTablewriter is the oracle for boxTable: on random
// tables, laid out naturally and narrowed to a terminal width, it writes
// exactly tablewriter's bytes (seeds 1..3000).
func TestBoxTableMatchesTablewriter(t *testing.T) {
	drawn := 0
	for seed := uint64(1); seed <= 3000; seed++ {
		r := rand.New(rand.NewPCG(seed, 0))
		tb := randomTable(r)
		var widths []int
		if r.IntN(2) == 0 {
			tb.style = term.Style{Width: 20 + r.IntN(80)}
			widths = tb.fitWidths()
		}
		box, ok := tb.box(widths)
		if !ok {
			continue
		}
		drawn++
		var got, want bytes.Buffer
		if err := box.write(&got); err != nil {
			t.Fatal(err)
		}
		if err := tb.renderTablewriter(&want, widths); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			g, w := strings.Split(got.String(), "\n"), strings.Split(want.String(), "\n")
			i := 0
			for i < min(len(g), len(w)) && g[i] == w[i] {
				i++
			}
			t.Fatalf("seed %d (header %q, widths %v, wrap %d): line %d of %d (tablewriter: %d lines) differs:\nboxTable:    %q\ntablewriter: %q",
				seed, tb.header, widths, tb.cellMax, i+1, len(g), len(w), at(g, i), at(w, i))
		}
	}
	if drawn < 2500 {
		t.Fatalf("boxTable drew only %d of 3000 tables", drawn)
	}
}

// A table boxTable does not draw as tablewriter would goes to tablewriter.
func TestBoxTableDeclines(t *testing.T) {
	plain := newTable(&bytes.Buffer{}, "A", "B")
	_ = plain.Append([]string{"x", "y"})
	if _, ok := plain.box(nil); !ok {
		t.Fatal("a plain table should be drawn by boxTable")
	}
	for name, tb := range map[string]table{
		"tab":    func() table { x := newTable(&bytes.Buffer{}, "A"); x.rows = [][]string{{"a\tb"}}; return x }(),
		"footer": func() table { x := newTable(&bytes.Buffer{}, "A"); x.Footer([]string{"f"}); return x }(),
		"colour": func() table { x := newTable(&bytes.Buffer{}, "A"); x.style.Color = true; return x }(),
		"wide row": func() table {
			x := newTable(&bytes.Buffer{}, "A")
			_ = x.Append([]string{"a", "b"})
			return x
		}(),
	} {
		if _, ok := tb.box(nil); ok {
			t.Errorf("%s: boxTable should leave this table to tablewriter", name)
		}
	}
}

func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "(none)"
}
