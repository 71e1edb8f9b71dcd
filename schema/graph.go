package schema

import (
	"slices"
	"sort"
	"strconv"
	"strings"
)

// The traffic graph: where client traffic enters and how it moves on. A
// CDN passes its misses to its origin, a load balancer spreads evenly over
// its targets, and a compute tier's calls carry per_request calls for each
// request (or job) it serves to a load balancer, compute tier, database,
// cache or queue, and a queue hands its jobs to its consumers evenly.
// Hosting (compute.hosts) is not traffic. A jobs tier's declared rate
// (jobs.per_s) enters the graph at that tier, whatever the workload.

// Entry is a component that receives client traffic, with its share of
// the workload.
type Entry struct {
	Name  string
	Share float64
}

// Edge is one traffic edge: each request that reaches From sends Factor
// requests to To. Path is where the edge is written in the stack file.
type Edge struct {
	From, To string
	Factor   float64
	Path     string
}

// carriesOn reports whether traffic into kind k moves on through the
// graph, so that a call into it can be part of a cycle.
func carriesOn(k Kind) bool {
	return k == KindLB || k == KindCompute || k == KindCDN || k == KindQueue
}

// Out returns the traffic edges leaving component name, in the order the
// stack file writes them. Names that are no component are skipped (the
// loader rejects them).
func (s *Stack) Out(name string) []Edge {
	c := s.Components[name]
	if c == nil {
		return nil
	}
	var out []Edge
	add := func(to string, factor float64, path string) {
		if _, ok := s.Components[to]; ok {
			out = append(out, Edge{From: name, To: to, Factor: factor, Path: path})
		}
	}
	base := Path("components", name)
	switch {
	case c.CDN != nil:
		add(c.CDN.Origin, 1-c.CDN.HitRatio, Path(base, "origin"))
	case c.LB != nil:
		for i, t := range c.LB.Targets {
			add(t, 1/float64(len(c.LB.Targets)), Path(base, "targets", i))
		}
	case c.Compute != nil:
		for i, call := range c.Compute.Calls {
			add(call.Target, call.PerRequest, Path(base, "calls", i, "target"))
		}
	case c.Queue != nil:
		for i, t := range c.Queue.Consumers {
			add(t, 1/float64(len(c.Queue.Consumers)), Path(base, "consumers", i))
		}
	}
	return out
}

// Entries returns the components client traffic enters at, by name, with
// their shares of the workload: workload.entry alone; else
// workload.entries, an entry without a share taking an even part of what
// the declared shares leave; else every CDN and every internet-facing
// load balancer that is not a CDN's origin, evenly. Without those, every
// load balancer and compute tier (standby ones aside) that no component
// routes traffic to receives the whole workload: such a stack says
// nothing of how its clients split, and that is what it meant before the
// graph (declare workload.entries to split it).
func (s *Stack) Entries() []Entry {
	w := s.Workload
	if w.Entry != "" {
		return []Entry{{Name: w.Entry, Share: 1}}
	}
	if len(w.Entries) > 0 {
		names := make([]string, 0, len(w.Entries))
		left, open := 1.0, 0
		for n, e := range w.Entries {
			names = append(names, n)
			if e != nil && e.Share != nil {
				left -= *e.Share
			} else {
				open++
			}
		}
		sort.Strings(names)
		out := make([]Entry, len(names))
		for i, n := range names {
			out[i] = Entry{Name: n}
			if e := w.Entries[n]; e != nil && e.Share != nil {
				out[i].Share = *e.Share
			} else {
				out[i].Share = max(0, left) / float64(open)
			}
		}
		return out
	}
	var names []string
	for _, n := range s.Names() {
		c := s.Components[n]
		if c.Kind == KindCDN || (c.Kind == KindLB && c.LB.InternetFacing && !s.isOrigin(n)) {
			names = append(names, n)
		}
	}
	share := 1 / float64(len(names))
	if len(names) == 0 {
		share = 1
		routed := map[string]bool{}
		for _, n := range s.Names() {
			for _, e := range s.Out(n) {
				routed[e.To] = true
			}
		}
		for _, n := range s.Names() {
			c := s.Components[n]
			// Jobs come from queues and declared rates, and a tier that
			// serves nothing takes no client traffic.
			if !routed[n] && (c.Kind == KindLB || (c.Kind == KindCompute && !c.Compute.Standby && c.Compute.takesClients())) {
				names = append(names, n)
			}
		}
	}
	out := make([]Entry, len(names))
	for i, n := range names {
		out[i] = Entry{Name: n, Share: share}
	}
	return out
}

func (s *Stack) isOrigin(name string) bool {
	for _, c := range s.OfKind(KindCDN) {
		if c.CDN.Origin == name {
			return true
		}
	}
	return false
}

// takesClients reports whether client requests may enter at the tier.
func (c *Compute) takesClients() bool { return c.Serves != ServesJobs && c.Serves != ServesNone }

// declaredJobs is the jobs per second a jobs tier declares it takes
// besides its queues' (jobs.per_s), 0 for any other component.
func declaredJobs(c *Component) float64 {
	if c.Compute == nil || c.Compute.Serves != ServesJobs || c.Compute.Jobs == nil {
		return 0
	}
	return c.Compute.Jobs.PerS
}

