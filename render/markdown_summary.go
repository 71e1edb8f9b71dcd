package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/pricing"
)

// GitHubCommentLimit is the most characters GitHub accepts in an issue or
// pull-request comment body: a longer one is refused by the API with
// "body is too long (maximum is 65536 characters)"
// (https://github.com/orgs/community/discussions/41331). The summary counts
// bytes, which are never fewer than characters, so it fits in any count.
const GitHubCommentLimit = 65536

// FindingsMarkdownSummary writes the report sized for a pull-request
// comment or a job summary: the counts, the load errors, each stack's
// monthly cost when the run priced it, then the findings (the new ones
// when a baseline hid the others). Suppressed findings are counted, not
// listed, and the capacity and cost breakdowns are left to the full report.
// When the rows would take the output past limit bytes, the last rows that
// fit are followed by a note saying how many were left out; a row is
// never cut.
func FindingsMarkdownSummary(w io.Writer, r Report, dir string, limit int) error {
	return safeText(w, func(w io.Writer) error { return findingsMarkdownSummary(w, r, dir, limit) })
}

func findingsMarkdownSummary(w io.Writer, r Report, dir string, limit int) error {
	var b strings.Builder
	b.WriteString("## infralint\n\n**" + summary(r) + "**\n\n")
	for _, n := range r.Notes {
		b.WriteString("> **Note:** " + mdCell(n) + "\n\n")
	}
	tables := summaryTables(r, dir)
	// room keeps space for the note that rows were left out, written with
	// the largest counts it could hold.
	room := limit - len(truncationNote(tables, nil)) - 1
	shown := make([]int, len(tables))
	full := b.Len() > room
	for i, t := range tables {
		if full || b.Len()+len(t.heading)+len(t.thead)+len(t.rows[0]) > room {
			full = true
			break
		}
		b.WriteString(t.heading + t.thead)
		for _, row := range t.rows {
			if b.Len()+len(row)+1 > room {
				full = true
				break
			}
			b.WriteString(row)
			shown[i]++
		}
		b.WriteString("\n")
	}
	out := strings.TrimRight(b.String(), "\n") + "\n"
	if full {
		out += "\n" + truncationNote(tables, shown)
	}
	_, err := io.WriteString(w, out)
	return err
}

// summaryTable is one table of the summary: its heading, its head and its
// rows, each ending in a newline; noun names what a row is.
type summaryTable struct {
	heading, thead, noun string
	rows                 []string
}

func summaryTables(r Report, dir string) []summaryTable {
	var tables []summaryTable
	if len(r.Errors) > 0 {
		t := summaryTable{heading: errorsHeading(r), thead: errorsTableHead, noun: "load error"}
		for _, e := range r.Errors {
			t.rows = append(t.rows, errorRow(e, dir))
		}
		tables = append(tables, t)
	}
	if len(r.Costs) > 0 {
		tables = append(tables, costTable(r.Costs, dir))
	}
	if len(r.Findings) > 0 {
		t := summaryTable{heading: "### Findings\n\n", thead: findingsTableHead, noun: "finding"}
		if r.Baselined > 0 {
			t.heading = "### New findings\n\nFindings not in the baseline (" + humanize.Count(r.Baselined) + " in it are not shown).\n\n"
		}
		for _, f := range r.Findings {
			t.rows = append(t.rows, findingRow(f, dir))
		}
		tables = append(tables, t)
	}
	return tables
}

// StackCost is one stack's monthly cost in the summary, beside the same
// stack's cost on the base branch when the run was given it.
type StackCost struct {
	Estimate *pricing.Estimate
	// Base is the stack's cost before the change, nil when it is not
	// known (no base was given, or the stack is new).
	Base *BaseCost
	// Compared says a base was given, so a missing Base means a new stack.
	Compared bool
}

// BaseCost is a stack's monthly cost on the base branch.
type BaseCost struct {
	MonthlyUSD float64
	Partial    bool
}

// costTable has a Change column when a base was given: the difference
// with the base branch, "new" for a stack it did not have, and a total
// row when there are several stacks.
func costTable(cs []StackCost, dir string) summaryTable {
	compared := false
	for _, c := range cs {
		compared = compared || c.Compared
	}
	t := summaryTable{heading: "### Cost\n\n", thead: "| Stack | File | Monthly cost |\n|---|---|--:|\n", noun: "stack cost"}
	if compared {
		t.thead = "| Stack | File | Monthly cost | Change |\n|---|---|--:|--:|\n"
	}
	var total, delta float64
	partial, changePartial := false, false // of the total, of the change
	for _, c := range cs {
		e := c.Estimate
		total += e.MonthlyUSD
		partial = partial || e.Partial
		row := fmt.Sprintf("| %s | %s | %s |", mdCell(e.Stack), mdCode(RelPath(e.File, dir)), costMarkdownTotal(e))
		if compared {
			change := "new"
			if c.Base != nil {
				change = CostDelta(e.MonthlyUSD-c.Base.MonthlyUSD, pricing.DeltaBound(c.Base.Partial, e.Partial))
				changePartial = changePartial || c.Base.Partial
			}
			delta += e.MonthlyUSD - baseUSD(c.Base)
			row += " " + change + " |"
		}
		t.rows = append(t.rows, row+"\n")
	}
	if compared && len(cs) > 1 {
		sum, change := humanize.USD(total), humanize.SignedUSD(delta)
		if partial {
			sum = "≥ " + sum + " (partial)"
		}
		if partial || changePartial {
			change = CostDelta(delta, pricing.DeltaBound(changePartial, partial))
		}
		t.rows = append(t.rows, fmt.Sprintf("| **Total** | | **%s** | **%s** |\n", sum, change))
	}
	return t
}

func baseUSD(b *BaseCost) float64 {
	if b == nil {
		return 0
	}
	return b.MonthlyUSD
}

// truncationNote says how many rows of each table were left out; shown
// nil means none was shown, the longest the note can be.
func truncationNote(tables []summaryTable, shown []int) string {
	var left []string
	for i, t := range tables {
		n := len(t.rows)
		if shown != nil {
			n -= shown[i]
		}
		if n > 0 {
			left = append(left, humanize.Plural(n, t.noun))
		}
	}
	return fmt.Sprintf("> **Truncated:** %s not shown, to stay under GitHub's %s-character comment limit; `infralint check --format markdown` lists everything.\n",
		strings.Join(left, ", "), humanize.Count(GitHubCommentLimit))
}
