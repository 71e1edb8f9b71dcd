package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/infralint/infralint/rules"
)

// RulesText lists rules as a table.
func RulesText(w io.Writer, rs []*rules.Rule) error {
	t := newTable(w, "ID", "NAME", "SEVERITY", "SUMMARY")
	for _, r := range rs {
		if err := t.Append([]string{r.ID, r.Name, r.Severity.String(), r.Summary}); err != nil {
			return err
		}
	}
	return t.Render()
}

// RulesMarkdown is the README's rule table, generated so it cannot drift.
func RulesMarkdown(rs []*rules.Rule) string {
	var b strings.Builder
	b.WriteString("| ID | Name | Severity | Summary |\n|---|---|---|---|\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", r.ID, r.Name, r.Severity, strings.ReplaceAll(r.Summary, "|", `\|`))
	}
	return b.String()
}
