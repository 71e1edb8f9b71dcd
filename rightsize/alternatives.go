package rightsize

import (
	"cmp"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/schema"
)

// Alternative is another instance type for a compute tier that meets the
// utilisation target and the p99 SLO at peak load, and does no worse than
// the tier as written in any of its scenarios (average, one AZ lost,
// deploy).
type Alternative struct {
	InstanceType string
	SameFamily   bool
	// Count is the fixed instance count the alternative needs (its peak
	// need, kept at two or more when the tier had two or more, and raised
	// until one AZ lost and a deploy do no worse than as written); 0 for an
	// autoscaling tier, whose min and max stay as written.
	Count int
	// PeakNeeded is the capacity model's instances needed at peak.
	PeakNeeded int
	// MonthlyUSD is the tier's monthly cost with the alternative (instance
	// hours, root volumes and blue/green windows); CurrentUSD the tier's
	// cost on its own type, as written or, for a fixed count, sized the
	// same way as the alternative when that is cheaper (CurrentCount is
	// then that count, else 0), so that a smaller fleet of the same type
	// (COST001's advice) is not credited to another type.
	MonthlyUSD, CurrentUSD float64
	CurrentCount           int
}

// SavingUSD is what the alternative saves a month.
func (a Alternative) SavingUSD() float64 { return a.CurrentUSD - a.MonthlyUSD }

// generalFamily matches the general-purpose, compute- and memory-optimised
// families infralint suggests: m, c and r of the fifth generation on, any
// variant (m5, m6i, c7g, r6a, m7i-flex …), and t3 on for tiers already on
// burstable types.
var generalFamily = regexp.MustCompile(`^([mcr]([5-9]|[1-9][0-9])|t([3-9]|[1-9][0-9]))[a-z]*(-flex)?$`)

// CheaperTypes returns the instance types that would run compute tier
// tier of s for less a month while meeting the utilisation target and the
// SLO at peak, cheapest first: types of the tier's own family, then any
// current m, c or r type of the same CPU architecture with at least as
// much memory per vCPU, since memory is not modelled (burstable t types
// only when the tier already uses one; bare-metal types never). Prices come from
// cat in the stack's region; a type with no price there is not offered.
// Every scenario of the tier is checked: peak, average, one AZ lost and
// deploy must each do no worse than as written.
//
// It analyses s once; to ask about several tiers of one stack already
// analysed, use NewTypeFinder.
func CheaperTypes(s *schema.Stack, tier string, cat *catalog.Catalog, target float64) []Alternative {
	if cat == nil {
		cat = catalog.Default()
	}
	res, err := capacity.Analyze(s, capacity.Options{TargetUtilization: target, Catalog: cat})
	if err != nil {
		return nil // no type can be sized
	}
	return NewTypeFinder(s, res, cat).CheaperTypes(tier)
}

// TypeFinder answers CheaperTypes for the tiers of one stack from its
// capacity result, without analysing or pricing the whole stack again:
// each candidate type is sized for its tier alone (capacity.Result.TierAs,
// with the traffic and database responses already computed) and priced
// alone (pricing.PriceComponent), so one tier costs O(candidate types),
// whatever the size of the stack. It is not safe for concurrent use.
type TypeFinder struct {
	s   *schema.Stack
	cat *catalog.Catalog
	res *capacity.Result
	// types lists the types priced in the stack's region once, cheapest
	// first, with what the filters read of each: a tier's scan stops at
	// the first type whose fewest instances cost as much as the tier.
	types []typeInfo
}

// typeInfo is one instance type as the candidate filters see it.
type typeInfo struct {
	name, family string
	metal        bool // bare metal: never suggested
	general      bool // generalFamily matches its family
	spec         catalog.InstanceSpec
	hasSpec      bool
	hourlyUSD    float64 // in the stack's region
}

func (f *TypeFinder) typeList() []typeInfo {
	if f.types != nil {
		return f.types
	}
	general := map[string]bool{}
	for _, t := range f.cat.EC2Types() {
		ti := typeInfo{name: t, family: catalog.Family(t), metal: strings.HasSuffix(t, ".metal") || strings.Contains(t, ".metal-")}
		g, ok := general[ti.family]
		if !ok {
			g = generalFamily.MatchString(ti.family)
			general[ti.family] = g
		}
		ti.general = g
		ti.spec, ti.hasSpec = f.cat.EC2Spec(t)
		p, ok := f.cat.Price(f.s.Region, catalog.EC2Key(t))
		if !ok {
			continue // not offered: no price to compare
		}
		ti.hourlyUSD = p.USD
		f.types = append(f.types, ti)
	}
	slices.SortStableFunc(f.types, func(a, b typeInfo) int { return cmp.Compare(a.hourlyUSD, b.hourlyUSD) })
	return f.types
}

