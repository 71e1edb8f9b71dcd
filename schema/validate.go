package schema

import (
	"slices"
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
	}
	for _, name := range s.Names() {
		comp := s.Components[name]
		base := Path("components", name)
		switch comp.Kind {
		case KindCompute:
			if spec, ok := cat.EC2Spec(comp.Compute.InstanceType); !ok || spec.VCPU < 1 {
				unknown(Path(base, "instance_type"), "instance type", comp.Compute.InstanceType, cat.EC2Types())
			}
			if w := comp.Compute.Workers; !workersInBounds(w) {
				bad(Path(base, "workers"), "processes × threads must be between 1 and %d", MaxWorkers)
			}
		case KindDatabase:
			if class := comp.Database.InstanceClass; class != "" {
				if spec, ok := cat.RDSSpec(class); !ok || spec.VCPU < 1 {
					unknown(Path(base, "instance_class"), "database class", class, cat.RDSClasses())
				}
			}
		case KindCache:
			if _, ok := cat.ElastiCacheSpec(comp.Cache.NodeType); !ok {
				unknown(Path(base, "node_type"), "cache node type", comp.Cache.NodeType, cat.ElastiCacheNodeTypes())
			}
		}
	}
	return errs.sorted()
}

// workersInBounds checks each factor before the product, which could
// otherwise overflow for a stack built in code.
func workersInBounds(w Workers) bool {
	return w.Processes >= 1 && w.Threads >= 1 && w.Processes <= MaxWorkers && w.Threads <= MaxWorkers &&
		w.Processes*w.Threads <= MaxWorkers
}
