package schema

import (
	"slices"
	"sort"
	"strings"

	"github.com/infralint/infralint/catalog"
)

// checkReferences verifies what CUE cannot see across components: every
// name a component mentions exists and is of a kind that makes sense there.
func (s *Stack) checkReferences() Errors {
	var errs Errors
	bad := func(path, format string, args ...any) {
		errs = append(errs, errorf(s.Pos(path), "%s: "+format, append([]any{path}, args...)...))
	}
	expect := func(path, name string, kinds ...Kind) {
		c, ok := s.Components[name]
		if !ok {
			bad(path, "unknown component %q%s", name, s.didYouMean(name, kinds))
			return
		}
		for _, k := range kinds {
			if c.Kind == k {
				return
			}
		}
		bad(path, "%q is a %s; expected %s", name, c.Kind, kindList(kinds))
	}
	netAZs := map[string]bool{}
	for _, az := range s.Network.AZs {
		netAZs[az] = true
	}
	if s.Workload.Entry != "" {
		expect("workload.entry", s.Workload.Entry, KindLB, KindCompute, KindCDN)
	}
	for _, n := range sortedKeysOf(s.Workload.Entries) {
		expect(Path("workload", "entries", n), n, KindLB, KindCompute, KindCDN)
	}
	hostedBy := map[string]string{}
	for _, name := range s.Names() {
		c := s.Components[name]
		base := Path("components", name)
		for i, az := range c.AZs {
			if !netAZs[az] {
				bad(Path(base, "azs", i), "AZ %q is not in network.azs", az)
			}
		}
		switch c.Kind {
		case KindLB:
			for i, t := range c.LB.Targets {
				expect(Path(base, "targets", i), t, KindCompute)
			}
		case KindCompute:
			if c.Compute.Count > 0 && c.Compute.Autoscaling != nil {
				bad(Path(base, "count"), "set count or autoscaling, not both")
			}
			hostedDB := ""
			for i, h := range c.Compute.Hosts {
				expect(Path(base, "hosts", i), h, KindDatabase, KindCache)
				if other, dup := hostedBy[h]; dup {
					bad(Path(base, "hosts", i), "%q is already hosted by %q", h, other)
				}
				hostedBy[h] = name
				// The capacity model shares one server's vCPUs between the
				// app and one database; a second would be modelled apart
				// from the server that pricing says runs it.
				if t, ok := s.Components[h]; ok && t.Kind == KindDatabase {
					if hostedDB != "" {
						bad(Path(base, "hosts", i), "%q already hosts database %q; a compute component hosts at most one database", name, hostedDB)
					} else {
						hostedDB = h
					}
				}
			}
			for i, call := range c.Compute.Calls {
				p := Path(base, "calls", i)
				expect(Path(p, "target"), call.Target, KindLB, KindCompute, KindDatabase, KindCache, KindQueue)
				if call.Data != "" {
					t, ok := s.Components[call.Target]
					switch {
					case !ok:
					case t.Kind == KindCache:
						if _, ok := t.Cache.Data[call.Data]; !ok {
							bad(Path(p, "data"), "cache %q has no data set %q", call.Target, call.Data)
						}
					case t.Kind != KindDatabase:
						// A database call's data was never read either, but
						// stacks may carry it; a service call is new.
						bad(Path(p, "data"), "data names a cached data set; %q is a %s, not a cache", call.Target, t.Kind)
					}
				}
			}
		case KindDatabase:
			for i, in := range c.Database.Ingress {
				if !IsCIDR(in) {
					expect(Path(base, "ingress", i), in, KindCompute, KindLB, KindCache)
				}
			}
		case KindCache:
			checkDataSets(s, name, c.Cache, bad)
		case KindCDN:
			expect(Path(base, "origin"), c.CDN.Origin, KindLB, KindCompute)
		case KindQueue:
			for i, t := range c.Queue.Consumers {
				expect(Path(base, "consumers", i), t, KindCompute)
			}
		}
	}
	for _, db := range s.OfKind(KindDatabase) {
		if db.Database.InstanceClass == "" && hostedBy[db.Name] == "" {
			bad(Path("components", db.Name), "a database needs instance_class unless a compute component hosts it")
		}
	}
	if len(errs) > 0 {
		// A graph with dangling names would report cycles and shares
		// about components that are not there.
		return errs
	}
	if errs := s.checkRoles(); len(errs) > 0 {
		return errs
	}
	return s.checkGraph()
}

func sortedKeysOf[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// IsCIDR reports whether an ingress entry is an address block rather than
// a component name.
func IsCIDR(s string) bool { return strings.Contains(s, "/") }

// didYouMean suggests, among the components of the kinds that fit where
// the name was written, the closest one, or lists them all.
func (s *Stack) didYouMean(name string, kinds []Kind) string {
	var names []string
	for _, n := range s.Names() {
		if slices.Contains(kinds, s.Components[n].Kind) {
			names = append(names, n)
		}
	}
	if hints := catalog.Suggest(names, name, 1); len(hints) > 0 {
		return "; did you mean " + `"` + hints[0] + `"?`
	}
	if len(names) == 0 {
		return "; the stack has no " + kindList(kinds)[2:] + " component"
	}
	return "; " + kindList(kinds)[2:] + " components: " + quoteAll(names)
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = `"` + n + `"`
	}
	sort.Strings(q)
	return strings.Join(q, ", ")
}

func kindList(kinds []Kind) string {
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = string(k)
	}
	if len(parts) == 1 {
		return "a " + parts[0]
	}
	return "a " + strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

// HostOf returns the compute component whose servers run the named
// component, or nil when it runs on its own.
func (s *Stack) HostOf(name string) *Component {
	if s.hostOf != nil {
		if host, ok := s.hostOf[name]; ok {
			return s.Components[host]
		}
		return nil
	}
	for _, c := range s.OfKind(KindCompute) {
		for _, h := range c.Compute.Hosts {
			if h == name {
				return c
			}
		}
	}
	return nil
}
