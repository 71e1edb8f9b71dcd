// Package render turns analysis results into text, JSON, SARIF, Markdown
// and DOT. It computes nothing: every number arrives ready.
package render

import (
	"io"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// maxCellWidth keeps long messages readable on an ordinary terminal by
// wrapping them inside their cell.
const maxCellWidth = 60

// newTable gives every text table in infralint the same look: headers as
// written, left-aligned text, wrapped long cells.
func newTable(w io.Writer, header ...string) *tablewriter.Table {
	t := tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNormal),
		tablewriter.WithRowMaxWidth(maxCellWidth),
	)
	t.Header(header)
	return t
}
