package rules

import (
	"slices"
	"strings"
)

// Need is an input a rule reads beyond the stack, declared in
// Rule.Requires the way a go/analysis Analyzer declares what it requires.
// The engine runs a rule only when every input it needs is in the Input,
// and callers ask NeedsOf whether an input is worth computing at all.
type Need int

const (
	// NeedCapacity is Input.Capacity, the stack's queueing model.
	NeedCapacity Need = iota + 1
	// NeedCost is Input.Cost, the stack's monthly estimate.
	NeedCost
	// NeedRightSizing is Input.RightSizing: the cheaper instance types
	// package rightsize found for each tier.
	NeedRightSizing
)

// allNeeds lists every Need in order; validate and NeedsOf walk it.
var allNeeds = []Need{NeedCapacity, NeedCost, NeedRightSizing}

// String is the short name `infralint rules` shows: "capacity", "cost"
// or "rightsize".
func (n Need) String() string {
	switch n {
	case NeedCapacity:
		return "capacity"
	case NeedCost:
		return "cost"
	case NeedRightSizing:
		return "rightsize"
	}
	return "unknown"
}

// MarshalText writes the short name, so JSON shows "capacity", not 1.
func (n Need) MarshalText() ([]byte, error) { return []byte(n.String()), nil }

// Description names the input in a sentence: "the capacity model".
func (n Need) Description() string {
	switch n {
	case NeedCapacity:
		return "the capacity model"
	case NeedCost:
		return "the cost estimate"
	case NeedRightSizing:
		return "the right-sizing search"
	}
	return "an unknown input"
}

// presentIn reports whether in holds the input.
func (n Need) presentIn(in *Input) bool {
	switch n {
	case NeedCapacity:
		return in.Capacity != nil
	case NeedCost:
		return in.Cost != nil
	case NeedRightSizing:
		return in.RightSizing != nil
	}
	return false
}

// Needs reports whether the rule declares n in Requires.
func (r *Rule) Needs(n Need) bool { return slices.Contains(r.Requires, n) }

// NeedsOf lists, in Need order, the inputs that at least one of rs needs,
// leaving out the rules disabled names (by ID, as in Options.Disabled). A
// caller that gets no NeedCapacity back can skip the capacity model: no
// rule it runs would read it.
func NeedsOf(rs []*Rule, disabled map[string]bool) []Need {
	var out []Need
	for _, n := range allNeeds {
		for _, r := range rs {
			if !disabled[r.ID] && r.Needs(n) {
				out = append(out, n)
				break
			}
		}
	}
	return out
}

// Skip is a rule the engine did not run because an input it requires was
// absent, and why.
type Skip struct {
	RuleID string `json:"rule"`
	Reason string `json:"reason"` // e.g. "needs the capacity model, which was not computed"
}

// skipReason says why r cannot run on in, or "" when it can.
func skipReason(r *Rule, in *Input) string {
	var missing []Need
	for _, n := range r.Requires {
		if !n.presentIn(in) {
			missing = append(missing, n)
		}
	}
	switch len(missing) {
	case 0:
		return ""
	}
	if in.NotComputed != "" {
		return "needs " + Describe(missing) + ", not computed: " + in.NotComputed
	}
	switch len(missing) {
	case 1:
		return "needs " + Describe(missing) + ", which was not computed"
	}
	return "needs " + Describe(missing) + ", which were not computed"
}

// Describe names needs in a sentence: "the capacity model, the cost
// estimate and the right-sizing search".
func Describe(needs []Need) string {
	names := make([]string, len(needs))
	for i, n := range needs {
		names[i] = n.Description()
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	last := len(names) - 1
	return strings.Join(names[:last], ", ") + " and " + names[last]
}
