package render

import (
	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/internal/term"
	"github.com/infralint/infralint/rules"
)

// severityColor is how a finding's severity is shown in a terminal: the
// colours compilers and linters use for the same three levels.
func severityColor(s rules.Severity) term.Color {
	switch s {
	case rules.Error:
		return term.Red
	case rules.Warning:
		return term.Yellow
	case rules.Info:
		return term.Cyan
	}
	return term.None
}

// verdictColor shows a capacity verdict as the severity it amounts to: a
// tier that misses its SLO or saturates fails (CAP002, CAP003 are
// warnings a team acts on), one over its target warns.
func verdictColor(v capacity.Verdict) term.Color {
	switch v {
	case capacity.VerdictOK:
		return term.Green
	case capacity.VerdictOverTarget:
		return term.Yellow
	case capacity.VerdictSLOMissed, capacity.VerdictSaturated:
		return term.Red
	}
	return term.None
}

// verdictPaint colours the VERDICT cell, the last of a scenario row.
func verdictPaint(row []string, sc *capacity.Scenario) []term.Color {
	paint := make([]term.Color, len(row))
	paint[len(row)-1] = verdictColor(sc.Verdict)
	return paint
}