// NewTypeFinder returns a TypeFinder for s, whose capacity result res was
// computed with cat (nil: catalog.Default()); res's target utilisation is
// the one the alternatives must meet at peak. An autoscaling tier is
// priced at the average fleet Instances estimates for it on each type, as
// the cost table prices it on its own.
func NewTypeFinder(s *schema.Stack, res *capacity.Result, cat *catalog.Catalog) *TypeFinder {
	if cat == nil {
		cat = catalog.Default()
	}
	return &TypeFinder{s: s, cat: cat, res: res}
}

// price is pricing.PriceComponent for comp (the stack's own tier or a
// copy on another type), its average fleet estimated from f.res.
func (f *TypeFinder) price(comp *schema.Component) (float64, bool) {
	opts := pricing.Options{Catalog: f.cat}
	if comp.Compute.Autoscaling != nil {
		if n, ok := instancesAs(f.res, f.cat, comp); ok {
			opts.Instances = map[string]pricing.Instances{comp.Name: n}
		}
	}
	return pricing.PriceComponent(f.s, comp, f.cat, opts)
}

// CheaperTypes is CheaperTypes for one tier of the finder's stack.
func (f *TypeFinder) CheaperTypes(tier string) []Alternative {
	q := f.query(tier)
	if q == nil {
		return nil
	}
	var out []Alternative
	for _, c := range q.cands {
		if alt, ok := q.try(c); ok {
			out = append(out, alt)
		}
	}
	sortAlternatives(out)
	return out
}

// Cheapest is CheaperTypes(tier) cut to the cheapest alternative of the
// tier's own family and the cheapest of the others, in that order (either
// may be missing): all that COST002 reports. It sizes fewer candidates:
// they are tried from the cheapest price per instance up, and a group
// stops at the first candidate whose cheapest possible cost (its fewest
// billable instances' hours) is above the group's best so far, since no
// later one can then beat or tie it. The answer is the one CheaperTypes
// gives, at a fraction of the cost when many types qualify.
func (f *TypeFinder) Cheapest(tier string) []Alternative {
	q := f.query(tier)
	if q == nil {
		return nil
	}
	var best [2]*Alternative    // own family, other families
	for _, c := range q.cands { // in bound order: typeList is cheapest first
		g := 1
		if c.sameFamily {
			g = 0
		}
		// The bound is computed in another order than the cost; the
		// margin keeps a rounding difference from cutting a tie.
		if best[g] != nil && c.bound*(1-1e-9) > best[g].MonthlyUSD {
			if b := best[1-g]; b != nil && c.bound*(1-1e-9) > b.MonthlyUSD {
				break // every later candidate is above both bests
			}
			continue
		}
		alt, ok := q.try(c)
		if !ok {
			continue
		}
		if b := best[g]; b == nil || alt.MonthlyUSD < b.MonthlyUSD || (alt.MonthlyUSD == b.MonthlyUSD && alt.InstanceType < b.InstanceType) {
			best[g] = &alt
		}
	}
	var out []Alternative
	for _, b := range best {
		if b != nil {
			out = append(out, *b)
		}
	}
	return out
}

func sortAlternatives(out []Alternative) {
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].SameFamily != out[j].SameFamily {
			return out[i].SameFamily
		}
		if out[i].MonthlyUSD != out[j].MonthlyUSD {
			return out[i].MonthlyUSD < out[j].MonthlyUSD
		}
		return out[i].InstanceType < out[j].InstanceType
	})
}

// tierQuery is one tier's search: the candidate types that pass the
// cheap filters, and what each is compared with.
type tierQuery struct {
	f            *TypeFinder
	comp         *schema.Component
	currentUSD   float64
	currentCount int
	cands        []candidate
}

// candidate is a type that passed the filters, with a lower bound on its
// monthly cost: its hourly price × the fewest instances billed × hours.
type candidate struct {
	instanceType string
	sameFamily   bool
	bound        float64
}

// try sizes and prices candidate c; false when it does not qualify.
func (q *tierQuery) try(c candidate) (Alternative, bool) {
	alt, ok := q.f.tryType(q.comp, c.instanceType)
	if !ok || alt.MonthlyUSD >= q.currentUSD {
		return alt, false
	}
	alt.SameFamily, alt.CurrentUSD, alt.CurrentCount = c.sameFamily, q.currentUSD, q.currentCount
	return alt, true
}

