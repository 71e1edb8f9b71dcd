package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/internal/textsafe"
	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

// Section is one more part of the Markdown report: an analysis that has
// its own Markdown (the capacity table, the cost breakdown). Producers
// append it to Report.Sections; FindingsMarkdown prints each under a
// "### Title" heading after the findings, in the order given.
type Section struct {
	Title    string
	Markdown string
}

// FindingsMarkdown writes the report for a pull-request comment or a design
// document: a summary line, the findings table, the suppressed findings
// folded away, notes, then Report.Sections.
func FindingsMarkdown(w io.Writer, r Report, dir string) error {
	return safeText(w, func(w io.Writer) error { return findingsMarkdown(w, r, dir) })
}

func findingsMarkdown(w io.Writer, r Report, dir string) error {
	var b strings.Builder
	b.WriteString("## infralint\n\n")
	b.WriteString("**" + summary(r) + "**\n\n")
	if len(r.Errors) > 0 {
		b.WriteString(errorsHeading(r) + errorsTableHead)
		for _, e := range r.Errors {
			b.WriteString(errorRow(e, dir))
		}
		b.WriteString("\n")
		if len(r.Findings) > 0 {
			b.WriteString("### Findings\n\n")
		}
	}
	if len(r.Findings) > 0 {
		b.WriteString(findingsTableHead)
		for _, f := range r.Findings {
			b.WriteString(findingRow(f, dir))
		}
		b.WriteString("\n")
	}
	if len(r.Suppressed) > 0 {
		fmt.Fprintf(&b, "<details><summary>%s</summary>\n\n", humanize.Plural(len(r.Suppressed), "suppressed finding"))
		b.WriteString("| Location | Rule | Message | Reason |\n|---|---|---|---|\n")
		for _, f := range r.Suppressed {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", mdCode(RelPosition(f.Pos, dir)), f.RuleID, mdCell(f.Message), mdCell(f.SuppressedBy))
		}
		b.WriteString("\n</details>\n\n")
	}
	for _, n := range r.Notes {
		b.WriteString("> **Note:** " + mdCell(n) + "\n\n")
	}
	// The capacity table and the cost breakdown arrive here as Sections.
	for _, s := range r.Sections {
		fmt.Fprintf(&b, "### %s\n\n%s\n\n", s.Title, strings.TrimRight(s.Markdown, "\n"))
	}
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

const (
	findingsTableHead = "| Location | Rule | Severity | Message |\n|---|---|---|---|\n"
	errorsTableHead   = "| Location | Error |\n|---|---|\n"
)

func findingRow(f rules.Finding, dir string) string {
	msg := mdCell(f.Message)
	if f.Fix != "" {
		msg += "<br>**fix:** " + mdCell(f.Fix)
	}
	return fmt.Sprintf("| %s | %s %s | %s | %s |\n", mdCode(RelPosition(f.Pos, dir)), f.RuleID, mdCell(f.RuleName), severityMark(f.Severity), msg)
}

// errorsHeading says what the errors cost the report: the inputs they
// name were not checked, so their findings are missing from it.
func errorsHeading(r Report) string {
	return "### Errors\n\n" + humanize.Plural(len(r.Errors), "load error") +
		": these inputs were not checked, so the findings leave them out, and the run fails (exit 2).\n\n"
}

// errorRow is one load error; an error about no file (a flag, the run)
// has an empty location.
func errorRow(e *schema.Error, dir string) string {
	loc := ""
	if e.Pos.File != "" {
		loc = mdCode(RelPosition(e.Pos, dir))
	}
	return fmt.Sprintf("| %s | %s |\n", loc, mdCell(e.Msg))
}

func severityMark(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "🔴 error"
	case rules.Warning:
		return "🟠 warning"
	}
	return "🔵 info"
}

// mdCell shows user text as itself inside a table cell (see
// textsafe.Markdown): no line break, pipe, HTML, link or emphasis of its own.
func mdCell(s string) string { return textsafe.Markdown(strings.TrimSpace(s)) }

// mdCode is a code span inside a table cell, whatever the text holds.
func mdCode(s string) string { return textsafe.MarkdownCellCode(s) }
