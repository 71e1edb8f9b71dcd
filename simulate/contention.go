package simulate

// Contention (USL σ, κ): with k requests in service on an instance, its
// local work progresses at speed 1/(1 + σ(k−1) + κk(k−1)), re-evaluated
// whenever k changes. Every dilated item on an instance runs at the same
// speed, so the instance keeps one virtual clock V (dV/dt = speed) and its
// items by virtual finish time; only the earliest is in the event queue,
// rescheduled (a new generation; stale events are dropped) when k
// changes.

func (s *sim) advance(i *instance) {
	i.v += (s.now - i.vt) * i.speed
	i.vt = s.now
}

func (s *sim) setK(in int32, delta int32) {
	i := &s.insts[in]
	s.advance(i)
	i.k += delta
	t := s.m.tiers[i.tier]
	k := float64(max(i.k, 1))
	i.speed = 1 / (1 + t.sigma*(k-1) + t.kappa*k*(k-1))
	s.reschedule(in)
}

func (s *sim) reschedule(in int32) {
	i := &s.insts[in]
	i.gen++
	if len(i.local) > 0 {
		s.q.push(s.now+max(0, i.local[0].vf-i.v)/i.speed, evLocal, in, i.gen)
	}
}

func (s *sim) addLocal(in, id int32, work float64, phase uint8) {
	i := &s.insts[in]
	s.advance(i)
	s.reqs[id].phase = phase
	i.local = append(i.local, localItem{vf: i.v + work, id: id})
	// Sift up (a binary heap by virtual finish, then request id).
	h := i.local
	j := len(h) - 1
	for j > 0 {
		p := (j - 1) / 2
		if !h[j].less(h[p]) {
			break
		}
		h[j], h[p] = h[p], h[j]
		j = p
	}
	if j == 0 {
		s.reschedule(in)
	}
}

func (a localItem) less(b localItem) bool { return a.vf < b.vf || (a.vf == b.vf && a.id < b.id) }

func (i *instance) popLocal() localItem {
	h := i.local
	top := h[0]
	n := len(h) - 1
	h[0] = h[n]
	h = h[:n]
	j := 0
	for {
		l := 2*j + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && h[r].less(h[l]) {
			m = r
		}
		if !h[m].less(h[j]) {
			break
		}
		h[j], h[m] = h[m], h[j]
		j = m
	}
	i.local = h
	return top
}

// localDone ends the instance's earliest dilated item, which this event
// (the current generation) was scheduled for.
func (s *sim) localDone(in int32, gen uint32) {
	i := &s.insts[in]
	if gen != i.gen || len(i.local) == 0 {
		return
	}
	s.advance(i)
	it := i.popLocal()
	i.v = max(i.v, it.vf)
	s.reschedule(in)
	if s.reqs[it.id].phase == phCPU {
		s.cpuDone(it.id)
	} else {
		s.startCalls(it.id)
	}
}
