package rules

import (
	"fmt"
	"slices"
	"testing"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/pricing"
)

// TestRequiresSkipsRule runs one rule through the engine with and without
// the inputs it declares: it runs (and reports) only when all of them are
// present, and otherwise appears in Result.Skipped with the reason.
func TestRequiresSkipsRule(t *testing.T) {
	s := loadFile(t, "need.cue", []byte(expiringStack))
	model, est := &capacity.Result{}, &pricing.Estimate{}
	const (
		noModel    = "needs the capacity model, which was not computed"
		noEstimate = "needs the cost estimate, which was not computed"
		neither    = "needs the capacity model and the cost estimate, which were not computed"
	)
	cases := []struct {
		requires []Need
		in       Input
		skip     string // "" when the rule must run
	}{
		{nil, Input{}, ""},
		{[]Need{NeedCapacity}, Input{}, noModel},
		{[]Need{NeedCapacity}, Input{Cost: est}, noModel},
		{[]Need{NeedCapacity}, Input{Capacity: model}, ""},
		{[]Need{NeedCost}, Input{Capacity: model}, noEstimate},
		{[]Need{NeedCost}, Input{Cost: est}, ""},
		{[]Need{NeedCapacity, NeedCost}, Input{}, neither},
		{[]Need{NeedCapacity, NeedCost}, Input{Capacity: model}, noEstimate},
		{[]Need{NeedCapacity, NeedCost}, Input{Capacity: model, Cost: est}, ""},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%v/capacity=%v/cost=%v", c.requires, c.in.Capacity != nil, c.in.Cost != nil), func(t *testing.T) {
			ran := false
			r := &Rule{ID: "TEST001", Name: "test", Severity: Info, Summary: "s", Docs: "d", Requires: c.requires,
				Check: func(p *Pass) {
					ran = true
					p.Report("name", "", "ran")
				}}
			in := c.in
			in.Stack = s
			res := run([]*Rule{r}, &in, Options{})
			if ran != (c.skip == "") {
				t.Fatalf("ran = %v, want %v", ran, c.skip == "")
			}
			var want []Skip
			if c.skip != "" {
				want = []Skip{{RuleID: "TEST001", Reason: c.skip}}
			}
			if !slices.Equal(res.Skipped, want) {
				t.Errorf("Skipped = %v, want %v", res.Skipped, want)
			}
			if ran && len(res.Findings) != 1 {
				t.Errorf("the rule ran but %d findings came back, want its one", len(res.Findings))
			}
		})
	}
}

// TestSkippedRuleDisabled: a disabled rule is not run and not listed as
// skipped either; Skipped is only about missing inputs.
func TestSkippedRuleDisabled(t *testing.T) {
	s := loadFile(t, "need.cue", []byte(expiringStack))
	res := Run(&Input{Stack: s}, Options{Disabled: map[string]bool{"CAP001": true}})
	for _, sk := range res.Skipped {
		if sk.RuleID == "CAP001" {
			t.Errorf("disabled CAP001 listed as skipped: %v", sk)
		}
	}
	if len(res.Skipped) == 0 {
		t.Error("no rule skipped without a model")
	}
}

func TestNeedsOf(t *testing.T) {
	capRule := &Rule{ID: "A001", Requires: []Need{NeedCapacity}}
	costRule := &Rule{ID: "B001", Requires: []Need{NeedCost}}
	both := &Rule{ID: "C001", Requires: []Need{NeedCost, NeedCapacity}}
	plain := &Rule{ID: "D001"}
	cases := []struct {
		rs       []*Rule
		disabled map[string]bool
		want     []Need
	}{
		{nil, nil, nil},
		{[]*Rule{plain}, nil, nil},
		{[]*Rule{plain, capRule}, nil, []Need{NeedCapacity}},
		{[]*Rule{costRule, capRule}, nil, []Need{NeedCapacity, NeedCost}},
		{[]*Rule{costRule, capRule}, map[string]bool{"A001": true}, []Need{NeedCost}},
		{[]*Rule{both}, nil, []Need{NeedCapacity, NeedCost}},
		{[]*Rule{both}, map[string]bool{"C001": true}, nil},
	}
	for _, c := range cases {
		if got := NeedsOf(c.rs, c.disabled); !slices.Equal(got, c.want) {
			t.Errorf("NeedsOf(%v, %v) = %v, want %v", c.rs, c.disabled, got, c.want)
		}
	}
	// The registry: the capacity rules make the model worth computing
	// until every one of them is disabled.
	off := map[string]bool{}
	for _, r := range Registry() {
		if r.Needs(NeedCapacity) {
			off[r.ID] = true
		}
	}
	if got := NeedsOf(Registry(), off); !slices.Equal(got, []Need{NeedCost}) {
		t.Errorf("with every capacity rule off, NeedsOf = %v, want [cost] (COST003)", got)
	}
}

func TestValidateRequires(t *testing.T) {
	r := &Rule{ID: "A001", Name: "a", Severity: Info, Summary: "s", Docs: "d", Check: func(*Pass) {}}
	for _, req := range [][]Need{{NeedCapacity, NeedCapacity}, {Need(0)}, {Need(99)}} {
		r.Requires = req
		if validate([]*Rule{r}) == nil {
			t.Errorf("Requires %v accepted", req)
		}
	}
	r.Requires = []Need{NeedCost, NeedCapacity}
	if err := validate([]*Rule{r}); err != nil {
		t.Error(err)
	}
}
