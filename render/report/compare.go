package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/render"
	"github.com/infralint/infralint/rules"
)

// compareView is the template's view of a comparison.
type compareView struct {
	Old, New     stackView
	Cards        []card
	FindingsNote string
	Findings     *tableView
	CapacityNote string
	Capacity     *tableView
	CostNote     string
	Cost         *tableView
}

// WriteCompare writes what changed between two versions of a stack:
// findings added and resolved, each tier's scenarios side by side, and
// the cost line by line. Diagrams and plots are left out.
func WriteCompare(w io.Writer, old, new Input) error {
	ids := &idGen{}
	cv := &compareView{Old: compareStack(old), New: compareStack(new)}
	cv.Cards = compareCards(old, new)
	cv.FindingsNote, cv.Findings = compareFindings(old, new, ids)
	cv.CapacityNote, cv.Capacity = compareCapacity(old, new, ids)
	cv.CostNote, cv.Cost = compareCost(old, new, ids)
	p := &page{Title: fmt.Sprintf("%s → %s — infralint comparison", old.Stack.Name, new.Stack.Name), CSP: csp, Compare: cv}
	return execute(w, p)
}

func compareStack(in Input) stackView {
	v := stackView{Name: in.Stack.Name, Region: in.Stack.Region}
	if in.Stack.Source != nil {
		v.File = render.RelPath(in.Stack.Source.File, in.Dir)
	}
	return v
}

func compareCards(old, new Input) []card {
	var cards []card
	countBy := func(res rules.Result) string {
		c := map[rules.Severity]int{}
		for _, f := range res.Findings {
			c[f.Severity]++
		}
		return fmt.Sprintf("%d (%d error, %d warning, %d info)", len(res.Findings), c[rules.Error], c[rules.Warning], c[rules.Info])
	}
	on, nn := len(old.Findings.Findings), len(new.Findings.Findings)
	fc := card{Label: "Findings", Value: fmt.Sprintf("%d → %d", on, nn), Detail: "was " + countBy(old.Findings) + "; now " + countBy(new.Findings), Class: "info"}
	switch {
	case nn > on:
		fc.Class = "bad"
	case nn < on:
		fc.Class = "ok"
	}
	cards = append(cards, fc)
	if old.Capacity != nil && new.Capacity != nil {
		ov, nv := worstVerdict(old.Capacity), worstVerdict(new.Capacity)
		cards = append(cards, card{Label: "Worst capacity verdict", Value: fmt.Sprintf("%s → %s", ov, nv), Class: verdictClass(nv), Detail: "over every tier and scenario"})
	}
	if old.Estimate != nil && new.Estimate != nil {
		d := new.Estimate.MonthlyUSD - old.Estimate.MonthlyUSD
		bound := pricing.DeltaBound(old.Estimate.Partial, new.Estimate.Partial)
		c := card{Label: "Monthly cost", Value: render.CostDelta(d, bound), Detail: fmt.Sprintf("%s → %s", estTotal(old.Estimate), estTotal(new.Estimate)), Class: "info"}
		cards = append(cards, c,
			card{Label: "Per million requests", Value: fmt.Sprintf("%s → %s", render.CostPerMillion(old.Estimate), render.CostPerMillion(new.Estimate)), Detail: "monthly cost ÷ requests", Class: "info"})
	}
	return cards
}

func estTotal(e *pricing.Estimate) string {
	if e.Partial {
		return "≥ " + humanize.USD(e.MonthlyUSD)
	}
	return humanize.USD(e.MonthlyUSD)
}

func worstVerdict(r *capacity.Result) capacity.Verdict {
	worst := capacity.VerdictOK
	for _, t := range r.Tiers {
		for _, sc := range t.Scenarios {
			if sc.Verdict.Rank() > worst.Rank() {
				worst = sc.Verdict
			}
		}
	}
	for _, d := range r.Databases {
		for _, sc := range d.Scenarios {
			if sc.Verdict.Rank() > worst.Rank() {
				worst = sc.Verdict
			}
		}
	}
	return worst
}

// findingKey matches a finding across versions: the rule and the field
// it is about (positions move when lines are added).
func findingKey(f rules.Finding) string { return f.RuleID + "\x00" + f.Path }

func compareFindings(old, new Input, ids *idGen) (string, *tableView) {
	oldKeys, newKeys := map[string]bool{}, map[string]bool{}
	for _, f := range old.Findings.Findings {
		oldKeys[findingKey(f)] = true
	}
	for _, f := range new.Findings.Findings {
		newKeys[findingKey(f)] = true
	}
	t := &tableView{ID: ids.next("cmp"), Caption: "Findings added and resolved", Head: []string{"Change", "Severity", "Rule", "Where", "Message"}, Text: map[int]bool{0: true, 1: true, 2: true, 3: true}}
	added, resolved, kept := 0, 0, 0
	for _, f := range new.Findings.Findings {
		if oldKeys[findingKey(f)] {
			kept++
			continue
		}
		added++
		t.Rows = append(t.Rows, row{Head: "new", Cells: []string{f.Severity.String(), f.RuleID + " " + f.RuleName, where(f, new.Dir), f.Message}})
	}
	for _, f := range old.Findings.Findings {
		if newKeys[findingKey(f)] {
			continue
		}
		resolved++
		t.Rows = append(t.Rows, row{Head: "resolved", Cells: []string{f.Severity.String(), f.RuleID + " " + f.RuleName, where(f, old.Dir), f.Message}})
	}
	note := fmt.Sprintf("%s, %s, %d unchanged (matched by rule and field).", humanize.Plural(added, "new finding"), humanize.Plural(resolved, "resolved finding"), kept)
	if len(t.Rows) == 0 {
		return note, nil
	}
	return note, t
}

