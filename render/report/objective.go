package report

import (
	"fmt"
	"math"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/internal/humanize"
)

// objective is the p99 a tier's plots are drawn against: the workload's
// SLO, or a jobs tier's own deadline. A jobs tier without a deadline has
// none (ms is +Inf): it is judged on utilisation only, and its plots draw
// no objective line.
type objective struct {
	ms   float64
	name string // "SLO", "job deadline"; "" when there is none
}

func objectiveOf(res *capacity.Result, t *capacity.Tier) objective {
	ms := t.ObjectiveMs(res.SLOp99ms)
	switch {
	case math.IsInf(ms, 1):
		return objective{ms: ms}
	case ms != res.SLOp99ms || t.DeadlineMs > 0:
		return objective{ms: ms, name: "job deadline"}
	}
	return objective{ms: ms, name: "SLO"}
}

func (o objective) none() bool { return o.name == "" }

// legend is the dashed line's legend entry, e.g. "SLO 300 ms".
func (o objective) legend() string { return fmt.Sprintf("%s %s ms", o.name, humanize.Figure(o.ms)) }

// phrase names it in prose, e.g. "the SLO of 300 ms".
func (o objective) phrase() string {
	return fmt.Sprintf("the %s of %s ms", o.name, humanize.Figure(o.ms))
}
