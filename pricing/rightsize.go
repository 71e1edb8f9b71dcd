package pricing

import (
	"regexp"
	"sort"
	"strings"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/schema"
)

// Alternative is another instance type for a compute tier that meets the
// utilisation target and the p99 SLO at peak load.
type Alternative struct {
	InstanceType string
	SameFamily   bool
	// Count is the fixed instance count the alternative needs (its peak
	// need, kept at two or more when the tier had two or more); 0 for an
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
// Only the peak scenario is checked, not a lost AZ or a deploy.
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
// alone (PriceComponent), so one tier costs O(candidate types), whatever
// the size of the stack. It is not safe for concurrent use.
type TypeFinder struct {
	s         *schema.Stack
	cat       *catalog.Catalog
	res       *capacity.Result
	instances InstancesFunc
	types     []string // cat.EC2Types(), listed once: it scans every price
}

// NewTypeFinder returns a TypeFinder for s, whose capacity result res was
// computed with cat (nil: catalog.Default()); res's target utilisation is
// the one the alternatives must meet at peak. Tiers are priced with the
// default instance estimate (CapacityInstances), as Price prices them.
func NewTypeFinder(s *schema.Stack, res *capacity.Result, cat *catalog.Catalog) *TypeFinder {
	if cat == nil {
		cat = catalog.Default()
	}
	return &TypeFinder{s: s, cat: cat, res: res, instances: instancesFrom(res, cat)}
}

// CheaperTypes is CheaperTypes for one tier of the finder's stack.
func (f *TypeFinder) CheaperTypes(tier string) []Alternative {
	s, cat := f.s, f.cat
	comp := s.Components[tier]
	if f.res == nil || comp == nil || comp.Compute == nil || s.HostOf(tier) != nil {
		return nil
	}
	cur := comp.Compute.InstanceType
	curSpec, ok := cat.EC2Spec(cur)
	if !ok {
		return nil
	}
	currentUSD, complete := PriceComponent(s, comp, cat, Options{Instances: f.instances})
	if !complete || currentUSD == 0 {
		return nil
	}
	currentCount := 0
	if comp.Compute.Autoscaling == nil {
		if base, ok := f.tryType(comp, cur); ok && base.MonthlyUSD < currentUSD {
			currentUSD, currentCount = base.MonthlyUSD, base.Count
		}
	}
	family := familyOf(cur)
	floor := comp.Compute.Instances() // instances billed at least
	if comp.Compute.Autoscaling == nil {
		floor = min(floor, 2) // an alternative may run fewer, but keeps redundancy
	}
	floor = max(floor, 1)

	if f.types == nil {
		f.types = cat.EC2Types()
	}
	var out []Alternative
	for _, t := range f.types {
		ft := familyOf(t)
		if t == cur || strings.HasSuffix(t, ".metal") || strings.Contains(t, ".metal-") {
			continue
		}
		if ft != family && (!generalFamily.MatchString(ft) || (ft[0] == 't' && family[0] != 't')) {
			continue
		}
		spec, ok := cat.EC2Spec(t)
		if !ok || spec.Arch != curSpec.Arch || spec.VCPU < 1 || memPerVCPU(spec) < memPerVCPU(curSpec) {
			continue
		}
		p, ok := cat.Price(s.Region, catalog.EC2Key(t))
		if !ok || p.USD*float64(floor)*s.Workload.MonthlyHours >= currentUSD {
			continue // even its fewest instances cost as much
		}
		alt, ok := f.tryType(comp, t)
		if !ok || alt.MonthlyUSD >= currentUSD {
			continue
		}
		alt.SameFamily, alt.CurrentUSD, alt.CurrentCount = ft == family, currentUSD, currentCount
		out = append(out, alt)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].SameFamily != out[j].SameFamily {
			return out[i].SameFamily
		}
		if out[i].MonthlyUSD != out[j].MonthlyUSD {
			return out[i].MonthlyUSD < out[j].MonthlyUSD
		}
		return out[i].InstanceType < out[j].InstanceType
	})
	return out
}

// tryType sizes tier comp on instance type t at peak and prices it.
func (f *TypeFinder) tryType(comp *schema.Component, t string) (Alternative, bool) {
	alt := Alternative{InstanceType: t}
	tier, err := f.res.TierAs(comp.Name, t, 0, 0, capacity.ScenarioPeak)
	if err != nil {
		return alt, false
	}
	peak := tier.Scenario(capacity.ScenarioPeak)
	if peak == nil || peak.Needed == 0 {
		return alt, false
	}
	alt.PeakNeeded = peak.Needed
	count := 0
	c := comp.Compute
	if as := c.Autoscaling; as != nil {
		if peak.Needed > as.Max {
			return alt, false
		}
	} else {
		alt.Count = max(peak.Needed, min(c.Instances(), 2))
		count = alt.Count
	}
	usd, complete := PriceComponent(f.s, withType(comp, t, count), f.cat, Options{Instances: f.instances})
	if !complete {
		return alt, false
	}
	alt.MonthlyUSD = usd
	return alt, true
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

// familyOf is the part of an instance type before the first dot: "m5" for
// "m5.large".
func familyOf(t string) string {
	f, _, _ := strings.Cut(t, ".")
	return f
}
