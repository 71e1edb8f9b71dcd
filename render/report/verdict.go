package report

import "github.com/infralint/infralint/capacity"

func verdictText(v capacity.Verdict) string { return string(v) }

// verdictClass is the CSS class of a verdict.
func verdictClass(v capacity.Verdict) string {
	switch v {
	case capacity.VerdictOK:
		return "ok"
	case capacity.VerdictOverTarget:
		return "warn"
	default:
		return "bad"
	}
}
