package pricing

import (
	"fmt"
	"slices"
	"strings"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/schema"
)

// LineItem is one priced cost component.
type LineItem struct {
	Component string `json:"component"` // stack component, or "network"
	Kind      string `json:"kind"`
	CostComponent
	// Priced is false when the catalog has no price for PriceKey in the
	// region; Price and MonthlyUSD are then zero.
	Priced     bool          `json:"priced"`
	Price      catalog.Price `json:"-"`
	MonthlyUSD float64       `json:"monthly_usd"`
}

// Missing names a price the catalog lacks.
type Missing struct {
	Component string `json:"component"`
	Item      string `json:"item"`
	Region    string `json:"region"`
	PriceKey  string `json:"price_key"`
}

func (m Missing) String() string {
	return fmt.Sprintf("%s %s: no %s price in %s", m.Component, m.Item, m.PriceKey, m.Region)
}

// Estimate is a stack's monthly cost.
type Estimate struct {
	Stack  string     `json:"stack"`
	File   string     `json:"file"`
	Region string     `json:"region"`
	Items  []LineItem `json:"items"`
	// MonthlyUSD sums the priced items; when Partial it is a lower bound.
	MonthlyUSD float64 `json:"monthly_usd"`
	// MonthlyRequests is avg_rps × monthly_hours × 3600.
	MonthlyRequests float64 `json:"monthly_requests"`
	// PerMillionRequestsUSD is MonthlyUSD per 10⁶ requests; 0 without
	// traffic (under one request a month).
	PerMillionRequestsUSD float64   `json:"per_million_requests_usd"`
	Partial               bool      `json:"partial"`
	Missing               []Missing `json:"missing,omitempty"`
	// Approximate counts the priced items whose price is flagged
	// approximate.
	Approximate int `json:"approximate"`
	// Attribution is the catalog's "prices as of …; sources: …" line for
	// the prices used.
	Attribution string `json:"attribution"`
	// Sources lists the catalog sources of the prices used, by ID.
	Sources []catalog.Source `json:"-"`
}

// Price prices the declared resources of s in cat (nil: the embedded
// snapshot). It never fails: an absent price makes the estimate Partial.
func Price(s *schema.Stack, cat *catalog.Catalog, opts Options) *Estimate {
	if cat == nil {
		cat = catalog.Default()
	}
	if opts.Catalog == nil {
		opts.Catalog = cat
	}
	e := &Estimate{Stack: s.Name, Region: s.Region}
	if s.Source != nil {
		e.File = s.Source.File
	}
	var used []catalog.Price
	for _, r := range Declare(s, opts) {
		for _, cc := range r.Components {
			li := LineItem{Component: r.Name, Kind: r.Kind, CostComponent: cc}
			if p, ok := cat.Price(s.Region, cc.PriceKey); ok {
				li.Priced, li.Price = true, p
				li.MonthlyUSD = cc.Quantity * p.USD
				e.MonthlyUSD += li.MonthlyUSD
				used = append(used, p)
				if p.Approximate {
					e.Approximate++
				}
			} else {
				e.Partial = true
				e.Missing = append(e.Missing, Missing{Component: r.Name, Item: cc.Name, Region: s.Region, PriceKey: cc.PriceKey})
			}
			e.Items = append(e.Items, li)
		}
	}
	e.MonthlyRequests = s.Workload.AvgRPS * s.Workload.MonthlyHours * secondsPerHour
	// Below one request a month the quotient means nothing, and a
	// vanishing avg_rps (5e-324) would make it +Inf.
	if e.MonthlyRequests >= 1 {
		e.PerMillionRequestsUSD = e.MonthlyUSD / e.MonthlyRequests * 1e6
	}
	if len(used) > 0 {
		e.Attribution = cat.Attribution(used...)
	}
	ids := map[string]bool{}
	for _, p := range used {
		ids[p.Source] = true
	}
	for _, src := range cat.Sources() {
		if ids[src.ID] {
			e.Sources = append(e.Sources, src)
		}
	}
	return e
}

// PriceComponent is what Price(s, cat, opts).Component(c.Name) returns,
// computed for c alone: the monthly cost of its priced items and whether
// all of them were priced. c need not be s's own component of that name (a
// copy with another instance type, say); it is priced in s's region and
// workload. Nothing else in s is declared or priced, so the cost is that of
// one component, at the fleet opts.Instances gives for it.
func PriceComponent(s *schema.Stack, c *schema.Component, cat *catalog.Catalog, opts Options) (usd float64, complete bool) {
	if cat == nil {
		cat = catalog.Default()
	}
	if opts.Catalog == nil {
		opts.Catalog = cat
	}
	if s.HostOf(c.Name) != nil {
		return 0, true // runs on an app server: no bill of its own
	}
	d := &decl{s: s, hours: s.Workload.MonthlyHours, opts: opts}
	complete = true
	for _, cc := range nonZero(kinds[c.Kind](d, c)) {
		if p, ok := cat.Price(s.Region, cc.PriceKey); ok {
			usd += cc.Quantity * p.USD
		} else {
			complete = false
		}
	}
	return usd, complete
}

// MissingKeys returns the distinct missing price keys, sorted, e.g.
// "alb/hour, alb/lcu-hour".
func (e *Estimate) MissingKeys() []string {
	var keys []string
	for _, m := range e.Missing {
		keys = append(keys, m.PriceKey)
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// PartialNote is the one-line warning of a partial estimate, or "".
func (e *Estimate) PartialNote() string {
	if !e.Partial {
		return ""
	}
	return fmt.Sprintf("PARTIAL: the total leaves out %s with no price in %s (%s); supply the prices with --prices FILE",
		humanize.Plural(len(e.Missing), "line item"), e.Region, strings.Join(e.MissingKeys(), ", "))
}

// Component returns the monthly cost of one stack component's priced items
// and whether all of them were priced.
func (e *Estimate) Component(name string) (usd float64, complete bool) {
	complete = true
	for _, li := range e.Items {
		if li.Component == name {
			usd += li.MonthlyUSD
			complete = complete && li.Priced
		}
	}
	return usd, complete
}
