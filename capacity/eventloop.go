package capacity

import "math"

// An event-loop tier (docs/capacity-model.md#compute-tiers-event-loops):
// each process runs many requests at once and only their CPU bursts
// occupy it, so the instance is a CPU queue (M/G/c, c = min(processes,
// vCPUs), service cpu_ms) followed by the request's waits, which hold no
// server: a delay of their mean and variance (the wait of the demand's
// cv, the calls' responses). With a per-process concurrency limit L,
// the processes × L in-flight slots are a second queue, each slot held for
// the whole request (CPU response plus waits), checked like the workers of
// a blocking tier.

// eventLoop completes sc for tier m at lam requests/s per instance, with
// its CPU queue, dbS and callS seconds per request in database and tier
// calls, delayV the variance of the delay and calls its calls as a
// mixture; quick as in evalMode.
func (a *analysis) eventLoop(sc *Scenario, m *tierModel, lam float64, cpu hostQueue, dbS, callS, delayV float64, calls []component, quick bool) {
	burst := m.cpuS / m.cpuEff
	cpuMean := burst + cpu.wq
	delay := m.waitS + m.cacheS + dbS + callS
	var contended *sojourn // the CPU response under load-dependent contention
	if (m.usl.Sigma > 0 || m.usl.Kappa > 0) && m.hosted == nil {
		// Contention dilates the bursts in service, j of them at once
		// (j ≤ the CPU servers): the CPU is a pool of cpuServers servers
		// whose service at j busy is the burst × (1 + σ(j−1) + κj(j−1)),
		// solved as the blocking pool's chain (pool.go). A derating by
		// the servers' full count, whatever the load, put stack 42's
		// event loop of the accuracy bench at a mean of 2.61 ms against
		// 2.07 simulated at 3 % load.
		p := solvePool(lam, m.cpuServers, holdSpec{cpu: moments{m.cpuS, sq(m.cv * m.cpuS)}, vcpu: m.cpuServers, cpuCV: m.cv, usl: m.usl})
		if p.saturated {
			sc.Saturated, sc.Bottleneck, sc.Verdict = true, BottleneckCPU, VerdictSaturated
			return
		}
		sc.CPUUtilization = p.busy / float64(m.cpuServers)
		w := waitMoments(p.pwait, p.waitRate)
		burst, cpuMean = p.hold.mean, p.hold.mean+w.mean
		cpu.pwait, cpu.waitRate, cpu.wq = p.pwait, p.waitRate, w.mean
		contended = &p.resp
	}
	inFlight := cpuMean + delay // how long a request is in flight, once admitted
	sc.ServiceMs, sc.DBMs, sc.CallMs, sc.CPUWaitMs = inFlight*1000, dbS*1000, callS*1000, cpu.wq*1000
	sc.WaitProbability = cpu.pwait
	mean := inFlight
	slotWait := func(float64) float64 { return 0 }
	if limit := m.out.InFlightLimit; limit > 0 {
		g, err := NewMGC(lam, 1/inFlight, limit, holdCV(cpu, burst, m.cv, delayV, inFlight))
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
	// Exponential bursts and a constant delay: the M/M/c response shifted,
	// exact. Otherwise the burst and the delay are summed into the time
	// after the CPU wait, a two-moment gamma as a blocking worker's
	// holding time (holding.go): a 25 ms wait of cv 1.64 taken as constant
	// gave p99 32.7 ms against 197.9 simulated, and constant bursts taken
	// as exponential 38.4 against 29.6. With a limit, adding the slot
	// wait's percentile is an approximation on the cautious side, not the
	// quantile of the sum.
	var resp func(p float64) float64
	switch {
	case contended != nil:
		after := sojourn{pw: contended.pw, r: contended.r, hold: contended.hold.add(moments{delay, delayV})}
		after.parts = offsets(calls, after.hold.v)
		resp = after.quantile
	case delayV <= 1e-18*delay*delay && m.cv == 1:
		cpuResp := respDist{pw: cpu.pwait, mu: 1 / burst, theta: cpu.waitRate}
		resp = func(p float64) float64 { return cpuResp.quantile(p, cpuMean) + delay }
	default:
		after := sojourn{pw: cpu.pwait, r: cpu.waitRate, hold: moments{burst + delay, sq(m.cv*burst) + delayV}}
		after.parts = offsets(calls, after.hold.v)
		resp = after.quantile
	}
	q := func(p float64) float64 { return resp(p) + slotWait(p) }
	if p99 := q(0.99); math.IsInf(p99, 0) || math.IsNaN(p99) {
		sc.Saturated, sc.Bottleneck, sc.Verdict = true, BottleneckCPU, VerdictSaturated
		return
	}
	sc.setTimes(mean, q)
	// The spread is the CPU response's and the delay's (the slot wait's
	// left out).
	sc.respV = sq(holdCV(cpu, burst, m.cv, delayV, inFlight) * inFlight)
	a.judge(m, sc)
}

// holdCV is the coefficient of variation of a slot's holding time W + S +
// delay, whose mean is hold: the delay has variance delayV, the CPU wait W
// is 0 with probability 1 − C and else exponential at the queue's wait
// rate r (E[W²] = 2C/r²), and the burst S has the demand's cv.
func holdCV(cpu hostQueue, burst, cv, delayV, hold float64) float64 {
	v := (cv*burst)*(cv*burst) + delayV
	if c, r := cpu.pwait, cpu.waitRate; c > 0 && r > 0 {
		v += (2*c - c*c) / (r * r)
	}
	return math.Sqrt(v) / hold
}
