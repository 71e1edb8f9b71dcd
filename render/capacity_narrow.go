package render

import (
	"io"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/internal/term"
)

// capacityByTier is the capacity table turned for a terminal too narrow
// for its eleven columns of figures and one-word headers (at least 102
// columns for the examples): one small table a tier, headed by the tier
// and its scenarios, with a row a figure. rows are scenarioRow's, a
// tier's scenarios together, in order.
func capacityByTier(w io.Writer, rows [][]string, scenarios []*capacity.Scenario) error {
	for start := 0; start < len(rows); {
		end := start + 1
		for end < len(rows) && rows[end][0] == rows[start][0] {
			end++
		}
		header := []string{rows[start][0]}
		for _, row := range rows[start:end] {
			header = append(header, row[1])
		}
		t := newTable(w, header...)
		for col := 2; col < len(capacityHeader); col++ {
			cells := []string{capacityHeader[col]}
			paint := []term.Color{term.None}
			for i, row := range rows[start:end] {
				cells = append(cells, row[col])
				if col == len(capacityHeader)-1 {
					paint = append(paint, verdictColor(scenarios[start+i].Verdict))
				} else {
					paint = append(paint, term.None)
				}
			}
			if err := t.AppendPainted(cells, paint); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
		start = end
	}
	return nil
}
