package rightsize

import (
	"cmp"
	"slices"
	"strings"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/schema"
)

// Resize is a cheaper class for a database or node type for a cache that
// holds what the capacity model asks of the one written: every tier and
// database does as well in every scenario (peak, average, one AZ lost,
// deploy) and every cached data set keeps its hit ratio.
type Resize struct {
	Component string
	// Field is the field to change: "instance_class" or "node_type".
	Field    string
	From, To string
	// MonthlyUSD is the component's monthly cost on To, CurrentUSD on
	// From, both with pricing.PriceComponent (instance or node hours and,
	// for a database, its storage, Multi-AZ kept).
	MonthlyUSD, CurrentUSD float64
	// VCPU and MemoryMiB are From's and To's (a database class's).
	VCPU, ToVCPU           int
	MemoryMiB, ToMemoryMiB float64
	// PeakCPU is the database's CPU utilisation at peak on From and on To,
	// from the capacity model.
	PeakCPU, ToPeakCPU float64
	// DataMiB is what a cache's data sets hold, and Nodes its node count
	// (kept).
	DataMiB float64
	Nodes   int
}

// SavingUSD is what the resize saves a month.
func (r Resize) SavingUSD() float64 { return r.CurrentUSD - r.MonthlyUSD }

// CacheReservedShare is the share of a node's memory a cache keeps for
// itself: ElastiCache for Redis' default reserved-memory-percent, 25
// (AWS ElastiCache user guide, "Managing reserved memory"), holding
// replication buffers and fragmentation. The data sets must fit in the
// rest.
const CacheReservedShare = 0.25

// maxResizeTries bounds the capacity analyses one component's search runs:
// candidates are tried cheapest first, and one that passes ends it.
const maxResizeTries = 8

// resizes returns the cheapest passing Resize of each database and cache
// of s that saves anything, by component name.
func resizes(s *schema.Stack, model *capacity.Result, cat *catalog.Catalog) map[string]*Resize {
	out := map[string]*Resize{}
	opts := capacity.Options{TargetUtilization: model.TargetUtilization, Catalog: cat}
	refs := referrers(s)
	prices := newComponentPrices(s, cat)
	// The catalog lists its names by scanning every price: once a stack,
	// not once a component (a thousand databases made it most of check).
	// Which of them could replace a class depends on the class alone, so
	// that list too is made once per class written, not per component.
	if dbs := s.OfKind(schema.KindDatabase); len(dbs) > 0 {
		classes := sizeChoices{names: cat.RDSClasses(), fits: map[string][]string{}}
		for _, c := range dbs {
			if r := resizeDatabase(s, model, cat, opts, refs, &classes, prices, c); r != nil {
				out[c.Name] = r
			}
		}
	}
	if caches := s.OfKind(schema.KindCache); len(caches) > 0 {
		nodeTypes := sizeChoices{names: cat.ElastiCacheNodeTypes(), fits: map[string][]string{}}
		for _, c := range caches {
			if r := resizeCache(model, cat, &nodeTypes, prices, c); r != nil {
				out[c.Name] = r
			}
		}
	}
	return out
}

// sizeChoices are the classes or node types a search picks from, with,
// by the one written, those that pass the tests that depend on it alone
// (family, architecture, shape), in names' order.
type sizeChoices struct {
	names []string
	fits  map[string][]string
}

// of returns the names for which keep(name) holds, computed once per from.
func (sc *sizeChoices) of(from string, keep func(name string) bool) []string {
	if got, ok := sc.fits[from]; ok {
		return got
	}
	var fit []string
	for _, n := range sc.names {
		if n != from && keep(n) {
			fit = append(fit, n)
		}
	}
	sc.fits[from] = fit
	return fit
}

// sizeCandidate is a class or node type priced for the component.
type sizeCandidate struct {
	name string
	usd  float64
}

// suggestedFamily reports whether class or node type to is one infralint
// suggests in place of from: an m or r family of the fifth generation on,
// a burstable t only in place of a t (generalFamily, as for instances).
func suggestedFamily(from, to string) bool {
	bare := func(t string) string {
		return catalog.Family(strings.TrimPrefix(strings.TrimPrefix(t, "db."), "cache."))
	}
	f, g := bare(from), bare(to)
	if !generalFamily.MatchString(g) {
		return false
	}
	return g[0] != 't' || f[0] == 't'
}

