package simulate

// The event queue: a 4-ary min-heap of events by value, ordered by time
// and then by the order they were pushed, so that simultaneous events run
// in a fixed order. BenchmarkEventQueue compares it with container/heap
// (heap_bench_test.go): the 4-ary heap is shallower and never boxes an
// event in an interface.

type event struct {
	t    float64
	seq  uint64 // push order: the tie-break
	id   int32  // the request, instance or database it concerns
	gen  uint32 // an instance's reschedule generation (evLocal)
	kind uint8
}

type eventQueue struct {
	h   []event
	seq uint64
}

func (e *event) before(o *event) bool {
	return e.t < o.t || (e.t == o.t && e.seq < o.seq)
}

func (q *eventQueue) len() int { return len(q.h) }

func (q *eventQueue) push(t float64, kind uint8, id int32, gen uint32) {
	q.seq++
	q.h = append(q.h, event{t: t, seq: q.seq, id: id, gen: gen, kind: kind})
	h := q.h
	i := len(h) - 1
	e := h[i]
	for i > 0 {
		p := (i - 1) / 4
		if !e.before(&h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = e
}

func (q *eventQueue) pop() event {
	h := q.h
	top := h[0]
	last := h[len(h)-1]
	h = h[:len(h)-1]
	q.h = h
	n := len(h)
	if n == 0 {
		return top
	}
	i := 0
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		m := c
		end := min(c+4, n)
		for j := c + 1; j < end; j++ {
			if h[j].before(&h[m]) {
				m = j
			}
		}
		if !h[m].before(&last) {
			break
		}
		h[i] = h[m]
		i = m
	}
	h[i] = last
	return top
}
