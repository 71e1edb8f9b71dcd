package simulate

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// The discrete-event engine: one run of one scenario. Requests live in
// one slice, recycled through a free list, and wait in intrusive FIFO
// lists (request.next), so a run allocates only while the system grows.

const (
	evArrival uint8 = iota
	evCPU           // id: request; a CPU burst ends (no contention)
	evWait          // id: request; its wait ends (no contention)
	evQuery         // id: query; it leaves its database's server
	evCache         // id: request; a cache round trip ends
	evLocal         // id: instance; its earliest dilated work ends (if gen matches)
	evBatch         // id: batch boundary index
	evEnd
)

const (
	phCPU uint8 = iota
	phWait
)

type request struct {
	arrive float64
	parent int32 // request waiting for this one, or -1
	next   int32 // FIFO or free-list link
	tier   int32 // tier index; -1-db for a database query
	inst   int32 // instance index
	call   int32 // the call being made
	left   int32 // calls of it still to make
	misses int32 // queries still to make for the cache miss of the call
	phase  uint8
}

type fifo struct{ head, tail, n int32 }

func newFIFO() fifo { return fifo{head: -1, tail: -1} }

type localItem struct {
	vf float64
	id int32
}

type instance struct {
	tier    int32
	busy    int32 // workers held, or event-loop requests in flight
	cpuBusy int32
	wq, cq  fifo
	// Contention: work progresses in virtual time V at speed 1/(1 +
	// σ(k−1) + κk(k−1)); local holds the dilated work by virtual finish.
	k        int32
	v, vt    float64 // V and the time it was last advanced to
	speed    float64
	gen      uint32
	local    []localItem
	busyArea float64
	cpuArea  float64
	lastAcct float64
}

type dbState struct {
	busy     int32
	q        fifo
	area     float64
	lastAcct float64
	servers  int
	inst     int32 // hosting instance, or -1
}

type tierState struct {
	start, n              int32 // instances [start, start+n)
	arrivals, completions int
	resp                  *series
	busySnap, cpuSnap     [Batches + 1]float64
}

type dbRun struct {
	resp     *series
	arrivals int
	areaSnap [Batches + 1]float64
}

type sim struct {
	m        *model
	rng      *rand.Rand
	q        eventQueue
	now      float64
	reqs     []request
	free     int32
	insts    []instance
	tiers    []tierState
	dbs      []dbState
	dbRuns   []dbRun
	miss     []float64 // by model.hits: the probability a cached read misses
	cum      []float64 // sources' cumulative rates
	total    float64
	warm     float64
	batchLen float64
	batch    int // batch boundaries passed
	events   int64
}

