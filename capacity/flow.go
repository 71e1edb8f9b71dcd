package capacity

import (
	"math"
)

// Traffic through the stack, and the databases as queues.

// traffic gives every compute tier its arrival rate at each level, from
// the stack's traffic graph (schema.Stack.Rates): entries take their
// shares of the workload, a CDN passes its misses, a load balancer
// spreads evenly, and a call adds the caller's rate × calls per request.
func (a *analysis) traffic() {
	rates := [nLevels]float64{levelPeak: a.s.Workload.PeakRPS, levelAverage: a.s.Workload.AvgRPS}
	for l := range nLevels {
		for name, r := range a.s.Rates(rates[l]) {
			if m, ok := a.tiers[name]; ok {
				m.rps[l] = r
			}
		}
	}
}

// databases computes every database's arrivals and, for those not hosted
// on a tier, its queue; hosted ones are computed at their host's base
// instance count.
func (a *analysis) databases() {
	for _, tn := range sortedKeys(a.tiers) {
		m := a.tiers[tn]
		for l := range nLevels {
			for db, q := range m.queries[l] {
				a.dbs[db].lambda[l] += m.rps[l] * q
			}
		}
	}
	for _, name := range sortedKeys(a.dbs) {
		d := a.dbs[name]
		for _, l := range []level{levelPeak, levelAverage} {
			kind := ScenarioPeak
			if l == levelAverage {
				kind = ScenarioAverage
			}
			sc := &Scenario{Kind: kind, RPS: d.lambda[l], Instances: 1, RPSPerInstance: d.lambda[l]}
			var q hostQueue
			if d.host != nil {
				n := d.host.baseInst[l]
				lam := 0.0
				if n > 0 {
					lam = d.host.rps[l] / float64(n)
				}
				q = a.hostCPU(d.host, lam, l)
			} else {
				q = newDBQueue(d.lambda[l], d.queryS, d.vcpu)
			}
			sc.CPUUtilization = q.rho
			sc.WaitProbability = q.pwait
			if q.saturated {
				sc.Saturated, sc.Bottleneck = true, BottleneckCPU
				d.resp[l] = math.Inf(1)
			} else {
				d.resp[l] = q.queryResp
				sc.MeanMs = q.queryResp * 1000
				sc.P99Ms = q.queryP99 * 1000
			}
			switch {
			case sc.Saturated:
				sc.Verdict = VerdictSaturated
			case sc.CPUUtilization > a.target:
				sc.Verdict = VerdictOverTarget
			default:
				sc.Verdict = VerdictOK
			}
			d.out.Scenarios = append(d.out.Scenarios, sc)
		}
	}
}

// hostQueue is the CPU queue of a server, seen by a query on it.
type hostQueue struct {
	rho, pwait          float64
	wq                  float64 // mean wait for a CPU (s)
	waitRate            float64 // of the wait's exponential tail, for those who wait (1/s)
	queryResp, queryP99 float64 // of a query on this queue (s)
	saturated           bool
}

func newDBQueue(lambda, queryS float64, vcpu int) hostQueue {
	g, err := NewMGC(lambda, 1/queryS, vcpu, 1)
	if err != nil {
		return hostQueue{saturated: true, rho: lambda * queryS / float64(vcpu), pwait: 1}
	}
	q := hostQueue{rho: g.Base.Rho, pwait: g.Base.Pwait, saturated: g.Saturated}
	if !q.saturated {
		q.wq = g.Wq
		q.queryResp = g.R
		q.queryP99, _ = g.ResponsePercentile(0.99)
	}
	return q
}

// hostCPU is the CPU queue of one server of tier m, with appLambda
// requests/s of its own and, when it hosts a database, that database's
// queries at level l: one FCFS M/M/c over the vCPUs whose jobs are the
// app's CPU bursts and the queries, with the mean job size of the mix.
func (a *analysis) hostCPU(m *tierModel, appLambda float64, l level) hostQueue {
	vcpu := m.cpuServers
	lam, work := appLambda, appLambda*m.cpuS/m.cpuEff
	cv := m.cv
	var dbS float64
	if m.hosted != nil {
		vcpu = m.out.VCPU // the database's own processes use every vCPU
		dbS = m.hosted.queryS
		lam += m.hosted.lambda[l]
		work += m.hosted.lambda[l] * dbS
		if m.hosted.lambda[l] > 0 {
			cv = 1 // a mix of two job kinds: take it as exponential
		}
	}
	rho := work / float64(vcpu)
	if lam == 0 {
		return hostQueue{queryResp: dbS, queryP99: dbS * math.Log(100)}
	}
	g, err := NewMGC(lam, lam/work, vcpu, cv)
	if err != nil || g.Saturated {
		return hostQueue{rho: rho, pwait: 1, saturated: true}
	}
	q := hostQueue{rho: rho, pwait: g.Base.Pwait, wq: g.Wq, waitRate: g.waitRate()}
	if dbS > 0 {
		q.queryResp = g.Wq + dbS
		q.queryP99 = respDist{pw: g.Base.Pwait, mu: 1 / dbS, theta: g.waitRate()}.quantile(0.99, q.queryResp)
	}
	return q
}