func where(f rules.Finding, dir string) string {
	w := f.Path
	if f.Pos.File != "" {
		w += " (" + render.RelPosition(f.Pos, dir) + ")"
	}
	return w
}

func compareCapacity(old, new Input, ids *idGen) (string, *tableView) {
	if old.Capacity == nil || new.Capacity == nil {
		return "The capacity model could not read both stacks.", nil
	}
	t := &tableView{ID: ids.next("cmp"), Caption: "Compute tiers by scenario, old → new",
		Head: []string{"Tier", "Scenario", "Instances in service", "Workers", "CPU", "p99 (ms)", "Instances needed", "Verdict"}, Text: map[int]bool{0: true, 6: true}}
	seen := map[string]bool{}
	arrow := func(a, b string) string {
		if a == b {
			return b
		}
		return a + " → " + b
	}
	cells := func(sc *capacity.Scenario) [6]string {
		if sc == nil {
			return [6]string{"—", "—", "—", "—", "—", "absent"}
		}
		p99 := "—"
		if !sc.Saturated {
			p99 = humanize.Figure(sc.P99Ms)
		}
		needed := "none"
		if sc.Needed > 0 || sc.Idle {
			needed = fmt.Sprint(sc.Needed)
		}
		return [6]string{fmt.Sprint(sc.Instances), humanize.Percent(sc.WorkerUtilization), humanize.Percent(sc.CPUUtilization), p99, needed, string(sc.Verdict)}
	}
	var names []string
	for _, tr := range new.Capacity.Tiers {
		names = append(names, tr.Name)
		seen[tr.Name] = true
	}
	for _, tr := range old.Capacity.Tiers {
		if !seen[tr.Name] {
			names = append(names, tr.Name)
		}
	}
	changed := 0
	for _, name := range names {
		ot, nt := old.Capacity.Tier(name), new.Capacity.Tier(name)
		for _, k := range []capacity.ScenarioKind{capacity.ScenarioPeak, capacity.ScenarioAverage, capacity.ScenarioAZLost, capacity.ScenarioDeploy} {
			var os, ns *capacity.Scenario
			if ot != nil {
				os = ot.Scenario(k)
			}
			if nt != nil {
				ns = nt.Scenario(k)
			}
			if os == nil && ns == nil {
				continue
			}
			oc, nc := cells(os), cells(ns)
			r := row{Head: name, Cells: []string{scenarioLabel[k]}}
			diff := false
			for i := range oc {
				r.Cells = append(r.Cells, arrow(oc[i], nc[i]))
				diff = diff || oc[i] != nc[i]
			}
			if ns != nil {
				r.Class = verdictClass(ns.Verdict)
			} else {
				r.Class = "bad"
			}
			if diff {
				changed++
			}
			t.Rows = append(t.Rows, r)
		}
	}
	return fmt.Sprintf("%s of %d changed; a cell reads old → new where it differs.", humanize.Plural(changed, "scenario"), len(t.Rows)), t
}

func compareCost(old, new Input, ids *idGen) (string, *tableView) {
	if old.Estimate == nil || new.Estimate == nil {
		return "No cost comparison: pricing was not available for both stacks.", nil
	}
	d := pricing.Compare(old.Estimate, new.Estimate)
	t := &tableView{ID: ids.next("cmp"), Caption: "Monthly cost line by line", Head: []string{"Component", "Line item", "Change", "Old", "New", "Difference"}, Text: map[int]bool{0: true, 1: true}}
	item := func(li *pricing.LineItem) string {
		switch {
		case li == nil:
			return "—"
		case !li.Priced:
			return "no price"
		}
		return humanize.USD(li.MonthlyUSD)
	}
	unchanged := 0
	for _, l := range d.Lines {
		if l.Change == pricing.Unchanged {
			unchanged++
			continue
		}
		class := "warn"
		if l.DeltaUSD < 0 {
			class = "ok"
		} else if l.DeltaUSD > 0 {
			class = "bad"
		}
		delta := humanize.SignedUSD(l.DeltaUSD)
		if l.Unpriced {
			delta, class = "unknown", "warn" // a missing price is no saving
		}
		t.Rows = append(t.Rows, row{Head: l.Component, Cells: []string{l.Name, string(l.Change), item(l.Old), item(l.New), delta}, Class: class})
	}
	bound := d.Bound()
	t.Foot = []row{{Head: "Total", Cells: []string{"", "", estTotal(old.Estimate), estTotal(new.Estimate), render.CostDelta(d.DeltaUSD, bound)}},
		{Head: "Per million requests", Cells: []string{"", "", render.CostPerMillion(old.Estimate), render.CostPerMillion(new.Estimate),
			bound.Prefix() + humanize.SignedUSDRounded(new.Estimate.PerMillionRequestsUSD-old.Estimate.PerMillionRequestsUSD, 4) + bound.Suffix()}}}
	var notes []string
	notes = append(notes, fmt.Sprintf("%s unchanged.", humanize.Plural(unchanged, "line item")))
	if d.Partial {
		notes = append(notes, "At least one side is partial (prices missing), so the difference is uncertain.")
	}
	return strings.Join(notes, " "), t
}
