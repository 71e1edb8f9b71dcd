// Package render turns analysis results into text, JSON, SARIF, Markdown
// and DOT. It computes nothing: every number arrives ready.
package render

import (
	"bytes"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/infralint/infralint/internal/term"
	"github.com/infralint/infralint/internal/textsafe"
)

// maxCellWidth keeps long messages readable on an ordinary terminal by
// wrapping them inside their cell.
const maxCellWidth = 60

// table is a text table whose cells are escaped (textsafe.Cell) before the
// table measures them, so that a control character in user text is shown,
// not obeyed, and the columns still line up. It is laid out for the Style
// of the writer it is given (see styledWriter): narrowed to a terminal's
// width, and coloured; any other writer gets the natural layout.
type table struct{ *tableData }

type tableData struct {
	w       io.Writer // where Render writes (the raw writer when colouring: see newTable)
	flush   func() error
	style   term.Style
	opts    []tablewriter.Option
	cellMax int
	flex    int // the column that keeps its width longest when narrowed, or -1
	header  []string
	rows    [][]string
	paint   [][]term.Color
	footer  []string
}

// newTable gives every text table in infralint the same look: headers as
// written, left-aligned text, wrapped long cells.
func newTable(w io.Writer, header ...string) table {
	d := &tableData{w: w, flush: func() error { return nil }, cellMax: maxCellWidth, flex: -1, header: safeCells(header)}
	if sw, ok := w.(*styledWriter); ok {
		d.style = sw.style
		if sw.style.Color {
			// The cells are escaped already and the borders are the
			// table's own, so the table's bytes are safe as they are; the
			// escaping writer would show the colour codes instead of
			// obeying them.
			d.w, d.flush = sw.raw, sw.Writer.Flush
		}
	}
	return table{d}
}

func (t table) Options(opts ...tablewriter.Option) table { t.opts = append(t.opts, opts...); return t }

// CellWidth sets the width long cells wrap at (maxCellWidth by default).
func (t table) CellWidth(n int) table { t.cellMax = n; return t }

// Flex names the column (a message, a line item) that keeps its width
// while the others are narrowed to fit the terminal.
func (t table) Flex(col int) table { t.flex = col; return t }

func (t table) Append(cells []string) error { return t.AppendPainted(cells, nil) }

// AppendPainted appends a row whose cells are shown in the given colours
// when the writer asks for colour (paint[i] for cell i; a short or nil
// paint leaves the rest as they are).
func (t table) AppendPainted(cells []string, paint []term.Color) error {
	t.rows = append(t.rows, safeCells(cells))
	t.paint = append(t.paint, paint)
	return nil
}

func (t table) Footer(cells []string) { t.footer = safeCells(cells) }

// Render writes the table: in its natural layout when that fits the
// style's width (or there is none), else with every column narrowed to a
// width that fits and its cells wrapped to it (see fitColumns).
func (t table) Render() error {
	var natural bytes.Buffer
	if err := t.render(&natural, nil); err != nil {
		return err
	}
	out := natural.Bytes()
	if t.style.Width > 0 && firstLineWidth(out) > t.style.Width {
		var narrow bytes.Buffer
		if err := t.render(&narrow, t.fitWidths()); err != nil {
			return err
		}
		out = narrow.Bytes()
	}
	if err := t.flush(); err != nil {
		return err
	}
	_, err := t.w.Write(out)
	return err
}

// Fits reports whether the table, narrowed as Render narrows it, fits the
// style's width (always, without one).
func (t table) Fits() bool {
	if t.style.Width <= 0 {
		return true
	}
	var b bytes.Buffer
	if t.render(&b, nil) == nil && firstLineWidth(b.Bytes()) <= t.style.Width {
		return true
	}
	b.Reset()
	return t.render(&b, t.fitWidths()) == nil && firstLineWidth(b.Bytes()) <= t.style.Width
}

// render lays the table out; widths, when given, are the columns' content
// widths, every cell wrapped to them beforehand.
func (t table) render(w io.Writer, widths []int) error {
	if b, ok := t.box(widths); ok {
		return b.write(w)
	}
	return t.renderTablewriter(w, widths)
}

