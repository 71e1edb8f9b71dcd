package pricing

// Change says how a line item differs between two estimates.
type Change string

const (
	Added     Change = "added"
	Removed   Change = "removed"
	Changed   Change = "changed"
	Unchanged Change = "unchanged"
)

// DiffLine is one line item of either estimate. Old or New is nil when the
// item exists on one side only.
type DiffLine struct {
	Component string    `json:"component"`
	Name      string    `json:"item"`
	Change    Change    `json:"change"`
	Old       *LineItem `json:"old,omitempty"`
	New       *LineItem `json:"new,omitempty"`
	// DeltaUSD is new − old monthly cost (a missing price counts as 0).
	DeltaUSD float64 `json:"delta_usd"`
	// Unpriced is set when a side of the line has no price: DeltaUSD is
	// then no difference at all (a missing new price would read as a
	// saving), and renderers show it as unknown.
	Unpriced bool `json:"unpriced,omitempty"`
}

// Diff compares two estimates line by line.
type Diff struct {
	Old, New *Estimate  `json:"-"`
	Lines    []DiffLine `json:"lines"`
	// DeltaUSD is New.MonthlyUSD − Old.MonthlyUSD.
	DeltaUSD float64 `json:"delta_usd"`
	// Partial is set when either side is partial: the delta is then
	// uncertain too, as Bound says.
	Partial bool `json:"partial"`
}

// Bound says what the true difference can be, given that a partial total
// is a lower bound of the bill.
type Bound string

const (
	// Exact: both totals are complete.
	Exact Bound = "exact"
	// AtLeast: only the new total is partial, so the true difference is
	// DeltaUSD or more.
	AtLeast Bound = "at_least"
	// AtMost: only the old total is partial, so it is DeltaUSD or less.
	AtMost Bound = "at_most"
	// Unbounded: both are partial; the difference could be either side.
	Unbounded Bound = "unknown"
)

// Bound is what DeltaUSD says of the true difference.
func (d *Diff) Bound() Bound { return DeltaBound(d.Old.Partial, d.New.Partial) }

// DeltaBound is the Bound of new − old when either total may be partial.
func DeltaBound(oldPartial, newPartial bool) Bound {
	switch {
	case oldPartial && newPartial:
		return Unbounded
	case newPartial:
		return AtLeast
	case oldPartial:
		return AtMost
	}
	return Exact
}

// Prefix is how a difference with this bound is printed before its
// amount: "≥ ", "≤ ", or "" (Exact, and Unbounded, which says so after).
func (b Bound) Prefix() string {
	switch b {
	case AtLeast:
		return "≥ "
	case AtMost:
		return "≤ "
	}
	return ""
}

// Suffix is what follows an Unbounded difference: " (partial: either
// way)"; "" otherwise.
func (b Bound) Suffix() string {
	if b == Unbounded {
		return " (partial: either way)"
	}
	return ""
}

// Compare matches line items by component and item name (an item whose
// instance type changed is one removed and one added line) and lists them
// in the new estimate's order, removed items after the item before them in
// the old estimate.
func Compare(old, new *Estimate) *Diff {
	d := &Diff{Old: old, New: new, DeltaUSD: new.MonthlyUSD - old.MonthlyUSD, Partial: old.Partial || new.Partial}
	type key struct{ comp, name string }
	oldAt := map[key]int{}
	for i, li := range old.Items {
		oldAt[key{li.Component, li.Name}] = i
	}
	newHas := map[key]bool{}
	for _, li := range new.Items {
		newHas[key{li.Component, li.Name}] = true
	}
	emitted := make([]bool, len(old.Items))
	// removedUpTo emits the old items before index i that the new
	// estimate lacks.
	next := 0
	removedUpTo := func(i int) {
		for ; next < i; next++ {
			li := old.Items[next]
			if !newHas[key{li.Component, li.Name}] && !emitted[next] {
				emitted[next] = true
				d.Lines = append(d.Lines, DiffLine{Component: li.Component, Name: li.Name, Change: Removed, Old: &old.Items[next], DeltaUSD: -li.MonthlyUSD, Unpriced: !li.Priced})
			}
		}
	}
	for i := range new.Items {
		li := &new.Items[i]
		j, ok := oldAt[key{li.Component, li.Name}]
		if !ok {
			d.Lines = append(d.Lines, DiffLine{Component: li.Component, Name: li.Name, Change: Added, New: li, DeltaUSD: li.MonthlyUSD, Unpriced: !li.Priced})
			continue
		}
		removedUpTo(j)
		o := &old.Items[j]
		emitted[j] = true
		ch := Unchanged
		if o.Quantity != li.Quantity || o.MonthlyUSD != li.MonthlyUSD || o.Priced != li.Priced || o.Price.USD != li.Price.USD {
			ch = Changed
		}
		d.Lines = append(d.Lines, DiffLine{Component: li.Component, Name: li.Name, Change: ch, Old: o, New: li, DeltaUSD: li.MonthlyUSD - o.MonthlyUSD, Unpriced: !o.Priced || !li.Priced})
	}
	removedUpTo(len(old.Items))
	return d
}
