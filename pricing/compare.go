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
}

// Diff compares two estimates line by line.
type Diff struct {
	Old, New *Estimate  `json:"-"`
	Lines    []DiffLine `json:"lines"`
	// DeltaUSD is New.MonthlyUSD − Old.MonthlyUSD.
	DeltaUSD float64 `json:"delta_usd"`
	// Partial is set when either side is partial: the delta is then
	// uncertain too.
	Partial bool `json:"partial"`
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
				d.Lines = append(d.Lines, DiffLine{Component: li.Component, Name: li.Name, Change: Removed, Old: &old.Items[next], DeltaUSD: -li.MonthlyUSD})
			}
		}
	}
	for i := range new.Items {
		li := &new.Items[i]
		j, ok := oldAt[key{li.Component, li.Name}]
		if !ok {
			d.Lines = append(d.Lines, DiffLine{Component: li.Component, Name: li.Name, Change: Added, New: li, DeltaUSD: li.MonthlyUSD})
			continue
		}
		removedUpTo(j)
		o := &old.Items[j]
		emitted[j] = true
		ch := Unchanged
		if o.Quantity != li.Quantity || o.MonthlyUSD != li.MonthlyUSD || o.Priced != li.Priced || o.Price.USD != li.Price.USD {
			ch = Changed
		}
		d.Lines = append(d.Lines, DiffLine{Component: li.Component, Name: li.Name, Change: ch, Old: o, New: li, DeltaUSD: li.MonthlyUSD - o.MonthlyUSD})
	}
	removedUpTo(len(old.Items))
	return d
}
