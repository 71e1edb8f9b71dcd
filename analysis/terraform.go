package analysis

import (
	"fmt"
	"strings"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

// workloadHint is how a user gives what Terraform cannot say.
const workloadHint = "give them with --workload FILE or workload_file in .infralint.cue (docs/terraform.md)"

// numericGaps lists what a stack read from Terraform lacks for the
// capacity model and the cost estimate: its workload (rps, SLO) and each
// serving tier's per-request demand. Without them those analyses would
// run on zeros (a month of 0 hours, a tier at 0 rps judged "ok"), so the
// pipeline does not run them and says this instead. A hand-written stack
// has none: the schema requires both.
func numericGaps(s *schema.Stack) []string {
	if !s.Derived() {
		return nil
	}
	var gaps []string
	if !s.WorkloadGiven {
		gaps = append(gaps, "no workload (avg_rps, peak_rps, slo_p99_ms)")
	}
	var tiers []string
	for _, c := range s.OfKind(schema.KindCompute) {
		switch c.Compute.Serves {
		case schema.ServesTCP, schema.ServesNone:
			continue // not modelled as a queue, with or without demand
		}
		if !c.Compute.Modelled() {
			tiers = append(tiers, c.Name)
		}
	}
	if len(tiers) > 0 {
		gaps = append(gaps, fmt.Sprintf("no demand.cpu_ms for %s", strings.Join(tiers, ", ")))
	}
	return gaps
}

// notComputed says why a derived stack has no capacity model and no
// estimate, or "" when it has what they need.
func notComputed(s *schema.Stack) string {
	gaps := numericGaps(s)
	if len(gaps) == 0 {
		return ""
	}
	return "the stack, read from Terraform, has " + strings.Join(gaps, " and ") +
		": Terraform does not say them; " + workloadHint
}

// analyzeStructure runs what a derived stack without its numbers allows:
// the rules that need no model, the others skipped saying why. A command
// that shows the model or the estimate itself (capacity, cost, report,
// diagram --annotate) gets an input error instead: it has nothing true
// to print.
func analyzeStructure(r *Result, s *schema.Stack, cat *catalog.Catalog, want Want, why string) {
	if (want.Capacity || want.Cost || want.Sweeps) && !want.BesideFindings {
		r.Stack = nil
		r.Errors = schema.Errors{{Pos: schema.Position{File: stackFile(r.Path)}, Msg: "no capacity model or cost estimate: " + why}}
		return
	}
	r.NotComputed = why
	if want.Findings {
		res := rules.Run(&rules.Input{Stack: s, Catalog: cat, NotComputed: why}, r.Config.Rules)
		r.Findings = &res
	}
}
