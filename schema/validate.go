package schema

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/infralint/infralint/catalog"
)

// MaxWorkers bounds processes × threads of one instance. The capacity
// model makes each instance's workers one M/M/c queue and bounds c by the
// same figure (capacity.MaxServers, a test keeps them equal): the schema's
// per-field bounds still allow 1,024 × 10,000.
const MaxWorkers = 10_000_000

// Validate checks what the capacity model and the cost estimate need
// beyond the schema and the references the loader checks: a region the
// catalog prices; instance types, database classes and cache node types
// whose specs it has, with at least one vCPU; and workers per instance
// within MaxWorkers. Each problem is an error at its position; an unknown
// name comes with the closest known ones. A stack that loaded and passes
// Validate is one the capacity model reads without checking it again
// (with cat, or a catalog with the same specs: a user price file adds
// prices, never specs). A nil cat means catalog.Default().
func Validate(s *Stack, cat *catalog.Catalog) Errors {
	if cat == nil {
		cat = catalog.Default()
	}
	var errs Errors
	bad := func(path, format string, args ...any) {
		errs = append(errs, errorf(s.Pos(path), "%s: "+format, append([]any{path}, args...)...))
	}
	unknown := func(path, what, name string, known []string) {
		msg := "unknown " + what + " " + `"` + name + `"`
		if hints := catalog.Suggest(known, name, 3); len(hints) > 0 {
			msg += "; did you mean " + strings.Join(hints, ", ") + "?"
		}
		bad(path, "%s", msg)
	}
	if !slices.Contains(cat.Regions(), s.Region) {
		unknown("region", "region", s.Region, cat.Regions())
	} else {
		// Against an unknown region every AZ would be wrong too: one error says it.
		validateAZRegion(s, bad)
	}
	validateCPUTargets(s, bad)
	validateSchedules(s, bad)
	// Listed once per stack, not per tier: the list is built from the
	// snapshot on every call (1 ms; 250 tiers spent 262 ms of a 1,000-
	// component check in it).
	var priced map[string]bool
	for _, name := range s.Names() {
		comp := s.Components[name]
		base := Path("components", name)
		switch comp.Kind {
		case KindCompute:
			if priced == nil {
				priced = map[string]bool{}
				for _, t := range cat.EC2Types() {
					priced[t] = true
				}
			}
			// An explicit vcpus stands in for a spec's count, but the type
			// must still be known: it prices the instance.
			t := comp.Compute.InstanceType
			spec, hasSpec := cat.EC2Spec(t)
			isPriced := priced[t]
			if _, counted := comp.Compute.VCPUCount(cat); !counted || !isPriced && (!hasSpec || spec.VCPU < 1) {
				if isPriced {
					// Priced, but no spec source gives its vCPU count:
					// suggesting the same name back would contradict the error.
					bad(Path(base, "instance_type"), "instance type %q is priced, but no spec source of the catalog gives its vCPU count, which the capacity model needs; use a type with a known count, or set vcpus%s", t, sizedHint(cat, t))
				} else {
					unknown(Path(base, "instance_type"), "instance type", t, cat.SizedEC2Types())
				}
			}
			switch w := comp.Compute.Workers; {
			case w.EventLoop() && w.Threads != 1:
				bad(Path(base, "workers", "threads"), "an event loop runs one thread per process: drop threads, or set concurrency for the requests one process runs at once")
			case !w.EventLoop() && w.Concurrency != 0:
				bad(Path(base, "workers", "concurrency"), "concurrency limits an event loop's requests per process: set model: \"event_loop\", or drop it (blocking workers run threads requests at once)")
			case w.EventLoop() && !workersInBounds(w):
				bad(Path(base, "workers"), "processes × concurrency must be at most %d", MaxWorkers)
			case !workersInBounds(w):
				bad(Path(base, "workers"), "processes × threads must be between 1 and %d", MaxWorkers)
			}
		case KindDatabase:
			// The snapshot has no MariaDB price (no cited source); refuse it
			// rather than print a total without its largest line.
			if db := comp.Database; db.Engine == "mariadb" && db.InstanceClass != "" {
				key := catalog.RDSKey(db.Engine, db.InstanceClass, db.MultiAZ)
				if _, ok := cat.Price(s.Region, key); !ok {
					bad(Path(base, "engine"), "RDS for MariaDB is not priced: no cited source gives its instance prices; supply %s in %s with --prices FILE", key, s.Region)
				}
			}
			if class := comp.Database.InstanceClass; class != "" {
				if spec, ok := cat.RDSSpec(class); !ok || spec.VCPU < 1 {
					unknown(Path(base, "instance_class"), "database class", class, cat.RDSClasses())
				}
			}
		case KindCDN:
			validateViewers(comp, base, bad)
		case KindCache:
			if _, ok := cat.ElastiCacheSpec(comp.Cache.NodeType); !ok {
				unknown(Path(base, "node_type"), "cache node type", comp.Cache.NodeType, cat.ElastiCacheNodeTypes())
			}
		}
	}
	return errs.sorted()
}