// Rates returns the requests (or jobs) per second that reach each
// component when rps enter at the entries: rate(c) = its entry share ×
// rps + its declared jobs rate + Σ over the edges into c of rate(from) ×
// factor. Components nothing reaches are absent. Every rate is computed after those of all its senders (the
// loader rejects cycles; a component on one would be left out).
func (s *Stack) Rates(rps float64) map[string]float64 {
	rates := map[string]float64{}
	for _, e := range s.Entries() {
		if _, ok := s.Components[e.Name]; ok {
			rates[e.Name] += e.Share * rps
		}
	}
	for _, n := range s.Names() {
		if j := declaredJobs(s.Components[n]); j > 0 {
			rates[n] += j
		}
	}
	for _, n := range s.TrafficOrder() {
		r, ok := rates[n]
		if !ok {
			continue
		}
		for _, e := range s.Out(n) {
			rates[e.To] += r * e.Factor
		}
	}
	return rates
}

// Reached returns the components some traffic reaches: the entries with
// a share above 0, the jobs tiers with a declared rate above 0, and what
// edges with a factor above 0 lead to from them, whatever the workload's
// rates.
func (s *Stack) Reached() map[string]bool {
	reached := map[string]bool{}
	var stack []string
	for _, e := range s.Entries() {
		if _, ok := s.Components[e.Name]; ok && e.Share > 0 && !reached[e.Name] {
			reached[e.Name] = true
			stack = append(stack, e.Name)
		}
	}
	for _, n := range s.Names() {
		if declaredJobs(s.Components[n]) > 0 && !reached[n] {
			reached[n] = true
			stack = append(stack, n)
		}
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, e := range s.Out(n) {
			if e.Factor > 0 && !reached[e.To] {
				reached[e.To] = true
				stack = append(stack, e.To)
			}
		}
	}
	return reached
}

// TrafficOrder returns the component names so that every component comes
// after all components with an edge into it (Kahn's algorithm, ties by
// name). Components on a cycle are left out.
func (s *Stack) TrafficOrder() []string {
	indeg := map[string]int{}
	for _, n := range s.Names() {
		for _, e := range s.Out(n) {
			indeg[e.To]++
		}
	}
	var ready []string
	for _, n := range s.Names() {
		if indeg[n] == 0 {
			ready = append(ready, n)
		}
	}
	order := make([]string, 0, len(s.Components))
	for len(ready) > 0 {
		// Ties go in name order within each sender's batch: enough for a
		// deterministic order without a heap.
		n := ready[0]
		ready = ready[1:]
		order = append(order, n)
		var next []string
		for _, e := range s.Out(n) {
			indeg[e.To]--
			if indeg[e.To] == 0 {
				next = append(next, e.To)
			}
		}
		sort.Strings(next)
		ready = append(ready, next...)
	}
	return order
}

// checkGraph reports what the traffic graph must not have: a cycle of
// calls, routes and origins (each once, at the edge that closes it,
// naming the components around it), and declared entry shares that do
// not sum to 1.
func (s *Stack) checkGraph() Errors {
	var errs Errors
	const (
		unseen = iota
		onPath
		done
	)
	state := map[string]int{}
	var path []Edge
	var visit func(n string)
	visit = func(n string) {
		state[n] = onPath
		for _, e := range s.Out(n) {
			if !carriesOn(s.Components[e.To].Kind) {
				continue
			}
			switch state[e.To] {
			case unseen:
				path = append(path, e)
				visit(e.To)
				path = path[:len(path)-1]
			case onPath:
				start := len(path)
				for start > 0 && path[start-1].To != e.To {
					start--
				}
				errs = append(errs, cycleError(s, append(slices.Clone(path[start:]), e)))
			}
		}
		state[n] = done
	}
	for _, n := range s.Names() {
		if state[n] == unseen {
			visit(n)
		}
	}
	errs = append(errs, s.checkEntries()...)
	return errs
}

// cycleError reports the cycle of edges at its first call (every cycle
// has one: only calls leave a compute tier), naming the components round
// from that call's caller.
func cycleError(s *Stack, edges []Edge) *Error {
	at := 0
	for i, e := range edges {
		if c := s.Components[e.From]; c != nil && c.Compute != nil {
			at = i
			break
		}
	}
	edges = append(edges[at:], edges[:at]...)
	names := []string{edges[0].From}
	for _, e := range edges {
		names = append(names, e.To)
	}
	return errorf(s.Pos(edges[0].Path), "%s: traffic goes round in a cycle: %s; a request must not come back to a component it passed",
		edges[0].Path, strings.Join(names, " → "))
}

// checkEntries checks workload.entries: one of entry and entries, and
// shares that sum to 1 (or leave something to the entries without one).
func (s *Stack) checkEntries() Errors {
	w := s.Workload
	if len(w.Entries) == 0 {
		return nil
	}
	if w.Entry != "" {
		return Errors{errorf(s.Pos("workload.entry"), "workload.entry: set entry or entries, not both")}
	}
	sum, open := 0.0, 0
	for _, e := range w.Entries {
		if e != nil && e.Share != nil {
			sum += *e.Share
		} else {
			open++
		}
	}
	const eps = 1e-9
	switch {
	case sum > 1+eps:
		return Errors{errorf(s.Pos("workload.entries"), "workload.entries: the shares sum to %s, more than 1", fmtShare(sum))}
	case open == 0 && sum < 1-eps:
		return Errors{errorf(s.Pos("workload.entries"), "workload.entries: the shares sum to %s, not 1; raise them, or leave one entry without a share to take the rest", fmtShare(sum))}
	}
	return nil
}

func fmtShare(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }
