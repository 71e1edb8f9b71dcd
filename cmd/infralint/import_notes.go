package main

import (
	"strings"

	"github.com/infralint/infralint/analysis"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/render"
)

// notComputedNote says which rules a stack read from Terraform without
// its workload did not run, and why, so that a clean check is not read as
// a clean capacity verdict.
func notComputedNote(res *analysis.Result, dir string) string {
	var ids []string
	for _, s := range res.Findings.Skipped {
		ids = append(ids, s.RuleID)
	}
	return render.RelPath(res.Path, dir) + ": " + humanize.Plural(len(ids), "rule") + " not run (" +
		strings.Join(ids, ", ") + "): no capacity model or cost estimate: " + res.NotComputed
}
