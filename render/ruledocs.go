package render

import (
	"fmt"
	"strings"

	"github.com/infralint/infralint/rules"
)

// RuleDocsIndex is the name of the page listing every rule in docs/rules.
const RuleDocsIndex = "README.md"

// generatedNote heads every generated page, so that nobody edits one by hand.
const generatedNote = "<!-- Generated from the rule declarations in rules/ by `go test ./render -update-docs`: edit those, not this page. -->\n\n"

// RuleDocs is the docs/rules directory, generated from the rules' own
// declarations: one page per rule named <ID>.md and the index, keyed by
// file name.
func RuleDocs(rs []*rules.Rule) map[string]string {
	pages := map[string]string{RuleDocsIndex: ruleDocsIndex(rs)}
	for _, r := range rs {
		pages[r.ID+".md"] = RuleDocPage(r)
	}
	return pages
}

// RuleDocPage is one rule's page: what it reports, what it needs, why it
// matters and how to fix it, and how to suppress or disable it.
func RuleDocPage(r *rules.Rule) string {
	var b strings.Builder
	b.WriteString(generatedNote)
	fmt.Fprintf(&b, "# %s: %s\n\n%s.\n\n", r.ID, r.Name, mdText(r.Summary))
	fmt.Fprintf(&b, "- **Severity:** %s\n", r.Severity)
	fmt.Fprintf(&b, "- **Needs:** %s\n\n", ruleDocNeeds(r))
	fmt.Fprintf(&b, "## Why it matters and how to fix it\n\n%s\n\n", mdText(r.Docs))

	b.WriteString("## Suppressing a finding\n\n")
	if r.Unsuppressible {
		fmt.Fprintf(&b, "%s's findings are about suppressions themselves, so no `@infralint(ignore=...)` attribute silences them. Fix the attribute, or disable the rule below.\n\n", r.ID)
	} else {
		fmt.Fprintf(&b, "Put an attribute on the component or field the finding points at, with the reason it is acceptable there:\n\n"+
			"```cue\nweb: {...} @infralint(ignore=%q, reason=\"why this is acceptable here\")\n```\n\n"+
			"Add `expires=\"YYYY-MM-DD\"` to an exception that should end: after that day it suppresses nothing and SUP003 points at it.\n\n", r.ID)
	}

	b.WriteString("## Disabling the rule or changing its severity\n\n")
	fmt.Fprintf(&b, "In `.infralint.cue` (its schema is [schema/config.cue](../../schema/config.cue)):\n\n"+
		"```cue\nrules: %s: enabled: false\n```\n\nor, to keep it with another severity:\n\n"+
		"```cue\nrules: %s: severity: \"error\"\n```\n\n", r.ID, r.ID)
	fmt.Fprintf(&b, "`infralint explain %s` prints this rule's text in a terminal; [all rules](%s).\n", r.ID, RuleDocsIndex)
	return b.String()
}

// ruleDocNeeds says in words what a rule reads beyond the stack.
func ruleDocNeeds(r *rules.Rule) string {
	if len(r.Requires) == 0 {
		return "only the stack"
	}
	which := "it was"
	if len(r.Requires) > 1 {
		which = "one of them was"
	}
	return rules.Describe(r.Requires) + "; infralint skips the rule when " + which + " not computed"
}

func ruleDocsIndex(rs []*rules.Rule) string {
	var b strings.Builder
	b.WriteString(generatedNote)
	b.WriteString("# Rules\n\nOne page per rule, generated from its declaration. `infralint rules` lists them in a terminal and `infralint explain ID` prints a rule's text. A rule that needs the capacity model or the cost estimate is skipped when that analysis was not computed.\n\n")
	b.WriteString("| ID | Name | Severity | Needs | Summary |\n|---|---|---|---|---|\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "| [%s](%s.md) | %s | %s | %s | %s |\n", r.ID, r.ID, r.Name, r.Severity, needsList(r, ", ", "—"), mdCell(r.Summary))
	}
	return b.String()
}

// mdText keeps plain rule text from turning into Markdown markup: the
// docs write N* and the like as plain characters.
func mdText(s string) string {
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "<", "&lt;").Replace(s)
}