func (m *model) run(sc Scenario, stream uint64, o Options, deadline time.Time) ([]*Figures, error) {
	s := &sim{m: m, rng: rand.New(rand.NewPCG(o.Seed, stream)), free: -1}
	for _, src := range m.sources {
		r := src.rate
		if !src.jobs {
			r *= sc.RPS
		}
		s.total += r
		s.cum = append(s.cum, s.total)
	}
	for _, h := range m.hits {
		hr, ok := sc.HitRatio[h.key]
		if !ok {
			hr = h.declared
		}
		if !(hr >= 0 && hr <= 1) {
			return nil, fmt.Errorf("%w: hit ratio %g of %s is not in [0, 1]", ErrInvalid, hr, h.key)
		}
		s.miss = append(s.miss, 1-hr)
	}
	figs := make([]*Figures, 0, len(m.tiers)+len(m.dbs))
	for ti, t := range m.tiers {
		n, ok := sc.Instances[t.name]
		if !ok {
			n = m.stack.Components[t.name].Compute.Instances()
		}
		if n < 0 || n > 1<<20 {
			return nil, fmt.Errorf("%w: tier %q: %d instances", ErrInvalid, t.name, n)
		}
		st := tierState{start: int32(len(s.insts)), n: int32(n), resp: newSeries()}
		for range n {
			s.insts = append(s.insts, instance{tier: int32(ti), wq: newFIFO(), cq: newFIFO(), speed: 1})
		}
		s.tiers = append(s.tiers, st)
		figs = append(figs, &Figures{Kind: sc.Kind, Instances: n})
	}
	for _, d := range m.dbs {
		ds := dbState{q: newFIFO(), servers: d.servers, inst: -1}
		if d.host >= 0 {
			ds.servers = m.tiers[d.host].cpuServers
			if h := s.tiers[d.host]; h.n > 0 {
				ds.inst = h.start // every query runs on one server of the host
			}
		}
		s.dbs = append(s.dbs, ds)
		s.dbRuns = append(s.dbRuns, dbRun{resp: newSeries()})
		figs = append(figs, &Figures{Kind: sc.Kind})
	}
	if !(s.total > 0) {
		for _, f := range figs {
			f.Note = "no traffic"
		}
		return figs, nil
	}
	end := float64(o.Requests) / s.total
	s.warm = Warmup * end
	s.batchLen = (end - s.warm) / Batches
	for b := 0; b <= Batches; b++ {
		s.q.push(s.warm+float64(b)*s.batchLen, evBatch, int32(b), 0)
	}
	s.q.push(end, evEnd, 0, 0)
	s.q.push(s.rng.ExpFloat64()/s.total, evArrival, 0, 0)

	stopped := ""
loop:
	for s.q.len() > 0 {
		e := s.q.pop()
		s.now = e.t
		s.events++
		if s.events > o.MaxEvents {
			stopped = fmt.Sprintf("after %d events (the budget), %.3g of %.3g s simulated", o.MaxEvents, s.now, end)
			break
		}
		if s.events&0xffff == 0 && time.Now().After(deadline) {
			stopped = fmt.Sprintf("after %d events (the run's %s of wall-clock time), %.3g of %.3g s simulated", s.events, o.MaxTime, s.now, end)
			break
		}
		switch e.kind {
		case evArrival:
			s.arrival()
		case evCPU:
			s.cpuDone(e.id)
		case evWait:
			s.startCalls(e.id)
		case evQuery:
			s.queryDone(e.id)
		case evCache:
			s.cacheDone(e.id)
		case evLocal:
			s.localDone(e.id, e.gen)
		case evBatch:
			s.snapshot(int(e.id))
		case evEnd:
			break loop
		}
	}
	if stopped != "" {
		// A partial run's figures are biased toward the start: refuse them.
		return nil, fmt.Errorf("simulate: scenario %s: %w %s", sc.Kind, ErrStopped, stopped)
	}
	s.report(figs, "")
	return figs, nil
}

func (s *sim) alloc() int32 {
	if s.free >= 0 {
		id := s.free
		s.free = s.reqs[id].next
		s.reqs[id] = request{}
		return id
	}
	s.reqs = append(s.reqs, request{})
	return int32(len(s.reqs) - 1)
}

func (s *sim) release(id int32) {
	s.reqs[id].next = s.free
	s.free = id
}

func (s *sim) push(f *fifo, id int32) {
	s.reqs[id].next = -1
	if f.tail < 0 {
		f.head = id
	} else {
		s.reqs[f.tail].next = id
	}
	f.tail = id
	f.n++
}

func (s *sim) pop(f *fifo) int32 {
	id := f.head
	if id < 0 {
		return -1
	}
	f.head = s.reqs[id].next
	if f.head < 0 {
		f.tail = -1
	}
	f.n--
	return id
}

func (s *sim) inWindow() bool { return s.now >= s.warm }

func (s *sim) batchOf() int { return min(int((s.now-s.warm)/s.batchLen), Batches-1) }

func (s *sim) arrival() {
	s.q.push(s.now+s.rng.ExpFloat64()/s.total, evArrival, 0, 0)
	u := s.rng.Float64() * s.total
	i := 0
	for i < len(s.cum)-1 && u >= s.cum[i] {
		i++
	}
	s.send(-1, s.m.sources[i].route)
}