// validateViewers holds a CDN's viewers to CloudFront's price groups and
// their shares to a sum of 1, as the cost splits its requests by them.
func validateViewers(c *Component, base string, bad func(path, format string, args ...any)) {
	if c.CDN.Viewers == nil {
		return
	}
	sum := 0.0
	for _, geo := range slices.Sorted(maps.Keys(c.CDN.Viewers)) {
		sum += c.CDN.Viewers[geo]
		if !slices.Contains(catalog.CloudFrontGeographies, geo) {
			msg := fmt.Sprintf("unknown viewer geography %q", geo)
			if hints := catalog.Suggest(catalog.CloudFrontGeographies, geo, 1); len(hints) > 0 {
				msg += "; did you mean " + hints[0] + "?"
			}
			bad(Path(base, "viewers", geo), "%s (CloudFront's price groups: %s)", msg, strings.Join(catalog.CloudFrontGeographies, ", "))
		}
	}
	if sum < 1-1e-9 || sum > 1+1e-9 {
		bad(Path(base, "viewers"), "viewer shares sum to %s; they must sum to 1", number(sum))
	}
}

// validateAZRegion refuses an availability zone of another region: the
// stack would be priced in one region and deployed in none. An AZ is its
// region's code followed by a letter (us-east-1a) or, for a Local Zone, by
// "-" and the zone's name (us-east-1-bos-1a). Components' AZs are a subset
// of network.azs (the loader checks that), so those are the ones to check.
func validateAZRegion(s *Stack, bad func(path, format string, args ...any)) {
	for i, az := range s.Network.AZs {
		switch {
		case az == s.Region:
			bad(Path("network", "azs", i), "%q is the region, not one of its availability zones (%sa, %sb, ...)", az, s.Region, s.Region)
		case !azOfRegion(az, s.Region):
			bad(Path("network", "azs", i), "availability zone %q is not in region %q (its zones are %sa, %sb, ...)", az, s.Region, s.Region, s.Region)
		}
	}
}

func azOfRegion(az, region string) bool {
	rest, ok := strings.CutPrefix(az, region)
	if !ok || rest == "" {
		return false
	}
	if len(rest) == 1 {
		return rest[0] >= 'a' && rest[0] <= 'z'
	}
	return rest[0] == '-'
}

// validateCPUTargets refuses a target-tracking CPU target under 1: it is a
// percentage, and 0.6 is 60 % written as .infralint.cue's
// utilisation_target (a fraction) is. Accepted, it would make the cost
// estimate size the fleet for 0.6 % CPU.
func validateCPUTargets(s *Stack, bad func(path, format string, args ...any)) {
	for _, c := range s.OfKind(KindCompute) {
		a := c.Compute.Autoscaling
		if a == nil || a.Policy == nil || a.Policy.CPUTarget == 0 || a.Policy.CPUTarget >= 1 {
			continue
		}
		t := a.Policy.CPUTarget
		bad(Path("components", c.Name, "autoscaling", "policy", "cpu_target"),
			"a percentage (1 to 100), not a fraction: %s means %s %%; for %s %% write %s",
			number(t), number(t), number(t*100), number(t*100))
	}
}

// number prints a float as a user would write it, to four digits: 0.6 and
// 60 (not 60.00000000000001), 1e-300 (not three hundred zeros).
func number(f float64) string { return strconv.FormatFloat(f, 'g', 4, 64) }

// workersInBounds checks each factor before the product, which could
// otherwise overflow for a stack built in code.
func workersInBounds(w Workers) bool {
	return w.Processes >= 1 && w.Threads >= 1 && w.Processes <= MaxWorkers && w.Threads <= MaxWorkers &&
		w.Processes*w.Threads <= MaxWorkers &&
		w.Concurrency >= 0 && w.Concurrency <= MaxWorkers && w.Processes*w.Concurrency <= MaxWorkers
}

// sizedHint is "; close ones with a count: a, b" for an unsized type.
func sizedHint(cat *catalog.Catalog, name string) string {
	hints := catalog.Suggest(cat.SizedEC2Types(), name, 3)
	if len(hints) == 0 {
		return ""
	}
	return "; close ones with a count: " + strings.Join(hints, ", ")
}