// query prices tier as it is and lists the candidate types in f.types
// order, so by bound, cheapest first; nil when the tier cannot be
// compared.
func (f *TypeFinder) query(tier string) *tierQuery {
	s, cat := f.s, f.cat
	comp := s.Components[tier]
	if f.res == nil || comp == nil || comp.Compute == nil || s.HostOf(tier) != nil {
		return nil
	}
	if comp.Compute.VCPUs > 0 {
		// An explicit vcpus is not the type's count: another type's
		// would be a guess at what the machine or the pinning becomes.
		return nil
	}
	cur := comp.Compute.InstanceType
	curSpec, ok := cat.EC2Spec(cur)
	if !ok {
		return nil
	}
	currentUSD, complete := f.price(comp)
	if !complete || currentUSD == 0 {
		return nil
	}
	q := &tierQuery{f: f, comp: comp}
	if comp.Compute.Autoscaling == nil {
		if base, ok := f.tryType(comp, cur); ok && base.MonthlyUSD < currentUSD {
			currentUSD, q.currentCount = base.MonthlyUSD, base.Count
		}
	}
	q.currentUSD = currentUSD
	family := catalog.Family(cur)
	floor := comp.Compute.Instances() // instances billed at least
	if comp.Compute.Autoscaling == nil {
		floor = min(floor, 2) // an alternative may run fewer, but keeps redundancy
	}
	floor = max(floor, 1)

	for _, ti := range f.typeList() {
		bound := ti.hourlyUSD * float64(floor) * s.Workload.MonthlyHours
		if bound >= currentUSD {
			break // even its fewest instances cost as much, and so do all after it
		}
		t, ft, spec := ti.name, ti.family, ti.spec
		if t == cur || ti.metal {
			continue
		}
		if ft != family && (!ti.general || (ft[0] == 't' && family[0] != 't')) {
			continue
		}
		if !ti.hasSpec || spec.Arch != curSpec.Arch || spec.VCPU < 1 || memPerVCPU(spec) < memPerVCPU(curSpec) {
			continue
		}
		q.cands = append(q.cands, candidate{instanceType: t, sameFamily: ft == family, bound: bound})
	}
	return q
}

// tryType sizes tier comp on instance type t at peak and prices it.
func (f *TypeFinder) tryType(comp *schema.Component, t string) (Alternative, bool) {
	alt := Alternative{InstanceType: t}
	needed, err := f.res.NeededAs(comp.Name, t, capacity.ScenarioPeak, 0)
	if err != nil || needed == 0 {
		return alt, false
	}
	alt.PeakNeeded = needed
	count := 0
	c := comp.Compute
	if as := c.Autoscaling; as != nil {
		if needed > as.Max || !f.holds(comp, t, 0) {
			return alt, false
		}
	} else {
		base := max(needed, min(c.Instances(), 2))
		for n := base; n <= base+maxExtraInstances && count == 0; n++ {
			if f.holds(comp, t, n) {
				count = n
			}
		}
		if count == 0 {
			return alt, false
		}
		alt.Count = count
	}
	usd, complete := f.price(withType(comp, t, count))
	if !complete {
		return alt, false
	}
	alt.MonthlyUSD = usd
	return alt, true
}

// maxExtraInstances bounds how many instances past its peak need a fixed
// alternative may add to hold one AZ lost or a deploy: one AZ's share of
// a three-AZ fleet of six, and a rolling batch; past that the type is not
// a saving worth offering.
const maxExtraInstances = 3

// holds reports whether tier comp on instance type t, with count
// instances (0: as written), does no worse than the tier as written in
// every scenario the model gives it.
func (f *TypeFinder) holds(comp *schema.Component, t string, count int) bool {
	cur := f.res.Tier(comp.Name)
	if cur == nil {
		return false
	}
	as, err := f.res.TierAs(comp.Name, t, count, 0)
	return err == nil && NoWorse(cur.Scenarios, as.Scenario)
}

// withType returns a copy of component c running instance type t (and
// count instances, when count > 0); c is not changed.
func withType(c *schema.Component, t string, count int) *schema.Component {
	c2 := *c
	cp := *c.Compute
	cp.InstanceType = t
	if count > 0 {
		cp.Count = count
	}
	c2.Compute = &cp
	return &c2
}

func memPerVCPU(s catalog.InstanceSpec) float64 { return float64(s.MemoryMiB) / float64(s.VCPU) }
