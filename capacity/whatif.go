package capacity

import "fmt"

// What-if evaluation: one tier on another instance type or count, reusing
// the traffic and database responses of an analysis already made.

// TierAs evaluates compute tier name as if it ran count instances (when
// count > 0; a fixed-count tier only) of instanceType, at target
// utilisation target (0: the result's), in the scenarios kinds (all the
// tier's, in Analyze's order, when none are given), and returns the tier
// as Analyze would report it for a stack so changed. Nothing else is
// re-analysed: a tier's instance type and count change neither its
// arrival rates (the traffic is spread by the stack's topology) nor the
// responses of the databases and tiers it calls (their load is their
// callers' rates), and the queries of a database the tier hosts are
// evaluated on the tier's new CPUs as Analyze does. The tiers that call
// this one keep the figures of the analysis: for them, analyse the
// changed stack. The cost is that of one tier, not
// of the stack. The error names an unknown tier or instance type, or a
// Result not made by Analyze. r is not changed; TierAs is safe for
// concurrent use.
func (r *Result) TierAs(name, instanceType string, count int, target float64, kinds ...ScenarioKind) (*Tier, error) {
	a2, m2, err := r.as(name, instanceType, target)
	if err != nil {
		return nil, err
	}
	t := m2.out
	if count > 0 {
		if t.Autoscaling {
			return nil, fmt.Errorf("%w: %q autoscales: its count cannot be set", ErrInvalid, name)
		}
		t.Min, t.Max = count, count
		m2.baseInst = [nLevels]int{levelPeak: count, levelAverage: count}
	}
	a2.tier(m2, kinds)
	return t, nil
}

// NeededAs is TierAs(name, instanceType, 0, target, kind)'s instances
// needed in scenario kind, without evaluating the fleet as written: the
// cheapest question a search over instance types can ask.
func (r *Result) NeededAs(name, instanceType string, kind ScenarioKind, target float64) (int, error) {
	a, m, err := r.as(name, instanceType, target)
	if err != nil {
		return 0, err
	}
	l := levelPeak
	if kind == ScenarioAverage {
		l = levelAverage
	}
	if kind == ScenarioDeploy && m.comp.Deploy == nil {
		return 0, fmt.Errorf("%w: %q has no deploy block", ErrInvalid, name)
	}
	t := m.out
	return a.needed(m, kind, l, func(n int) int { return inService(kind, n, t.AZs, m.comp.Deploy) }), nil
}

// as returns a copy of r's analysis at target (0: r's) and of tier name's
// model running instanceType, for TierAs and NeededAs.
func (r *Result) as(name, instanceType string, target float64) (*analysis, *tierModel, error) {
	a := r.model
	if a == nil {
		return nil, nil, fmt.Errorf("%w: the result was not made by Analyze", ErrInvalid)
	}
	m, ok := a.tiers[name]
	if !ok {
		return nil, nil, fmt.Errorf("%w: %q is not a compute tier of %s", ErrInvalid, name, a.s.Name)
	}
	// The tier's own type keeps its own count (an explicit vcpus
	// included); another type brings its spec's.
	var vcpu int
	if instanceType == m.comp.InstanceType {
		vcpu, ok = m.comp.VCPUCount(a.cat)
	} else {
		spec, found := a.cat.EC2Spec(instanceType)
		vcpu, ok = spec.VCPU, found && spec.VCPU >= 1
	}
	if !ok {
		return nil, nil, fmt.Errorf("%w: unknown instance type %q", ErrInvalid, instanceType)
	}
	a2 := *a
	if target != 0 {
		if !(target > 0 && target <= 1) {
			return nil, nil, fmt.Errorf("%w: target utilisation %g must be in (0, 1]", ErrInvalid, target)
		}
		a2.target = target
	}
	t := *m.out
	t.InstanceType, t.VCPU, t.Scenarios = instanceType, vcpu, nil
	m2 := *m
	m2.out = &t
	m2.cpuServers = vcpu
	if t.EventLoop {
		m2.cpuServers = min(m.comp.Workers.Processes, vcpu)
	}
	t.CPUServers = m2.cpuServers
	return &a2, &m2, nil
}
