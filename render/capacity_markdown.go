package render

import (
	"fmt"
	"strings"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/internal/humanize"
)

// CapacitySection is a stack's capacity table as a section of the check
// command's Markdown report (see Section): the same rows as the text table.
func CapacitySection(r *capacity.Result) Section {
	var b strings.Builder
	fmt.Fprintf(&b, "Target utilisation %s, SLO p99 %s.\n\n", humanize.Percent(r.TargetUtilization), humanize.Millis(r.SLOp99ms))
	b.WriteString("| Tier | Scenario | RPS | Instances | Workers | CPU | P(wait) | Mean ms | p99 ms | Needed | Verdict |\n")
	b.WriteString("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|\n")
	row := func(cells []string) {
		for i := range cells {
			cells[i] = mdCell(cells[i])
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	for _, tier := range r.Tiers {
		for _, sc := range tier.Scenarios {
			row(scenarioRow(tierLabel(tier), sc, tier))
		}
	}
	for _, db := range r.Databases {
		for _, sc := range db.Scenarios {
			row(scenarioRow(db.Name+" (database)", sc, nil))
		}
	}
	for _, note := range pinningNotes(r) {
		b.WriteString("\nNote: " + mdCell(note) + "\n")
	}
	return Section{Title: "Capacity: " + mdCell(r.Stack), Markdown: b.String()}
}