// send delivers one request from parent (-1: a client) to rt and reports
// whether parent must wait for it to complete.
func (s *sim) send(parent int32, rt *route) bool {
	for {
		switch rt.kind {
		case toTier:
			return s.arriveTier(parent, int32(rt.index))
		case toLB:
			if len(rt.subs) == 0 {
				return false
			}
			rt = rt.subs[s.rng.IntN(len(rt.subs))]
		case toCDN:
			if s.rng.Float64() >= rt.pass {
				return false // a CDN hit: nothing behind it is modelled
			}
			rt = rt.subs[0]
		case toQueue:
			// Enqueueing costs the producer nothing; the job is judged
			// from enqueue to done at its consumer.
			if len(rt.subs) > 0 {
				s.send(-1, rt.subs[s.rng.IntN(len(rt.subs))])
			}
			return false
		case toDB:
			return s.query(parent, int32(rt.index))
		default:
			return false
		}
	}
}

func (s *sim) arriveTier(parent, ti int32) bool {
	ts := &s.tiers[ti]
	if ts.n == 0 {
		return false
	}
	if s.inWindow() {
		ts.arrivals++
	}
	in := ts.start + int32(s.rng.IntN(int(ts.n)))
	id := s.alloc()
	r := &s.reqs[id]
	r.arrive, r.parent, r.tier, r.inst = s.now, parent, ti, in
	t := s.m.tiers[ti]
	i := &s.insts[in]
	if t.slots == 0 || int(i.busy) < t.slots {
		s.admit(id)
	} else {
		s.push(&i.wq, id)
	}
	return true
}

func (i *instance) acct(now float64) {
	dt := now - i.lastAcct
	i.busyArea += float64(i.busy) * dt
	i.cpuArea += float64(i.cpuBusy) * dt
	i.lastAcct = now
}

// admit gives the request a worker (or an event loop's slot).
func (s *sim) admit(id int32) {
	r := &s.reqs[id]
	t := s.m.tiers[r.tier]
	in := r.inst
	i := &s.insts[in]
	i.acct(s.now)
	i.busy++
	if t.contended && !t.eventLoop {
		s.setK(in, +1)
	}
	s.startCPU(id)
}

func (s *sim) startCPU(id int32) {
	r := &s.reqs[id]
	t := s.m.tiers[r.tier]
	i := &s.insts[r.inst]
	if int(i.cpuBusy) < t.cpuServers {
		i.acct(s.now)
		i.cpuBusy++
		s.runBurst(id)
	} else {
		s.push(&i.cq, id)
	}
}

func (s *sim) runBurst(id int32) {
	r := &s.reqs[id]
	t := s.m.tiers[r.tier]
	d := t.cpu.draw(s.rng)
	if t.contended {
		in := r.inst
		if t.eventLoop {
			s.setK(in, +1)
		}
		s.addLocal(in, id, d, phCPU)
		return
	}
	s.q.push(s.now+d, evCPU, id, 0)
}

// cpuFree hands a freed vCPU of instance in to the next in its queue.
func (s *sim) cpuFree(in int32) {
	i := &s.insts[in]
	i.acct(s.now)
	i.cpuBusy--
	nx := s.pop(&i.cq)
	if nx < 0 {
		return
	}
	i.cpuBusy++
	if s.reqs[nx].tier < 0 {
		d := s.m.dbs[-1-s.reqs[nx].tier]
		s.q.push(s.now+d.query.draw(s.rng), evQuery, nx, 0)
		return
	}
	s.runBurst(nx)
}

func (s *sim) cpuDone(id int32) {
	r := &s.reqs[id]
	t := s.m.tiers[r.tier]
	in := r.inst
	if t.contended && t.eventLoop {
		s.setK(in, -1)
	}
	s.cpuFree(in)
	if t.wait.mean > 0 {
		d := t.wait.draw(s.rng)
		if t.contended && !t.eventLoop {
			s.addLocal(in, id, d, phWait)
		} else {
			s.q.push(s.now+d, evWait, id, 0)
		}
		return
	}
	s.startCalls(id)
}

func (s *sim) startCalls(id int32) {
	r := &s.reqs[id]
	calls := s.m.tiers[r.tier].calls
	r.call, r.left = 0, 0
	if len(calls) > 0 {
		r.left = int32(frac(s.rng, calls[0].per))
	}
	s.nextCall(id)
}