// box is the table as a boxTable, when boxTable draws it as tablewriter
// would (no options, colour or footer; plain cells).
func (t table) box(widths []int) (boxTable, bool) {
	if len(t.opts) > 0 || t.style.Color || t.footer != nil || len(t.header) == 0 || !plainHeader(t.header) {
		return boxTable{}, false
	}
	for _, r := range t.rows {
		if len(r) > len(t.header) || !plainCells(r) {
			return boxTable{}, false
		}
	}
	if widths == nil {
		// tablewriter wraps a cell's content, within its padding.
		return boxTable{header: t.header, rows: t.rows, wrapAt: max(t.cellMax-2, 0)}, true
	}
	wrap := func(cells []string) []string {
		out := make([]string, len(cells))
		for i, c := range cells {
			out[i] = wrapCell(c, widths[i])
		}
		return out
	}
	rows := make([][]string, len(t.rows))
	for i, r := range t.rows {
		rows[i] = wrap(r)
	}
	return boxTable{header: wrap(t.header), rows: rows}, true
}

// renderTablewriter lays the table out with tablewriter.
func (t table) renderTablewriter(w io.Writer, widths []int) error {
	opts := []tablewriter.Option{
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNormal),
		tablewriter.WithRowMaxWidth(t.cellMax),
	}
	opts = append(opts, t.opts...)
	wrap := func(cells []string) []string { return append([]string(nil), cells...) }
	if widths != nil {
		// The cells arrive wrapped: the table must not wrap them again.
		opts = append(opts, tablewriter.WithRowAutoWrap(tw.WrapNone), tablewriter.WithRowMaxWidth(0),
			tablewriter.WithHeaderAutoWrap(tw.WrapNone), tablewriter.WithFooterAutoWrap(tw.WrapNone))
		wrap = func(cells []string) []string {
			out := make([]string, len(cells))
			for i, c := range cells {
				out[i] = c
				if i < len(widths) {
					out[i] = wrapCell(c, widths[i])
				}
			}
			return out
		}
	}
	tt := tablewriter.NewTable(w, opts...)
	tt.Header(wrap(t.header))
	for i, row := range t.rows {
		cells := wrap(row)
		if t.style.Color {
			for j, c := range t.paint[i] {
				if j < len(cells) {
					cells[j] = term.Paint(cells[j], c)
				}
			}
		}
		if err := tt.Append(cells); err != nil {
			return err
		}
	}
	if t.footer != nil {
		tt.Footer(wrap(t.footer))
	}
	return tt.Render()
}

// firstLineWidth is the display width of the table's top border.
func firstLineWidth(b []byte) int {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	return displayWidth(string(line))
}

// fitWidths are the content widths of the columns in a table at most
// style.Width wide (see fitColumns), from what each column holds.
func (t table) fitWidths() []int {
	n := len(t.header)
	natural, floor := make([]int, n), make([]int, n)
	measure := func(cells []string, wrapAt int) {
		for i, c := range cells {
			if i >= n {
				break
			}
			for _, line := range strings.Split(c, "\n") {
				w := displayWidth(line)
				if wrapAt > 0 {
					w = min(w, wrapAt)
				}
				natural[i] = max(natural[i], w)
				for _, seg := range segments(line) {
					floor[i] = max(floor[i], min(displayWidth(seg), maxFloor))
				}
			}
		}
	}
	measure(t.header, 0)
	for _, r := range t.rows {
		measure(r, t.cellMax)
	}
	if t.footer != nil {
		measure(t.footer, 0)
	}
	for i := range floor {
		floor[i] = max(floor[i], min(natural[i], shortColumn))
		if i == t.flex {
			floor[i] = max(floor[i], min(natural[i], flexFloor))
		}
		floor[i] = min(floor[i], natural[i])
	}
	// │ a │ b │: one space either side of every cell and n+1 rules.
	return fitColumns(natural, floor, t.flex, t.style.Width-(3*n+1))
}

const (
	// shortColumn: a column this narrow (a severity, a count) is never
	// wrapped.
	shortColumn = 10
	// flexFloor: the flexible column (a message, a line item) keeps at
	// least this much, three words a line; what it has beyond comes from
	// the other columns first.
	flexFloor = 16
	// maxFloor: a longer word (a path with no separator) may be broken.
	maxFloor = 20
)

// fitColumns narrows natural column widths to total at most avail: the
// widest of the other columns first, one column at a time, down to its
// floor; then the flexible column down to its floor. Past every floor the
// table is as narrow as it can be read and is left wider than avail.
func fitColumns(natural, floor []int, flex, avail int) []int {
	w := append([]int(nil), natural...)
	total := 0
	for _, x := range w {
		total += x
	}
	for total > avail {
		widest := -1
		for i := range w {
			if i != flex && w[i] > floor[i] && (widest < 0 || w[i] > w[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			if flex < 0 || flex >= len(w) || w[flex] <= floor[flex] {
				break
			}
			widest = flex
		}
		w[widest]--
		total--
	}
	return w
}

func safeCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = textsafe.Cell(c)
	}
	return out
}
