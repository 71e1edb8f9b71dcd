package render

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/internal/textsafe"
	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

// Report is the result of checking one or more stacks.
type Report struct {
	Findings   []rules.Finding `json:"findings"`
	Suppressed []rules.Finding `json:"suppressed"`
	// Baselined counts findings left out because a baseline file lists them.
	Baselined int `json:"baselined,omitempty"`
	// Notes are remarks about the run itself, e.g. refused suppressions.
	Notes []string `json:"notes,omitempty"`
	// Errors are the run's load errors (analysis.Run.Errors): the stacks
	// they name are missing from Findings.
	Errors schema.Errors `json:"-"`
	// Costs are the stacks' estimates, for the Markdown summary's cost
	// table (nil when the run did not price the stacks).
	Costs []StackCost `json:"-"`
	// Sections are further analyses appended to the Markdown report (see
	// Section); the other formats ignore them.
	Sections []Section `json:"-"`
}

// FindingsText prints findings as a table, then a one-line summary.
func FindingsText(w io.Writer, r Report, dir string) error {
	return safeText(w, func(w io.Writer) error { return findingsText(w, r, dir) })
}

func findingsText(w io.Writer, r Report, dir string) error {
	if len(r.Findings) > 0 {
		t := newTable(w, "LOCATION", "RULE", "SEVERITY", "MESSAGE")
		for _, f := range r.Findings {
			msg := f.Message
			if f.Fix != "" {
				msg += "\nfix: " + f.Fix
			}
			if err := t.Append([]string{textsafe.Line(RelPosition(f.Pos, dir)), f.RuleID + "\n" + f.RuleName, f.Severity.String(), msg}); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	if _, err := fmt.Fprintln(w, summary(r)); err != nil {
		return err
	}
	for _, n := range r.Notes {
		if _, err := fmt.Fprintln(w, "note: "+n); err != nil {
			return err
		}
	}
	return nil
}

func summary(r Report) string {
	counts := map[rules.Severity]int{}
	for _, f := range r.Findings {
		counts[f.Severity]++
	}
	s := fmt.Sprintf("%s: %s, %s, %s", humanize.Plural(len(r.Findings), "finding"),
		humanize.Plural(counts[rules.Error], "error"), humanize.Plural(counts[rules.Warning], "warning"), humanize.Plural(counts[rules.Info], "info"))
	if n := len(r.Suppressed); n > 0 {
		s += "; " + humanize.Count(n) + " suppressed"
	}
	if r.Baselined > 0 {
		s += "; " + humanize.Count(r.Baselined) + " in the baseline"
	}
	return s
}

// FindingsJSON writes the report with positions made relative to dir.
func FindingsJSON(w io.Writer, r Report, dir string) error {
	return safeText(w, func(w io.Writer) error { return findingsJSON(w, r, dir) })
}

func findingsJSON(w io.Writer, r Report, dir string) error {
	rel := func(fs []rules.Finding) []rules.Finding {
		out := make([]rules.Finding, len(fs))
		for i, f := range fs {
			f.Pos.File = RelPath(f.Pos.File, dir)
			out[i] = f
		}
		return out
	}
	r = Report{Findings: rel(r.Findings), Suppressed: rel(r.Suppressed), Baselined: r.Baselined, Notes: r.Notes}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