// nextCall makes the request's next call, in the order written, or ends
// its holding time when none is left.
func (s *sim) nextCall(id int32) {
	calls := s.m.tiers[s.reqs[id].tier].calls
	for int(s.reqs[id].call) < len(calls) {
		r := &s.reqs[id]
		if r.left > 0 {
			r.left--
			c := &calls[r.call]
			if c.route.kind == toCache {
				s.q.push(s.now+cacheRoundTrip, evCache, id, 0)
				return
			}
			if s.send(id, c.route) {
				return
			}
			continue
		}
		r.call++
		if int(r.call) < len(calls) {
			r.left = int32(frac(s.rng, calls[r.call].per))
		}
	}
	s.finish(id)
}

func (s *sim) cacheDone(id int32) {
	c := &s.m.tiers[s.reqs[id].tier].calls[s.reqs[id].call]
	if c.hit >= 0 && s.rng.Float64() < s.miss[c.hit] {
		s.reqs[id].misses = int32(frac(s.rng, c.missQueries))
		if s.missQuery(id) {
			return
		}
	}
	s.nextCall(id)
}

// missQuery sends the next query of request id's cache miss, if one is
// left; false when none is (or its database has no instance).
func (s *sim) missQuery(id int32) bool {
	r := &s.reqs[id]
	if r.misses <= 0 {
		return false
	}
	r.misses--
	if !s.query(id, int32(s.m.tiers[r.tier].calls[r.call].db)) {
		r.misses = 0 // no database to ask: the miss is over
		return false
	}
	return true
}

func (s *sim) finish(id int32) {
	r := &s.reqs[id]
	ti := r.tier
	ts := &s.tiers[ti]
	if s.inWindow() {
		ts.completions++
		ts.resp.add(s.batchOf(), (s.now-r.arrive)*1000)
	}
	t := s.m.tiers[ti]
	in, parent := r.inst, r.parent
	i := &s.insts[in]
	i.acct(s.now)
	i.busy--
	if t.contended && !t.eventLoop {
		s.setK(in, -1)
	}
	s.release(id)
	if nx := s.pop(&s.insts[in].wq); nx >= 0 {
		s.admit(nx)
	}
	if parent >= 0 {
		s.nextCall(parent)
	}
}

// query sends one query from parent to database di; false when it has
// no server (its host has no instance in service).
func (s *sim) query(parent, di int32) bool {
	ds := &s.dbs[di]
	host := s.m.dbs[di].host
	if host >= 0 && ds.inst < 0 {
		return false
	}
	if s.inWindow() {
		s.dbRuns[di].arrivals++
	}
	id := s.alloc()
	r := &s.reqs[id]
	r.arrive, r.parent, r.tier, r.inst = s.now, parent, -1-di, ds.inst
	ds.acct(s.now)
	ds.busy++ // in service or queued at the host's CPU: the area counts in service only below
	if host >= 0 {
		i := &s.insts[ds.inst]
		if int(i.cpuBusy) < s.m.tiers[host].cpuServers {
			i.acct(s.now)
			i.cpuBusy++
			s.q.push(s.now+s.m.dbs[di].query.draw(s.rng), evQuery, id, 0)
		} else {
			s.push(&i.cq, id)
		}
		return true
	}
	if int(ds.busy) <= ds.servers {
		s.q.push(s.now+s.m.dbs[di].query.draw(s.rng), evQuery, id, 0)
	} else {
		s.push(&ds.q, id)
	}
	return true
}

// acct integrates the queries present (in service or waiting); the
// utilisation takes min(present, servers).
func (d *dbState) acct(now float64) {
	d.area += float64(min(int(d.busy), d.servers)) * (now - d.lastAcct)
	d.lastAcct = now
}

func (s *sim) queryDone(id int32) {
	r := &s.reqs[id]
	di := -1 - r.tier
	parent := r.parent
	if s.inWindow() {
		dr := &s.dbRuns[di]
		dr.resp.add(s.batchOf(), (s.now-r.arrive)*1000)
	}
	ds := &s.dbs[di]
	ds.acct(s.now)
	ds.busy--
	if s.m.dbs[di].host >= 0 {
		s.cpuFree(ds.inst)
	} else if nx := s.pop(&ds.q); nx >= 0 {
		s.q.push(s.now+s.m.dbs[di].query.draw(s.rng), evQuery, nx, 0)
	}
	s.release(id)
	if parent >= 0 && !s.missQuery(parent) {
		s.nextCall(parent)
	}
}
