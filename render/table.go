// Package render turns analysis results into text, JSON, SARIF, Markdown
// and DOT. It computes nothing: every number arrives ready.
package render

import (
	"io"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/infralint/infralint/internal/textsafe"
)

// maxCellWidth keeps long messages readable on an ordinary terminal by
// wrapping them inside their cell.
const maxCellWidth = 60

// table is a text table whose cells are escaped (textsafe.Cell) before the
// table measures them, so that a control character in user text is shown,
// not obeyed, and the columns still line up.
type table struct{ t *tablewriter.Table }

// newTable gives every text table in infralint the same look: headers as
// written, left-aligned text, wrapped long cells.
func newTable(w io.Writer, header ...string) table {
	t := tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNormal),
		tablewriter.WithRowMaxWidth(maxCellWidth),
	)
	t.Header(safeCells(header))
	return table{t}
}

func (t table) Options(opts ...tablewriter.Option) table { t.t.Options(opts...); return t }
func (t table) Append(cells []string) error              { return t.t.Append(safeCells(cells)) }
func (t table) Footer(cells []string)                    { t.t.Footer(safeCells(cells)) }
func (t table) Render() error                            { return t.t.Render() }

func safeCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = textsafe.Cell(c)
	}
	return out
}

// safeText runs a text or JSON renderer on a textsafe.Writer: whatever it
// prints reaches w with every control character escaped (JSON stays JSON
// and decodes to the same strings).
func safeText(w io.Writer, render func(io.Writer) error) error {
	sw := textsafe.NewWriter(w)
	if err := render(sw); err != nil {
		return err
	}
	return sw.Flush()
}