// resizeDatabase is the cheapest RDS class of the same engine, Multi-AZ
// as written, with as much memory per vCPU (a memory-optimised class stays
// one: the model does not know the working set), on which the database
// keeps within the utilisation target at peak and nothing does worse.
func resizeDatabase(s *schema.Stack, model *capacity.Result, cat *catalog.Catalog, opts capacity.Options, refs map[string][]string, classes *sizeChoices, prices *componentPrices, c *schema.Component) *Resize {
	db := c.Database
	md := findDatabase(model, c.Name)
	if db.InstanceClass == "" || md == nil || s.HostOf(c.Name) != nil {
		return nil
	}
	spec, ok := cat.RDSSpec(db.InstanceClass)
	peak := md.Scenario(capacity.ScenarioPeak)
	if !ok || spec.VCPU < 1 || peak == nil || peak.Verdict != capacity.VerdictOK {
		return nil // a database already over its target is not shrunk
	}
	current, complete := prices.of(c)
	if !complete || current <= 0 {
		return nil
	}
	// Fewest vCPUs that keep the peak's busy time within the target: the
	// M/M/c's utilisation is λ·S/c.
	minVCPU := peak.CPUUtilization * float64(spec.VCPU) / model.TargetUtilization
	var cands []sizeCandidate
	shaped := classes.of(db.InstanceClass, func(class string) bool {
		cs, ok := cat.RDSSpec(class)
		return ok && cs.VCPU >= 1 && cs.Arch == spec.Arch && suggestedFamily(db.InstanceClass, class) && memPerVCPU(cs) >= memPerVCPU(spec)
	})
	for _, class := range shaped {
		if cs, _ := cat.RDSSpec(class); float64(cs.VCPU) < minVCPU-1e-9 {
			continue
		}
		c2 := withClass(c, class)
		usd, complete := prices.of(c2)
		if complete && usd < current {
			cands = append(cands, sizeCandidate{class, usd})
		}
	}
	if len(cands) == 0 {
		return nil // nothing cheaper to judge: no analysis
	}
	scope := scoped(s, model, c.Name, refs)
	baseRes, err := capacity.Analyze(scope, opts)
	if err != nil {
		return nil
	}
	for _, cand := range cheapestFirst(cands) {
		res, err := capacity.Analyze(replaced(scope, withClass(c, cand.name)), opts)
		if err != nil || !noWorse(baseRes, res) {
			continue
		}
		cs, _ := cat.RDSSpec(cand.name)
		to := findDatabase(res, c.Name).Scenario(capacity.ScenarioPeak)
		return &Resize{Component: c.Name, Field: "instance_class", From: db.InstanceClass, To: cand.name,
			MonthlyUSD: cand.usd, CurrentUSD: current,
			VCPU: spec.VCPU, ToVCPU: cs.VCPU, MemoryMiB: float64(spec.MemoryMiB), ToMemoryMiB: float64(cs.MemoryMiB),
			PeakCPU: peak.CPUUtilization, ToPeakCPU: to.CPUUtilization}
	}
	return nil
}

// resizeCache is the cheapest node type of the same engine, as many nodes,
// whose memory less CacheReservedShare holds the data sets: every hit
// ratio holds on it and nothing does worse.
func resizeCache(model *capacity.Result, cat *catalog.Catalog, nodeTypes *sizeChoices, prices *componentPrices, c *schema.Component) *Resize {
	ca := c.Cache
	mc := findCache(model, c.Name)
	if mc == nil || len(mc.DataSets) == 0 || mc.DataBytes <= 0 {
		return nil // nothing modelled says what it must hold
	}
	if mc.DataBytes > float64(mc.MemoryBytes)*(1-CacheReservedShare) {
		return nil // already full: CACHE003's business
	}
	current, complete := prices.of(c)
	if !complete || current <= 0 {
		return nil
	}
	var cands []sizeCandidate
	shaped := nodeTypes.of(ca.NodeType, func(nt string) bool {
		_, ok := cat.ElastiCacheSpec(nt)
		return ok && suggestedFamily(ca.NodeType, nt) && graviton(nt) == graviton(ca.NodeType)
	})
	for _, nt := range shaped {
		if spec, _ := cat.ElastiCacheSpec(nt); float64(spec.MemoryBytes())*float64(ca.Nodes)*(1-CacheReservedShare) < mc.DataBytes {
			continue
		}
		usd, complete := prices.of(withNodeType(c, nt))
		if complete && usd < current {
			cands = append(cands, sizeCandidate{nt, usd})
		}
	}
	if len(cands) == 0 {
		return nil
	}
	// The capacity model reads a cache's node type for its memory alone
	// (Cache.MemoryBytes, which it reports and does not use): hit ratios,
	// the cache's callers and their sources do as well on any node type,
	// so the cheapest that holds the data is the answer, with no analysis
	// (a thousand caches made two each most of right-sizing).
	// TestCacheNodeTypeChangesOnlyMemory fails when the model starts to
	// read more of the node type; the search must then judge candidates
	// with capacity.Analyze, as resizeDatabase does.
	cand := cheapestFirst(cands)[0]
	spec, _ := cat.ElastiCacheSpec(cand.name)
	return &Resize{Component: c.Name, Field: "node_type", From: ca.NodeType, To: cand.name,
		MonthlyUSD: cand.usd, CurrentUSD: current, Nodes: ca.Nodes,
		MemoryMiB: float64(mc.MemoryBytes) / (1 << 20), ToMemoryMiB: float64(spec.MemoryBytes()) * float64(ca.Nodes) / (1 << 20),
		DataMiB: mc.DataBytes / (1 << 20)}
}

