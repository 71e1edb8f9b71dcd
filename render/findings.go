package render

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/internal/term"
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
	// Baseline, when a baseline file was given, holds what it matched and
	// what it no longer matches. SARIF reports both (baselineState), so that
	// code scanning keeps the accepted alerts open instead of closing them;
	// the other formats only count them (Baselined).
	Baseline *BaselineMatch `json:"-"`
	// Errors are the run's input errors (stacks that did not load, their
	// configuration): every format reports them, and the run exits 2.
	Errors schema.Errors `json:"-"`
	// NotLoaded counts the stacks that Errors kept from being checked.
	NotLoaded int `json:"-"`
	// Notes are remarks about the run itself, e.g. refused suppressions.
	Notes []string `json:"notes,omitempty"`
	// Costs are the stacks' estimates, for the Markdown summary's cost
	// table (nil when the run did not price the stacks).
	Costs []StackCost `json:"-"`
	// Sections are further analyses appended to the Markdown report (see
	// Section); the other formats ignore them.
	Sections []Section `json:"-"`
	// Rules are the rules the run applied, the organisation's policies
	// included, for SARIF's rule list; nil means the built-in ones.
	Rules []*rules.Rule `json:"-"`
}

// BaselineMatch is a run compared with a baseline file.
type BaselineMatch struct {
	// Unchanged are the findings the baseline lists (left out of Findings).
	Unchanged []rules.Finding
	// Absent are the baseline's entries no finding matched any more: fixed,
	// or changed beyond recognition. Their positions have no line.
	Absent []rules.Finding
}

// FindingsText prints findings as a table, the input errors, then a
// one-line summary.
func FindingsText(w io.Writer, r Report, dir string) error {
	return safeText(w, func(w io.Writer) error { return findingsText(w, r, dir) })
}

func findingsText(w io.Writer, r Report, dir string) error {
	quiet := styleOf(w).Quiet // the summary line and the errors alone
	if len(r.Findings) > 0 && !quiet {
		t := newTable(w, "LOCATION", "RULE", "SEVERITY", "MESSAGE").Flex(3)
		for _, f := range r.Findings {
			msg := f.Message
			if f.Fix != "" {
				msg += "\nfix: " + f.Fix
			}
			row := []string{textsafe.Line(RelPosition(f.Pos, dir)), f.RuleID + "\n" + f.RuleName, f.Severity.String(), msg}
			if err := t.AppendPainted(row, []term.Color{2: severityColor(f.Severity)}); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	if err := errorsText(w, r.Errors, dir); err != nil {
		return err
	}
	if _, err := fmt.Fprintln(w, summary(r)); err != nil {
		return err
	}
	for _, n := range r.Notes {
		if quiet {
			break
		}
		if err := printProse(w, "note: "+n); err != nil {
			return err
		}
	}
	return nil
}

// errorsText lists input errors one a line, as standard error prints them,
// under a heading: a text report read later still says what was not checked.
func errorsText(w io.Writer, errs schema.Errors, dir string) error {
	if len(errs) == 0 {
		return nil
	}
	if _, err := fmt.Fprintln(w, "Errors:"); err != nil {
		return err
	}
	for _, e := range errs {
		line := e.Msg
		if e.Pos.File != "" {
			line = RelPosition(e.Pos, dir) + ": " + e.Msg
		}
		if _, err := fmt.Fprintln(w, "  "+textsafe.Line(line)); err != nil {
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
	if r.NotLoaded > 0 {
		s += "; " + humanize.Plural(r.NotLoaded, "stack") + " not checked (input errors)"
	} else if len(r.Errors) > 0 {
		s += "; " + humanize.Plural(len(r.Errors), "input error")
	}
	return s
}

// findingsJSON is `check --format json`, described by docs/schemas/check.json.
type findingsDocJSON struct {
	SchemaVersion int             `json:"schema_version"`
	Findings      []rules.Finding `json:"findings"`
	Suppressed    []rules.Finding `json:"suppressed"`
	Baselined     int             `json:"baselined"`
	Errors        []errorJSON     `json:"errors"`
	Notes         []string        `json:"notes"`
}

// FindingsJSON writes the report with positions made relative to dir. It
// is a whole document whatever failed: a run where no stack loaded has
// empty findings and its errors.
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
	doc := findingsDocJSON{SchemaVersion: JSONSchemaVersion, Findings: rel(r.Findings), Suppressed: rel(r.Suppressed),
		Baselined: r.Baselined, Errors: errorsJSON(r.Errors, dir), Notes: append([]string{}, r.Notes...)}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
