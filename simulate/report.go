package simulate

// snapshot records the cumulative busy areas at batch boundary b.
func (s *sim) snapshot(b int) {
	for ti := range s.tiers {
		ts := &s.tiers[ti]
		var busy, cpu float64
		for in := ts.start; in < ts.start+ts.n; in++ {
			i := &s.insts[in]
			i.acct(s.now)
			busy += i.busyArea
			cpu += i.cpuArea
		}
		ts.busySnap[b], ts.cpuSnap[b] = busy, cpu
	}
	for di := range s.dbs {
		s.dbs[di].acct(s.now)
		s.dbRuns[di].areaSnap[b] = s.dbs[di].area
	}
	s.batch = b
}

// shares turns cumulative areas at the boundaries passed into per-batch
// utilisations of capacity servers.
func (s *sim) shares(snap *[Batches + 1]float64, capacity float64) Estimate {
	if capacity <= 0 || s.batch < 1 {
		return Estimate{}
	}
	var per []float64
	for b := 0; b < s.batch; b++ {
		per = append(per, (snap[b+1]-snap[b])/(s.batchLen*capacity))
	}
	total := (snap[s.batch] - snap[0]) / (float64(s.batch) * s.batchLen * capacity)
	return estimate(total, per)
}

func (s *sim) report(figs []*Figures, stopped string) {
	for ti, t := range s.m.tiers {
		ts := &s.tiers[ti]
		f := figs[ti]
		if ts.n == 0 {
			f.Saturated, f.Note = true, "no instances in service"
			continue
		}
		f.Mean, f.P50, f.P95, f.P99, f.Requests = ts.resp.result()
		n := float64(ts.n)
		if t.slots > 0 {
			f.WorkerUtilization = s.shares(&ts.busySnap, n*float64(t.slots))
		}
		if t.eventLoop && s.batch > 0 {
			f.InFlight = (ts.busySnap[s.batch] - ts.busySnap[0]) / (float64(s.batch) * s.batchLen * n)
		}
		f.CPUUtilization = s.shares(&ts.cpuSnap, n*float64(t.cpuServers))
		waiting := 0
		for in := ts.start; in < ts.start+ts.n; in++ {
			waiting += int(s.insts[in].wq.n + s.insts[in].cq.n)
		}
		f.Saturated = saturated(waiting, ts.arrivals)
		f.Note = stopped
	}
	for di, d := range s.m.dbs {
		f := figs[len(s.m.tiers)+di]
		dr := &s.dbRuns[di]
		ds := &s.dbs[di]
		if d.host >= 0 {
			f.Instances = min(1, int(s.tiers[d.host].n))
		} else {
			f.Instances = 1
		}
		if d.host >= 0 && ds.inst < 0 {
			f.Saturated, f.Note = true, "no instances in service"
			continue
		}
		f.Mean, f.P50, f.P95, f.P99, f.Requests = dr.resp.result()
		f.CPUUtilization = s.shares(&dr.areaSnap, float64(ds.servers))
		waiting := int(ds.q.n)
		if d.host >= 0 {
			waiting = int(s.insts[ds.inst].cq.n)
		}
		f.Saturated = saturated(waiting, dr.arrivals)
		f.Note = stopped
	}
}

// saturated: more than 1 % of the window's arrivals (and 100) still wait
// at its end, so the queue grew through the run.
func saturated(waiting, arrivals int) bool {
	return waiting > 100 && float64(waiting) > 0.01*float64(arrivals)
}