// graviton reports whether a node type runs on AWS Graviton (arm64): a
// "g" among the letters after its family's generation (cache.r6g.large,
// cache.t4g.micro). ElastiCache's specs carry no architecture, and a
// resize keeps the one written, as the instance and class searches do.
func graviton(nodeType string) bool {
	f := catalog.Family(strings.TrimPrefix(nodeType, "cache."))
	i := strings.IndexAny(f, "0123456789")
	return i >= 0 && strings.Contains(strings.TrimLeft(f[i:], "0123456789"), "g")
}

// cheapestFirst sorts candidates by monthly cost, then name, and keeps the
// first maxResizeTries.
func cheapestFirst(cands []sizeCandidate) []sizeCandidate {
	slices.SortFunc(cands, func(a, b sizeCandidate) int { return cmp.Or(cmp.Compare(a.usd, b.usd), cmp.Compare(a.name, b.name)) })
	return cands[:min(len(cands), maxResizeTries)]
}

// scoped is the stack a resize of component name is judged on: the one
// tier calling it alone with its databases and caches (isolated), when
// nothing else shares them, so that a search costs O(that tier) however
// big the stack; else the whole stack.
func scoped(s *schema.Stack, model *capacity.Result, name string, refs map[string][]string) *schema.Stack {
	if callers := refs[name]; len(callers) == 1 {
		if t := model.Tier(callers[0]); t != nil {
			if iso, ok := isolated(s, t, refs); ok {
				return iso
			}
		}
	}
	return s
}

// replaced returns a copy of s with component c in place of its namesake.
func replaced(s *schema.Stack, c *schema.Component) *schema.Stack {
	s2 := *s
	s2.Components = make(map[string]*schema.Component, len(s.Components))
	for k, v := range s.Components {
		s2.Components[k] = v
	}
	s2.Components[c.Name] = c
	return &s2
}

// noWorse reports whether every tier and database of cand does at least
// as well as in base, scenario by scenario, and every cached data set
// hits at least as often.
func noWorse(base, cand *capacity.Result) bool {
	for _, t := range base.Tiers {
		ct := cand.Tier(t.Name)
		if ct == nil || !NoWorse(t.Scenarios, ct.Scenario) {
			return false
		}
	}
	for _, d := range base.Databases {
		cd := findDatabase(cand, d.Name)
		if cd == nil || !NoWorse(d.Scenarios, cd.Scenario) {
			return false
		}
	}
	for _, c := range base.Caches {
		cc := findCache(cand, c.Name)
		if cc == nil || len(cc.DataSets) != len(c.DataSets) {
			return false
		}
		for i, ds := range c.DataSets {
			if cc.DataSets[i].HitRatio < ds.HitRatio-1e-12 {
				return false
			}
		}
	}
	return true
}

// NoWorse reports whether a changed tier or database, whose scenarios
// cand looks up, does at least as well as base in each of base's
// scenarios (its verdict ranks no worse): the bar every right-sizing
// suggestion clears.
func NoWorse(base []*capacity.Scenario, cand func(capacity.ScenarioKind) *capacity.Scenario) bool {
	for _, sc := range base {
		c := cand(sc.Kind)
		if c == nil || c.Verdict.Rank() > sc.Verdict.Rank() {
			return false
		}
	}
	return true
}

func findDatabase(r *capacity.Result, name string) *capacity.Database {
	for _, d := range r.Databases {
		if d.Name == name {
			return d
		}
	}
	return nil
}

func findCache(r *capacity.Result, name string) *capacity.Cache {
	for _, c := range r.Caches {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// withClass returns a copy of database component c on class.
func withClass(c *schema.Component, class string) *schema.Component {
	c2 := *c
	db := *c.Database
	db.InstanceClass = class
	c2.Database = &db
	return &c2
}

// withNodeType returns a copy of cache component c on node type nt.
func withNodeType(c *schema.Component, nt string) *schema.Component {
	c2 := *c
	ca := *c.Cache
	ca.NodeType = nt
	c2.Cache = &ca
	return &c2
}
