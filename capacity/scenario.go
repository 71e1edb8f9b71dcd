package capacity

import (
	"math"
	"slices"

	"github.com/infralint/infralint/schema"
)

// One tier under one scenario, and the instances it needs.

// eval computes tier m with n instances in service at level l.
func (a *analysis) eval(m *tierModel, kind ScenarioKind, n int, l level) *Scenario {
	return a.evalMode(m, kind, n, l, false)
}

// evalMode is eval; when quick, it stops before the p99 (the costly part)
// once a utilisation is over the target, with Verdict VerdictOverTarget
// and MeanMs, P99Ms 0: the verdict is then not OK either way, which is all
// the search for instances needed asks; and a blocking tier under the
// target gets its p99 only (no mean, p50 or p95) for the verdict.
func (a *analysis) evalMode(m *tierModel, kind ScenarioKind, n int, l level, quick bool) *Scenario {
	sc := &Scenario{Kind: kind, RPS: m.rps[l], Instances: n}
	if m.rps[l] == 0 {
		sc.Idle = true
	}
	if n <= 0 && sc.Idle {
		sc.Verdict = VerdictOK
		return sc
	}
	if n <= 0 {
		sc.Saturated, sc.Bottleneck = true, BottleneckNoInstances
		sc.Verdict = VerdictSaturated
		return sc
	}
	lam := m.rps[l] / float64(n)
	sc.RPSPerInstance = lam
	cpu := a.hostCPU(m, lam, l)
	sc.CPUUtilization = cpu.rho
	var dbS float64
	dbSaturated := false
	for _, db := range m.dbOrder {
		q := m.queries[l][db]
		if q == 0 {
			continue
		}
		d := a.dbs[db]
		resp := d.resp[l]
		if d == m.hosted {
			resp = cpu.queryResp
			if cpu.saturated {
				resp = math.Inf(1)
			}
		}
		if math.IsInf(resp, 1) {
			dbSaturated = true
			continue
		}
		dbS += q * resp
	}
	// A call to a compute tier (directly or through its load balancer)
	// holds the worker for that tier's mean response.
	var callS float64
	calledSaturated := false
	for _, t := range m.callOrder {
		resp := a.tiers[t].resp[l]
		if math.IsInf(resp, 1) {
			calledSaturated = true
			continue
		}
		callS += m.calls[t] * resp
	}
	switch {
	case cpu.saturated:
		sc.Saturated, sc.Bottleneck = true, BottleneckCPU
	case dbSaturated:
		sc.Saturated, sc.Bottleneck = true, BottleneckDatabase
	case calledSaturated:
		sc.Saturated, sc.Bottleneck = true, BottleneckCalledTier
	}
	if sc.Saturated {
		// Workers waiting on a saturated database or CPU pile up: all
		// busy. Without a saturated database, report the lower bound
		// their own time gives, which may well exceed 1.
		sc.WorkerUtilization, sc.WaitProbability = 1, 1
		if m.out.EventLoop && m.out.InFlightLimit == 0 {
			sc.WorkerUtilization = 0 // no bound to fill
		} else if !dbSaturated && !calledSaturated {
			s := m.cpuS + m.waitS + m.cacheS + dbS + callS
			sc.WorkerUtilization = max(1, lam*s/(float64(m.out.Workers)*m.out.Efficiency))
			if m.out.EventLoop {
				sc.WorkerUtilization = max(1, lam*s/float64(m.out.InFlightLimit))
			}
		}
		sc.Verdict = VerdictSaturated
		return sc
	}
	if m.out.EventLoop {
		a.eventLoop(sc, m, lam, cpu, dbS, callS, a.delayVariance(m, l, cpu), a.callMix(m, l, cpu), quick)
		return sc
	}
	h := holdSpec{cpu: moments{m.cpuS, sq(m.cv * m.cpuS)}, wait: moments{m.waitS, sq(m.cv * m.waitS)},
		calls: a.callMoments(m, l, cpu), vcpu: m.cpuServers, cpuCV: m.cv, usl: m.usl}
	if m.hosted != nil {
		// The hosted database's queries share the vCPUs as an open
		// stream: the CPU wait is that open queue's.
		h.openCPU, h.openCPUWq = true, waitMoments(cpu.pwait, cpu.waitRate)
	}
	p := solvePool(lam, m.out.Workers, h)
	sc.WorkerUtilization, sc.WaitProbability = p.rho, p.pwait
	if p.saturated {
		sc.Saturated, sc.Bottleneck, sc.Verdict = true, BottleneckWorkers, VerdictSaturated
		return sc
	}
	sc.WorkerUtilization = p.busy / float64(m.out.Workers)
	if m.hosted == nil {
		sc.CPUUtilization = p.cpuBusy / float64(m.cpuServers)
	}
	sc.ServiceMs, sc.DBMs, sc.CallMs, sc.CPUWaitMs = p.hold.mean*1000, dbS*1000, callS*1000, p.cpuWq*1000
	if quick && (sc.WorkerUtilization > a.target || sc.CPUUtilization > a.target) {
		sc.Verdict = VerdictOverTarget
		return sc
	}
	if quick { // the verdict reads the p99 only
		p.resp.parts = offsets(a.callMix(m, l, cpu), p.hold.v)
		sc.P99Ms = p.resp.quantile(0.99) * 1000
		a.judge(m, sc)
		return sc
	}
	p.resp.parts = offsets(a.callMix(m, l, cpu), p.hold.v)
	sc.setTimes(p.resp.mean(), p.resp.quantile)
	sc.respV = p.resp.second() - sq(p.resp.mean())
	a.judge(m, sc)
	return sc
}

func sq(x float64) float64 { return x * x }

// callMoments is the mean and variance of the time a worker of m spends
// in its calls at level l: each call entry a random count (per_request)
// of independent responses of its database (a hosted one on cpu), of
// its called tier, or of a cache round trip plus, on a miss, a query.
// Only reached when none of them is saturated.
func (a *analysis) callMoments(m *tierModel, l level, cpu hostQueue) moments {
	var total moments
	for _, c := range m.holdCalls {
		var one moments
		switch {
		case c.cache:
			one.mean = CacheCallMs / 1000
			if miss := c.missShare(l); c.db != "" && miss > 0 {
				// A miss costs MissQueries queries in sequence: a mixture of
				// nothing (a hit) and their sum.
				q := a.dbResponse(m, l, cpu, c.db).times(c.ds.MissQueries)
				one.mean += miss * q.mean
				one.v = miss*q.v + miss*(1-miss)*q.mean*q.mean
			}
		case c.db != "":
			one = a.dbResponse(m, l, cpu, c.db)
		case c.tier != "":
			one = moments{a.tiers[c.tier].resp[l], a.tiers[c.tier].respV[l]}
		}
		total = total.add(one.times(c.per))
	}
	return total
}

// dbResponse is the moments of one query of m to database name at level
// l: a hosted database's from the CPU it shares (cpu), another's from its
// own queue.
func (a *analysis) dbResponse(m *tierModel, l level, cpu hostQueue, name string) moments {
	d := a.dbs[name]
	if d == m.hosted {
		return moments{cpu.queryResp, cpu.queryV}
	}
	return moments{d.resp[l], d.respV[l]}
}

// callMix is callMoments as a mixture (mixture.go): one component per
// combination of call counts and cache hits, merged down to
// maxComponents.
func (a *analysis) callMix(m *tierModel, l level, cpu hostQueue) []component {
	if m.hosted != nil {
		return a.buildCallMix(m, l, cpu)
	}
	if !m.mixDone[l] {
		m.mix[l], m.mixDone[l] = a.buildCallMix(m, l, cpu), true
	}
	return m.mix[l]
}

func (a *analysis) buildCallMix(m *tierModel, l level, cpu hostQueue) []component {
	mixed := false // a fractional count or a cache miss: more than one component
	for _, c := range m.holdCalls {
		mixed = mixed || c.per != math.Floor(c.per) || (c.cache && c.db != "" && c.missShare(l) > 0)
	}
	if !mixed {
		return nil
	}
	total := []component{{p: 1}}
	for _, c := range m.holdCalls {
		var one []component
		switch {
		case c.cache:
			hit := moments{mean: CacheCallMs / 1000}
			one = []component{{1, hit}}
			if miss := c.missShare(l); c.db != "" && miss > 0 {
				q := a.dbResponse(m, l, cpu, c.db).times(c.ds.MissQueries)
				one = []component{{1 - miss, hit}, {miss, hit.add(q)}}
			}
		case c.db != "":
			one = []component{{1, a.dbResponse(m, l, cpu, c.db)}}
		case c.tier != "":
			one = []component{{1, moments{a.tiers[c.tier].resp[l], a.tiers[c.tier].respV[l]}}}
		default:
			continue
		}
		total = convolve(total, repeat(one, c.per))
	}
	return total
}

// delayVariance is the variance of the part of an event-loop request
// that holds no CPU: its wait (of the demand's cv, as a blocking tier's)
// and its calls.
func (a *analysis) delayVariance(m *tierModel, l level, cpu hostQueue) float64 {
	return sq(m.cv*m.waitS) + a.callMoments(m, l, cpu).v
}

// judge sets the verdict of an unsaturated scenario of tier m from its p99
// (against the tier's objective: the SLO or its job deadline) and utilisations.
func (a *analysis) judge(m *tierModel, sc *Scenario) {
	switch {
	case sc.P99Ms > m.slo*1000:
		sc.Verdict = VerdictSLOMissed
	case sc.WorkerUtilization > a.target || sc.CPUUtilization > a.target:
		sc.Verdict = VerdictOverTarget
	default:
		sc.Verdict = VerdictOK
	}
}

// inService is how many of a fleet of n serve in scenario kind.
func inService(kind ScenarioKind, n, azs int, d *schema.Deploy) int {
	switch kind {
	case ScenarioAZLost:
		if azs <= 1 {
			return 0
		}
		return n * (azs - 1) / azs
	case ScenarioDeploy:
		switch d.Strategy {
		case schema.DeployInPlace:
			return n / 2
		case schema.DeployRolling:
			return max(0, n-max(1, d.Batch))
		}
	}
	return n
}

// tier computes tier m's scenarios: only those in only when it is not
// empty.
func (a *analysis) tier(m *tierModel, only []ScenarioKind) {
	t := m.out
	kinds := []ScenarioKind{ScenarioPeak, ScenarioAverage, ScenarioAZLost}
	if m.comp.Deploy != nil {
		kinds = append(kinds, ScenarioDeploy)
	}
	for _, k := range kinds {
		if len(only) > 0 && !slices.Contains(only, k) {
			continue
		}
		l, fleet := levelPeak, t.Max
		if k == ScenarioAverage {
			l, fleet = levelAverage, t.Min
		}
		avail := func(n int) int { return inService(k, n, t.AZs, m.comp.Deploy) }
		sc := a.eval(m, k, avail(fleet), l)
		sc.Needed = a.needed(m, k, l, avail)
		t.Scenarios = append(t.Scenarios, sc)
	}
}

// needed is the smallest fleet n whose avail(n) instances meet the target
// and the SLO at level l, or 0 when none up to maxFleet does. Every
// measure improves with more instances, so a doubling search followed by
// bisection finds it.
func (a *analysis) needed(m *tierModel, k ScenarioKind, l level, avail func(int) int) int {
	if m.rps[l] == 0 {
		return 0 // Idle: nothing to carry
	}
	ok := func(n int) bool {
		sc := a.evalMode(m, k, avail(n), l, true)
		return sc.Verdict == VerdictOK
	}
	hi := 1
	for !ok(hi) {
		if hi >= maxFleet || avail(maxFleet) == 0 {
			return 0
		}
		hi = min(hi*2, maxFleet)
	}
	lo := hi / 2 // ok(lo) is false, or lo = 0
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if ok(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}
