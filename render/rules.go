package render

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/infralint/infralint/rules"
)

// rulesSummaryWidth wraps the rule list's last column so that the table
// fits an 80-column terminal: the other columns and borders take 38.
const rulesSummaryWidth = 42

// RulesText lists rules as a table that fits 80 columns: the name and the
// wrapped summary share the last column (the longest name alone takes 34),
// and the inputs a rule needs stand one per line.
func RulesText(w io.Writer, rs []*rules.Rule) error {
	return safeText(w, func(w io.Writer) error { return rulesText(w, rs) })
}

func rulesText(w io.Writer, rs []*rules.Rule) error {
	t := newTable(w, "ID", "SEVERITY", "NEEDS", "NAME AND SUMMARY").CellWidth(rulesSummaryWidth).Flex(3)
	for _, r := range rs {
		about := r.Name + "\n" + r.Summary
		if r.IsPolicy() {
			about += "\npolicy of " + r.Source.String()
		}
		if err := t.Append([]string{r.ID, r.Severity.String(), needsList(r, "\n", "-"), about}); err != nil {
			return err
		}
	}
	return t.Render()
}

// ruleJSON is one rule in `infralint rules --format json`.
type ruleJSON struct {
	ID       string         `json:"id"`
	Name     string         `json:"name"`
	Severity rules.Severity `json:"severity"`
	Summary  string         `json:"summary"`
	Requires []rules.Need   `json:"requires"`
	DocsURL  string         `json:"docs_url,omitempty"`
	// PolicySource is where an organisation policy is declared.
	PolicySource string `json:"policy_source,omitempty"`
}

// RulesJSON lists rules as {"schema_version": 1, "rules": [...]}
// (docs/schemas/rules.json); requires is [] for a rule that reads only the
// stack.
func RulesJSON(w io.Writer, rs []*rules.Rule) error {
	return safeText(w, func(w io.Writer) error { return rulesJSON(w, rs) })
}

func rulesJSON(w io.Writer, rs []*rules.Rule) error {
	out := make([]ruleJSON, 0, len(rs))
	for _, r := range rs {
		rj := ruleJSON{ID: r.ID, Name: r.Name, Severity: r.Severity, Summary: r.Summary,
			Requires: append([]rules.Need{}, r.Requires...), DocsURL: r.DocsURL()}
		if r.IsPolicy() {
			rj.PolicySource = r.Source.String()
		}
		out = append(out, rj)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		SchemaVersion int        `json:"schema_version"`
		Rules         []ruleJSON `json:"rules"`
	}{JSONSchemaVersion, out})
}

// needsList is a rule's Requires, e.g. "capacity, cost" with sep ", ", or
// none when it needs only the stack.
func needsList(r *rules.Rule, sep, none string) string {
	if len(r.Requires) == 0 {
		return none
	}
	names := make([]string, len(r.Requires))
	for i, n := range r.Requires {
		names[i] = n.String()
	}
	return strings.Join(names, sep)
}

// RulesMarkdown is the README's rule table, generated so it cannot drift;
// each ID links to the rule's page (paths relative to the repository root).
func RulesMarkdown(rs []*rules.Rule) string {
	var b strings.Builder
	b.WriteString("| ID | Name | Severity | Summary |\n|---|---|---|---|\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "| [%s](%s) | %s | %s | %s |\n", r.ID, r.DocsPath(), r.Name, r.Severity, strings.ReplaceAll(r.Summary, "|", `\|`))
	}
	return b.String()
}
