package schema

// checkRoles checks that traffic reaches each tier in the form it serves
// (compute.serves): a queue's consumers take jobs, a tier that serves
// nothing receives nothing, and one that receives requests or jobs
// declares what each costs it (demand.cpu_ms). The names are known to
// exist (checkReferences ran first).
func (s *Stack) checkRoles() Errors {
	var errs Errors
	bad := func(path, format string, args ...any) {
		errs = append(errs, errorf(s.Pos(path), "%s: "+format, append([]any{path}, args...)...))
	}
	entry := func(path, name string) {
		if cp := s.Components[name].Compute; cp != nil && !cp.takesClients() {
			bad(path, "%q serves %q and takes no client requests; enter the workload at a tier or load balancer that serves them", name, cp.Serves)
		}
	}
	if s.Workload.Entry != "" {
		entry("workload.entry", s.Workload.Entry)
	}
	for _, n := range sortedKeysOf(s.Workload.Entries) {
		entry(Path("workload", "entries", n), n)
	}
	for _, name := range s.Names() {
		c := s.Components[name]
		base := Path("components", name)
		if c.Queue != nil {
			for i, t := range c.Queue.Consumers {
				if cp := s.Components[t].Compute; cp.Serves != ServesJobs {
					bad(Path(base, "consumers", i), "queue %q hands jobs to %q, which serves %q; set serves: \"jobs\" on it", name, t, roleOf(cp))
				}
			}
		}
		for _, e := range s.Out(name) {
			t := s.Components[e.To]
			if t.Compute == nil || c.Queue != nil {
				continue
			}
			switch {
			case t.Compute.Serves == ServesNone:
				bad(e.Path, "%q serves nothing (serves: \"none\") but receives traffic from %q; set what it serves", e.To, name)
			case t.Compute.Serves == ServesJobs:
				bad(e.Path, "%q serves jobs, which come from a queue; call a queue that lists it in consumers", e.To)
			case !t.Compute.Modelled() && !s.Derived():
				// A derived tier without demand is reported as not
				// modelled by the capacity analysis instead.
				bad(e.Path, "%q receives traffic from %q but has no demand.cpu_ms to model it with; give its demand", e.To, name)
			}
		}
	}
	return errs
}

func roleOf(c *Compute) Role {
	if c.Serves == "" {
		return ServesHTTP
	}
	return c.Serves
}
