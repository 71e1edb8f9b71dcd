package capacity

import "math"

// An event-loop tier (docs/capacity-model.md#compute-tiers-event-loops):
// each process runs many requests at once and only their CPU bursts
// occupy it, so the instance is a CPU queue (M/G/c, c = min(processes,
// vCPUs), service cpu_ms) followed by the request's waits, which hold no
// server: a delay of their mean. With a per-process concurrency limit L,
// the processes × L in-flight slots are a second queue, each slot held for
// the whole request (CPU response plus waits), checked like the workers of
// a blocking tier.

// eventLoop completes sc for tier m at lam requests/s per instance, with
// its CPU queue, and dbS and callS seconds per request in database and
// tier calls; quick as in evalMode.
func (a *analysis) eventLoop(sc *Scenario, m *tierModel, lam float64, cpu hostQueue, dbS, callS float64, quick bool) {
	burst := m.cpuS / m.cpuEff // on a server derated by contention
	cpuMean := burst + cpu.wq
	delay := m.waitS + m.cacheS + dbS + callS
	inFlight := cpuMean + delay // how long a request is in flight, once admitted
	sc.ServiceMs, sc.DBMs, sc.CallMs, sc.CPUWaitMs = inFlight*1000, dbS*1000, callS*1000, cpu.wq*1000
	sc.WaitProbability = cpu.pwait
	mean := inFlight
	slotWait := func(float64) float64 { return 0 }
	if limit := m.out.InFlightLimit; limit > 0 {
		g, err := NewMGC(lam, 1/inFlight, limit, holdCV(cpu, burst, m.cv, inFlight))
		if err != nil || g.Saturated {
			sc.Saturated, sc.Bottleneck, sc.Verdict = true, BottleneckWorkers, VerdictSaturated
			sc.WorkerUtilization, sc.WaitProbability = max(1, lam*inFlight/float64(limit)), 1
			return
		}
		sc.WorkerUtilization, sc.WaitProbability = g.Base.Rho, g.Base.Pwait
		mean += g.Wq
		slotWait = func(p float64) float64 { w, _ := g.WaitPercentile(p); return w }
	}
	sc.InFlight = lam * mean
	if quick && (sc.WorkerUtilization > a.target || sc.CPUUtilization > a.target) {
		sc.Verdict = VerdictOverTarget
		return
	}
	// A constant delay shifts the CPU response's quantiles by itself. With
	// a limit, adding the slot wait's percentile is an approximation on
	// the cautious side, not the quantile of the sum.
	cpuResp := respDist{pw: cpu.pwait, mu: 1 / burst, theta: cpu.waitRate}
	q := func(p float64) float64 { return cpuResp.quantile(p, cpuMean) + delay + slotWait(p) }
	if p99 := q(0.99); math.IsInf(p99, 0) || math.IsNaN(p99) {
		sc.Saturated, sc.Bottleneck, sc.Verdict = true, BottleneckCPU, VerdictSaturated
		return
	}
	sc.setTimes(mean, q)
	// The delay is constant: the spread is the CPU response's (and the
	// slot wait's, left out).
	sc.respV = sq(holdCV(cpu, burst, m.cv, inFlight) * inFlight)
	a.judge(m, sc)
}

// holdCV is the coefficient of variation of a slot's holding time W + S +
// delay, whose mean is hold: the delay is constant, the CPU wait W is 0
// with probability 1 − C and else exponential at the queue's wait rate r
// (E[W²] = 2C/r²), and the burst S has the demand's cv.
func holdCV(cpu hostQueue, burst, cv, hold float64) float64 {
	v := (cv * burst) * (cv * burst)
	if c, r := cpu.pwait, cpu.waitRate; c > 0 && r > 0 {
		v += (2*c - c*c) / (r * r)
	}
	return math.Sqrt(v) / hold
}
